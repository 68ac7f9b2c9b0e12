package report

import (
	"strings"
	"testing"

	"maturity/roadmap"
)

// standingOf works out the standing of r as of demoToday, as a face that
// has the state, projection, warnings and dates does.
func standingOf(r *roadmap.Roadmap) Standing {
	q := roadmap.QuarterOf(demoToday)
	p := r.Project(q)
	return NewStanding(r, r.State(), p, r.CheckWith(q, p), r.LevelDates(nil, p), q)
}

func TestStanding(t *testing.T) {
	m := roadmap.DefaultModel()
	tests := []struct {
		name  string
		r     func() *roadmap.Roadmap
		check func(t *testing.T, s Standing)
	}{
		{"the report's summary is the day and the standing's sentences", func() *roadmap.Roadmap { return demoRoadmap(t, demoToday) },
			func(t *testing.T, s Standing) {
				rep := Build(demoRoadmap(t, demoToday), Options{Today: demoToday})
				want := "As of 20 November 2026 (2026-Q4), " + s.Now + " " + s.Outlook + " " + s.Attention
				if rep.Summary != want {
					t.Errorf("summary %q\nwant    %q", rep.Summary, want)
				}
				if rep.Errors != s.Errors || rep.Stage != s.Stage || len(rep.Domains) != len(s.Domains) {
					t.Errorf("the report's standing differs: %+v", rep.Standing)
				}
			}},
		{"each domain has its level, evidence, next level, progress and a date per level", func() *roadmap.Roadmap { return demoRoadmap(t, demoToday) },
			func(t *testing.T, s Standing) {
				d := s.Domains[0] // standardization: reached 2, evidenced 1
				if d.Level != (Level{2, "Templated"}) || d.Evidenced == nil || d.Evidenced.N != 1 || d.Next == nil || d.Next.N != 3 {
					t.Fatalf("standardization %+v", d)
				}
				if !d.Answered || !d.Unevidenced || d.Criteria != "criteria 1/4 met" || !strings.HasPrefix(d.Blockers, "needs automation") {
					t.Errorf("standardization %+v", d)
				}
				if len(d.Dates) != roadmap.MaxLevel+1 || d.Dates[0].Text != "" || !d.Dates[2].Reached || d.Dates[3].Text != "in 2027-Q2" {
					t.Errorf("dates %+v", d.Dates)
				}
				if s.Domains[1].Unevidenced {
					t.Errorf("automation's level is evidenced: %+v", s.Domains[1])
				}
			}},
		{"a level the plan never reaches says why; one nothing targets is only unplanned", func() *roadmap.Roadmap {
			return roadmap.NewAssessed(m.Assess(nil, nil, roadmap.AsOfToday(demoToday)), []roadmap.Initiative{
				{ID: 1, Title: "Someday", Domain: "automation", Level: 1, Status: roadmap.Planned, Quarter: roadmap.Backlog},
			})
		}, func(t *testing.T, s Standing) {
			if a := s.Domains[1]; !a.Unplanned || !a.Unreachable || !strings.Contains(a.Expected, "is in the backlog") {
				t.Errorf("automation %+v", a)
			}
			if g := s.Domains[2]; !g.Unplanned || g.Unreachable || g.Total != 0 {
				t.Errorf("governance %+v", g)
			}
			if s.Domains[0].Evidenced == nil || s.Domains[0].Answered {
				t.Errorf("nothing is recorded yet: %+v", s.Domains[0])
			}
		}},
		{"a plan without errors and without a higher stage says so", func() *roadmap.Roadmap {
			return roadmap.New(m, nil, nil)
		}, func(t *testing.T, s Standing) {
			if s.Outlook != "The plan as it stands reaches no higher stage." || !strings.HasPrefix(s.Attention, "The plan has no errors") || s.Errors != 0 {
				t.Errorf("outlook %q, attention %q", s.Outlook, s.Attention)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, standingOf(tt.r())) })
	}
}
