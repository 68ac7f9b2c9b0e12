package report

import (
	"strconv"
	"strings"

	"maturity/roadmap"
)

// EmptySummary is the summary of a roadmap with nothing in it yet.
const EmptySummary = "The roadmap is empty: no initiative is planned and nothing is assessed yet, so there is nothing to chart."

// summary writes the one-paragraph summary: the stage now and where each
// domain stands, what the plan reaches by when, and the errors with what
// they hold up.
func (rep *Report) summary(p roadmap.Projection) string {
	if rep.Empty {
		return EmptySummary
	}
	m := rep.Model
	var b strings.Builder
	b.WriteString("As of " + rep.Today.Format("2 January 2006") + " (" + rep.Quarter.String() + "), the platform is at stage " +
		rep.Stage.Named() + ": ")
	parts := make([]string, len(rep.Domains))
	for i, d := range rep.Domains {
		parts[i] = d.Key + " is at " + d.Level.Named()
	}
	b.WriteString(roadmap.JoinAnd(parts) + ". ")

	// Each rise of the stage along the projection, in the quarter it
	// happens; one in a quarter already past waits on overdue work.
	var rises []string
	stage := rep.Stage.N
	for qi, q := range p.Quarters {
		s := p.At[qi].Stage()
		if s <= stage {
			continue
		}
		stage = s
		named := Level{s, m.StageName(s)}.Named()
		if q.Before(rep.Quarter) {
			rises = append(rises, "stage "+named+" as soon as the overdue work of "+q.String()+" is done")
		} else {
			rises = append(rises, "stage "+named+" by the end of "+q.String())
		}
	}
	if len(rises) == 0 {
		b.WriteString("The plan as it stands reaches no higher stage. ")
	} else {
		b.WriteString("The plan reaches " + roadmap.JoinAnd(rises) + ". ")
	}

	switch rep.Errors {
	case 0:
		b.WriteString("The plan has no errors")
	case 1:
		b.WriteString("1 error needs attention")
	default:
		b.WriteString(count(rep.Errors) + " errors need attention")
	}
	if held := rep.heldUp(); held != "" {
		b.WriteString(": " + held)
	}
	if w := len(rep.Warnings) - rep.Errors; w > 0 {
		b.WriteString("; " + plural(w, "warning", "warnings") + " more")
	}
	b.WriteString(".")
	return b.String()
}

// heldUp says what the errors hold up: "they hold up #16 "…", which
// targets automation 3 GitOps, …", at most a few named and the rest
// counted.
func (rep *Report) heldUp() string {
	const named = 3
	m := rep.Model
	// Check lists an initiative's errors together, initiative by
	// initiative: a new id is a new initiative.
	var last int64
	held := 0
	var ins []string
	type level struct {
		domain string
		n      int
	}
	levels := map[level]bool{}
	var targets []string
	for _, w := range rep.Warnings {
		if w.Severity != roadmap.SeverityError || w.Subject.Kind != roadmap.SubjectInitiative || w.Subject.Initiative == last {
			continue
		}
		last = w.Subject.Initiative
		in := rep.initiative(last)
		if in == nil {
			continue
		}
		held++
		if len(ins) < named {
			ins = append(ins, in.Ref())
		}
		if l := (level{in.Domain, in.Level}); !levels[l] {
			levels[l] = true
			targets = append(targets, m.TargetName(in))
		}
	}
	if held == 0 {
		return ""
	}
	if more := held - len(ins); more > 0 {
		ins = append(ins, plural(more, "other initiative", "other initiatives"))
	}
	if len(targets) > 2*named {
		targets = append(targets[:2*named], plural(len(targets)-2*named, "other level", "other levels"))
	}
	return "they hold up " + roadmap.JoinAnd(ins) + ", on the way to " + roadmap.JoinAnd(targets)
}

// initiative finds an initiative of the roadmap by id, nil when none.
func (rep *Report) initiative(id int64) *roadmap.Initiative {
	in, _ := rep.r.Get(id)
	return in
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return count(n) + " " + many
}

// count writes a number with thousands separated: 114,371.
func count(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
