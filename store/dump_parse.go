package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"maturity/roadmap"
)

// ParseDump reads and validates a JSON dump without touching any database.
// It reads at most MaxDumpSize bytes, refusing a larger input as soon as
// it passes the limit, and decodes the lists a row at a time, so memory
// holds the decoded dump and not its text as well. It checks everything a
// restore relies on: the format and version; the model (by the same rules
// as a model file); every initiative (as if added, in canonical form) with
// dependencies that exist and make no cycle; assessments of known domains
// and levels; every field of every history entry (see checkEvent); ids,
// history ids and versions from 1 to roadmap.MaxID and an id counter no
// higher, so the restored database takes every later write; actors by
// CleanActor; and timestamps the database can hold. Unknown and repeated
// fields are refused.
func ParseDump(r io.Reader) (*Dump, *roadmap.Model, error) {
	return parseDump(r, MaxDumpSize)
}

// parseDump is ParseDump with another size limit, for tests.
func parseDump(r io.Reader, limit int64) (*Dump, *roadmap.Model, error) {
	d, err := decodeDump(r, limit)
	if err != nil {
		return nil, nil, err
	}
	m, err := d.validate()
	if err != nil {
		return nil, nil, err
	}
	return d, m, nil
}

// dumpInput reads a dump for the JSON decoder: it stops at MaxDumpSize,
// and it keeps the bytes the decoder has read but not yet moved past, so
// that an error can name its line and the text can be checked as UTF-8
// (the decoder would quietly replace invalid bytes).
type dumpInput struct {
	r     io.Reader
	limit int64
	read  int64  // bytes read
	kept  []byte // the bytes from offset base on
	base  int64
	lines int // newlines before base
}

func (in *dumpInput) Read(p []byte) (int, error) {
	n, err := in.r.Read(p)
	in.read += int64(n)
	if in.read > in.limit {
		return 0, &tooLargeError{in.limit}
	}
	in.kept = append(in.kept, p[:n]...)
	return n, err
}

// tooLargeError refuses a dump past the limit.
type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("the dump is larger than %s, the most a dump may hold", sizeText(e.limit))
}

// sizeText writes a size for people: "1024 MiB", "1000 bytes".
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// advance checks and forgets the bytes before offset off, which must be
// at a token boundary of the JSON text.
func (in *dumpInput) advance(off int64) error {
	k := int(min(max(off-in.base, 0), int64(len(in.kept))))
	chunk := in.kept[:k]
	if !utf8.Valid(chunk) {
		i := 0
		for i < len(chunk) {
			r, n := utf8.DecodeRune(chunk[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return fmt.Errorf("line %d: the dump is not valid UTF-8", in.lines+1+bytes.Count(chunk[:i], []byte("\n")))
	}
	in.lines += bytes.Count(chunk, []byte("\n"))
	in.kept = in.kept[:copy(in.kept, in.kept[k:])]
	in.base += int64(k)
	return nil
}

// line is the line of the first token at or after offset off.
func (in *dumpInput) line(off int64) int {
	k := int(min(max(off-in.base, 0), int64(len(in.kept))))
	for k < len(in.kept) && bytes.IndexByte([]byte(" \t\r\n,:"), in.kept[k]) >= 0 {
		k++
	}
	return in.lines + 1 + bytes.Count(in.kept[:k], []byte("\n"))
}

// decodeDump decodes the JSON text of a dump.
func decodeDump(r io.Reader, limit int64) (*Dump, error) {
	in := &dumpInput{r: r, limit: limit}
	dec := json.NewDecoder(in)
	dec.DisallowUnknownFields()
	// Errors of the JSON decoder get the line; those of this file and of
	// reading have what they need.
	notJSON := func(off int64, err error) error {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			err = io.ErrUnexpectedEOF
		case !errors.As(err, &se) && !errors.As(err, &te) && !strings.HasPrefix(err.Error(), "json: "):
			return err
		}
		return fmt.Errorf("the dump is not valid JSON: line %d: %v", in.line(off), err)
	}
	start := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return nil, notJSON(start, err)
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("not a maturity dump: it is not a JSON object")
	}
	d := &Dump{}
	seen := map[string]bool{}
	for dec.More() {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil, notJSON(start, err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return nil, fmt.Errorf("line %d: the dump has field %q twice", in.line(start), key)
		}
		seen[key] = true
		start = dec.InputOffset()
		switch key {
		case "format":
			err = dec.Decode(&d.Format)
			if err == nil && d.Format != DumpFormat {
				return nil, d.checkHeader()
			}
		case "version":
			err = dec.Decode(&d.Version)
			if err == nil && (d.Version < 1 || d.Version > DumpVersion) {
				return nil, d.checkHeader()
			}
		case "model":
			err = dec.Decode(&d.Model)
		case "last_initiative_id":
			err = dec.Decode(&d.LastID)
		case "model_updated":
			err = dec.Decode(&d.ModelUpdated)
		case "assessments":
			err = decodeList(dec, in, "assessment", &d.Assessments)
		case "answers":
			err = decodeList(dec, in, "answer", &d.Answers)
		case "metric_values":
			err = decodeList(dec, in, "metric value", &d.Values)
		case "capacity":
			err = decodeList(dec, in, "capacity figure", &d.Capacity)
		case "initiatives":
			err = decodeList(dec, in, "initiative", &d.Initiatives)
		case "history":
			err = decodeList(dec, in, "history entry", &d.History)
		default:
			return nil, fmt.Errorf("line %d: the dump has an unknown field %q", in.line(start), key)
		}
		if err != nil {
			return nil, notJSON(start, err)
		}
		if err := in.advance(dec.InputOffset()); err != nil {
			return nil, err
		}
	}
	start = dec.InputOffset()
	if _, err := dec.Token(); err != nil {
		return nil, notJSON(start, err)
	}
	start = dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			return nil, fmt.Errorf("line %d: the dump has data after its end", in.line(start))
		}
		return nil, notJSON(start, err)
	}
	if err := in.advance(in.read); err != nil {
		return nil, err
	}
	return d, d.checkHeader()
}

