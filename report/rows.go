package report

import (
	"strconv"
	"strings"

	"maturity/roadmap"
)

// MaxRows is how many initiatives the HTML report lists per quarter; the
// rest are counted (Rows, More), so that a report of a hundred thousand
// initiatives stays a file a browser opens at once.
const MaxRows = 200

// MaxWarnings is how many warnings the HTML report writes out in full;
// the rest are counted by code.
const MaxWarnings = 300

// Row is an initiative as the lists show it.
type Row struct {
	ID                      int64
	Title, Domain           string
	Level                   Level
	Status                  roadmap.Status
	Owner, Effort, Warnings string // Warnings: the codes, ", "-separated
	Error                   bool   // one of its warnings is an error
}

// Row makes the row of an initiative.
func (rep *Report) Row(in *roadmap.Initiative) Row {
	ws := rep.WarningsOf(in.ID)
	row := Row{ID: in.ID, Title: in.Title, Domain: in.Domain, Level: Level{in.Level, rep.Model.LevelName(in.Domain, in.Level)},
		Status: in.Status, Owner: in.Owner, Effort: in.Effort.String(), Warnings: roadmap.WarningCodes(ws, ", ")}
	for _, w := range ws {
		row.Error = row.Error || w.Severity == roadmap.SeverityError
	}
	return row
}

// Rows returns the rows the HTML report lists of a quarter: the first
// MaxRows.
func (rep *Report) Rows(qp QuarterPlan) []Row {
	ins := qp.Initiatives[:min(len(qp.Initiatives), MaxRows)]
	out := make([]Row, len(ins))
	for i, in := range ins {
		out[i] = rep.Row(in)
	}
	return out
}

// More says how many initiatives of a quarter the HTML report leaves out.
func (qp QuarterPlan) More() int { return max(len(qp.Initiatives)-MaxRows, 0) }

// StatusText counts a quarter's initiatives by status: "3 planned, 1
// in-progress, 2 done"; "nothing scheduled" for none.
func (qp QuarterPlan) StatusText() string {
	var parts []string
	for _, c := range qp.Status {
		if c.N > 0 {
			parts = append(parts, count(c.N)+" "+string(c.Status))
		}
	}
	if len(parts) == 0 {
		return "nothing scheduled"
	}
	return strings.Join(parts, ", ")
}

// LevelsText writes projected levels as the plan shows them:
// "standardization 2 Templated, automation 3 GitOps, …".
func (rep *Report) LevelsText(lv roadmap.Levels) string {
	m := rep.Model
	parts := make([]string, len(m.Domains))
	for d, dom := range m.Domains {
		parts[d] = dom.Key + " " + strconv.Itoa(lv[d]) + " " + m.LevelName(dom.Key, lv[d])
	}
	return strings.Join(parts, ", ")
}

// ShownWarnings returns the warnings the HTML report writes out: the
// first MaxWarnings, errors first.
func (rep *Report) ShownWarnings() []roadmap.Warning {
	return rep.Warnings[:min(len(rep.Warnings), MaxWarnings)]
}

// CodeCount is how many warnings have a code.
type CodeCount struct {
	Code     string
	Severity roadmap.Severity
	N        int
}

// UnshownWarnings counts the warnings left out of ShownWarnings, by code
// in roadmap.Codes order.
func (rep *Report) UnshownWarnings() []CodeCount {
	if len(rep.Warnings) <= MaxWarnings {
		return nil
	}
	n := map[string]int{}
	for _, w := range rep.Warnings[MaxWarnings:] {
		n[w.Code]++
	}
	var out []CodeCount
	for _, c := range roadmap.Codes {
		if n[c.Code] > 0 {
			out = append(out, CodeCount{c.Code, c.Severity, n[c.Code]})
		}
	}
	return out
}
