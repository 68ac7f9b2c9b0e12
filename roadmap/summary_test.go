package roadmap

import (
	"fmt"
	"reflect"
	"strings"
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
	s := Summary{Model: r.Model, Baseline: r.Baseline, Assessment: r.Assessment}
	for _, k := range order {
		s.Counts = append(s.Counts, Count{Domain: k.d, Level: k.l, Quarter: k.q, Status: k.st, N: n[k]})
	}
	// Linked, as the store selects it: unfinished initiatives with a
	// dependency to or from another unfinished one, keeping only those.
	open := func(id int64) bool { in, ok := r.Get(id); return ok && !in.Status.Finished() }
	linked := map[int64][]int64{}
	for _, in := range r.Initiatives {
		if in.Status.Finished() {
			continue
		}
		for _, d := range in.DependsOn {
			if open(d) {
				linked[in.ID] = append(linked[in.ID], d)
				if _, ok := linked[d]; !ok {
					linked[d] = nil
				}
			}
		}
	}
	first := map[[2]any]bool{}
	for _, in := range r.Initiatives {
		if deps, ok := linked[in.ID]; ok {
			l := in
			l.DependsOn = deps
			s.Linked = append(s.Linked, l)
		}
		if k := [2]any{in.Domain, in.Level}; in.Quarter.IsBacklog() && !in.Status.Finished() && !first[k] {
			first[k] = true
			s.Backlog = append(s.Backlog, Initiative{ID: in.ID, Title: in.Title, Domain: in.Domain, Level: in.Level})
		}
	}
	return s
}

// projectionText renders what a projection tells, for comparisons.
func projectionText(m *Model, p Projection, today Quarter) []string {
	out := []string{fmt.Sprint("now ", p.Now), fmt.Sprint("quarters ", quarterStrings(p.Quarters)), fmt.Sprint("at ", p.At)}
	for d, dom := range m.Domains {
		for l := 0; l <= MaxLevel; l++ {
			out = append(out, fmt.Sprintf("%s %d: %s", dom.Key, l, p.When(d, l).Text(today)))
		}
	}
	return out
}

func TestSummaryAgreesWithTheRoadmap(t *testing.T) {
	cases := map[string]*Roadmap{
		"an empty roadmap":               New(DefaultModel(), nil, nil),
		"a generated roadmap of 3,000":   genRoadmap(3000),
		"a roadmap with a baseline":      New(DefaultModel(), map[string]int{"governance": 2, "observability": 1}, genInitiatives(500)),
		"a roadmap with unknown domains": New(DefaultModel(), nil, append(genInitiatives(50), Initiative{ID: 9999, Title: "x", Domain: "nope", Level: 1, Status: Done})),
		"a roadmap with a deadlock": newRoadmap(map[string]int{"standardization": 1, "automation": 1, "governance": 1, "observability": 1},
			ini(1, "standardization", 2, Planned, "2027-Q1"), ini(2, "automation", 2, Planned, "2027-Q2"),
			ini(3, "standardization", 2, Planned, "2027-Q2", 2), ini(4, "automation", 3, Planned, "2027-Q3"),
			ini(5, "observability", 2, Planned, "")),
		"a roadmap with an assessment the model contradicts": newRoadmap(map[string]int{"automation": 3, "governance": 1}),
		"a roadmap with evidence, manual levels and initiatives": assessedRoadmap(map[string]int{"governance": 2},
			Evidence{Answers: []Answer{answer(1, "std-1-config-in-git", Met, "2026-03-01"), answer(2, "std-1-reviewed-changes", Met, "2026-03-01"),
				answer(3, "gov-1-periodic-audit", Unmet, "2026-01-01"), answer(4, "auto-1-scripted-provisioning", Met, "2026-02-01")},
				Values: []MetricValue{value(1, "automation-coverage", "2026-Q3", 30), value(2, "deployment-frequency", "2026-Q2", 1),
					value(3, "deployment-frequency", "2026-Q3", 0.1)}},
			AsOfToday(day("2026-11-15")), genInitiatives(400)...),
		"a roadmap whose evidence the model contradicts": assessedRoadmap(nil,
			Evidence{Answers: []Answer{answer(1, "auto-1-scripted-provisioning", Met, "2026-02-01")},
				Values: []MetricValue{value(1, "automation-coverage", "2026-Q3", 30)}}, AsOfToday(day("2026-11-15"))),
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
			mustEqual(t, "Project", projectionText(r.Model, s.Project(today), today), projectionText(r.Model, r.Project(today), today))
			var domainWarnings []Warning
			for _, w := range r.Check(today) {
				if w.Subject.Kind == SubjectDomain || w.Subject.Kind == SubjectMetric {
					domainWarnings = append(domainWarnings, w)
				}
			}
			mustEqual(t, "DomainWarnings", warningLines(s.DomainWarnings()), warningLines(domainWarnings))
			if strings.Contains(name, "evidence") && len(domainWarnings) == 0 {
				t.Error("the evidence gives no warning to compare")
			}
		})
	}
}
