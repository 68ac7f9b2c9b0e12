package tui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"maturity/roadmap"
	"maturity/store"
)

// The schedule preview: P on the board or the capacity view asks the
// scheduler (roadmap.Schedule) what it would move, in a command off the
// key path, and shows it in a box over the view: each move with its
// reason, the levels before and after, what stays and why, the warnings
// left. It is a what-if: nothing is written until the user accepts it
// (enter or y), and then every move is applied at once through the store,
// which refuses them all if the roadmap changed since the preview was
// made (the version of the snapshot it was made from). esc discards it.

// planKey is the key that opens the preview, in the views that have it.
func planKey() key.Binding {
	return key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "schedule preview"))
}

// planSchedule returns the command that works out the schedule of the
// snapshot, from its current quarter, and asks the root to show it;
// height is the room the view has, which the box fits in.
func planSchedule(st *Styles, s *snapshot, height func() int) tea.Cmd {
	return func() tea.Msg {
		opt := roadmap.ScheduleOptions{From: s.today, Horizon: roadmap.DefaultHorizon, Today: s.today}
		sch, err := s.r.Schedule(opt)
		if err != nil {
			return noteMsg{"cannot work out a schedule: " + err.Error()}
		}
		return askMsg{dialog: newSchedulePreview(st, s, sch, height)}
	}
}

// schedulePreview is the box that shows a schedule and applies it on
// request.
type schedulePreview struct {
	styles *Styles
	snap   *snapshot // the roadmap the schedule was made from
	sch    *roadmap.Schedule
	height func() int
	keys   previewKeys
	top    int   // the first line of the body drawn
	denied error // why this dashboard may not apply it, or nil

	// lines is the body wrapped to width, made again when the width
	// changes.
	lines []string
	width int
}

type previewKeys struct {
	moveKeys
	Apply, Discard key.Binding
}

func newSchedulePreview(st *Styles, s *snapshot, sch *roadmap.Schedule, height func() int) *schedulePreview {
	p := &schedulePreview{styles: st, snap: s, sch: sch, height: height, keys: previewKeys{
		moveKeys: newMoveKeys(),
		Apply:    key.NewBinding(key.WithKeys("enter", "y"), key.WithHelp("enter/y", "apply")),
		Discard:  key.NewBinding(key.WithKeys("esc", "n", "q"), key.WithHelp("esc", "discard")),
	}}
	p.keys.Apply.SetEnabled(len(sch.Moves) > 0)
	return p
}

// readOnly leaves the preview a what-if for an identity that may not
// change the roadmap: it says why, and enter does nothing.
func (p *schedulePreview) readOnly(why error) {
	p.denied = why
	p.keys.Apply.SetEnabled(false)
}

func (p *schedulePreview) restyle()              {}
func (p *schedulePreview) failed(err error) bool { return false }

// Update scrolls, discards the preview, or applies it: the box closes and
// the root saves the moves, saying how it went in the status line.
func (p *schedulePreview) Update(msg tea.Msg) (dialog, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	page := p.bodyHeight()
	switch {
	case key.Matches(k, p.keys.Apply):
		return nil, intent(p.apply())
	case key.Matches(k, p.keys.Discard) && len(p.sch.Moves) == 0:
		return nil, nil
	case key.Matches(k, p.keys.Discard):
		return nil, intent(noteMsg{"schedule discarded: nothing was written"})
	case key.Matches(k, p.keys.Up):
		p.top--
	case key.Matches(k, p.keys.Down):
		p.top++
	case key.Matches(k, p.keys.PageUp):
		p.top -= page
	case key.Matches(k, p.keys.PageDown):
		p.top += page
	case key.Matches(k, p.keys.Home):
		p.top = 0
	case key.Matches(k, p.keys.End):
		p.top = len(p.lines)
	}
	p.top = min(max(p.top, 0), max(len(p.lines)-page, 0))
	return p, nil
}

// apply is the write of every move, refused as a whole when the roadmap
// changed since the snapshot the schedule was made from.
func (p *schedulePreview) apply() writeMsg {
	at, moves := p.snap.version, p.sch.Moves
	return writeMsg{op: func(ctx context.Context, st *store.Store) (func(*snapshot) string, error) {
		if _, err := st.ApplySchedule(ctx, at, moves); err != nil {
			if errors.Is(err, store.ErrScheduleStale) {
				// The store's sentence sends the user to the command line.
				err = errors.New("the roadmap changed since the preview was made; P makes a new one")
			}
			return nil, fmt.Errorf("the schedule was not applied, nothing was written: %w", err)
		}
		return func(*snapshot) string { return "applied the schedule: " + plural(len(moves), "move") }, nil
	}}
}

// previewWidth is the preview box's width, its border included, in a screen w wide.
func previewWidth(w int) int { return min(w, 100) }

// bodyHeight is the lines of the body the box shows: the room less the
// border, the title and the foot.
func (p *schedulePreview) bodyHeight() int { return max(p.height()-5-len(p.deniedLines()), 3) }

