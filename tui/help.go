package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The full help (?): the active view's keys and the root's, a column per
// group, as many columns side by side as the width holds and the rest in
// bands below. When the bands are taller than the body, the scroll keys
// move through them and a last line says what is above and below; any
// other key closes the help.

// helpColumnGap separates the help's columns.
const helpColumnGap = "   "

// helpView draws the help in the body's height, from line m.helpTop.
func (m *Model) helpView() string {
	title := "Keys for " + m.activeView().Title() + " — any key closes this"
	lines := m.helpLines()
	visible := m.helpVisible()
	if len(lines) <= visible {
		return m.styles.Title.Render(truncate(title, m.width)) + "\n\n" + strings.Join(lines, "\n")
	}
	title = m.styles.Title.Render(truncate("Keys for "+m.activeView().Title()+" — any other key closes this", m.width))
	top := min(max(m.helpTop, 0), len(lines)-(visible-1))
	end := top + visible - 1
	var sign []string
	if top > 0 {
		sign = append(sign, fmt.Sprintf("↑ %d above", top))
	}
	if n := len(lines) - end; n > 0 {
		sign = append(sign, fmt.Sprintf("↓ %d more", n))
	}
	more := m.styles.Muted.Render(truncate(strings.Join(sign, " · ")+" — ↑↓ pgup pgdn scroll", m.width))
	return title + "\n\n" + strings.Join(lines[top:end], "\n") + "\n" + more
}

// helpVisible is how many of the help's lines fit under its title.
func (m *Model) helpVisible() int { return max(m.bodyHeight()-2, 2) }

// helpLines lays the help's columns out in the width: the lines to draw.
func (m *Model) helpLines() []string {
	var cols [][]string
	for _, group := range m.helpKeys().FullHelp() {
		if c := m.helpColumn(group); len(c) > 0 {
			cols = append(cols, c)
		}
	}
	var out []string
	for len(cols) > 0 {
		// A band: the columns that fit side by side, one at least.
		n, w := 1, lipgloss.Width(cols[0][0])
		for n < len(cols) && w+len(helpColumnGap)+lipgloss.Width(cols[n][0]) <= m.width {
			w += len(helpColumnGap) + lipgloss.Width(cols[n][0])
			n++
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		rows := 0
		for _, c := range cols[:n] {
			rows = max(rows, len(c))
		}
		for r := range rows {
			var parts []string
			for i, c := range cols[:n] {
				cell := ""
				if r < len(c) {
					cell = c[r]
				}
				if i < n-1 {
					cell = pad(cell, lipgloss.Width(c[0]))
				}
				parts = append(parts, cell)
			}
			out = append(out, truncate(strings.TrimRight(strings.Join(parts, helpColumnGap), " "), m.width))
		}
		cols = cols[n:]
	}
	return out
}

// helpColumn draws a group's enabled keys, key and description, every
// line as wide as the widest.
func (m *Model) helpColumn(group []key.Binding) []string {
	var keys, descs []string
	kw, lw := 0, 0
	for _, b := range group {
		if !b.Enabled() {
			continue
		}
		keys, descs = append(keys, b.Help().Key), append(descs, b.Help().Desc)
		kw = max(kw, lipgloss.Width(b.Help().Key))
	}
	out := make([]string, len(keys))
	for i := range keys {
		out[i] = m.help.Styles.FullKey.Render(pad(keys[i], kw)) + " " + m.help.Styles.FullDesc.Render(descs[i])
		lw = max(lw, lipgloss.Width(out[i]))
	}
	for i := range out {
		out[i] = pad(out[i], lw)
	}
	return out
}

// helpKey handles a key while the help shows: the scroll keys move it,
// any other key closes it.
func (m *Model) helpKey(msg tea.KeyPressMsg) {
	k := newMoveKeys()
	n, visible := len(m.helpLines()), m.helpVisible()-1
	maxTop := max(n-visible, 0)
	switch {
	case key.Matches(msg, k.Up):
		m.helpTop--
	case key.Matches(msg, k.Down):
		m.helpTop++
	case key.Matches(msg, k.PageUp):
		m.helpTop -= visible
	case key.Matches(msg, k.PageDown):
		m.helpTop += visible
	case key.Matches(msg, k.Home):
		m.helpTop = 0
	case key.Matches(msg, k.End):
		m.helpTop = maxTop
	default:
		m.showHelp = false
		return
	}
	if n <= m.helpVisible() {
		// All of it shows: nothing to scroll, and the key closes it.
		m.helpTop, m.showHelp = 0, false
		return
	}
	m.helpTop = min(max(m.helpTop, 0), maxTop)
}
