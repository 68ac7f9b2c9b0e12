// Package tui is maturity's terminal dashboard, built with Bubble Tea. A
// root Model routes messages to four views (dashboard, roadmap board,
// initiatives table, warnings) and to the dialog on top, if any. It reads
// and writes only through the store and computes only through the roadmap
// package, exactly as the command line does.
package tui

import (
	"context"
	"errors"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"maturity/roadmap"
	"maturity/store"
)

// Minimum terminal size the dashboard draws in.
const (
	MinWidth  = 64
	MinHeight = 16
)

// view names one of the four screens.
type view int

const (
	dashboardView view = iota
	roadmapView
	initiativesView
	warningsView
	viewCount
)

var viewTitles = [viewCount]string{"Dashboard", "Roadmap", "Initiatives", "Warnings"}

// Options configure the dashboard.
type Options struct {
	// Today is the clock that decides the current quarter; time.Now when
	// nil.
	Today func() time.Time
}

// statusKind colours the status line.
type statusKind int

const (
	statusInfo statusKind = iota
	statusError
)

// Model is the root of the dashboard.
type Model struct {
	st      *store.Store
	today   func() time.Time
	styles  Styles
	keys    globalKeys
	actions actionKeys
	help    help.Model

	width, height int
	active        view
	snap          *snapshot
	version       int64 // data_version of the loaded snapshot
	loadErr       error

	dash  dashboard
	board board
	table table
	warns warningList

	dialog   dialog // the dialog on top, or nil
	showHelp bool

	status     string
	statusKind statusKind
	statusTag  int

	// stopped, once set, says that the database file was deleted or
	// replaced: it stays on screen, and no change is started any more.
	stopped string

	// busy is set while a change is being saved; action keys pressed
	// meanwhile wait in queued and run, in order, once it is saved.
	busy   bool
	queued []tea.KeyPressMsg

	// noTimers turns off the polling and status expiry ticks, for tests
	// that drive Update by hand and send pollMsg themselves.
	noTimers bool
}

// New builds the dashboard on an open store.
func New(st *store.Store, opts Options) *Model {
	if opts.Today == nil {
		opts.Today = time.Now
	}
	// Dark until the terminal says otherwise: most terminals are, and
	// one that never answers the question gets what it got before.
	m := &Model{st: st, today: opts.Today, styles: NewStyles(true), keys: newGlobalKeys(), actions: newActionKeys(), help: help.New()}
	m.help.Styles = m.styles.Help
	m.dash = newDashboard(&m.styles)
	m.board = newBoard(&m.styles)
	m.table = newTable(&m.styles)
	m.warns = newWarningList(&m.styles)
	return m
}

// Run opens the dashboard full screen until the user quits.
func Run(ctx context.Context, st *store.Store, opts Options) error {
	p := tea.NewProgram(New(st, opts), tea.WithContext(ctx))
	_, err := p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return err
}

func (m *Model) todayQuarter() roadmap.Quarter { return roadmap.QuarterOf(m.today()) }

// Init loads the roadmap, starts watching for changes made elsewhere and
// asks the terminal for its background colour, which the styles follow.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.load(""), m.poll(), tea.RequestBackgroundColor)
}

// setBackground rebuilds the styles for a dark or light background. The
// views hold a pointer to m.styles and see the new ones at once; the text
// fields hold copies and are given theirs.
func (m *Model) setBackground(dark bool) {
	m.styles = NewStyles(dark)
	m.help.Styles = m.styles.Help
	m.table.filter.SetStyles(m.styles.TextInput())
	if m.dialog != nil {
		m.dialog.restyle()
	}
}

