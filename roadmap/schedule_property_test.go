package roadmap

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomSchedulable is randomPlan with efforts (halves, some unset, a few
// bigger than a quarter), owners (some shared) and capacity figures for
// the team and two people, some quarters with their own figure.
func randomSchedulable(rng *rand.Rand, n, chaos int) *Roadmap {
	r := randomPlan(rng, n, chaos)
	owners := []string{"", "sam", "kim", "sam, kim", "lee"}
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		in.Owner = owners[rng.IntN(len(owners))]
		in.Version = int64(1 + rng.IntN(5))
		switch x := rng.IntN(10); {
		case x < 2: // not estimated
		case x == 2:
			in.Effort = Effort{Value: float64(10 + rng.IntN(20)), Set: true}
		default:
			in.Effort = Effort{Value: float64(rng.IntN(12)) / 2, Set: true}
		}
	}
	var figs []CapacityFigure
	if rng.IntN(4) > 0 {
		figs = append(figs, CapacityFigure{Effort: float64(4 + rng.IntN(16))})
	}
	for k := rng.IntN(4); k > 0; k-- {
		qi := rng.IntN(10)
		figs = append(figs, CapacityFigure{Quarter: Quarter{Year: 2026 + qi/4, Q: qi%4 + 1}, Effort: float64(rng.IntN(20))})
	}
	if rng.IntN(2) == 0 {
		figs = append(figs, CapacityFigure{Owner: "sam", Effort: float64(2 + rng.IntN(6))})
	}
	if rng.IntN(3) == 0 {
		figs = append(figs, CapacityFigure{Owner: "kim", Quarter: qtr("2026-Q3"), Effort: float64(rng.IntN(5))})
	}
	if len(figs) > 0 {
		r.Capacity = NewCapacity(figs)
	}
	return r
}

// eligible reports whether the scheduler may move an initiative.
func eligible(in *Initiative, includePlanned bool) bool {
	return in.Status == Planned && (in.Quarter.IsBacklog() || includePlanned)
}

func TestSchedulePropertiesOverRandomRoadmaps(t *testing.T) {
	seeds := 400
	if testing.Short() {
		seeds = 60
	}
	for seed := range seeds {
		rng := rand.New(rand.NewPCG(uint64(seed), 11))
		r := randomSchedulable(rng, 5+rng.IntN(60), 2+rng.IntN(30))
		qi := rng.IntN(8)
		opt := ScheduleOptions{
			From:           Quarter{Year: 2026 + qi/4, Q: qi%4 + 1},
			Horizon:        1 + rng.IntN(12),
			IncludePlanned: rng.IntN(2) == 0,
		}
		if rng.IntN(4) > 0 {
			opt.Today = opt.From
			for k := rng.IntN(3); k > 0; k-- {
				opt.Today = opt.Today.Prev()
			}
		}
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { checkScheduleProperties(t, r, opt) })
	}
}

// checkScheduleProperties checks what every schedule promises.
func checkScheduleProperties(t *testing.T, r *Roadmap, opt ScheduleOptions) {
	t.Helper()
	s, err := r.Schedule(opt)
	if err != nil {
		t.Fatal(err)
	}
	plan := s.Plan
	horizon := opt.Quarters()
	inHorizon := func(q Quarter) bool { return slices.Contains(horizon, q) }

	stays := map[int64]bool{}
	for _, st := range s.Stays {
		stays[st.ID] = true
		if st.Reason == "" {
			t.Errorf("#%d stays without a reason", st.ID)
		}
	}
	moved := map[int64]Move{}
	for _, mv := range s.Moves {
		moved[mv.ID] = mv
		before, _ := r.Get(mv.ID)
		if mv.From != before.Quarter || mv.Version != before.Version || !inHorizon(mv.To) || mv.To == mv.From {
			t.Errorf("move %+v of %s", mv, before.RefStatus())
		}
		if mv.Reason == "" {
			t.Errorf("#%d moved without a reason", mv.ID)
		}
	}
	// placed are the eligible initiatives that do not stay.
	placed := map[int64]bool{}
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		after, _ := plan.Get(in.ID)
		switch {
		case !eligible(in, opt.IncludePlanned):
			if after.Quarter != in.Quarter {
				t.Errorf("%s is not eligible but moved to %s", in.RefStatus(), after.Quarter.Label())
			}
			if stays[in.ID] {
				t.Errorf("%s is not eligible but stays", in.RefStatus())
			}
		case stays[in.ID]:
			if after.Quarter != in.Quarter {
				t.Errorf("%s stays but moved to %s", in.RefStatus(), after.Quarter.Label())
			}
		default:
			placed[in.ID] = true
			if !inHorizon(after.Quarter) {
				t.Errorf("%s placed outside the horizon, in %s", in.RefStatus(), after.Quarter.Label())
			}
			if _, ok := moved[in.ID]; !ok && after.Quarter != in.Quarter {
				t.Errorf("%s moved without a move", in.RefStatus())
			}
			for _, id := range after.DependsOn {
				dep, _ := plan.Get(id)
				if dep == nil || dep.Status != Done && (dep.Quarter.IsBacklog() || !dep.Quarter.Before(after.Quarter)) {
					t.Errorf("%s placed in %s before its dependency #%d", in.Ref(), after.Quarter, id)
				}
			}
		}
	}
	forbidden := map[string]bool{CodePrerequisiteLate: true, CodePrerequisiteSameQ: true, CodePrerequisiteUnplanned: true,
		CodeDependencyLate: true, CodeDeadlock: true, CodeDependencyDeadlocked: true}
	for _, w := range plan.Check(opt.Today) {
		if id := w.Subject.ID(); placed[id] && forbidden[w.Code] {
			t.Errorf("placed #%d has %s: %s", id, w.Code, w.Message())
		}
	}
	mustEqual(t, "warnings", len(s.Warnings), len(plan.Check(opt.Today)))

	// A quarter the scheduler put effort into is over its capacity only
	// when that effort is a single initiative bigger than it, alone.
	for _, b := range plan.Bookings(horizon) {
		check := func(who string, l Load) {
			if !l.Over() {
				return
			}
			var mine, others int
			for _, sh := range l.Initiatives {
				if milli(sh.Effort) == 0 {
					continue
				}
				if placed[sh.ID] {
					mine++
				} else {
					others++
				}
			}
			if mine > 0 && (mine > 1 || others > 0 || !Exceeds(l.Initiatives[0].Effort, l.Capacity)) {
				t.Errorf("%s in %s is over capacity (%s of %s) with %d placed and %d other initiatives",
					who, b.Quarter, FormatEffort(l.Booked), FormatEffort(l.Capacity), mine, others)
			}
		}
		check("the team", b.Load)
		for _, p := range b.People {
			check(p.Name, p.Load)
		}
	}

	again, err := plan.Schedule(opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Moves) > 0 {
		t.Errorf("scheduling the plan again moves %d, the first %s", len(again.Moves), again.Moves[0].Text(plan))
	}
	same, _ := r.Schedule(opt)
	mustEqual(t, "the same schedule twice", same.Moves, s.Moves)
	mustEqual(t, "the same stays twice", same.Stays, s.Stays)
}
