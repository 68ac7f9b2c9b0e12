package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"maturity/internal/progname"
	"maturity/roadmap"
)

// querier is what loading needs: a transaction or the pool.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Load reads the whole roadmap (model, baseline levels, initiatives and
// their dependencies) from one consistent snapshot, with the evidence
// judged as of Today (roadmap.NewAssessed): the baselines count the
// evidenced levels.
func (s *Store) Load(ctx context.Context) (*roadmap.Roadmap, error) {
	return s.loadSnapshot(ctx, full)
}

// LoadBrief is Load without what only people read: each initiative's
// description, owner, effort and timestamps are left empty. Everything the
// calculations use (levels, projection, warnings, readiness) is there, at
// a fraction of the cost on a large roadmap. When capacity figures are
// set, the owners, efforts and descriptions are read too: the capacity
// warnings weigh them.
func (s *Store) LoadBrief(ctx context.Context) (*roadmap.Roadmap, error) {
	return s.loadSnapshot(ctx, brief)
}

// firstBadRow finds the row that a count found wrong, to name it.
func firstBadRow(ctx context.Context, q querier, m *roadmap.Model) error {
	rows, err := q.QueryContext(ctx, `SELECT `+briefColumns+` FROM initiatives ORDER BY id`)
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	sc := newRowScanner(brief, m)
	for rows.Next() {
		if _, err := sc.scan(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return dbError(err)
	}
	return errors.New("an initiative in the database holds a value maturity did not write")
}

// LoadContent is Load without the timestamps: everything an export shows.
func (s *Store) LoadContent(ctx context.Context) (*roadmap.Roadmap, error) {
	return s.loadSnapshot(ctx, content)
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
		r, err = load(ctx, tx, d, s.today())
		return err
	})
	return r, err
}

// Model reads the maturity model.
func (s *Store) Model(ctx context.Context) (*roadmap.Model, error) {
	return loadModel(ctx, s.db)
}

func load(ctx context.Context, q querier, d detail, today time.Time) (*roadmap.Roadmap, error) {
	a, err := loadAssessment(ctx, q, today)
	if err != nil {
		return nil, err
	}
	c, err := loadCapacity(ctx, q)
	if err != nil {
		return nil, err
	}
	if d == brief && !c.Empty() {
		// What each quarter has booked, which the capacity warnings
		// weigh, needs every initiative's owner and effort.
		d = content
	}
	ins, err := loadInitiatives(ctx, q, a.Model, d)
	if err != nil {
		return nil, err
	}
	r := roadmap.NewAssessed(a, ins)
	r.Capacity = c
	return r, nil
}

// loadAssessment reads the model, the latest manual assessments and the
// evidence, and judges them as of today.
func loadAssessment(ctx context.Context, q querier, today time.Time) (*roadmap.Assessment, error) {
	m, err := loadModel(ctx, q)
	if err != nil {
		return nil, err
	}
	base, err := loadBaseline(ctx, q)
	if err != nil {
		return nil, err
	}
	ev, err := loadEvidence(ctx, q)
	if err != nil {
		return nil, err
	}
	return m.Assess(base, ev, roadmap.AsOfToday(today)), nil
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
		var l any
		if err := rows.Scan(&d, &l); err != nil {
			return nil, dbError(err)
		}
		n, ok := l.(int64)
		if !ok || n < 0 || n > roadmap.MaxLevel {
			return nil, fmt.Errorf("the latest assessment of %s holds level %s, not a level from 0 to %d; record a new one with '%s'",
				roadmap.Printable(d), rawValue(l), roadmap.MaxLevel, progname.Command("assess "+roadmap.Printable(d)+" LEVEL"))
		}
		base[d] = int(n)
	}
	return base, dbError(rows.Err())
}

// The columns a rowScanner reads for each detail.
const (
	briefColumns   = `id, domain, level, quarter, status, title, version`
	contentColumns = briefColumns + `, description, owner, effort`
	fullColumns    = contentColumns + `, created_at, updated_at, done_at`
)

// columnsOf lists the columns a detail reads.
var columnsOf = map[detail]string{full: fullColumns, brief: briefColumns, content: contentColumns}

// rowScanner reads rows of the columns of its detail into initiatives.
// It checks every value against what the store writes, so that a row
// edited by hand outside maturity (text in effort, NULL, an impossible
// level or quarter, an unknown status or domain) is named in a
// *BadRowError instead of failing every command with a driver's message
// or a crash further on.
type rowScanner struct {
	d    detail
	m    *roadmap.Model
	vals []any
	dest []any
}

func newRowScanner(d detail, m *roadmap.Model) *rowScanner {
	n := map[detail]int{brief: 7, content: 10, full: 13}[d]
	s := &rowScanner{d: d, m: m, vals: make([]any, n), dest: make([]any, n)}
	for i := range s.vals {
		s.dest[i] = &s.vals[i]
	}
	return s
}

