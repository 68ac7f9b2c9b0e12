package roadmap

import (
	"cmp"
	"fmt"
	"slices"
)

// MaxHorizon is the most quarters a schedule may use: ten years.
const MaxHorizon = 40

// DefaultHorizon is how many quarters a schedule uses unless told
// otherwise: two years, in the command line and the dashboard alike.
const DefaultHorizon = 8

// ScheduleOptions say what the scheduler may move and where.
type ScheduleOptions struct {
	From           Quarter // the first quarter it places into
	Horizon        int     // how many quarters from From it may use (1..MaxHorizon)
	IncludePlanned bool    // also move planned initiatives that have a quarter
	Today          Quarter // the quarter the projection and warnings are seen from
}

// Move is one initiative the scheduler places: from where it was (the
// zero Quarter for the backlog) to the quarter it gets, with why that
// quarter and not an earlier one.
type Move struct {
	ID       int64
	Version  int64 // the initiative's version when the schedule was made
	From, To Quarter
	Reason   string
}

// Stay is an initiative the scheduler could have moved but did not place
// within the horizon: it stays where it is, for the reason given.
type Stay struct {
	ID     int64
	Reason string
}

// Schedule is what the scheduler proposes: the moves, what stays and why,
// the projected levels at the end of the horizon before and after, and the
// plan with the moves applied with the warnings it still has.
type Schedule struct {
	Options ScheduleOptions
	// Moves are in quarter order, then in the order they were placed.
	Moves []Move
	// Stays are in id order.
	Stays []Stay
	// Before and After are the projected levels at the end of the
	// horizon's last quarter, of the roadmap as it is and of Plan.
	Before, After Levels
	// Plan is the roadmap with the moves applied (its Capacity kept).
	Plan *Roadmap
	// Warnings are Plan.Check(Options.Today).
	Warnings []Warning
}

// Quarters returns the quarters the schedule may place into, in order.
func (o ScheduleOptions) Quarters() []Quarter {
	out := make([]Quarter, 0, o.Horizon)
	for q, i := o.From, 0; i < o.Horizon; q, i = q.Next(), i+1 {
		out = append(out, q)
	}
	return out
}

// Check refuses options the scheduler cannot use: a first quarter that
// is not one, a horizon outside 1..MaxHorizon, or one that runs past the
// last quarter a plan may have.
func (o ScheduleOptions) Check() error {
	if o.From.IsBacklog() || o.From.Year < minYear || o.From.Year > maxYear || o.From.Q < 1 || o.From.Q > 4 {
		return fmt.Errorf("invalid first quarter %q: want one from %d-Q1 to %d-Q4", o.From.Label(), minYear, maxYear)
	}
	if o.Horizon < 1 || o.Horizon > MaxHorizon {
		return fmt.Errorf("invalid horizon %d: want a number of quarters from 1 to %d", o.Horizon, MaxHorizon)
	}
	if last := o.From.index() + o.Horizon - 1; last > (Quarter{Year: maxYear, Q: 4}).index() {
		return fmt.Errorf("invalid horizon %d: from %s it runs past %d-Q4", o.Horizon, o.From, maxYear)
	}
	return nil
}

