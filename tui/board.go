package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"maturity/roadmap"
)

// boardTitle is the board's title.
const boardTitle = "Roadmap"

type boardKeys struct {
	moveKeys
	MoveEarlier, MoveLater key.Binding
	// ToBacklog moves the selected initiative to the backlog.
	ToBacklog key.Binding
	// Backlog puts the cursor in the backlog column or, from there, back
	// in the current quarter's; its help says which (see clamp).
	Backlog key.Binding
	// Owner narrows the board to the next owner in turn, then to
	// everyone again (board_owner.go); ownerHelp stands for it in the
	// short help while the board is narrowed, to say how to widen it.
	Owner, ownerHelp key.Binding
	// Plan opens the schedule preview (schedule.go).
	Plan key.Binding
	// selectHelp, moveHelp and backlogHelp stand for the arrows, for [ ]
	// and -, and for B in the short help.
	selectHelp, moveHelp, backlogHelp key.Binding
}

func (k boardKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.selectHelp, k.moveHelp, k.backlogHelp, k.ownerHelp}
}
func (k boardKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(k.moveKeys.all(), k.Backlog, k.MoveEarlier, k.MoveLater, k.ToBacklog, k.Owner, k.Plan)}
}

// board is the roadmap view: a column per quarter plus the backlog, each
// initiative a card. Only the columns and cards that fit are drawn.
type board struct {
	styles        *Styles
	keys          boardKeys
	snap          *snapshot
	width, height int

	quarters []roadmap.Quarter       // the columns; the backlog is the last, Backlog
	cols     [][]*roadmap.Initiative // cards per column, roadmap order
	col, row int                     // the selection
	left     int                     // first column drawn
	offset   []int                   // first card drawn, per column
	// owner is the one person whose initiatives the board shows, or ""
	// for everyone's (board_owner.go).
	owner string
}

// minColWidth is the narrowest a column gets, including its one-cell gap;
// the columns that fit share the width.
const minColWidth = 26

// cardHeight is the lines a card takes.
const cardHeight = 2

func newBoard(s *Styles) *board {
	return &board{styles: s, keys: boardKeys{
		moveKeys:    newMoveKeys(),
		MoveEarlier: key.NewBinding(key.WithKeys("[", "shift+left"), key.WithHelp("[", "move to earlier quarter")),
		MoveLater:   key.NewBinding(key.WithKeys("]", "shift+right"), key.WithHelp("]", "move to later quarter")),
		selectHelp:  selectHelp(),
		ToBacklog:   key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "move to the backlog")),
		Backlog:     key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "go to the backlog")),
		moveHelp:    key.NewBinding(key.WithKeys("[", "]", "-"), key.WithHelp("[ ] -", "move")),
		backlogHelp: key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "backlog")),
		Owner:       key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "one owner's initiatives, each in turn")),
		ownerHelp:   key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "next owner")),
		Plan:        planKey(),
	}}
}

func (b *board) Title() string     { return boardTitle }
func (b *board) Keys() help.KeyMap { return b.keys }
func (b *board) Typing() bool      { return false }

// SetSize sets the area the view draws in.
func (b *board) SetSize(w, h int) {
	b.width, b.height = w, h
	b.clamp()
}

// SetSnapshot rebuilds the columns, keeping the selected initiative
// selected when it still exists.
func (b *board) SetSnapshot(s *snapshot) {
	var keep int64
	if in := b.Selected(); in != nil {
		keep = in.ID
	}
	b.snap = s
	b.fill()
	if len(b.offset) != len(b.cols) {
		b.offset = make([]int, len(b.cols))
		b.col = b.todayColumn()
		b.row = 0
	}
	if keep != 0 {
		b.selectID(keep)
	}
	b.clamp()
}

// fill puts the cards in their columns: every initiative, or the owner's
// alone.
func (b *board) fill() {
	s := b.snap
	b.quarters = append(append([]roadmap.Quarter{}, s.columns...), roadmap.Backlog)
	b.cols = make([][]*roadmap.Initiative, len(b.quarters))
	ci := 0
	for _, in := range s.sorted {
		if b.owner != "" && !roadmap.HasOwner(in.Owner, b.owner) {
			continue
		}
		for ci < len(b.quarters)-1 && !in.Quarter.IsBacklog() && b.quarters[ci] != in.Quarter {
			ci++
		}
		if in.Quarter.IsBacklog() {
			ci = len(b.quarters) - 1
		}
		b.cols[ci] = append(b.cols[ci], in)
	}
}

