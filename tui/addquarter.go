package tui

import "maturity/roadmap"

// columnView is a view whose cursor is in a quarter's column (the board):
// the add form opened there proposes that quarter.
type columnView interface {
	// Column returns the quarter of the column the cursor is in
	// (roadmap.Backlog for the backlog), or false when it is in none.
	Column() (roadmap.Quarter, bool)
}

// addQuarter is the quarter the add form proposes: the column of the
// active view's cursor, or the current quarter.
func (m *Model) addQuarter() roadmap.Quarter {
	if v, ok := m.activeView().(columnView); ok {
		if q, ok := v.Column(); ok {
			return q
		}
	}
	return m.todayQuarter()
}
