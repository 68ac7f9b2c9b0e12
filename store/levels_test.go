package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"

	"maturity/roadmap"
)

// The levels a status change reads from the index are the levels of the
// whole roadmap, before a change and as a change would leave them.
func TestLevelsNowIsLevels(t *testing.T) {
	ctx := context.Background()
	statuses := []roadmap.Status{roadmap.Planned, roadmap.InProgress, roadmap.Done, roadmap.Done, roadmap.Dropped}
	domains := roadmap.DefaultModel().Domains
	for seed := range uint64(12) {
		rng := rand.New(rand.NewPCG(seed, 3))
		s := newStore(t)
		var ins []roadmap.Initiative
		for i := range 5 + rng.IntN(40) {
			ins = append(ins, roadmap.Initiative{ID: int64(i + 1), Title: "I", Domain: domains[rng.IntN(len(domains))].Key,
				Level: 1 + rng.IntN(roadmap.MaxLevel), Status: statuses[rng.IntN(len(statuses))]})
		}
		if _, err := s.Import(ctx, roadmap.ImportOf(ins), false); err != nil {
			t.Fatal(err)
		}
		for _, d := range domains {
			if rng.IntN(3) == 0 {
				if _, err := s.Assess(ctx, d.Key, rng.IntN(3), ""); err != nil {
					t.Fatal(err)
				}
			}
		}
		r := mustLoad(t, s)
		rollback := errors.New("rollback")
		err := s.write(ctx, PlanAccess, func(tx *txn) error {
			got, err := tx.levelsNow(nil)
			if err != nil {
				return err
			}
			if want := r.Levels(); !reflect.DeepEqual(got, want) {
				t.Errorf("seed %d: levelsNow %v, Levels %v", seed, got, want)
			}
			for range 10 {
				with := r.Initiatives[rng.IntN(len(r.Initiatives))]
				with.Status = statuses[rng.IntN(len(statuses))]
				with.Domain, with.Level = domains[rng.IntN(len(domains))].Key, 1+rng.IntN(roadmap.MaxLevel)
				got, err := tx.levelsNow(&with)
				if err != nil {
					return err
				}
				after := roadmap.New(r.Model, r.Baseline, append([]roadmap.Initiative(nil), r.Initiatives...))
				after.Put(with)
				if want := after.Levels(); !reflect.DeepEqual(got, want) {
					t.Errorf("seed %d, with #%d %s %s %d: levelsNow %v, Levels %v", seed, with.ID, with.Status, with.Domain, with.Level, got, want)
				}
			}
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatal(err)
		}
	}
}

// What the dependencies that an edit adds reach is all that checking them
// needs: the check on it finds what the check on the whole roadmap finds.
func TestReachableChecksAsTheWholeRoadmap(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(10) {
		rng := rand.New(rand.NewPCG(seed, 5))
		s := newStore(t)
		var ins []roadmap.Initiative
		n := 10 + rng.IntN(40)
		for i := range n {
			in := roadmap.Initiative{ID: int64(i + 1), Title: "I", Domain: "automation", Level: 1}
			for k := rng.IntN(3); k > 0 && i > 0; k-- {
				in.DependsOn = append(in.DependsOn, int64(1+rng.IntN(i)))
			}
			in.DependsOn = roadmap.SortIDs(in.DependsOn)
			ins = append(ins, in)
		}
		if _, err := s.Import(ctx, roadmap.ImportOf(ins), false); err != nil {
			t.Fatal(err)
		}
		r := mustLoad(t, s)
		rollback := errors.New("rollback")
		err := s.write(ctx, PlanAccess, func(tx *txn) error {
			for range 40 {
				id := int64(1 + rng.IntN(n))
				var deps []int64
				for k := 1 + rng.IntN(3); k > 0; k-- {
					deps = append(deps, int64(1+rng.IntN(n+2))) // now and then unknown
				}
				deps = roadmap.SortIDs(deps)
				part, err := tx.reachable(r.Model, deps)
				if err != nil {
					return err
				}
				got, want := part.CheckDependencies(id, deps), r.CheckDependencies(id, deps)
				if errText(got) != errText(want) {
					t.Errorf("seed %d: #%d on %v: %v, want %v", seed, id, deps, got, want)
				}
			}
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatal(err)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
