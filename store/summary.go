package store

import (
	"context"
	"database/sql"
	"slices"

	"maturity/roadmap"
)

// LoadSummary reads the roadmap as a roadmap.Summary from one consistent
// snapshot: counts of initiatives per domain, level, quarter and status,
// counted by SQLite over an index instead of read row by row; the
// unfinished initiatives linked by dependencies, where a deadlock can be;
// the first unscheduled initiative of each level; and the evidence, judged
// as of Today. That is all the levels and the projection need.
func (s *Store) LoadSummary(ctx context.Context) (roadmap.Summary, error) {
	var sum roadmap.Summary
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		a, err := loadAssessment(ctx, tx, s.today())
		if err != nil {
			return err
		}
		m := a.Model
		sum = roadmap.Summary{Model: m, Baseline: a.Baselines(), Assessment: a}
		if sum.Counts, err = loadCounts(ctx, tx, m); err != nil {
			return err
		}
		if sum.Linked, err = loadLinked(ctx, tx); err != nil {
			return err
		}
		sum.Backlog, err = loadFirstBacklog(ctx, tx)
		return err
	})
	return sum, err
}

// loadCounts counts the initiatives per domain, level, quarter and status;
// a value maturity did not write (a row edited by hand) is named by the
// row it is in.
func loadCounts(ctx context.Context, tx *sql.Tx, m *roadmap.Model) ([]roadmap.Count, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT domain, level, quarter, status, count(*) FROM initiatives
		GROUP BY domain, level, quarter, status`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []roadmap.Count
	for rows.Next() {
		var c roadmap.Count
		var domain, level, quarter, status any
		if err := rows.Scan(&domain, &level, &quarter, &status, &c.N); err != nil {
			return nil, dbError(err)
		}
		d, dOK := domain.(string)
		l, lOK := level.(int64)
		q, qOK := quarter.(string)
		st, sOK := status.(string)
		if qOK {
			var err error
			c.Quarter, err = roadmap.ParseQuarter(q)
			qOK = err == nil
		}
		if !dOK || !m.HasDomain(d) || !lOK || l < 1 || l > roadmap.MaxLevel || !qOK || !sOK ||
			!slices.Contains(roadmap.Statuses, roadmap.Status(st)) {
			rows.Close()
			return nil, firstBadRow(ctx, tx, m)
		}
		c.Domain, c.Level, c.Status = d, int(l), roadmap.Status(st)
		out = append(out, c)
	}
	return out, dbError(rows.Err())
}

// unfinishedSQL selects the initiatives planned or in progress (in these
// words: the partial index unfinishedIndex is used only for this term).
const unfinishedSQL = `status IN ('planned', 'in-progress')`

// loadLinked reads the unfinished initiatives that depend on, or are
// depended on by, another unfinished one (roadmap.Summary.Linked), each
// with only those dependencies, in id order: their ids, domains and
// levels, all that the waits-for graph needs, read through
// unfinishedIndex rather than the rows.
func loadLinked(ctx context.Context, tx *sql.Tx) ([]roadmap.Initiative, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT d.initiative_id, d.depends_on, a.domain, a.level, b.domain, b.level
		FROM dependencies d
		JOIN initiatives a INDEXED BY initiatives_unfinished ON a.id = d.initiative_id AND a.`+unfinishedSQL+`
		JOIN initiatives b INDEXED BY initiatives_unfinished ON b.id = d.depends_on AND b.`+unfinishedSQL+`
		ORDER BY d.initiative_id, d.depends_on`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	byID := map[int64]*roadmap.Initiative{}
	var ids []int64
	get := func(id int64, domain string, level int) *roadmap.Initiative {
		if in, ok := byID[id]; ok {
			return in
		}
		// Planned stands for unfinished: the graph asks no more.
		in := &roadmap.Initiative{ID: id, Domain: domain, Level: level, Status: roadmap.Planned}
		byID[id] = in
		ids = append(ids, id)
		return in
	}
	for rows.Next() {
		var from, to int64
		var ad, bd string
		var al, bl int
		if err := rows.Scan(&from, &to, &ad, &al, &bd, &bl); err != nil {
			return nil, dbError(err)
		}
		a := get(from, ad, al)
		a.DependsOn = append(a.DependsOn, to)
		get(to, bd, bl)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err)
	}
	slices.Sort(ids)
	out := make([]roadmap.Initiative, len(ids))
	for i, id := range ids {
		out[i] = *byID[id]
	}
	return out, nil
}

// loadFirstBacklog reads, for each domain and level, the unfinished
// initiative of lowest id that is not scheduled.
func loadFirstBacklog(ctx context.Context, tx *sql.Tx) ([]roadmap.Initiative, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT i.id, i.domain, i.level, i.title FROM initiatives i
		WHERE i.id IN (SELECT min(id) FROM initiatives
		               WHERE quarter = '' AND `+unfinishedSQL+` GROUP BY domain, level)
		ORDER BY i.id`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []roadmap.Initiative
	for rows.Next() {
		in := roadmap.Initiative{Status: roadmap.Planned}
		if err := rows.Scan(&in.ID, &in.Domain, &in.Level, &in.Title); err != nil {
			return nil, dbError(err)
		}
		out = append(out, in)
	}
	return out, dbError(rows.Err())
}
