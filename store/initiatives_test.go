package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"maturity/roadmap"
)

func TestAdd(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("assigns ids in order and returns the stored initiative", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		in := roadmap.Initiative{
			Title:       "  Adopt Argo CD  ",
			Description: "Reconcile\r\nfrom Git",
			Domain:      "automation",
			Level:       3,
			Quarter:     roadmap.Quarter{Year: 2026, Q: 3},
			Status:      roadmap.Done, // ignored: a new initiative is planned
			Owner:       "platform",
			Effort:      roadmap.Effort{Value: 2.5, Set: true},
		}
		a := mustAdd(t, s, in)
		b := mustAdd(t, s, ini("Write runbooks", "standardization", 1, a.ID))
		if a.ID != 1 || b.ID != 2 {
			t.Errorf("ids %d, %d; want 1, 2", a.ID, b.ID)
		}
		if a.Title != "Adopt Argo CD" || a.Description != "Reconcile\nfrom Git" || a.Status != roadmap.Planned {
			t.Errorf("Add returned %+v, want it normalised and planned", a)
		}
		if a.Version != 1 || !a.Created.Equal(t0) || !a.Updated.Equal(t0) {
			t.Errorf("version %d, created %v, updated %v; want 1 and %v", a.Version, a.Created, a.Updated, t0)
		}
		got := mustGet(t, s, a.ID)
		if !reflect.DeepEqual(got, a) {
			t.Errorf("stored\n %+v\nreturned\n %+v", got, a)
		}
		if got := mustGet(t, s, b.ID); !reflect.DeepEqual(got.DependsOn, []int64{1}) {
			t.Errorf("#2 depends on %v, want [1]", got.DependsOn)
		}
	})

	t.Run("never reuses the id of a deleted initiative", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		for i := 0; i < 3; i++ {
			mustAdd(t, s, ini("Initiative", "automation", 1))
		}
		for _, id := range []int64{3, 2} {
			if _, err := s.Delete(ctx, id, Options{}); err != nil {
				t.Fatal(err)
			}
		}
		if in := mustAdd(t, s, ini("After the deletes", "automation", 1)); in.ID != 4 {
			t.Errorf("new id %d, want 4", in.ID)
		}
		if got := ids(mustLoad(t, s)); !reflect.DeepEqual(got, []int64{1, 4}) {
			t.Errorf("ids %v, want [1 4]", got)
		}
	})

	refused := []struct {
		name string
		in   roadmap.Initiative
		want string
	}{
		{"an empty title is refused", ini("   ", "automation", 1), "title is empty"},
		{"an unknown domain is refused", ini("X", "security", 1), `unknown domain "security"`},
		{"level 0 is refused", ini("X", "automation", 0), "invalid level 0"},
		{"level 5 is refused", ini("X", "automation", 5), "invalid level 5"},
		{"an unknown dependency is refused", ini("X", "automation", 1, 1, 99), "unknown initiative #99"},
		{"a control character in the title is refused", ini("X\x1b[2J", "automation", 1), "control character"},
		{"a quarter out of range is refused", roadmap.Initiative{Title: "X", Domain: "automation", Level: 1, Quarter: roadmap.Quarter{Year: 2026, Q: 5}}, "invalid quarter"},
		{"a negative effort is refused", roadmap.Initiative{Title: "X", Domain: "automation", Level: 1, Effort: roadmap.Effort{Value: -1, Set: true}}, "invalid effort"},
	}
	for _, tc := range refused {
		t.Run(tc.name+" and nothing is written", func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			mustAdd(t, s, ini("Existing", "automation", 1))
			before, r0 := snapshot(t, s), mustLoad(t, s)
			_, err := s.Add(ctx, tc.in)
			wantErr(t, err, tc.want)
			unchanged(t, s, before, r0)
			// The refused add did not use up an id either.
			if in := mustAdd(t, s, ini("Next", "automation", 1)); in.ID != 2 {
				t.Errorf("next id %d, want 2", in.ID)
			}
		})
	}
}

