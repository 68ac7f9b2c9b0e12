package roadmap

import (
	"errors"
	"testing"
)

func TestCheckTransitionWorkflow(t *testing.T) {
	// No cross-domain prerequisites apply: standardization 1 has none.
	tests := []struct {
		from, to Status
		err      string // "" when allowed
	}{
		{Planned, Planned, `#1 "Initiative 1" is already planned`},
		{Planned, InProgress, ""},
		{Planned, Done, ""},
		{Planned, Dropped, ""},
		{InProgress, Planned, `cannot reopen #1 "Initiative 1": it is in-progress, not done or dropped`},
		{InProgress, InProgress, `#1 "Initiative 1" is already in-progress`},
		{InProgress, Done, ""},
		{InProgress, Dropped, ""},
		{Done, Planned, ""},
		{Done, InProgress, `cannot start #1 "Initiative 1": it is done; reopen it first`},
		{Done, Done, `#1 "Initiative 1" is already done`},
		{Done, Dropped, `cannot drop #1 "Initiative 1": it is done; reopen it first`},
		{Dropped, Planned, ""},
		{Dropped, InProgress, `cannot start #1 "Initiative 1": it is dropped; reopen it first`},
		{Dropped, Done, `cannot finish #1 "Initiative 1": it is dropped; reopen it first`},
		{Dropped, Dropped, `#1 "Initiative 1" is already dropped`},
		{Planned, "finished", `invalid status "finished"`},
	}
	for _, tt := range tests {
		verdict := "is allowed"
		if tt.err != "" {
			verdict = "is refused"
		}
		t.Run("moving from "+string(tt.from)+" to "+string(tt.to)+" "+verdict, func(t *testing.T) {
			r := newRoadmap(nil, ini(1, "standardization", 1, tt.from, "2026-Q1"))
			for _, forced := range []bool{false, true} {
				err := r.CheckTransition(1, tt.to, forced)
				if !errIs(err, tt.err) {
					t.Errorf("CheckTransition(forced=%v) = %v, want %q", forced, err, tt.err)
				}
				var be *BlockedError
				if errors.As(err, &be) {
					t.Errorf("a workflow error is a *BlockedError: %v", err)
				}
			}
		})
	}
	t.Run("an unknown initiative is refused", func(t *testing.T) {
		err := newRoadmap(nil).CheckTransition(9, Done, true)
		if errText(err) != "no initiative #9" {
			t.Errorf("CheckTransition = %v", err)
		}
	})
}

func TestCheckTransitionEnforcement(t *testing.T) {
	argo := titled(ini(7, "automation", 3, Planned, "2026-Q3"), "Adopt Argo CD")
	tests := []struct {
		name     string
		baseline map[string]int
		in       Initiative
		to       Status
		forced   bool
		err      string
		unmet    []Blocker
	}{
		{name: "starting while a prerequisite is unmet is blocked with the exact message",
			baseline: map[string]int{"automation": 2, "governance": 1, "observability": 2}, in: argo, to: InProgress,
			err:   `cannot start #7 "Adopt Argo CD" (automation 3 GitOps): requires governance ≥ 2 (Static Checks), now 1 (Audits)`,
			unmet: []Blocker{{Prerequisite{"governance", 2}, 1}}},
		{name: "several unmet prerequisites are joined with semicolons",
			baseline: map[string]int{"automation": 2, "governance": 1}, in: argo, to: InProgress,
			err: `cannot start #7 "Adopt Argo CD" (automation 3 GitOps): requires governance ≥ 2 (Static Checks), now 1 (Audits); ` +
				`observability ≥ 2 (Centralized), now 0 (Log Files)`,
			unmet: []Blocker{{Prerequisite{"governance", 2}, 1}, {Prerequisite{"observability", 2}, 0}}},
		{name: "finishing while a prerequisite is unmet is blocked",
			baseline: map[string]int{"automation": 2, "governance": 2}, in: argo, to: Done,
			err:   `cannot finish #7 "Adopt Argo CD" (automation 3 GitOps): requires observability ≥ 2 (Centralized), now 0 (Log Files)`,
			unmet: []Blocker{{Prerequisite{"observability", 2}, 0}}},
		{name: "finishing an in-progress initiative is blocked too",
			in: func() Initiative { in := argo; in.Status = InProgress; return in }(), to: Done,
			baseline: map[string]int{"governance": 2, "observability": 1},
			err:      `cannot finish #7 "Adopt Argo CD" (automation 3 GitOps): requires observability ≥ 2 (Centralized), now 1 (Metrics)`,
			unmet:    []Blocker{{Prerequisite{"observability", 2}, 1}}},
		{name: "forcing lifts the block", in: argo, to: InProgress, forced: true},
		{name: "starting is allowed once the prerequisites are reached",
			baseline: map[string]int{"governance": 2, "observability": 2}, in: argo, to: InProgress},
		{name: "the previous level of the own domain is not enforced",
			baseline: map[string]int{"governance": 2, "observability": 2}, in: argo, to: Done},
		{name: "prerequisites reached by done initiatives count",
			in: titled(ini(7, "automation", 1, Planned, ""), "Script deploys"), to: InProgress},
		{name: "dropping is never blocked", in: argo, to: Dropped},
		{name: "a workflow error comes before a block, and force does not lift it",
			in: func() Initiative { in := argo; in.Status = Dropped; return in }(), to: Done, forced: true,
			err: `cannot finish #7 "Adopt Argo CD": it is dropped; reopen it first`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRoadmap(tt.baseline, tt.in, ini(1, "standardization", 1, Done, ""))
			err := r.CheckTransition(tt.in.ID, tt.to, tt.forced)
			if !errIs(err, tt.err) {
				t.Fatalf("CheckTransition:\n got  %v\n want %s", err, tt.err)
			}
			var be *BlockedError
			if errors.As(err, &be) != (tt.unmet != nil) {
				t.Fatalf("error %v: is *BlockedError = %v, want %v", err, errors.As(err, &be), tt.unmet != nil)
			}
			if be != nil {
				mustEqual(t, "Unmet", be.Unmet, tt.unmet)
				mustEqual(t, "Target", be.Target, "automation 3 GitOps")
				mustEqual(t, "Initiative", be.Initiative.ID, int64(7))
				// The same check without force succeeds when forced.
				if err := r.CheckTransition(tt.in.ID, tt.to, true); err != nil {
					t.Errorf("forced CheckTransition = %v", err)
				}
			}
		})
	}
}

