package roadmap

// toPin returns the free initiatives with a quarter that the round left
// unplaced for a reason of their own, to pin where they are: not those
// that only wait for another of them (a dependency, or a level that
// waits on one), which pinning that other may let in. When every one
// waits on another, all of them.
func (s *scheduler) toPin(rd *round) []int {
	r, m := s.r, s.r.Model
	var left []int
	waitedOn := make([][MaxLevel + 1]bool, len(m.Domains)) // levels that wait on one of left
	for _, i := range s.free {
		if in := &r.Initiatives[i]; rd.at[i] < 0 && !in.Quarter.IsBacklog() {
			left = append(left, i)
			if d := r.dom[i]; d >= 0 && in.Level >= 1 && in.Level <= MaxLevel {
				waitedOn[d][in.Level] = true
			}
		}
	}
	if len(left) == 0 {
		return nil
	}
	// A level waits on left when one of them targets it or one of its
	// prerequisites waits on left; the prerequisites form no cycle.
	seen := make([][MaxLevel + 1]bool, len(m.Domains))
	var waits func(d, k int) bool
	waits = func(d, k int) bool {
		if seen[d][k] {
			return waitedOn[d][k]
		}
		seen[d][k] = true
		for _, p := range m.at[d][k] {
			if waits(p.d, p.k) {
				waitedOn[d][k] = true
			}
		}
		return waitedOn[d][k]
	}
	var pin []int
	for _, i := range left {
		if !s.waitsOnLeft(rd, i, waits) {
			pin = append(pin, i)
		}
	}
	if len(pin) == 0 {
		return left
	}
	return pin
}

// waitsOnLeft reports whether initiative i, left unplaced, waits only for
// others left unplaced with a quarter: a dependency among them, or a
// prerequisite not reached that waits on them (waits). One in a deadlock,
// or ready but without room, has reasons of its own.
func (s *scheduler) waitsOnLeft(rd *round, i int, waits func(d, k int) bool) bool {
	r := s.r
	if _, dead := s.waits.deadlocked(i); dead || rd.ready[i] >= 0 || r.dom[i] < 0 {
		return false
	}
	for _, j := range r.depsOf(i) {
		if j >= 0 && s.movable[j] && rd.at[j] < 0 && !r.Initiatives[j].Quarter.IsBacklog() {
			return true
		}
	}
	for _, p := range r.Model.unmet(rd.atEnd[len(s.qs)-1], r.dom[i], r.Initiatives[i].Level) {
		if waits(r.Model.index[p.Domain], p.Level) {
			return true
		}
	}
	return false
}
