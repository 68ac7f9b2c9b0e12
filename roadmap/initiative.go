package roadmap

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Limits on initiative fields.
const (
	MaxTitle       = 200
	MaxOwner       = 100
	MaxDescription = 10000
	MaxEffort      = 100000
	MaxDependsOn   = 100
	// MaxReason is the longest reason for an override: one line.
	MaxReason = 500
)

// Status is where an initiative stands.
type Status string

// The statuses an initiative moves through.
const (
	Planned    Status = "planned"
	InProgress Status = "in-progress"
	Done       Status = "done"
	Dropped    Status = "dropped"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{Planned, InProgress, Done, Dropped}

// ParseStatus reads a status name; the empty string gives Planned.
func ParseStatus(s string) (Status, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "":
		return Planned, nil
	case "in_progress", "inprogress", "started":
		return InProgress, nil
	}
	for _, st := range Statuses {
		if string(st) == t {
			return st, nil
		}
	}
	return "", fmt.Errorf("invalid status %q: want planned, in-progress, done or dropped", s)
}

// Finished reports whether the status is done or dropped.
func (s Status) Finished() bool { return s == Done || s == Dropped }

// Effort is an optional non-negative amount of work, e.g. person-weeks.
type Effort struct {
	Value float64
	Set   bool
}

// ParseEffort reads an effort; the empty string gives an unset Effort.
func ParseEffort(s string) (Effort, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Effort{}, nil
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return Effort{}, fmt.Errorf("invalid effort %q: want a number such as 3 or 2.5", s)
	}
	if v < 0 || v > MaxEffort {
		return Effort{}, fmt.Errorf("invalid effort %q: want a number from 0 to %d", s, MaxEffort)
	}
	return Effort{Value: v, Set: true}, nil
}

// String formats the effort in the shortest exact form, or "" when unset.
func (e Effort) String() string {
	if !e.Set {
		return ""
	}
	return strconv.FormatFloat(e.Value, 'f', -1, 64)
}

// ParseLevel reads the level an initiative targets: 1..MaxLevel (level 0
// is where every domain starts; nothing brings a domain to it).
func ParseLevel(s string) (int, error) {
	l, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || l < 1 || l > MaxLevel {
		return 0, fmt.Errorf("invalid level %q: want a number from 1 to %d", s, MaxLevel)
	}
	return l, nil
}

// ParseBaseline reads an assessed level: 0..MaxLevel.
func ParseBaseline(s string) (int, error) {
	l, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || l < 0 || l > MaxLevel {
		return 0, fmt.Errorf("invalid level %q: want a number from 0 to %d", s, MaxLevel)
	}
	return l, nil
}

// DomainKey writes a domain as the model keys it: lower case, without
// surrounding space. Every face reads a domain through it (or ParseDomain).
func DomainKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ParseDomain reads a domain key (DomainKey) and refuses one the model
// does not have. It returns the model's own string, so that a hundred
// thousand rows read from a file share one.
func (m *Model) ParseDomain(s string) (string, error) {
	i, ok := m.index[DomainKey(s)]
	if !ok {
		return "", m.unknownDomain(s)
	}
	return m.Domains[i].Key, nil
}

// CheckDomain refuses a key, taken exactly as written, that the model does
// not have: for data that holds keys as the store writes them.
func (m *Model) CheckDomain(key string) error {
	if !m.HasDomain(key) {
		return m.unknownDomain(key)
	}
	return nil
}

// unknownDomain is the error for a domain the model does not have.
func (m *Model) unknownDomain(s string) error {
	return fmt.Errorf("unknown domain %q: want %s", s, m.DomainKeys())
}

// MaxID is the largest initiative id: the largest integer that JSON
// readers (JavaScript among them) hold exactly, and far from the store's
// own limit.
const MaxID = 1<<53 - 1

// ParseID reads an initiative id: a whole number from 1 to MaxID, "#"
// allowed in front.
func ParseID(s string) (int64, error) {
	t := strings.TrimPrefix(strings.TrimSpace(s), "#")
	id, err := strconv.ParseInt(t, 10, 64)
	if err != nil || id < 1 {
		return 0, fmt.Errorf("invalid id %q: want a positive number", s)
	}
	if id > MaxID {
		return 0, fmt.Errorf("invalid id %q: at most %d", s, int64(MaxID))
	}
	return id, nil
}

// ParseIDs reads a list of ids separated by commas, semicolons or spaces.
// Duplicates are removed; the result is sorted.
func ParseIDs(s string) ([]int64, error) {
	fields := SplitIDs(s)
	ids := make([]int64, 0, len(fields))
	for _, f := range fields {
		id, err := ParseID(f)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return SortIDs(ids), nil
}

// SplitIDs splits a list of ids where ParseIDs does, without reading
// them: for a face that says what each id typed so far stands for.
func SplitIDs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' })
}

