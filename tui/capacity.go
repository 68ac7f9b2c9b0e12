package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"maturity/roadmap"
)

// capacityTitle is the capacity view's title.
const capacityTitle = "Capacity"

type capacityKeys struct {
	moveKeys
	// Show opens the board at the selected quarter, narrowed to the
	// selected person.
	Show key.Binding
	// Plan opens the schedule preview (schedule.go).
	Plan key.Binding
	// selectHelp stands for the arrows in the short help.
	selectHelp key.Binding
}

func (k capacityKeys) ShortHelp() []key.Binding { return []key.Binding{k.selectHelp, k.Show, k.Plan} }
func (k capacityKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(k.moveKeys.all(), k.Show, k.Plan)}
}

// capacityView is the capacity view: a row per quarter from the current
// one to the last one planned, a column for the team and one per person,
// each cell what is booked against the capacity that applies (!
// when over), and under them what the selected cell holds.
type capacityView struct {
	styles        *Styles
	keys          capacityKeys
	snap          *snapshot
	width, height int

	quarters []roadmap.Quarter // the rows
	people   []string          // the columns after the team's
	rows     scroll            // over quarters
	col      int               // the selected column: 0 the team, i people[i-1]
	left     int               // the first person's column drawn

	// Computed once per snapshot (a frame at 100k initiatives must not
	// go through the warnings): loads[r][c] is the load of quarter r in
	// column c (0 the team's), over[r][c] the index+1 of its
	// over-capacity warning, widths[c] the column's width.
	loads  [][]roadmap.Load
	over   [][]int
	widths []int
}

func newCapacityView(s *Styles) *capacityView {
	return &capacityView{styles: s, keys: capacityKeys{
		moveKeys:   newMoveKeys(),
		Show:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show on the roadmap")),
		Plan:       planKey(),
		selectHelp: selectHelp(),
	}}
}

func (v *capacityView) Title() string                 { return capacityTitle }
func (v *capacityView) Badge() string                 { return "" }
func (v *capacityView) Keys() help.KeyMap             { return v.keys }
func (v *capacityView) Typing() bool                  { return false }
func (v *capacityView) Selected() *roadmap.Initiative { return nil }

// SetSize sets the area the view draws in.
func (v *capacityView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.clamp()
}

// SetSnapshot shows the bookings of a new roadmap, the cursor staying on
// the same quarter and person while they are still shown.
func (v *capacityView) SetSnapshot(s *snapshot) {
	q, who := v.selection()
	v.snap = s
	v.quarters = v.quarters[:0]
	for _, c := range s.columns {
		if !c.Before(s.today) {
			v.quarters = append(v.quarters, c)
		}
	}
	v.people = nil
	for _, p := range s.people {
		for _, c := range v.quarters {
			if b := s.booking(c); b != nil {
				if _, ok := b.Person(p); ok {
					v.people = append(v.people, p)
					break
				}
			}
		}
	}
	v.measure()
	if !q.IsBacklog() {
		v.focus(selectKeyMsg{quarter: q.String(), owner: who})
	}
	v.clamp()
}

// measure computes the cells, their warnings and the columns' widths.
func (v *capacityView) measure() {
	s := v.snap
	cols := 1 + len(v.people)
	v.loads = make([][]roadmap.Load, len(v.quarters))
	v.over = make([][]int, len(v.quarters))
	row := map[string]int{}
	for r, q := range v.quarters {
		row[q.String()] = r
		v.loads[r] = make([]roadmap.Load, cols)
		v.over[r] = make([]int, cols)
		for c := range cols {
			who := ""
			if c > 0 {
				who = v.people[c-1]
			}
			v.loads[r][c], _ = s.load(q, who)
		}
	}
	for i, w := range s.warnings {
		if w.Subject.Kind != roadmap.SubjectQuarter || w.Code != roadmap.CodeOverCapacity && w.Code != roadmap.CodeOwnerOverCapacity {
			continue
		}
		r, ok := row[w.Subject.Key]
		if !ok {
			continue
		}
		for c := range cols {
			if c == 0 && w.Code == roadmap.CodeOverCapacity ||
				c > 0 && w.Code == roadmap.CodeOwnerOverCapacity && roadmap.HasOwner(v.people[c-1], w.Subject.Owner) {
				v.over[r][c] = i + 1
			}
		}
	}
	v.widths = make([]int, cols)
	for c := range cols {
		w := len("team")
		if c > 0 {
			w = lipgloss.Width(roadmap.Printable(v.people[c-1]))
		}
		for r := range v.quarters {
			w = max(w, lipgloss.Width(cellText(v.loads[r][c])))
		}
		v.widths[c] = w + 1 // and the mark before it
	}
}

