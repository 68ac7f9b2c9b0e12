package roadmap

import (
	"bytes"
	"io"
	"slices"
	"testing"
)

// benchSizes are the roadmap sizes every benchmark runs at.
var benchSizes = []struct {
	name string
	n    int
}{{"1k", 1000}, {"10k", 10000}, {"100k", 100000}}

// benchRoadmaps caches the generated roadmaps: generating 100k initiatives
// is not what the benchmarks measure.
var benchRoadmaps = map[int]*Roadmap{}

func benchRoadmap(n int) *Roadmap {
	if r, ok := benchRoadmaps[n]; ok {
		return r
	}
	r := genRoadmap(n)
	benchRoadmaps[n] = r
	return r
}

var benchToday = Quarter{2027, 1}

func BenchmarkLevels(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			r := benchRoadmap(s.n)
			b.ReportAllocs()
			for b.Loop() {
				r.Levels()
			}
		})
	}
}

func BenchmarkProject(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			r := benchRoadmap(s.n)
			b.ReportAllocs()
			for b.Loop() {
				r.Project(benchToday)
			}
		})
	}
}

func BenchmarkCheck(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			r := benchRoadmap(s.n)
			b.ReportAllocs()
			for b.Loop() {
				r.Check(benchToday)
			}
		})
	}
}

func BenchmarkWriteCSV(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			r := benchRoadmap(s.n)
			ws := r.Check(benchToday)
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteCSV(io.Discard, r, ws); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReadCSV(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			r := benchRoadmap(s.n)
			data := writeCSV(b, r, r.Check(benchToday))
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadCSV(bytes.NewReader(data), r.Model); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPlanImport(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			r := benchRoadmap(s.n)
			imp, err := ReadCSV(bytes.NewReader(writeCSV(b, r, r.Check(benchToday))), r.Model)
			if err != nil {
				b.Fatal(err)
			}
			empty := New(r.Model, r.Baseline, nil)
			b.ReportAllocs()
			for b.Loop() {
				plan, err := empty.PlanImport(imp.Source(), ImportOptions{})
				if err != nil {
					b.Fatal(err)
				}
				if len(plan.Create) != s.n {
					b.Fatalf("%d creates", len(plan.Create))
				}
			}
		})
	}
}

// chainDeadlock is the worst case for deadlocks: n initiatives in one loop
// of waits as long as the plan, #n depending on #n-1 and so on down to #1,
// an automation 2 initiative that waits for standardization 2, which waits
// for every other one.
func chainDeadlock(n int) *Roadmap {
	ins := make([]Initiative, n)
	for i := range ins {
		in := Initiative{ID: int64(i + 1), Title: "Chain", Domain: "standardization", Level: 2, Status: Planned, Quarter: Quarter{2027, 1}}
		if i == 0 {
			in.Domain = "automation"
		} else {
			in.DependsOn = []int64{int64(i)}
		}
		ins[i] = in
	}
	return New(testModel, map[string]int{"standardization": 1, "automation": 1, "governance": 1}, ins)
}

// BenchmarkDeadlocks measures the waits-for graph, its cycles, the levels
// they block and every deadlock message, on the generated roadmap (a few
// deadlocks) and on one loop through the whole plan (every initiative in
// it). Both grow linearly with the plan.
func BenchmarkDeadlocks(b *testing.B) {
	for _, s := range benchSizes[1:] {
		for _, c := range []struct {
			name string
			r    *Roadmap
		}{{"generated", benchRoadmap(s.n)}, {"one-loop", chainDeadlock(s.n)}} {
			b.Run(c.name+"/"+s.name, func(b *testing.B) {
				now := c.r.Levels()
				b.ReportAllocs()
				for b.Loop() {
					w := waitsFor(c.r, now)
					for i := range c.r.Initiatives {
						if v, ok := w.deadlocked(i); ok {
							_ = w.loopText(v)
						}
					}
				}
			})
		}
	}
}

// BenchmarkWith measures the copy of a roadmap with one initiative
// changed, as the dashboard makes after a save, against New.
func BenchmarkWith(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			r := benchRoadmap(s.n)
			in := r.Initiatives[len(r.Initiatives)/2]
			in.Status = Done
			b.Run("with", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					r.With([]Initiative{in}, nil)
				}
			})
			b.Run("new", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					n := New(r.Model, r.Baseline, slices.Clone(r.Initiatives))
					n.Put(in)
				}
			})
		})
	}
}

// BenchmarkReorder measures the roadmap order after one initiative moved
// to another quarter, against sorting again.
func BenchmarkReorder(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			r := benchRoadmap(s.n)
			order := r.Order()
			in := r.Initiatives[len(r.Initiatives)/2]
			in.Quarter = in.Quarter.Next()
			next := r.With([]Initiative{in}, nil)
			b.Run("reorder", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					next.InOrder(next.Reorder(r, order))
				}
			})
			b.Run("sorted", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					next.Sorted()
				}
			})
		})
	}
}
