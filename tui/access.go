package tui

import (
	"errors"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"maturity/store"
)

// What a dashboard under an identity (store.WithIdentity, the SSH
// server's sessions) may do: the keys its role cannot use are left out
// of the help and refused with a status line, before anything is
// written; the store refuses such a change anyway.

// changeAccess is what the dashboard's changes need: the planner role.
var changeAccess = store.Access{Role: store.RolePlanner, What: "changing the roadmap"}

// errExportRemote refuses the export key to a session over SSH: the file
// would be written on the server.
var errExportRemote = errors.New("over SSH the export would be written on the server: run 'ssh … maturity export > FILE' instead")

// deniedKeys are the root's keys the dashboard's identity may not use in
// view v, each with why.
func (m *Model) deniedKeys(v view) map[*key.Binding]error {
	out := map[*key.Binding]error{}
	if _, remote := store.IdentityOf(m.ctx); remote {
		out[&m.keys.Export] = errExportRemote
	}
	if err := store.Allowed(m.ctx, changeAccess); err != nil {
		a := m.actionsIn(v)
		for _, b := range []key.Binding{m.keys.Add, a.Edit, a.Start, a.Stop, a.Done, a.Drop, a.Reopen, a.Delete, a.Depend} {
			out[&b] = err
		}
	}
	return out
}

// readOnlyDialog is a dialog that can change the roadmap on request
// (the schedule preview) and can also be shown to an identity that may
// not: readOnly tells it why, and it then offers only to close.
type readOnlyDialog interface {
	readOnly(why error)
}

// refuseKey refuses a key the identity may not use, with a status line.
func (m *Model) refuseKey(msg tea.KeyPressMsg, v view) (tea.Cmd, bool) {
	for b, err := range m.deniedKeys(v) {
		if b.Enabled() && key.Matches(msg, *b) {
			return m.notify(statusError, err.Error()), true
		}
	}
	return nil, false
}

// refuseChange refuses a view's change (a move, a write) that the
// identity may not make, with a status line.
func (m *Model) refuseChange() (tea.Cmd, bool) {
	if err := store.Allowed(m.ctx, changeAccess); err != nil {
		return m.notify(statusError, err.Error()), true
	}
	return nil, false
}

// allowedHelp leaves out of h the keys the identity may not use.
func (m *Model) allowedHelp(h helpKeys) helpKeys {
	denied := map[string]bool{}
	for b := range m.deniedKeys(m.activeView()) {
		for _, k := range b.Keys() {
			denied[k] = true
		}
	}
	if len(denied) == 0 {
		return h
	}
	keep := func(bs []key.Binding) []key.Binding {
		return slices.DeleteFunc(slices.Clone(bs), func(b key.Binding) bool {
			return len(b.Keys()) > 0 && !slices.ContainsFunc(b.Keys(), func(k string) bool { return !denied[k] })
		})
	}
	h.short, h.tail = keep(h.short), keep(h.tail)
	full := make([][]key.Binding, len(h.full))
	for i, g := range h.full {
		full[i] = keep(g)
	}
	h.full = full
	return h
}

// ChangedMsg tells the dashboard that the database may have changed
// through the store it shares with other dashboards of the process (the
// SSH server's sessions), which PRAGMA data_version does not show: it
// reloads as it does when the poll sees another process's change.
type ChangedMsg struct{}

// storeVersionMsg reports the store's version after a ChangedMsg.
type storeVersionMsg struct {
	version store.Version
	err     error
}

// changedRetry is how soon a ChangedMsg that came during a save is
// looked at again.
const changedRetry = 50 * time.Millisecond

// checkChanged reads the store's version, to reload if the snapshot is
// older; during a save it looks again once the save is done.
func (m *Model) checkChanged() tea.Cmd {
	if m.stopped != "" || m.snap == nil {
		return nil
	}
	if m.busy {
		return tea.Tick(changedRetry, func(time.Time) tea.Msg { return ChangedMsg{} })
	}
	ctx, st := m.ctx, m.st
	return func() tea.Msg {
		v, err := st.Version(ctx)
		return storeVersionMsg{version: v, err: err}
	}
}

// storeVersion reloads when the store moved on from the snapshot.
func (m *Model) storeVersion(msg storeVersionMsg) tea.Cmd {
	if m.stop(msg.err) || msg.err != nil || m.snap == nil || msg.version == m.snap.version {
		return nil
	}
	if m.busy {
		return m.checkChanged()
	}
	return m.load("reloaded: the roadmap was changed elsewhere")
}