// Schedule places the eligible initiatives into quarters from opt.From on,
// quarter by quarter, and says why each landed where it did. Eligible are
// the planned initiatives in the backlog and, with IncludePlanned, the
// planned ones that have a quarter; done, in-progress and dropped ones
// never move. Every placed initiative has each dependency done or in an
// earlier quarter, each prerequisite reached by the end of the previous
// quarter in the projection of the resulting plan, and fits the capacity
// of its quarter for the team and for each owner with a figure (one
// bigger than a whole quarter goes alone into one with nothing else
// booked). Among those that can go into a quarter, the one that unlocks
// the longest chain of levels goes first, then the lower level, then the
// lower id. What cannot be placed within the horizon stays where it is,
// with its reason. The same roadmap and options give the same schedule.
// The error is only for options that Check refuses.
func (r *Roadmap) Schedule(opt ScheduleOptions) (*Schedule, error) {
	if err := opt.Check(); err != nil {
		return nil, err
	}
	before := r.Project(opt.Today)
	s := newScheduler(r, opt, before)
	// An eligible initiative with a quarter that cannot be placed stays in
	// its quarter, where it books capacity and reaches its level: it is
	// pinned there and the rest is placed again around it, until none is
	// left over (toPin). Each round pins at least one more, so this ends.
	stays := map[int64]string{}
	for {
		run := s.run()
		plan, moves := s.plan(run)
		after := plan.Project(opt.Today)
		pin := s.toPin(run)
		if len(pin) == 0 {
			out := &Schedule{Options: opt, Moves: moves, Plan: plan,
				Before: levelsAtEnd(before, s.last()), After: levelsAtEnd(after, s.last())}
			for _, i := range s.free {
				if run.at[i] < 0 {
					stays[r.Initiatives[i].ID] = s.stayReason(run, after, i)
				}
			}
			for id, why := range stays {
				out.Stays = append(out.Stays, Stay{ID: id, Reason: why})
			}
			slices.SortFunc(out.Stays, func(a, b Stay) int { return cmp.Compare(a.ID, b.ID) })
			out.Warnings = plan.CheckWith(opt.Today, after)
			return out, nil
		}
		for _, i := range pin {
			stays[r.Initiatives[i].ID] = s.stayReason(run, after, i)
		}
		s.pin(pin)
	}
}

// levelsAtEnd returns the projected levels at the end of quarter q: those
// reached now when the projection starts after q.
func levelsAtEnd(p Projection, q Quarter) Levels {
	if lv := p.LevelsAt(q); lv != nil {
		return lv
	}
	return p.Now
}

// scheduler holds what every round of placing needs: the roadmap, the
// horizon, the levels' starting point and what may move.
type scheduler struct {
	r       *Roadmap
	opt     ScheduleOptions
	qs      []Quarter
	base    Levels
	waits   *waits
	blocked levelMask
	// free are the eligible initiatives not pinned, as indexes into
	// r.Initiatives, in the order they are offered to a quarter.
	free []int
	// movable marks the indexes in free.
	movable []bool
	// chain is the length of the longest chain of levels each level
	// unlocks (chainLengths).
	chain [][MaxLevel + 1]int
	cost  []cost // per index into r.Initiatives, for the free ones
}

// cost is the effort an initiative books: the whole for the team, share
// for each owner (by ownerKey).
type cost struct {
	effort float64
	share  float64
	owners []string
}

func newScheduler(r *Roadmap, opt ScheduleOptions, p Projection) *scheduler {
	s := &scheduler{r: r, opt: opt, qs: opt.Quarters(), base: r.baseline(), waits: p.waits,
		movable: make([]bool, len(r.Initiatives)), chain: r.Model.chainLengths(), cost: make([]cost, len(r.Initiatives))}
	if p.waits != nil {
		s.blocked = p.waits.blocked
	}
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		if in.Status != Planned || !in.Quarter.IsBacklog() && !opt.IncludePlanned {
			continue
		}
		s.free = append(s.free, i)
		s.movable[i] = true
		names, share := in.OwnerShares()
		c := cost{effort: in.Effort.Value, share: share}
		for _, o := range names {
			c.owners = append(c.owners, ownerKey(o))
		}
		s.cost[i] = c
	}
	slices.SortStableFunc(s.free, s.offerOrder)
	return s
}

// pin makes the initiatives fixed where they are.
func (s *scheduler) pin(idx []int) {
	for _, i := range idx {
		s.movable[i] = false
	}
	s.free = slices.DeleteFunc(s.free, func(i int) bool { return !s.movable[i] })
}

func (s *scheduler) last() Quarter { return s.qs[len(s.qs)-1] }

// round is the outcome of one round of placing.
type round struct {
	// at is the horizon position each free initiative was placed at, -1
	// when it was not; ready the first position where its dependencies
	// and prerequisites allowed it, -1 when none did.
	at, ready []int
	// atEnd[k] are the levels at the end of the quarter before qs[k]
	// (atEnd[0]: before the horizon; atEnd[len(qs)]: at its end).
	atEnd []Levels
	loads []quarterLoad
	alone []bool // per index: placed alone, being bigger than a quarter
}

