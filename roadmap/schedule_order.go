package roadmap

import "cmp"

// offerOrder orders initiatives as a quarter takes them: the longest chain
// of levels unlocked first, then the lower level, then the lower id (the
// indexes follow the ids).
func (s *scheduler) offerOrder(a, b int) int {
	x, y := &s.r.Initiatives[a], &s.r.Initiatives[b]
	if c := cmp.Compare(s.chainOf(b), s.chainOf(a)); c != 0 {
		return c
	}
	if c := cmp.Compare(x.Level, y.Level); c != 0 {
		return c
	}
	return cmp.Compare(a, b)
}

func (s *scheduler) chainOf(i int) int {
	d, k := s.r.dom[i], s.r.Initiatives[i].Level
	if d < 0 || k < 1 || k > MaxLevel {
		return -1
	}
	return s.chain[d][k]
}

// chainLengths returns, for every level of every domain, the length of
// the longest chain of levels it unlocks: a level leads to the next level
// of its domain and to every level whose prerequisites include it. The
// model's rules are acyclic, so every chain ends.
func (m *Model) chainLengths() [][MaxLevel + 1]int {
	leads := make([][MaxLevel + 1][]level, len(m.Domains))
	for d := range m.at {
		for k := 1; k <= MaxLevel; k++ {
			for _, p := range m.at[d][k] {
				leads[p.d][p.k] = append(leads[p.d][p.k], level{d, k})
			}
		}
	}
	out := make([][MaxLevel + 1]int, len(m.Domains))
	done := make([][MaxLevel + 1]bool, len(m.Domains))
	var walk func(d, k int) int
	walk = func(d, k int) int {
		if done[d][k] {
			return out[d][k]
		}
		best := 0
		for _, n := range leads[d][k] {
			best = max(best, 1+walk(n.d, n.k))
		}
		out[d][k], done[d][k] = best, true
		return best
	}
	for d := range out {
		for k := 1; k <= MaxLevel; k++ {
			walk(d, k)
		}
	}
	return out
}
