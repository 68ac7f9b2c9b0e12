package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"

	"maturity/internal/atomicfile"
	"maturity/report"
	"maturity/roadmap"
	"maturity/store"
)

// Every read and write of the database happens in these commands; Update
// only starts them and handles the messages they return.

// loadedMsg carries a freshly loaded snapshot.
type loadedMsg struct {
	snap    *snapshot
	version int64 // PRAGMA data_version when loaded
	reason  string
	err     error
}

// load reads the roadmap and computes a snapshot.
func (m *Model) load(reason string) tea.Cmd {
	ctx, st, today, command := m.ctx, m.st, m.todayQuarter(), m.command
	return func() tea.Msg {
		snap, err := loadSnapshot(ctx, st, today, command)
		if err != nil {
			return loadedMsg{err: err}
		}
		return loadedMsg{snap: snap, version: snap.version.Data, reason: reason}
	}
}

// pollMsg fires when it is time to look for changes made elsewhere.
type pollMsg struct{}

// pollInterval is how often the dashboard looks for changes by other
// processes.
const pollInterval = time.Second

func (m *Model) poll() tea.Cmd {
	if m.noTimers {
		return nil
	}
	return tea.Tick(pollInterval, func(time.Time) tea.Msg { return pollMsg{} })
}

// versionMsg reports the database's data_version.
type versionMsg struct {
	version int64
	err     error
}

func (m *Model) checkVersion() tea.Cmd {
	ctx, st := m.ctx, m.st
	return func() tea.Msg {
		v, err := st.DataVersion(ctx)
		return versionMsg{version: v, err: err}
	}
}

// savedMsg reports a finished change: the new snapshot to show, what to
// select, and what to say.
type savedMsg struct {
	snap  *snapshot
	focus int64
	note  string
	err   error
	// blocked is set when a start or done was refused for unmet
	// prerequisites or unfinished dependencies: the dashboard offers to
	// force it.
	blocked *roadmap.BlockedError
	tr      roadmap.Transition
}

// change runs one store operation and, when it succeeds, builds the next
// snapshot from the current one and what the store committed.
func (m *Model) change(note string, op func(ctx context.Context, st *store.Store) (roadmap.Initiative, error)) tea.Cmd {
	ctx, st, snap := m.ctx, m.st, m.snap
	return func() tea.Msg {
		var ch store.Change
		in, err := op(store.WithChange(ctx, &ch), st)
		if err != nil {
			return savedMsg{err: err}
		}
		return saved(ctx, st, snap, ch, in.ID, fmt.Sprintf(note, roadmap.Printable(in.Ref())))
	}
}

// write makes a view's change (writeMsg) as change makes one of an
// initiative.
func (m *Model) write(w writeMsg) tea.Cmd {
	if m.stopped != "" {
		return nil
	}
	ctx, st, snap := m.ctx, m.st, m.snap
	return m.startChange(func() tea.Msg {
		var ch store.Change
		note, err := w.op(store.WithChange(ctx, &ch), st)
		if err != nil {
			return savedMsg{err: err}
		}
		msg := saved(ctx, st, snap, ch, 0, "saved")
		if msg.err == nil {
			msg.note = note(msg.snap)
		}
		return msg
	})
}

// saved reports a committed change: the snapshot after it (snapshot.after)
// and what to say and select.
func saved(ctx context.Context, st *store.Store, snap *snapshot, ch store.Change, focus int64, note string) savedMsg {
	next, err := snap.after(ctx, st, ch)
	if err != nil {
		return savedMsg{err: fmt.Errorf("%s, but the roadmap cannot be read again: %w", note, err)}
	}
	return savedMsg{snap: next, focus: focus, note: note}
}

// transition makes a status change of the initiative as the dashboard
// shows it: like an edit, it is refused when the initiative changed
// elsewhere since.
func (m *Model) transition(in *roadmap.Initiative, tr roadmap.Transition) tea.Cmd {
	return m.startChange(m.setStatus(in.ID, tr, store.Options{ExpectVersion: in.Version}))
}

// staleText says that a change was refused because the initiative changed
// elsewhere, and what now: a dialog still holds what the user gave, but
// nothing was saved; after a key, nothing was changed either. The
// dashboard reloads in both cases, to show the initiative as it is.
func staleText(stale *store.StaleError, inDialog bool) error {
	if inDialog {
		return fmt.Errorf("%w; nothing was saved: press esc and try again", stale)
	}
	// What happened comes first: a narrow status line cuts the end.
	return fmt.Errorf("nothing changed: %v; it is shown as it is now", stale)
}

// setStatus makes a transition; a refusal for unmet prerequisites or
// unfinished dependencies comes back as blocked, ready to be forced.
func (m *Model) setStatus(id int64, tr roadmap.Transition, opt store.Options) tea.Cmd {
	ctx, st, snap := m.ctx, m.st, m.snap
	return func() tea.Msg {
		var ch store.Change
		in, err := st.SetStatus(store.WithChange(ctx, &ch), id, tr, opt)
		var blocked *roadmap.BlockedError
		if errors.As(err, &blocked) && !opt.Force {
			return savedMsg{blocked: blocked, tr: tr}
		}
		if err != nil {
			return savedMsg{err: err}
		}
		note := tr.Did(roadmap.Printable(in.Ref()))
		if opt.Force {
			note += " (forced; reason recorded)"
		}
		msg := saved(ctx, st, snap, ch, in.ID, note)
		if msg.err == nil && tr == roadmap.Start {
			if waiting := msg.snap.r.Waiting(&in); len(waiting) > 0 {
				msg.note += "; it " + roadmap.Printable(roadmap.WaitingText(waiting))
			}
		}
		return msg
	}
}

