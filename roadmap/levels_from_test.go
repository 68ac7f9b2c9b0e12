package roadmap

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
)

// targetedIn answers LevelsFrom's question from a roadmap's initiatives,
// as a store answers it from an index.
func targetedIn(r *Roadmap) func(domain string, level int) Targeted {
	return func(domain string, level int) Targeted {
		a := Targeted{Done: true}
		for i := range r.Initiatives {
			in := &r.Initiatives[i]
			if in.Domain != domain || in.Level != level || in.Status == Dropped {
				continue
			}
			a.Any = true
			a.Done = a.Done && in.Status == Done
		}
		a.Done = a.Done && a.Any
		return a
	}
}

func TestLevelsFromIsLevels(t *testing.T) {
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 7))
		r := randomPlan(rng, 1+rng.IntN(60), 1+rng.IntN(8))
		if got, want := r.Model.LevelsFrom(r.Baseline, targetedIn(r)), r.Levels(); !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: LevelsFrom %v, Levels %v", seed, got, want)
		}
	}
}

// CheckTransitionOf, given only an initiative's dependencies and the
// levels, refuses what CheckTransition on the whole roadmap refuses.
func TestCheckTransitionOfIsCheckTransition(t *testing.T) {
	for seed := range uint64(100) {
		rng := rand.New(rand.NewPCG(seed, 11))
		r := randomPlan(rng, 1+rng.IntN(40), 1+rng.IntN(8))
		for i := range r.Initiatives {
			in := &r.Initiatives[i]
			var deps []Initiative
			for _, id := range in.DependsOn {
				if d, ok := r.Get(id); ok {
					deps = append(deps, *d)
				}
			}
			small := New(r.Model, nil, deps)
			now := func() Levels { return r.Model.LevelsFrom(r.Baseline, targetedIn(r)) }
			for _, tr := range Transitions {
				for _, forced := range []bool{false, true} {
					want := r.CheckTransition(in.ID, tr, forced)
					got := r.Model.CheckTransitionOf(in, small, now, tr, forced)
					if errText(got) != errText(want) || isBlocked(got) != isBlocked(want) {
						t.Fatalf("seed %d, #%d %s forced %v: %v, want %v", seed, in.ID, tr.Command(), forced, got, want)
					}
				}
			}
			if got, want := r.Model.CheckRetargetAt(*in, now, false), r.CheckRetarget(*in, false); errText(got) != errText(want) {
				t.Fatalf("seed %d, #%d retarget: %v, want %v", seed, in.ID, got, want)
			}
		}
	}
}

func isBlocked(err error) bool {
	var b *BlockedError
	return errors.As(err, &b)
}