// selection returns the quarter and the person (or "" for the team) of
// the selected cell; the zero Quarter when there is none.
func (v *capacityView) selection() (roadmap.Quarter, string) {
	if v.rows.cursor >= len(v.quarters) {
		return roadmap.Quarter{}, ""
	}
	who := ""
	if v.col > 0 && v.col <= len(v.people) {
		who = v.people[v.col-1]
	}
	return v.quarters[v.rows.cursor], who
}

// focus puts the cursor on the quarter and the person msg names (the
// team's column when it names no one shown).
func (v *capacityView) focus(msg selectKeyMsg) {
	for i, q := range v.quarters {
		if q.String() == msg.quarter {
			v.rows.cursor = i
		}
	}
	v.col = 0
	for i, p := range v.people {
		if msg.owner != "" && roadmap.HasOwner(p, msg.owner) {
			v.col = i + 1
		}
	}
	v.clamp()
}

// Update moves the cursor and asks the root to show the selected quarter
// on the board.
func (v *capacityView) Update(msg tea.Msg) (view, tea.Cmd) {
	switch msg := msg.(type) {
	case selectKeyMsg:
		v.focus(msg)
		return v, nil
	case tea.KeyPressMsg:
		if v.snap == nil {
			return v, nil
		}
		switch {
		case key.Matches(msg, v.keys.Plan):
			return v, planSchedule(v.styles, v.snap, func() int { return v.height })
		case key.Matches(msg, v.keys.Show):
			q, who := v.selection()
			return v, intent(showMsg{view: boardTitle, key: selectKeyMsg{quarter: q.String(), owner: who}})
		case key.Matches(msg, v.keys.Left):
			v.col--
		case key.Matches(msg, v.keys.Right):
			v.col++
		default:
			v.rows.move(msg, v.keys.moveKeys, len(v.quarters), v.visibleRows())
		}
		v.clamp()
	}
	return v, nil
}

// detailLines is the most lines the selected cell's detail takes.
const detailLines = 4

// visibleRows is how many quarters fit: the view less its summary, the
// column headers, and the detail under a blank line.
func (v *capacityView) visibleRows() int { return max(v.height-3-detailLines, 1) }

// clamp keeps the cursor on a cell and its column drawn.
func (v *capacityView) clamp() {
	v.rows.clamp(len(v.quarters), v.visibleRows())
	v.col = min(max(v.col, 0), len(v.people))
	v.keys.Show.SetEnabled(len(v.quarters) > 0)
	if v.snap == nil || v.width <= 0 {
		return
	}
	if v.col > 0 && v.col-1 < v.left {
		v.left = v.col - 1
	}
	for v.left < len(v.people)-1 && v.col > v.left+v.drawnPeople() {
		v.left++
	}
	v.left = min(max(v.left, 0), max(len(v.people)-1, 0))
}

// cell returns the load of row r in column c (0 the team's).
func (v *capacityView) cell(r, c int) roadmap.Load { return v.loads[r][c] }

