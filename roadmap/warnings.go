package roadmap

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Severity grades a warning.
type Severity int

// Severities, from least to most serious.
const (
	SeverityWarning Severity = iota
	SeverityError
)

// String returns "warning" or "error".
func (s Severity) String() string {
	if s == SeverityError {
		return "error"
	}
	return "warning"
}

// ParseSeverity reads "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "warning":
		return SeverityWarning, nil
	case "error":
		return SeverityError, nil
	}
	return 0, fmt.Errorf("invalid severity %q: want error or warning", s)
}

// The warning codes. Each is stable: scripts and spreadsheets match on it.
const (
	CodePrerequisiteLate       = "prerequisite-late"
	CodePrerequisiteUnplanned  = "prerequisite-unplanned"
	CodeDeadlock               = "deadlock"
	CodeDependencyDeadlocked   = "dependency-deadlocked"
	CodeDependencyLate         = "dependency-late"
	CodeDependencyDropped      = "dependency-dropped"
	CodeDependencyUnfinished   = "dependency-unfinished"
	CodeDependencyUnknown      = "dependency-unknown"
	CodeDependencyCycle        = "dependency-cycle"
	CodeUnmetPrerequisite      = "unmet-prerequisite"
	CodeAssessmentInconsistent = "assessment-inconsistent"
	CodeLevelUnevidenced       = "level-unevidenced"
	CodeMetricRegressed        = "metric-regressed"
	CodeAssessmentStale        = "assessment-stale"
	CodePrerequisiteSameQ      = "prerequisite-same-quarter"
	CodeOverdue                = "overdue"
	CodeOverCapacity           = "over-capacity"
	CodeOwnerOverCapacity      = "owner-over-capacity"
)

// Codes lists every warning code with its severity, in the order reports
// use.
var Codes = []struct {
	Code     string
	Severity Severity
	Meaning  string
}{
	{CodePrerequisiteLate, SeverityError, "a prerequisite level is reached only in a later quarter"},
	{CodePrerequisiteUnplanned, SeverityError, "a prerequisite level is reached in no quarter of the plan"},
	{CodeDeadlock, SeverityError, "it waits, through a loop of waits, for itself: the plan can never finish it"},
	{CodeDependencyDeadlocked, SeverityError, "a dependency is in a deadlock or waits on one: it can never be done"},
	{CodeDependencyLate, SeverityError, "a dependency is unfinished and scheduled later, or not scheduled"},
	{CodeDependencyDropped, SeverityError, "a dependency was dropped"},
	{CodeDependencyUnfinished, SeverityError, "done although a dependency is not done"},
	{CodeDependencyUnknown, SeverityError, "it depends on an initiative that does not exist"},
	{CodeDependencyCycle, SeverityError, "its dependencies lead back to itself"},
	{CodeUnmetPrerequisite, SeverityError, "done although a prerequisite is not reached"},
	{CodeAssessmentInconsistent, SeverityWarning, "a domain is assessed at a level whose prerequisites are not reached"},
	{CodeLevelUnevidenced, SeverityWarning, "a level counted as reached has criteria that are not met"},
	{CodeMetricRegressed, SeverityWarning, "a metric's latest value is in a worse band than the quarter before (without bands: 25% worse)"},
	{CodeAssessmentStale, SeverityWarning, "a domain's newest answer is older than --stale-after days (120)"},
	{CodePrerequisiteSameQ, SeverityWarning, "a prerequisite level is reached only in the same quarter"},
	{CodeOverdue, SeverityWarning, "still open after its quarter has passed"},
	{CodeOverCapacity, SeverityWarning, "a coming quarter has more effort booked than its capacity"},
	{CodeOwnerOverCapacity, SeverityWarning, "a person has more effort booked in a coming quarter than their capacity"},
}

var codeRanks = func() map[string]int {
	m := make(map[string]int, len(Codes))
	for i, c := range Codes {
		m[c.Code] = i
	}
	return m
}()

func codeRank(code string) int {
	if r, ok := codeRanks[code]; ok {
		return r
	}
	return len(Codes)
}

// SubjectKind says what kind of thing a warning is about.
type SubjectKind int

// The kinds of subject, in the order reports list them.
const (
	SubjectDomain SubjectKind = iota
	SubjectMetric
	SubjectQuarter
	SubjectInitiative
)

