package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"maturity/internal/progname"
	"maturity/internal/safejson"
	"maturity/roadmap"
)

// DumpFormat and DumpVersion identify a complete JSON dump. Version 2
// added the model's metrics and criteria, the answers and the metric
// values; version 3 the capacity figures. An older dump, which has none
// of what came later, still restores.
const (
	DumpFormat  = "maturity-dump"
	DumpVersion = 3
)

// MaxDumpSize is the largest dump, in bytes: ExportDump refuses to write a
// larger one and ParseDump to read it, so every dump written restores.
const MaxDumpSize = 1 << 30

// Dump is everything a database holds: the model, the assessments, the
// answers and metric values, the initiatives with their dependencies and
// timestamps, the history, and the id counter, so that a restore
// continues without reusing an id.
type Dump struct {
	Format       string           `json:"format"`
	Version      int              `json:"version"`
	Model        DumpModel        `json:"model"`
	Assessments  []DumpAssessment `json:"assessments"`
	Answers      []DumpAnswer     `json:"answers"`
	Values       []DumpValue      `json:"metric_values"`
	Capacity     []DumpCapacity   `json:"capacity"`
	Initiatives  []DumpInitiative `json:"initiatives"`
	History      []DumpEvent      `json:"history"`
	LastID       int64            `json:"last_initiative_id"`
	ModelUpdated string           `json:"model_updated"`
}

// DumpModel is the maturity model in the dump.
type DumpModel struct {
	Stages   []DumpLevel     `json:"stages"`
	Domains  []DumpDomain    `json:"domains"`
	Rules    []DumpRule      `json:"rules"`
	Metrics  []DumpMetric    `json:"metrics"`
	Criteria []DumpCriterion `json:"criteria"`
}

// DumpMetric is a metric of the model. Values (bounds, thresholds) are
// written in the unit's canonical form.
type DumpMetric struct {
	Key         string     `json:"key"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Unit        string     `json:"unit"`
	Direction   string     `json:"direction"`
	Domain      string     `json:"domain"`
	Min         *float64   `json:"min,omitempty"` // a score's range
	Max         *float64   `json:"max,omitempty"`
	Bands       *DumpBands `json:"bands"`
}

// DumpBands is a metric's band table.
type DumpBands struct {
	Edition string     `json:"edition"`
	Source  string     `json:"source"`
	Table   []DumpBand `json:"table"`
}

// DumpBand is one band, with the bounds it has.
type DumpBand struct {
	Name    string  `json:"name"`
	AtLeast *string `json:"at_least,omitempty"`
	Above   *string `json:"above,omitempty"`
	AtMost  *string `json:"at_most,omitempty"`
	Below   *string `json:"below,omitempty"`
}

// DumpCriterion is a criterion of the model: a check, or a metric with
// one threshold.
type DumpCriterion struct {
	Key     string  `json:"key"`
	Domain  string  `json:"domain"`
	Level   int     `json:"level"`
	Check   string  `json:"check"`
	Metric  string  `json:"metric"`
	AtLeast *string `json:"at_least,omitempty"`
	AtMost  *string `json:"at_most,omitempty"`
}

// DumpAnswer is an answer to a check criterion.
type DumpAnswer struct {
	ID        int64  `json:"id"`
	Criterion string `json:"criterion"`
	State     string `json:"state"`
	Evidence  string `json:"evidence"`
	Note      string `json:"note"`
	Actor     string `json:"actor"`
	At        string `json:"at"`
}

// DumpValue is a value recorded for a metric and a quarter, replaced ones
// included; value is in the unit's own terms (roadmap.Scale.Parse).
type DumpValue struct {
	ID      int64   `json:"id"`
	Metric  string  `json:"metric"`
	Quarter string  `json:"quarter"`
	Value   float64 `json:"value"`
	Note    string  `json:"note"`
	Source  string  `json:"source"`
	Actor   string  `json:"actor"`
	At      string  `json:"at"`
}

// DumpCapacity is a capacity figure: quarter "" is the default one,
// owner "" the team's.
type DumpCapacity struct {
	Quarter string  `json:"quarter"`
	Owner   string  `json:"owner"`
	Effort  float64 `json:"effort"`
}

// DumpLevel is a stage or a level of a domain.
type DumpLevel struct {
	Level       int    `json:"level"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// DumpDomain is a domain of the model.
type DumpDomain struct {
	Key         string      `json:"key"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Levels      []DumpLevel `json:"levels"`
}

// DumpRule is a cross-domain rule.
type DumpRule struct {
	Domain   string `json:"domain"`
	Level    int    `json:"level"`
	Requires string `json:"requires"`
	AtLeast  int    `json:"at_least"`
}

// DumpAssessment is an assessment in the dump.
type DumpAssessment struct {
	ID     int64  `json:"id"`
	Domain string `json:"domain"`
	Level  int    `json:"level"`
	Note   string `json:"note"`
	Actor  string `json:"actor"`
	At     string `json:"at"`
}

// DumpInitiative is an initiative in the dump.
type DumpInitiative struct {
	ID          int64    `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Domain      string   `json:"domain"`
	Level       int      `json:"level"`
	Quarter     string   `json:"quarter"`
	Status      string   `json:"status"`
	Owner       string   `json:"owner"`
	Effort      *float64 `json:"effort"`
	DependsOn   []int64  `json:"depends_on"`
	Version     int64    `json:"version"`
	Created     string   `json:"created"`
	Updated     string   `json:"updated"`
	DoneAt      string   `json:"done_at"`
}

// DumpEvent is a history entry in the dump.
type DumpEvent struct {
	ID         int64  `json:"id"`
	At         string `json:"at"`
	Actor      string `json:"actor"`
	Initiative int64  `json:"initiative"`
	Action     string `json:"action"`
	Field      string `json:"field"`
	Old        string `json:"old"`
	New        string `json:"new"`
	Reason     string `json:"reason"`
}

// dumpTime writes a timestamp exactly, or "" for none.
func dumpTime(n int64) string {
	if n == 0 {
		return ""
	}
	return time.Unix(0, n).UTC().Format(time.RFC3339Nano)
}

func undumpTime(s, what string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0, fmt.Errorf("%s: invalid time %q: want RFC 3339", what, s)
	}
	// Unix nanoseconds reach only from 1677 to 2262; beyond, they wrap.
	// And 0 stands for no time, so the epoch itself would come back as "".
	if n := t.UnixNano(); n != 0 && time.Unix(0, n).Equal(t) {
		return n, nil
	}
	return 0, fmt.Errorf("%s: time %q is out of range", what, s)
}

