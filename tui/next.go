package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"maturity/roadmap"
	"maturity/store"
)

// After a save the dashboard shows what the store committed, never a copy
// of its own patched by guesswork: the store reports the rows its
// transaction wrote (store.Change), and the next snapshot is the previous
// one with exactly those rows, when the previous one was of exactly the
// state the change started from; otherwise the roadmap is read again.
//
// The rows show at once; what follows from them (levels, projection,
// warnings, readiness, level dates) takes a tenth of a second and more on
// a large roadmap, so it is computed off the key path and replaces the
// snapshot when it is ready.

// loadSnapshot reads the whole roadmap and computes its snapshot. The
// version is read first: a commit that lands before the roadmap is read
// makes the snapshot newer than its version says, which costs a reload
// later, never a wrong patch.
func loadSnapshot(ctx context.Context, st *store.Store, today roadmap.Quarter, command func(string) string) (*snapshot, error) {
	v, err := st.Version(ctx)
	if err != nil {
		return nil, err
	}
	r, as, err := st.LoadWithAssessments(ctx)
	if err != nil {
		return nil, err
	}
	s := newSnapshotWith(r, today, store.Assessed(as))
	s.version, s.command = v, command
	return s, nil
}

// after returns the snapshot to show after a committed change: s with the
// change's rows, if the change is rows alone and started from the state s
// shows; else the roadmap read again, as the store holds more than the
// change says (another process wrote meanwhile; an import, a model or an
// assessment).
func (s *snapshot) after(ctx context.Context, st *store.Store, ch store.Change) (*snapshot, error) {
	if !ch.RowsOnly() || ch.Before != s.version {
		return loadSnapshot(ctx, st, s.today, s.command)
	}
	return s.withRows(ch), nil
}

// withRows returns s with the change's initiatives put in and its deleted
// ones taken out: the rows, their order and the board's columns are new;
// the rest still describes the roadmap before the change (settled is
// false) until settle computes it.
func (s *snapshot) withRows(ch store.Change) *snapshot {
	n := *s
	n.r = s.r.With(ch.Initiatives, ch.Deleted)
	n.order = n.r.Reorder(s.r, s.order)
	n.sorted = n.r.InOrder(n.order)
	n.columns = n.r.Span(s.today)
	n.colLevels = columnLevels(s.proj, s.dates, s.today, n.columns)
	n.version = ch.After
	n.settled = false
	return &n
}

// settle computes everything of an unsettled snapshot from its rows.
func (s *snapshot) settle() *snapshot {
	n := newSnapshotWith(s.r, s.today, s.assessed)
	n.version, n.command = s.version, s.command
	return n
}

// computedMsg brings the settled form of the snapshot from.
type computedMsg struct{ from, snap *snapshot }

// compute settles the snapshot on screen, off the Update path, if it is
// not settled yet.
func (m *Model) compute() tea.Cmd {
	s := m.snap
	if s == nil || s.settled {
		return nil
	}
	return func() tea.Msg { return computedMsg{from: s, snap: s.settle()} }
}

// computed shows a settled snapshot, unless another one replaced the
// snapshot it settles meanwhile (a later save, a reload): that one is, or
// gets, its own.
func (m *Model) computed(msg computedMsg) {
	if m.snap == msg.from {
		m.setSnapshot(msg.snap)
	}
}
