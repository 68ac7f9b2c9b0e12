package roadmap

import (
	"slices"
	"time"
)

// Assessed is an assessment as the level history needs it: a domain was
// judged to be at a level at a time.
type Assessed struct {
	Domain string
	Level  int
	At     time.Time
}

// LevelDate says when a level of a domain was reached, or when the plan
// expects it.
type LevelDate struct {
	// Reached is set when the level is reached now; At is when it was
	// last reached (zero for level 0 and for levels reached before any
	// dated event), and Assessed whether an assessment, rather than a
	// finished initiative, reached it.
	Reached  bool
	At       time.Time
	Assessed bool
	// Expected is when the plan reaches a level not reached yet.
	Expected Reach
}

// LevelDates works out, for every domain (model order) and level, when it
// was reached: it replays the completion times of the done initiatives and
// the assessments in time order, recomputing the levels after each moment,
// and keeps for each level the last moment it became reached. A domain's
// evidenced level (when an assessment is attached) counts from its newest
// answer, or from the start when only metric values support it; the
// baseline at each moment is the higher of the two, as Baselines says.
// Levels not reached now get the quarter the projection expects them in.
func (r *Roadmap) LevelDates(assessed []Assessed, p Projection) [][MaxLevel + 1]LevelDate {
	m := r.Model
	type event struct {
		at       time.Time
		domain   int
		level    int
		assess   bool
		evidence bool
	}
	var events []event
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		if d := r.dom[i]; d >= 0 && in.Status == Done {
			events = append(events, event{at: in.DoneAt, domain: d, level: in.Level})
		}
	}
	for _, a := range assessed {
		if d, ok := m.index[a.Domain]; ok && a.Level >= 0 && a.Level <= MaxLevel {
			events = append(events, event{at: a.At, domain: d, level: a.Level, assess: true})
		}
	}
	if a := r.Assessment; a != nil {
		for d, de := range a.Domains {
			if de.Evidenced > 0 {
				events = append(events, event{at: de.Newest, domain: d, level: de.Evidenced, assess: true, evidence: true})
			}
		}
	}
	slices.SortStableFunc(events, func(a, b event) int { return a.at.Compare(b.at) })

	// Totals are today's: a level counts as reached at a moment only if
	// all of today's initiatives for it were done by then.
	t := r.tally()
	for d := range t {
		for l := range t[d] {
			t[d][l].done = 0
		}
	}
	base := make(Levels, len(m.Domains))
	manual, evidenced := make(Levels, len(m.Domains)), make(Levels, len(m.Domains))
	out := make([][MaxLevel + 1]LevelDate, len(m.Domains))
	lv := m.reach(base, t, nil)
	mark := func(at time.Time, byAssessment []bool) {
		for d := range out {
			for l := 0; l <= MaxLevel; l++ {
				switch {
				case l <= lv[d] && !out[d][l].Reached:
					out[d][l] = LevelDate{Reached: true, At: at, Assessed: byAssessment[d]}
				case l > lv[d]:
					out[d][l] = LevelDate{}
				}
			}
		}
	}
	mark(time.Time{}, make([]bool, len(m.Domains)))
	for i := 0; i < len(events); {
		at := events[i].at
		assessedNow := make([]bool, len(m.Domains))
		for ; i < len(events) && events[i].at.Equal(at); i++ {
			e := events[i]
			switch {
			case e.evidence:
				evidenced[e.domain] = e.level
			case e.assess:
				manual[e.domain] = e.level
			}
			if e.assess {
				base[e.domain] = max(manual[e.domain], evidenced[e.domain])
				assessedNow[e.domain] = true
			} else {
				t[e.domain][e.level].done++
			}
		}
		lv = m.reach(base, t, nil)
		mark(at, assessedNow)
	}
	for d := range out {
		for l := 0; l <= MaxLevel; l++ {
			if !out[d][l].Reached {
				out[d][l].Expected = p.When(d, l)
			}
		}
	}
	return out
}
