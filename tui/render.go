package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// View draws the whole screen in the terminal's alternate screen, which
// is left when the dashboard quits.
func (m *Model) View() tea.View {
	v := tea.NewView(m.screen())
	v.AltScreen = true
	return v
}

// screen draws the tab bar, the active view (or the help, or a dialog over
// it), the status line and the key help: exactly the terminal's size.
func (m *Model) screen() string {
	if m.width == 0 {
		return ""
	}
	if m.width < MinWidth || m.height < MinHeight {
		msg := fmt.Sprintf("terminal too small: %d×%d, need at least %d×%d", m.width, m.height, MinWidth, MinHeight)
		return fit(wrapWords(msg, m.width), m.width, m.height)
	}
	bodyH := m.bodyHeight()
	var body string
	switch {
	case m.snap == nil && m.loadErr != nil:
		body = m.styles.Error.Render("cannot load the roadmap: " + m.loadErr.Error())
	case m.snap == nil:
		body = m.styles.Muted.Render("loading…")
	case m.showHelp:
		body = m.helpView()
	default:
		body = m.activeView().View()
	}
	if m.dialog != nil {
		// The dialog stands alone: half-covered text around it reads as
		// noise.
		body = overlay("", m.dialog.View(m.width-4), m.width, bodyH)
	}
	if m.stopped != "" {
		// Whole, above everything: what happened and what to do.
		body = m.styles.Error.Render(wrapWords(m.stopped, m.width)) + "\n" + body
	}
	return m.tabBar() + "\n" + fit(body, m.width, bodyH) + "\n" + m.statusLine() + "\n" + m.helpLine()
}

// tabBar draws a tab per view, the active one highlighted, and the
// overall stage on the right.
func (m *Model) tabBar() string {
	tabs := func(titled bool) string {
		var out []string
		for i, v := range m.views {
			label := fmt.Sprint(i + 1)
			if titled || i == m.active {
				label += " " + v.Title()
			}
			if b := v.Badge(); b != "" {
				label += " (" + b + ")"
			}
			if i == m.active {
				out = append(out, m.styles.ActiveTab.Render(label))
			} else {
				out = append(out, m.styles.Tab.Render(label))
			}
		}
		return strings.Join(out, " ")
	}
	// When the titles do not all fit, the other tabs keep their numbers
	// (and counts) and the active one its title, rather than the last
	// ones being cut off.
	left := tabs(true)
	if lipgloss.Width(left) > m.width {
		left = tabs(false)
	}
	right := "maturity"
	if m.snap != nil {
		st := m.snap.state.Stage
		right = fmt.Sprintf("stage %d %s", st, m.snap.r.Model.StageName(st))
	}
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right) - 1
	if gap < 1 && m.snap != nil {
		right = fmt.Sprintf("stage %d", m.snap.state.Stage)
		gap = m.width - lipgloss.Width(left) - lipgloss.Width(right) - 1
	}
	if gap < 1 {
		return truncate(left, m.width)
	}
	return left + strings.Repeat(" ", gap) + m.styles.Muted.Render(right) + " "
}

// statusLine draws the status message whole, wrapped onto as many
// lines as statusRows says; only a message longer than maxStatusRows
// lines is cut, with "…".
func (m *Model) statusLine() string {
	if m.status == "" {
		if m.busy {
			return m.styles.Muted.Render("saving…")
		}
		return ""
	}
	style := m.styles.Info
	if m.statusKind == statusError {
		style = m.styles.Error
	}
	lines := m.statusLines()
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return strings.Join(lines, "\n")
}

// maxStatusRows is the most lines a status message takes.
const maxStatusRows = 3

// statusLines wraps the status message to the width, at most
// maxStatusRows lines, the last cut with "…" if it needs more.
func (m *Model) statusLines() []string {
	if m.status == "" || m.width <= 0 {
		return []string{""}
	}
	lines := strings.Split(wrapWords(m.status, m.width), "\n")
	if len(lines) > maxStatusRows {
		last := strings.Join(lines[maxStatusRows-1:], " ")
		lines = append(lines[:maxStatusRows-1], truncate(last, m.width))
	}
	return lines
}

// statusRows is how many lines the status line takes now: one, or more
// for a message wider than the terminal.
func (m *Model) statusRows() int { return len(m.statusLines()) }

// bodyHeight is the height left to the view under the tab bar and above
// the status and help lines.
func (m *Model) bodyHeight() int {
	return max(m.height-chromeHeight-(m.statusRows()-1), 1)
}

// helpLine shows the short help; the view's own keys give way first, so
// "? help" and "q quit" always show.
func (m *Model) helpLine() string {
	keys := m.helpKeys()
	tail := m.help.ShortHelpView(keys.tail)
	sep := m.help.ShortSeparator
	h := m.help
	// The help's own cut may end a little past the width it is given
	// (its "…"): give it less until the line fits.
	for w := m.width - lipgloss.Width(tail) - lipgloss.Width(sep); w > 0; w-- {
		h.SetWidth(w)
		head := h.ShortHelpView(keys.short)
		if head == "" {
			break
		}
		if line := head + sep + tail; lipgloss.Width(line) <= m.width {
			return line
		}
	}
	return truncate(tail, m.width)
}

// overlay draws box centred over the body.
func overlay(body, box string, w, h int) string {
	bl := strings.Split(fit(body, w, h), "\n")
	xl := strings.Split(box, "\n")
	bw := lipgloss.Width(box)
	top := max((h-len(xl))/2, 0)
	left := max((w-bw)/2, 0)
	for i, l := range xl {
		row := top + i
		if row >= len(bl) {
			break
		}
		bg := bl[row]
		bl[row] = ansi.Truncate(bg, left, "") + pad(truncate(l, w-left), min(bw, w-left)) +
			ansi.TruncateLeft(bg, left+bw, "")
	}
	return strings.Join(bl, "\n")
}
