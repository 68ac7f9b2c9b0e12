package roadmap

import (
	"strconv"
	"testing"
)

// effort returns in with an effort and, when given, an owner.
func effort(in Initiative, e float64, owner ...string) Initiative {
	in.Effort = Effort{Value: e, Set: true}
	if len(owner) > 0 {
		in.Owner = owner[0]
	}
	return in
}

// caps builds capacity figures: "default" or a quarter, an owner ("" for
// the team) and the effort.
func caps(figs ...CapacityFigure) *Capacity { return NewCapacity(figs) }

// scheduled runs the scheduler from 2027-Q1 over horizon quarters, with
// today 2027-Q1, and fails the test on an error.
func scheduled(t *testing.T, r *Roadmap, horizon int, includePlanned bool) *Schedule {
	t.Helper()
	s, err := r.Schedule(ScheduleOptions{From: qtr("2027-Q1"), Horizon: horizon, IncludePlanned: includePlanned, Today: qtr("2027-Q1")})
	if err != nil {
		t.Fatalf("Schedule: %v", err)
	}
	return s
}

// placements lists the moves as "#id→quarter", in the schedule's order.
func placements(s *Schedule) []string {
	var out []string
	for _, mv := range s.Moves {
		out = append(out, "#"+strconv.FormatInt(mv.ID, 10)+"→"+mv.To.String())
	}
	return out
}

