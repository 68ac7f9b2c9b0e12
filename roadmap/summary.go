package roadmap

import (
	"iter"
	"slices"
)

// Count is a number of initiatives that share a domain, a level, a quarter
// and a status.
type Count struct {
	Domain  string
	Level   int
	Quarter Quarter
	Status  Status
	N       int
}

// Summary is a roadmap reduced to counts: all that the levels, the
// progress toward them and the projection need. A database counts far
// faster than it reads every initiative, and the results are the same as
// the Roadmap's.
type Summary struct {
	Model *Model
	// Baseline and Assessment are as in Roadmap.
	Baseline   map[string]int
	Assessment *Assessment
	Counts     []Count
	// Linked are the unfinished initiatives that depend on, or are
	// depended on by, another unfinished one, each with only those
	// dependencies: all of the plan where a deadlock can be, because a
	// cycle of waits needs a dependency (the model's own prerequisites
	// form none). Initiatives outside it only repeat what their level
	// waits for, so the projection blocks the same levels.
	Linked []Initiative
	// Backlog holds, per domain and level, the unfinished, unscheduled
	// initiative of lowest id (id and title are enough), to say why a
	// level is not planned.
	Backlog []Initiative
}

// item is what the level rules look at: n initiatives of one domain (by
// model index), level, quarter and status.
type item struct {
	d, level int
	q        Quarter
	st       Status
	n        int
}

// items yields each initiative of a known domain as an item of one.
func (r *Roadmap) items() iter.Seq[item] {
	return func(yield func(item) bool) {
		for i := range r.Initiatives {
			in := &r.Initiatives[i]
			if d := r.dom[i]; d >= 0 && !yield(item{d, in.Level, in.Quarter, in.Status, 1}) {
				return
			}
		}
	}
}

// items yields each count of a known domain.
func (s Summary) items() iter.Seq[item] {
	return func(yield func(item) bool) {
		for _, c := range s.Counts {
			if d, ok := s.Model.index[c.Domain]; ok && !yield(item{d, c.Level, c.Quarter, c.Status, c.N}) {
				return
			}
		}
	}
}

// Levels returns the level each domain has reached now, in model order.
func (s Summary) Levels() Levels {
	return s.Model.reach(baselineOf(s.Model, s.Baseline), s.Model.tally(s.items()), nil)
}

// State is Roadmap.State for a summary.
func (s Summary) State() State {
	return s.Model.state(baselineOf(s.Model, s.Baseline), s.Model.tally(s.items()), s.Assessment)
}

// Project is Roadmap.Project for a summary.
func (s Summary) Project(today Quarter) Projection {
	m := s.Model
	backlog := make(firstBacklog, len(m.Domains))
	for i := range s.Backlog {
		in := &s.Backlog[i]
		if d, ok := m.index[in.Domain]; ok && in.Level >= 1 && in.Level <= MaxLevel &&
			(backlog[d][in.Level] == nil || in.ID < backlog[d][in.Level].ID) {
			backlog[d][in.Level] = in
		}
	}
	graph := New(m, nil, slices.Clone(s.Linked))
	return m.project(baselineOf(m, s.Baseline), m.tally(s.items()), s.items(), graph, backlog, today)
}

// DomainWarnings returns the warnings about domains and metrics rather
// than initiatives: the same as Roadmap.Check gives, from the counts.
func (s Summary) DomainWarnings() []Warning {
	base := baselineOf(s.Model, s.Baseline)
	return s.Model.subjectWarnings(base, s.Model.reach(base, s.Model.tally(s.items()), nil), s.Assessment)
}
