package roadmap

import (
	"fmt"
	"sort"
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

func codeRank(code string) int {
	for i, c := range Codes {
		if c.Code == code {
			return i
		}
	}
	return len(Codes)
}

// Warning is one problem the plan has, about one initiative.
type Warning struct {
	Code       string
	Severity   Severity
	Initiative int64
	Message    string
}

// Check finds every warning in the roadmap as seen from the quarter today,
// errors first, then by initiative id and code.
func (r *Roadmap) Check(today Quarter) []Warning {
	return r.check(today, r.Project(today))
}

func (r *Roadmap) check(today Quarter, p Projection) []Warning {
	m := r.Model
	var ws []Warning
	add := func(in *Initiative, code string, sev Severity, format string, args ...any) {
		ws = append(ws, Warning{Code: code, Severity: sev, Initiative: in.ID,
			Message: in.Ref() + " " + fmt.Sprintf(format, args...)})
	}
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		d, known := m.index[in.Domain]
		if !known {
			continue
		}
		open := in.Status == Planned || in.Status == InProgress
		scheduled := !in.Quarter.IsBacklog()

		if in.Status == Done {
			for _, b := range m.unmet(p.Now, d, in.Level) {
				add(in, CodeUnmetPrerequisite, SeverityError, "(%s) is done but requires %s, now %s",
					m.TargetName(in), m.DescribeLevel(b.Prerequisite), m.levelText(b.Domain, b.Now))
			}
		}
		if !open {
			continue
		}
		if scheduled {
			for _, need := range r.needs(in) {
				nd := m.index[need.Domain]
				w := p.When(nd, need.Level)
				switch {
				case w.Now:
				case !w.Planned:
					add(in, CodePrerequisiteUnplanned, SeverityError, "(%s, %s) needs %s, which no quarter of the plan reaches",
						m.TargetName(in), in.Quarter, m.DescribeLevel(need))
				case in.Quarter.Before(w.Quarter):
					add(in, CodePrerequisiteLate, SeverityError, "(%s, %s) needs %s, which the plan reaches only in %s",
						m.TargetName(in), in.Quarter, m.DescribeLevel(need), w.Quarter)
				case in.Quarter == w.Quarter:
					add(in, CodePrerequisiteSameQ, SeverityWarning, "(%s, %s) needs %s, which the plan reaches only in the same quarter",
						m.TargetName(in), in.Quarter, m.DescribeLevel(need))
				}
			}
		}
		for _, id := range in.DependsOn {
			dep, ok := r.Get(id)
			if !ok {
				continue
			}
			switch {
			case dep.Status == Dropped:
				add(in, CodeDependencyDropped, SeverityError, "depends on %s, which was dropped", dep.Ref())
			case !scheduled || dep.Status.Finished():
			case dep.Quarter.IsBacklog():
				add(in, CodeDependencyLate, SeverityError, "(%s) depends on %s, which is unfinished and not scheduled",
					in.Quarter, dep.Ref())
			case in.Quarter.Before(dep.Quarter):
				add(in, CodeDependencyLate, SeverityError, "(%s) depends on %s, which is scheduled later, in %s",
					in.Quarter, dep.Ref(), dep.Quarter)
			}
		}
		if scheduled && !today.IsBacklog() && in.Quarter.Before(today) {
			add(in, CodeOverdue, SeverityWarning, "is still %s, but its quarter %s has passed", in.Status, in.Quarter)
		}
	}
	SortWarnings(ws)
	return ws
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
	return fmt.Sprintf("%d (%s)", level, m.LevelName(domain, level))
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