func TestSchedulePlacesByTheRules(t *testing.T) {
	all1 := map[string]int{"standardization": 1, "automation": 1, "governance": 1, "observability": 1}
	cases := []struct {
		name     string
		r        *Roadmap
		horizon  int
		planned  bool
		want     []string          // the moves, in order
		reasons  map[int64]string  // a move's reason, by id
		stays    map[int64]string  // what stays, with its reason
		unmoved  []int64           // ids that must not move
		wantFrom map[int64]Quarter // a move's From, by id
	}{
		{
			name: "a chain across domains goes quarter by quarter, each level after its prerequisites",
			r: newRoadmap(all1,
				ini(1, "governance", 2, Planned, ""),
				ini(2, "automation", 2, Planned, ""),
				ini(3, "standardization", 2, Planned, ""),
				ini(4, "automation", 3, Planned, ""),
				ini(5, "observability", 2, Planned, "")),
			horizon: 4,
			want:    []string{"#3→2027-Q1", "#1→2027-Q1", "#5→2027-Q1", "#2→2027-Q2", "#4→2027-Q3"},
			reasons: map[int64]string{
				3: "ready from the first quarter",
				2: "needs standardization ≥ 2 (Templated), reached in 2027-Q1",
				4: "needs automation ≥ 2 (Self-Service), reached in 2027-Q2",
			},
		},
		{
			name: "a quarter takes what fits its capacity and the rest goes later",
			r: func() *Roadmap {
				r := newRoadmap(nil,
					effort(ini(1, "observability", 1, Planned, ""), 6),
					effort(ini(2, "observability", 1, Planned, ""), 6),
					effort(ini(3, "observability", 1, Planned, ""), 4))
				r.Capacity = caps(CapacityFigure{Effort: 10})
				return r
			}(),
			horizon: 4,
			want:    []string{"#1→2027-Q1", "#3→2027-Q1", "#2→2027-Q2"},
			reasons: map[int64]string{2: "2027-Q1 full (10/10)"},
		},
		{
			name: "fixed work books capacity: a quarter with 8 of 10 booked has no room for 4",
			r: func() *Roadmap {
				r := newRoadmap(nil,
					effort(ini(1, "observability", 1, Planned, "2027-Q1"), 8),
					effort(ini(2, "observability", 1, Done, "2027-Q2"), 10),
					effort(ini(3, "governance", 1, Planned, ""), 4))
				r.Capacity = caps(CapacityFigure{Effort: 10})
				return r
			}(),
			horizon: 4,
			want:    []string{"#3→2027-Q3"},
			reasons: map[int64]string{3: "2027-Q1 full (8/10, 2 free); 2027-Q2 full (10/10)"},
		},
		{
			name: "an initiative bigger than a quarter goes alone into the first empty one",
			r: func() *Roadmap {
				r := newRoadmap(nil,
					effort(ini(1, "observability", 1, Planned, ""), 4),
					effort(ini(2, "observability", 1, Planned, ""), 15),
					effort(ini(3, "observability", 1, Planned, ""), 1),
					effort(ini(4, "observability", 1, Planned, ""), 9))
				r.Capacity = caps(CapacityFigure{Effort: 10})
				return r
			}(),
			horizon: 4,
			want:    []string{"#1→2027-Q1", "#3→2027-Q1", "#2→2027-Q2", "#4→2027-Q3"},
			reasons: map[int64]string{
				2: "2027-Q1 has 5 of 10 booked, and it needs a quarter alone (15 > 10); bigger than a whole quarter (15 > 10): placed alone",
				4: "2027-Q1 full (5/10, 5 free); 2027-Q2 full (15/10)",
			},
		},
		{
			name: "a quarter with a capacity of 0 takes no effort, only work without one",
			r: func() *Roadmap {
				r := newRoadmap(nil,
					effort(ini(1, "observability", 1, Planned, ""), 4, "sam"),
					ini(2, "observability", 1, Planned, ""),
					effort(ini(3, "governance", 1, Planned, ""), 2, "sam"))
				r.Capacity = caps(CapacityFigure{Effort: 10}, CapacityFigure{Quarter: qtr("2027-Q1"), Effort: 0},
					CapacityFigure{Quarter: qtr("2027-Q2"), Owner: "sam", Effort: 0})
				return r
			}(),
			horizon: 4,
			want:    []string{"#2→2027-Q1", "#1→2027-Q3", "#3→2027-Q3"},
			reasons: map[int64]string{1: "2027-Q1 has no capacity (0); sam in 2027-Q2 has no capacity (0)"},
		},
		{
			name: "an owner's capacity counts their share of shared work",
			r: func() *Roadmap {
				r := newRoadmap(nil,
					effort(ini(1, "observability", 1, Planned, ""), 4, "sam"),
					effort(ini(2, "observability", 1, Planned, ""), 4, "Sam, kim"),
					effort(ini(3, "observability", 1, Planned, ""), 3, "kim"))
				r.Capacity = caps(CapacityFigure{Effort: 100}, CapacityFigure{Owner: "sam", Effort: 5})
				return r
			}(),
			horizon: 4,
			want:    []string{"#1→2027-Q1", "#3→2027-Q1", "#2→2027-Q2"},
			reasons: map[int64]string{2: "Sam full in 2027-Q1 (4/5, 1 free)"},
		},
		{
			name: "without capacity everything ready goes into the first quarter",
			r: newRoadmap(nil,
				effort(ini(1, "observability", 1, Planned, ""), 400),
				effort(ini(2, "standardization", 1, Planned, ""), 400),
				ini(3, "governance", 1, Planned, "")),
			horizon: 1,
			want:    []string{"#2→2027-Q1", "#1→2027-Q1", "#3→2027-Q1"},
		},
		{
			name: "the longest chain of levels goes first, then the lower level, then the lower id",
			r: func() *Roadmap {
				r := newRoadmap(map[string]int{"standardization": 1},
					effort(ini(1, "standardization", 2, Planned, ""), 1), // chain 3, level 2
					effort(ini(2, "observability", 1, Planned, ""), 1),   // chain 3, level 1
					effort(ini(3, "governance", 1, Planned, ""), 1),      // chain 3, level 1
					effort(ini(4, "automation", 1, Planned, ""), 1))      // chain 3, level 1
				r.Capacity = caps(CapacityFigure{Effort: 1})
				return r
			}(),
			horizon: 4,
			want:    []string{"#2→2027-Q1", "#3→2027-Q2", "#4→2027-Q3", "#1→2027-Q4"},
		},
		{
			name: "a dependency goes in an earlier quarter, a fixed one too",
			r: newRoadmap(nil,
				ini(1, "observability", 1, Planned, ""),
				ini(2, "observability", 1, Planned, "", 1),
				ini(3, "governance", 1, Planned, "2027-Q2"),
				ini(4, "governance", 1, Planned, "", 3),
				ini(5, "governance", 1, Done, "2026-Q1"),
				ini(6, "governance", 1, Planned, "", 5)),
			horizon: 4,
			want:    []string{"#1→2027-Q1", "#6→2027-Q1", "#2→2027-Q2", "#4→2027-Q3"},
			reasons: map[int64]string{
				2: `waits for #1 "Initiative 1", placed in 2027-Q1`,
				4: `waits for #3 "Initiative 3", scheduled in 2027-Q2`,
			},
		},
		{
			name: "done, in-progress, dropped and (without include-planned) planned work never moves",
			r: newRoadmap(nil,
				ini(1, "observability", 1, InProgress, ""),
				ini(2, "observability", 1, Done, ""),
				ini(3, "observability", 1, Dropped, ""),
				ini(4, "observability", 1, Planned, "2028-Q1"),
				ini(5, "governance", 1, Planned, "", 1),
				ini(6, "governance", 1, Planned, "", 3),
				ini(7, "governance", 1, Planned, "", 99)),
			horizon: 4,
			unmoved: []int64{1, 2, 3, 4},
			stays: map[int64]string{
				5: `depends on #1 "Initiative 1", which is in-progress and not scheduled`,
				6: `depends on #3 "Initiative 3", which was dropped`,
				7: `depends on #99, which does not exist`,
			},
		},
		{
			name: "with include-planned a planned initiative with a quarter moves to the first it may have",
			r: newRoadmap(nil,
				ini(1, "observability", 1, Planned, "2028-Q1"),
				ini(2, "observability", 1, InProgress, "2028-Q2")),
			horizon:  4,
			planned:  true,
			want:     []string{"#1→2027-Q1"},
			wantFrom: map[int64]Quarter{1: qtr("2028-Q1")},
			unmoved:  []int64{2},
		},
		{
			name: "a deadlock stays, naming the other side",
			r: newRoadmap(map[string]int{"standardization": 2, "automation": 2, "governance": 1, "observability": 2},
				ini(1, "governance", 2, Planned, "", 2),
				ini(2, "automation", 3, Planned, "")),
			horizon: 4,
			stays: map[int64]string{
				1: `in a deadlock with #2 "Initiative 2"`,
				2: `in a deadlock with #1 "Initiative 1"`,
			},
		},
		{
			name: "a horizon too short leaves the end of a chain where it is",
			r: newRoadmap(nil,
				ini(1, "observability", 1, Planned, ""),
				ini(2, "observability", 1, Planned, "", 1),
				ini(3, "observability", 1, Planned, "", 2),
				ini(4, "observability", 2, Planned, ""),
				ini(5, "observability", 3, Planned, "")),
			horizon: 2,
			want:    []string{"#1→2027-Q1", "#2→2027-Q2"},
			stays: map[int64]string{
				3: `depends on #2 "Initiative 2", which is placed in 2027-Q2, the last quarter of the horizon`,
				4: `needs observability ≥ 1 (Metrics), never reached (#3 "Initiative 3" is in the backlog)`,
				5: `needs observability ≥ 2 (Centralized), never reached (#4 "Initiative 4" is in the backlog); needs standardization ≥ 2 (Templated), never reached (no initiative targets it)`,
			},
		},
		{
			name: "a prerequisite reached only in the horizon's last quarter is too late for it",
			r: newRoadmap(nil,
				ini(1, "standardization", 1, Planned, ""),
				ini(2, "standardization", 2, Planned, "")),
			horizon: 1,
			want:    []string{"#1→2027-Q1"},
			stays:   map[int64]string{2: "needs standardization ≥ 1 (Version-Controlled), reached only in 2027-Q1"},
		},
		{
			name: "a prerequisite that no quarter reaches keeps its initiative in the backlog",
			r: newRoadmap(nil,
				ini(1, "automation", 1, Planned, "")),
			horizon: 3,
			stays: map[int64]string{
				1: "needs standardization ≥ 1 (Version-Controlled), never reached (no initiative targets it)",
			},
		},
		{
			name: "quarters without room are counted after the first three",
			r: func() *Roadmap {
				r := newRoadmap(nil,
					effort(ini(1, "observability", 1, Planned, "2027-Q1"), 1),
					effort(ini(2, "observability", 1, Planned, "2027-Q2"), 1),
					effort(ini(3, "observability", 1, Planned, "2027-Q3"), 1),
					effort(ini(4, "observability", 1, Planned, "2027-Q4"), 1),
					effort(ini(5, "observability", 1, Planned, "2028-Q1"), 1),
					effort(ini(6, "observability", 1, Planned, ""), 1))
				r.Capacity = caps(CapacityFigure{Effort: 1})
				return r
			}(),
			horizon: 5,
			stays: map[int64]string{
				6: "ready from 2027-Q1, but no quarter up to 2028-Q1 had room: 2027-Q1 full (1/1); 2027-Q2 full (1/1); 2027-Q3 full (1/1); 2 more quarters without room, up to 2028-Q1",
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := scheduled(t, c.r, c.horizon, c.planned)
			mustEqual(t, "moves", placements(s), c.want)
			for _, mv := range s.Moves {
				if want, ok := c.reasons[mv.ID]; ok && mv.Reason != want {
					t.Errorf("reason of #%d:\n got  %s\n want %s", mv.ID, mv.Reason, want)
				}
				if want, ok := c.wantFrom[mv.ID]; ok && mv.From != want {
					t.Errorf("#%d moved from %v, want %v", mv.ID, mv.From, want)
				}
			}
			stays := map[int64]string{}
			for _, st := range s.Stays {
				stays[st.ID] = st.Reason
			}
			for id, want := range c.stays {
				if got, ok := stays[id]; !ok || got != want {
					t.Errorf("stay of #%d:\n got  %q\n want %q", id, got, want)
				}
			}
			for _, id := range c.unmoved {
				before, _ := c.r.Get(id)
				after, _ := s.Plan.Get(id)
				if after.Quarter != before.Quarter {
					t.Errorf("#%d moved from %s to %s", id, before.Quarter.Label(), after.Quarter.Label())
				}
			}
		})
	}
}

