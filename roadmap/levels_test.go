package roadmap

import "testing"

func TestLevels(t *testing.T) {
	const (
		std  = "standardization"
		auto = "automation"
		gov  = "governance"
		obs  = "observability"
	)
	tests := []struct {
		name     string
		baseline map[string]int
		ins      []Initiative
		want     Levels
	}{
		{name: "an empty roadmap is level 0 everywhere", want: lv(0, 0, 0, 0)},
		{name: "the baseline is the starting level", baseline: map[string]int{auto: 2, obs: 1}, want: lv(0, 2, 0, 1)},
		{name: "a baseline below 0 counts as 0", baseline: map[string]int{std: -3}, want: lv(0, 0, 0, 0)},
		{name: "a baseline above 4 counts as 4", baseline: map[string]int{std: 9}, want: lv(4, 0, 0, 0)},
		{name: "a baseline for an unknown domain is ignored", baseline: map[string]int{"security": 3}, want: lv(0, 0, 0, 0)},
		{name: "a done initiative without prerequisites raises its domain",
			ins: []Initiative{ini(1, std, 1, Done, "2026-Q1")}, want: lv(1, 0, 0, 0)},
		{name: "a level is reached only when every initiative for it is done",
			ins: []Initiative{ini(1, std, 1, Done, "2026-Q1"), ini(2, std, 1, InProgress, "2026-Q1")}, want: lv(0, 0, 0, 0)},
		{name: "a planned initiative does not raise its domain",
			ins: []Initiative{ini(1, std, 1, Planned, "2026-Q1")}, want: lv(0, 0, 0, 0)},
		{name: "dropped initiatives are ignored when the others are done",
			ins: []Initiative{ini(1, std, 1, Done, ""), ini(2, std, 1, Dropped, "")}, want: lv(1, 0, 0, 0)},
		{name: "a level with only dropped initiatives is not reached",
			ins: []Initiative{ini(1, std, 1, Dropped, "")}, want: lv(0, 0, 0, 0)},
		{name: "levels never skip: level 2 done without level 1 stays at 0",
			ins: []Initiative{ini(1, std, 2, Done, "")}, want: lv(0, 0, 0, 0)},
		{name: "levels never skip even when a higher level is done",
			ins: []Initiative{ini(1, std, 1, Done, ""), ini(2, std, 3, Done, "")}, want: lv(1, 0, 0, 0)},
		{name: "the baseline counts as the level below",
			baseline: map[string]int{std: 1}, ins: []Initiative{ini(1, std, 2, Done, "")}, want: lv(2, 0, 0, 0)},
		{name: "initiatives at or below the baseline change nothing",
			baseline: map[string]int{std: 3}, ins: []Initiative{ini(1, std, 1, Planned, ""), ini(2, std, 2, Dropped, "")}, want: lv(3, 0, 0, 0)},
		{name: "an unmet cross-domain prerequisite holds a domain back",
			ins: []Initiative{ini(1, auto, 1, Done, "")}, want: lv(0, 0, 0, 0)},
		{name: "a met cross-domain prerequisite lets a domain climb",
			ins: []Initiative{ini(1, std, 1, Done, ""), ini(2, auto, 1, Done, "")}, want: lv(1, 1, 0, 0)},
		{name: "a baseline meets a cross-domain prerequisite",
			baseline: map[string]int{std: 1}, ins: []Initiative{ini(2, auto, 1, Done, "")}, want: lv(1, 1, 0, 0)},
		{name: "every prerequisite of a level must be met",
			baseline: map[string]int{std: 2, auto: 1}, ins: []Initiative{ini(1, auto, 2, Done, "")}, want: lv(2, 1, 0, 0)},
		{name: "reaching a later domain unlocks an earlier one (fixpoint)",
			// standardization 3 needs automation 2, which needs
			// standardization 2 and governance 1: the domains leapfrog.
			ins: []Initiative{
				ini(1, std, 1, Done, ""), ini(2, std, 2, Done, ""), ini(3, std, 3, Done, ""),
				ini(4, auto, 1, Done, ""), ini(5, auto, 2, Done, ""),
				ini(6, gov, 1, Done, ""),
			}, want: lv(3, 2, 1, 0)},
		{name: "a chain of unlocks across all domains climbs to the top",
			ins: func() []Initiative {
				var ins []Initiative
				id := int64(0)
				for l := MaxLevel; l >= 1; l-- { // the order of initiatives does not matter
					for _, d := range []string{obs, gov, auto, std} {
						id++
						ins = append(ins, ini(id, d, l, Done, ""))
					}
				}
				return ins
			}(), want: lv(4, 4, 4, 4)},
		{name: "a missing link stops the chain",
			// automation 3 needs governance 2 and observability 2;
			// observability 2 has no initiative, so automation stops at 2
			// and observability 3 and 4 never come.
			ins: []Initiative{
				ini(1, std, 1, Done, ""), ini(2, std, 2, Done, ""),
				ini(3, auto, 1, Done, ""), ini(4, auto, 2, Done, ""), ini(5, auto, 3, Done, ""),
				ini(6, gov, 1, Done, ""), ini(7, gov, 2, Done, ""),
				ini(8, obs, 1, Done, ""), ini(9, obs, 3, Done, ""),
			}, want: lv(2, 2, 2, 1)},
		{name: "initiatives of an unknown domain are ignored",
			ins: []Initiative{ini(1, "security", 1, Done, "")}, want: lv(0, 0, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRoadmap(tt.baseline, tt.ins...)
			mustEqual(t, "Levels", r.Levels(), tt.want)
			for i, d := range testModel.Domains {
				if got := r.Level(d.Key); got != tt.want[i] {
					t.Errorf("Level(%s) = %d, want %d", d.Key, got, tt.want[i])
				}
			}
			st := r.State()
			mustEqual(t, "State().Levels", st.Levels, tt.want)
			if st.Stage != tt.want.Stage() {
				t.Errorf("State().Stage = %d, want %d", st.Stage, tt.want.Stage())
			}
		})
	}
	t.Run("an unknown domain is at level 0", func(t *testing.T) {
		if got := newRoadmap(map[string]int{std: 2}).Level("security"); got != 0 {
			t.Errorf("Level(security) = %d", got)
		}
	})
}

