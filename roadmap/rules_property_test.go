package roadmap

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// randomPlan makes n initiatives with random domains, levels, statuses,
// quarters and dependencies (no dependency cycles, as the store
// guarantees: dependencies point to lower ids), and a random baseline. One
// dependency in chaos is on any initiative, the others on one of a lower
// level: with chaos 1 the plan is full of deadlocks, with a large chaos it
// has a few among plenty that can finish.
func randomPlan(rng *rand.Rand, n, chaos int) *Roadmap {
	statuses := []Status{Planned, Planned, Planned, InProgress, Done, Dropped}
	ins := make([]Initiative, n)
	for i := range ins {
		in := Initiative{
			ID:     int64(i + 1),
			Title:  fmt.Sprintf("I%d", i+1),
			Domain: testModel.Domains[rng.IntN(len(testModel.Domains))].Key,
			Level:  1 + rng.IntN(MaxLevel),
			Status: statuses[rng.IntN(len(statuses))],
		}
		// Now and then one in the backlog, mostly of the top levels.
		if in.Level < 3 && rng.IntN(chaos) > 0 || rng.IntN(5) > 0 {
			qi := rng.IntN(8)
			in.Quarter = Quarter{Year: 2026 + qi/4, Q: qi%4 + 1}
		}
		for k := rng.IntN(3); k > 0 && i > 0; k-- {
			dep := rng.IntN(i)
			if ins[dep].Level < in.Level || rng.IntN(chaos) == 0 {
				in.DependsOn = append(in.DependsOn, ins[dep].ID)
			}
		}
		in.DependsOn = SortIDs(in.DependsOn)
		ins[i] = in
	}
	base := map[string]int{}
	for _, d := range testModel.Domains {
		base[d.Key] = rng.IntN(3)
	}
	return New(testModel, base, ins)
}

// naiveWaits builds the waits-for graph straight from its definition in
// the README, as adjacency sets keyed by name ("#7", "automation 2"), with
// none of the engine's machinery.
func naiveWaits(r *Roadmap) map[string][]string {
	now := r.Levels()
	g := map[string][]string{}
	unreached := func(domain string, level int) bool {
		d, _ := r.Model.DomainIndex(domain)
		return now[d] < level
	}
	levelName := func(domain string, level int) string { return fmt.Sprintf("%s %d", domain, level) }
	open := func(in *Initiative) bool { return in.Status == Planned || in.Status == InProgress }
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		if !open(in) {
			continue
		}
		me := fmt.Sprintf("#%d", in.ID)
		g[me] = append(g[me], []string{}...)
		for _, id := range in.DependsOn {
			if dep, ok := r.Get(id); ok && open(dep) {
				g[me] = append(g[me], fmt.Sprintf("#%d", id))
			}
		}
		for _, p := range r.Model.Prerequisites(in.Domain, in.Level) {
			if unreached(p.Domain, p.Level) {
				g[me] = append(g[me], levelName(p.Domain, p.Level))
			}
		}
		if unreached(in.Domain, in.Level) {
			l := levelName(in.Domain, in.Level)
			g[l] = append(g[l], me)
		}
	}
	for _, d := range r.Model.Domains {
		for k := 1; k <= MaxLevel; k++ {
			if !unreached(d.Key, k) {
				continue
			}
			l := levelName(d.Key, k)
			for _, p := range r.Model.Prerequisites(d.Key, k) {
				if unreached(p.Domain, p.Level) {
					g[l] = append(g[l], levelName(p.Domain, p.Level))
				}
			}
		}
	}
	return g
}

// reachable returns every node reachable from start in one or more steps.
func reachable(g map[string][]string, start string) map[string]bool {
	seen := map[string]bool{}
	stack := append([]string(nil), g[start]...)
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[v] {
			continue
		}
		seen[v] = true
		stack = append(stack, g[v]...)
	}
	return seen
}

