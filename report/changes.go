package report

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"maturity/roadmap"
)

// ChangeKind says what a change did to an initiative.
type ChangeKind string

// The kinds of change a report lists. LevelReached is not an input: the
// report finds the levels reached from the roadmap itself.
const (
	Started      ChangeKind = "started"  // it went in progress
	Finished     ChangeKind = "done"     // it was marked done
	Dropped      ChangeKind = "dropped"  // it was dropped
	Reopened     ChangeKind = "reopened" // it went back to planned
	Moved        ChangeKind = "moved"    // its quarter changed
	Retargeted   ChangeKind = "retargeted"
	LevelReached ChangeKind = "level"
)

// Change is one recorded change to an initiative, as the history keeps
// it: the caller converts its own records into these.
type Change struct {
	At         time.Time
	Actor      string
	Initiative int64
	Kind       ChangeKind
	// From and To are the quarters of a move ("" for the backlog), the
	// statuses of a status change, the levels of a retarget.
	From, To string
	// Forced is set when the change overrode unmet prerequisites or
	// unfinished dependencies; Reason is then what the history keeps of
	// why.
	Forced bool
	Reason string
}

// ChangeLine is a change as the report lists it.
type ChangeLine struct {
	At     time.Time
	Kind   ChangeKind
	Actor  string // "" for a level reached
	Text   string // what happened, in a sentence without the date
	Forced bool
	Reason string
}

// Edit is an entry of the history that changed one field of an
// initiative, as the store records it: Forced when it overrode unmet
// prerequisites or unfinished dependencies, with the Reason kept.
type Edit struct {
	At         time.Time
	Actor      string
	Initiative int64
	Field      string // status, quarter, level, domain, title, …
	Old, New   string
	Forced     bool
	Reason     string
}

// ChangeOf returns the change a report lists for an edit: a status
// change, a move, a new level or domain, forced or not; ok is false for
// an edit it does not list (text, owner, effort, dependencies).
func ChangeOf(e Edit) (c Change, ok bool) {
	c = Change{At: e.At, Actor: e.Actor, Initiative: e.Initiative, From: e.Old, To: e.New, Forced: e.Forced, Reason: e.Reason}
	switch e.Field {
	case "status":
		c.Kind = ChangeKindFor(roadmap.Status(e.New))
	case "quarter":
		c.Kind = Moved
	case "level":
		c.Kind, c.From, c.To = Retargeted, "level "+e.Old, "level "+e.New
	case "domain":
		c.Kind = Retargeted
	}
	return c, c.Kind != ""
}

// ChangeKindFor returns the kind of a status change to status to: "" for
// a status no change of interest leads to.
func ChangeKindFor(to roadmap.Status) ChangeKind {
	switch to {
	case roadmap.InProgress:
		return Started
	case roadmap.Done:
		return Finished
	case roadmap.Dropped:
		return Dropped
	case roadmap.Planned:
		return Reopened
	}
	return ""
}

// changes makes the lines of the changes since since, with the levels
// reached since then, oldest first.
func changes(r *roadmap.Roadmap, in []Change, dates [][roadmap.MaxLevel + 1]roadmap.LevelDate, since time.Time) []ChangeLine {
	m := r.Model
	var out []ChangeLine
	// What was done comes before the level it reached at the same moment.
	for _, c := range in {
		if c.At.Before(since) {
			continue
		}
		ref := "#" + strconv.FormatInt(c.Initiative, 10)
		if x, ok := r.Get(c.Initiative); ok {
			ref = x.Ref()
		}
		out = append(out, ChangeLine{At: c.At, Kind: c.Kind, Actor: c.Actor, Text: ref + " " + c.verb(), Forced: c.Forced, Reason: c.Reason})
	}
	for d, dom := range m.Domains {
		for l := 1; l <= roadmap.MaxLevel; l++ {
			ld := dates[d][l]
			if !ld.Reached || ld.At.IsZero() || ld.At.Before(since) {
				continue
			}
			text := dom.Key + " reached " + Level{l, m.LevelName(dom.Key, l)}.Named()
			if ld.Assessed {
				text += " (by assessment)"
			}
			out = append(out, ChangeLine{At: ld.At, Kind: LevelReached, Text: text})
		}
	}
	slices.SortStableFunc(out, func(a, b ChangeLine) int { return cmp.Compare(a.At.UnixNano(), b.At.UnixNano()) })
	return out
}

// verb says what the change did: "was marked done", "moved from 2026-Q4
// to 2027-Q1".
func (c Change) verb() string {
	switch c.Kind {
	case Started:
		return "was started"
	case Finished:
		return "was marked done"
	case Dropped:
		return "was dropped"
	case Reopened:
		return "went back to planned (was " + c.From + ")"
	case Moved:
		return "moved from " + quarterText(c.From) + " to " + quarterText(c.To)
	case Retargeted:
		return "now targets " + c.To + " (was " + c.From + ")"
	}
	return "changed"
}

func quarterText(q string) string {
	if q == "" {
		return "the backlog"
	}
	return q
}

// Sentence writes the line whole, as the text outputs show it: "2026-10-02
// sam: #5 "Docs" was marked done, forced: the audit is booked (overrode:
// …)".
func (c ChangeLine) Sentence() string {
	s := c.At.Local().Format(time.DateOnly) + " "
	if c.Actor != "" {
		s += c.Actor + ": "
	}
	s += c.Text
	if c.Forced {
		s += ", forced: " + c.Reason
	}
	return s
}

// Count returns how many changes are of kind k.
func (rep *Report) Count(k ChangeKind) int {
	n := 0
	for _, c := range rep.Changes {
		if c.Kind == k {
			n++
		}
	}
	return n
}

// Forced returns the forced overrides among the changes.
func (rep *Report) Forced() []ChangeLine {
	var out []ChangeLine
	for _, c := range rep.Changes {
		if c.Forced {
			out = append(out, c)
		}
	}
	return out
}
