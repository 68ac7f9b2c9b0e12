package roadmap

import (
	"fmt"
	"testing"
)

func quarterStrings(qs []Quarter) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.String())
	}
	return out
}

func TestProjectQuarters(t *testing.T) {
	tests := []struct {
		name  string
		today string
		ins   []Initiative
		want  []string
	}{
		{name: "without scheduled work the projection is today's quarter alone", today: "2026-Q2",
			want: []string{"2026-Q2"}},
		{name: "the quarters run from today to the last scheduled one", today: "2026-Q2",
			ins:  []Initiative{ini(1, "standardization", 1, Planned, "2026-Q4")},
			want: []string{"2026-Q2", "2026-Q3", "2026-Q4"}},
		{name: "the quarters start at an overdue initiative before today", today: "2026-Q2",
			ins:  []Initiative{ini(1, "standardization", 1, Planned, "2025-Q4")},
			want: []string{"2025-Q4", "2026-Q1", "2026-Q2"}},
		{name: "the quarters have no gaps between scattered initiatives", today: "2026-Q1",
			ins:  []Initiative{ini(1, "standardization", 1, Planned, "2026-Q1"), ini(2, "governance", 1, Planned, "2027-Q2")},
			want: []string{"2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"}},
		{name: "done, dropped and backlog initiatives do not widen the range", today: "2026-Q2",
			ins: []Initiative{ini(1, "standardization", 1, Done, "2025-Q1"), ini(2, "standardization", 2, Dropped, "2028-Q1"),
				ini(3, "governance", 1, Planned, "")},
			want: []string{"2026-Q2"}},
		{name: "initiatives of an unknown domain do not widen the range", today: "2026-Q2",
			ins:  []Initiative{ini(1, "security", 1, Planned, "2027-Q1")},
			want: []string{"2026-Q2"}},
		{name: "without a today the range spans the plan alone", today: "",
			ins:  []Initiative{ini(1, "standardization", 1, Planned, "2027-Q1"), ini(2, "automation", 1, InProgress, "2026-Q4")},
			want: []string{"2026-Q4", "2027-Q1"}},
		{name: "without a today or a plan there are no quarters", today: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newRoadmap(nil, tt.ins...).Project(qtr(tt.today))
			mustEqual(t, "Quarters", quarterStrings(p.Quarters), tt.want)
			if len(p.At) != len(p.Quarters) {
				t.Errorf("%d levels for %d quarters", len(p.At), len(p.Quarters))
			}
		})
	}
}

func TestProjectLevels(t *testing.T) {
	r := newRoadmap(map[string]int{"governance": 1},
		ini(1, "standardization", 1, Planned, "2026-Q3"),
		ini(2, "automation", 1, InProgress, "2026-Q3"),
		ini(3, "observability", 1, Done, "2026-Q1"),
		ini(4, "governance", 2, Planned, "2026-Q4"),
		ini(5, "automation", 2, Planned, "2027-Q1"), // needs standardization 2: never
		ini(6, "standardization", 2, Planned, ""),   // backlog: never done in the plan
		ini(7, "observability", 2, Dropped, "2026-Q2"),
		ini(8, "observability", 2, Planned, "2026-Q2"), // the dropped one does not hold it back
	)
	p := r.Project(qtr("2026-Q2"))
	t.Run("now is today's levels", func(t *testing.T) {
		mustEqual(t, "Now", p.Now, lv(0, 0, 1, 1))
	})
	t.Run("each quarter has the levels reached if everything scheduled by then is done", func(t *testing.T) {
		mustEqual(t, "Quarters", quarterStrings(p.Quarters), []string{"2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"})
		mustEqual(t, "At", p.At, []Levels{lv(0, 0, 1, 2), lv(1, 1, 1, 2), lv(1, 1, 2, 2), lv(1, 1, 2, 2)})
		mustEqual(t, "End", p.End(), lv(1, 1, 2, 2))
	})
	when := []struct {
		name   string
		domain string
		level  int
		want   Reach
	}{
		{"a level reached today is now", "observability", 1, Reach{Now: true, Planned: true}},
		{"level 0 is always now", "automation", 0, Reach{Now: true, Planned: true}},
		{"a baseline level is now", "governance", 1, Reach{Now: true, Planned: true}},
		{"a level reached in the first quarter is that quarter", "observability", 2, Reach{Planned: true, Quarter: qtr("2026-Q2")}},
		{"a level reached later is the first quarter that reaches it", "standardization", 1, Reach{Planned: true, Quarter: qtr("2026-Q3")}},
		{"a level waiting for another domain is reached with it", "governance", 2, Reach{Planned: true, Quarter: qtr("2026-Q4")}},
		{"a level whose prerequisite is in the backlog is never reached, and names it", "automation", 2,
			Reach{Why: &Unplanned{Backlog: &Initiative{ID: 6, Title: "Initiative 6"}}}},
		{"a level in the backlog is never reached, and names it", "standardization", 2,
			Reach{Why: &Unplanned{Backlog: &Initiative{ID: 6, Title: "Initiative 6"}}}},
		{"a level without initiatives is never reached, and says so", "observability", 3,
			Reach{Why: &Unplanned{Untargeted: Prerequisite{"observability", 3}, model: testModel, self: true}}},
	}
	for _, tt := range when {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := testModel.DomainIndex(tt.domain)
			mustEqualReach(t, p.When(d, tt.level), tt.want)
		})
	}
	t.Run("out-of-range arguments are never reached", func(t *testing.T) {
		for _, c := range [][2]int{{-1, 1}, {4, 1}, {0, -1}, {0, 5}} {
			if got := p.When(c[0], c[1]); got.Planned || got.Now {
				t.Errorf("When(%d, %d) = %+v", c[0], c[1], got)
			}
		}
	})
	t.Run("projecting does not change the roadmap's levels", func(t *testing.T) {
		mustEqual(t, "Levels", r.Levels(), lv(0, 0, 1, 1))
	})
}