// Dump reads the whole database into memory, from one consistent
// snapshot. ExportDump writes the same without holding it.
func (s *Store) Dump(ctx context.Context) (*Dump, error) {
	c := &dumpCollector{d: &Dump{}}
	if err := s.readDump(ctx, c); err != nil {
		return nil, err
	}
	return c.d, nil
}

// ExportDump writes the whole database to w as a JSON dump (indented, the
// text escaped as safejson does), from one consistent snapshot, row by
// row as it reads them: memory stays small whatever the size of the
// database. A dump that would pass MaxDumpSize, which ParseDump refuses,
// fails with an error once that many bytes have been written.
func (s *Store) ExportDump(ctx context.Context, w io.Writer) error {
	return s.readDump(ctx, newDumpWriter(w, MaxDumpSize))
}

// dumpSink receives a dump part by part, in the order of the file: the
// header (everything but the lists), then each list's rows.
type dumpSink interface {
	begin(head *Dump) error
	section(name string) error
	assessment(a *DumpAssessment) error
	answer(a *DumpAnswer) error
	value(v *DumpValue) error
	capacity(c *DumpCapacity) error
	initiative(j *DumpInitiative) error
	event(e *DumpEvent) error
	end() error
}

// readDump reads the database from one snapshot into sink, a row at a
// time.
func (s *Store) readDump(ctx context.Context, sink dumpSink) error {
	return s.readTx(ctx, func(tx *sql.Tx) error {
		m, err := loadModel(ctx, tx)
		if err != nil {
			return err
		}
		head := &Dump{Format: DumpFormat, Version: DumpVersion, Model: dumpModel(m)}
		var updated int64
		if err := tx.QueryRowContext(ctx, `SELECT updated_at FROM model WHERE id = 1`).Scan(&updated); err != nil {
			return dbError(err)
		}
		head.ModelUpdated = dumpTime(updated)
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'initiatives'`).Scan(&head.LastID); err != nil {
			return dbError(err)
		}
		if err := sink.begin(head); err != nil {
			return err
		}
		if err := sink.section("assessments"); err != nil {
			return err
		}
		if err := dumpAssessments(ctx, tx, sink); err != nil {
			return err
		}
		if err := sink.section("answers"); err != nil {
			return err
		}
		if err := dumpAnswers(ctx, tx, sink); err != nil {
			return err
		}
		if err := sink.section("metric_values"); err != nil {
			return err
		}
		if err := dumpValues(ctx, tx, sink); err != nil {
			return err
		}
		if err := sink.section("capacity"); err != nil {
			return err
		}
		if err := dumpCapacity(ctx, tx, sink); err != nil {
			return err
		}
		if err := sink.section("initiatives"); err != nil {
			return err
		}
		if err := dumpInitiatives(ctx, tx, m, sink); err != nil {
			return err
		}
		if err := sink.section("history"); err != nil {
			return err
		}
		if err := dumpHistory(ctx, tx, sink); err != nil {
			return err
		}
		return sink.end()
	})
}

func dumpAssessments(ctx context.Context, tx *sql.Tx, sink dumpSink) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, domain, level, note, actor, at FROM assessments ORDER BY id`)
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a DumpAssessment
		var at int64
		if err := rows.Scan(&a.ID, &a.Domain, &a.Level, &a.Note, &a.Actor, &at); err != nil {
			return dbError(err)
		}
		a.At = dumpTime(at)
		if err := sink.assessment(&a); err != nil {
			return err
		}
	}
	return dbError(rows.Err())
}