// todayColumn is the column of the current quarter.
func (b *board) todayColumn() int {
	for i, q := range b.quarters {
		if q == b.snap.today {
			return i
		}
	}
	return 0
}

// Selected returns the initiative under the cursor, or nil.
func (b *board) Selected() *roadmap.Initiative {
	if b.col < 0 || b.col >= len(b.cols) || b.row < 0 || b.row >= len(b.cols[b.col]) {
		return nil
	}
	return b.cols[b.col][b.row]
}

// Column returns the quarter of the column the cursor is in
// (roadmap.Backlog for the backlog): the add form opened on the board
// proposes it.
func (b *board) Column() (roadmap.Quarter, bool) {
	if b.col < 0 || b.col >= len(b.quarters) {
		return roadmap.Quarter{}, false
	}
	return b.quarters[b.col], true
}

// selectID puts the cursor on an initiative.
func (b *board) selectID(id int64) {
	for c, col := range b.cols {
		for r, in := range col {
			if in.ID == id {
				b.col, b.row = c, r
				b.clamp()
				return
			}
		}
	}
}

// neighbour returns the quarter before or after an initiative's. From the
// backlog, earlier means the last quarter on the board; nothing is later.
func (b *board) neighbour(in *roadmap.Initiative, later bool) (roadmap.Quarter, bool) {
	if in.Quarter.IsBacklog() {
		if later || len(b.quarters) < 2 {
			return roadmap.Quarter{}, false
		}
		return b.quarters[len(b.quarters)-2], true
	}
	q := in.Quarter.Prev()
	if later {
		q = in.Quarter.Next()
	}
	return q, q != in.Quarter
}

func (b *board) visibleCols() int { return max(b.width/minColWidth, 1) }

// colWidth is the width of each column drawn, gap included.
func (b *board) colWidth() int { return max(b.width/b.visibleCols(), 8) }

// headHeight is the lines of a column's header: its title, the levels
// at its end, what it has booked, and the rule under them.
const headHeight = 4

func (b *board) visibleCards() int { return max((b.height-headHeight)/cardHeight, 1) }

// clamp keeps the selection and the scroll positions in range, and the
// keys that need a card enabled only while one is selected.
func (b *board) clamp() {
	b.scrollToSelection()
	on := b.Selected() != nil
	b.keys.MoveEarlier.SetEnabled(on)
	b.keys.MoveLater.SetEnabled(on)
	b.keys.ToBacklog.SetEnabled(on)
	b.keys.moveHelp.SetEnabled(on)
	b.keys.Owner.SetEnabled(b.snap != nil && (len(b.snap.people) > 0 || b.owner != ""))
	b.keys.ownerHelp.SetEnabled(b.owner != "")
	b.keys.Plan.SetEnabled(b.snap != nil)
	if b.onBacklog() {
		b.keys.Backlog.SetHelp("B", "back to the current quarter")
		b.keys.backlogHelp.SetHelp("B", "now")
	} else {
		b.keys.Backlog.SetHelp("B", "go to the backlog")
		b.keys.backlogHelp.SetHelp("B", "backlog")
	}
}

// onBacklog reports whether the cursor is in the backlog column.
func (b *board) onBacklog() bool { return len(b.cols) > 0 && b.col == len(b.cols)-1 }

// scrollToSelection keeps the selection in range and scrolls the columns
// and cards so that it is drawn.
func (b *board) scrollToSelection() {
	if len(b.cols) == 0 {
		return
	}
	b.col = min(max(b.col, 0), len(b.cols)-1)
	n := len(b.cols[b.col])
	b.row = min(max(b.row, 0), max(n-1, 0))
	if b.width <= 0 || b.height <= 0 {
		// Not drawn yet (the roadmap came before the terminal's size):
		// scrolling now would take one column and one card to fit, and
		// scroll the current quarter to the left edge. SetSize scrolls.
		return
	}
	vc := b.visibleCols()
	if b.col < b.left {
		b.left = b.col
	}
	if b.col >= b.left+vc {
		b.left = b.col - vc + 1
	}
	b.left = min(max(b.left, 0), max(len(b.cols)-vc, 0))
	vr := b.visibleCards()
	off := &b.offset[b.col]
	if b.row < *off {
		*off = b.row
	}
	if b.row >= *off+vr {
		*off = b.row - vr + 1
	}
	*off = min(max(*off, 0), max(n-vr, 0))
}

