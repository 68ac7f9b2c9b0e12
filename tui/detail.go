package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"maturity/roadmap"
	"maturity/store"
)

// detailTitle is the detail's title.
const detailTitle = "Detail"

type detailKeys struct {
	moveKeys
	Close key.Binding
	// scrollHelp stands for up and down in the short help.
	scrollHelp key.Binding
}

func (k detailKeys) ShortHelp() []key.Binding { return []key.Binding{k.scrollHelp, k.Close} }

// FullHelp lists the scroll keys even while the whole pane shows, saying
// so: the help names every key of the pane, and the keys do nothing then.
func (k detailKeys) FullHelp() [][]key.Binding {
	keys := k.vertical()
	descs := []string{"scroll up", "scroll down", "page up", "page down", "top", "bottom"}
	out := make([]key.Binding, 0, len(keys)+1)
	for i, b := range keys {
		desc := descs[i]
		if !b.Enabled() {
			desc += " (all in view)"
		}
		out = append(out, key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc)))
	}
	return [][]key.Binding{append(out, k.Close)}
}

// detail is the pane about one initiative, opened over the active view by
// enter: its fields, its description, its dependencies and the
// initiatives that depend on it, its prerequisites and whether it is
// ready, its warnings in full and its last history entries, in the
// sentences the command line's show uses. The root's keys act on it (e
// edit, s start, D delete…); ↑/↓ scroll it, esc closes it. It is not one
// of the tabs: the root holds it as its overlay.
//
// Like every view it does no I/O: the root reads the history
// (readHistory) and hands it over in a historyMsg.
type detail struct {
	styles        *Styles
	keys          detailKeys
	id            int64
	snap          *snapshot
	in            *roadmap.Initiative // nil once the snapshot has it no more
	width, height int
	// dependents and warnings are of in, found once per snapshot: each is
	// a pass over the whole roadmap.
	dependents []int64
	warnings   []roadmap.Warning

	history     []store.Event
	historyErr  error
	historyRead bool

	// lines is the whole pane drawn for the width, made again when what
	// it shows changes, never for a frame; top is the first one shown.
	lines []string
	top   int
}

func newDetail(s *Styles, id int64) *detail {
	return &detail{styles: s, id: id, keys: detailKeys{
		moveKeys:   newMoveKeys(),
		Close:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		scrollHelp: key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "scroll")),
	}}
}

func (d *detail) Title() string     { return detailTitle }
func (d *detail) Badge() string     { return "" }
func (d *detail) Keys() help.KeyMap { return d.keys }
func (d *detail) Typing() bool      { return false }

// Selected returns the initiative the detail is about, or nil once it is
// gone.
func (d *detail) Selected() *roadmap.Initiative { return d.in }

// SetSize sets the area the pane draws in.
func (d *detail) SetSize(w, h int) {
	d.width, d.height = w, h
	d.render()
}

// SetSnapshot shows the initiative as the new roadmap has it.
func (d *detail) SetSnapshot(s *snapshot) {
	d.snap = s
	d.in, _ = s.r.Get(d.id)
	d.dependents, d.warnings = nil, nil
	if d.in != nil {
		d.dependents = s.r.Dependents(d.id)
		for _, w := range s.warnings {
			if w.Subject.ID() == d.id {
				d.warnings = append(d.warnings, w)
			}
		}
	}
	d.render()
}

// Update scrolls, asks the root to close the pane, and takes the history
// the root read.
func (d *detail) Update(msg tea.Msg) (view, tea.Cmd) {
	switch msg := msg.(type) {
	case historyMsg:
		if msg.id == d.id {
			d.history, d.historyErr, d.historyRead = msg.events, msg.err, true
			d.render()
		}
	case tea.BackgroundColorMsg:
		d.render() // in the new styles
	case tea.KeyPressMsg:
		k := d.keys
		page := max(d.visible()-1, 1)
		switch {
		case key.Matches(msg, k.Close):
			return d, intent(closeMsg{})
		case key.Matches(msg, k.Up):
			d.top--
		case key.Matches(msg, k.Down):
			d.top++
		case key.Matches(msg, k.PageUp):
			d.top -= page
		case key.Matches(msg, k.PageDown):
			d.top += page
		case key.Matches(msg, k.Home):
			d.top = 0
		case key.Matches(msg, k.End):
			d.top = len(d.lines)
		}
		d.clamp()
	}
	return d, nil
}

// visible is how many lines of the pane show: all of the height, less a
// line that says what is above and below when it does not all fit.
func (d *detail) visible() int {
	if len(d.lines) <= d.height {
		return d.height
	}
	return max(d.height-1, 1)
}

// clamp keeps the scroll position in range, and the scroll keys enabled
// only when there is something to scroll.
func (d *detail) clamp() {
	d.top = min(max(d.top, 0), max(len(d.lines)-d.visible(), 0))
	on := len(d.lines) > d.height
	for _, b := range []*key.Binding{&d.keys.Up, &d.keys.Down, &d.keys.PageUp, &d.keys.PageDown, &d.keys.Home, &d.keys.End, &d.keys.scrollHelp} {
		b.SetEnabled(on)
	}
}

// View draws the lines that fit, and where the others are.
func (d *detail) View() string {
	if len(d.lines) <= d.height {
		return strings.Join(d.lines, "\n")
	}
	end := min(d.top+d.visible(), len(d.lines))
	var where []string
	if d.top > 0 {
		where = append(where, fmt.Sprintf("↑ %d more", d.top))
	}
	if end < len(d.lines) {
		where = append(where, fmt.Sprintf("↓ %d more", len(d.lines)-end))
	}
	foot := d.styles.Muted.Render(truncate(strings.Join(where, " · ")+" · ↑↓ scroll", d.width))
	return strings.Join(d.lines[d.top:end], "\n") + "\n" + foot
}

