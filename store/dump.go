package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"maturity/internal/safejson"
	"maturity/roadmap"
)

// DumpFormat and DumpVersion identify a complete JSON dump.
const (
	DumpFormat  = "maturity-dump"
	DumpVersion = 1
)

// Dump is everything a database holds: the model, the assessments, the
// initiatives with their dependencies and timestamps, the history, and
// the id counter, so that a restore continues without reusing an id.
type Dump struct {
	Format       string           `json:"format"`
	Version      int              `json:"version"`
	Model        DumpModel        `json:"model"`
	Assessments  []DumpAssessment `json:"assessments"`
	Initiatives  []DumpInitiative `json:"initiatives"`
	History      []DumpEvent      `json:"history"`
	LastID       int64            `json:"last_initiative_id"`
	ModelUpdated string           `json:"model_updated"`
}

// DumpModel is the maturity model in the dump.
type DumpModel struct {
	Stages  []DumpLevel  `json:"stages"`
	Domains []DumpDomain `json:"domains"`
	Rules   []DumpRule   `json:"rules"`
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

// Dump reads the whole database from one consistent snapshot.
func (s *Store) Dump(ctx context.Context) (*Dump, error) {
	d := &Dump{Format: DumpFormat, Version: DumpVersion,
		Assessments: []DumpAssessment{}, Initiatives: []DumpInitiative{}, History: []DumpEvent{}}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		m, err := loadModel(ctx, tx)
		if err != nil {
			return err
		}
		d.Model = dumpModel(m)
		var updated int64
		if err := tx.QueryRowContext(ctx, `SELECT updated_at FROM model WHERE id = 1`).Scan(&updated); err != nil {
			return dbError(err)
		}
		d.ModelUpdated = dumpTime(updated)
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'initiatives'`).Scan(&d.LastID); err != nil {
			return dbError(err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, domain, level, note, actor, at FROM assessments ORDER BY id`)
		if err != nil {
			return dbError(err)
		}
		for rows.Next() {
			var a DumpAssessment
			var at int64
			if err := rows.Scan(&a.ID, &a.Domain, &a.Level, &a.Note, &a.Actor, &at); err != nil {
				rows.Close()
				return dbError(err)
			}
			a.At = dumpTime(at)
			d.Assessments = append(d.Assessments, a)
		}
		rows.Close()
		ins, err := loadInitiatives(ctx, tx, m, full)
		if err != nil {
			return err
		}
		for _, in := range ins {
			j := DumpInitiative{ID: in.ID, Title: in.Title, Description: in.Description, Domain: in.Domain, Level: in.Level,
				Quarter: in.Quarter.String(), Status: string(in.Status), Owner: in.Owner, DependsOn: in.DependsOn,
				Version: in.Version, Created: dumpTime(formatTime(in.Created)), Updated: dumpTime(formatTime(in.Updated)),
				DoneAt: dumpTime(formatTime(in.DoneAt))}
			if j.DependsOn == nil {
				j.DependsOn = []int64{}
			}
			if in.Effort.Set {
				v := in.Effort.Value
				j.Effort = &v
			}
			d.Initiatives = append(d.Initiatives, j)
		}
		rows, err = tx.QueryContext(ctx, `SELECT id, at, actor, coalesce(initiative_id, 0), action, field, old, new, reason FROM history ORDER BY id`)
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
			d.History = append(d.History, e)
		}
		return dbError(rows.Err())
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

