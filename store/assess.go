package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	err := s.write(ctx, func(t *txn) error {
		m, err := t.model()
		if err != nil {
			return err
		}
		if !m.HasDomain(domain) {
			return fmt.Errorf("unknown domain %q: want %s", domain, m.DomainKeys())
		}
		if level < 0 || level > roadmap.MaxLevel {
			return fmt.Errorf("invalid level %d: want a number from 0 to %d", level, roadmap.MaxLevel)
		}
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
		return t.record(Event{Action: ActionAssess, Field: domain, Old: strconv.Itoa(prev), New: strconv.Itoa(level), Reason: a.Note})
	})
	return a, err
}

// Assessments returns every assessment, oldest first.
func (s *Store) Assessments(ctx context.Context) ([]Assessment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, domain, level, note, actor, at FROM assessments ORDER BY id`)
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