func TestDeadlockProperties(t *testing.T) {
	t.Run("every deadlock warning is on a real cycle, every initiative on one has a warning, and so has work that depends on one (brute force, small plans)", func(t *testing.T) {
		for seed := uint64(0); seed < 300; seed++ {
			r := randomPlan(rand.New(rand.NewPCG(seed, 7)), 4+int(seed%20), 1)
			g := naiveWaits(r)
			warned := map[string]bool{}
			for _, w := range r.Check(qtr("2026-Q1")) {
				if w.Code == CodeDeadlock {
					warned[fmt.Sprintf("#%d", w.Subject.ID())] = true
				}
			}
			onCycle := func(v string) bool { return reachable(g, v)[v] }
			stuck := func(v string) bool {
				if onCycle(v) {
					return true
				}
				for u := range reachable(g, v) {
					if onCycle(u) {
						return true
					}
				}
				return false
			}
			waitsOnOne := map[string]bool{}
			for _, w := range r.Check(qtr("2026-Q1")) {
				if w.Code == CodeDependencyDeadlocked {
					waitsOnOne[fmt.Sprintf("#%d", w.Subject.ID())] = true
				}
			}
			for i := range r.Initiatives {
				in := &r.Initiatives[i]
				me := fmt.Sprintf("#%d", in.ID)
				if onCycle(me) != warned[me] {
					t.Fatalf("seed %d: %s on a cycle %v, deadlock warning %v\n%v", seed, me, onCycle(me), warned[me], g)
				}
				want := false
				if _, isNode := g[me]; isNode && !onCycle(me) {
					for _, id := range in.DependsOn {
						dep := fmt.Sprintf("#%d", id)
						if _, open := g[dep]; open && stuck(dep) {
							want = true
						}
					}
				}
				if want != waitsOnOne[me] {
					t.Fatalf("seed %d: %s depends on work stuck on a deadlock: %v; warned %v", seed, me, want, waitsOnOne[me])
				}
			}
		}
	})
	t.Run("no level the projection reaches waits on an initiative in a deadlock (1k initiatives)", func(t *testing.T) {
		reached, blocks := 0, 0 // to show the property is not met by emptiness
		for seed := uint64(0); seed < 40; seed++ {
			r := randomPlan(rand.New(rand.NewPCG(seed, 1000)), 1000, 50+int(seed)*20)
			g := naiveWaits(r)
			deadlocked := map[string]bool{}
			for _, w := range r.Check(qtr("2026-Q1")) {
				if w.Code == CodeDeadlock {
					deadlocked[fmt.Sprintf("#%d", w.Subject.ID())] = true
				}
			}
			p := r.Project(qtr("2026-Q1"))
			end := p.End()
			for d, dom := range r.Model.Domains {
				for k := p.Now[d] + 1; k <= end[d]; k++ {
					reached++
					for v := range reachable(g, fmt.Sprintf("%s %d", dom.Key, k)) {
						if deadlocked[v] {
							t.Fatalf("seed %d: the plan reaches %s %d, which waits on %s in a deadlock", seed, dom.Key, k, v)
						}
					}
				}
				// And the levels it does not reach because of one say so.
				for k := end[d] + 1; k <= MaxLevel; k++ {
					blocked := false
					for v := range reachable(g, fmt.Sprintf("%s %d", dom.Key, k)) {
						blocked = blocked || deadlocked[v]
					}
					// A level nothing targets says so first.
					targeted := false
					for i := range r.Initiatives {
						in := &r.Initiatives[i]
						targeted = targeted || in.Domain == dom.Key && in.Level == k && in.Status != Dropped
					}
					why := p.When(d, k).Why
					if blocked && targeted != (why != nil && why.Deadlock) || !blocked && why != nil && why.Deadlock {
						t.Fatalf("seed %d: %s %d waits on a deadlock: %v, targeted %v; says %q", seed, dom.Key, k, blocked, targeted, why)
					}
					if blocked {
						blocks++
					}
				}
			}
		}
		if reached == 0 || blocks == 0 {
			t.Fatalf("the plans reach %d levels and a deadlock blocks %d: make them less or more tangled", reached, blocks)
		}
		t.Logf("levels reached by the plans: %d; blocked by a deadlock: %d", reached, blocks)
	})
	t.Run("ready is exactly what done accepts without an override (1k initiatives)", func(t *testing.T) {
		for seed := uint64(0); seed < 20; seed++ {
			r := randomPlan(rand.New(rand.NewPCG(seed, 1001)), 1000, 1+int(seed)*20)
			now := r.Levels()
			for i := range r.Initiatives {
				in := &r.Initiatives[i]
				if in.Status.Finished() {
					continue
				}
				accepted := r.CheckTransition(in.ID, MarkDone, false) == nil
				if ready := r.Ready(in, now); ready != accepted {
					t.Fatalf("seed %d: %s ready %v, done accepted %v", seed, in.Ref(), ready, accepted)
				}
			}
		}
	})
	t.Run("the summary projects what the roadmap projects (1k initiatives)", func(t *testing.T) {
		for seed := uint64(0); seed < 20; seed++ {
			r := randomPlan(rand.New(rand.NewPCG(seed, 1002)), 1000, 1+int(seed)*20)
			today := qtr("2026-Q3")
			mustEqual(t, fmt.Sprint("seed ", seed), projectionText(r.Model, summarize(r).Project(today), today),
				projectionText(r.Model, r.Project(today), today))
		}
	})
}

func TestLongLoopsNameTheirLevels(t *testing.T) {
	for _, n := range []int{30, 200, 100000} {
		t.Run(fmt.Sprintf("a loop through %d initiatives names its level and counts the rest", n), func(t *testing.T) {
			r := chainDeadlock(n)
			ws := r.Check(qtr("2027-Q1"))
			var last string
			deadlocks := 0
			for _, w := range ws {
				if w.Code != CodeDeadlock {
					continue
				}
				deadlocks++
				msg := w.Message()
				if !strings.Contains(msg, "standardization ≥ 2 (Templated)") || len(msg) > 400 {
					t.Fatalf("message of %s:\n%s", w.Subject.Kind, msg)
				}
				last = msg
			}
			if deadlocks != n {
				t.Fatalf("%d deadlock warnings, want %d", deadlocks, n)
			}
			if !strings.Contains(last, " more …") {
				t.Errorf("the longest loop is written in full:\n%s", last)
			}
			t.Log(last)
		})
	}
}

func TestCSVCarriesEveryCode(t *testing.T) {
	// Every code a generated roadmap has (deadlocks and the codes that
	// rank last among them) lands in the warnings cells.
	r := genRoadmap(3000)
	ws := r.Check(qtr("2027-Q1"))
	var b strings.Builder
	if err := WriteCSV(&b, r, ws); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{CodeDeadlock, CodeDependencyDeadlocked, CodeOverdue, CodePrerequisiteSameQ} {
		if !strings.Contains(b.String(), code) {
			t.Errorf("no %s in the CSV", code)
		}
	}
}

func TestCodesOfIsWhatCheckFinds(t *testing.T) {
	for _, r := range []*Roadmap{genRoadmap(3000), randomPlan(rand.New(rand.NewPCG(5, 5)), 500, 1)} {
		today := qtr("2027-Q1")
		mustEqual(t, "codes", r.CodesOf(today), initiativeCodes(r, r.Check(today)))
	}
}