// SortIDs sorts ids and removes duplicates, in place.
func SortIDs(ids []int64) []int64 {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

// FormatIDs joins ids with sep.
func FormatIDs(ids []int64, sep string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, sep)
}

// Initiative is one piece of planned work that advances a domain to a level.
type Initiative struct {
	ID          int64
	Title       string
	Description string
	Domain      string // a model domain key
	Level       int    // 1..MaxLevel: the level it brings its domain to
	Quarter     Quarter
	Status      Status
	Owner       string
	Effort      Effort
	DependsOn   []int64 // sorted ids of initiatives this one waits for

	Version int64     // incremented by the store on every change
	Created time.Time // set by the store
	Updated time.Time
	DoneAt  time.Time // when it was last marked done; zero otherwise
}

// Ref names an initiative in messages: #7 "Adopt Argo CD".
func (in *Initiative) Ref() string { return string(in.AppendRef(nil)) }

// RefStatus names an initiative with its status and quarter, as lists of
// dependencies show them: #7 "Adopt Argo CD" (done, 2026-Q3).
func (in *Initiative) RefStatus() string {
	return in.Ref() + " (" + string(in.Status) + ", " + in.Quarter.Label() + ")"
}

// AppendRef appends Ref to b.
func (in *Initiative) AppendRef(b []byte) []byte {
	b = append(b, '#')
	b = strconv.AppendInt(b, in.ID, 10)
	b = append(b, ' ')
	return strconv.AppendQuote(b, in.Title)
}

// Normalize validates the fields that do not depend on other initiatives
// against the model and returns the initiative in canonical form (trimmed
// text, the owner field as NormalizeOwner gives it, sorted dependencies, a
// status).
func (in Initiative) Normalize(m *Model) (Initiative, error) {
	var err error
	if in.Title, err = CleanLine(in.Title, "title", MaxTitle, true); err != nil {
		return in, err
	}
	if in.Description, err = CleanText(in.Description, "description", MaxDescription); err != nil {
		return in, err
	}
	if in.Owner, err = CleanLine(NormalizeOwner(in.Owner), "owner", MaxOwner, false); err != nil {
		return in, err
	}
	if err := m.CheckDomain(in.Domain); err != nil {
		return in, err
	}
	if in.Level < 1 || in.Level > MaxLevel {
		return in, fmt.Errorf("invalid level %d: want a number from 1 to %d", in.Level, MaxLevel)
	}
	if q := in.Quarter; !q.IsBacklog() && (q.Year < minYear || q.Year > maxYear || q.Q < 1 || q.Q > 4) {
		return in, fmt.Errorf("invalid quarter %s: want one from %d-Q1 to %d-Q4", q, minYear, maxYear)
	}
	if in.Status == "" {
		in.Status = Planned
	}
	if !slices.Contains(Statuses, in.Status) {
		return in, fmt.Errorf("invalid status %q", in.Status)
	}
	if in.Effort.Set && (in.Effort.Value < 0 || in.Effort.Value > MaxEffort || math.IsNaN(in.Effort.Value)) {
		return in, fmt.Errorf("invalid effort %v: want a number from 0 to %d", in.Effort.Value, MaxEffort)
	}
	in.DependsOn = SortIDs(append([]int64(nil), in.DependsOn...))
	if err := checkDependencyCount(in.DependsOn); err != nil {
		return in, err
	}
	for _, d := range in.DependsOn {
		if d < 1 {
			return in, fmt.Errorf("invalid dependency id %d", d)
		}
		if d == in.ID && in.ID != 0 {
			return in, fmt.Errorf("#%d cannot depend on itself", in.ID)
		}
	}
	return in, nil
}

// checkDependencyCount refuses more than MaxDependsOn dependencies.
func checkDependencyCount(deps []int64) error {
	if len(deps) > MaxDependsOn {
		return fmt.Errorf("too many dependencies: at most %d", MaxDependsOn)
	}
	return nil
}

// DomainKeys lists the domain keys for messages: "standardization, automation, …".
func (m *Model) DomainKeys() string {
	keys := make([]string, len(m.Domains))
	for i, d := range m.Domains {
		keys[i] = d.Key
	}
	return strings.Join(keys, ", ")
}

// TargetName describes what an initiative advances: "automation 3 GitOps".
func (m *Model) TargetName(in *Initiative) string { return m.LevelTitle(in.Domain, in.Level) }

// LevelTitle names a level of a domain as a target: "automation 3 GitOps".
func (m *Model) LevelTitle(domain string, level int) string {
	return string(m.appendLevelTitle(nil, domain, level))
}

func (m *Model) appendLevelTitle(b []byte, domain string, level int) []byte {
	b = append(b, domain...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(level), 10)
	b = append(b, ' ')
	return append(b, m.LevelName(domain, level)...)
}