// String returns "domain", "metric", "quarter" or "initiative".
func (k SubjectKind) String() string {
	switch k {
	case SubjectDomain:
		return "domain"
	case SubjectMetric:
		return "metric"
	case SubjectQuarter:
		return "quarter"
	}
	return "initiative"
}

// Subject is what a warning is about: an initiative (by id), a domain or
// a metric (by key) or a quarter (as 2027-Q1), for a quarter the team's
// capacity (Owner "") or one person's.
type Subject struct {
	Kind       SubjectKind
	Initiative int64
	Key        string
	Owner      string
}

// ID returns the initiative a warning is about, 0 when it is
// about something else.
func (s Subject) ID() int64 {
	if s.Kind != SubjectInitiative {
		return 0
	}
	return s.Initiative
}

// Warning is one problem the plan has, about one subject.
type Warning struct {
	Code     string
	Severity Severity
	Subject  Subject

	facts facts // what Message needs, kept so messages are built only when read
}

// facts are the particulars of a warning. in and other point into the
// roadmap that was checked: Message reads them when it is called, so read
// messages before changing that roadmap.
type facts struct {
	m       *Model
	in      *Initiative
	other   *Initiative    // the dependency concerned
	loops   *cycles        // the cycles a deadlock or dependency cycle is on
	why     *Unplanned     // why the plan never reaches need
	contra  *contradiction // an assessment the model contradicts
	ev      *evidenceFacts // what the evidence says, for its warnings
	load    *loadFacts     // an over-booked quarter or person
	missing int64          // the id of a dependency that does not exist
	need    Prerequisite   // the prerequisite concerned
	when    int32          // Quarter.index of when the plan reaches need
	now     int32          // the level need's domain has now
	node    int32          // the initiative's node in loops
}

// contradiction is an assessment that the model contradicts: per level from the
// assessed one down, the prerequisites it does not reach.
type contradiction struct {
	domain    string
	level     int
	unmet     [][]Need
	evidenced bool // the level comes from the criteria, not a manual assessment
}

// Message describes the warning in a sentence that names its subject.
func (w Warning) Message() string { return string(w.AppendMessage(nil)) }

// AppendMessage appends Message to b, for writing a hundred thousand of
// them without making a string of each.
func (w Warning) AppendMessage(b []byte) []byte {
	f := w.facts
	if f.m == nil {
		return b
	}
	m := f.m
	if w.Code == CodeAssessmentInconsistent {
		return append(b, m.inconsistencyText(f.contra)...)
	}
	if f.ev != nil {
		return append(b, f.ev.text(m, w.Code)...)
	}
	if f.load != nil {
		return f.load.appendText(b)
	}
	in := f.in
	if in == nil {
		return b
	}
	if w.Code == CodeDeadlock || w.Code == CodeDependencyCycle {
		return f.loops.appendLoop(b, f.node)
	}
	b = in.AppendRef(b)
	// The head of the sentences about a prerequisite: `#7 "X" (automation
	// 3 GitOps, 2026-Q3) needs governance ≥ 2 (Static Checks)`.
	needs := func(b []byte) []byte {
		b = append(b, " ("...)
		b = m.appendLevelTitle(b, in.Domain, in.Level)
		b = append(b, ", "...)
		b = in.Quarter.appendTo(b)
		b = append(b, ") needs "...)
		return m.appendDescribed(b, f.need)
	}
	switch w.Code {
	case CodeUnmetPrerequisite:
		b = append(b, " ("...)
		b = m.appendLevelTitle(b, in.Domain, in.Level)
		b = append(b, ") is done but requires "...)
		b = m.appendDescribed(b, f.need)
		b = append(b, ", now "...)
		return m.appendLevelText(b, f.need.Domain, int(f.now))
	case CodePrerequisiteUnplanned:
		b = append(needs(b), ", which no quarter of the plan reaches"...)
		if why := f.why.String(); why != "" {
			b = append(append(b, ": "...), why...)
		}
		return b
	case CodePrerequisiteLate:
		return quarterAt(int(f.when)).appendTo(append(needs(b), ", which the plan reaches only in "...))
	case CodePrerequisiteSameQ:
		return append(needs(b), ", which the plan reaches only in the same quarter"...)
	case CodeDependencyDropped:
		return append(f.other.AppendRef(append(b, " depends on "...)), ", which was dropped"...)
	case CodeDependencyDeadlocked:
		b = f.other.AppendRef(append(b, " depends on "...))
		if f.loops != nil {
			return append(b, ", which is in a deadlock"...)
		}
		return append(b, ", which waits on a deadlock"...)
	case CodeDependencyUnfinished:
		b = f.other.AppendRef(append(b, " is done but depends on "...))
		return append(append(b, ", which is "...), f.other.Status...)
	case CodeDependencyUnknown:
		b = strconv.AppendInt(append(b, " depends on #"...), f.missing, 10)
		return append(b, ", which does not exist"...)
	case CodeDependencyLate:
		b = append(in.Quarter.appendTo(append(b, " ("...)), ") depends on "...)
		b = f.other.AppendRef(b)
		if f.other.Quarter.IsBacklog() {
			return append(b, ", which is unfinished and not scheduled"...)
		}
		return f.other.Quarter.appendTo(append(b, ", which is scheduled later, in "...))
	case CodeOverdue:
		b = append(append(append(b, " is still "...), in.Status...), ", but its quarter "...)
		return append(in.Quarter.appendTo(b), " has passed"...)
	}
	return append(append(b, ": "...), w.Code...)
}

