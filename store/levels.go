package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"maturity/roadmap"
)

// Whether a level has unfinished work, and done work, asked of the index
// on (domain, level, quarter, status): each stops at the first entry that
// answers it, so a status change needs no read of the whole roadmap. A
// status that is neither done nor dropped counts as unfinished, so that a
// status edited by hand is found and named rather than passed over. As
// of a moment (until), work done at or after it counts as unfinished,
// asked of the index of the done initiatives by (domain, level, done_at).
const (
	openAtLevel = `SELECT id, status FROM initiatives INDEXED BY initiatives_by_level
		WHERE domain = ? AND level = ? AND (status IS NULL OR status NOT IN ('done', 'dropped')) AND id != ? LIMIT 1`
	doneAtLevel = `SELECT EXISTS (SELECT 1 FROM initiatives INDEXED BY initiatives_by_level
		WHERE domain = ? AND level = ? AND status = 'done' AND id != ?)`
	doneFrom = `SELECT EXISTS (SELECT 1 FROM initiatives INDEXED BY initiatives_done_by_level
		WHERE domain = ? AND level = ? AND status = 'done' AND done_at >= ?)`
	doneBefore = `SELECT EXISTS (SELECT 1 FROM initiatives INDEXED BY initiatives_done_by_level
		WHERE domain = ? AND level = ? AND status = 'done' AND done_at < ?)`
)

// levelsNow returns the levels reached now as this transaction sees them
// (roadmap.Model.LevelsFrom). with, when not nil, counts in place of the
// stored row of its id: the levels as a change to it would leave them.
func (t *txn) levelsNow(with *roadmap.Initiative) (roadmap.Levels, error) {
	m, err := t.model()
	if err != nil {
		return nil, err
	}
	// The baselines count the evidence as every load does: the higher of
	// the manual assessment and the evidenced level.
	manual, err := loadBaseline(t.ctx, t.tx)
	if err != nil {
		return nil, err
	}
	ev, err := loadEvidence(t.ctx, t.tx)
	if err != nil {
		return nil, err
	}
	base := m.Assess(manual, ev, roadmap.AsOfToday(t.today)).Baselines()
	return levelsAt(t.queryRow, func(id int64) error { _, err := t.initiative(id); return err }, m, base, time.Time{}, with)
}

// levelsAt returns the levels reached from the baselines, asking row of
// the index for what targets each level (roadmap.Model.LevelsFrom): now,
// or, when until is set, at that moment (work done at or after it counts
// as unfinished). with, when not nil, counts in place of the stored row
// of its id. named reads the initiative of an id, so that a row whose
// status was edited by hand is named by the error of the read.
func levelsAt(row func(query string, args ...any) *sql.Row, named func(id int64) error, m *roadmap.Model,
	base map[string]int, until time.Time, with *roadmap.Initiative) (roadmap.Levels, error) {
	var skip int64
	if with != nil {
		skip = with.ID
	}
	var qerr error
	exists := func(query string, args ...any) bool {
		var yes bool
		if qerr == nil {
			qerr = dbError(row(query, args...).Scan(&yes))
		}
		return yes
	}
	unfinished := func(domain string, level int) bool {
		if qerr != nil {
			return false
		}
		var id int64
		var status any
		err := row(openAtLevel, domain, level, skip).Scan(&id, &status)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return !until.IsZero() && exists(doneFrom, domain, level, formatTime(until))
		case err != nil:
			qerr = dbError(err)
			return false
		}
		if s, ok := status.(string); !ok || (s != string(roadmap.Planned) && s != string(roadmap.InProgress)) {
			// Edited by hand: the read names the row and its fix.
			if qerr = named(id); qerr == nil {
				qerr = fmt.Errorf("#%d: column status holds %s, not a status", id, rawValue(status))
			}
		}
		return true
	}
	done := func(domain string, level int) bool {
		if until.IsZero() {
			return exists(doneAtLevel, domain, level, skip)
		}
		return exists(doneBefore, domain, level, formatTime(until))
	}
	lv := m.LevelsFrom(base, func(domain string, level int) roadmap.Targeted {
		var isOpen, isDone bool
		if with != nil && with.Domain == domain && with.Level == level {
			isOpen = with.Status == roadmap.Planned || with.Status == roadmap.InProgress
			isDone = with.Status == roadmap.Done
		}
		isOpen = isOpen || unfinished(domain, level)
		if !isOpen && !isDone {
			isDone = done(domain, level)
		}
		return roadmap.Targeted{Any: isOpen || isDone, Done: isDone && !isOpen}
	})
	return lv, qerr
}

// dependencies reads the initiatives with the given ids (without what only
// people read, as LoadBrief), as a roadmap to look them up in: what a
// status change needs to know of an initiative's dependencies. An id that
// no initiative has is left out.
func (t *txn) dependencies(m *roadmap.Model, ids []int64) (*roadmap.Roadmap, error) {
	if len(ids) == 0 {
		return roadmap.New(m, nil, nil), nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := t.tx.QueryContext(t.ctx, fmt.Sprintf(`SELECT %s FROM initiatives WHERE id IN (?%s) ORDER BY id`,
		briefColumns, strings.Repeat(", ?", len(ids)-1)), args...)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []roadmap.Initiative
	sc := newRowScanner(brief, m)
	for rows.Next() {
		in, err := sc.scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return roadmap.New(m, nil, out), dbError(rows.Err())
}

// queryRow runs a query of one row, prepared once per transaction.
func (t *txn) queryRow(query string, args ...any) *sql.Row {
	st, err := t.prepare(query)
	if err != nil {
		// The error comes back from Scan.
		return t.tx.QueryRowContext(t.ctx, query, args...)
	}
	return st.QueryRowContext(t.ctx, args...)
}

// reachable returns a roadmap of the initiatives that ids lead to along
// dependencies, ids included, each with its dependencies (and nothing
// else of it): all that roadmap.CheckDependencies looks at when given
// those ids, so that it finds on this part what it finds on the whole
// roadmap. Adding a dependency then reads what it reaches, not every
// initiative.
func (t *txn) reachable(m *roadmap.Model, ids []int64) (*roadmap.Roadmap, error) {
	if len(ids) == 0 {
		return roadmap.New(m, nil, nil), nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := t.tx.QueryContext(t.ctx, `
		WITH RECURSIVE reach(id) AS (
			VALUES (?)`+strings.Repeat(", (?)", len(ids)-1)+`
			UNION SELECT d.depends_on FROM dependencies d JOIN reach r ON d.initiative_id = r.id)
		SELECT i.id, d.depends_on FROM reach r
		JOIN initiatives i ON i.id = r.id
		LEFT JOIN dependencies d ON d.initiative_id = r.id
		ORDER BY i.id, d.depends_on`, args...)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []roadmap.Initiative
	for rows.Next() {
		var id int64
		var dep sql.NullInt64
		if err := rows.Scan(&id, &dep); err != nil {
			return nil, dbError(err)
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			out = append(out, roadmap.Initiative{ID: id})
		}
		if dep.Valid {
			last := &out[len(out)-1]
			last.DependsOn = append(last.DependsOn, dep.Int64)
		}
	}
	return roadmap.New(m, nil, out), dbError(rows.Err())
}
