package roadmap

import (
	"strconv"
	"strings"
)

// The sentences of the scheduler: why a move went to its quarter and not
// an earlier one, and why what stays was not placed. Levels are written
// as every message writes a prerequisite (DescribeLevel), initiatives as
// Ref does.

// Text writes the move with its reason: `#12 "Argo CD for all clusters"
// → 2027-Q3: needs governance ≥ 2 (Static Checks), reached in 2027-Q2;
// 2027-Q3 full (30/30)`; a move out of a quarter names it before the
// arrow. r names the initiative (the roadmap scheduled, or its plan).
func (mv Move) Text(r *Roadmap) string {
	b := appendID(nil, r, mv.ID)
	if !mv.From.IsBacklog() {
		b = mv.From.appendTo(append(b, ' '))
	}
	b = mv.To.appendTo(append(b, " → "...))
	return string(append(append(b, ": "...), mv.Reason...))
}

// Text writes what stays with why: `#7 "Docs" stays in the backlog:
// depends on #5 "Envs", which is not placed`.
func (st Stay) Text(r *Roadmap) string {
	b := appendID(nil, r, st.ID)
	where := "the backlog"
	if in, ok := r.Get(st.ID); ok && !in.Quarter.IsBacklog() {
		where = in.Quarter.String()
	}
	return string(b) + " stays in " + where + ": " + st.Reason
}

// appendID appends an initiative's Ref, or its bare id when r has none.
func appendID(b []byte, r *Roadmap, id int64) []byte {
	if in, ok := r.Get(id); ok {
		return in.AppendRef(b)
	}
	return strconv.AppendInt(append(b, '#'), id, 10)
}

// moveReason says why initiative i went where the round placed it: what
// it waited for until it was ready, the quarters that had no room for it
// after that, and whether it went in alone.
func (s *scheduler) moveReason(rd *round, i int) string {
	var parts []string
	k, ready := rd.at[i], rd.ready[i]
	if ready > 0 {
		parts = append(parts, s.waitedFor(rd, i)...)
	}
	parts = append(parts, s.noRoom(rd, i, ready, k)...)
	if rd.alone[i] {
		parts = append(parts, s.aloneNote(rd.loads[k], i))
	}
	if len(parts) == 0 {
		return "ready from the first quarter"
	}
	return strings.Join(parts, "; ")
}

// waitedFor names what made initiative i ready only in the quarter it
// became ready: the prerequisites reached, and the dependencies that
// went, in the quarter before.
func (s *scheduler) waitedFor(rd *round, i int) []string {
	r, m := s.r, s.r.Model
	ready := rd.ready[i]
	prev := s.qs[ready-1]
	var out []string
	var needs []string
	for _, p := range m.unmet(rd.atEnd[ready-1], r.dom[i], r.Initiatives[i].Level) {
		needs = append(needs, m.DescribeLevel(p.Prerequisite))
	}
	if len(needs) > 0 {
		out = append(out, "needs "+JoinAnd(needs)+", reached in "+prev.String())
	}
	var deps []string
	for _, j := range r.depsOf(i) {
		if j < 0 {
			continue
		}
		dep := &r.Initiatives[j]
		switch {
		case s.movable[j] && rd.at[j] == ready-1:
			deps = append(deps, dep.Ref()+", placed in "+prev.String())
		case !s.movable[j] && dep.Status != Done && dep.Quarter == prev:
			deps = append(deps, dep.Ref()+", scheduled in "+prev.String())
		}
	}
	if len(deps) > 0 {
		out = append(out, "waits for "+JoinAnd(deps))
	}
	return out
}

// maxNoRoom is how many quarters without room a reason names; it counts
// the rest.
const maxNoRoom = 3

// noRoom says, for each quarter of the horizon from position from to
// before position to, why it had no room for initiative i.
func (s *scheduler) noRoom(rd *round, i, from, to int) []string {
	var out []string
	for k := max(from, 0); k < to; k++ {
		if len(out) == maxNoRoom {
			n := to - k
			more := "1 more quarter"
			if n > 1 {
				more = strconv.Itoa(n) + " more quarters"
			}
			out = append(out, more+" without room, up to "+s.qs[to-1].String())
			break
		}
		out = append(out, s.roomText(rd.loads[k], s.qs[k], i))
	}
	return out
}

// roomText says why quarter q, with load l, had no room for initiative i:
// `2027-Q3 full (30/30)`, `2027-Q3 full (28/30, 2 free)`, `sam full in
// 2027-Q3 (10/10)`, or, for one bigger than a whole quarter,
// `2027-Q3 has 12 of 30 booked, and it needs a quarter alone (40 > 30)`.
func (s *scheduler) roomText(l quarterLoad, q Quarter, i int) string {
	c := s.cost[i]
	if ok, _ := l.team.room(c.effort); !ok {
		return loadText(l.team, q, "", c.effort)
	}
	for _, o := range c.owners {
		if p := l.people[o]; p != nil {
			if ok, _ := p.room(c.share); !ok {
				return loadText(*p, q, s.ownerName(i, o), c.share)
			}
		}
	}
	return q.String() + " had no room" // not reached: a quarter without room says why
}