// less orders warnings: errors first, then by subject (domains and
// metrics in model order, quarters, initiatives by id), then by code.
func (m *Model) less(a, b Warning) bool {
	if a.Severity != b.Severity {
		return a.Severity > b.Severity
	}
	sa, sb := a.Subject, b.Subject
	if sa.Kind != sb.Kind {
		return sa.Kind < sb.Kind
	}
	switch sa.Kind {
	case SubjectInitiative:
		if sa.Initiative != sb.Initiative {
			return sa.Initiative < sb.Initiative
		}
	case SubjectDomain:
		if sa.Key != sb.Key {
			da, _ := m.DomainIndex(sa.Key)
			db, _ := m.DomainIndex(sb.Key)
			return da < db
		}
	case SubjectMetric:
		if sa.Key != sb.Key {
			return m.metricIndex[sa.Key] < m.metricIndex[sb.Key]
		}
	default:
		if sa.Key != sb.Key {
			return sa.Key < sb.Key
		}
		if ka, kb := ownerKey(sa.Owner), ownerKey(sb.Owner); ka != kb {
			return ka < kb
		}
	}
	return codeRank(a.Code) < codeRank(b.Code)
}

// SortWarnings orders warnings as Check does: errors first, then by
// subject (domains in model order, quarters, initiatives by id), then by
// code; warnings equal in all three keep their order.
func (m *Model) SortWarnings(ws []Warning) {
	sort.SliceStable(ws, func(i, j int) bool { return m.less(ws[i], ws[j]) })
}

// CodeSet is a set of warning codes.
type CodeSet uint32

// Add puts a code in the set.
func (c *CodeSet) Add(code string) {
	if r := codeRank(code); r < len(Codes) {
		*c |= 1 << r
	}
}

// Join lists the codes in the set with sep, in the order of Codes: errors
// first, as a report lists them.
func (c CodeSet) Join(sep string) string {
	if c == 0 {
		return ""
	}
	var b strings.Builder
	for i, x := range Codes {
		if c&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteString(sep)
			}
			b.WriteString(x.Code)
		}
	}
	return b.String()
}

// ByInitiative groups the warnings about initiatives by id, keeping their
// order; warnings about other subjects are left out.
func ByInitiative(ws []Warning) map[int64][]Warning {
	out := map[int64][]Warning{}
	for _, w := range ws {
		if id := w.Subject.ID(); id != 0 {
			out[id] = append(out[id], w)
		}
	}
	return out
}

// About returns the warnings about one subject, keeping their order.
func About(ws []Warning, s Subject) []Warning {
	var out []Warning
	for _, w := range ws {
		if w.Subject == s {
			out = append(out, w)
		}
	}
	return out
}

// CountBySeverity returns the number of errors and of warnings.
func CountBySeverity(ws []Warning) (errors, warnings int) {
	for _, w := range ws {
		if w.Severity == SeverityError {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}