// cellText is a cell as plain text: "22/30 8 free", "41/30 ! 11 over",
// or what is booked alone when no capacity applies.
func cellText(l roadmap.Load) string {
	booked := roadmap.FormatEffort(l.Booked)
	switch {
	case !l.Limited:
		return booked
	case l.Over():
		return booked + "/" + roadmap.FormatEffort(l.Capacity) + " ! " + roadmap.FormatEffort(-l.Free()) + " over"
	}
	return booked + "/" + roadmap.FormatEffort(l.Capacity) + " " + roadmap.FormatEffort(l.Free()) + " free"
}

// cellGap is the room between two columns; each cell starts with one more
// cell, for the mark of the selected one.
const cellGap = 1

// quarterWidth is the width of the quarters' column, the selection bar
// included.
func (v *capacityView) quarterWidth() int {
	w := len("quarter")
	for _, q := range v.quarters {
		w = max(w, lipgloss.Width(v.quarterLabel(q)))
	}
	return w + 2
}

func (v *capacityView) quarterLabel(q roadmap.Quarter) string {
	if q == v.snap.today {
		return q.Label() + " (now)"
	}
	return q.Label()
}

// columnWidth is the width of column c (0 the team's): its widest cell or
// header, and the mark before it.
func (v *capacityView) columnWidth(c int) int { return v.widths[c] }

// notEstimatedHead heads the column that counts the initiatives booked
// without an effort.
const notEstimatedHead = "not est."

// drawnPeople is how many people's columns fit from left on.
func (v *capacityView) drawnPeople() int {
	used := v.quarterWidth() + cellGap + v.columnWidth(0) + cellGap + 1 + len(notEstimatedHead)
	if v.left > 0 {
		used += 2 // "←"
	}
	n := 0
	for c := v.left + 1; c <= len(v.people); c++ {
		used += cellGap + v.columnWidth(c)
		arrow := 0
		if c < len(v.people) {
			arrow = 2 // "→": more follow
		}
		// The first one is drawn even when cut.
		if used+arrow > v.width && n > 0 {
			break
		}
		n++
	}
	return n
}

// View draws the summary, the grid and the selected cell's detail.
func (v *capacityView) View() string {
	st, s := v.styles, v.snap
	if s == nil {
		return ""
	}
	var b strings.Builder
	if s.r.Capacity.Empty() {
		b.WriteString(st.Muted.Render(truncate("No capacity set yet: try `"+v.snap.hintCommand("capacity set default 30")+"`", v.width)))
	} else {
		b.WriteString(st.Muted.Render(truncate("Effort booked / capacity per quarter · ! over · enter shows it on the roadmap", v.width)))
	}
	b.WriteString("\n")
	drawn := v.drawnPeople()
	qw := v.quarterWidth()
	head := pad("  quarter", qw) + strings.Repeat(" ", cellGap) + pad(" team", v.columnWidth(0)) +
		strings.Repeat(" ", cellGap) + " " + notEstimatedHead
	if v.left > 0 {
		head += " ←"
	}
	for c := v.left + 1; c <= v.left+drawn; c++ {
		head += strings.Repeat(" ", cellGap) + " " + pad(truncate(roadmap.Printable(v.people[c-1]), v.columnWidth(c)-1), v.columnWidth(c)-1)
	}
	if v.left+drawn < len(v.people) {
		head += " →"
	}
	b.WriteString(st.Header.Render(truncate(head, v.width)))
	start, end := v.rows.window(len(v.quarters), v.visibleRows())
	for r := start; r < end; r++ {
		b.WriteString("\n")
		b.WriteString(truncate(v.row(r, drawn), v.width))
	}
	b.WriteString("\n")
	for _, l := range v.detail() {
		b.WriteString("\n")
		b.WriteString(l)
	}
	return b.String()
}