func dumpAnswers(ctx context.Context, tx *sql.Tx, sink dumpSink) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, criterion, state, evidence, note, actor, at FROM answers ORDER BY id`)
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a DumpAnswer
		var at int64
		if err := rows.Scan(&a.ID, &a.Criterion, &a.State, &a.Evidence, &a.Note, &a.Actor, &at); err != nil {
			return badEvidence("answer", a.ID, err)
		}
		a.At = dumpTime(at)
		if err := sink.answer(&a); err != nil {
			return err
		}
	}
	return dbError(rows.Err())
}

func dumpValues(ctx context.Context, tx *sql.Tx, sink dumpSink) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, metric, quarter, value, note, source, actor, at FROM metric_values ORDER BY id`)
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var v DumpValue
		var at int64
		if err := rows.Scan(&v.ID, &v.Metric, &v.Quarter, &v.Value, &v.Note, &v.Source, &v.Actor, &at); err != nil {
			return badEvidence("metric value", v.ID, err)
		}
		v.At = dumpTime(at)
		if err := sink.value(&v); err != nil {
			return err
		}
	}
	return dbError(rows.Err())
}

// dumpCapacity writes the figures in the order roadmap.Capacity keeps
// them, each checked as a load checks it.
func dumpCapacity(ctx context.Context, tx *sql.Tx, sink dumpSink) error {
	c, err := loadCapacity(ctx, tx)
	if err != nil {
		return err
	}
	for _, f := range c.Figures() {
		if err := sink.capacity(&DumpCapacity{Quarter: f.Quarter.String(), Owner: f.Owner, Effort: f.Effort}); err != nil {
			return err
		}
	}
	return nil
}

// dumpInitiatives reads the initiatives in id order, each with its
// dependencies from a second cursor in the same order.
func dumpInitiatives(ctx context.Context, tx *sql.Tx, m *roadmap.Model, sink dumpSink) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+fullColumns+` FROM initiatives ORDER BY id`)
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	deps, err := tx.QueryContext(ctx, `SELECT initiative_id, depends_on FROM dependencies ORDER BY initiative_id, depends_on`)
	if err != nil {
		return dbError(err)
	}
	defer deps.Close()
	var from, to int64
	more := deps.Next()
	if more {
		if err := deps.Scan(&from, &to); err != nil {
			return dbError(err)
		}
	}
	sc := newRowScanner(full, m)
	var dependsOn []int64
	for rows.Next() {
		in, err := sc.scan(rows)
		if err != nil {
			return err
		}
		dependsOn = dependsOn[:0]
		for more && from <= in.ID {
			if from == in.ID {
				dependsOn = append(dependsOn, to)
			}
			if more = deps.Next(); more {
				if err := deps.Scan(&from, &to); err != nil {
					return dbError(err)
				}
			}
		}
		j := DumpInitiative{ID: in.ID, Title: in.Title, Description: in.Description, Domain: in.Domain, Level: in.Level,
			Quarter: in.Quarter.String(), Status: string(in.Status), Owner: in.Owner, DependsOn: dependsOn,
			Version: in.Version, Created: dumpTime(formatTime(in.Created)), Updated: dumpTime(formatTime(in.Updated)),
			DoneAt: dumpTime(formatTime(in.DoneAt))}
		if in.Effort.Set {
			v := in.Effort.Value
			j.Effort = &v
		}
		if err := sink.initiative(&j); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return dbError(err)
	}
	return dbError(deps.Err())
}

