package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// writeBacklogCSV writes n planned initiatives, all in the backlog: the
// four domains, levels 1-4, six owners (one in ten shared by two),
// efforts of 1 to 10, and a third depending on one or two of the 500
// before them of a lower level. It returns the total effort.
func writeBacklogCSV(path string, n int) (float64, error) {
	rng := rand.New(rand.NewPCG(11, uint64(n)))
	domains := []string{"standardization", "automation", "governance", "observability"}
	owners := []string{"platform", "sre", "secops", "devex", "Ana Lima", "Ben Okafor"}
	var b bytes.Buffer
	b.WriteString("id,title,domain,level,quarter,status,owner,effort,depends_on\n")
	levels := make([]int, n+1)
	total := 0.0
	for i := 1; i <= n; i++ {
		l := 1 + rng.IntN(4)
		levels[i] = l
		owner := owners[rng.IntN(len(owners))]
		if rng.IntN(10) == 0 {
			owner += ", " + owners[rng.IntN(len(owners))]
		}
		deps := ""
		if i > 1 && rng.IntN(3) == 0 {
			for k := 1 + rng.IntN(2); k > 0; k-- {
				if d := max(1, i-500) + rng.IntN(min(i-1, 500)); levels[d] < l && deps == "" {
					deps = fmt.Sprint(d)
				}
			}
		}
		effort := 1 + rng.IntN(10)
		total += float64(effort)
		fmt.Fprintf(&b, "%d,Backlog item %d,%s,%d,,planned,\"%s\",%d,%s\n", i, i, domains[rng.IntN(4)], l, owner, effort, deps)
	}
	return total, os.WriteFile(path, b.Bytes(), 0o644)
}

// BenchmarkSchedule runs schedule, preview and --apply, in process on 10k
// backlog initiatives over twelve quarters with a team capacity that
// needs about all of them; --apply on a fresh copy of the database each
// time.
func BenchmarkSchedule(b *testing.B) {
	dir := b.TempDir()
	csv := filepath.Join(dir, "backlog.csv")
	total, err := writeBacklogCSV(csv, 10_000)
	if err != nil {
		b.Fatal(err)
	}
	db := filepath.Join(dir, "backlog.db")
	runQuiet(b, "--db", db, "import", csv)
	// The team takes about a twelfth of the work a quarter, sre less
	// than its share.
	runQuiet(b, "--db", db, "capacity", "set", "default", fmt.Sprint(int(total/11)))
	runQuiet(b, "--db", db, "capacity", "set", "default", fmt.Sprint(int(total/50)), "--owner", "sre")
	b.Run("preview/10k", func(b *testing.B) {
		for b.Loop() {
			runQuiet(b, "--db", db, "schedule", "--horizon", "12", "--today", "2026-11-01")
		}
	})
	b.Run("apply/10k", func(b *testing.B) {
		data, err := os.ReadFile(db)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			b.StopTimer()
			cp := filepath.Join(b.TempDir(), "copy.db")
			if err := os.WriteFile(cp, data, 0o600); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			runQuiet(b, "--db", cp, "schedule", "--horizon", "12", "--today", "2026-11-01", "--apply")
		}
	})
}