// Update routes a message: global concerns first, then the dialog if one
// is open, then the active view.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil

	case tea.BackgroundColorMsg:
		m.setBackground(msg.IsDark())
		return m, nil

	case loadedMsg:
		if m.stop(msg.err) {
			return m, nil
		}
		if msg.err != nil {
			m.loadErr = msg.err
			return m, m.notify(statusError, "cannot load the roadmap: "+msg.err.Error())
		}
		m.loadErr = nil
		m.version = msg.version
		m.setSnapshot(msg.snap)
		if msg.reason != "" {
			return m, m.notify(statusInfo, msg.reason)
		}
		return m, nil

	case pollMsg:
		if m.stopped != "" {
			return m, nil // nothing more to watch
		}
		if m.snap == nil {
			return m, m.poll()
		}
		return m, tea.Batch(m.checkVersion(), m.poll())

	case versionMsg:
		if m.stop(msg.err) {
			return m, nil
		}
		if msg.err == nil && msg.version != m.version && !m.busy {
			return m, m.load("reloaded: the roadmap was changed elsewhere")
		}
		return m, nil

	case savedMsg:
		return m, m.saved(msg)

	case computedMsg:
		m.computed(msg)
		return m, nil

	case exportedMsg:
		if msg.err != nil {
			if m.dialog != nil && m.dialog.failed(msg.err) {
				return m, nil
			}
			return m, m.notify(statusError, "export failed: "+msg.err.Error())
		}
		m.dialog = nil
		return m, m.notify(statusInfo, "exported the roadmap to "+msg.path)

	case statusExpiredMsg:
		if msg.tag == m.statusTag {
			m.status = ""
		}
		return m, nil

	case tea.KeyPressMsg:
		return m, m.key(msg)

	case tea.PasteMsg:
		// Pasted text goes where typed text would: the dialog, or the
		// filter while it has the keyboard.
		if m.dialog == nil && m.active == initiativesView && m.table.typing() {
			var cmd tea.Cmd
			m.table, cmd = m.table.Update(msg)
			return m, cmd
		}
	}
	// Anything else (pasted text, cursor blinks) belongs to the dialog.
	if m.dialog != nil {
		var cmd tea.Cmd
		m.dialog, cmd = m.dialog.Update(msg)
		return m, cmd
	}
	return m, nil
}

// key handles a key press.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	if m.dialog != nil {
		var cmd tea.Cmd
		m.dialog, cmd = m.dialog.Update(msg)
		return cmd
	}
	if m.showHelp {
		m.showHelp = false
		return nil
	}
	// A view typing into a field gets every key first: "q" in the filter
	// is a letter, not quit.
	if m.active == initiativesView && m.table.typing() {
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(msg)
		return cmd
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return nil
	case key.Matches(msg, k.Dashboard):
		m.active = dashboardView
		return nil
	case key.Matches(msg, k.Roadmap):
		m.active = roadmapView
		return nil
	case key.Matches(msg, k.Initiatives):
		m.active = initiativesView
		return nil
	case key.Matches(msg, k.Warnings):
		m.active = warningsView
		return nil
	case key.Matches(msg, k.Next):
		m.active = (m.active + 1) % viewCount
		return nil
	case key.Matches(msg, k.Prev):
		m.active = (m.active + viewCount - 1) % viewCount
		return nil
	case key.Matches(msg, k.Reload):
		return m.load("reloaded")
	}
	if m.snap == nil {
		return nil
	}
	if m.stopped != "" && m.isChange(msg) {
		return nil // the message on screen says why
	}
	if m.busy && m.isChange(msg) {
		m.queued = append(m.queued, msg)
		return nil
	}
	switch {
	case key.Matches(msg, k.Add):
		return m.openForm(nil)
	case key.Matches(msg, k.Export):
		return m.openExport()
	}
	if cmd, ok := m.viewKey(msg); ok {
		return cmd
	}
	if in := m.selected(); in != nil {
		if cmd, ok := m.actionKey(msg, in); ok {
			return cmd
		}
	}
	return m.routeToView(msg)
}