func TestCheckRetarget(t *testing.T) {
	r := newRoadmap(map[string]int{"automation": 2, "governance": 1, "observability": 2})
	in := titled(ini(7, "automation", 3, InProgress, ""), "Adopt Argo CD")
	t.Run("retargeting a started initiative to a blocked level is refused", func(t *testing.T) {
		err := r.CheckRetarget(in, false)
		want := `cannot retarget #7 "Adopt Argo CD" (automation 3 GitOps): requires governance ≥ 2 (Static Checks), now 1 (Audits)`
		var be *BlockedError
		if !errors.As(err, &be) || err.Error() != want {
			t.Fatalf("CheckRetarget = %v, want %s", err, want)
		}
	})
	t.Run("forcing lifts it", func(t *testing.T) {
		if err := r.CheckRetarget(in, true); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a planned or dropped initiative may target anything", func(t *testing.T) {
		for _, s := range []Status{Planned, Dropped} {
			in := in
			in.Status = s
			if err := r.CheckRetarget(in, false); err != nil {
				t.Errorf("%s: %v", s, err)
			}
		}
	})
	t.Run("a done initiative is checked like a started one", func(t *testing.T) {
		in := in
		in.Status = Done
		if err := r.CheckRetarget(in, false); err == nil {
			t.Error("CheckRetarget of a done initiative succeeded")
		}
	})
}

func TestUnmet(t *testing.T) {
	r := newRoadmap(map[string]int{"governance": 1})
	tests := []struct {
		name   string
		domain string
		level  int
		want   []Blocker
	}{
		{"the unmet prerequisites are listed with their current level", "automation", 3,
			[]Blocker{{Prerequisite{"governance", 2}, 1}, {Prerequisite{"observability", 2}, 0}}},
		{"met prerequisites are left out", "automation", 2, []Blocker{{Prerequisite{"standardization", 2}, 0}}},
		{"a level without rules has none", "observability", 2, nil},
		{"an unknown domain has none", "security", 2, nil},
		{"level 0 has none", "automation", 0, nil},
		{"level 5 has none", "automation", 5, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustEqual(t, "Unmet", r.Unmet(tt.domain, tt.level), tt.want)
		})
	}
}

func TestReady(t *testing.T) {
	r := newRoadmap(nil,
		ini(1, "standardization", 1, Done, ""),
		ini(2, "observability", 1, Planned, ""),
		ini(3, "automation", 1, Planned, "", 1),
		ini(4, "automation", 1, Planned, "", 2),
		ini(5, "automation", 2, Planned, "", 1),
		ini(6, "observability", 1, Done, "", 1),
		ini(7, "observability", 2, Planned, "", 99),
		ini(8, "security", 1, Planned, ""),
	)
	now := r.Levels()
	tests := []struct {
		name string
		id   int64
		want bool
	}{
		{"an initiative without dependencies or rules is ready", 2, true},
		{"an initiative whose dependencies are done and prerequisites met is ready", 3, true},
		{"an initiative with an unfinished dependency is not ready", 4, false},
		{"an initiative with an unmet prerequisite is not ready", 5, false},
		{"a done initiative is not ready", 6, false},
		{"a dependency on an unknown initiative is never done", 7, false},
		{"an initiative of an unknown domain is not ready", 8, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, _ := r.Get(tt.id)
			if got := r.Ready(in, now); got != tt.want {
				t.Errorf("Ready(#%d) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}
