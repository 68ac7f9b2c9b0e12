package roadmap

import (
	"bytes"
	"io"
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
