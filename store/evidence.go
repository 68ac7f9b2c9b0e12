package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"maturity/internal/progname"
	"maturity/roadmap"
)

// The longest evidence and notes an answer or a value keeps, and the
// longest source of a value.
const (
	MaxEvidence = 1000
	MaxSource   = 300
)

// evidenceSchema holds every answer to a check criterion and every value
// recorded for a metric: nothing is updated or deleted, so the latest of
// each counts and the rest is history.
const evidenceSchema = `
CREATE TABLE answers (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	criterion TEXT NOT NULL,
	state     TEXT NOT NULL CHECK (state IN ('met', 'unmet', 'unknown')),
	evidence  TEXT NOT NULL DEFAULT '',
	note      TEXT NOT NULL DEFAULT '',
	actor     TEXT NOT NULL,
	at        INTEGER NOT NULL
);
CREATE INDEX answers_by_criterion ON answers (criterion, id);
CREATE TABLE metric_values (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	metric  TEXT NOT NULL,
	quarter TEXT NOT NULL,   -- YYYY-QN: the quarter the value is for
	value   REAL NOT NULL,   -- in the unit's own terms (roadmap.Scale.Parse)
	note    TEXT NOT NULL DEFAULT '',
	source  TEXT NOT NULL DEFAULT '',
	actor   TEXT NOT NULL,
	at      INTEGER NOT NULL -- when it was recorded
);
CREATE INDEX metric_values_by_quarter ON metric_values (metric, quarter, id);
`

// migrate3 adds the answers and metric values, and gives a stored model
// that has no metrics and no criteria those of the default model, for the
// domains it shares with it (roadmap.WithDefaultEvidence), so that an
// existing database can be assessed at once.
func migrate3(tx *sql.Tx, _ *Store) error {
	if _, err := tx.Exec(evidenceSchema); err != nil {
		return err
	}
	m, err := loadModel(context.Background(), tx)
	if err != nil {
		return nil // a model maturity cannot read stays as it is: the commands say so
	}
	next := roadmap.WithDefaultEvidence(m)
	if next == m {
		return nil
	}
	var doc bytes.Buffer
	if err := roadmap.WriteModel(&doc, next); err != nil {
		return err
	}
	_, err = tx.Exec(`UPDATE model SET document = ? WHERE id = 1`, doc.String())
	return err
}

// loadEvidence reads every answer and, per metric and quarter, the value
// recorded last. A row that maturity did not write is named, with what to
// do.
func loadEvidence(ctx context.Context, q querier) (*roadmap.Evidence, error) {
	ev := &roadmap.Evidence{}
	rows, err := q.QueryContext(ctx, `SELECT id, criterion, state, evidence, note, actor, at FROM answers ORDER BY id`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a roadmap.Answer
		var state string
		var at int64
		if err := rows.Scan(&a.ID, &a.Criterion, &state, &a.Evidence, &a.Note, &a.Actor, &at); err != nil {
			return nil, badEvidence("answer", a.ID, err)
		}
		a.State, a.At = roadmap.CriterionState(state), parseTime(at)
		ev.Answers = append(ev.Answers, a)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err)
	}
	rows.Close()
	vals, err := q.QueryContext(ctx, `
		SELECT id, metric, quarter, value, note, source, actor, at FROM metric_values
		WHERE id IN (SELECT max(id) FROM metric_values GROUP BY metric, quarter)
		ORDER BY metric, quarter`)
	if err != nil {
		return nil, dbError(err)
	}
	defer vals.Close()
	for vals.Next() {
		var v roadmap.MetricValue
		var quarter string
		var at int64
		if err := vals.Scan(&v.ID, &v.Metric, &quarter, &v.Value, &v.Note, &v.Source, &v.Actor, &at); err != nil {
			return nil, badEvidence("metric value", v.ID, err)
		}
		q, err := roadmap.ParseQuarter(quarter)
		if err != nil || q.IsBacklog() || math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
			return nil, badEvidence("metric value", v.ID, fmt.Errorf("quarter %q or value %v is not one maturity writes", roadmap.Printable(quarter), v.Value))
		}
		v.Quarter, v.At = q, parseTime(at)
		ev.Values = append(ev.Values, v)
	}
	return ev, dbError(vals.Err())
}

// badEvidence names a row of answers or metric_values that maturity did
// not write.
func badEvidence(what string, id int64, err error) error {
	return fmt.Errorf("%s %d in the database holds a value maturity did not write (%v); it was changed outside maturity: restore a backup", what, id, err)
}