// listError is an error in one row of a list, which names it.
type listError struct {
	line int
	what string
	n    int
	err  error
}

func (e *listError) Error() string {
	return fmt.Sprintf("the dump is not valid JSON: line %d: %s %d: %v", e.line, e.what, e.n, e.err)
}

// decodeList decodes a JSON list a row at a time.
func decodeList[T any](dec *json.Decoder, in *dumpInput, what string, out *[]T) error {
	start := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("line %d: the list of %ss is not a JSON list", in.line(start), what)
	}
	list := []T{}
	for n := 1; dec.More(); n++ {
		start := dec.InputOffset()
		if err := in.advance(start); err != nil {
			return err
		}
		var v T
		if err := dec.Decode(&v); err != nil {
			var big *tooLargeError
			if errors.As(err, &big) {
				return err
			}
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return &listError{in.line(start), what, n, err}
		}
		list = append(list, v)
	}
	*out = list
	_, err = dec.Token()
	return err
}

// checkHeader refuses another format or version.
func (d *Dump) checkHeader() error {
	if d.Format != DumpFormat {
		return fmt.Errorf("not a maturity dump: format is %q, want %q", d.Format, DumpFormat)
	}
	if d.Version < 1 || d.Version > DumpVersion {
		return fmt.Errorf("dump version %d is not supported (this maturity reads versions 1 to %d)", d.Version, DumpVersion)
	}
	if d.Version == 1 && (len(d.Answers) > 0 || len(d.Values) > 0 || len(d.Model.Metrics) > 0 || len(d.Model.Criteria) > 0) {
		return errors.New("a version 1 dump has no answers, metric values, metrics or criteria")
	}
	if d.Version < 3 && len(d.Capacity) > 0 {
		return fmt.Errorf("a version %d dump has no capacity figures", d.Version)
	}
	return nil
}

// checkID refuses an id, history id or version outside 1..roadmap.MaxID:
// a database holding one would refuse later writes ("database or disk is
// full") or hand out ids no command can name.
func checkID(what string, id int64) error {
	if id < 1 || id > roadmap.MaxID {
		return fmt.Errorf("%s %d is out of range 1..%d", what, id, int64(roadmap.MaxID))
	}
	return nil
}