func TestEdit(t *testing.T) {
	t.Parallel()
	ctx := WithActor(context.Background(), "tester")

	t.Run("changes the patched fields, bumps the version and records each field", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a := mustAdd(t, s, ini("Adopt Argo CD", "automation", 1))
		got, err := s.Edit(ctx, a.ID, roadmap.Patch{Title: ptr("Adopt Flux"), Owner: ptr("team-a")}, Options{ExpectVersion: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Adopt Flux" || got.Owner != "team-a" || got.Version != 2 {
			t.Errorf("Edit returned %+v", got)
		}
		if !got.Updated.After(got.Created) {
			t.Errorf("updated %v is not after created %v", got.Updated, got.Created)
		}
		if stored := mustGet(t, s, a.ID); !reflect.DeepEqual(stored, got) {
			t.Errorf("stored\n %+v\nreturned\n %+v", stored, got)
		}
		evs := history(t, s, HistoryFilter{Initiative: a.ID})
		want := []string{
			`#1 edit owner ""→"team-a"`,
			`#1 edit title "Adopt Argo CD"→"Adopt Flux"`,
			`#1 create ""→"Adopt Argo CD"`,
		}
		if got := eventTexts(evs); !reflect.DeepEqual(got, want) {
			t.Errorf("history\n got  %q\n want %q", got, want)
		}
		if !evs[0].At.Equal(evs[1].At) || evs[0].Actor != "tester" {
			t.Errorf("the two edit events differ in time or lack the actor: %+v", evs[:2])
		}
	})

	t.Run("a patch that changes nothing writes nothing", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a := mustAdd(t, s, ini("Adopt Argo CD", "automation", 1))
		before, r0 := snapshot(t, s), mustLoad(t, s)
		got, err := s.Edit(ctx, a.ID, roadmap.Patch{Title: ptr(" Adopt Argo CD "), Level: ptr(1)}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 1 {
			t.Errorf("version %d, want 1", got.Version)
		}
		unchanged(t, s, before, r0)
	})

	t.Run("dependencies can be added and removed relative to the current ones", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		for i := 0; i < 4; i++ {
			mustAdd(t, s, ini("Initiative", "automation", 1))
		}
		if _, err := s.Edit(ctx, 4, roadmap.Patch{AddDeps: []int64{2, 1}}, Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Edit(ctx, 4, roadmap.Patch{AddDeps: []int64{3}, RemoveDeps: []int64{1}}, Options{}); err != nil {
			t.Fatal(err)
		}
		if got := mustGet(t, s, 4).DependsOn; !reflect.DeepEqual(got, []int64{2, 3}) {
			t.Errorf("depends on %v, want [2 3]", got)
		}
		evs := history(t, s, HistoryFilter{Initiative: 4, Limit: 2})
		want := []string{`#4 edit depends_on "1,2"→"2,3"`, `#4 edit depends_on ""→"1,2"`}
		if got := eventTexts(evs); !reflect.DeepEqual(got, want) {
			t.Errorf("history\n got  %q\n want %q", got, want)
		}
		if n := rowCount(t, s, "dependencies"); n != 2 {
			t.Errorf("%d dependency rows, want 2", n)
		}
	})

	refused := []struct {
		name  string
		id    int64
		patch roadmap.Patch
		opt   Options
		want  string
		check func(t *testing.T, err error)
	}{
		{
			name: "a stale version is refused with a StaleError",
			id:   2, patch: roadmap.Patch{Title: ptr("Mine")}, opt: Options{ExpectVersion: 1},
			want: "changed elsewhere",
			check: func(t *testing.T, err error) {
				var stale *StaleError
				if !errors.As(err, &stale) {
					t.Fatalf("error %T, want *StaleError", err)
				}
				if stale.Expected != 1 || stale.Initiative.Version != 2 || stale.Initiative.Title != "Theirs" {
					t.Errorf("StaleError %+v", stale)
				}
			},
		},
		{
			name: "an unknown initiative is refused",
			id:   99, patch: roadmap.Patch{Title: ptr("X")},
			want: "no initiative #99",
		},
		{
			name: "an unknown dependency is refused",
			id:   1, patch: roadmap.Patch{AddDeps: []int64{42}},
			want: "unknown initiative #42",
		},
		{
			name: "a dependency on itself is refused",
			id:   1, patch: roadmap.Patch{AddDeps: []int64{1}},
			want: "cannot depend on itself",
		},
		{
			name: "a dependency that closes a cycle is refused",
			id:   1, patch: roadmap.Patch{AddDeps: []int64{3}},
			want: "cycle (#1 → #3 → #2 → #1)",
		},
		{
			name: "an invalid level is refused",
			id:   1, patch: roadmap.Patch{Level: ptr(9)},
			want: "invalid level 9",
		},
		{
			name: "an unknown domain is refused",
			id:   1, patch: roadmap.Patch{Domain: ptr("security")},
			want: "unknown domain",
		},
		{
			name: "retargeting a done initiative past unmet prerequisites is blocked",
			id:   4, patch: roadmap.Patch{Domain: ptr("automation"), Level: ptr(2)},
			want: "cannot retarget #4",
			check: func(t *testing.T, err error) {
				var blocked *roadmap.BlockedError
				if !errors.As(err, &blocked) {
					t.Fatalf("error %T, want *roadmap.BlockedError", err)
				}
			},
		},
		{
			name: "a forced change without a reason is refused",
			id:   4, patch: roadmap.Patch{Domain: ptr("automation"), Level: ptr(2)}, opt: Options{Force: true, Reason: "  "},
			want: "needs a reason",
		},
	}
	for _, tc := range refused {
		t.Run(tc.name+" and nothing is written", func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			// #1, #2 depends on #1, #3 depends on #2, #4 done.
			mustAdd(t, s, ini("First", "automation", 1))
			mustAdd(t, s, ini("Second", "automation", 1, 1))
			mustAdd(t, s, ini("Third", "automation", 1, 2))
			mustAdd(t, s, ini("Templates", "standardization", 1))
			if _, err := s.SetStatus(ctx, 4, roadmap.MarkDone, Options{}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Edit(ctx, 2, roadmap.Patch{Title: ptr("Theirs")}, Options{}); err != nil {
				t.Fatal(err)
			}
			before, r0 := snapshot(t, s), mustLoad(t, s)
			_, err := s.Edit(ctx, tc.id, tc.patch, tc.opt)
			wantErr(t, err, tc.want)
			if tc.check != nil {
				tc.check(t, err)
			}
			unchanged(t, s, before, r0)
		})
	}

	t.Run("a forced retarget is recorded as force with the reason", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a := mustAdd(t, s, ini("Templates", "standardization", 1))
		if _, err := s.SetStatus(ctx, a.ID, roadmap.MarkDone, Options{}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Edit(ctx, a.ID, roadmap.Patch{Domain: ptr("automation"), Level: ptr(2)},
			Options{Force: true, Reason: "counted twice", ExpectVersion: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got.Domain != "automation" || got.Level != 2 || got.Version != 3 {
			t.Errorf("Edit returned %+v", got)
		}
		evs := history(t, s, HistoryFilter{Initiative: a.ID, Limit: 2})
		for _, e := range evs {
			if e.Action != ActionForce || !strings.HasPrefix(e.Reason, "counted twice (overrode: cannot retarget #1") {
				t.Errorf("event %s, want a force with the reason", eventText(e))
			}
		}
		if evs[0].Field != "level" || evs[1].Field != "domain" {
			t.Errorf("fields %q, %q; want level, domain", evs[0].Field, evs[1].Field)
		}
	})

	t.Run("a planned initiative may be retargeted freely", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a := mustAdd(t, s, ini("Predict load", "standardization", 1))
		if _, err := s.Edit(ctx, a.ID, roadmap.Patch{Domain: ptr("automation"), Level: ptr(4)}, Options{}); err != nil {
			t.Fatal(err)
		}
		if evs := history(t, s, HistoryFilter{Initiative: a.ID, Limit: 1}); evs[0].Action != ActionEdit {
			t.Errorf("action %q, want edit", evs[0].Action)
		}
	})
}

func TestSetStatus(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("moves through the workflow and stamps done", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a := mustAdd(t, s, ini("Templates", "standardization", 1))
		steps := []roadmap.Transition{roadmap.Start, roadmap.Stop, roadmap.MarkDone, roadmap.Reopen, roadmap.Drop, roadmap.Reopen, roadmap.MarkDone}
		for i, tr := range steps {
			to := tr.To()
			got, err := s.SetStatus(ctx, a.ID, tr, Options{ExpectVersion: int64(i + 1)})
			if err != nil {
				t.Fatalf("step %d to %s: %v", i, to, err)
			}
			if got.Status != to || got.Version != int64(i+2) {
				t.Errorf("step %d: status %s version %d", i, got.Status, got.Version)
			}
			if (to == roadmap.Done) != !got.DoneAt.IsZero() {
				t.Errorf("step %d to %s: done at %v", i, to, got.DoneAt)
			}
			if stored := mustGet(t, s, a.ID); !reflect.DeepEqual(stored, got) {
				t.Errorf("step %d: stored\n %+v\nreturned\n %+v", i, stored, got)
			}
		}
		evs := history(t, s, HistoryFilter{Initiative: a.ID, Limit: 2})
		want := []string{`#1 edit status "planned"→"done"`, `#1 edit status "dropped"→"planned"`}
		if got := eventTexts(evs); !reflect.DeepEqual(got, want) {
			t.Errorf("history\n got  %q\n want %q", got, want)
		}
	})

	t.Run("finishing an initiative raises its domain's level", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a := mustAdd(t, s, ini("Templates", "standardization", 1))
		if _, err := s.SetStatus(ctx, a.ID, roadmap.MarkDone, Options{}); err != nil {
			t.Fatal(err)
		}
		if lv := mustLoad(t, s).Level("standardization"); lv != 1 {
			t.Errorf("standardization is at %d, want 1", lv)
		}
		// With standardization at 1, automation 1 may start.
		b := mustAdd(t, s, ini("Scripts", "automation", 1))
		if _, err := s.SetStatus(ctx, b.ID, roadmap.Start, Options{}); err != nil {
			t.Errorf("start after the prerequisite is met: %v", err)
		}
	})

	t.Run("an unmet prerequisite is overridden with force and the reason is recorded", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a := mustAdd(t, s, ini("Scripts", "automation", 1))
		got, err := s.SetStatus(ctx, a.ID, roadmap.Start, Options{Force: true, Reason: "pilot team"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != roadmap.InProgress {
			t.Errorf("status %s", got.Status)
		}
		e := history(t, s, HistoryFilter{Initiative: a.ID, Limit: 1})[0]
		if e.Action != ActionForce || e.Field != "status" || e.Old != "planned" || e.New != "in-progress" {
			t.Errorf("event %s", eventText(e))
		}
		if !strings.HasPrefix(e.Reason, "pilot team (overrode: cannot start #1") || !strings.Contains(e.Reason, "standardization") {
			t.Errorf("reason %q does not give the reason and what was overridden", e.Reason)
		}
	})

	t.Run("force on a change that needs no override is an ordinary edit", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a := mustAdd(t, s, ini("Templates", "standardization", 1))
		if _, err := s.SetStatus(ctx, a.ID, roadmap.Start, Options{Force: true, Reason: "why not"}); err != nil {
			t.Fatal(err)
		}
		e := history(t, s, HistoryFilter{Initiative: a.ID, Limit: 1})[0]
		if e.Action != ActionEdit || e.Reason != "" {
			t.Errorf("event %s, want a plain edit", eventText(e))
		}
	})

	refused := []struct {
		name  string
		setup []roadmap.Transition // transitions #1 (standardization 1) goes through first
		id    int64
		to    roadmap.Transition
		opt   Options
		want  string
		check func(t *testing.T, err error)
	}{
		{
			name: "starting with an unmet cross-domain prerequisite is blocked",
			id:   2, to: roadmap.Start,
			want: "cannot start #2",
			check: func(t *testing.T, err error) {
				var blocked *roadmap.BlockedError
				if !errors.As(err, &blocked) {
					t.Fatalf("error %T, want *roadmap.BlockedError", err)
				}
				if blocked.Verb != "start %s" || blocked.Initiative.ID != 2 || len(blocked.Unmet) != 1 ||
					blocked.Unmet[0].Domain != "standardization" || blocked.Unmet[0].Level != 1 {
					t.Errorf("BlockedError %+v", blocked)
				}
			},
		},
		{
			name: "marking done with an unmet cross-domain prerequisite is blocked",
			id:   2, to: roadmap.MarkDone,
			want: "cannot mark #2",
		},
		{
			name: "force without a reason is refused",
			id:   2, to: roadmap.Start, opt: Options{Force: true},
			want: "needs a reason",
		},
		{
			name:  "starting a done initiative is refused even with force",
			setup: []roadmap.Transition{roadmap.MarkDone},
			id:    1, to: roadmap.Start, opt: Options{Force: true, Reason: "x"},
			want: "reopen it first",
		},
		{
			name:  "dropping a done initiative is refused",
			setup: []roadmap.Transition{roadmap.MarkDone},
			id:    1, to: roadmap.Drop,
			want: "cannot drop #1",
		},
		{
			name: "reopening a planned initiative is refused",
			id:   1, to: roadmap.Reopen,
			want: "is already planned",
		},
		{
			name:  "reopening an initiative in progress is refused",
			setup: []roadmap.Transition{roadmap.Start},
			id:    1, to: roadmap.Reopen,
			want: "cannot reopen #1",
		},
		{
			name: "an unknown transition is refused",
			id:   1, to: roadmap.Transition(99),
			want: `invalid transition 99`,
		},
		{
			name: "an unknown initiative is refused",
			id:   9, to: roadmap.MarkDone,
			want: "no initiative #9",
		},
		{
			name: "a stale version is refused",
			id:   1, to: roadmap.MarkDone, opt: Options{ExpectVersion: 7},
			want: "changed elsewhere",
		},
	}
	for _, tc := range refused {
		t.Run(tc.name+" and nothing is written", func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			mustAdd(t, s, ini("Templates", "standardization", 1))
			mustAdd(t, s, ini("Scripts", "automation", 1))
			for _, st := range tc.setup {
				if _, err := s.SetStatus(ctx, 1, st, Options{}); err != nil {
					t.Fatal(err)
				}
			}
			before, r0 := snapshot(t, s), mustLoad(t, s)
			_, err := s.SetStatus(ctx, tc.id, tc.to, tc.opt)
			wantErr(t, err, tc.want)
			if tc.check != nil {
				tc.check(t, err)
			}
			unchanged(t, s, before, r0)
		})
	}
}

func TestDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("is refused while others depend on it, naming them", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustAdd(t, s, ini("Base", "automation", 1))
		mustAdd(t, s, ini("Uses base", "automation", 1, 1))
		mustAdd(t, s, ini("Also uses base", "automation", 2, 1))
		before, r0 := snapshot(t, s), mustLoad(t, s)
		_, err := s.Delete(ctx, 1, Options{})
		wantErr(t, err, `cannot delete #1 "Base": #2 "Uses base" and #3 "Also uses base" depend on it`)
		unchanged(t, s, before, r0)

		// One dependent left: the message says "depends".
		if _, err := s.Edit(ctx, 2, roadmap.Patch{RemoveDeps: []int64{1}}, Options{}); err != nil {
			t.Fatal(err)
		}
		_, err = s.Delete(ctx, 1, Options{})
		wantErr(t, err, `#3 "Also uses base" depends on it`)

		if _, err := s.Edit(ctx, 3, roadmap.Patch{DependsOn: &[]int64{}}, Options{}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Delete(ctx, 1, Options{})
		if err != nil {
			t.Fatalf("delete after removing the dependencies: %v", err)
		}
		if got.ID != 1 || got.Title != "Base" {
			t.Errorf("Delete returned %+v", got)
		}
		if got := ids(mustLoad(t, s)); !reflect.DeepEqual(got, []int64{2, 3}) {
			t.Errorf("ids %v, want [2 3]", got)
		}
	})

	t.Run("removes its own dependencies with it", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustAdd(t, s, ini("Base", "automation", 1))
		mustAdd(t, s, ini("Other", "automation", 1))
		mustAdd(t, s, ini("Uses both", "automation", 2, 1, 2))
		if _, err := s.Delete(ctx, 3, Options{}); err != nil {
			t.Fatal(err)
		}
		if n := rowCount(t, s, "dependencies"); n != 0 {
			t.Errorf("%d dependency rows left, want 0", n)
		}
		// Nothing depends on #1 any more.
		if _, err := s.Delete(ctx, 1, Options{}); err != nil {
			t.Error(err)
		}
	})

	for _, tc := range []struct {
		name string
		id   int64
		opt  Options
		want string
	}{
		{"an unknown initiative is refused", 7, Options{}, "no initiative #7"},
		{"a stale version is refused", 1, Options{ExpectVersion: 3}, "changed elsewhere"},
	} {
		t.Run(tc.name+" and nothing is written", func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			mustAdd(t, s, ini("Base", "automation", 1))
			before, r0 := snapshot(t, s), mustLoad(t, s)
			_, err := s.Delete(ctx, tc.id, tc.opt)
			wantErr(t, err, tc.want)
			unchanged(t, s, before, r0)
		})
	}
}

