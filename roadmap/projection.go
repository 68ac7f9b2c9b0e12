package roadmap

import (
	"cmp"
	"iter"
	"slices"
)

// Projection is the level each domain would have at the end of each quarter
// if every non-dropped initiative scheduled in or before that quarter were
// done. Quarters runs without gaps from the earlier of today's quarter and
// the first scheduled one to the later of today's quarter and the last
// scheduled one. A level that waits on a deadlock is never reached, in any
// quarter: no schedule can finish it.
type Projection struct {
	Now      Levels    // the levels reached today
	Quarters []Quarter // consecutive
	At       []Levels  // At[i] is the projection at the end of Quarters[i]

	// first[d][l] is the index in Quarters of the first quarter whose
	// projection reaches level l of domain d: -1 when reached now,
	// len(Quarters) when never.
	first [][MaxLevel + 1]int
	// why[d][l] says why level l of domain d is never reached.
	why   [][MaxLevel + 1]*Unplanned
	waits *waits
}

// Project computes the projection as seen from the quarter today.
func (r *Roadmap) Project(today Quarter) Projection {
	return r.Model.project(r.baseline(), r.tally(), r.items(), r, r.firstBacklog(), today)
}

// firstBacklog holds, per domain and level, the unfinished initiative of
// lowest id that is not scheduled, or nil.
type firstBacklog [][MaxLevel + 1]*Initiative

// firstBacklog finds the first unfinished initiative of each level in the
// backlog.
func (r *Roadmap) firstBacklog() firstBacklog {
	backlog := make(firstBacklog, len(r.Model.Domains))
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		d := r.dom[i]
		if d >= 0 && in.Level >= 1 && in.Level <= MaxLevel && !in.Status.Finished() &&
			in.Quarter.IsBacklog() && backlog[d][in.Level] == nil {
			backlog[d][in.Level] = in
		}
	}
	return backlog
}

// project computes the projection from the baseline, today's counts and
// the items, whose scheduled, unfinished ones count as done from the end
// of their quarter on; graph holds the unfinished initiatives whose
// deadlocks block levels, and backlog names what keeps levels unplanned.
func (m *Model) project(base Levels, t tally, items iter.Seq[item], graph *Roadmap, backlog firstBacklog, today Quarter) Projection {
	p := Projection{Now: m.reach(base, t, nil)}
	p.waits = waitsFor(graph, p.Now)
	blocked := p.waits.blocked

	// pending are the scheduled, unfinished items, as the quarter and the
	// (domain, level) they complete.
	type work struct{ q, d, level, n int }
	var pending []work
	start, end := today, today
	first := true
	for it := range items {
		if it.q.IsBacklog() || it.st.Finished() || it.level < 1 || it.level > MaxLevel {
			continue
		}
		pending = append(pending, work{it.q.index(), it.d, it.level, it.n})
		if today.IsBacklog() && first { // no clock: span the plan alone
			start, end, first = it.q, it.q, false
		}
		if it.q.Before(start) {
			start = it.q
		}
		if end.Before(it.q) {
			end = it.q
		}
	}
	slices.SortFunc(pending, func(a, b work) int { return cmp.Compare(a.q, b.q) })

	p.Quarters = QuartersBetween(start, end)
	p.At = make([]Levels, len(p.Quarters))
	next := 0
	for qi, q := range p.Quarters {
		for ; next < len(pending) && pending[next].q == q.index(); next++ {
			t[pending[next].d][pending[next].level].done += pending[next].n
		}
		p.At[qi] = m.reach(base, t, blocked)
	}

	p.first = make([][MaxLevel + 1]int, len(p.Now))
	for d := range p.Now {
		for l := 0; l <= MaxLevel; l++ {
			p.first[d][l] = len(p.Quarters)
			if p.Now[d] >= l {
				p.first[d][l] = -1
				continue
			}
			for qi := range p.At {
				if p.At[qi][d] >= l {
					p.first[d][l] = qi
					break
				}
			}
		}
	}
	p.why = m.unplanned(p.End(), t, blocked, backlog)
	return p
}

// Reach says when the plan reaches a level: Now is true when it is reached
// already; otherwise Planned tells whether any quarter reaches it, and
// Quarter which one first. Why says why a level that no quarter reaches is
// not planned.
type Reach struct {
	Now     bool
	Planned bool
	Quarter Quarter
	Why     *Unplanned
}

// When returns when the projection first reaches level of the domain with
// model index d.
func (p Projection) When(d, level int) Reach {
	if d < 0 || d >= len(p.first) || level < 0 || level > MaxLevel {
		return Reach{}
	}
	switch qi := p.first[d][level]; {
	case qi < 0:
		return Reach{Now: true, Planned: true}
	case qi < len(p.Quarters):
		return Reach{Planned: true, Quarter: p.Quarters[qi]}
	}
	why := p.why[d][level]
	if why != nil && why.Untargeted.Level == level && why.Untargeted.Domain == p.waits.m.Domains[d].Key {
		self := *why
		self.self = true
		why = &self
	}
	return Reach{Why: why}
}

// LevelsAt returns the projected levels at the end of quarter q: nil for
// a quarter before the projection starts (only finished work is planned
// there), the final levels for one after it ends.
func (p Projection) LevelsAt(q Quarter) Levels {
	if len(p.Quarters) == 0 || q.IsBacklog() || q.Before(p.Quarters[0]) {
		return nil
	}
	if i := q.index() - p.Quarters[0].index(); i < len(p.At) {
		return p.At[i]
	}
	return p.End()
}

// Span returns every quarter a plan view shows: from the earlier of today
// and the first scheduled initiative (whatever its status) to the later of
// today and the last one.
func (r *Roadmap) Span(today Quarter) []Quarter {
	first, last := today, today
	for i := range r.Initiatives {
		q := r.Initiatives[i].Quarter
		if q.IsBacklog() {
			continue
		}
		if q.Before(first) {
			first = q
		}
		if last.Before(q) {
			last = q
		}
	}
	return QuartersBetween(first, last)
}

// End returns the projected levels at the end of the plan: every scheduled
// initiative done. Without quarters it is Now.
func (p Projection) End() Levels {
	if len(p.At) == 0 {
		return p.Now
	}
	return p.At[len(p.At)-1]
}