// run places the free initiatives, quarter by quarter.
func (s *scheduler) run() *round {
	r, m := s.r, s.r.Model
	n := len(r.Initiatives)
	rd := &round{at: make([]int, n), ready: make([]int, n), atEnd: make([]Levels, len(s.qs)+1), alone: make([]bool, n)}
	for i := range rd.at {
		rd.at[i], rd.ready[i] = -1, -1
	}
	rd.loads = s.fixedLoads()

	// The fixed work (everything scheduled and unfinished that does not
	// move) reaches its levels at the end of its quarter, as in the
	// projection.
	type work struct{ q, d, level int }
	var fixed []work
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		if s.movable[i] || r.dom[i] < 0 || in.Level < 1 || in.Level > MaxLevel || in.Status.Finished() || in.Quarter.IsBacklog() {
			continue
		}
		fixed = append(fixed, work{in.Quarter.index(), r.dom[i], in.Level})
	}
	slices.SortFunc(fixed, func(a, b work) int { return cmp.Compare(a.q, b.q) })
	t := r.tally()
	next := 0
	for ; next < len(fixed) && fixed[next].q < s.qs[0].index(); next++ {
		t[fixed[next].d][fixed[next].level].done++
	}
	rd.atEnd[0] = m.reach(s.base, t, s.blocked)

	offer := slices.Clone(s.free)
	for k, q := range s.qs {
		lv := rd.atEnd[k]
		kept := offer[:0]
		for _, i := range offer {
			if rd.ready[i] < 0 && s.allows(rd, i, k, lv) {
				rd.ready[i] = k
			}
			if rd.ready[i] >= 0 {
				if alone, ok := rd.loads[k].take(s.cost[i]); ok {
					rd.at[i], rd.alone[i] = k, alone
					in := &r.Initiatives[i]
					t[r.dom[i]][in.Level].done++
					continue
				}
			}
			kept = append(kept, i)
		}
		offer = kept
		for ; next < len(fixed) && fixed[next].q == q.index(); next++ {
			t[fixed[next].d][fixed[next].level].done++
		}
		rd.atEnd[k+1] = m.reach(s.base, t, s.blocked)
	}
	return rd
}

// allows reports whether initiative i may go into the horizon's quarter k,
// the levels at the end of the quarter before being lv: every dependency
// done or in an earlier quarter, every prerequisite reached.
func (s *scheduler) allows(rd *round, i, k int, lv Levels) bool {
	r := s.r
	d, in := r.dom[i], &r.Initiatives[i]
	if d < 0 || in.Level < 1 || in.Level > MaxLevel {
		return false
	}
	for _, j := range r.depsOf(i) {
		if s.depBlocks(rd, int(j), k) {
			return false
		}
	}
	return r.Model.met(lv, d, in.Level)
}

// depBlocks reports whether dependency j (an index, -1 for an unknown id)
// keeps an initiative out of the horizon's quarter k.
func (s *scheduler) depBlocks(rd *round, j, k int) bool {
	if j < 0 {
		return true
	}
	dep := &s.r.Initiatives[j]
	switch {
	case dep.Status == Done:
		return false
	case dep.Status == Dropped || s.waits.stuckOn(j):
		return true
	case s.movable[j]:
		return rd.at[j] < 0 || rd.at[j] >= k
	}
	return dep.Quarter.IsBacklog() || !dep.Quarter.Before(s.qs[k])
}

// plan applies the round's placements to the roadmap and lists them as
// moves, in quarter order and then in the order they were placed.
func (s *scheduler) plan(rd *round) (*Roadmap, []Move) {
	r := s.r
	type placed struct{ k, order, i int }
	var ps []placed
	for order, i := range s.free {
		if k := rd.at[i]; k >= 0 && r.Initiatives[i].Quarter != s.qs[k] {
			ps = append(ps, placed{k, order, i})
		}
	}
	slices.SortFunc(ps, func(a, b placed) int {
		if c := cmp.Compare(a.k, b.k); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	moves := make([]Move, len(ps))
	put := make([]Initiative, len(ps))
	for n, p := range ps {
		in := r.Initiatives[p.i]
		moves[n] = Move{ID: in.ID, Version: in.Version, From: in.Quarter, To: s.qs[p.k], Reason: s.moveReason(rd, p.i)}
		in.Quarter = s.qs[p.k]
		put[n] = in
	}
	return r.With(put, nil), moves
}