// validate checks a decoded dump and returns its model.
func (d *Dump) validate() (*roadmap.Model, error) {
	if err := d.checkHeader(); err != nil {
		return nil, err
	}
	m, err := d.model()
	if err != nil {
		return nil, fmt.Errorf("model: %v", err)
	}
	if _, err := undumpTime(d.ModelUpdated, "model_updated"); err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for i, a := range d.Assessments {
		what := fmt.Sprintf("assessment %d", i+1)
		if err := checkID(what+": id", a.ID); err != nil {
			return nil, err
		}
		if seen[a.ID] {
			return nil, fmt.Errorf("%s: id %d is repeated", what, a.ID)
		}
		seen[a.ID] = true
		if err := m.CheckDomain(a.Domain); err != nil {
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		if _, err := roadmap.ParseBaseline(strconv.Itoa(a.Level)); err != nil {
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		if note, err := roadmap.CleanText(a.Note, "note", MaxNote); err != nil || note != a.Note {
			if err == nil {
				err = errors.New("note has surrounding space or carriage returns")
			}
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		if err := checkActor(a.Actor); err != nil {
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		if n, err := undumpTime(a.At, what); err != nil || n == 0 {
			if err == nil {
				err = fmt.Errorf("%s: at is missing", what)
			}
			return nil, err
		}
	}
	if err := d.checkEvidence(m); err != nil {
		return nil, err
	}
	if err := d.checkCapacity(); err != nil {
		return nil, err
	}
	ins, err := d.initiatives(m)
	if err != nil {
		return nil, err
	}
	r2 := roadmap.New(m, nil, ins)
	for _, in := range ins {
		for _, dep := range in.DependsOn {
			if _, ok := r2.Get(dep); !ok {
				return nil, fmt.Errorf("initiative #%d depends on unknown initiative #%d", in.ID, dep)
			}
		}
	}
	if cyc := r2.Cycle(); cyc != "" {
		return nil, fmt.Errorf("initiatives: dependency cycle %s", cyc)
	}
	maxID := int64(0)
	for _, in := range ins {
		maxID = max(maxID, in.ID)
	}
	if d.LastID < maxID {
		return nil, fmt.Errorf("last_initiative_id %d is below the largest initiative id %d", d.LastID, maxID)
	}
	if d.LastID > roadmap.MaxID {
		return nil, fmt.Errorf("last_initiative_id %d is out of range 0..%d", d.LastID, int64(roadmap.MaxID))
	}
	seen = map[int64]bool{}
	for i := range d.History {
		e := &d.History[i]
		what := fmt.Sprintf("history entry %d", i+1)
		if err := checkID(what+": id", e.ID); err != nil {
			return nil, err
		}
		if seen[e.ID] {
			return nil, fmt.Errorf("%s: id %d is repeated", what, e.ID)
		}
		seen[e.ID] = true
		if err := checkEvent(e, m); err != nil {
			return nil, fmt.Errorf("%s: %v", what, err)
		}
	}
	return m, nil
}

// checkEvent checks every field of a history entry. The values are held
// to the form the store writes, not to today's rules for the fields they
// came from (a title allowed then stays in the history): text of at most
// roadmap.MaxModelSize bytes without control characters but newline and
// tab.
func checkEvent(e *DumpEvent, m *roadmap.Model) error {
	if n, err := undumpTime(e.At, "at"); err != nil || n == 0 {
		if err == nil {
			err = errors.New("at is missing")
		}
		return err
	}
	if err := checkActor(e.Actor); err != nil {
		return err
	}
	switch e.Action {
	case ActionCreate, ActionEdit, ActionForce, ActionDelete, ActionSchedule:
		if err := checkID("initiative", e.Initiative); err != nil {
			return err
		}
	case ActionAssess, ActionModel, ActionAnswer, ActionMetric, ActionCapacity:
		if e.Initiative != 0 {
			return fmt.Errorf("a %s entry names initiative %d: it concerns none", e.Action, e.Initiative)
		}
	default:
		return fmt.Errorf("unknown action %q", e.Action)
	}
	switch e.Action {
	case ActionEdit, ActionForce:
		if !isEditField(e.Field) {
			return fmt.Errorf("unknown field %q for a change (want %s)", e.Field, strings.Join(EditFields, ", "))
		}
	case ActionSchedule:
		if e.Field != "quarter" {
			return fmt.Errorf("a schedule entry has field %q: want quarter", e.Field)
		}
	case ActionAssess:
		if err := m.CheckDomain(e.Field); err != nil {
			return fmt.Errorf("an assessment entry: %v", err)
		}
	case ActionAnswer:
		if c := m.Criterion(e.Field); c == nil || !c.IsCheck() {
			return fmt.Errorf("an answer entry names %q, which is no check criterion of the model", e.Field)
		}
	case ActionMetric:
		key, quarter, _ := strings.Cut(e.Field, " ")
		q, err := roadmap.ParseQuarter(quarter)
		if m.Metric(key) == nil || err != nil || q.IsBacklog() || q.String() != quarter {
			return fmt.Errorf("a metric entry has field %q: want a metric of the model and a quarter, such as \"change-lead-time 2026-Q3\"", e.Field)
		}
	case ActionCapacity:
		if err := checkCapacityEvent(e); err != nil {
			return err
		}
	default:
		if e.Field != "" {
			return fmt.Errorf("a %s entry has field %q: it has none", e.Action, e.Field)
		}
	}
	for _, v := range []struct{ name, text string }{{"old", e.Old}, {"new", e.New}, {"reason", e.Reason}} {
		if len(v.text) > roadmap.MaxModelSize {
			return fmt.Errorf("%s is longer than %d bytes", v.name, roadmap.MaxModelSize)
		}
		for _, r := range v.text {
			if r != '\n' && r != '\t' && unicode.IsControl(r) {
				return fmt.Errorf("%s contains a control character (%U)", v.name, r)
			}
		}
	}
	return nil
}

// checkActor holds a dump's actor to CleanActor, in canonical form.
func checkActor(name string) error {
	clean, err := CleanActor(name, "actor")
	if err == nil && clean != name {
		err = fmt.Errorf("actor %q has surrounding space", name)
	}
	return err
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
	p := roadmap.Parts{Stages: stages, Domains: domains, Rules: rules}
	scales := map[string]roadmap.Scale{}
	// read reads a value written in the unit's canonical form, as a dump
	// holds it.
	read := func(what string, s roadmap.Scale, text *string) (float64, error) {
		v, err := s.Parse(*text)
		if err == nil && s.Format(v) != *text {
			err = fmt.Errorf("%q is not in canonical form (%s)", *text, s.Format(v))
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %v", what, err)
		}
		return v, nil
	}
	for _, dx := range d.Model.Metrics {
		x := roadmap.Metric{Key: dx.Key, Name: dx.Name, Description: dx.Description, Unit: roadmap.Unit(dx.Unit),
			Direction: roadmap.Direction(dx.Direction), Domain: dx.Domain}
		if (dx.Min == nil) != (dx.Max == nil) || (dx.Min != nil) != (x.Unit == roadmap.UnitScore) {
			return nil, fmt.Errorf("metric %s: a score has min and max, and no other unit does", dx.Key)
		}
		if dx.Min != nil {
			x.Min, x.Max = *dx.Min, *dx.Max
		}
		if _, err := roadmap.ParseUnit(dx.Unit); err != nil {
			return nil, fmt.Errorf("metric %s: %v", dx.Key, err)
		}
		s := x.Scale()
		scales[x.Key] = s
		if db := dx.Bands; db != nil {
			x.Bands = &roadmap.Bands{Edition: db.Edition, Source: db.Source}
			for _, band := range db.Table {
				b := roadmap.Band{Name: band.Name}
				for _, bound := range []struct {
					to        *roadmap.Bound
					text      *string
					inclusive bool
				}{{&b.Lower, band.AtLeast, true}, {&b.Lower, band.Above, false}, {&b.Upper, band.AtMost, true}, {&b.Upper, band.Below, false}} {
					if bound.text == nil {
						continue
					}
					if bound.to.Set {
						return nil, fmt.Errorf("metric %s: band %s has two bounds on one side", x.Key, b.Name)
					}
					v, err := read("metric "+x.Key+": band "+b.Name, s, bound.text)
					if err != nil {
						return nil, err
					}
					*bound.to = roadmap.Bound{Set: true, Value: v, Inclusive: bound.inclusive}
				}
				x.Bands.Table = append(x.Bands.Table, b)
			}
		}
		p.Metrics = append(p.Metrics, x)
	}
	for _, dc := range d.Model.Criteria {
		c := roadmap.Criterion{Key: dc.Key, Domain: dc.Domain, Level: dc.Level, Check: dc.Check, Metric: dc.Metric}
		for _, t := range []struct {
			text *string
			op   roadmap.Op
		}{{dc.AtLeast, roadmap.AtLeast}, {dc.AtMost, roadmap.AtMost}} {
			if t.text == nil {
				continue
			}
			s, ok := scales[c.Metric]
			if !ok || c.Op != "" {
				return nil, fmt.Errorf("criterion %s: a threshold needs a metric of the model, and has one side", c.Key)
			}
			v, err := read("criterion "+c.Key, s, t.text)
			if err != nil {
				return nil, err
			}
			c.Op, c.Threshold = t.op, v
		}
		p.Criteria = append(p.Criteria, c)
	}
	return roadmap.NewModelOf(p)
}

// checkEvidence checks the answers and the metric values: ids, a check
// criterion or a metric of the model, states, quarters and values the
// store writes, text in canonical form, actors and times.
func (d *Dump) checkEvidence(m *roadmap.Model) error {
	canonical := func(what, got string, clean func(string) (string, error)) error {
		c, err := clean(got)
		if err == nil && c != got {
			err = fmt.Errorf("%s has surrounding space or carriage returns", what)
		}
		return err
	}
	seen := map[int64]bool{}
	for i, a := range d.Answers {
		what := fmt.Sprintf("answer %d", i+1)
		if err := checkID(what+": id", a.ID); err != nil {
			return err
		}
		if seen[a.ID] {
			return fmt.Errorf("%s: id %d is repeated", what, a.ID)
		}
		seen[a.ID] = true
		if c := m.Criterion(a.Criterion); c == nil || !c.IsCheck() {
			return fmt.Errorf("%s: %q is no check criterion of the model", what, a.Criterion)
		}
		if st, err := roadmap.ParseCriterionState(a.State); err != nil || string(st) != a.State {
			return fmt.Errorf("%s: invalid state %q: want met, unmet or unknown", what, a.State)
		}
		if err := canonical("evidence", a.Evidence, func(s string) (string, error) { return roadmap.CleanText(s, "evidence", MaxEvidence) }); err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		if err := canonical("note", a.Note, func(s string) (string, error) { return roadmap.CleanText(s, "note", MaxNote) }); err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		if err := checkActor(a.Actor); err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		if n, err := undumpTime(a.At, what); err != nil || n == 0 {
			if err == nil {
				err = fmt.Errorf("%s: at is missing", what)
			}
			return err
		}
	}
	seen = map[int64]bool{}
	for i, v := range d.Values {
		what := fmt.Sprintf("metric value %d", i+1)
		if err := checkID(what+": id", v.ID); err != nil {
			return err
		}
		if seen[v.ID] {
			return fmt.Errorf("%s: id %d is repeated", what, v.ID)
		}
		seen[v.ID] = true
		x := m.Metric(v.Metric)
		if x == nil {
			return fmt.Errorf("%s: %q is no metric of the model", what, v.Metric)
		}
		if q, err := roadmap.ParseQuarter(v.Quarter); err != nil || q.IsBacklog() || q.String() != v.Quarter {
			return fmt.Errorf("%s: invalid quarter %q", what, v.Quarter)
		}
		if back, err := x.ParseValue(x.Format(v.Value)); err != nil || back != v.Value {
			return fmt.Errorf("%s: %v is not a value of %s as the store writes one", what, v.Value, x.Key)
		}
		if err := canonical("note", v.Note, func(s string) (string, error) { return roadmap.CleanText(s, "note", MaxNote) }); err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		if err := canonical("source", v.Source, func(s string) (string, error) { return roadmap.CleanLine(s, "source", MaxSource, false) }); err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		if err := checkActor(v.Actor); err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		if n, err := undumpTime(v.At, what); err != nil || n == 0 {
			if err == nil {
				err = fmt.Errorf("%s: at is missing", what)
			}
			return err
		}
	}
	return nil
}

func (d *Dump) initiatives(m *roadmap.Model) ([]roadmap.Initiative, error) {
	ins := make([]roadmap.Initiative, 0, len(d.Initiatives))
	seen := make(map[int64]bool, len(d.Initiatives))
	for _, j := range d.Initiatives {
		what := fmt.Sprintf("initiative #%d", j.ID)
		if err := checkID(what+": id", j.ID); err != nil {
			return nil, err
		}
		if seen[j.ID] {
			return nil, fmt.Errorf("%s: id is repeated", what)
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
		// was not written by maturity and would not restore exactly. The
		// owner field is the exception: a database written before owners
		// were normalised may hold "sam,kim", and the restore keeps what
		// was stored (only surrounding space is refused).
		if norm.Title != in.Title || norm.Description != in.Description || strings.TrimSpace(in.Owner) != in.Owner ||
			roadmap.FormatIDs(norm.DependsOn, ",") != roadmap.FormatIDs(in.DependsOn, ",") {
			return nil, fmt.Errorf("%s: fields are not in canonical form (surrounding space, unsorted or repeated dependencies)", what)
		}
		if err := checkID(what+": version", j.Version); err != nil {
			return nil, err
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