func dumpHistory(ctx context.Context, tx *sql.Tx, sink dumpSink) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, at, actor, coalesce(initiative_id, 0), action, field, old, new, reason FROM history ORDER BY id`)
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e DumpEvent
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Initiative, &e.Action, &e.Field, &e.Old, &e.New, &e.Reason); err != nil {
			return dbError(err)
		}
		e.At = dumpTime(at)
		if err := sink.event(&e); err != nil {
			return err
		}
	}
	return dbError(rows.Err())
}

// dumpCollector keeps a dump in memory.
type dumpCollector struct{ d *Dump }

func (c *dumpCollector) begin(head *Dump) error {
	*c.d = *head
	c.d.Assessments, c.d.Initiatives, c.d.History = []DumpAssessment{}, []DumpInitiative{}, []DumpEvent{}
	c.d.Answers, c.d.Values, c.d.Capacity = []DumpAnswer{}, []DumpValue{}, []DumpCapacity{}
	return nil
}
func (c *dumpCollector) section(string) error { return nil }
func (c *dumpCollector) assessment(a *DumpAssessment) error {
	c.d.Assessments = append(c.d.Assessments, *a)
	return nil
}
func (c *dumpCollector) answer(a *DumpAnswer) error {
	c.d.Answers = append(c.d.Answers, *a)
	return nil
}
func (c *dumpCollector) value(v *DumpValue) error {
	c.d.Values = append(c.d.Values, *v)
	return nil
}
func (c *dumpCollector) capacity(f *DumpCapacity) error {
	c.d.Capacity = append(c.d.Capacity, *f)
	return nil
}
func (c *dumpCollector) initiative(j *DumpInitiative) error {
	k := *j
	k.DependsOn = append([]int64{}, j.DependsOn...)
	c.d.Initiatives = append(c.d.Initiatives, k)
	return nil
}
func (c *dumpCollector) event(e *DumpEvent) error {
	c.d.History = append(c.d.History, *e)
	return nil
}
func (c *dumpCollector) end() error { return nil }

// dumpWriter writes a dump as the JSON encoder would write the whole
// Dump with two-space indentation, but a row at a time through a buffer.
type dumpWriter struct {
	w     *bufio.Writer
	limit int64 // the most it writes
	n     int64 // bytes written so far
	head  *Dump
	open  bool // a list is open
	empty bool // the open list has no row yet
	row   bytes.Buffer
	enc   *json.Encoder // encodes a row, indented as a list element
}

func newDumpWriter(w io.Writer, limit int64) *dumpWriter {
	dw := &dumpWriter{w: bufio.NewWriterSize(w, 1<<16), limit: limit}
	dw.enc = json.NewEncoder(&dw.row)
	dw.enc.SetEscapeHTML(false)
	dw.enc.SetIndent("    ", "  ")
	return dw
}

func (dw *dumpWriter) write(parts ...[]byte) error {
	for _, p := range parts {
		dw.n += int64(len(p))
		if dw.n > dw.limit {
			return fmt.Errorf("the dump would be larger than %s, more than import reads back; copy the database with '%s' instead",
				sizeText(dw.limit), progname.Command("backup"))
		}
		if _, err := dw.w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

func (dw *dumpWriter) begin(head *Dump) error {
	dw.head = head
	model, err := safejson.MarshalIndent(head.Model, "  ", "  ")
	if err != nil {
		return err
	}
	format, _ := safejson.MarshalIndent(head.Format, "", "")
	return dw.write([]byte("{\n  \"format\": "), format, []byte(",\n  \"version\": "+strconv.Itoa(head.Version)+
		",\n  \"model\": "), model)
}

func (dw *dumpWriter) closeList() error {
	if !dw.open {
		return nil
	}
	dw.open = false
	if dw.empty {
		return dw.write([]byte("]"))
	}
	return dw.write([]byte("\n  ]"))
}

func (dw *dumpWriter) section(name string) error {
	if err := dw.closeList(); err != nil {
		return err
	}
	dw.open, dw.empty = true, true
	return dw.write([]byte(",\n  \"" + name + "\": ["))
}

func (dw *dumpWriter) element(v any) error {
	dw.row.Reset()
	if err := dw.enc.Encode(v); err != nil {
		return err
	}
	sep := []byte(",\n    ")
	if dw.empty {
		sep, dw.empty = sep[1:], false
	}
	return dw.write(sep, safejson.Escape(bytes.TrimSuffix(dw.row.Bytes(), []byte("\n"))))
}

func (dw *dumpWriter) assessment(a *DumpAssessment) error { return dw.element(a) }
func (dw *dumpWriter) answer(a *DumpAnswer) error         { return dw.element(a) }
func (dw *dumpWriter) value(v *DumpValue) error           { return dw.element(v) }
func (dw *dumpWriter) capacity(c *DumpCapacity) error     { return dw.element(c) }
func (dw *dumpWriter) initiative(j *DumpInitiative) error {
	if j.DependsOn == nil {
		k := *j
		k.DependsOn = []int64{}
		return dw.element(&k)
	}
	return dw.element(j)
}
func (dw *dumpWriter) event(e *DumpEvent) error { return dw.element(e) }

func (dw *dumpWriter) end() error {
	if err := dw.closeList(); err != nil {
		return err
	}
	updated, _ := safejson.MarshalIndent(dw.head.ModelUpdated, "", "")
	if err := dw.write([]byte(",\n  \"last_initiative_id\": "+strconv.FormatInt(dw.head.LastID, 10)+
		",\n  \"model_updated\": "), updated, []byte("\n}\n")); err != nil {
		return err
	}
	return dw.w.Flush()
}

func dumpModel(m *roadmap.Model) DumpModel {
	dm := DumpModel{Stages: []DumpLevel{}, Domains: []DumpDomain{}, Rules: []DumpRule{}, Metrics: []DumpMetric{}, Criteria: []DumpCriterion{}}
	text := func(x *roadmap.Metric, v float64) *string { t := x.Format(v); return &t }
	for i := range m.Metrics {
		x := &m.Metrics[i]
		dx := DumpMetric{Key: x.Key, Name: x.Name, Description: x.Description, Unit: string(x.Unit), Direction: string(x.Direction), Domain: x.Domain}
		if x.Unit == roadmap.UnitScore {
			lo, hi := x.Min, x.Max
			dx.Min, dx.Max = &lo, &hi
		}
		if b := x.Bands; b != nil {
			db := &DumpBands{Edition: b.Edition, Source: b.Source, Table: []DumpBand{}}
			for _, band := range b.Table {
				d := DumpBand{Name: band.Name}
				if lo := band.Lower; lo.Set && lo.Inclusive {
					d.AtLeast = text(x, lo.Value)
				} else if lo.Set {
					d.Above = text(x, lo.Value)
				}
				if hi := band.Upper; hi.Set && hi.Inclusive {
					d.AtMost = text(x, hi.Value)
				} else if hi.Set {
					d.Below = text(x, hi.Value)
				}
				db.Table = append(db.Table, d)
			}
			dx.Bands = db
		}
		dm.Metrics = append(dm.Metrics, dx)
	}
	for _, c := range m.Criteria {
		dc := DumpCriterion{Key: c.Key, Domain: c.Domain, Level: c.Level, Check: c.Check, Metric: c.Metric}
		if !c.IsCheck() {
			t := text(m.Metric(c.Metric), c.Threshold)
			if c.Op == roadmap.AtLeast {
				dc.AtLeast = t
			} else {
				dc.AtMost = t
			}
		}
		dm.Criteria = append(dm.Criteria, dc)
	}
	for _, s := range m.Stages {
		dm.Stages = append(dm.Stages, DumpLevel{s.Level, s.Name, s.Description})
	}
	for _, d := range m.Domains {
		dd := DumpDomain{Key: d.Key, Name: d.Name, Description: d.Description, Levels: []DumpLevel{}}
		for _, l := range d.Levels {
			dd.Levels = append(dd.Levels, DumpLevel{l.Level, l.Name, l.Description})
		}
		dm.Domains = append(dm.Domains, dd)
	}
	for _, r := range m.Rules {
		dm.Rules = append(dm.Rules, DumpRule{r.Domain, r.Level, r.Requires, r.AtLeast})
	}
	return dm
}