// Answer records an answer to a check criterion: met, unmet or unknown,
// with its evidence and a note. Every answer is kept (and is a history
// entry); the latest counts. A metric criterion is refused, naming the
// metric to record instead.
func (s *Store) Answer(ctx context.Context, key, state, evidence, note string) (roadmap.Answer, error) {
	var a roadmap.Answer
	err := s.write(ctx, EvidenceAccess, func(t *txn) error {
		var err error
		a, err = t.answer(key, state, evidence, note)
		return err
	})
	return a, err
}

// answer records an answer in the transaction, at its time and by its
// actor.
func (t *txn) answer(key, state, evidence, note string) (roadmap.Answer, error) {
	m, err := t.model()
	if err != nil {
		return roadmap.Answer{}, err
	}
	c, err := m.FindCriterion(key)
	if err != nil {
		return roadmap.Answer{}, err
	}
	if err := m.Answerable(c, "'"+progname.Command("metric record "+c.Metric+" VALUE")+"'"); err != nil {
		return roadmap.Answer{}, err
	}
	st, err := roadmap.ParseCriterionState(state)
	if err != nil {
		return roadmap.Answer{}, err
	}
	a := roadmap.Answer{Criterion: c.Key, State: st, Actor: t.actor, At: t.at}
	if a.Evidence, err = roadmap.CleanText(evidence, "evidence", MaxEvidence); err != nil {
		return a, err
	}
	if a.Note, err = roadmap.CleanText(note, "note", MaxNote); err != nil {
		return a, err
	}
	prev := string(roadmap.Unknown)
	err = t.tx.QueryRowContext(t.ctx, `SELECT state FROM answers WHERE criterion = ? ORDER BY id DESC LIMIT 1`, c.Key).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return a, dbError(err)
	}
	res, err := t.exec(`INSERT INTO answers (criterion, state, evidence, note, actor, at) VALUES (?, ?, ?, ?, ?, ?)`,
		a.Criterion, string(a.State), a.Evidence, a.Note, a.Actor, formatTime(a.At))
	if err != nil {
		return a, err
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return a, dbError(err)
	}
	t.assessed = true
	return a, t.record(Event{Action: ActionAnswer, Field: c.Key, Old: prev, New: string(st), Reason: joinReason(a.Evidence, a.Note)})
}

// AddEvidence records answers and metric values with the times and actors
// they carry (a sample's history, spread over past quarters), in one
// transaction, each held to the rules of Answer and RecordValues and each
// a history entry at its time.
func (s *Store) AddEvidence(ctx context.Context, ev roadmap.Evidence) error {
	return s.write(ctx, ImportAccess, func(t *txn) error {
		actor := t.actor
		as := func(who string, at time.Time) error {
			t.actor, t.at = actor, at
			if who != "" {
				clean, err := CleanActor(who, "actor")
				if err != nil {
					return err
				}
				t.actor = clean
			}
			return nil
		}
		m, err := t.model()
		if err != nil {
			return err
		}
		// In time order, answers and values together, so the history
		// reads as it happened.
		type item struct {
			at     time.Time
			answer *roadmap.Answer
			value  *roadmap.MetricValue
		}
		var items []item
		for i := range ev.Answers {
			items = append(items, item{at: ev.Answers[i].At, answer: &ev.Answers[i]})
		}
		for i := range ev.Values {
			items = append(items, item{at: ev.Values[i].At, value: &ev.Values[i]})
		}
		slices.SortStableFunc(items, func(a, b item) int { return a.at.Compare(b.at) })
		for _, it := range items {
			if a := it.answer; a != nil {
				if err := as(a.Actor, a.At); err != nil {
					return err
				}
				if _, err := t.answer(a.Criterion, string(a.State), a.Evidence, a.Note); err != nil {
					return err
				}
				continue
			}
			v := it.value
			if err := as(v.Actor, v.At); err != nil {
				return err
			}
			x, err := m.FindMetric(v.Metric)
			if err != nil {
				return err
			}
			if _, _, err := t.recordValue(ValueInput{Metric: v.Metric, Quarter: v.Quarter, Value: x.Format(v.Value), Note: v.Note, Source: v.Source}, false); err != nil {
				return err
			}
		}
		return nil
	})
}

// joinReason is what the history keeps as the reason of an answer or a
// value: its evidence (or source) and its note, each when given.
func joinReason(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " — ")
}