// TestChangesAreAtomic makes the history insert fail with a trigger and
// checks that the change it belongs to is rolled back with it: a change and
// its history are one transaction.
func TestChangesAreAtomic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ops := []struct {
		action string
		run    func(s *Store) error
	}{
		{ActionCreate, func(s *Store) error { _, err := s.Add(ctx, ini("New", "automation", 1, 1)); return err }},
		{ActionEdit, func(s *Store) error {
			_, err := s.Edit(ctx, 2, roadmap.Patch{Title: ptr("Renamed"), AddDeps: []int64{1}}, Options{})
			return err
		}},
		{ActionEdit, func(s *Store) error { _, err := s.SetStatus(ctx, 1, roadmap.MarkDone, Options{}); return err }},
		{ActionForce, func(s *Store) error {
			_, err := s.SetStatus(ctx, 2, roadmap.Start, Options{Force: true, Reason: "pilot"})
			return err
		}},
		{ActionDelete, func(s *Store) error { _, err := s.Delete(ctx, 2, Options{}); return err }},
		{ActionAssess, func(s *Store) error { _, err := s.Assess(ctx, "automation", 2, ""); return err }},
		{ActionModel, func(s *Store) error { return s.ReplaceModel(ctx, modelWithout(t, "observability")) }},
	}
	for _, op := range ops {
		t.Run("a failed "+op.action+" event rolls back the change", func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			mustAdd(t, s, ini("Templates", "standardization", 1))
			mustAdd(t, s, ini("Scripts", "automation", 1))
			mustExec(t, s.db, `CREATE TRIGGER no_history BEFORE INSERT ON history WHEN NEW.action = '`+op.action+`'
				BEGIN SELECT RAISE(ABORT, 'history refused'); END`)
			before, r0 := snapshot(t, s), mustLoad(t, s)
			wantErr(t, op.run(s), "history refused")
			unchanged(t, s, before, r0)
		})
	}
}

func TestClock(t *testing.T) {
	t.Parallel()
	t.Run("timestamps are stored in UTC to the nanosecond", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		at := time.Date(2026, 5, 6, 7, 8, 9, 123456789, time.FixedZone("CEST", 2*3600))
		s.Now = func() time.Time { return at }
		a := mustAdd(t, s, ini("Templates", "standardization", 1))
		got := mustGet(t, s, a.ID)
		if !got.Created.Equal(at) || got.Created.Location() != time.UTC {
			t.Errorf("created %v, want %v in UTC", got.Created, at)
		}
		if e := history(t, s, HistoryFilter{})[0]; !e.At.Equal(at) {
			t.Errorf("history at %v, want %v", e.At, at)
		}
	})
}
