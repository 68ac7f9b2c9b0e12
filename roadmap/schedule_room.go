package roadmap

// quarterLoad is what one quarter of the horizon has booked: the team's
// load and that of each person with a capacity figure for it (by
// ownerKey); a person without one has no limit.
type quarterLoad struct {
	team   Load
	people map[string]*Load
}

// fixedLoads returns the load of each quarter of the horizon with only the
// work that does not move (Roadmap.Bookings of the roadmap without the
// free initiatives).
func (s *scheduler) fixedLoads() []quarterLoad {
	fixed := s.r
	var out []Initiative
	for _, i := range s.free {
		if in := s.r.Initiatives[i]; !in.Quarter.IsBacklog() {
			in.Quarter = Backlog
			out = append(out, in)
		}
	}
	if len(out) > 0 {
		fixed = s.r.With(out, nil)
	}
	loads := make([]quarterLoad, len(s.qs))
	for k, b := range fixed.Bookings(s.qs) {
		l := quarterLoad{team: b.Load}
		for _, p := range b.People {
			if p.Limited {
				if l.people == nil {
					l.people = map[string]*Load{}
				}
				l.people[ownerKey(p.Name)] = &p.Load
			}
		}
		loads[k] = l
	}
	return loads
}

// take books c in the quarter when the team and every owner with a figure
// have room for it, and reports whether it did and whether it went in
// alone, being bigger than a whole quarter of the team or of an owner.
func (l *quarterLoad) take(c cost) (alone, ok bool) {
	ok, alone = l.team.room(c.effort)
	if !ok {
		return false, false
	}
	for _, o := range c.owners {
		if p := l.people[o]; p != nil {
			fits, big := p.room(c.share)
			if !fits {
				return false, false
			}
			alone = alone || big
		}
	}
	l.team.Booked += c.effort
	for _, o := range c.owners {
		if p := l.people[o]; p != nil {
			p.Booked += c.share
		}
	}
	return alone, true
}

// room reports whether effort e fits the load: no effort, no limit, or
// room enough; or, for an effort bigger than the whole capacity, nothing
// booked yet (big is then true: it goes in alone). A capacity of 0 takes
// no effort at all: nobody is there to do it.
func (l *Load) room(e float64) (ok, big bool) {
	switch {
	case milli(e) == 0 || !l.Limited || !Exceeds(l.Booked+e, l.Capacity):
		return true, false
	case milli(l.Capacity) > 0 && Exceeds(e, l.Capacity) && milli(l.Booked) == 0:
		return true, true
	}
	return false, false
}
