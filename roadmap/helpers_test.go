package roadmap

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// The helpers in this file are shared by the tests, fuzz tests and
// benchmarks of the package.

// testModel is the built-in model, parsed once.
var testModel = DefaultModel()

// qtr parses a quarter that the test knows to be valid.
func qtr(s string) Quarter {
	q, err := ParseQuarter(s)
	if err != nil {
		panic(err)
	}
	return q
}

// ini builds an initiative for tests: id, domain, level, status and quarter
// ("" for the backlog), with a title derived from the id.
func ini(id int64, domain string, level int, status Status, quarter string, deps ...int64) Initiative {
	return Initiative{
		ID:        id,
		Title:     fmt.Sprintf("Initiative %d", id),
		Domain:    domain,
		Level:     level,
		Status:    status,
		Quarter:   qtr(quarter),
		DependsOn: deps,
	}
}

// titled returns in with the given title.
func titled(in Initiative, title string) Initiative {
	in.Title = title
	return in
}

// newRoadmap builds a roadmap on the default model.
func newRoadmap(baseline map[string]int, ins ...Initiative) *Roadmap {
	return New(testModel, baseline, append([]Initiative(nil), ins...))
}

// lv is shorthand for the levels of the default model's four domains in
// model order: standardization, automation, governance, observability.
func lv(std, auto, gov, obs int) Levels { return Levels{std, auto, gov, obs} }

func mustEqual[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}

// errIs reports whether err has exactly the text want, "" meaning no error.
func errIs(err error, want string) bool {
	if want == "" {
		return err == nil
	}
	return err != nil && err.Error() == want
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// genInitiatives generates n initiatives deterministically: a realistic mix
// over the four domains of the default model and levels 1..4, spread over
// twelve quarters from 2026-Q1 with some of levels 3 and 4 in the backlog,
// and a third depending on one to three initiatives with lower ids (so no
// dependency cycles), mostly of lower levels (so few deadlocks). Lower levels come earlier and are done more often, as in a real
// plan: every domain has reached level 1, level 2 is under way, levels 3
// and 4 are mostly planned, a few initiatives are dropped, and every
// warning code occurs.
func genInitiatives(n int) []Initiative {
	rng := rand.New(rand.NewPCG(2026, uint64(n)))
	owners := []string{"", "platform", "sre", "security", "dev-ex", "Ana Lima", "Ben Okafor"}
	ins := make([]Initiative, n)
	for i := range ins {
		id := int64(i + 1)
		level := 1 + rng.IntN(MaxLevel)
		in := Initiative{
			ID:     id,
			Title:  fmt.Sprintf("Initiative %d: improve %s", id, testModel.Domains[i%len(testModel.Domains)].Name),
			Domain: testModel.Domains[rng.IntN(len(testModel.Domains))].Key,
			Level:  level,
			Owner:  owners[rng.IntN(len(owners))],
		}
		// Quarters: level k mostly lands in year k-ish of a three-year plan.
		if rng.IntN(100) >= [MaxLevel + 1]int{0, 0, 0, 10, 30}[level] {
			qi := min(11, max(0, (level-1)*3+rng.IntN(5)-1))
			in.Quarter = Quarter{Year: 2026 + qi/4, Q: qi%4 + 1}
		}
		// Level 1 is behind the organisation, level 2 under way, levels 3
		// and 4 mostly ahead (with the odd one done out of order).
		done := [MaxLevel + 1]int{0, 95, 50, 4, 1}[level]
		started := done + [MaxLevel + 1]int{0, 0, 20, 10, 5}[level]
		switch r := rng.IntN(100); {
		case r < done:
			in.Status = Done
		case r < started:
			in.Status = InProgress
		case r < 95:
			in.Status = Planned
		default:
			in.Status = Dropped
		}
		if rng.IntN(4) == 0 {
			in.Effort = Effort{Value: float64(rng.IntN(40)) / 2, Set: true}
		}
		if rng.IntN(5) == 0 {
			in.Description = fmt.Sprintf("Why: step %d of the %s plan.\nHow: see the runbook.", level, in.Domain)
		}
		if i > 0 && rng.IntN(3) == 0 {
			for k := 1 + rng.IntN(3); k > 0; k-- {
				// A dependency is on work of a lower level, as in a real
				// plan; about one in two hundred is on anything, which
				// makes the odd deadlock.
				lo := max(0, i-200)
				for try := 0; try < 8; try++ {
					dep := lo + rng.IntN(i-lo)
					if ins[dep].Level < level || rng.IntN(200) == 0 {
						in.DependsOn = append(in.DependsOn, ins[dep].ID)
						break
					}
				}
			}
			in.DependsOn = SortIDs(in.DependsOn)
		}
		ins[i] = in
	}
	return ins
}

// genRoadmap is a roadmap of n generated initiatives with a baseline and
// capacity figures that some quarters exceed.
func genRoadmap(n int) *Roadmap {
	r := New(testModel, map[string]int{"standardization": 1, "observability": 1}, genInitiatives(n))
	per := float64(n) / 12 // about what a quarter holds
	r.Capacity = NewCapacity([]CapacityFigure{{Effort: per * 2}, {Owner: "sre", Effort: per / 3}})
	return r
}

// loopText is appendLoop as a string, for tests and benchmarks.
func (w *cycles) loopText(x int32) string { return string(w.appendLoop(nil, x)) }

// NewModel validates the parts of a model without metrics or criteria
// and builds it (NewModelOf).
func NewModel(stages []Stage, domains []Domain, rules []Rule) (*Model, error) {
	return NewModelOf(Parts{Stages: stages, Domains: domains, Rules: rules})
}
