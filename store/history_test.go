package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"maturity/roadmap"
)

func TestHistory(t *testing.T) {
	t.Parallel()
	ctx := WithActor(context.Background(), "tester")
	// build makes a store whose clock ticks a second per change:
	//   t0+0s add #1, +1s edit #1 (title and owner), +2s add #2,
	//   +3s delete #2, +4s assess automation, +5s start #1.
	build := func(t *testing.T) *Store {
		s := newStore(t)
		mustAdd(t, s, ini("Templates", "standardization", 1))
		if _, err := s.Edit(ctx, 1, roadmap.Patch{Title: ptr("Shared templates"), Owner: ptr("platform")}, Options{}); err != nil {
			t.Fatal(err)
		}
		mustAdd(t, s, ini("Scripts", "automation", 1))
		if _, err := s.Delete(ctx, 2, Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Assess(ctx, "automation", 1, "scripts exist"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetStatus(ctx, 1, roadmap.Start, Options{}); err != nil {
			t.Fatal(err)
		}
		return s
	}
	all := []string{
		`#1 edit status "planned"→"in-progress"`,
		`#0 assess automation "0"→"1" (scripts exist)`,
		`#2 delete "Scripts"→""`,
		`#2 create ""→"Scripts"`,
		`#1 edit owner ""→"platform"`,
		`#1 edit title "Templates"→"Shared templates"`,
		`#1 create ""→"Templates"`,
	}
	cases := []struct {
		name   string
		filter HistoryFilter
		want   []string
	}{
		{"no filter returns everything, newest first", HistoryFilter{}, all},
		{"an initiative filter returns only its events", HistoryFilter{Initiative: 1}, []string{all[0], all[4], all[5], all[6]}},
		{"a deleted initiative's history stays", HistoryFilter{Initiative: 2}, []string{all[2], all[3]}},
		{"since returns the events at or after the time", HistoryFilter{Since: t0.Add(3 * time.Second)}, all[:3]},
		{"since and an initiative combine", HistoryFilter{Initiative: 1, Since: t0.Add(2 * time.Second)}, all[:1]},
		{"since in another time zone means the same instant", HistoryFilter{Since: t0.Add(4 * time.Second).In(time.FixedZone("X", -5*3600))}, all[:2]},
		{"a limit keeps the newest", HistoryFilter{Limit: 2}, all[:2]},
		{"a limit applies after the filter", HistoryFilter{Initiative: 1, Limit: 3}, []string{all[0], all[4], all[5]}},
		{"an initiative without events has no history", HistoryFilter{Initiative: 99}, []string{}},
		{"since after the last event returns nothing", HistoryFilter{Since: t0.Add(time.Hour)}, []string{}},
	}
	s := build(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := eventTexts(history(t, s, tc.filter))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\n got  %q\n want %q", got, tc.want)
			}
		})
	}
	// The edit of title and owner happened at exactly t0+1s.
	t.Run("since includes events at exactly that time", func(t *testing.T) {
		got := eventTexts(history(t, s, HistoryFilter{Initiative: 1, Since: t0.Add(time.Second)}))
		want := []string{all[0], all[4], all[5]}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("\n got  %q\n want %q", got, want)
		}
	})

	t.Run("events carry the actor, the time and increasing ids", func(t *testing.T) {
		evs := history(t, s, HistoryFilter{})
		for i, e := range evs {
			if e.Actor != "tester" {
				t.Errorf("event %d actor %q", i, e.Actor)
			}
			if i > 0 && e.ID >= evs[i-1].ID {
				t.Errorf("event ids not newest first: %d after %d", e.ID, evs[i-1].ID)
			}
		}
		if !evs[0].At.Equal(t0.Add(5*time.Second)) || !evs[len(evs)-1].At.Equal(t0) {
			t.Errorf("times %v … %v", evs[0].At, evs[len(evs)-1].At)
		}
	})

	t.Run("each write is recorded under the actor of its context", func(t *testing.T) {
		s := newStore(t)
		if _, err := s.Add(WithActor(ctx, "alice"), ini("Templates", "standardization", 1)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Edit(WithActor(ctx, "bob"), 1, roadmap.Patch{Owner: ptr("bob")}, Options{}); err != nil {
			t.Fatal(err)
		}
		evs := history(t, s, HistoryFilter{})
		if evs[0].Actor != "bob" || evs[1].Actor != "alice" {
			t.Errorf("actors %q, %q; want bob, alice", evs[0].Actor, evs[1].Actor)
		}
	})
}
