package roadmap

import (
	"reflect"
	"testing"
)

// summarize groups a roadmap's initiatives the way a store's GROUP BY does.
func summarize(r *Roadmap) Summary {
	type key struct {
		d  string
		l  int
		q  Quarter
		st Status
	}
	n := map[key]int{}
	var order []key
	for _, in := range r.Initiatives {
		k := key{in.Domain, in.Level, in.Quarter, in.Status}
		if n[k] == 0 {
			order = append(order, k)
		}
		n[k]++
	}
	s := Summary{Model: r.Model, Baseline: r.Baseline}
	for _, k := range order {
		s.Counts = append(s.Counts, Count{Domain: k.d, Level: k.l, Quarter: k.q, Status: k.st, N: n[k]})
	}
	return s
}

func TestSummaryAgreesWithTheRoadmap(t *testing.T) {
	cases := map[string]*Roadmap{
		"an empty roadmap":               New(DefaultModel(), nil, nil),
		"a generated roadmap of 3,000":   genRoadmap(3000),
		"a roadmap with a baseline":      New(DefaultModel(), map[string]int{"governance": 2, "observability": 1}, genInitiatives(500)),
		"a roadmap with unknown domains": New(DefaultModel(), nil, append(genInitiatives(50), Initiative{ID: 9999, Title: "x", Domain: "nope", Level: 1, Status: Done})),
	}
	for name, r := range cases {
		t.Run(name+" gives the same levels, state and projection from counts", func(t *testing.T) {
			s := summarize(r)
			today := Quarter{2026, 4}
			if got, want := s.Levels(), r.Levels(); !reflect.DeepEqual(got, want) {
				t.Errorf("Levels: summary %v, roadmap %v", got, want)
			}
			if got, want := s.State(), r.State(); !reflect.DeepEqual(got, want) {
				t.Errorf("State: summary %+v, roadmap %+v", got, want)
			}
			if got, want := s.Project(today), r.Project(today); !reflect.DeepEqual(got, want) {
				t.Errorf("Project: summary %+v, roadmap %+v", got, want)
			}
		})
	}
}