// Update moves the selection (between columns it keeps the row, as far
// as the column goes), and asks the root to move the selected card to the
// quarter before or after, or to the backlog.
func (b *board) Update(msg tea.Msg) (view, tea.Cmd) {
	var k tea.KeyPressMsg
	switch msg := msg.(type) {
	case selectMsg:
		b.selectID(msg.id)
		return b, nil
	case selectKeyMsg:
		b.showQuarter(msg)
		return b, nil
	case tea.KeyPressMsg:
		k = msg
	default:
		return b, nil
	}
	switch {
	case key.Matches(k, b.keys.MoveEarlier, b.keys.MoveLater):
		in := b.Selected()
		q, ok := b.neighbour(in, key.Matches(k, b.keys.MoveLater))
		if !ok {
			return b, intent(noteMsg{"nowhere further to move " + roadmap.Printable(in.Ref())})
		}
		return b, intent(moveMsg{id: in.ID, quarter: q, version: in.Version})
	case key.Matches(k, b.keys.ToBacklog):
		in := b.Selected()
		if in.Quarter.IsBacklog() {
			return b, intent(noteMsg{roadmap.Printable(in.Ref()) + " is already in the backlog"})
		}
		return b, intent(moveMsg{id: in.ID, quarter: roadmap.Backlog, version: in.Version})
	case key.Matches(k, b.keys.Owner):
		return b, b.nextOwner()
	case key.Matches(k, b.keys.Plan):
		return b, planSchedule(b.styles, b.snap, func() int { return b.height })
	case key.Matches(k, b.keys.Backlog) && len(b.cols) > 0:
		if b.onBacklog() {
			b.col = b.todayColumn()
		} else {
			b.col = len(b.cols) - 1
		}
	case key.Matches(k, b.keys.Up):
		b.row--
	case key.Matches(k, b.keys.Down):
		b.row++
	case key.Matches(k, b.keys.Left):
		b.col-- // the row stays: clamp keeps it in the column
	case key.Matches(k, b.keys.Right):
		b.col++
	case key.Matches(k, b.keys.PageUp):
		b.row -= b.visibleCards()
	case key.Matches(k, b.keys.PageDown):
		b.row += b.visibleCards()
	case key.Matches(k, b.keys.Home):
		b.row = 0
	case key.Matches(k, b.keys.End):
		b.row = len(b.cols[b.col]) - 1
	}
	b.clamp()
	return b, nil
}

// View draws the visible columns side by side.
func (b *board) View() string {
	if b.snap == nil || len(b.cols) == 0 {
		return ""
	}
	vc := min(b.visibleCols(), len(b.cols)-b.left)
	columns := make([][]string, vc)
	for i := 0; i < vc; i++ {
		columns[i] = b.column(b.left + i)
	}
	var out strings.Builder
	lines := b.height
	for l := 0; l < lines; l++ {
		for i := range columns {
			cell := ""
			if l < len(columns[i]) {
				cell = columns[i][l]
			}
			out.WriteString(pad(cell, b.colWidth()-1))
			out.WriteString(" ")
		}
		if l < lines-1 {
			out.WriteString("\n")
		}
	}
	return out.String()
}

