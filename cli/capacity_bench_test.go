package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkCapacity runs `capacity` (every quarter's bookings, text and
// JSON) and `check` on the generated roadmaps with capacity figures set:
// the team's default, one quarter's own and two people's. Their own copy
// of the database, so that the other benchmarks read none.
func BenchmarkCapacity(b *testing.B) {
	dir := b.TempDir()
	for _, n := range benchSizes {
		name := fmt.Sprintf("%dk", n/1000)
		var db string
		setup := func(b *testing.B) string {
			if db != "" {
				return db
			}
			src := benchDB(b, dir, n)
			db = filepath.Join(dir, fmt.Sprintf("capacity-%d.db", n))
			data, err := os.ReadFile(src)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(db, data, 0o600); err != nil {
				b.Fatal(err)
			}
			for _, args := range [][]string{
				{"capacity", "set", "default", fmt.Sprint(n / 2)},
				{"capacity", "set", "2027-Q1", fmt.Sprint(n / 20)},
				{"capacity", "set", "default", "30", "--owner", "team-1"},
				{"capacity", "set", "2026-Q4", "20", "--owner", "team-2"},
			} {
				runQuiet(b, append([]string{"--db", db}, args...)...)
			}
			return db
		}
		for _, cmd := range [][]string{
			{"capacity"},
			{"capacity", "--format", "json"},
			{"check"},
		} {
			b.Run(strings.Join(cmd, " ")+"/"+name, func(b *testing.B) {
				args := append([]string{"--db", setup(b), "--today", "2026-11-15"}, cmd...)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					runQuiet(b, args...)
				}
			})
		}
	}
}
