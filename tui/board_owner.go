package tui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"maturity/roadmap"
)

// The board narrowed to one owner: O shows only the initiatives of which
// the next person in turn is a co-owner (roadmap.HasOwner), the headers
// then counting that person's share of the effort against their capacity;
// after the last person, everyone's again. The tab names the person while
// the board is narrowed.

// Badge names the person the board is narrowed to, or nothing.
func (b *board) Badge() string { return roadmap.Printable(b.owner) }

// nextOwner narrows the board to the person after the current one
// (snapshot.people, in name order), or, after the last, to no one, and
// says so.
func (b *board) nextOwner() tea.Cmd {
	people := b.snap.people
	next := 0
	for i, p := range people {
		if roadmap.HasOwner(p, b.owner) {
			next = i + 1
		}
	}
	if b.owner != "" && next == 0 {
		next = len(people) // gone since: back to everyone
	}
	b.owner = ""
	if next < len(people) {
		b.owner = people[next]
	}
	keep := b.Selected()
	b.fill()
	if keep != nil {
		b.selectID(keep.ID)
	}
	b.clamp()
	if b.owner == "" {
		return intent(noteMsg{"the roadmap shows everyone's initiatives"})
	}
	return intent(noteMsg{"the roadmap shows " + roadmap.Printable(b.owner) + "'s initiatives and effort only; O for the next owner"})
}

// ownerLoad puts the person's name before their load when the board is
// narrowed, in w cells: the name is cut, or left out (the tab still
// names them), rather than the load.
func (b *board) ownerLoad(load string, w int) string {
	room := w - lipgloss.Width(load) - 1
	if b.owner == "" || room < 3 {
		return load
	}
	return b.styles.Bold.Render(truncate(roadmap.Printable(b.owner), room)) + " " + load
}

// showQuarter puts the cursor in the column of the quarter msg names,
// the board narrowed to the person it names, or to no one.
func (b *board) showQuarter(msg selectKeyMsg) {
	if msg.quarter == "" || b.snap == nil {
		return
	}
	if msg.owner != b.owner {
		b.owner = msg.owner
		b.fill()
	}
	for c, q := range b.quarters {
		if !q.IsBacklog() && q.String() == msg.quarter {
			b.col, b.row = c, 0
		}
	}
	b.clamp()
}
