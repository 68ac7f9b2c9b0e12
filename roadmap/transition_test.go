package roadmap

import (
	"errors"
	"testing"
)

func TestCheckTransitionWorkflow(t *testing.T) {
	// No prerequisites apply: standardization 1 has none.
	tests := []struct {
		from Status
		t    Transition
		err  string // "" when allowed
	}{
		{Planned, Start, ""},
		{Planned, Stop, `#1 "Initiative 1" is already planned`},
		{Planned, MarkDone, ""},
		{Planned, Drop, ""},
		{Planned, Reopen, `#1 "Initiative 1" is already planned`},
		{InProgress, Start, `#1 "Initiative 1" is already in-progress`},
		{InProgress, Stop, ""},
		{InProgress, MarkDone, ""},
		{InProgress, Drop, ""},
		{InProgress, Reopen, `cannot reopen #1 "Initiative 1": it is in-progress; stop it to set it back to planned`},
		{Done, Start, `cannot start #1 "Initiative 1": it is done; reopen it first`},
		{Done, Stop, `cannot stop #1 "Initiative 1": it is done, not in progress`},
		{Done, MarkDone, `#1 "Initiative 1" is already done`},
		{Done, Drop, `cannot drop #1 "Initiative 1": it is done; reopen it first`},
		{Done, Reopen, ""},
		{Dropped, Start, `cannot start #1 "Initiative 1": it is dropped; reopen it first`},
		{Dropped, Stop, `cannot stop #1 "Initiative 1": it is dropped, not in progress`},
		{Dropped, MarkDone, `cannot mark #1 "Initiative 1" done: it is dropped; reopen it first`},
		{Dropped, Drop, `#1 "Initiative 1" is already dropped`},
		{Dropped, Reopen, ""},
	}
	for _, tt := range tests {
		verdict := "is allowed"
		if tt.err != "" {
			verdict = "is refused"
		}
		t.Run(tt.t.Command()+" from "+string(tt.from)+" "+verdict, func(t *testing.T) {
			r := newRoadmap(nil, ini(1, "standardization", 1, tt.from, "2026-Q1"))
			for _, forced := range []bool{false, true} {
				err := r.CheckTransition(1, tt.t, forced)
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
		err := newRoadmap(nil).CheckTransition(9, MarkDone, true)
		if errText(err) != "no initiative #9" {
			t.Errorf("CheckTransition = %v", err)
		}
	})
	t.Run("an unknown transition is refused", func(t *testing.T) {
		err := newRoadmap(nil, ini(1, "standardization", 1, Planned, "")).CheckTransition(1, Transition(99), false)
		if err == nil {
			t.Error("CheckTransition(99) succeeded")
		}
	})
}

func TestTransitionWords(t *testing.T) {
	tests := []struct {
		t                Transition
		command, do, did string
		to               Status
	}{
		{Start, "start", "start #7", "started #7", InProgress},
		{Stop, "stop", "stop #7", "stopped #7", Planned},
		{MarkDone, "done", "mark #7 done", "marked #7 done", Done},
		{Drop, "drop", "drop #7", "dropped #7", Dropped},
		{Reopen, "reopen", "reopen #7", "reopened #7", Planned},
	}
	for _, tt := range tests {
		t.Run(tt.command+" is said the same way everywhere", func(t *testing.T) {
			mustEqual(t, "Command", tt.t.Command(), tt.command)
			mustEqual(t, "Do", tt.t.Do("#7"), tt.do)
			mustEqual(t, "Did", tt.t.Did("#7"), tt.did)
			mustEqual(t, "To", tt.t.To(), tt.to)
			if tt.t.Summary() == "" {
				t.Error("no summary")
			}
		})
	}
	if len(Transitions) != len(tests) {
		t.Errorf("Transitions has %d, the test %d", len(Transitions), len(tests))
	}
}

func TestCheckTransitionEnforcement(t *testing.T) {
	argo := titled(ini(7, "automation", 3, Planned, "2026-Q3"), "Adopt Argo CD")
	started := func(in Initiative) Initiative { in.Status = InProgress; return in }
	tests := []struct {
		name     string
		baseline map[string]int
		ins      []Initiative // besides #1, a done standardization 1
		id       int64
		t        Transition
		forced   bool
		err      string
		unmet    []Need
		waiting  []int64
	}{
		{name: "starting while a prerequisite is unmet is blocked with the exact message",
			baseline: map[string]int{"automation": 2, "governance": 1, "observability": 2}, ins: []Initiative{argo}, id: 7, t: Start,
			err:   `cannot start #7 "Adopt Argo CD" (automation 3 GitOps): requires governance ≥ 2 (Static Checks), now 1 (Audits)`,
			unmet: []Need{{Prerequisite{"governance", 2}, 1}}},
		{name: "several unmet prerequisites are joined with semicolons",
			baseline: map[string]int{"automation": 2, "governance": 1}, ins: []Initiative{argo}, id: 7, t: Start,
			err: `cannot start #7 "Adopt Argo CD" (automation 3 GitOps): requires governance ≥ 2 (Static Checks), now 1 (Audits); ` +
				`observability ≥ 2 (Centralized), now 0 (Log Files)`,
			unmet: []Need{{Prerequisite{"governance", 2}, 1}, {Prerequisite{"observability", 2}, 0}}},
		{name: "marking done while a prerequisite is unmet is blocked",
			baseline: map[string]int{"automation": 2, "governance": 2}, ins: []Initiative{argo}, id: 7, t: MarkDone,
			err:   `cannot mark #7 "Adopt Argo CD" (automation 3 GitOps) done: requires observability ≥ 2 (Centralized), now 0 (Log Files)`,
			unmet: []Need{{Prerequisite{"observability", 2}, 0}}},
		{name: "marking an in-progress initiative done is blocked too",
			ins: []Initiative{started(argo)}, id: 7, t: MarkDone,
			baseline: map[string]int{"automation": 2, "governance": 2, "observability": 1},
			err:      `cannot mark #7 "Adopt Argo CD" (automation 3 GitOps) done: requires observability ≥ 2 (Centralized), now 1 (Metrics)`,
			unmet:    []Need{{Prerequisite{"observability", 2}, 1}}},
		{name: "the previous level of the own domain is a prerequisite: starting is refused below it",
			baseline: map[string]int{"governance": 2, "observability": 2, "automation": 1}, ins: []Initiative{argo}, id: 7, t: Start,
			err:   `cannot start #7 "Adopt Argo CD" (automation 3 GitOps): requires automation ≥ 2 (Self-Service), now 1 (Scripted)`,
			unmet: []Need{{Prerequisite{"automation", 2}, 1}}},
		{name: "standardization 4 at standardization 1 needs standardization 3, as check says",
			baseline: map[string]int{"standardization": 1, "automation": 4, "governance": 4, "observability": 4},
			ins:      []Initiative{titled(ini(7, "standardization", 4, Planned, "2026-Q3"), "Drift-free")}, id: 7, t: Start,
			err:   `cannot start #7 "Drift-free" (standardization 4 Drift-Free): requires standardization ≥ 3 (Golden Paths), now 1 (Version-Controlled)`,
			unmet: []Need{{Prerequisite{"standardization", 3}, 1}}},
		{name: "marking done with an unfinished dependency is refused, naming it",
			ins: []Initiative{
				titled(ini(5, "standardization", 1, InProgress, "2026-Q3"), "Self-service environments"),
				titled(ini(18, "standardization", 1, Planned, "2026-Q3", 5), "Portal onboarding docs"),
			}, id: 18, t: MarkDone,
			err:     `cannot mark #18 "Portal onboarding docs" done: depends on #5 "Self-service environments", which is in-progress`,
			waiting: []int64{5}},
		{name: "a dropped dependency or one that does not exist is not done either",
			ins: []Initiative{
				ini(5, "standardization", 1, Dropped, ""),
				ini(18, "standardization", 1, Planned, "2026-Q3", 5, 99),
			}, id: 18, t: MarkDone,
			err:     `cannot mark #18 "Initiative 18" done: depends on #5 "Initiative 5", which is dropped and #99, which does not exist`,
			waiting: []int64{5, 99}},
		{name: "a refused done names the prerequisites and the dependencies",
			baseline: map[string]int{"automation": 2, "governance": 2, "observability": 1},
			ins:      []Initiative{ini(5, "observability", 2, Planned, "2026-Q3"), func() Initiative { in := argo; in.DependsOn = []int64{5}; return in }()},
			id:       7, t: MarkDone,
			err: `cannot mark #7 "Adopt Argo CD" (automation 3 GitOps) done: requires observability ≥ 2 (Centralized), now 1 (Metrics); ` +
				`depends on #5 "Initiative 5", which is planned`,
			unmet: []Need{{Prerequisite{"observability", 2}, 1}}, waiting: []int64{5}},
		{name: "starting with an unfinished dependency is allowed",
			ins: []Initiative{ini(5, "standardization", 1, Planned, ""), ini(18, "standardization", 1, Planned, "", 5)}, id: 18, t: Start},
		{name: "forcing lifts the block", ins: []Initiative{argo}, id: 7, t: Start, forced: true},
		{name: "starting is allowed once the prerequisites are reached",
			baseline: map[string]int{"automation": 2, "governance": 2, "observability": 2}, ins: []Initiative{argo}, id: 7, t: Start},
		{name: "prerequisites reached by done initiatives count",
			ins: []Initiative{titled(ini(7, "automation", 1, Planned, ""), "Script deploys")}, id: 7, t: Start},
		{name: "dropping and stopping are never blocked", ins: []Initiative{started(argo)}, id: 7, t: Stop},
		{name: "a workflow error comes before a block, and force does not lift it",
			ins: []Initiative{func() Initiative { in := argo; in.Status = Dropped; return in }()}, id: 7, t: MarkDone, forced: true,
			err: `cannot mark #7 "Adopt Argo CD" done: it is dropped; reopen it first`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRoadmap(tt.baseline, append([]Initiative{ini(1, "standardization", 1, Done, "")}, tt.ins...)...)
			err := r.CheckTransition(tt.id, tt.t, tt.forced)
			if !errIs(err, tt.err) {
				t.Fatalf("CheckTransition:\n got  %v\n want %s", err, tt.err)
			}
			blocked := tt.unmet != nil || tt.waiting != nil
			var be *BlockedError
			if errors.As(err, &be) != blocked {
				t.Fatalf("error %v: is *BlockedError = %v, want %v", err, errors.As(err, &be), blocked)
			}
			if be == nil {
				return
			}
			mustEqual(t, "Unmet", be.Unmet, tt.unmet)
			var waiting []int64
			for _, w := range be.Waiting {
				waiting = append(waiting, w.ID)
			}
			mustEqual(t, "Waiting", waiting, tt.waiting)
			mustEqual(t, "Initiative", be.Initiative.ID, tt.id)
			// Ready agrees with what done accepts.
			in, _ := r.Get(tt.id)
			if tt.t == MarkDone && r.Ready(in, r.Levels()) {
				t.Error("Ready, although done is refused")
			}
			if err := r.CheckTransition(tt.id, tt.t, true); err != nil {
				t.Errorf("forced CheckTransition = %v", err)
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

func TestBlockers(t *testing.T) {
	r := newRoadmap(map[string]int{"governance": 1, "automation": 2})
	tests := []struct {
		name   string
		domain string
		level  int
		want   []Need
	}{
		{"the unmet prerequisites are listed with their current level", "automation", 3,
			[]Need{{Prerequisite{"governance", 2}, 1}, {Prerequisite{"observability", 2}, 0}}},
		{"met prerequisites are left out", "automation", 2, []Need{{Prerequisite{"standardization", 2}, 0}}},
		{"the previous level of the own domain comes first", "observability", 3,
			[]Need{{Prerequisite{"observability", 2}, 0}, {Prerequisite{"standardization", 2}, 0}}},
		{"level 1 of a domain without rules has none", "observability", 1, nil},
		{"an unknown domain has none", "security", 2, nil},
		{"level 0 has none", "automation", 0, nil},
		{"level 5 has none", "automation", 5, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Initiative{ID: 1, Domain: tt.domain, Level: tt.level}
			mustEqual(t, "Blockers", r.Blockers(&in, r.Levels()), tt.want)
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
		ini(9, "standardization", 3, InProgress, ""),
		ini(10, "standardization", 2, InProgress, ""),
	)
	now := r.Levels()
	tests := []struct {
		name string
		id   int64
		want bool
	}{
		{"an initiative without dependencies or prerequisites is ready", 2, true},
		{"an initiative whose dependencies are done and prerequisites met is ready", 3, true},
		{"an initiative with an unfinished dependency is not ready", 4, false},
		{"an initiative with an unmet prerequisite is not ready", 5, false},
		{"a done initiative is not ready", 6, false},
		{"a dependency on an unknown initiative is never done", 7, false},
		{"an initiative of an unknown domain is not ready", 8, false},
		{"an initiative whose own domain is not at the level below is not ready", 9, false},
		{"an in-progress initiative one level above its domain is ready", 10, true},
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
