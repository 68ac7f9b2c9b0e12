package store

import (
	"context"
	"database/sql"
	"fmt"

	"maturity/roadmap"
)

// querier is what loading needs: a transaction or the pool.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Load reads the whole roadmap (model, baseline levels, initiatives and
// their dependencies) from one consistent snapshot.
func (s *Store) Load(ctx context.Context) (*roadmap.Roadmap, error) {
	return s.loadSnapshot(ctx, full)
}

// LoadBrief is Load without what only people read: each initiative's
// description, owner, effort and timestamps are left empty. Everything the
// calculations use (levels, projection, warnings, readiness) is there, at
// a fraction of the cost on a large roadmap.
func (s *Store) LoadBrief(ctx context.Context) (*roadmap.Roadmap, error) {
	return s.loadSnapshot(ctx, brief)
}

// LoadContent is Load without the timestamps: everything an export shows.
func (s *Store) LoadContent(ctx context.Context) (*roadmap.Roadmap, error) {
	return s.loadSnapshot(ctx, content)
}

// LoadSummary reads the roadmap as counts of initiatives per domain,
// level, quarter and status (roadmap.Summary): all the levels and the
// projection need, counted by SQLite over an index instead of read row by
// row.
func (s *Store) LoadSummary(ctx context.Context) (roadmap.Summary, error) {
	var sum roadmap.Summary
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		m, err := loadModel(ctx, tx)
		if err != nil {
			return err
		}
		base, err := loadBaseline(ctx, tx)
		if err != nil {
			return err
		}
		sum = roadmap.Summary{Model: m, Baseline: base}
		rows, err := tx.QueryContext(ctx, `
			SELECT domain, level, quarter, status, count(*) FROM initiatives
			GROUP BY domain, level, quarter, status`)
		if err != nil {
			return dbError(err)
		}
		defer rows.Close()
		for rows.Next() {
			var c roadmap.Count
			var quarter, status string
			if err := rows.Scan(&c.Domain, &c.Level, &quarter, &status, &c.N); err != nil {
				return dbError(err)
			}
			if c.Quarter, err = roadmap.ParseQuarter(quarter); err != nil {
				return fmt.Errorf("an initiative in the database: %v", err)
			}
			c.Status = roadmap.Status(status)
			sum.Counts = append(sum.Counts, c)
		}
		return dbError(rows.Err())
	})
	return sum, err
}

// detail says how much of each initiative to read.
type detail int

const (
	full detail = iota
	brief
	content // full less the timestamps
)

func (s *Store) loadSnapshot(ctx context.Context, d detail) (*roadmap.Roadmap, error) {
	var r *roadmap.Roadmap
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		r, err = load(ctx, tx, d)
		return err
	})
	return r, err
}

// Model reads the maturity model.
func (s *Store) Model(ctx context.Context) (*roadmap.Model, error) {
	return loadModel(ctx, s.db)
}

func load(ctx context.Context, q querier, d detail) (*roadmap.Roadmap, error) {
	m, err := loadModel(ctx, q)
	if err != nil {
		return nil, err
	}
	base, err := loadBaseline(ctx, q)
	if err != nil {
		return nil, err
	}
	ins, err := loadInitiatives(ctx, q, d)
	if err != nil {
		return nil, err
	}
	return roadmap.New(m, base, ins), nil
}

func loadModel(ctx context.Context, q querier) (*roadmap.Model, error) {
	var doc string
	if err := q.QueryRowContext(ctx, `SELECT document FROM model WHERE id = 1`).Scan(&doc); err != nil {
		return nil, dbError(err)
	}
	m, err := roadmap.ParseModel([]byte(doc))
	if err != nil {
		return nil, fmt.Errorf("the model stored in the database is invalid: %v", err)
	}
	return m, nil
}

func loadBaseline(ctx context.Context, q querier) (map[string]int, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT domain, level FROM assessments
		WHERE id IN (SELECT max(id) FROM assessments GROUP BY domain)`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	base := map[string]int{}
	for rows.Next() {
		var d string
		var l int
		if err := rows.Scan(&d, &l); err != nil {
			return nil, dbError(err)
		}
		base[d] = l
	}
	return base, dbError(rows.Err())
}

// The columns a rowScanner reads for each detail.
const (
	briefColumns   = `id, domain, level, quarter, status, title, version`
	contentColumns = briefColumns + `, description, owner, effort`
	fullColumns    = contentColumns + `, created_at, updated_at, done_at`
)

// rowScanner reads rows of briefColumns or fullColumns into initiatives,
// reusing its scan targets from row to row.
type rowScanner struct {
	d                      detail
	in                     roadmap.Initiative
	quarter, status        string
	created, updated, done int64
	effort                 sql.NullFloat64
	dest                   []any
}

func newRowScanner(d detail) *rowScanner {
	s := &rowScanner{d: d}
	s.dest = []any{&s.in.ID, &s.in.Domain, &s.in.Level, &s.quarter, &s.status, &s.in.Title, &s.in.Version}
	if d != brief {
		s.dest = append(s.dest, &s.in.Description, &s.in.Owner, &s.effort)
	}
	if d == full {
		s.dest = append(s.dest, &s.created, &s.updated, &s.done)
	}
	return s
}

// scan reads the current row.
func (s *rowScanner) scan(rows *sql.Rows) (roadmap.Initiative, error) {
	if err := rows.Scan(s.dest...); err != nil {
		return roadmap.Initiative{}, dbError(err)
	}
	in := s.in
	var err error
	if in.Quarter, err = roadmap.ParseQuarter(s.quarter); err != nil {
		return in, fmt.Errorf("initiative #%d in the database: %v", in.ID, err)
	}
	in.Status = roadmap.Status(s.status)
	if s.d != brief {
		in.Effort = roadmap.Effort{Value: s.effort.Float64, Set: s.effort.Valid}
	}
	if s.d == full {
		in.Created, in.Updated, in.DoneAt = parseTime(s.created), parseTime(s.updated), parseTime(s.done)
	}
	return in, nil
}

func loadInitiatives(ctx context.Context, q querier, d detail) ([]roadmap.Initiative, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM initiatives`).Scan(&n); err != nil {
		return nil, dbError(err)
	}
	ins := make([]roadmap.Initiative, 0, n)
	cols := map[detail]string{full: fullColumns, brief: briefColumns, content: contentColumns}[d]
	rows, err := q.QueryContext(ctx, `SELECT `+cols+` FROM initiatives ORDER BY id`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	sc := newRowScanner(d)
	for rows.Next() {
		in, err := sc.scan(rows)
		if err != nil {
			return nil, err
		}
		ins = append(ins, in)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err)
	}
	rows.Close()

	// Dependencies arrive sorted by initiative, as the initiatives are.
	deps, err := q.QueryContext(ctx, `SELECT initiative_id, depends_on FROM dependencies ORDER BY initiative_id, depends_on`)
	if err != nil {
		return nil, dbError(err)
	}
	defer deps.Close()
	i := 0
	for deps.Next() {
		var from, to int64
		if err := deps.Scan(&from, &to); err != nil {
			return nil, dbError(err)
		}
		for i < len(ins) && ins[i].ID < from {
			i++
		}
		if i < len(ins) && ins[i].ID == from {
			ins[i].DependsOn = append(ins[i].DependsOn, to)
		}
	}
	return ins, dbError(deps.Err())
}
