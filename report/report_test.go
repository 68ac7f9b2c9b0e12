package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"maturity/roadmap"
)

func TestBuild(t *testing.T) {
	m := roadmap.DefaultModel()
	q := roadmap.QuarterOf(demoToday)
	tests := []struct {
		name  string
		r     func() *roadmap.Roadmap
		opt   Options
		check func(t *testing.T, rep *Report)
	}{
		{"an empty roadmap gives an empty report with a friendly summary", func() *roadmap.Roadmap {
			return roadmap.NewAssessed(m.Assess(nil, nil, roadmap.AsOfToday(demoToday)), nil)
		}, Options{}, func(t *testing.T, rep *Report) {
			if !rep.Empty || rep.Summary != EmptySummary || len(rep.Metrics) != 0 || rep.Capacity || len(rep.Warnings) != 0 {
				t.Errorf("empty %v, summary %q, %d metrics, capacity %v", rep.Empty, rep.Summary, len(rep.Metrics), rep.Capacity)
			}
			if rep.Title != DefaultTitle {
				t.Errorf("title %q", rep.Title)
			}
		}},
		{"the demo names the stage, the stages the plan reaches and the errors", func() *roadmap.Roadmap { return demoRoadmap(t, demoToday) },
			Options{Title: "Q4 review"}, func(t *testing.T, rep *Report) {
				for _, want := range []string{"stage 1 (Standardized Foundations)", "standardization is at 2 (Templated)",
					"stage 2 (Automated Delivery Pipelines) by the end of 2026-Q4", "3 errors need attention: they hold up #16",
					"on the way to automation 3 GitOps", "7 warnings more."} {
					if !strings.Contains(rep.Summary, want) {
						t.Errorf("the summary lacks %q:\n%s", want, rep.Summary)
					}
				}
				if rep.Errors != 3 || rep.Warnings[0].Severity != roadmap.SeverityError || rep.Title != "Q4 review" || rep.Empty {
					t.Errorf("errors %d, first %v, title %q", rep.Errors, rep.Warnings[0].Severity, rep.Title)
				}
			}},
		{"the window runs from the quarter before today's to four after it", func() *roadmap.Roadmap { return demoRoadmap(t, demoToday) },
			Options{}, func(t *testing.T, rep *Report) {
				got := rep.WindowQuarters()
				if len(got) != 6 || got[0] != q.Prev() || got[1] != q || !got[0].Before(q) {
					t.Errorf("window %v", got)
				}
				if w := rep.WindowPlan(); !w[0].Past || !w[1].Current || w[2].Past || w[5].Levels == nil {
					t.Errorf("window flags %+v", w[:3])
				}
			}},
		{"the window starts earlier where open work is left, and counts what is later", func() *roadmap.Roadmap {
			return roadmap.New(m, map[string]int{"standardization": 1}, []roadmap.Initiative{
				{ID: 1, Title: "Old", Domain: "automation", Level: 1, Status: roadmap.Planned, Quarter: q.Prev().Prev().Prev()},
				{ID: 2, Title: "Far", Domain: "automation", Level: 2, Status: roadmap.Planned, Quarter: roadmap.Quarter{Year: q.Year + 3, Q: 1}},
			})
		}, Options{Quarters: 2}, func(t *testing.T, rep *Report) {
			got := rep.WindowQuarters()
			if got[0] != q.Prev().Prev().Prev() || got[len(got)-1] != q.Next().Next() || rep.Later != 1 {
				t.Errorf("window %v, later %d", got, rep.Later)
			}
			if !rep.Domains[1].Late || !strings.HasPrefix(rep.Domains[1].Expected, "late: ") {
				t.Errorf("automation %+v", rep.Domains[1])
			}
		}},
		{"the radar shows reached, evidenced and the plan two and four quarters on", func() *roadmap.Roadmap { return demoRoadmap(t, demoToday) },
			Options{}, func(t *testing.T, rep *Report) {
				var names []string
				for _, s := range rep.RadarSeries {
					names = append(names, s.Name)
				}
				want := []string{"reached now", "evidenced now", "planned by end of 2027-Q2", "planned by end of 2027-Q4"}
				if !slices.Equal(names, want) || !slices.Equal(rep.RadarSeries[0].Levels, []int{2, 1, 1, 1}) {
					t.Errorf("radar %v", rep.RadarSeries)
				}
			}},
		{"a model without criteria has no evidenced series", func() *roadmap.Roadmap { return roadmap.New(m, nil, nil) },
			Options{}, func(t *testing.T, rep *Report) {
				if len(rep.RadarSeries) != 3 || rep.Criteria != nil || rep.Domains[0].Evidenced != nil {
					t.Errorf("radar %v, criteria %v", rep.RadarSeries, rep.Criteria)
				}
			}},
		{"metrics with values are there, over six quarters, with bands and trends", func() *roadmap.Roadmap { return demoRoadmap(t, demoToday) },
			Options{}, func(t *testing.T, rep *Report) {
				if len(rep.Metrics) != 11 {
					t.Fatalf("%d metrics", len(rep.Metrics))
				}
				df := rep.Metrics[0]
				if df.Metric.Key != "deployment-frequency" || len(df.Cells) != MetricQuarters || df.Latest.Trend != roadmap.Worse || df.Latest.Band == nil {
					t.Errorf("deployment frequency %+v", df)
				}
			}},
		{"criteria carry their evidence as text", func() *roadmap.Roadmap { return demoRoadmap(t, demoToday) },
			Options{}, func(t *testing.T, rep *Report) {
				c := rep.Criteria[0].Levels[0]
				if rep.Criteria[0].Domain != "standardization" || c.N != 1 || c.Met != c.Total || !strings.Contains(c.Criteria[0].Detail, "evidence: ") {
					t.Errorf("criteria %+v", c)
				}
			}},
		{"without capacity figures there are no bookings", func() *roadmap.Roadmap { return demoRoadmap(t, demoToday) },
			Options{}, func(t *testing.T, rep *Report) {
				if rep.Capacity || rep.Bookings != nil {
					t.Errorf("capacity %v, %d bookings", rep.Capacity, len(rep.Bookings))
				}
			}},
		{"with capacity figures each quarter of the window is booked against them", func() *roadmap.Roadmap {
			r := demoRoadmap(t, demoToday)
			r.Capacity = roadmap.NewCapacity([]roadmap.CapacityFigure{{Effort: 20}, {Quarter: q.Next(), Effort: 10}})
			return r
		}, Options{}, func(t *testing.T, rep *Report) {
			if !rep.Capacity || len(rep.Bookings) != 6 || rep.Bookings[2].Quarter != q.Next() || rep.Bookings[2].Capacity != 10 || !rep.Bookings[2].Over() {
				t.Errorf("bookings %+v", rep.Bookings)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			opt.Today = demoToday
			tt.check(t, Build(tt.r(), opt))
		})
	}
}

func TestChanges(t *testing.T) {
	m := roadmap.DefaultModel()
	q := roadmap.QuarterOf(demoToday)
	at := func(s string) time.Time { return day(s).Add(10 * time.Hour) }
	ins := []roadmap.Initiative{
		{ID: 1, Title: "Scripts", Domain: "automation", Level: 1, Status: roadmap.Done, Quarter: q, DoneAt: at("2026-10-05")},
		{ID: 2, Title: "Portal", Domain: "automation", Level: 2, Status: roadmap.InProgress, Quarter: q},
		{ID: 3, Title: "Audits", Domain: "governance", Level: 1, Status: roadmap.Done, Quarter: q.Prev(), DoneAt: at("2026-08-01")},
	}
	r := roadmap.New(m, map[string]int{"standardization": 1}, ins)
	in := []Change{
		{At: at("2026-10-05"), Actor: "sam", Initiative: 1, Kind: Finished},
		{At: at("2026-10-02"), Actor: "kim", Initiative: 2, Kind: Started, Forced: true, Reason: "pilot team waits (overrode: needs …)"},
		{At: at("2026-10-03"), Actor: "kim", Initiative: 2, Kind: Moved, From: "2026-Q3", To: "2026-Q4"},
		{At: at("2026-10-04"), Actor: "kim", Initiative: 9, Kind: Dropped},
		{At: at("2026-10-06"), Actor: "kim", Initiative: 2, Kind: Moved, From: "", To: "2026-Q4"},
		{At: at("2026-10-07"), Actor: "kim", Initiative: 2, Kind: Reopened, From: "in-progress"},
		{At: at("2026-10-08"), Actor: "kim", Initiative: 2, Kind: Retargeted, From: "automation 2", To: "automation 3"},
		{At: at("2026-08-01"), Actor: "old", Initiative: 3, Kind: Finished}, // before since
	}
	rep := Build(r, Options{Today: demoToday, Since: day("2026-10-01"), Changes: in,
		Assessed: []roadmap.Assessed{{Domain: "standardization", Level: 1, At: at("2026-01-01")}}})
	var got []string
	for _, c := range rep.Changes {
		got = append(got, c.Sentence())
	}
	want := []string{
		`2026-10-02 kim: #2 "Portal" was started, forced: pilot team waits (overrode: needs …)`,
		`2026-10-03 kim: #2 "Portal" moved from 2026-Q3 to 2026-Q4`,
		`2026-10-04 kim: #9 was dropped`,
		`2026-10-05 sam: #1 "Scripts" was marked done`,
		`2026-10-05 automation reached 1 (Scripted)`,
		`2026-10-06 kim: #2 "Portal" moved from the backlog to 2026-Q4`,
		`2026-10-07 kim: #2 "Portal" went back to planned (was in-progress)`,
		`2026-10-08 kim: #2 "Portal" now targets automation 3 (was automation 2)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Count(Finished) != 1 || rep.Count(LevelReached) != 1 || len(rep.Forced()) != 1 || rep.Forced()[0].Actor != "kim" {
		t.Errorf("counts: done %d, levels %d, forced %v", rep.Count(Finished), rep.Count(LevelReached), rep.Forced())
	}
}

func TestChangeKindFor(t *testing.T) {
	for st, want := range map[roadmap.Status]ChangeKind{roadmap.InProgress: Started, roadmap.Done: Finished,
		roadmap.Dropped: Dropped, roadmap.Planned: Reopened, "odd": ""} {
		if got := ChangeKindFor(st); got != want {
			t.Errorf("ChangeKindFor(%s) = %q, want %q", st, got, want)
		}
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 114371: "114,371", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := count(n); got != want {
			t.Errorf("count(%d) = %q, want %q", n, got, want)
		}
	}
}
