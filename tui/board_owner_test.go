package tui

import (
	"slices"
	"strings"
	"testing"

	"maturity/roadmap"
)

// TestBoardNarrowsToEachOwnerInTurn: O shows the initiatives of the next
// person alone (every owner of an initiative, and whoever has a capacity
// figure, in name order), the tab and the status say whose, each header
// counts that person's booking against their capacity; after the last,
// everyone's again.
func TestBoardNarrowsToEachOwnerInTurn(t *testing.T) {
	h := demoHarness(t)
	r := h.reload()
	// sam and kim share #14; zoe has a figure and no initiative.
	r = edited(t, r, 14, func(in *roadmap.Initiative) { in.Owner = "sam, kim" })
	r.Capacity = roadmap.NewCapacity([]roadmap.CapacityFigure{figure("", "sam", 2), figure("", "zoe", 5)})
	h.show(r)
	h.view(boardTitle)
	all := h.boardIDs()

	var want []string
	for i := range r.Initiatives {
		want = append(want, roadmap.Owners(r.Initiatives[i].Owner)...)
	}
	want = append(want, "zoe")
	want = roadmap.Owners(strings.Join(want, ","))
	slices.SortFunc(want, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })

	for _, person := range want {
		h.press("O")
		if got := h.tab(); got != boardTitle+" ("+person+")" {
			t.Fatalf("the tab says %q, want the board narrowed to %s", got, person)
		}
		if !strings.Contains(h.statusText(), person+"'s initiatives") {
			t.Errorf("the status does not say the board shows %s's initiatives: %q", person, h.statusText())
		}
		var mine []int64
		for _, id := range all {
			if in, _ := h.shown(id); roadmap.HasOwner(in.Owner, person) {
				mine = append(mine, id)
			}
		}
		if got := h.boardIDs(); !slices.Equal(got, mine) {
			t.Errorf("narrowed to %s, the board shows %v, want %v", person, got, mine)
		}
	}
	h.press("O")
	if got := h.tab(); got != boardTitle {
		t.Errorf("after the last owner, the tab says %q, want everyone's board", got)
	}
	if got := h.boardIDs(); !slices.Equal(got, all) {
		t.Errorf("after the last owner, the board shows %v, want every card %v", got, all)
	}
}

// TestNarrowedHeadersShowThePersonsLoad: narrowed to one person, a
// header counts their share of each initiative (its effort split among
// its co-owners) against their own capacity, named; someone with a
// figure and nothing booked shows an empty bar.
func TestNarrowedHeadersShowThePersonsLoad(t *testing.T) {
	h := demoHarness(t)
	r := h.reload()
	r = edited(t, r, 14, func(in *roadmap.Initiative) { in.Owner = "sam, kim" })
	in14, _ := r.Get(14)
	effort := in14.Effort.Value
	r.Capacity = roadmap.NewCapacity([]roadmap.CapacityFigure{figure("", "sam", 1), figure("", "zoe", 5)})
	h.show(r)
	h.view(boardTitle)
	narrow := func(person string) {
		for range 20 {
			if h.tab() == boardTitle+" ("+person+")" {
				return
			}
			h.press("O")
		}
		t.Fatalf("O never narrows the board to %s", person)
	}
	cases := []struct{ person, want string }{
		{"kim", "kim " + roadmap.FormatEffort(effort/2) + " booked"},
		// Too long with the name: the tab names sam.
		{"sam", roadmap.FormatEffort(effort/2) + "/1 ▇▇▇▇▇▇▇▇ ! " + roadmap.FormatEffort(effort/2-1) + " over"},
		{"zoe", "zoe 0/5 ░░░░░░░░"},
	}
	for _, c := range cases {
		narrow(c.person)
		if got := h.boardHeader(in14.Quarter)[2]; got != c.want {
			t.Errorf("narrowed to %s, %s's header says %q, want %q", c.person, in14.Quarter.Label(), got, c.want)
		}
	}
	if got := h.boardHeader(roadmap.Backlog)[2]; got != "" {
		t.Errorf("the backlog's header says %q, want nothing", got)
	}
}

// TestOwnerKeyNeedsSomeone: on a roadmap without owners or figures there
// is no one to narrow to, and the help does not offer it; on the demo the
// full help does, and the help line says how to go on while narrowed.
func TestOwnerKeyNeedsSomeone(t *testing.T) {
	offers := func(h *harness) bool {
		for _, group := range h.helpKeys().FullHelp() {
			for _, b := range group {
				if b.Enabled() && b.Help().Key == "O" {
					return true
				}
			}
		}
		return false
	}
	h := newHarness(t, openStore(t), 120, 40)
	h.view(boardTitle)
	if offers(h) {
		t.Error("the help offers O without anyone to narrow to")
	}
	h.press("O")
	if got := h.tab(); got != boardTitle {
		t.Errorf("O on an empty roadmap narrowed the board: %q", got)
	}
	d := demoHarness(t)
	d.view(boardTitle)
	if !offers(d) {
		t.Error("the help does not offer O on the demo")
	}
	if strings.Contains(d.helpLine(), "O next owner") {
		t.Errorf("the help line offers the next owner before the board is narrowed: %s", d.helpLine())
	}
	d.press("O")
	if !strings.Contains(d.helpLine(), "O next owner") {
		t.Errorf("narrowed, the help line does not say how to go on: %s", d.helpLine())
	}
}