func dumpModel(m *roadmap.Model) DumpModel {
	dm := DumpModel{Stages: []DumpLevel{}, Domains: []DumpDomain{}, Rules: []DumpRule{}}
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

// WriteDump writes a dump as indented JSON.
func WriteDump(w io.Writer, d *Dump) error { return safejson.Write(w, d) }

// MaxDumpSize bounds what ParseDump reads.
const MaxDumpSize = 1 << 30

// ParseDump reads and validates a JSON dump without touching any database:
// the format and version, the model (by the same rules as a model file),
// every initiative (as if added), dependencies that exist and make no
// cycle, assessments of known domains and levels, history entries with
// known actions, and timestamps. Unknown fields are refused.
func ParseDump(r io.Reader) (*Dump, *roadmap.Model, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDumpSize+1))
	if err != nil {
		return nil, nil, err
	}
	if len(data) > MaxDumpSize {
		return nil, nil, fmt.Errorf("the dump is larger than %d bytes", MaxDumpSize)
	}
	if !utf8.Valid(data) {
		return nil, nil, errors.New("the dump is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d Dump
	if err := dec.Decode(&d); err != nil {
		return nil, nil, fmt.Errorf("the dump is not valid JSON: %v", jsonError(data, err))
	}
	if dec.More() {
		return nil, nil, errors.New("the dump has data after its end")
	}
	if d.Format != DumpFormat {
		return nil, nil, fmt.Errorf("not a maturity dump: format is %q, want %q", d.Format, DumpFormat)
	}
	if d.Version != DumpVersion {
		return nil, nil, fmt.Errorf("dump version %d is not supported (this maturity reads version %d)", d.Version, DumpVersion)
	}
	m, err := d.model()
	if err != nil {
		return nil, nil, fmt.Errorf("model: %v", err)
	}
	if _, err := undumpTime(d.ModelUpdated, "model_updated"); err != nil {
		return nil, nil, err
	}
	seen := map[int64]bool{}
	for i, a := range d.Assessments {
		what := fmt.Sprintf("assessment %d", i+1)
		if a.ID < 1 || seen[a.ID] {
			return nil, nil, fmt.Errorf("%s: id %d is missing or repeated", what, a.ID)
		}
		seen[a.ID] = true
		if !m.HasDomain(a.Domain) {
			return nil, nil, fmt.Errorf("%s: unknown domain %q", what, a.Domain)
		}
		if a.Level < 0 || a.Level > roadmap.MaxLevel {
			return nil, nil, fmt.Errorf("%s: level %d out of range 0..%d", what, a.Level, roadmap.MaxLevel)
		}
		if _, err := roadmap.CleanText(a.Note, "note", MaxNote); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", what, err)
		}
		if err := checkActor(a.Actor); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", what, err)
		}
		if _, err := undumpTime(a.At, what); err != nil {
			return nil, nil, err
		}
	}
	ins, err := d.initiatives(m)
	if err != nil {
		return nil, nil, err
	}
	r2 := roadmap.New(m, nil, ins)
	for _, in := range ins {
		for _, dep := range in.DependsOn {
			if _, ok := r2.Get(dep); !ok {
				return nil, nil, fmt.Errorf("initiative #%d depends on unknown initiative #%d", in.ID, dep)
			}
		}
	}
	if cyc := r2.Cycle(); cyc != "" {
		return nil, nil, fmt.Errorf("initiatives: dependency cycle %s", cyc)
	}
	maxID := int64(0)
	for _, in := range ins {
		maxID = max(maxID, in.ID)
	}
	if d.LastID < maxID {
		return nil, nil, fmt.Errorf("last_initiative_id %d is below the largest initiative id %d", d.LastID, maxID)
	}
	seen = map[int64]bool{}
	for i, e := range d.History {
		what := fmt.Sprintf("history entry %d", i+1)
		if e.ID < 1 || seen[e.ID] {
			return nil, nil, fmt.Errorf("%s: id %d is missing or repeated", what, e.ID)
		}
		seen[e.ID] = true
		if !knownAction(e.Action) {
			return nil, nil, fmt.Errorf("%s: unknown action %q", what, e.Action)
		}
		if e.Initiative < 0 {
			return nil, nil, fmt.Errorf("%s: invalid initiative id %d", what, e.Initiative)
		}
		if _, err := undumpTime(e.At, what); err != nil {
			return nil, nil, err
		}
	}
	return &d, m, nil
}

// checkActor holds a dump's actor to CleanActor, in canonical form.
func checkActor(name string) error {
	clean, err := CleanActor(name, "actor")
	if err == nil && clean != name {
		err = fmt.Errorf("actor %q has surrounding space", name)
	}
	return err
}

func knownAction(a string) bool {
	switch a {
	case ActionCreate, ActionEdit, ActionForce, ActionDelete, ActionAssess, ActionModel:
		return true
	}
	return false
}

// jsonError adds the line to a JSON syntax or type error.
func jsonError(data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	return fmt.Errorf("line %d: %v", line, err)
}

func (d *Dump) model() (*roadmap.Model, error) {
	var stages []roadmap.Stage
	for _, s := range d.Model.Stages {
		stages = append(stages, roadmap.Stage{Level: s.Level, Name: s.Name, Description: s.Description})
	}
	var domains []roadmap.Domain
	for _, dd := range d.Model.Domains {
		dom := roadmap.Domain{Key: dd.Key, Name: dd.Name, Description: dd.Description}
		for _, l := range dd.Levels {
			dom.Levels = append(dom.Levels, roadmap.Level{Level: l.Level, Name: l.Name, Description: l.Description})
		}
		domains = append(domains, dom)
	}
	var rules []roadmap.Rule
	for _, r := range d.Model.Rules {
		rules = append(rules, roadmap.Rule{Domain: r.Domain, Level: r.Level, Requires: r.Requires, AtLeast: r.AtLeast})
	}
	return roadmap.NewModel(stages, domains, rules)
}

