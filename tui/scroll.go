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

// clampLines is clamp for rows of different heights: row i takes
// height(i) lines, at least one and at most lines, the lines there are to
// draw in. The cursor's row is drawn whole, and the window leaves no room
// unused below the last row. It looks at no more rows than fit on the
// screen, however many there are.
func (s *scroll) clampLines(n, lines int, height func(int) int) {
	s.cursor = min(max(s.cursor, 0), max(n-1, 0))
	s.offset = min(max(s.offset, 0), s.cursor)
	// Each row takes a line at least: rows more than lines above the
	// cursor are off the screen.
	s.offset = max(s.offset, s.cursor-lines+1)
	for s.offset < s.cursor && s.linesFrom(s.offset, s.cursor, lines, height) > lines {
		s.offset++
	}
	for s.offset > 0 && s.linesFrom(s.offset-1, n-1, lines, height) <= lines {
		s.offset--
	}
}

// linesFrom adds up the lines rows from to last take, stopping once past
// limit.
func (s *scroll) linesFrom(from, last, limit int, height func(int) int) int {
	sum := 0
	for i := from; i <= last && sum <= limit; i++ {
		sum += height(i)
	}
	return sum
}

// fitting counts the rows from the window's first that are drawn whole.
func (s *scroll) fitting(n, lines int, height func(int) int) int {
	count, sum := 0, 0
	for i := s.offset; i < n; i++ {
		if sum += height(i); sum > lines {
			break
		}
		count++
	}
	return max(count, 1)
}
