// Package tui is maturity's terminal dashboard, built with Bubble Tea. A
// root Model routes messages to its views (the dashboard, the roadmap
// board, the initiatives table, the warnings: see views) and to the
// dialog on top, if any. It reads and writes only through the store and
// computes only through the roadmap package, exactly as the command line
// does.
package tui

import (
	"context"
	"errors"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"maturity/internal/progname"
	"maturity/roadmap"
	"maturity/store"
)

// Minimum terminal size the dashboard draws in.
const (
	MinWidth  = 64
	MinHeight = 16
)

// views are the dashboard's views, in tab order. A new view is a file
// with its type and constructor, and a line here.
func views(s *Styles) []view {
	return []view{
		newDashboard(s),
		newBoard(s),
		newTable(s),
		newWarningList(s),
		newAssessmentView(s),
		newCapacityView(s),
	}
}

// Options configure the dashboard.
type Options struct {
	// Today is the clock that decides the current quarter; time.Now when
	// nil.
	Today func() time.Time
	// Command writes a maturity command as the user would type it to run
	// it on the open roadmap (with their --db), for the hints that name
	// one ("init --demo", "capacity set default 30"); progname.Command
	// when nil.
	Command func(args string) string
	// Context is what every read and write of the dashboard runs under:
	// it carries who acts (store.WithActor, store.WithIdentity). Run
	// gives its own when nil; New, context.Background().
	Context context.Context

	// views builds the views instead of the function views: tests add
	// one of their own.
	views func(*Styles) []view
}

// statusKind colours the status line.
type statusKind int

const (
	statusInfo statusKind = iota
	statusError
)

// Model is the root of the dashboard.
type Model struct {
	st    *store.Store
	ctx   context.Context // Options.Context
	today func() time.Time
	// command is Options.Command, never nil.
	command func(args string) string
	styles  Styles
	keys    globalKeys
	actions actionKeys
	help    help.Model

	width, height int
	views         []view
	active        int // index in views
	snap          *snapshot
	version       int64 // data_version of the loaded snapshot
	loadErr       error

	dialog   dialog // the dialog on top, or nil
	showHelp bool
	helpTop  int // the help's first line on screen (help.go)

	// overlay is a view drawn over the active one, which has the keys
	// while it is open: the detail of an initiative (detail.go), or nil.
	overlay    view
	historyTag int // the last history read for the overlay (readHistory)

	status     string
	statusKind statusKind
	statusTag  int

	// stopped, once set, says that the database file was deleted or
	// replaced: it stays on screen, and no change is started any more.
	stopped string

	// busy is set while a change is being saved, and waiting counts the
	// commands of views, started by keys, that have not answered yet (a
	// view's intent comes back as a message). Meanwhile the keys and
	// pastes that follow wait in queued, and run in order once all is
	// done: each key acts on what the keys before it did, so "]]" read
	// at once moves a card two quarters, and a key pressed during a save
	// acts on what was saved.
	busy    bool
	waiting int
	queued  []tea.Msg

	// noTimers turns off the polling and status expiry ticks, for tests
	// that drive Update by hand and send pollMsg themselves.
	noTimers bool
}