func TestScheduleKeepsWhatCannotBePlacedInItsQuarterAndPlansAroundIt(t *testing.T) {
	r := newRoadmap(nil,
		effort(ini(1, "automation", 1, Planned, "2027-Q1"), 8), // needs standardization 1, which nothing targets
		effort(ini(2, "governance", 1, Planned, ""), 4))
	r.Capacity = caps(CapacityFigure{Effort: 10})
	s := scheduled(t, r, 4, true)
	mustEqual(t, "moves", placements(s), []string{"#2→2027-Q2"})
	mustEqual(t, "reason", s.Moves[0].Reason, "2027-Q1 full (8/10, 2 free)")
	mustEqual(t, "stays", s.Stays, []Stay{{ID: 1, Reason: "needs standardization ≥ 1 (Version-Controlled), never reached (no initiative targets it)"}})
	if in, _ := s.Plan.Get(1); in.Quarter != qtr("2027-Q1") {
		t.Errorf("#1 moved to %s", in.Quarter.Label())
	}
}

func TestScheduleRefusesBadOptions(t *testing.T) {
	r := newRoadmap(nil, ini(1, "observability", 1, Planned, ""))
	cases := []struct {
		name string
		opt  ScheduleOptions
		want string
	}{
		{"no first quarter", ScheduleOptions{Horizon: 4}, `invalid first quarter "backlog": want one from 1970-Q1 to 2999-Q4`},
		{"a horizon of 0", ScheduleOptions{From: qtr("2027-Q1")}, "invalid horizon 0: want a number of quarters from 1 to 40"},
		{"a horizon of 41", ScheduleOptions{From: qtr("2027-Q1"), Horizon: 41}, "invalid horizon 41: want a number of quarters from 1 to 40"},
		{"a horizon past the last year", ScheduleOptions{From: qtr("2999-Q3"), Horizon: 3}, "invalid horizon 3: from 2999-Q3 it runs past 2999-Q4"},
		{"a first quarter out of range", ScheduleOptions{From: Quarter{Year: 2027, Q: 5}, Horizon: 1}, `invalid first quarter "2027-Q5": want one from 1970-Q1 to 2999-Q4`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := r.Schedule(c.opt)
			if !errIs(err, c.want) || s != nil {
				t.Errorf("got %v, %v; want error %q", s, errText(err), c.want)
			}
		})
	}
	if _, err := r.Schedule(ScheduleOptions{From: qtr("2999-Q4"), Horizon: 1}); err != nil {
		t.Errorf("the last quarter alone: %v", err)
	}
}

