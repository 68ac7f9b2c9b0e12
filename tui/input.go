package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"maturity/roadmap"
)

// The root's handling of input: which key goes where, in what order, and
// the help that says so.

// key handles a key press: ctrl+c at once, a dialog's keys at once (it
// has the keyboard until it closes), any other after the keys and the
// change before it (see busy).
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	if m.dialog == nil && m.held() {
		m.queued = append(m.queued, msg)
		return nil
	}
	return m.press(msg)
}

// paste handles pasted text as key handles a key.
func (m *Model) paste(msg tea.PasteMsg) tea.Cmd {
	if m.dialog == nil && m.held() {
		m.queued = append(m.queued, msg)
		return nil
	}
	return m.pasteNow(msg)
}

// pasteNow gives pasted text where typed text would go: to the dialog,
// or to a view typing into a field, and nowhere else.
func (m *Model) pasteNow(msg tea.PasteMsg) tea.Cmd {
	if m.dialog != nil {
		var cmd tea.Cmd
		m.dialog, cmd = m.dialog.Update(msg)
		return cmd
	}
	if m.activeView().Typing() {
		return m.toView(msg)
	}
	return nil
}

// held reports whether input must wait: a change is being saved, a view
// has not answered, or earlier input waits already.
func (m *Model) held() bool { return m.busy || m.waiting > 0 || len(m.queued) > 0 }

// next runs the input that waited, in order, until some of it has to wait
// again.
func (m *Model) next() tea.Cmd {
	var cmds []tea.Cmd
	for len(m.queued) > 0 && !m.busy && m.waiting == 0 {
		msg := m.queued[0]
		m.queued = m.queued[1:]
		switch msg := msg.(type) {
		case tea.KeyPressMsg:
			cmds = append(cmds, m.press(msg))
		case tea.PasteMsg:
			cmds = append(cmds, m.pasteNow(msg))
		}
	}
	return tea.Batch(cmds...)
}

// press handles a key press that does not have to wait: the dialog's, the
// help's, the root's own (views, help, quit, add, export, reload), the
// keys on the selected initiative, and the active view's.
func (m *Model) press(msg tea.KeyPressMsg) tea.Cmd {
	if m.dialog != nil {
		var cmd tea.Cmd
		m.dialog, cmd = m.dialog.Update(msg)
		return cmd
	}
	if m.showHelp {
		m.helpKey(msg)
		return nil
	}
	v := m.activeView()
	// A view typing into a field gets every key first: "q" in the filter
	// is a letter, not quit.
	if v.Typing() {
		return m.toView(msg)
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpTop = true, 0
		return nil
	case key.Matches(msg, k.Views):
		m.active = int(msg.String()[0] - '1')
		return m.closeOverlay()
	case key.Matches(msg, k.Next):
		m.active = (m.active + 1) % len(m.views)
		return m.closeOverlay()
	case key.Matches(msg, k.Prev):
		m.active = (m.active + len(m.views) - 1) % len(m.views)
		return m.closeOverlay()
	case key.Matches(msg, k.Reload):
		return m.load("reloaded")
	}
	if m.snap == nil {
		return nil
	}
	switch {
	case key.Matches(msg, k.Add):
		if m.stopped != "" {
			return nil // the message on screen says why
		}
		return m.openForm(nil)
	case key.Matches(msg, k.Export):
		return m.openExport()
	case key.Matches(msg, k.Report):
		return m.writeReport()
	}
	if in := v.Selected(); in != nil {
		if cmd, ok := m.actionKey(msg, in, m.actionsIn(v)); ok {
			return cmd
		}
	}
	return m.toView(msg)
}

// activeView returns the view on screen: the overlay, if one is open.
func (m *Model) activeView() view {
	if m.overlay != nil {
		return m.overlay
	}
	return m.views[m.active]
}

// toView gives a key press or a paste to the active view. What its
// command answers (an intent) is awaited: the input after it waits.
func (m *Model) toView(msg tea.Msg) tea.Cmd {
	v, cmd := m.activeView().Update(msg)
	if m.overlay != nil {
		m.overlay = v
	} else {
		m.views[m.active] = v
	}
	if cmd == nil {
		return nil
	}
	m.waiting++
	return tea.Sequence(cmd, answered)
}

// answeredMsg follows the message of a view's command (see toView).
type answeredMsg struct{}

func answered() tea.Msg { return answeredMsg{} }

// broadcast gives msg to every view.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, len(m.views), len(m.views)+1)
	for i, v := range m.views {
		m.views[i], cmds[i] = v.Update(msg)
	}
	if m.overlay != nil {
		var cmd tea.Cmd
		m.overlay, cmd = m.overlay.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// show opens the view titled msg.view, with initiative msg.id (or what
// msg.key names) selected in it if it has it.
func (m *Model) show(msg showMsg) tea.Cmd {
	m.overlay = nil
	for i, v := range m.views {
		if v.Title() != msg.view {
			continue
		}
		m.active = i
		var cmd tea.Cmd
		switch {
		case msg.id != 0:
			m.views[i], cmd = v.Update(selectMsg{msg.id})
		case msg.key != selectKeyMsg{}:
			m.views[i], cmd = v.Update(msg.key)
		}
		return cmd
	}
	return nil
}

// actionKey handles the keys that act on the selected initiative, as
// they work in the active view (actionKeys.in). After the database went,
// they do nothing: the message on screen says why.
func (m *Model) actionKey(msg tea.KeyPressMsg, in *roadmap.Initiative, a actionKeys) (tea.Cmd, bool) {
	if m.stopped != "" && key.Matches(msg, a.all()...) {
		return nil, true
	}
	switch {
	case key.Matches(msg, a.Open):
		return m.openDetail(in), true
	case key.Matches(msg, a.Edit):
		return m.openForm(in), true
	case key.Matches(msg, a.Start):
		return m.transition(in, roadmap.Start), true
	case key.Matches(msg, a.Stop):
		return m.transition(in, roadmap.Stop), true
	case key.Matches(msg, a.Done):
		return m.transition(in, roadmap.MarkDone), true
	case key.Matches(msg, a.Drop):
		return m.transition(in, roadmap.Drop), true
	case key.Matches(msg, a.Reopen):
		return m.transition(in, roadmap.Reopen), true
	case key.Matches(msg, a.Delete):
		return m.openDelete(in), true
	case key.Matches(msg, a.Depend):
		return m.openDepends(in), true
	}
	return nil, false
}

// helpKeys returns the bindings of the active view for the help: the
// short line has the view's own keys and the most used ones; the full help
// has them all.
func (m *Model) helpKeys() helpKeys {
	v := m.activeView()
	own, k, a := v.Keys(), m.keys, m.actionsIn(v)
	if v.Typing() {
		// Every key but ctrl+c goes to the field: the help has its keys.
		quit := []key.Binding{key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit"))}
		return helpKeys{short: own.ShortHelp(), tail: quit, full: append(own.FullHelp(), quit)}
	}
	return helpKeys{
		short: append(own.ShortHelp(), a.Open, a.Edit, k.Add),
		tail:  []key.Binding{k.Help, k.Quit},
		full:  append(own.FullHelp(), a.all(), k.all()),
	}
}
