package tui

import (
	"strings"

	"maturity/roadmap"
)

// What the snapshot holds of capacity (roadmap.Bookings), and how a load
// is drawn: "28/30 ▇▇▇▇▇▇▇░" on the board's headers and in the capacity
// view.

// loads is the capacity side of a snapshot, computed once per snapshot.
type loads struct {
	// bookings[i] is what columns[i] has booked (roadmap.Bookings).
	bookings []roadmap.Booking
	// people are everyone the board can be narrowed to: the owners of
	// the initiatives and those with a capacity figure, each once, in
	// name order.
	people []string
}

// newLoads computes the bookings of the columns and the people of r.
func newLoads(r *roadmap.Roadmap, columns []roadmap.Quarter) loads {
	return loads{bookings: r.Bookings(columns), people: r.People()}
}

// booking returns what quarter q has booked, or nil for a quarter that
// is not a column (the backlog).
func (s *snapshot) booking(q roadmap.Quarter) *roadmap.Booking {
	for i := range s.bookings {
		if s.bookings[i].Quarter == q {
			return &s.bookings[i]
		}
	}
	return nil
}

// load returns what quarter q has booked against its capacity for the
// team (owner "") or for one person; ok is false for the backlog.
func (s *snapshot) load(q roadmap.Quarter, owner string) (roadmap.Load, bool) {
	b := s.booking(q)
	if b == nil {
		return roadmap.Load{}, false
	}
	if owner == "" {
		return b.Load, true
	}
	if p, ok := b.Person(owner); ok {
		return p.Load, true
	}
	var l roadmap.Load
	l.Capacity, l.Limited = s.r.Capacity.Of(q, owner)
	return l, true
}

// barWidth is the cells of a load's bar.
const barWidth = 8

// loadText draws a load: "28/30 ▇▇▇▇▇▇▇░" against a capacity, with
// "! 5 over" after it when over (a mark that reads without colour);
// "28 booked" when no capacity applies, "no effort booked" when nothing is.
func loadText(st *Styles, l roadmap.Load) string {
	booked := roadmap.FormatEffort(l.Booked)
	if !l.Limited {
		if l.Booked == 0 {
			return st.Muted.Render("no effort booked")
		}
		return booked + st.Muted.Render(" booked")
	}
	text := booked + "/" + roadmap.FormatEffort(l.Capacity) + " " + bar(st, l)
	if l.Over() {
		text += st.Warning.Render(" ! " + roadmap.FormatEffort(-l.Free()) + " over")
	}
	return text
}

// bar draws how full a capacity is in barWidth cells: full when over, at
// least one cell filled when anything is booked.
func bar(st *Styles, l roadmap.Load) string {
	filled := barWidth
	if !l.Over() && l.Capacity > 0 {
		filled = int(l.Booked/l.Capacity*barWidth + 0.5)
		if filled == 0 && l.Booked > 0 {
			filled = 1
		}
		filled = min(filled, barWidth)
	} else if !l.Over() {
		filled = 0
	}
	style := st.Info
	if l.Over() {
		style = st.Warning
	}
	return style.Render(strings.Repeat("▇", filled)) + st.Faint.Render(strings.Repeat("░", barWidth-filled))
}
