package roadmap

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

func (r *Roadmap) tally() tally {
	t := make(tally, len(r.Model.Domains))
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		d := r.dom[i]
		if d < 0 || in.Status == Dropped || in.Level < 1 || in.Level > MaxLevel {
			continue
		}
		t[d][in.Level].total++
		if in.Status == Done {
			t[d][in.Level].done++
		}
	}
	return t
}

// baseline returns the assessed levels in model order.
func (r *Roadmap) baseline() Levels {
	b := make(Levels, len(r.Model.Domains))
	for i, d := range r.Model.Domains {
		b[i] = min(max(r.Baseline[d.Key], 0), MaxLevel)
	}
	return b
}

// reach computes the levels reached from the baseline given the counts: a
// domain climbs from level k-1 to k when some initiative targets k, all of
// them are done, and every prerequisite of k is reached. Climbing one
// domain can unlock another, so it repeats until nothing moves; levels only
// rise, so it stops after at most domains×MaxLevel rounds.
func (m *Model) reach(base Levels, t tally) Levels {
	lv := append(Levels(nil), base...)
	for moved := true; moved; {
		moved = false
		for d := range lv {
			k := lv[d] + 1
			if k > MaxLevel {
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

// met reports whether every cross-domain prerequisite of level k of domain d
// is reached in lv.
func (m *Model) met(lv Levels, d, k int) bool {
	for _, p := range m.needs[d][k] {
		if lv[m.index[p.Domain]] < p.Level {
			return false
		}
	}
	return true
}

// Levels returns the level each domain has reached now, in model order.
func (r *Roadmap) Levels() Levels {
	return r.Model.reach(r.baseline(), r.tally())
}

// Level returns the level domain has reached now.
func (r *Roadmap) Level(domain string) int {
	d, ok := r.Model.index[domain]
	if !ok {
		return 0
	}
	return r.Levels()[d]
}

// Blocker is a prerequisite that is not reached, with the level its domain
// has now.
type Blocker struct {
	Prerequisite
	Now int
}

// unmet returns the prerequisites of level k of domain d that lv does not
// reach.
func (m *Model) unmet(lv Levels, d, k int) []Blocker {
	var out []Blocker
	for _, p := range m.needs[d][k] {
		if now := lv[m.index[p.Domain]]; now < p.Level {
			out = append(out, Blocker{Prerequisite: p, Now: now})
		}
	}
	return out
}

// DomainState is where one domain stands and what it takes to climb.
type DomainState struct {
	Domain   string
	Level    int // reached now
	Baseline int // assessed level
	// Next is the level above Level, or 0 when the domain is at MaxLevel.
	Next int
	// Done and Total count the non-dropped initiatives that target Next.
	Done, Total int
	// Blockers are the cross-domain prerequisites of Next not reached yet.
	Blockers []Blocker
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
	t := r.tally()
	base := r.baseline()
	lv := r.Model.reach(base, t)
	st := State{Levels: lv, Stage: lv.Stage(), Domains: make([]DomainState, len(lv))}
	for d, dom := range r.Model.Domains {
		ds := DomainState{Domain: dom.Key, Level: lv[d], Baseline: base[d]}
		if k := lv[d] + 1; k <= MaxLevel {
			ds.Next = k
			ds.Done, ds.Total = t[d][k].done, t[d][k].total
			ds.Blockers = r.Model.unmet(lv, d, k)
		}
		st.Domains[d] = ds
	}
	return st
}
