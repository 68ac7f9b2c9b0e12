package report

import (
	"maturity/roadmap"
)

// Standing is where a roadmap stands in a quarter: its stage, each
// domain (level, evidence, the next level and what keeps it), and what
// the summary says of it. The report holds one, and the dashboard's
// Dashboard view draws its ladder from one, so that both show the same
// facts in the same words. It is worked out in one pass over things the
// caller has already (NewStanding), so a face that has them pays little
// for it.
type Standing struct {
	Stage   Level
	Domains []Domain // model order
	// Errors is how many of the warnings are errors.
	Errors int
	// Now, Outlook and Attention are the summary's sentences: where the
	// platform stands ("the platform is at stage 1 (…): standardization
	// is at 2 (Templated), …." — it follows "As of <date>, " in the
	// report), what the plan reaches by when ("The plan reaches stage 2
	// (…) by the end of 2026-Q4."), and the errors with what they hold up
	// and the warnings ("3 errors need attention: they hold up …; 7
	// warnings more.").
	Now, Outlook, Attention string
}

// NewStanding works out the standing of r in quarter q, from its state
// st (r.State), its projection p (r.Project(q)), its warnings (r.CheckWith,
// errors first) and its level dates (r.LevelDates).
func NewStanding(r *roadmap.Roadmap, st roadmap.State, p roadmap.Projection, warnings []roadmap.Warning,
	dates [][roadmap.MaxLevel + 1]roadmap.LevelDate, q roadmap.Quarter) Standing {
	m := r.Model
	s := Standing{Stage: Level{st.Stage, m.StageName(st.Stage)}}
	unevidenced := map[string]bool{}
	for _, w := range warnings {
		if w.Severity == roadmap.SeverityError {
			s.Errors++
		}
		if w.Code == roadmap.CodeLevelUnevidenced && w.Subject.Kind == roadmap.SubjectDomain {
			unevidenced[w.Subject.Key] = true
		}
	}
	for di, d := range st.Domains {
		dom := domainOf(m, d, p.When(di, d.Next), dates[di], q)
		dom.Answered = r.Assessment != nil && di < len(r.Assessment.Domains) && r.Assessment.Domains[di].Answered
		dom.Unevidenced = unevidenced[d.Domain]
		s.Domains = append(s.Domains, dom)
	}
	s.Now = nowText(s)
	s.Outlook = outlookText(m, s.Stage.N, p, q)
	s.Attention = attentionText(r, warnings, s.Errors)
	return s
}

func domainOf(m *roadmap.Model, d roadmap.DomainState, next roadmap.Reach, dates [roadmap.MaxLevel + 1]roadmap.LevelDate, q roadmap.Quarter) Domain {
	out := Domain{Key: d.Domain, Name: m.Domain(d.Domain).Name, Level: Level{d.Level, m.LevelName(d.Domain, d.Level)},
		Done: d.Done, Total: d.Total, Criteria: d.CriteriaText()}
	if d.HasCriteria {
		out.Evidenced = &Level{d.Evidenced, m.LevelName(d.Domain, d.Evidenced)}
	}
	if !d.AtTop() {
		out.Next = &Level{d.Next, m.LevelName(d.Domain, d.Next)}
		out.Blockers = m.BlockerText(d.Blockers)
		out.Expected = next.Text(q)
		out.Late = next.Planned && !next.Now && next.Quarter.Before(q)
		out.Unplanned = !next.Planned
		out.Unreachable = !next.Planned && !next.Why.Unwanted()
	}
	for l := 0; l <= roadmap.MaxLevel; l++ {
		out.Dates = append(out.Dates, LevelDate{Level: Level{l, m.LevelName(d.Domain, l)}, Reached: dates[l].Reached,
			Text: dates[l].Text(l, q)})
	}
	return out
}