// render draws the whole pane for the width.
func (d *detail) render() {
	defer d.clamp()
	d.lines = nil
	if d.snap == nil || d.in == nil || d.width <= 0 {
		return
	}
	st, s, in := d.styles, d.snap, d.in
	r, m := s.r, s.r.Model
	p := roadmap.Printable
	w := d.width
	var out []string
	// para wraps text to the width, after indent spaces (and mark, in
	// their place, on the first line), in style.
	para := func(indent int, mark, text string, style lipgloss.Style) {
		lines := strings.Split(wrapWords(text, max(w-indent, 1)), "\n")
		for i, l := range lines {
			lead := strings.Repeat(" ", indent)
			if i == 0 && mark != "" {
				lead = pad(mark, indent)
			}
			out = append(out, lead+style.Render(l))
		}
	}
	plain := lipgloss.NewStyle()
	section := func(title string) { out = append(out, "", st.Header.Render(title)) }
	none := func() { out = append(out, "  "+st.Muted.Render("none")) }

	para(0, "", fmt.Sprintf("#%d %s", in.ID, p(in.Title)), st.Title)
	status := string(in.Status)
	if s.ready[in.ID] {
		status += " ✓ ready"
	}
	fields := []string{
		st.Domain(s.domainIndex(in)).Render(m.LevelTitle(in.Domain, in.Level)),
		in.Quarter.Label(),
		statusMark(st, in.Status) + " " + status,
	}
	if in.Owner != "" {
		fields = append(fields, "owner "+p(in.Owner))
	}
	if in.Effort.Set {
		fields = append(fields, "effort "+in.Effort.String())
	}
	// The fields wrap between them, not inside one that would fit.
	line := ""
	for _, f := range fields {
		switch {
		case line == "":
			line = f
		case lipgloss.Width(line+" · "+f) <= w:
			line += " · " + f
		default:
			para(0, "", line, plain)
			line = "· " + f
		}
	}
	para(0, "", line, plain)

	if in.Description != "" {
		section("Description")
		for _, l := range strings.Split(in.Description, "\n") {
			para(2, "", p(l), plain)
		}
	}

	refs := func(title string, ids []int64) {
		section(title)
		if len(ids) == 0 {
			none()
		}
		for _, id := range ids {
			if dep, ok := r.Get(id); ok {
				para(4, "  "+statusMark(st, dep.Status), p(dep.RefStatus()), plain)
			} else {
				para(4, "  ?", fmt.Sprintf("#%d, which does not exist", id), st.Error)
			}
		}
	}
	refs("Depends on", in.DependsOn)
	refs("Needed by", d.dependents)

	section("Prerequisites of " + m.LevelTitle(in.Domain, in.Level))
	needs := r.Needs(in, s.state.Levels)
	if len(needs) == 0 {
		none()
	}
	for _, n := range needs {
		mark, style := "  "+st.Error.Render("✗"), st.Error
		if n.Met() {
			mark, style = "  "+st.OK.Render("✓"), plain
		}
		para(4, mark, m.DescribeLevel(n.Prerequisite)+", "+m.NeedState(n), style)
	}
	if ready := r.ReadyText(in, s.state.Levels); ready != "" {
		section("Ready to mark done")
		para(2, "", p(ready), plain)
	}

	ws := d.warnings
	section(fmt.Sprintf("Warnings (%d)", len(ws)))
	if len(ws) == 0 {
		none()
	}
	for _, x := range ws {
		sev := st.Warning.Render("warning")
		if x.Severity == roadmap.SeverityError {
			sev = st.Error.Render("error")
		}
		out = append(out, "  "+sev+" "+st.Bold.Render(x.Code))
		para(4, "", p(x.Message()), plain)
	}

	section("History (latest first)")
	switch {
	case d.historyErr != nil:
		para(2, "", p("cannot read the history: "+d.historyErr.Error()), st.Error)
	case !d.historyRead:
		out = append(out, "  "+st.Muted.Render("reading the history…"))
	case len(d.history) == 0:
		none()
	}
	for _, e := range d.history {
		para(4, "  •", p(e.Text()), plain)
	}
	d.lines = out
}

// openDetail opens the detail of an initiative over the active view, and
// reads its history.
func (m *Model) openDetail(in *roadmap.Initiative) tea.Cmd {
	d := newDetail(&m.styles, in.ID)
	d.SetSize(m.width, m.bodyHeight())
	d.SetSnapshot(m.snap)
	m.overlay = d
	return m.readHistory()
}

// closeOverlay closes the overlay, if one is open, and selects its
// initiative in the view now on screen: esc goes back to where the user
// was, a view's number opens that view on the initiative.
func (m *Model) closeOverlay() tea.Cmd {
	if m.overlay == nil {
		return nil
	}
	in := m.overlay.Selected()
	m.overlay = nil
	if in == nil {
		return nil
	}
	var cmd tea.Cmd
	m.views[m.active], cmd = m.views[m.active].Update(selectMsg{in.ID})
	return cmd
}

// actionsIn returns the action keys as they work in v (actionKeys.in); on
// the overlay, enter, which opened it, opens nothing more.
func (m *Model) actionsIn(v view) actionKeys {
	a := m.actions.in(v)
	if m.overlay != nil && v == m.overlay {
		a.Open.SetEnabled(false)
	}
	return a
}
