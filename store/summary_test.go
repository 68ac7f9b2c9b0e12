package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"maturity/roadmap"
)

// TestSummaryAgreesWithLoad shows on real databases that what LoadSummary
// reads (counts, the initiatives linked by dependencies, the first of each
// level in the backlog) projects exactly what the whole roadmap projects,
// deadlocks and the reasons for unplanned levels included.
func TestSummaryAgreesWithLoad(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	today := roadmap.Quarter{Year: 2026, Q: 3}
	domains := []string{"standardization", "automation", "governance", "observability"}
	statuses := []string{"planned", "planned", "in-progress", "done", "dropped"}
	deadlocks := 0
	for seed := uint64(0); seed < 12; seed++ {
		rng := rand.New(rand.NewPCG(seed, 99))
		var b strings.Builder
		b.WriteString("id,title,domain,level,quarter,status,depends_on\n")
		n := 60 + rng.IntN(60)
		for i := 1; i <= n; i++ {
			quarter := ""
			if rng.IntN(6) > 0 {
				q := rng.IntN(8)
				quarter = fmt.Sprintf("%d-Q%d", 2026+q/4, 1+q%4)
			}
			var deps []string
			for k := rng.IntN(3); k > 0 && i > 1; k-- {
				deps = append(deps, fmt.Sprint(1+rng.IntN(i-1)))
			}
			fmt.Fprintf(&b, "%d,I%d,%s,%d,%s,%s,%s\n", i, i, domains[rng.IntN(4)], 1+rng.IntN(4), quarter,
				statuses[rng.IntN(len(statuses))], strings.Join(deps, ";"))
		}
		s := newStore(t)
		if _, err := s.Import(ctx, readCSV(t, s, b.String()), false); err != nil {
			t.Fatal(err)
		}
		for _, d := range domains {
			if _, err := s.Assess(ctx, d, rng.IntN(2), ""); err != nil {
				t.Fatal(err)
			}
		}
		r := mustLoad(t, s)
		sum, err := s.LoadSummary(ctx)
		if err != nil {
			t.Fatal(err)
		}
		full, counted := r.Project(today), sum.Project(today)
		for _, w := range r.Check(today) {
			if w.Code == roadmap.CodeDeadlock {
				deadlocks++
			}
		}
		if !reflect.DeepEqual(full.At, counted.At) || !reflect.DeepEqual(full.Now, counted.Now) {
			t.Fatalf("seed %d: levels differ: roadmap %v %v, summary %v %v", seed, full.Now, full.At, counted.Now, counted.At)
		}
		for d, dom := range r.Model.Domains {
			for l := 0; l <= roadmap.MaxLevel; l++ {
				if a, b := full.When(d, l).Text(today), counted.When(d, l).Text(today); a != b {
					t.Fatalf("seed %d: %s %d: roadmap says %q, summary %q", seed, dom.Key, l, a, b)
				}
			}
		}
	}
	if deadlocks == 0 {
		t.Fatal("no plan had a deadlock: the test would not see the linked initiatives")
	}
}
