package roadmap

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// genBacklog is a roadmap of n planned initiatives, all in the backlog,
// over the four domains and levels 1..4, a third depending on one or two
// earlier ones of a lower level, with efforts of 1 to 10, six owners (one
// in ten shared by two) and a team capacity that takes about a twelfth
// of the work per quarter, so that placing it all needs about twelve
// quarters.
func genBacklog(n int) *Roadmap {
	rng := rand.New(rand.NewPCG(11, uint64(n)))
	owners := []string{"platform", "sre", "secops", "devex", "Ana Lima", "Ben Okafor"}
	ins := make([]Initiative, n)
	total := 0.0
	for i := range ins {
		in := Initiative{
			ID:     int64(i + 1),
			Title:  fmt.Sprintf("Backlog item %d", i+1),
			Domain: testModel.Domains[rng.IntN(len(testModel.Domains))].Key,
			Level:  1 + rng.IntN(MaxLevel),
			Status: Planned,
			Owner:  owners[rng.IntN(len(owners))],
			Effort: Effort{Value: float64(1 + rng.IntN(10)), Set: true},
		}
		if rng.IntN(10) == 0 {
			in.Owner += ", " + owners[rng.IntN(len(owners))]
		}
		total += in.Effort.Value
		if i > 0 && rng.IntN(3) == 0 {
			for k := 1 + rng.IntN(2); k > 0; k-- {
				dep := max(0, i-500) + rng.IntN(min(i, 500))
				if ins[dep].Level < in.Level {
					in.DependsOn = append(in.DependsOn, ins[dep].ID)
				}
			}
			in.DependsOn = SortIDs(in.DependsOn)
		}
		ins[i] = in
	}
	r := New(testModel, map[string]int{"standardization": 1, "observability": 1}, ins)
	r.Capacity = NewCapacity([]CapacityFigure{{Effort: total / 11}, {Owner: "sre", Effort: total / 50}})
	return r
}

// BenchmarkSchedule places n backlog initiatives over twelve quarters:
// the whole of Roadmap.Schedule, the plan and its warnings included.
func BenchmarkSchedule(b *testing.B) {
	for _, n := range []int{2500, 5000, 10000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			r := genBacklog(n)
			opt := ScheduleOptions{From: benchToday, Horizon: 12, Today: benchToday}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Schedule(opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/initiative")
		})
	}
}
