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
	CodePrerequisiteLate      = "prerequisite-late"
	CodePrerequisiteUnplanned = "prerequisite-unplanned"
	CodePrerequisiteSameQ     = "prerequisite-same-quarter"
	CodeDependencyLate        = "dependency-late"
	CodeDependencyDropped     = "dependency-dropped"
	CodeOverdue               = "overdue"
	CodeUnmetPrerequisite     = "unmet-prerequisite"
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
	{CodeDependencyLate, SeverityError, "a dependency is unfinished and scheduled later, or not scheduled"},
	{CodeDependencyDropped, SeverityError, "a dependency was dropped"},
	{CodeUnmetPrerequisite, SeverityError, "done although a cross-domain prerequisite is not reached"},
	{CodePrerequisiteSameQ, SeverityWarning, "a prerequisite level is reached only in the same quarter"},
	{CodeOverdue, SeverityWarning, "still open after its quarter has passed"},
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

// Warning is one problem the plan has, about one initiative.
type Warning struct {
	Code       string
	Severity   Severity
	Initiative int64

	facts facts // what Message needs, kept so messages are built only when read
}

// facts are the particulars of a warning. in and other point into the
// roadmap that was checked: Message reads them when it is called, so read
// messages before changing that roadmap.
type facts struct {
	m     *Model
	in    *Initiative
	other *Initiative  // the dependency concerned
	need  Prerequisite // the prerequisite concerned
	when  Quarter      // when the plan reaches need
	now   int          // the level need's domain has now
}

// Message describes the warning in a sentence that names the initiative.
func (w Warning) Message() string {
	f := w.facts
	if f.m == nil || f.in == nil {
		return ""
	}
	in := f.in
	ref := in.Ref()
	target := f.m.TargetName(in)
	need := f.m.DescribeLevel(f.need)
	q := in.Quarter.String()
	// Plain concatenation: a large check prints a hundred thousand of these.
	switch w.Code {
	case CodeUnmetPrerequisite:
		return ref + " (" + target + ") is done but requires " + need + ", now " + f.m.levelText(f.need.Domain, f.now)
	case CodePrerequisiteUnplanned:
		return ref + " (" + target + ", " + q + ") needs " + need + ", which no quarter of the plan reaches"
	case CodePrerequisiteLate:
		return ref + " (" + target + ", " + q + ") needs " + need + ", which the plan reaches only in " + f.when.String()
	case CodePrerequisiteSameQ:
		return ref + " (" + target + ", " + q + ") needs " + need + ", which the plan reaches only in the same quarter"
	case CodeDependencyDropped:
		return ref + " depends on " + f.other.Ref() + ", which was dropped"
	case CodeDependencyLate:
		if f.other.Quarter.IsBacklog() {
			return ref + " (" + q + ") depends on " + f.other.Ref() + ", which is unfinished and not scheduled"
		}
		return ref + " (" + q + ") depends on " + f.other.Ref() + ", which is scheduled later, in " + f.other.Quarter.String()
	case CodeOverdue:
		return ref + " is still " + string(in.Status) + ", but its quarter " + q + " has passed"
	}
	return ref + ": " + w.Code
}

// Check finds every warning in the roadmap as seen from the quarter today,
// errors first, then by initiative id and code.
func (r *Roadmap) Check(today Quarter) []Warning {
	return r.check(today, r.Project(today))
}