// isChange reports whether a key changes data, so it must wait for the
// change before it.
func (m *Model) isChange(msg tea.KeyPressMsg) bool {
	if key.Matches(msg, m.keys.Add) || (m.active == roadmapView && key.Matches(msg, m.board.keys.MoveEarlier, m.board.keys.MoveLater)) {
		return true
	}
	for _, b := range m.actions.all() {
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

// viewKey handles the keys of one view that need the root: moving a card
// between quarters, jumping from a warning to its initiative, jumping from
// the dashboard to the warnings.
func (m *Model) viewKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch m.active {
	case roadmapView:
		bk := m.board.keys
		if key.Matches(msg, bk.MoveEarlier, bk.MoveLater) {
			in := m.board.selected()
			if in == nil {
				return nil, true
			}
			q, ok := m.board.neighbour(in, key.Matches(msg, bk.MoveLater))
			if !ok {
				return m.notify(statusInfo, "nowhere further to move "+roadmap.Printable(in.Ref())), true
			}
			return m.move(in, q), true
		}
	case warningsView:
		if key.Matches(msg, m.warns.keys.Jump) {
			if w, ok := m.warns.selectedWarning(); ok {
				if id := w.Subject.ID(); id != 0 {
					m.board.selectID(id)
					m.active = roadmapView
				} else {
					m.active = dashboardView
				}
			}
			return nil, true
		}
	case dashboardView:
		if key.Matches(msg, m.dash.keys.Warnings) {
			m.active = warningsView
			return nil, true
		}
	}
	return nil, false
}

// actionKey handles the keys that act on the selected initiative.
func (m *Model) actionKey(msg tea.KeyPressMsg, in *roadmap.Initiative) (tea.Cmd, bool) {
	a := m.actions
	switch {
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

// move reschedules an initiative.
func (m *Model) move(in *roadmap.Initiative, q roadmap.Quarter) tea.Cmd {
	id := in.ID
	return m.startChange(m.change("moved %s to "+q.Label(), func(ctx context.Context, st *store.Store) (roadmap.Initiative, error) {
		return st.Edit(ctx, id, roadmap.Patch{Quarter: &q}, store.Options{})
	}))
}

// startChange marks a change in flight.
func (m *Model) startChange(cmd tea.Cmd) tea.Cmd {
	m.busy = true
	return cmd
}

// saved shows the outcome of a change and runs the keys that waited for it.
func (m *Model) saved(msg savedMsg) tea.Cmd {
	m.busy = false
	var cmds []tea.Cmd
	switch {
	case msg.blocked != nil:
		m.queued = nil
		cmds = append(cmds, m.openForce(msg.blocked, msg.tr))
	case msg.err != nil:
		m.queued = nil
		m.stop(msg.err)
		var stale *store.StaleError
		if errors.As(msg.err, &stale) {
			// Fetch the current version, so that editing again starts
			// from it.
			cmds = append(cmds, m.load(""))
			msg.err = staleText(stale, m.dialog != nil)
		}
		if m.dialog != nil && m.dialog.failed(msg.err) {
			return tea.Batch(cmds...)
		}
		cmds = append(cmds, m.notify(statusError, msg.err.Error()))
	default:
		m.dialog = nil
		m.setSnapshot(msg.snap)
		m.version = msg.snap.version.Data
		if msg.focus != 0 {
			m.selectID(msg.focus)
		}
		cmds = append(cmds, m.notify(statusInfo, msg.note))
	}
	for len(m.queued) > 0 && !m.busy {
		next := m.queued[0]
		m.queued = m.queued[1:]
		cmds = append(cmds, m.key(next))
	}
	if !m.busy { // else the next save settles its own
		cmds = append(cmds, m.compute())
	}
	return tea.Batch(cmds...)
}

// stop reports whether err says that the database file was deleted or
// replaced while the dashboard had it open; then the dashboard keeps
// showing what it has, says so for good, and changes nothing more.
func (m *Model) stop(err error) bool {
	if !errors.Is(err, store.ErrReplaced) {
		return false
	}
	m.stopped = roadmap.Printable(err.Error() + ": quit and reopen the dashboard (E still exports what is shown)")
	m.queued = nil
	return true
}

// setSnapshot hands a new snapshot to every view.
func (m *Model) setSnapshot(s *snapshot) {
	m.snap = s
	m.dash.setSnapshot(s)
	m.board.setSnapshot(s)
	m.table.setSnapshot(s)
	m.warns.setSnapshot(s)
}

// selectID selects an initiative in every view that lists initiatives.
func (m *Model) selectID(id int64) {
	m.board.selectID(id)
	m.table.selectID(id)
}

// selected returns the initiative selected in the active view.
func (m *Model) selected() *roadmap.Initiative {
	switch m.active {
	case roadmapView:
		return m.board.selected()
	case initiativesView:
		return m.table.selected()
	case warningsView:
		if w, ok := m.warns.selectedWarning(); ok {
			if in, ok := m.snap.r.Get(w.Subject.ID()); ok {
				return in
			}
		}
	}
	return nil
}

func (m *Model) routeToView(msg tea.KeyPressMsg) tea.Cmd {
	var cmd tea.Cmd
	switch m.active {
	case dashboardView:
		m.dash, cmd = m.dash.Update(msg)
	case roadmapView:
		m.board, cmd = m.board.Update(msg)
	case initiativesView:
		m.table, cmd = m.table.Update(msg)
	case warningsView:
		m.warns, cmd = m.warns.Update(msg)
	}
	return cmd
}

// notify shows a message in the status line for a while.
func (m *Model) notify(kind statusKind, text string) tea.Cmd {
	m.statusTag++
	m.status, m.statusKind = roadmap.Printable(text), kind
	return m.expireStatus(m.statusTag)
}

// body height: the tab bar, the status line and the help line are chrome.
const chromeHeight = 3

func (m *Model) resize() {
	w, h := m.width, max(m.height-chromeHeight, 1)
	m.dash.SetSize(w, h)
	m.board.SetSize(w, h)
	m.table.SetSize(w, h)
	m.warns.SetSize(w, h)
	m.help.SetWidth(w)
}

// helpKeys returns the bindings of the active view for the help: the
// short line has the view's own keys and the most used ones; the full help
// has them all.
func (m *Model) helpKeys() helpKeys {
	k, a := m.keys, m.actions
	global := []key.Binding{k.Dashboard, k.Next, k.Prev, k.Add, k.Export, k.Reload, k.Help, k.Quit}
	var own, nav []key.Binding
	mv := newMoveKeys()
	switch m.active {
	case dashboardView:
		own = m.dash.bindings()
	case roadmapView:
		own = m.board.bindings()
		nav = []key.Binding{mv.Up, mv.Down, mv.Left, mv.Right, mv.PageUp, mv.PageDown, mv.Home, mv.End, m.board.keys.MoveEarlier, m.board.keys.MoveLater}
	case initiativesView:
		own = m.table.bindings()
		nav = []key.Binding{mv.Up, mv.Down, mv.PageUp, mv.PageDown, mv.Home, mv.End, m.table.keys.Filter, m.table.keys.Clear, m.table.keys.Sort, m.table.keys.Reverse}
	case warningsView:
		own = m.warns.bindings()
		nav = []key.Binding{mv.Up, mv.Down, mv.PageUp, mv.PageDown, mv.Home, mv.End, m.warns.keys.Jump}
	}
	short := append([]key.Binding{}, own...)
	full := [][]key.Binding{}
	if m.active != dashboardView {
		short = append(short, a.Edit)
		full = append(full, nav, a.all())
	} else {
		full = append(full, own)
	}
	short = append(short, k.Add, k.Help, k.Quit)
	return helpKeys{short: short, full: append(full, global)}
}
