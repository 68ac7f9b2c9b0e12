package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"maturity/roadmap"
)

// MaxNote is the longest assessment note accepted.
const MaxNote = 1000

// Assessment is a recorded judgement of the level a domain has reached,
// independent of initiatives: the domain's baseline. The latest one per
// domain counts.
type Assessment struct {
	ID     int64
	Domain string
	Level  int
	Note   string
	Actor  string
	At     time.Time
}

// Assess records that domain is at level (0..4), with an optional note.
func (s *Store) Assess(ctx context.Context, domain string, level int, note string) (Assessment, error) {
	a := Assessment{Domain: domain, Level: level}
	err := s.write(ctx, EvidenceAccess, func(t *txn) error {
		m, err := t.model()
		if err != nil {
			return err
		}
		if domain, err = m.ParseDomain(domain); err != nil {
			return err
		}
		if _, err := roadmap.ParseBaseline(strconv.Itoa(level)); err != nil {
			return err
		}
		a.Domain = domain
		if a.Note, err = roadmap.CleanText(note, "note", MaxNote); err != nil {
			return err
		}
		prev := 0
		err = t.tx.QueryRowContext(ctx, `SELECT level FROM assessments WHERE domain = ? ORDER BY id DESC LIMIT 1`, domain).Scan(&prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return dbError(err)
		}
		a.Actor, a.At = t.actor, t.at
		res, err := t.tx.ExecContext(ctx, `INSERT INTO assessments (domain, level, note, actor, at) VALUES (?, ?, ?, ?, ?)`,
			domain, level, a.Note, a.Actor, formatTime(a.At))
		if err != nil {
			return dbError(err)
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return dbError(err)
		}
		t.assessed = true
		return t.record(Event{Action: ActionAssess, Field: domain, Old: strconv.Itoa(prev), New: strconv.Itoa(level), Reason: a.Note})
	})
	return a, err
}

// Assessments returns every assessment, oldest first.
func (s *Store) Assessments(ctx context.Context) ([]Assessment, error) {
	return loadAssessments(ctx, s.db)
}

// LoadWithAssessments reads the whole roadmap (Load) and every assessment
// (Assessments) from one consistent snapshot, as dating the levels needs.
func (s *Store) LoadWithAssessments(ctx context.Context) (*roadmap.Roadmap, []Assessment, error) {
	var r *roadmap.Roadmap
	var as []Assessment
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if r, err = load(ctx, tx, full, s.today()); err != nil {
			return err
		}
		as, err = loadAssessments(ctx, tx)
		return err
	})
	return r, as, err
}

// Assessed turns assessments into what roadmap.LevelDates reads.
func Assessed(as []Assessment) []roadmap.Assessed {
	out := make([]roadmap.Assessed, len(as))
	for i, a := range as {
		out[i] = roadmap.Assessed{Domain: a.Domain, Level: a.Level, At: a.At}
	}
	return out
}

func loadAssessments(ctx context.Context, q querier) ([]Assessment, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, domain, level, note, actor, at FROM assessments ORDER BY id`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []Assessment
	for rows.Next() {
		var a Assessment
		var at int64
		if err := rows.Scan(&a.ID, &a.Domain, &a.Level, &a.Note, &a.Actor, &at); err != nil {
			return nil, dbError(err)
		}
		a.At = parseTime(at)
		out = append(out, a)
	}
	return out, dbError(rows.Err())
}
