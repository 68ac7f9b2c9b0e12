package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// scroll is a cursor over a list of which only a window is drawn: the
// table and the warnings use it.
type scroll struct {
	cursor int // the selected row
	offset int // the first row drawn
}

// clamp keeps the cursor on one of n rows and the window of visible rows
// around it.
func (s *scroll) clamp(n, visible int) {
	s.cursor = min(max(s.cursor, 0), max(n-1, 0))
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+visible {
		s.offset = s.cursor - visible + 1
	}
	s.offset = min(max(s.offset, 0), max(n-visible, 0))
}

// move handles the up, down, page and first/last keys; it reports whether
// the key was one of them.
func (s *scroll) move(k tea.KeyPressMsg, keys moveKeys, n, visible int) bool {
	switch {
	case key.Matches(k, keys.Up):
		s.cursor--
	case key.Matches(k, keys.Down):
		s.cursor++
	case key.Matches(k, keys.PageUp):
		s.cursor -= visible
	case key.Matches(k, keys.PageDown):
		s.cursor += visible
	case key.Matches(k, keys.Home):
		s.cursor = 0
	case key.Matches(k, keys.End):
		s.cursor = n - 1
	default:
		return false
	}
	s.clamp(n, visible)
	return true
}

// window returns the rows to draw: from offset up to end.
func (s scroll) window(n, visible int) (start, end int) {
	return s.offset, min(s.offset+visible, n)
}