// scan reads the current row. For a row with bad values it returns a
// *BadRowError and the initiative with those fields left zero.
func (s *rowScanner) scan(rows *sql.Rows) (roadmap.Initiative, error) {
	if err := rows.Scan(s.dest...); err != nil {
		return roadmap.Initiative{}, dbError(err)
	}
	var in roadmap.Initiative
	id, ok := s.vals[0].(int64)
	if !ok {
		return in, fmt.Errorf("an initiative in the database has id %s: not a number", rawValue(s.vals[0]))
	}
	in.ID = id
	bad := &BadRowError{ID: id}
	v := s.vals
	in.Domain = s.text(bad, "domain", v[1])
	if in.Domain != "" && !s.m.HasDomain(in.Domain) {
		bad.add("domain", v[1], "not a domain of the model ("+s.m.DomainKeys()+")")
	}
	if l, ok := v[2].(int64); ok && l >= 1 && l <= roadmap.MaxLevel {
		in.Level = int(l)
	} else {
		bad.add("level", v[2], fmt.Sprintf("not a level from 1 to %d", roadmap.MaxLevel))
	}
	if q, ok := v[3].(string); ok {
		var err error
		if in.Quarter, err = roadmap.ParseQuarter(q); err != nil {
			bad.add("quarter", v[3], "not a quarter from 1970-Q1 to 2999-Q4, nor empty for the backlog")
		}
	} else {
		bad.add("quarter", v[3], "not a quarter from 1970-Q1 to 2999-Q4, nor empty for the backlog")
	}
	if st, ok := v[4].(string); ok && slices.Contains(roadmap.Statuses, roadmap.Status(st)) {
		in.Status = roadmap.Status(st)
	} else {
		bad.add("status", v[4], "not a status (planned, in-progress, done or dropped)")
	}
	in.Title = s.text(bad, "title", v[5])
	if n, ok := v[6].(int64); ok && n >= 1 {
		in.Version = n
	} else {
		bad.add("version", v[6], "not a version (a whole number from 1)")
	}
	if s.d != brief {
		in.Description = s.text(bad, "description", v[7])
		in.Owner = s.text(bad, "owner", v[8])
		switch e := v[9].(type) {
		case nil:
		case float64:
			if e >= 0 && e <= roadmap.MaxEffort {
				in.Effort = roadmap.Effort{Value: e, Set: true}
			} else {
				bad.add("effort", v[9], fmt.Sprintf("not an effort from 0 to %d", roadmap.MaxEffort))
			}
		case int64:
			if e >= 0 && e <= roadmap.MaxEffort {
				in.Effort = roadmap.Effort{Value: float64(e), Set: true}
			} else {
				bad.add("effort", v[9], fmt.Sprintf("not an effort from 0 to %d", roadmap.MaxEffort))
			}
		default:
			bad.add("effort", v[9], "not a number")
		}
	}
	if s.d == full {
		in.Created = s.time(bad, "created_at", v[10])
		in.Updated = s.time(bad, "updated_at", v[11])
		in.DoneAt = s.time(bad, "done_at", v[12])
	}
	if len(bad.Columns) > 0 {
		return in, bad
	}
	return in, nil
}

func (s *rowScanner) text(bad *BadRowError, column string, v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []byte:
		if utf8.Valid(t) {
			return string(t)
		}
	}
	bad.add(column, v, "not text")
	return ""
}

func (s *rowScanner) time(bad *BadRowError, column string, v any) time.Time {
	if n, ok := v.(int64); ok {
		return parseTime(n)
	}
	bad.add(column, v, "not a time (Unix nanoseconds)")
	return time.Time{}
}

// BadRowError reports an initiative row whose values the store did not
// write (the file was edited by hand): which columns hold what, and how
// to repair it. Edit repairs the columns its patch sets; Delete works
// whatever the row holds.
type BadRowError struct {
	ID      int64
	Columns []BadColumn
}

// BadColumn is one column of a BadRowError.
type BadColumn struct {
	Name  string // the column: "effort"
	Value string // what it holds, for people: "abc" in quotes, NULL, 9
	Text  string // what it holds as text, for the history: abc, "" for NULL
	Want  string // what it should hold: "not a number"
}

func (e *BadRowError) add(column string, v any, want string) {
	text := ""
	switch t := v.(type) {
	case nil:
	case []byte:
		text = strings.ToValidUTF8(string(t), "\uFFFD")
	case float64:
		text = strconv.FormatFloat(t, 'f', -1, 64)
	default:
		text = fmt.Sprint(t)
	}
	e.Columns = append(e.Columns, BadColumn{Name: column, Value: rawValue(v), Text: clip(text), Want: want})
}

// editFlags are the edit flags that set a column.
var editFlags = map[string]string{
	"title": "--title", "description": "--description", "domain": "--domain", "level": "--level",
	"quarter": "--quarter", "owner": "--owner", "effort": "--effort",
}

func (e *BadRowError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "#%d:", e.ID)
	var flags []string
	for i, c := range e.Columns {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " column %s holds %s, %s", c.Name, c.Value, c.Want)
		if f, ok := editFlags[c.Name]; ok {
			flags = append(flags, f+" …")
		} else {
			flags = nil
			break
		}
	}
	if len(flags) == len(e.Columns) {
		fmt.Fprintf(&b, "; fix it with '%s' or '%s'",
			progname.Command(fmt.Sprintf("edit %d %s", e.ID, strings.Join(flags, " "))), progname.Command(fmt.Sprintf("rm %d", e.ID)))
	} else {
		fmt.Fprintf(&b, "; the row was changed outside maturity: remove it with '%s'", progname.Command(fmt.Sprintf("rm %d", e.ID)))
	}
	return b.String()
}

// rawValue shows a database value in a message: text quoted and cut
// short, NULL, numbers as they are.
func rawValue(v any) string {
	switch t := v.(type) {
	case nil:
		return "NULL"
	case string:
		return strconv.Quote(roadmap.Printable(clip(t)))
	case []byte:
		return "a blob of " + strconv.Itoa(len(t)) + " bytes"
	case float64:
		return strconv.FormatFloat(t, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

func loadInitiatives(ctx context.Context, q querier, m *roadmap.Model, d detail) ([]roadmap.Initiative, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM initiatives`).Scan(&n); err != nil {
		return nil, dbError(err)
	}
	ins := make([]roadmap.Initiative, 0, n)
	rows, err := q.QueryContext(ctx, `SELECT `+columnsOf[d]+` FROM initiatives ORDER BY id`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	sc := newRowScanner(d, m)
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
