package report

import (
	"strconv"
	"strings"

	"maturity/roadmap"
)

// EmptySummary is the summary of a roadmap with nothing in it yet.
const EmptySummary = "The roadmap is empty: no initiative is planned and nothing is assessed yet, so there is nothing to chart."

// summary writes the one-paragraph summary: the day, then the
// standing's sentences (where each domain stands, what the plan reaches
// by when, the errors with what they hold up).
func (rep *Report) summary() string {
	if rep.Empty {
		return EmptySummary
	}
	return "As of " + rep.Today.Format("2 January 2006") + " (" + rep.Quarter.String() + "), " + rep.Now + " " + rep.Outlook + " " + rep.Attention
}

// nowText says where the platform stands: its stage, and each domain's
// level.
func nowText(s Standing) string {
	parts := make([]string, len(s.Domains))
	for i, d := range s.Domains {
		parts[i] = d.Key + " is at " + d.Level.Named()
	}
	return "the platform is at stage " + s.Stage.Named() + ": " + roadmap.JoinAnd(parts) + "."
}

// outlookText says what the plan reaches by when: each rise of the stage
// above stage along the projection, in the quarter it happens; one in a
// quarter before q waits on overdue work.
func outlookText(m *roadmap.Model, stage int, p roadmap.Projection, q roadmap.Quarter) string {
	var rises []string
	for qi, pq := range p.Quarters {
		s := p.At[qi].Stage()
		if s <= stage {
			continue
		}
		stage = s
		named := Level{s, m.StageName(s)}.Named()
		if pq.Before(q) {
			rises = append(rises, "stage "+named+" as soon as the overdue work of "+pq.String()+" is done")
		} else {
			rises = append(rises, "stage "+named+" by the end of "+pq.String())
		}
	}
	if len(rises) == 0 {
		return "The plan as it stands reaches no higher stage."
	}
	return "The plan reaches " + roadmap.JoinAnd(rises) + "."
}

// attentionText says how many errors need attention and what they hold
// up, then how many warnings there are besides.
func attentionText(r *roadmap.Roadmap, warnings []roadmap.Warning, errors int) string {
	var b strings.Builder
	switch errors {
	case 0:
		b.WriteString("The plan has no errors")
	case 1:
		b.WriteString("1 error needs attention")
	default:
		b.WriteString(count(errors) + " errors need attention")
	}
	if held := heldUp(r, warnings); held != "" {
		b.WriteString(": " + held)
	}
	if w := len(warnings) - errors; w > 0 {
		b.WriteString("; " + plural(w, "warning", "warnings") + " more")
	}
	b.WriteString(".")
	return b.String()
}

// heldUp says what the errors hold up: "they hold up #16 "…", which
// targets automation 3 GitOps, …", at most a few named and the rest
// counted.
func heldUp(r *roadmap.Roadmap, warnings []roadmap.Warning) string {
	const named = 3
	m := r.Model
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
	for _, w := range warnings {
		if w.Severity != roadmap.SeverityError || w.Subject.Kind != roadmap.SubjectInitiative || w.Subject.Initiative == last {
			continue
		}
		last = w.Subject.Initiative
		in, ok := r.Get(last)
		if !ok {
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
