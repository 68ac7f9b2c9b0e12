package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"maturity/roadmap"
)

// benchSizes are the roadmap sizes the benchmarks run at.
var benchSizes = []int{1_000, 10_000, 100_000}

// benchCSV generates a roadmap CSV of n initiatives deterministically: the
// four domains in turn, levels 1..4, twelve quarters from 2026-Q1 with a
// tenth in the backlog, mostly planned with some done, in progress and
// dropped, owners, efforts, descriptions, and a third depending on one or
// two initiatives with lower ids (so there is no cycle).
func benchCSV(n int) string {
	domains := []string{"standardization", "automation", "governance", "observability"}
	var b strings.Builder
	b.Grow(n * 120)
	b.WriteString("id,title,domain,level,quarter,status,owner,effort,depends_on,description\n")
	for i := 1; i <= n; i++ {
		quarter := ""
		if i%10 != 0 {
			k := i % 12
			quarter = fmt.Sprintf("%d-Q%d", 2026+k/4, 1+k%4)
		}
		status := "planned"
		switch {
		case i%29 == 0:
			status = "dropped"
		case i%3 == 0:
			status = "done"
		case i%7 == 0:
			status = "in-progress"
		}
		effort := ""
		if i%4 != 0 {
			effort = strconv.FormatFloat(float64(i%40)/2, 'f', -1, 64)
		}
		var deps []string
		if i%3 == 1 && i > 1 {
			deps = append(deps, strconv.Itoa(i-1))
		}
		if i%9 == 4 && i > 7 {
			deps = append(deps, strconv.Itoa(i-7))
		}
		fmt.Fprintf(&b, "%d,Initiative %d,%s,%d,%s,%s,team-%d,%s,%s,Moves the domain up one level; see runbook %d.\n",
			i, i, domains[i%4], 1+(i/4)%4, quarter, status, i%23, effort, strings.Join(deps, ";"), i)
	}
	return b.String()
}

// benchImport parses the generated CSV of n initiatives.
func benchImport(b *testing.B, n int) *roadmap.CSVImport {
	b.Helper()
	imp, err := roadmap.ReadCSV(strings.NewReader(benchCSV(n)), roadmap.DefaultModel())
	if err != nil {
		b.Fatal(err)
	}
	return imp
}

// benchOpen opens a new database at path and imports imp into it.
func benchOpen(b *testing.B, path string, imp *roadmap.CSVImport) *Store {
	b.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Import(context.Background(), imp, false); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkLoad(b *testing.B) { benchLoad(b, (*Store).Load) }

func BenchmarkLoadBrief(b *testing.B) { benchLoad(b, (*Store).LoadBrief) }

// benchLoad measures a load of each size. Each database is built once, the
// first time its size runs, outside the timer.
func benchLoad(b *testing.B, load func(*Store, context.Context) (*roadmap.Roadmap, error)) {
	dir := b.TempDir()
	stores := map[int]*Store{}
	defer func() {
		for _, s := range stores {
			s.Close()
		}
	}()
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s, ok := stores[n]
			if !ok {
				s = benchOpen(b, filepath.Join(dir, fmt.Sprintf("load-%d.db", n)), benchImport(b, n))
				stores[n] = s
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				r, err := load(s, ctx)
				if err != nil {
					b.Fatal(err)
				}
				if len(r.Initiatives) != n {
					b.Fatalf("loaded %d initiatives, want %d", len(r.Initiatives), n)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "initiatives/s")
		})
	}
}

// BenchmarkImport measures importing each size into a new database: the
// CSV is parsed once, and each iteration opens a fresh database with the
// timer stopped.
func BenchmarkImport(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.StopTimer()
			imp := benchImport(b, n)
			dir := b.TempDir()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				path := filepath.Join(dir, fmt.Sprintf("import-%d.db", i))
				s, err := Open(ctx, path)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				plan, err := s.Import(ctx, imp, false)
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				if len(plan.Create) != n {
					b.Fatalf("created %d initiatives, want %d", len(plan.Create), n)
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
				// Keep the disk small: a 100k database is tens of MB.
				for _, f := range []string{path, path + "-wal", path + "-shm"} {
					os.Remove(f)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "initiatives/s")
		})
	}
}
