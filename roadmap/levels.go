package roadmap

import "iter"

// Levels holds one level per domain, in the model's domain order.
type Levels []int

// Stage is the overall stage: the lowest level over all domains.
func (l Levels) Stage() int {
	if len(l) == 0 {
		return 0
	}
	s := l[0]
	for _, v := range l[1:] {
		s = min(s, v)
	}
	return s
}

// count holds, for one (domain, level), how many non-dropped initiatives
// target it and how many of those are done.
type count struct{ total, done int }

// tally holds a count per domain and level.
type tally [][MaxLevel + 1]count

// tally counts the items: dropped initiatives count for nothing, the others
// toward their level's total, and done ones toward its done count too.
func (m *Model) tally(items iter.Seq[item]) tally {
	t := make(tally, len(m.Domains))
	for it := range items {
		if it.st == Dropped || it.level < 1 || it.level > MaxLevel {
			continue
		}
		t[it.d][it.level].total += it.n
		if it.st == Done {
			t[it.d][it.level].done += it.n
		}
	}
	return t
}

func (r *Roadmap) tally() tally { return r.Model.tally(r.items()) }

// baselineOf returns the assessed levels in model order, 0 where none.
func baselineOf(m *Model, assessed map[string]int) Levels {
	b := make(Levels, len(m.Domains))
	for i, d := range m.Domains {
		b[i] = min(max(assessed[d.Key], 0), MaxLevel)
	}
	return b
}

func (r *Roadmap) baseline() Levels { return baselineOf(r.Model, r.Baseline) }

// levelMask marks levels of each domain (model order); nil marks none.
type levelMask [][MaxLevel + 1]bool

// reach computes the levels reached from the baseline given the counts: a
// domain climbs from level k-1 to k when some initiative targets k, all of
// them are done, every prerequisite of k is reached, and k is not blocked.
// Climbing one domain can unlock another, so it repeats until nothing
// moves; levels only rise, so it stops after at most domains×MaxLevel
// rounds.
func (m *Model) reach(base Levels, t tally, blocked levelMask) Levels {
	lv := append(Levels(nil), base...)
	for moved := true; moved; {
		moved = false
		for d := range lv {
			k := lv[d] + 1
			if k > MaxLevel || blocked != nil && blocked[d][k] {
				continue
			}
			c := t[d][k]
			if c.total == 0 || c.done < c.total || !m.met(lv, d, k) {
				continue
			}
			lv[d] = k
			moved = true
		}
	}
	return lv
}

// met reports whether every prerequisite of level k of domain d is reached
// in lv.
func (m *Model) met(lv Levels, d, k int) bool {
	for _, p := range m.at[d][k] {
		if lv[p.d] < p.k {
			return false
		}
	}
	return true
}

// Levels returns the level each domain has reached now, in model order.
func (r *Roadmap) Levels() Levels {
	return r.Model.reach(r.baseline(), r.tally(), nil)
}

// Targeted says of one level of one domain all that the levels reached
// now depend on: whether some initiative that is not dropped targets it,
// and whether every such initiative is done.
type Targeted struct{ Any, Done bool }

// LevelsFrom returns the level each domain has reached now, as
// Roadmap.Levels does, from the baseline (the latest assessed level per
// domain key) and at, which says what targets each level (1 to MaxLevel)
// of each domain: a database answers that over an index, without reading
// the initiatives.
func (m *Model) LevelsFrom(baseline map[string]int, at func(domain string, level int) Targeted) Levels {
	t := make(tally, len(m.Domains))
	for d, dom := range m.Domains {
		for k := 1; k <= MaxLevel; k++ {
			// reach asks only whether a level has work and whether all of
			// it is done: one initiative stands for them all.
			if a := at(dom.Key, k); a.Any {
				t[d][k].total = 1
				if a.Done {
					t[d][k].done = 1
				}
			}
		}
	}
	return m.reach(baselineOf(m, baseline), t, nil)
}

// Level returns the level domain has reached now.
func (r *Roadmap) Level(domain string) int {
	d, ok := r.Model.index[domain]
	if !ok {
		return 0
	}
	return r.Levels()[d]
}

// Need is a prerequisite with the level its domain has now.
type Need struct {
	Prerequisite
	Now int
}

// Met reports whether the needed level is reached.
func (n Need) Met() bool { return n.Now >= n.Level }

// needsIn returns the prerequisites of level k of domain d with the levels
// their domains have in lv.
func (m *Model) needsIn(lv Levels, d, k int) []Need {
	ps := m.needs[d][k]
	out := make([]Need, len(ps))
	for i, p := range ps {
		out[i] = Need{Prerequisite: p, Now: lv[m.index[p.Domain]]}
	}
	return out
}

// unmet returns the prerequisites of level k of domain d that lv does not
// reach.
func (m *Model) unmet(lv Levels, d, k int) []Need {
	var out []Need
	for i, p := range m.at[d][k] {
		if now := lv[p.d]; now < p.k {
			out = append(out, Need{Prerequisite: m.needs[d][k][i], Now: now})
		}
	}
	return out
}

// DomainState is where one domain stands and what it takes to climb.
type DomainState struct {
	Domain   string
	Level    int // reached now
	Baseline int // the level initiatives climb from (Roadmap.Baseline)
	// Next is the level above Level, or 0 when the domain is at MaxLevel.
	Next int
	// Done and Total count the non-dropped initiatives that target Next.
	Done, Total int
	// Blockers are the prerequisites of Next not reached yet.
	Blockers []Need
	// Evidenced is the level the domain's criteria support, and
	// HasCriteria whether the model gives it any; both are zero when no
	// assessment is attached.
	Evidenced   int
	HasCriteria bool
	// CriteriaMet and Criteria count the criteria of Next that are met,
	// and all of them.
	CriteriaMet, Criteria int
}

// AtTop reports whether the domain has reached MaxLevel.
func (s DomainState) AtTop() bool { return s.Next == 0 }

// State is where every domain stands, and the overall stage.
type State struct {
	Domains []DomainState // model order
	Levels  Levels
	Stage   int
}

// State computes the current levels, the progress of every domain toward
// its next level and what blocks it.
func (r *Roadmap) State() State {
	return r.Model.state(r.baseline(), r.tally(), r.Assessment)
}

func (m *Model) state(base Levels, t tally, a *Assessment) State {
	lv := m.reach(base, t, nil)
	st := State{Levels: lv, Stage: lv.Stage(), Domains: make([]DomainState, len(lv))}
	for d, dom := range m.Domains {
		ds := DomainState{Domain: dom.Key, Level: lv[d], Baseline: base[d]}
		if k := lv[d] + 1; k <= MaxLevel {
			ds.Next = k
			ds.Done, ds.Total = t[d][k].done, t[d][k].total
			ds.Blockers = m.unmet(lv, d, k)
			ds.CriteriaMet, ds.Criteria = a.progress(d, k)
		}
		if a != nil {
			ds.Evidenced, ds.HasCriteria = a.Domains[d].Evidenced, a.Domains[d].HasCriteria
		}
		st.Domains[d] = ds
	}
	return st
}
