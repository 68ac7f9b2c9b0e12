package tui

import (
	"context"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"maturity/roadmap"
	"maturity/store"
)

// view is one screen of the dashboard under a tab: the ladder, the board,
// the table, the warnings. The root holds its views in a list (views in
// model.go) and knows none of them by name: it sizes them, hands them
// each new snapshot, passes the active one its keys, and draws it between
// its own chrome. A view asks the root for what it cannot do itself (save
// a change, open another view) with the intent messages below.
//
// A view is a pointer: Update changes it in place and returns it. It does
// no I/O; its commands only carry intents. The detail of an initiative
// (detail.go) is a view too, opened by the root over the active one (its
// overlay) rather than under a tab.
type view interface {
	// Title names the view on its tab and in its help. It never changes:
	// showMsg names the view to open by it.
	Title() string
	// Badge is shown after the title on the tab: a count, or "".
	Badge() string
	// Keys is the view's own key map: its bindings, as they work now
	// (one that does nothing now is disabled, so it is not in the help
	// either). FullHelp lists every binding the view has; the root's
	// keys on the selected initiative give way to them, so that no key
	// means two things in one view.
	Keys() help.KeyMap
	// SetSize sets the area the view draws in.
	SetSize(w, h int)
	// SetSnapshot hands the view a new roadmap to show, keeping its
	// selection on the same initiative when it is still there.
	SetSnapshot(s *snapshot)
	// Update handles a message: a key press while the view is active, a
	// paste while it is typing, selectMsg, selectKeyMsg, and any message the root does
	// not handle (tea.BackgroundColorMsg after the root restyled).
	Update(msg tea.Msg) (view, tea.Cmd)
	// View draws the view in exactly the size it was given, or less.
	View() string
	// Selected returns the initiative the view's cursor is on, or nil;
	// the root's keys act on it (e edit, s start, D delete…).
	Selected() *roadmap.Initiative
	// Typing reports whether a text field of the view has the keyboard:
	// then every key, even q, goes to the view.
	Typing() bool
}

// Intents: what a view asks of the root, as the message of a command.

// moveMsg asks to move an initiative to another quarter (roadmap.Backlog
// for the backlog). version is the initiative's as the view showed it:
// the move is refused if it changed elsewhere since.
type moveMsg struct {
	id      int64
	quarter roadmap.Quarter
	version int64
}

// showMsg asks to open the view titled view and, unless id is 0, to put
// its cursor on that initiative; unless key is empty, on what key names.
type showMsg struct {
	view string
	id   int64
	key  selectKeyMsg
}

// closeMsg asks to close the view over the others (the detail) and go
// back to the view beneath.
type closeMsg struct{}

// noteMsg asks to say something in the status line.
type noteMsg struct{ text string }

// askMsg asks to open a dialog a view built, such as a prompt whose
// answer is a writeMsg.
type askMsg struct{ dialog dialog }

// writeMsg asks to make a change through the store that is not of one
// initiative (an answer, a metric value): op makes it and returns what to
// say, given the snapshot read after it.
type writeMsg struct {
	op func(ctx context.Context, st *store.Store) (note func(*snapshot) string, err error)
}

// selectKeyMsg tells a view that lists no initiatives (the assessment)
// to put its cursor on a criterion, a metric, or a domain's first
// criterion, each by key; at most one is set. Or it names a quarter
// ("2027-Q3") and a person ("" for the team), for the capacity view and
// the board (which it narrows to that person).
type selectKeyMsg struct{ criterion, metric, domain, quarter, owner string }

// selectMsg tells a view to put its cursor on an initiative, if it lists
// it: the root sends it after a change, to follow the initiative changed.
type selectMsg struct{ id int64 }

// intent returns the command that hands msg to the root.
func intent(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