func TestProjectSpecialCases(t *testing.T) {
	t.Run("a prerequisite scheduled after its dependent is reached together with it, later", func(t *testing.T) {
		p := newRoadmap(nil,
			ini(1, "automation", 1, Planned, "2026-Q1"),
			ini(2, "standardization", 1, Planned, "2026-Q3"),
		).Project(qtr("2026-Q1"))
		mustEqual(t, "At", p.At, []Levels{lv(0, 0, 0, 0), lv(0, 0, 0, 0), lv(1, 1, 0, 0)})
		mustEqual(t, "When", p.When(1, 1), Reach{Planned: true, Quarter: qtr("2026-Q3")})
	})
	t.Run("levels climb one quarter at a time within a domain", func(t *testing.T) {
		p := newRoadmap(map[string]int{"standardization": 1},
			ini(1, "standardization", 3, Planned, "2026-Q1"), // needs automation 2 as well
			ini(2, "standardization", 2, Planned, "2026-Q2"),
			ini(3, "governance", 1, Done, ""),
			ini(4, "automation", 1, Done, ""),
			ini(5, "automation", 2, Planned, "2026-Q3"),
		).Project(qtr("2026-Q1"))
		mustEqual(t, "At", p.At, []Levels{lv(1, 1, 1, 0), lv(2, 1, 1, 0), lv(3, 2, 1, 0)})
	})
	t.Run("with no quarters the end is now", func(t *testing.T) {
		p := newRoadmap(map[string]int{"automation": 3}).Project(Backlog)
		mustEqual(t, "End", p.End(), lv(0, 3, 0, 0))
		mustEqual(t, "When", p.When(1, 3), Reach{Now: true, Planned: true})
		mustEqualReach(t, p.When(1, 4), Reach{Why: &Unplanned{Untargeted: Prerequisite{"automation", 4}, model: testModel, self: true}})
	})
	t.Run("a plan in the far future spans every quarter up to it", func(t *testing.T) {
		p := newRoadmap(nil, ini(1, "standardization", 1, Planned, "2999-Q4")).Project(qtr("2026-Q1"))
		if n := len(p.Quarters); n != (2999-2026+1)*4 {
			t.Fatalf("%d quarters", n)
		}
		mustEqual(t, "When", p.When(0, 1), Reach{Planned: true, Quarter: qtr("2999-Q4")})
	})
}

func TestSpanAndLevelsAt(t *testing.T) {
	m := DefaultModel()
	r := New(m, nil, []Initiative{
		{ID: 1, Title: "a", Domain: "standardization", Level: 1, Quarter: Quarter{2026, 1}, Status: Done},
		{ID: 2, Title: "b", Domain: "standardization", Level: 2, Quarter: Quarter{2026, 4}, Status: Planned},
		{ID: 3, Title: "c", Domain: "automation", Level: 1, Quarter: Quarter{2027, 2}, Status: Done},
		{ID: 4, Title: "d", Domain: "governance", Level: 1, Status: Planned},
	})
	today := Quarter{2026, 3}
	t.Run("the span runs from the first scheduled quarter of any status to the last", func(t *testing.T) {
		got := r.Span(today)
		if len(got) != 6 || got[0] != (Quarter{2026, 1}) || got[5] != (Quarter{2027, 2}) {
			t.Fatalf("Span = %v", got)
		}
	})
	t.Run("a span without scheduled work is today's quarter", func(t *testing.T) {
		if got := New(m, nil, nil).Span(today); len(got) != 1 || got[0] != today {
			t.Fatalf("Span = %v", got)
		}
	})
	p := r.Project(today)
	cases := []struct {
		name string
		q    Quarter
		want Levels
	}{
		{"before the projection starts there are no levels", Quarter{2026, 1}, nil},
		{"inside the projection it is that quarter's", Quarter{2026, 4}, Levels{2, 1, 0, 0}},
		{"after the projection ends it is the final levels", Quarter{2027, 2}, Levels{2, 1, 0, 0}},
		{"the backlog has none", Backlog, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := p.LevelsAt(tc.q)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("LevelsAt(%v) = %v, want %v (projection %v %v)", tc.q, got, tc.want, p.Quarters, p.At)
			}
		})
	}
}

// mustEqualReach compares two Reach values by what they say.
func mustEqualReach(t *testing.T, got, want Reach) {
	t.Helper()
	today := qtr("2026-Q1")
	if got.Now != want.Now || got.Planned != want.Planned || got.Quarter != want.Quarter || got.Text(today) != want.Text(today) {
		t.Errorf("When:\n got  %+v: %s\n want %+v: %s", got, got.Text(today), want, want.Text(today))
	}
}