// deniedLines is why this dashboard may not apply the schedule, wrapped
// to the box; none when it may, or when there is nothing to apply.
func (p *schedulePreview) deniedLines() []string {
	if p.denied == nil || len(p.sch.Moves) == 0 {
		return nil
	}
	return strings.Split(wrapWords(p.denied.Error(), max(p.width, 20)), "\n")
}

// View draws the box: a title, the body from top, and the keys.
func (p *schedulePreview) View(width int) string {
	st := p.styles
	w := previewWidth(width)
	inner := w - 4
	if inner != p.width {
		p.width, p.lines = inner, p.body(inner)
	}
	h := p.bodyHeight()
	p.top = min(max(p.top, 0), max(len(p.lines)-h, 0))
	end := min(p.top+h, len(p.lines))
	var b strings.Builder
	b.WriteString(st.Title.Render(truncate("Schedule preview: nothing is written until you accept", inner)))
	b.WriteString("\n")
	b.WriteString(strings.Join(p.lines[p.top:end], "\n"))
	foot := "enter/y applies " + plural(len(p.sch.Moves), "move") + " · esc discards"
	switch {
	case len(p.sch.Moves) == 0:
		foot = "nothing to apply · esc closes"
	case p.denied != nil:
		foot = "a what-if only · esc closes"
	}
	if len(p.lines) > h {
		foot += fmt.Sprintf(" · ↑↓ %d–%d of %d", p.top+1, end, len(p.lines))
	}
	b.WriteString("\n\n")
	for _, l := range p.deniedLines() {
		b.WriteString(st.Error.Render(l) + "\n")
	}
	b.WriteString(st.Muted.Render(truncate(foot, inner)))
	return st.Modal.Width(w).Render(b.String())
}

// body is the preview's text wrapped to w cells: what the schedule covers,
// the moves, the levels before and after, what stays, the warnings left.
func (p *schedulePreview) body(w int) []string {
	st, sch, r := p.styles, p.sch, p.snap.r
	qs := sch.Options.Quarters()
	var out []string
	para := func(style lipgloss.Style, indent, text string) {
		for i, l := range strings.Split(wrapWords(text, w-lipgloss.Width(indent)), "\n") {
			lead := indent
			if i > 0 {
				lead = strings.Repeat(" ", lipgloss.Width(indent))
			}
			out = append(out, lead+style.Render(l))
		}
	}
	plain := lipgloss.NewStyle()
	para(st.Muted, "", fmt.Sprintf("The backlog placed from %s to %s (%d quarters).", qs[0].Label(), qs[len(qs)-1].Label(), len(qs)))
	out = append(out, "")
	if len(sch.Moves) == 0 {
		para(st.Bold, "", "Nothing to move.")
	} else {
		para(st.Bold, "", plural(len(sch.Moves), "move")+":")
		for _, mv := range sch.Moves {
			para(plain, "  ", roadmap.Printable(mv.Text(r)))
		}
	}
	out = append(out, "")
	para(st.Bold, "", "Levels at the end of "+qs[len(qs)-1].Label()+", before → after:")
	type row struct {
		name, before, after string
		b, a                int
	}
	rows := []row{}
	for d, dom := range r.Model.Domains {
		b, a := levelOf(sch.Before, d), levelOf(sch.After, d)
		rows = append(rows, row{dom.Key, strconv.Itoa(b) + " " + r.Model.LevelName(dom.Key, b), strconv.Itoa(a) + " " + r.Model.LevelName(dom.Key, a), b, a})
	}
	b, a := sch.Before.Stage(), sch.After.Stage()
	rows = append(rows, row{"stage", strconv.Itoa(b) + " " + r.Model.StageName(b), strconv.Itoa(a) + " " + r.Model.StageName(a), b, a})
	nameW, beforeW := 0, 0
	for _, x := range rows {
		nameW, beforeW = max(nameW, lipgloss.Width(x.name)), max(beforeW, lipgloss.Width(x.before))
	}
	for _, x := range rows {
		line := "  " + pad(x.name, nameW) + "  " + pad(x.before, beforeW) + " → " + x.after
		switch {
		case x.a > x.b:
			line += " ↑"
		case x.a < x.b:
			line += " ↓"
		}
		out = append(out, truncate(line, w))
	}
	if len(sch.Stays) > 0 {
		out = append(out, "")
		para(st.Bold, "", plural(len(sch.Stays), "initiative")+" stay where they are:")
		for _, s := range sch.Stays {
			para(st.Muted, "  ", roadmap.Printable(s.Text(r)))
		}
	}
	out = append(out, "")
	errs, warns := roadmap.CountBySeverity(sch.Warnings)
	para(st.Muted, "", "After it: "+plural(errs, "error")+", "+plural(warns, "warning")+".")
	return out
}

// levelOf returns a domain's level, 0 when the levels do not have it.
func levelOf(l roadmap.Levels, d int) int {
	if d < len(l) {
		return l[d]
	}
	return 0
}
