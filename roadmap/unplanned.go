package roadmap

// Unplanned says why the plan never reaches a level. Exactly one of its
// causes is set, the first that holds in this order: no initiative targets
// the level; it waits on a deadlock; an unfinished initiative it waits for
// (one that targets it, or one of a level it waits for) is in the backlog;
// a level it waits for has no initiative at all.
type Unplanned struct {
	Deadlock   bool
	Backlog    *Initiative  // the backlog initiative of lowest id
	Untargeted Prerequisite // the level nothing targets; Domain "" when not the cause

	model *Model
	self  bool // Untargeted is the level this is about
}

// unplanned works out why each level not reached by the end of the plan
// is not, from those end levels, the counts, the levels a deadlock blocks
// and the first backlog initiative of each level.
func (m *Model) unplanned(end Levels, t tally, blocked levelMask, backlog firstBacklog) [][MaxLevel + 1]*Unplanned {
	out := make([][MaxLevel + 1]*Unplanned, len(m.Domains))
	var cause func(d, k int) *Unplanned
	cause = func(d, k int) *Unplanned {
		if out[d][k] != nil {
			return out[d][k]
		}
		u := &Unplanned{model: m}
		switch {
		case t[d][k].total == 0:
			u.Untargeted = Prerequisite{Domain: m.Domains[d].Key, Level: k}
		case blocked != nil && blocked[d][k]:
			u.Deadlock = true
		case backlog[d][k] != nil:
			u.Backlog = backlog[d][k]
		default:
			// Every initiative of the level is scheduled, so one of the
			// levels it waits for is never reached: that one's reason is
			// this one's. The prerequisites form no cycle (the model is
			// validated), so this ends.
			for _, p := range m.needs[d][k] {
				if pd := m.index[p.Domain]; end[pd] < p.Level {
					u = cause(pd, p.Level)
					break
				}
			}
		}
		out[d][k] = u
		return u
	}
	for d := range out {
		for k := end[d] + 1; k <= MaxLevel; k++ {
			cause(d, k)
		}
	}
	return out
}

// Unwanted reports whether the level is simply not part of the plan: no
// initiative targets it. Any other reason is planned work that cannot
// finish.
func (u *Unplanned) Unwanted() bool { return u == nil || u.self }