// ValueInput is a value to record for a metric and a quarter, as typed.
type ValueInput struct {
	Metric  string
	Quarter roadmap.Quarter
	Value   string // as written, in one of the unit's forms
	Note    string
	Source  string
	Line    int // the line of a file it came from, for errors; 0 for none
	// KeepNote and KeepSource keep the note and the source of the value
	// the quarter holds (a file without those columns), instead of Note
	// and Source.
	KeepNote, KeepSource bool
}

// ValueChange is one value recorded (or, in a dry run, that would be).
type ValueChange struct {
	roadmap.MetricValue
	// Old is the value it replaces, in canonical form; "" when the
	// quarter had none.
	Old string
}

// RecordValue records a metric's value for a quarter (see RecordValues).
func (s *Store) RecordValue(ctx context.Context, in ValueInput) (ValueChange, error) {
	changes, err := s.RecordValues(ctx, []ValueInput{in}, false)
	if err != nil || len(changes) == 0 {
		return ValueChange{}, err
	}
	return changes[0], nil
}

// RecordValues records metric values in one transaction, all or none: one
// value per metric and quarter, so recording one again replaces it (the
// old one stays in the history). A value read in the metric's unit, note
// and source equal to what the quarter holds already changes nothing, so
// an import can run twice. The error of a bad value names its line when
// it has one. With dryRun nothing is written; the changes are those that
// would be made.
func (s *Store) RecordValues(ctx context.Context, ins []ValueInput, dryRun bool) ([]ValueChange, error) {
	var out []ValueChange
	err := s.write(ctx, EvidenceAccess, func(t *txn) error {
		out = nil
		m, err := t.model()
		if err != nil {
			return err
		}
		type key struct {
			metric  string
			quarter roadmap.Quarter
		}
		seen := map[key]int{}
		for _, in := range ins {
			k := key{strings.ToLower(strings.TrimSpace(in.Metric)), in.Quarter}
			if first, dup := seen[k]; dup && m.Metric(k.metric) != nil {
				err := fmt.Errorf("%s has a value for %s already%s", k.metric, in.Quarter, atLine(first))
				if in.Line > 0 {
					err = fmt.Errorf("line %d: %w", in.Line, err)
				}
				return err
			}
			seen[k] = in.Line
			c, changed, err := t.recordValue(in, dryRun)
			if err != nil {
				return err
			}
			if changed {
				out = append(out, c)
			}
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return out, err
}

// recordValue records one value in the transaction (see RecordValues),
// or with dryRun works out what it would change; changed is false when
// the quarter holds that value already.
func (t *txn) recordValue(in ValueInput, dryRun bool) (c ValueChange, changed bool, err error) {
	where := func(err error) error {
		if in.Line > 0 {
			return fmt.Errorf("line %d: %w", in.Line, err)
		}
		return err
	}
	m, err := t.model()
	if err != nil {
		return c, false, err
	}
	x, err := m.FindMetric(in.Metric)
	if err != nil {
		return c, false, where(err)
	}
	if in.Quarter.IsBacklog() {
		return c, false, where(fmt.Errorf("a value is for a quarter, such as 2026-Q3"))
	}
	v, err := x.ParseValue(in.Value)
	if err != nil {
		return c, false, where(err)
	}
	c = ValueChange{MetricValue: roadmap.MetricValue{Metric: x.Key, Quarter: in.Quarter, Value: v, Actor: t.actor, At: t.at}}
	if c.Note, err = roadmap.CleanText(in.Note, "note", MaxNote); err != nil {
		return c, false, where(err)
	}
	if c.Source, err = roadmap.CleanLine(in.Source, "source", MaxSource, false); err != nil {
		return c, false, where(err)
	}
	var old float64
	var oldNote, oldSource string
	err = t.tx.QueryRowContext(t.ctx, `SELECT value, note, source FROM metric_values WHERE metric = ? AND quarter = ? ORDER BY id DESC LIMIT 1`,
		x.Key, in.Quarter.String()).Scan(&old, &oldNote, &oldSource)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return c, false, dbError(err)
	default:
		if in.KeepNote {
			c.Note = oldNote
		}
		if in.KeepSource {
			c.Source = oldSource
		}
		if x.Scale().Compare(old, v) == 0 && oldNote == c.Note && oldSource == c.Source {
			return c, false, nil
		}
		c.Old = x.Format(old)
	}
	if dryRun {
		return c, true, nil
	}
	res, err := t.exec(`INSERT INTO metric_values (metric, quarter, value, note, source, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.Metric, c.Quarter.String(), c.Value, c.Note, c.Source, c.Actor, formatTime(c.At))
	if err != nil {
		return c, false, err
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return c, false, dbError(err)
	}
	t.assessed = true
	return c, true, t.record(Event{Action: ActionMetric, Field: valueField(c.Metric, c.Quarter), Old: c.Old, New: x.Format(v),
		Reason: joinReason(c.Source, c.Note)})
}

// atLine says where something was first given in a file.
func atLine(line int) string {
	if line > 0 {
		return fmt.Sprintf(" (at line %d)", line)
	}
	return ""
}

// valueField is the history's field of a metric value: "KEY QUARTER".
func valueField(metric string, q roadmap.Quarter) string { return metric + " " + q.String() }

// ValueHistory returns every value recorded for the metrics, replaced
// ones included, oldest first: what 'metric export' writes is only the
// latest of each (LoadEvidence).
func (s *Store) ValueHistory(ctx context.Context) ([]roadmap.MetricValue, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, metric, quarter, value, note, source, actor, at FROM metric_values ORDER BY id`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []roadmap.MetricValue
	for rows.Next() {
		var v roadmap.MetricValue
		var quarter string
		var at int64
		if err := rows.Scan(&v.ID, &v.Metric, &quarter, &v.Value, &v.Note, &v.Source, &v.Actor, &at); err != nil {
			return nil, badEvidence("metric value", v.ID, err)
		}
		v.Quarter, _ = roadmap.ParseQuarter(quarter)
		v.At = parseTime(at)
		out = append(out, v)
	}
	return out, dbError(rows.Err())
}

// Evidence is what the assessment views read, from one snapshot: the
// model, the manual assessments (oldest first), and the evidence.
type Evidence struct {
	Model       *roadmap.Model
	Assessments []Assessment
	Evidence    *roadmap.Evidence
}

// LoadEvidence reads the model, the assessments and the evidence from one
// consistent snapshot.
func (s *Store) LoadEvidence(ctx context.Context) (*Evidence, error) {
	out := &Evidence{}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if out.Model, err = loadModel(ctx, tx); err != nil {
			return err
		}
		if out.Assessments, err = loadAssessments(ctx, tx); err != nil {
			return err
		}
		out.Evidence, err = loadEvidence(ctx, tx)
		return err
	})
	return out, err
}

// At judges the evidence at a moment: the manual assessments recorded
// before it (all of them when it has no end) and the answers and values
// it counts (roadmap.Model.Assess).
func (e *Evidence) At(at roadmap.AsOf) *roadmap.Assessment {
	return e.Model.Assess(roadmap.ManualAt(Assessed(e.Assessments), at.Until), e.Evidence, at)
}

// today is the day the evidence is judged as of: Today's, else the
// system clock's (not Now's, which tests make tick with every call).
func (s *Store) today() time.Time {
	if s.Today != nil {
		return s.Today()
	}
	return time.Now()
}

// Levels is the evidence judged at a moment with the levels reached
// then: what `assess` shows.
type Levels struct {
	*Evidence
	Assessment *roadmap.Assessment
	Reached    roadmap.Levels // per domain, in model order
}

// LoadLevels reads what the levels reached and the evidence need, and
// nothing of the plan, from one snapshot: the evidence judged at a moment
// (Evidence.At), and the levels reached from its baselines, asking an
// index a level at a time what targets it (as a status change does, not
// counting every initiative). With at.Until set, the levels are those at
// that moment: an initiative counts as done only if it was done before
// then (statuses otherwise as they are now), as Roadmap.Levels of such a
// roadmap gives them.
func (s *Store) LoadLevels(ctx context.Context, at roadmap.AsOf) (*Levels, error) {
	out := &Levels{Evidence: &Evidence{}}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		e := out.Evidence
		var err error
		if e.Model, err = loadModel(ctx, tx); err != nil {
			return err
		}
		if e.Assessments, err = loadAssessments(ctx, tx); err != nil {
			return err
		}
		if e.Evidence, err = loadEvidence(ctx, tx); err != nil {
			return err
		}
		out.Assessment = e.At(at)
		row := func(query string, args ...any) *sql.Row { return tx.QueryRowContext(ctx, query, args...) }
		// A status edited by hand is named by reading its row.
		named := func(id int64) error { _, _, err := (&txn{ctx: ctx, tx: tx, m: e.Model}).row(id); return err }
		out.Reached, err = levelsAt(row, named, e.Model, out.Assessment.Baselines(), at.Until, nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