// remove deletes an initiative.
func (m *Model) remove(id, version int64) tea.Cmd {
	ctx, st, snap := m.ctx, m.st, m.snap
	return func() tea.Msg {
		var ch store.Change
		in, err := st.Delete(store.WithChange(ctx, &ch), id, store.Options{ExpectVersion: version})
		if err != nil {
			return savedMsg{err: err}
		}
		return saved(ctx, st, snap, ch, 0, "deleted "+roadmap.Printable(in.Ref()))
	}
}

// historyMsg brings the last history entries of an initiative, newest
// first, read for the detail; tag says which read it answers.
type historyMsg struct {
	id     int64
	tag    int
	events []store.Event
	err    error
}

// historyShown is how many history entries the detail shows, as show
// does.
const historyShown = 10

// readHistory reads the last history entries of the initiative of the
// detail, if one is open; an earlier read still under way is then
// answered in vain.
func (m *Model) readHistory() tea.Cmd {
	if m.overlay == nil || m.overlay.Selected() == nil {
		return nil
	}
	m.historyTag++
	ctx, st, id, tag := m.ctx, m.st, m.overlay.Selected().ID, m.historyTag
	return func() tea.Msg {
		events, err := st.History(ctx, store.HistoryFilter{Initiative: id, Limit: historyShown})
		return historyMsg{id: id, tag: tag, events: events, err: err}
	}
}

// exportedMsg reports a finished export or report, and what to say
// when it succeeded.
type exportedMsg struct {
	path string
	err  error
	note string
}

// exportOptions say how the dashboard writes an export: a new file
// readable as the umask allows, never over the database or its side
// files, and not to standard output, which is the dashboard's screen.
func (m *Model) exportOptions() atomicfile.Options {
	return atomicfile.Options{Perm: 0o666, Protect: m.st.Files()}
}

// export writes the roadmap CSV of the current snapshot to path: its rows
// with their warnings, found again if the snapshot is not settled yet.
func (m *Model) export(path string) tea.Cmd {
	snap, opt := m.snap, m.exportOptions()
	return func() tea.Msg {
		err := atomicfile.Write(path, opt, func(w io.Writer) error {
			if !snap.settled {
				return roadmap.WriteCSVCodes(w, snap.r, snap.r.CodesOf(snap.today))
			}
			return roadmap.WriteCSV(w, snap.r, snap.warnings)
		})
		return exportedMsg{path: path, err: err, note: "exported the roadmap to " + path}
	}
}

// statusExpiredMsg clears the status line if nothing newer was shown.
type statusExpiredMsg struct{ tag int }

const statusLifetime = 6 * time.Second

func (m *Model) expireStatus(tag int) tea.Cmd {
	if m.noTimers {
		return nil
	}
	return tea.Tick(statusLifetime, func(time.Time) tea.Msg { return statusExpiredMsg{tag} })
}

// writeReport writes the HTML report (maturity report) of the current
// snapshot into the current folder, with the changes of the last three
// months, and says where in the status line. When today's report is
// there already, it asks first, as the export does (askFile), offering
// the same name. Finding the file, the reads and the writing happen in
// the command, off the key path.
func (m *Model) writeReport() tea.Cmd {
	path := report.FileName(m.today())
	ask := m.askFile("Write the HTML report", path, path, m.reportTo)
	write, opt := m.reportWriter(), m.exportOptions()
	return func() tea.Msg {
		t, err := atomicfile.Resolve(path, opt)
		if err != nil {
			return exportedMsg{path: path, err: err}
		}
		if t.Replaces() {
			return askMsg{dialog: ask}
		}
		if err := write(path); err != nil {
			return exportedMsg{path: path, err: err}
		}
		return noteMsg{text: reportNote(path)}
	}
}

// reportTo writes the HTML report to path, for the prompt: the outcome
// closes it, or shows in it.
func (m *Model) reportTo(path string) tea.Cmd {
	write := m.reportWriter()
	return func() tea.Msg {
		return exportedMsg{path: path, err: write(path), note: reportNote(path)}
	}
}

func reportNote(path string) string { return "wrote the report to " + path }

// reportWriter returns what writes the HTML report of the current
// snapshot to a path: the history since the default since point is read
// then, in the command that calls it.
func (m *Model) reportWriter() func(path string) error {
	snap, st, opt, today := m.snap, m.st, m.exportOptions(), m.today()
	return func(path string) error {
		since := report.DefaultSince(today)
		events, err := st.History(context.Background(), store.HistoryFilter{Since: since})
		if err != nil {
			return err
		}
		var changes []report.Change
		for _, e := range events {
			if e.Action == store.ActionEdit || e.Action == store.ActionForce {
				if c, ok := report.ChangeOf(report.Edit{At: e.At, Actor: e.Actor, Initiative: e.Initiative, Field: e.Field,
					Old: e.Old, New: e.New, Forced: e.Action == store.ActionForce, Reason: e.Reason}); ok {
					changes = append(changes, c)
				}
			}
		}
		rep := report.Build(snap.r, report.Options{Today: today, Since: since, Changes: changes, Assessed: snap.assessed})
		return atomicfile.Write(path, opt, func(w io.Writer) error { return report.WriteHTML(w, rep, "") })
	}
}