func TestStage(t *testing.T) {
	tests := []struct {
		name string
		lv   Levels
		want int
	}{
		{"the stage is the lowest level", lv(3, 1, 4, 2), 1},
		{"equal levels are the stage", lv(2, 2, 2, 2), 2},
		{"one domain at 0 keeps the stage at 0", lv(4, 4, 4, 0), 0},
		{"no domains is stage 0", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.lv.Stage(); got != tt.want {
				t.Errorf("%v.Stage() = %d, want %d", tt.lv, got, tt.want)
			}
		})
	}
}

func TestState(t *testing.T) {
	r := newRoadmap(map[string]int{"governance": 1, "observability": 4},
		ini(1, "standardization", 1, Done, "2026-Q1"),
		ini(2, "standardization", 2, Done, "2026-Q1"),
		ini(3, "standardization", 2, InProgress, "2026-Q2"),
		ini(4, "standardization", 2, Dropped, "2026-Q2"),
		ini(5, "standardization", 2, Planned, ""),
		ini(6, "automation", 1, Done, "2026-Q1"),
		ini(7, "automation", 2, Planned, "2026-Q3"),
		ini(8, "automation", 3, Done, "2026-Q1"), // too early: does not count for level 2
		ini(9, "governance", 2, Planned, "2026-Q3"),
	)
	st := r.State()
	want := State{
		Levels: lv(1, 1, 1, 4),
		Stage:  1,
		Domains: []DomainState{
			{Domain: "standardization", Level: 1, Baseline: 0, Next: 2, Done: 1, Total: 3},
			{Domain: "automation", Level: 1, Baseline: 0, Next: 2, Done: 0, Total: 1,
				Blockers: []Need{{Prerequisite{"standardization", 2}, 1}}},
			{Domain: "governance", Level: 1, Baseline: 1, Next: 2, Done: 0, Total: 1},
			{Domain: "observability", Level: 4, Baseline: 4, Next: 0},
		},
	}
	t.Run("progress counts done and total of the non-dropped initiatives for the next level", func(t *testing.T) {
		mustEqual(t, "standardization", st.Domains[0], want.Domains[0])
	})
	t.Run("unmet cross-domain prerequisites of the next level are blockers with their current level", func(t *testing.T) {
		mustEqual(t, "automation", st.Domains[1], want.Domains[1])
	})
	t.Run("met prerequisites are not blockers", func(t *testing.T) {
		// governance 2 needs automation 1, which is reached.
		mustEqual(t, "governance", st.Domains[2], want.Domains[2])
	})
	t.Run("a domain at the top has no next level", func(t *testing.T) {
		mustEqual(t, "observability", st.Domains[3], want.Domains[3])
		if !st.Domains[3].AtTop() || st.Domains[0].AtTop() {
			t.Error("AtTop is wrong")
		}
	})
	t.Run("the whole state", func(t *testing.T) {
		mustEqual(t, "State", st, want)
	})
	t.Run("a next level without initiatives has no progress but can have blockers", func(t *testing.T) {
		st := newRoadmap(nil).State()
		mustEqual(t, "automation", st.Domains[1], DomainState{Domain: "automation", Next: 1,
			Blockers: []Need{{Prerequisite{"standardization", 1}, 0}}})
	})
	t.Run("several blockers come in model order", func(t *testing.T) {
		st := newRoadmap(map[string]int{"automation": 2, "governance": 1}).State()
		mustEqual(t, "blockers", st.Domains[1].Blockers, []Need{
			{Prerequisite{"governance", 2}, 1}, {Prerequisite{"observability", 2}, 0}})
	})
}