// New builds the dashboard on an open store.
func New(st *store.Store, opts Options) *Model {
	if opts.Today == nil {
		opts.Today = time.Now
	}
	if opts.views == nil {
		opts.views = views
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	// Dark until the terminal says otherwise: most terminals are, and
	// one that never answers the question gets what it got before.
	m := &Model{st: st, ctx: opts.Context, today: opts.Today, command: opts.Command, styles: NewStyles(true), actions: newActionKeys(), help: help.New()}
	m.help.Styles = m.styles.Help
	if m.command == nil {
		m.command = progname.Command
	}
	m.views = opts.views(&m.styles)
	m.keys = newGlobalKeys(len(m.views))
	return m
}

// Run opens the dashboard full screen until the user quits.
func Run(ctx context.Context, st *store.Store, opts Options) error {
	if opts.Context == nil {
		opts.Context = ctx
	}
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
// fields hold copies: the dialog is given its own, and the views are
// given msg to do the same.
func (m *Model) setBackground(msg tea.BackgroundColorMsg) tea.Cmd {
	m.styles = NewStyles(msg.IsDark())
	m.help.Styles = m.styles.Help
	if m.dialog != nil {
		m.dialog.restyle()
	}
	return m.broadcast(msg)
}

// Update handles a message. The root's own (the size, the colours, loads,
// saves, the status line, the views' intents) are handled here, key
// presses and pastes as input.go says; anything else goes to the dialog,
// if one is open, and to every view.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil

	case tea.BackgroundColorMsg:
		return m, m.setBackground(msg)

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
			return m, tea.Batch(m.readHistory(), m.notify(statusInfo, msg.reason))
		}
		return m, m.readHistory()

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

	case ChangedMsg:
		return m, m.checkChanged()

	case storeVersionMsg:
		return m, m.storeVersion(msg)

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
		return m, m.notify(statusInfo, msg.note)

	case statusExpiredMsg:
		if msg.tag == m.statusTag {
			rows := m.statusRows()
			m.status = ""
			if rows != 1 {
				m.resize()
			}
		}
		return m, nil

	case tea.KeyPressMsg:
		return m, m.key(msg)

	case tea.PasteMsg:
		return m, m.paste(msg)

	case answeredMsg:
		m.waiting--
		return m, m.next()

	case moveMsg:
		if cmd, refused := m.refuseChange(); refused {
			return m, cmd
		}
		return m, m.move(msg)

	case showMsg:
		return m, m.show(msg)

	case noteMsg:
		return m, m.notify(statusInfo, msg.text)

	case closeMsg:
		return m, m.closeOverlay()

	case historyMsg:
		if msg.tag != m.historyTag || m.overlay == nil {
			return m, nil // a later read answers
		}
		var cmd tea.Cmd
		m.overlay, cmd = m.overlay.Update(msg)
		return m, cmd

	case askMsg:
		if m.stopped == "" {
			m.dialog = msg.dialog
			if ro, ok := msg.dialog.(readOnlyDialog); ok {
				if err := store.Allowed(m.ctx, changeAccess); err != nil {
					ro.readOnly(err)
				}
			}
		}
		return m, nil

	case writeMsg:
		if cmd, refused := m.refuseChange(); refused {
			return m, cmd
		}
		return m, m.write(msg)
	}
	// Anything else (cursor blinks, a view's own messages) belongs to the
	// dialog, if one is open, and to the views.
	var cmd tea.Cmd
	if m.dialog != nil {
		m.dialog, cmd = m.dialog.Update(msg)
	}
	return m, tea.Batch(cmd, m.broadcast(msg))
}

// move reschedules an initiative, as the view showed it: like an edit,
// it is refused when the initiative changed elsewhere since.
func (m *Model) move(msg moveMsg) tea.Cmd {
	if m.stopped != "" {
		return nil
	}
	id, q, version := msg.id, msg.quarter, msg.version
	return m.startChange(m.change("moved %s to "+q.Label(), func(ctx context.Context, st *store.Store) (roadmap.Initiative, error) {
		return st.Edit(ctx, id, roadmap.Patch{Quarter: &q}, store.Options{ExpectVersion: version})
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
			cmds = append(cmds, m.broadcast(selectMsg{msg.focus}))
		}
		cmds = append(cmds, m.readHistory(), m.notify(statusInfo, msg.note))
	}
	cmds = append(cmds, m.next())
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

// setSnapshot hands a new snapshot to every view. The overlay closes
// when its initiative is gone (deleted, here or elsewhere).
func (m *Model) setSnapshot(s *snapshot) {
	m.snap = s
	for _, v := range m.views {
		v.SetSnapshot(s)
	}
	if m.overlay != nil {
		m.overlay.SetSnapshot(s)
		if m.overlay.Selected() == nil {
			m.overlay = nil
		}
	}
}

// notify shows a message in the status line for a while.
func (m *Model) notify(kind statusKind, text string) tea.Cmd {
	m.statusTag++
	rows := m.statusRows()
	m.status, m.statusKind = roadmap.Printable(text), kind
	if m.statusRows() != rows {
		m.resize() // the body gives way to a status on more lines
	}
	return m.expireStatus(m.statusTag)
}

// body height: the tab bar, the status line and the help line are chrome
// (the status line can take more lines: bodyHeight).
const chromeHeight = 3

func (m *Model) resize() {
	w, h := m.width, m.bodyHeight()
	for _, v := range m.views {
		v.SetSize(w, h)
	}
	if m.overlay != nil {
		m.overlay.SetSize(w, h)
	}
	m.help.SetWidth(w)
}