func TestMoveText(t *testing.T) {
	r := newRoadmap(nil, titled(ini(12, "automation", 3, Planned, ""), "Argo CD for all clusters"))
	mv := Move{ID: 12, To: qtr("2027-Q3"), Reason: "needs governance ≥ 2 (Static Checks), reached in 2027-Q2"}
	mustEqual(t, "from the backlog", mv.Text(r), `#12 "Argo CD for all clusters" → 2027-Q3: needs governance ≥ 2 (Static Checks), reached in 2027-Q2`)
	mv.From = qtr("2027-Q1")
	mustEqual(t, "from a quarter", mv.Text(r), `#12 "Argo CD for all clusters" 2027-Q1 → 2027-Q3: needs governance ≥ 2 (Static Checks), reached in 2027-Q2`)
	mv.ID = 99
	mustEqual(t, "an unknown id", mv.Text(r), `#99 2027-Q1 → 2027-Q3: needs governance ≥ 2 (Static Checks), reached in 2027-Q2`)
	mustEqual(t, "a stay", Stay{ID: 12, Reason: "why"}.Text(r), `#12 "Argo CD for all clusters" stays in the backlog: why`)
}

func TestScheduleMovesWhatOnlyWaitedForWorkThatStaysInItsQuarter(t *testing.T) {
	// #2 cannot be placed (its dependency was dropped) and keeps 2027-Q2;
	// #3 needs the level #2 reaches there, so it goes after it rather than
	// stay beside it.
	r := newRoadmap(nil,
		ini(1, "observability", 1, Dropped, ""),
		ini(2, "observability", 1, Planned, "2027-Q2", 1),
		ini(3, "observability", 2, Planned, "2027-Q2"))
	s := scheduled(t, r, 4, true)
	mustEqual(t, "moves", placements(s), []string{"#3→2027-Q3"})
	mustEqual(t, "reason", s.Moves[0].Reason, "needs observability ≥ 1 (Metrics), reached in 2027-Q2")
	mustEqual(t, "stays", s.Stays, []Stay{{ID: 2, Reason: `depends on #1 "Initiative 1", which was dropped`}})
}