// row draws quarter r: the selection bar on the selected one, the
// selected cell marked with ▸.
func (v *capacityView) row(r, drawn int) string {
	st, s := v.styles, v.snap
	q := v.quarters[r]
	selected := r == v.rows.cursor
	gutter := "  "
	if selected {
		gutter = st.Info.Render("▌ ")
	}
	line := gutter + pad(v.quarterLabel(q), v.quarterWidth()-2)
	cellAt := func(c int) string {
		l := v.cell(r, c)
		text := pad(cellText(l), v.columnWidth(c)-1)
		mark := " "
		if selected && c == v.col {
			mark = "▸"
			text = st.Selected.Render(text)
		} else if l.Over() {
			text = st.Warning.Render(text)
		} else if !l.Limited {
			text = st.Muted.Render(text)
		}
		return strings.Repeat(" ", cellGap) + mark + text
	}
	line += cellAt(0)
	n := 0
	if b := s.booking(q); b != nil {
		n = len(b.NotEstimated)
	}
	count := pad(strconv.Itoa(n), len(notEstimatedHead))
	if n == 0 {
		count = st.Muted.Render(count)
	}
	line += strings.Repeat(" ", cellGap) + " " + count
	if v.left > 0 {
		line += "  "
	}
	for c := v.left + 1; c <= v.left+drawn; c++ {
		line += cellAt(c)
	}
	return line
}

// detail says what the selected cell holds, in at most detailLines
// lines: the over-capacity warning when it is over (the largest
// contributors with it), else the largest contributors; and what is
// booked there without an effort.
func (v *capacityView) detail() []string {
	st, s := v.styles, v.snap
	q, who := v.selection()
	if q.IsBacklog() {
		return nil
	}
	r, c := v.rows.cursor, v.col
	l := v.cell(r, c)
	type para struct {
		text  string
		style lipgloss.Style
	}
	var text []para
	name := "the team"
	if who != "" {
		name = roadmap.Printable(who)
	}
	if i := v.over[r][c]; i > 0 {
		text = append(text, para{"! " + roadmap.Printable(s.warnings[i-1].Message()), st.Warning})
	} else if len(l.Initiatives) > 0 {
		text = append(text, para{q.Label() + ", " + name + ": " + v.shares(l.Initiatives), lipgloss.NewStyle()})
	} else {
		text = append(text, para{q.Label() + ", " + name + ": no effort booked", st.Muted})
	}
	if b := s.booking(q); b != nil {
		var ids []int64
		for _, id := range b.NotEstimated {
			if in, ok := s.r.Get(id); ok && (who == "" || roadmap.HasOwner(in.Owner, who)) {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			text = append(text, para{"not estimated: " + v.refs(ids), st.Muted})
		}
	}
	var out []string
	for _, t := range text {
		for _, l := range strings.Split(wrapWords(t.text, v.width), "\n") {
			out = append(out, t.style.Render(l))
		}
	}
	if len(out) > detailLines {
		out = out[:detailLines]
		out[detailLines-1] = truncate(out[detailLines-1]+" …", v.width)
	}
	return out
}

// shownRefs is how many initiatives a detail names before "and N more".
const shownRefs = 3

// shares names the largest contributors with their effort.
func (v *capacityView) shares(shares []roadmap.Share) string {
	var parts []string
	for i, sh := range shares {
		if i == shownRefs {
			return strings.Join(parts, ", ") + " and " + strconv.Itoa(len(shares)-shownRefs) + " more"
		}
		parts = append(parts, v.ref(sh.ID)+" "+roadmap.FormatEffort(sh.Effort))
	}
	return strings.Join(parts, ", ")
}

// refs names initiatives.
func (v *capacityView) refs(ids []int64) string {
	var parts []string
	for i, id := range ids {
		if i == shownRefs {
			return strings.Join(parts, ", ") + " and " + strconv.Itoa(len(ids)-shownRefs) + " more"
		}
		parts = append(parts, v.ref(id))
	}
	return strings.Join(parts, ", ")
}

func (v *capacityView) ref(id int64) string {
	if in, ok := v.snap.r.Get(id); ok {
		return roadmap.Printable(in.Ref())
	}
	return "#" + strconv.FormatInt(id, 10)
}