// loadText writes a full load of quarter q, the team's (who "") or one
// person's, for an effort e that did not fit.
func loadText(l Load, q Quarter, who string, e float64) string {
	head := q.String()
	if who != "" {
		head = who + " in " + q.String()
	}
	if milli(l.Capacity) == 0 {
		return head + " has no capacity (0)"
	}
	if Exceeds(e, l.Capacity) {
		return head + " has " + FormatEffort(l.Booked) + " of " + FormatEffort(l.Capacity) +
			" booked, and it needs a quarter alone (" + FormatEffort(e) + " > " + FormatEffort(l.Capacity) + ")"
	}
	figures := FormatEffort(l.Booked) + "/" + FormatEffort(l.Capacity)
	if free := l.Free(); free > 0 {
		figures += ", " + FormatEffort(free) + " free"
	}
	if who != "" {
		return who + " full in " + q.String() + " (" + figures + ")"
	}
	return head + " full (" + figures + ")"
}

// aloneNote says that initiative i went alone into a quarter with load l,
// being bigger than its whole capacity (the team's, or an owner's).
func (s *scheduler) aloneNote(l quarterLoad, i int) string {
	c := s.cost[i]
	if l.team.Limited && Exceeds(c.effort, l.team.Capacity) {
		return "bigger than a whole quarter (" + FormatEffort(c.effort) + " > " + FormatEffort(l.team.Capacity) + "): placed alone"
	}
	for _, o := range c.owners {
		if p := l.people[o]; p != nil && Exceeds(c.share, p.Capacity) {
			name := s.ownerName(i, o)
			return name + "'s share is bigger than " + name + "'s whole quarter (" + FormatEffort(c.share) + " > " +
				FormatEffort(p.Capacity) + "): placed alone for " + name
		}
	}
	return "placed alone"
}

// ownerName returns the spelling initiative i gives the owner with key o.
func (s *scheduler) ownerName(i int, o string) string {
	for _, name := range Owners(s.r.Initiatives[i].Owner) {
		if ownerKey(name) == o {
			return name
		}
	}
	return o
}

// stayReason says why initiative i was not placed in the round, the plan
// of that round projecting as after.
func (s *scheduler) stayReason(rd *round, after Projection, i int) string {
	r, m := s.r, s.r.Model
	in := &r.Initiatives[i]
	last := len(s.qs) - 1
	if v, ok := s.waits.deadlocked(i); ok {
		return "in a deadlock with " + s.loopPartner(v)
	}
	if r.dom[i] < 0 || in.Level < 1 || in.Level > MaxLevel {
		return "its domain or level is not in the model"
	}
	if ready := rd.ready[i]; ready == last {
		return "ready only in " + s.last().String() + ", the last quarter, but " + strings.Join(s.noRoom(rd, i, ready, len(s.qs)), "; ")
	} else if ready >= 0 {
		return "ready from " + s.qs[ready].String() + ", but no quarter up to " + s.last().String() +
			" had room: " + strings.Join(s.noRoom(rd, i, ready, len(s.qs)), "; ")
	}
	var parts []string
	var deps []string
	for n, j := range r.depsOf(i) {
		if s.depBlocks(rd, int(j), last) {
			deps = append(deps, s.depText(rd, int(j), in.DependsOn[n]))
		}
	}
	if len(deps) > 0 {
		parts = append(parts, "depends on "+JoinAnd(deps))
	}
	for _, p := range m.unmet(rd.atEnd[last], r.dom[i], in.Level) {
		need := "needs " + m.DescribeLevel(p.Prerequisite)
		switch w := after.When(m.index[p.Domain], p.Level); {
		case w.Planned:
			need += ", reached only in " + w.Quarter.String()
		case w.Why.String() != "":
			need += ", never reached (" + w.Why.String() + ")"
		default:
			need += ", never reached"
		}
		parts = append(parts, need)
	}
	return strings.Join(parts, "; ")
}

// depText says why dependency j (an index, -1 for an unknown id) keeps
// an initiative out of the horizon.
func (s *scheduler) depText(rd *round, j int, id int64) string {
	if j < 0 {
		return "#" + strconv.FormatInt(id, 10) + ", which does not exist"
	}
	dep := &s.r.Initiatives[j]
	ref := dep.Ref()
	switch {
	case dep.Status == Dropped:
		return ref + ", which was dropped"
	case s.waits.stuckOn(j):
		if _, in := s.waits.deadlocked(j); in {
			return ref + ", which is in a deadlock"
		}
		return ref + ", which waits on a deadlock"
	case s.movable[j] && rd.at[j] < 0:
		return ref + ", which is not placed"
	case s.movable[j]:
		return ref + ", which is placed in " + s.qs[rd.at[j]].String() + ", the last quarter of the horizon"
	case dep.Quarter.IsBacklog():
		return ref + ", which is " + string(dep.Status) + " and not scheduled"
	}
	return ref + ", which is scheduled in " + dep.Quarter.String()
}

// loopPartner names the first other initiative on the deadlock of node v.
func (s *scheduler) loopPartner(v int32) string {
	w := s.waits
	for _, x := range w.walk(v)[1:] {
		if !w.isLevel(x) && x != v {
			return w.ins[x].Ref()
		}
	}
	return "itself"
}