func (d *Dump) initiatives(m *roadmap.Model) ([]roadmap.Initiative, error) {
	ins := make([]roadmap.Initiative, 0, len(d.Initiatives))
	seen := map[int64]bool{}
	for _, j := range d.Initiatives {
		what := fmt.Sprintf("initiative #%d", j.ID)
		if j.ID < 1 || seen[j.ID] {
			return nil, fmt.Errorf("%s: id is missing or repeated", what)
		}
		seen[j.ID] = true
		q, err := roadmap.ParseQuarter(j.Quarter)
		if err != nil || q.String() != j.Quarter {
			return nil, fmt.Errorf("%s: invalid quarter %q", what, j.Quarter)
		}
		status, err := roadmap.ParseStatus(j.Status)
		if err != nil || string(status) != j.Status {
			return nil, fmt.Errorf("%s: invalid status %q", what, j.Status)
		}
		in := roadmap.Initiative{ID: j.ID, Title: j.Title, Description: j.Description, Domain: j.Domain, Level: j.Level,
			Quarter: q, Status: status, Owner: j.Owner, DependsOn: j.DependsOn, Version: j.Version}
		if j.Effort != nil {
			in.Effort = roadmap.Effort{Value: *j.Effort, Set: true}
		}
		norm, err := in.Normalize(m)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		// A dump holds canonical values; anything Normalize would change
		// was not written by maturity and would not restore exactly.
		if norm.Title != in.Title || norm.Description != in.Description || norm.Owner != in.Owner ||
			roadmap.FormatIDs(norm.DependsOn, ",") != roadmap.FormatIDs(in.DependsOn, ",") {
			return nil, fmt.Errorf("%s: fields are not in canonical form (surrounding space, unsorted or repeated dependencies)", what)
		}
		if j.Version < 1 {
			return nil, fmt.Errorf("%s: version %d must be at least 1", what, j.Version)
		}
		for _, t := range []struct{ s, name string }{{j.Created, "created"}, {j.Updated, "updated"}, {j.DoneAt, "done_at"}} {
			n, err := undumpTime(t.s, what+" "+t.name)
			if err != nil {
				return nil, err
			}
			if n == 0 && t.name != "done_at" {
				return nil, fmt.Errorf("%s: %s is missing", what, t.name)
			}
		}
		ins = append(ins, norm)
	}
	return ins, nil
}

// Restore fills an empty database with a dump, exactly: same ids,
// timestamps, versions, history and id counter. It is refused when the
// database holds any initiative, assessment or history.
func (s *Store) Restore(ctx context.Context, d *Dump, m *roadmap.Model) error {
	var doc bytes.Buffer
	if err := roadmap.WriteModel(&doc, m); err != nil {
		return err
	}
	return s.write(ctx, func(t *txn) error {
		var n int
		if err := t.tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM initiatives) + (SELECT count(*) FROM assessments) + (SELECT count(*) FROM history)`).Scan(&n); err != nil {
			return dbError(err)
		}
		if n > 0 {
			return errors.New("a dump can only be restored into an empty database (no initiatives, assessments or history)")
		}
		updated, _ := undumpTime(d.ModelUpdated, "")
		if _, err := t.exec(`UPDATE model SET document = ?, updated_at = ? WHERE id = 1`, doc.String(), updated); err != nil {
			return err
		}
		assess := t.newBatch("assessments", "id", "domain", "level", "note", "actor", "at")
		for _, a := range d.Assessments {
			at, _ := undumpTime(a.At, "")
			if err := assess.add(a.ID, a.Domain, a.Level, a.Note, a.Actor, at); err != nil {
				return err
			}
		}
		if err := assess.flush(); err != nil {
			return err
		}
		rows := t.newBatch("initiatives", "id", "title", "description", "domain", "level", "quarter", "status",
			"owner", "effort", "version", "created_at", "updated_at", "done_at")
		deps := t.newBatch("dependencies", "initiative_id", "depends_on")
		for _, j := range d.Initiatives {
			created, _ := undumpTime(j.Created, "")
			updated, _ := undumpTime(j.Updated, "")
			done, _ := undumpTime(j.DoneAt, "")
			var effort any
			if j.Effort != nil {
				effort = *j.Effort
			}
			if err := rows.add(j.ID, j.Title, j.Description, j.Domain, j.Level, j.Quarter, j.Status, j.Owner, effort,
				j.Version, created, updated, done); err != nil {
				return err
			}
		}
		if err := rows.flush(); err != nil {
			return err
		}
		for _, j := range d.Initiatives {
			for _, dep := range j.DependsOn {
				if err := deps.add(j.ID, dep); err != nil {
					return err
				}
			}
		}
		if err := deps.flush(); err != nil {
			return err
		}
		hist := t.newBatch("history", "id", "at", "actor", "initiative_id", "action", "field", "old", "new", "reason")
		for _, e := range d.History {
			at, _ := undumpTime(e.At, "")
			var id any
			if e.Initiative != 0 {
				id = e.Initiative
			}
			if err := hist.add(e.ID, at, e.Actor, id, e.Action, e.Field, e.Old, e.New, e.Reason); err != nil {
				return err
			}
		}
		if err := hist.flush(); err != nil {
			return err
		}
		// Keep the id counter, so ids of deleted initiatives stay unused.
		if _, err := t.exec(`DELETE FROM sqlite_sequence WHERE name = 'initiatives'`); err != nil {
			return err
		}
		if d.LastID > 0 {
			if _, err := t.exec(`INSERT INTO sqlite_sequence (name, seq) VALUES ('initiatives', ?)`, d.LastID); err != nil {
				return err
			}
		}
		return nil
	})
}