func (r *Roadmap) check(today Quarter, p Projection) []Warning {
	m := r.Model
	// The initiatives come in id order, so the report is ordered by
	// putting each initiative's warnings in code order and then the errors
	// before the warnings, keeping the rest of the order: no global sort.
	var errs, warns, mine []Warning
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		d := r.dom[i]
		if d < 0 || in.Level < 1 || in.Level > MaxLevel {
			continue
		}
		for _, w := range sortedByCode(mine) {
			if w.Severity == SeverityError {
				errs = append(errs, w)
			} else {
				warns = append(warns, w)
			}
		}
		mine = mine[:0]
		base := facts{m: m, in: in}
		add := func(code string, sev Severity, f facts) {
			mine = append(mine, Warning{Code: code, Severity: sev, Initiative: in.ID, facts: f})
		}
		open := in.Status == Planned || in.Status == InProgress
		scheduled := !in.Quarter.IsBacklog()

		if in.Status == Done {
			for _, b := range m.unmet(p.Now, d, in.Level) {
				f := base
				f.need, f.now = b.Prerequisite, b.Now
				add(CodeUnmetPrerequisite, SeverityError, f)
			}
		}
		if !open {
			continue
		}
		if scheduled {
			if in.Level > 1 {
				r.checkNeed(p, base, Prerequisite{in.Domain, in.Level - 1}, add)
			}
			for _, need := range m.needs[d][in.Level] {
				r.checkNeed(p, base, need, add)
			}
		}
		for _, id := range in.DependsOn {
			dep, ok := r.Get(id)
			if !ok {
				continue
			}
			f := base
			f.other = dep
			switch {
			case dep.Status == Dropped:
				add(CodeDependencyDropped, SeverityError, f)
			case !scheduled || dep.Status.Finished():
			case dep.Quarter.IsBacklog(), in.Quarter.Before(dep.Quarter):
				add(CodeDependencyLate, SeverityError, f)
			}
		}
		if scheduled && !today.IsBacklog() && in.Quarter.Before(today) {
			add(CodeOverdue, SeverityWarning, base)
		}
	}
	for _, w := range sortedByCode(mine) {
		if w.Severity == SeverityError {
			errs = append(errs, w)
		} else {
			warns = append(warns, w)
		}
	}
	return append(errs, warns...)
}

// sortedByCode sorts one initiative's few warnings by code, stably.
func sortedByCode(ws []Warning) []Warning {
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0 && codeRank(ws[j].Code) < codeRank(ws[j-1].Code); j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
	return ws
}

// checkNeed compares when the plan reaches a prerequisite with the quarter
// of the initiative that needs it.
func (r *Roadmap) checkNeed(p Projection, base facts, need Prerequisite, add func(string, Severity, facts)) {
	w := p.When(r.Model.index[need.Domain], need.Level)
	f := base
	f.need, f.when = need, w.Quarter
	switch {
	case w.Now:
	case !w.Planned:
		add(CodePrerequisiteUnplanned, SeverityError, f)
	case base.in.Quarter.Before(w.Quarter):
		add(CodePrerequisiteLate, SeverityError, f)
	case base.in.Quarter == w.Quarter:
		add(CodePrerequisiteSameQ, SeverityWarning, f)
	}
}

// needs returns what an initiative waits for: the cross-domain
// prerequisites of its level and the previous level of its own domain.
func (r *Roadmap) needs(in *Initiative) []Prerequisite {
	rules := r.Model.Prerequisites(in.Domain, in.Level)
	out := make([]Prerequisite, 0, len(rules)+1)
	if in.Level > 1 {
		out = append(out, Prerequisite{Domain: in.Domain, Level: in.Level - 1})
	}
	return append(out, rules...)
}

// levelText writes a level with its name: "1 (Audits)".
func (m *Model) levelText(domain string, level int) string {
	return strconv.Itoa(level) + " (" + m.LevelName(domain, level) + ")"
}

// SortWarnings orders warnings: errors first, then by initiative id, then
// by code; warnings equal in all three keep their order.
func SortWarnings(ws []Warning) {
	sort.SliceStable(ws, func(i, j int) bool {
		a, b := ws[i], ws[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Initiative != b.Initiative {
			return a.Initiative < b.Initiative
		}
		return codeRank(a.Code) < codeRank(b.Code)
	})
}

// CodeSet is a set of warning codes.
type CodeSet uint8

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

// CodesByInitiative returns the set of warning codes of each initiative.
func CodesByInitiative(ws []Warning) map[int64]CodeSet {
	out := make(map[int64]CodeSet)
	for _, w := range ws {
		c := out[w.Initiative]
		c.Add(w.Code)
		out[w.Initiative] = c
	}
	return out
}

// ByInitiative groups warnings by initiative id, keeping their order.
func ByInitiative(ws []Warning) map[int64][]Warning {
	out := map[int64][]Warning{}
	for _, w := range ws {
		out[w.Initiative] = append(out[w.Initiative], w)
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