// column draws one column: a header with the quarter, the projected
// levels at its end and what it has booked against its capacity, then
// the visible cards.
func (b *board) column(c int) []string {
	st, s := b.styles, b.snap
	w := b.colWidth() - 1
	q := b.quarters[c]
	title := q.Label()
	if q.IsBacklog() {
		title = "Backlog"
	}
	if q == s.today {
		title += " (now)"
	}
	title = fmt.Sprintf("%s · %d", title, len(b.cols[c]))
	// Every header is padded as the selected one's pill is, so that the
	// titles line up.
	head := st.Title.Padding(0, 1)
	if c == b.col {
		head = st.ActiveTab
	}
	lines := []string{head.Render(truncate(title, w-2))}
	levels := ""
	if c < len(s.colLevels) && s.colLevels[c] != nil {
		parts := make([]string, len(s.colLevels[c]))
		for d, l := range s.colLevels[c] {
			parts[d] = st.Domain(d).Render(fmt.Sprintf("%s%d", s.abbrev[d], l))
		}
		levels = strings.Join(parts, " ")
	} else if q.IsBacklog() {
		levels = st.Muted.Render("not scheduled")
	}
	load := ""
	if l, ok := s.load(q, b.owner); ok {
		load = b.ownerLoad(loadText(st, l), w-1)
	}
	// Indented as the title is by its padding, so the two line up.
	lines = append(lines, " "+truncate(levels, w-1), " "+truncate(load, w-1), b.rule(c, w))

	cards := b.cols[c]
	if len(cards) == 0 {
		return append(lines, st.Muted.Render("  (empty)"))
	}
	off := b.offset[c]
	end := min(off+b.visibleCards(), len(cards))
	for r := off; r < end; r++ {
		lines = append(lines, b.card(cards[r], c == b.col && r == b.row, w)...)
	}
	if off > 0 {
		lines[headHeight] = st.Muted.Render(pad(fmt.Sprintf("  ↑ %d more", off), w))
	}
	if end < len(cards) && len(lines) > headHeight+1 {
		lines[len(lines)-1] = st.Muted.Render(pad(fmt.Sprintf("  ↓ %d more", len(cards)-end), w))
	}
	return lines
}

// rule draws the line under column c's header, w cells wide. At the
// edges of the board it counts the columns scrolled out of view on that
// side: "← 2 more columns" on the left, "3 more columns →" on the right.
func (b *board) rule(c, w int) string {
	st := b.styles
	last := b.left + min(b.visibleCols(), len(b.cols)-b.left) - 1
	var left, right string
	if c == b.left && b.left > 0 {
		left = "← " + plural(b.left, "more column") + " "
	}
	if after := len(b.cols) - 1 - last; c == last && after > 0 {
		right = " " + plural(after, "more column") + " →"
	}
	line := strings.Repeat("─", max(w-lipgloss.Width(left+right), 0))
	// Both fit on one column from 34 cells: the board draws two from 52.
	return truncate(st.Muted.Render(left)+st.Faint.Render(line)+st.Muted.Render(right), w)
}

// card draws an initiative in two lines: id, status, title and warning
// mark; then its domain and level in the domain's colour.
func (b *board) card(in *roadmap.Initiative, selected bool, w int) []string {
	st, s := b.styles, b.snap
	d := s.domainIndex(in)
	mark := ""
	switch s.worst(in.ID) {
	case 2:
		mark = st.Error.Render(" ✖")
	case 1:
		mark = st.Warning.Render(" ⚠")
	}
	cursor := "  "
	if selected {
		cursor = st.Info.Render("▌ ")
	}
	id := fmt.Sprintf("#%d ", in.ID)
	titleW := w - 2 - lipgloss.Width(id) - 2 - lipgloss.Width(mark)
	title := truncate(roadmap.Printable(in.Title), titleW)
	line1 := cursor + st.Muted.Render(id) + statusMark(st, in.Status) + " " + title + mark
	badge := fmt.Sprintf("%s %d %s", in.Domain, in.Level, s.r.Model.LevelName(in.Domain, in.Level))
	line2 := cursor + st.Domain(d).Render(truncate(badge, w-2))
	if selected {
		return []string{st.SelectedCard.Render(pad(line1, w)), st.SelectedCard.Render(pad(line2, w))}
	}
	return []string{line1, line2}
}

// statusMark is a one-cell sign for a status.
func statusMark(st *Styles, s roadmap.Status) string {
	switch s {
	case roadmap.InProgress:
		return st.Info.Render("◐")
	case roadmap.Done:
		return st.OK.Render("●")
	case roadmap.Dropped:
		return st.Muted.Render("✕")
	}
	return st.Muted.Render("○")
}
