package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"maturity/roadmap"
	"maturity/store"
)

func init() {
	// The dashboard shows dates in local time: pin the zone, so that the
	// goldens do not depend on where the tests run.
	time.Local = time.UTC
}

// testToday is the fixed clock of every test: 2026-Q4.
var testToday = time.Date(2026, 11, 15, 12, 0, 0, 0, time.UTC)

func fixedToday() time.Time { return testToday }

// openStore creates an empty database in a fresh temporary folder.
func openStore(tb testing.TB) *store.Store {
	tb.Helper()
	return openStoreAt(tb, filepath.Join(tb.TempDir(), "roadmap.db"))
}

// openStoreAt opens the database at path, closed when the test ends.
func openStoreAt(tb testing.TB, path string) *store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	st.Now = fixedToday
	st.Today = fixedToday // the evidence is judged as of the tests' day too
	tb.Cleanup(func() { st.Close() })
	return st
}

// importDemo fills an empty store with the demo roadmap of 2026-Q4, its
// evidence and its capacity figures, as init --demo does.
func importDemo(st *store.Store) error {
	ctx := context.Background()
	if _, err := st.Import(ctx, roadmap.ImportOf(roadmap.Demo(roadmap.QuarterOf(testToday))), false); err != nil {
		return err
	}
	if err := st.AddEvidence(ctx, roadmap.DemoEvidence(testToday)); err != nil {
		return err
	}
	for _, f := range roadmap.DemoCapacity(roadmap.QuarterOf(testToday)) {
		if err := st.SetCapacity(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// harness drives the dashboard by hand, as a user at the keyboard: every
// message goes through Update and every command it returns runs at once,
// its messages fed back in, so a test reads the outcome right after a
// key. Tests drive and read the dashboard through its methods only; they
// alone know the model's fields.
type harness struct {
	tb   testing.TB
	st   *store.Store
	m    *Model
	quit bool // a command returned tea.QuitMsg
}

// newHarness builds the dashboard on st, sizes it and runs Init, so the
// roadmap is loaded when it returns.
func newHarness(tb testing.TB, st *store.Store, w, h int) *harness {
	tb.Helper()
	return newHarnessWith(tb, st, w, h, Options{})
}

// newHarnessWith is newHarness with options; the clock is the tests'.
func newHarnessWith(tb testing.TB, st *store.Store, w, h int, opts Options) *harness {
	tb.Helper()
	opts.Today = fixedToday
	m := New(st, opts)
	m.noTimers = true
	hs := &harness{tb: tb, st: st, m: m}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(m.Init())
	if m.snap == nil {
		tb.Fatalf("the roadmap did not load: %v", m.loadErr)
	}
	return hs
}

// loadedBeforeSize builds the dashboard on st and runs Init before it
// learns the terminal's size, w×h: a terminal that answers late.
func loadedBeforeSize(tb testing.TB, st *store.Store, w, h int) *harness {
	tb.Helper()
	m := New(st, Options{Today: fixedToday})
	m.noTimers = true
	hs := &harness{tb: tb, st: st, m: m}
	hs.run(m.Init())
	if m.snap == nil {
		tb.Fatalf("the roadmap did not load: %v", m.loadErr)
	}
	hs.resize(w, h)
	return hs
}

// demoHarness is a dashboard on a fresh demo database, 120×40.
func demoHarness(tb testing.TB) *harness {
	tb.Helper()
	return newHarness(tb, openDemoStore(tb), 120, 40)
}

// demoTemplate is a demo database made once per run and copied for each
// test: seeding takes several synced writes, copying one.
var demoTemplate = sync.OnceValues(func() (string, error) {
	dir, err := tempDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "demo.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		return "", err
	}
	st.Now, st.Today = fixedToday, fixedToday
	err = importDemo(st)
	// Closing the last connection folds the write-ahead log into the file.
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return path, err
})

// openDemoStore opens a fresh copy of the demo database.
func openDemoStore(tb testing.TB) *store.Store {
	tb.Helper()
	tmpl, err := demoTemplate()
	if err != nil {
		tb.Fatal(err)
	}
	data, err := os.ReadFile(tmpl)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "roadmap.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return openStoreAt(tb, path)
}

// Driving the dashboard.

// send passes one message to Update and runs what it returns.
func (h *harness) send(msg tea.Msg) {
	h.tb.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

// run executes commands and everything they lead to, synchronously, in
// order. Batches and sequences are expanded in order; tea.Quit is
// recorded, not delivered.
func (h *harness) run(cmds ...tea.Cmd) {
	h.tb.Helper()
	h.runUntil(func() bool { return false }, cmds...)
}

// runUntil runs commands as run does, but stops as soon as until holds
// (before the first, or after a message was handled), and returns the
// commands not run yet, in the order run would have run them.
func (h *harness) runUntil(until func() bool, cmds ...tea.Cmd) []tea.Cmd {
	h.tb.Helper()
	todo := slices.Clone(cmds)
	for len(todo) > 0 && !until() {
		cmd := todo[0]
		todo = todo[1:]
		if cmd == nil {
			continue
		}
		done := make(chan tea.Msg, 1)
		go func() { done <- cmd() }()
		var msg tea.Msg
		select {
		case msg = <-done:
		case <-time.After(10 * time.Second):
			h.tb.Fatal("a command did not return: timers must be off in tests")
		}
		switch m := msg.(type) {
		case nil:
			continue
		case tea.QuitMsg:
			h.quit = true
			continue
		case tea.BatchMsg:
			todo = append(slices.Clone([]tea.Cmd(m)), todo...)
			continue
		}
		// tea.Sequence returns an unexported []tea.Cmd.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			seq := make([]tea.Cmd, v.Len())
			for i := range seq {
				seq[i] = v.Index(i).Interface().(tea.Cmd)
			}
			todo = append(seq, todo...)
			continue
		}
		_, next := h.m.Update(msg)
		todo = append([]tea.Cmd{next}, todo...)
	}
	return todo
}

// press sends key presses: each argument is one key, named as
// tea.KeyPressMsg.String() names it ("enter", "shift+tab", "ctrl+s", "a").
func (h *harness) press(keys ...string) {
	h.tb.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

// pressLater gives one key press to Update and returns the command it
// started without running it, as when the store has not answered yet.
func (h *harness) pressLater(k string) tea.Cmd {
	h.tb.Helper()
	_, cmd := h.m.Update(keyMsg(k))
	return cmd
}

// typeText types every rune of s as its own key press.
func (h *harness) typeText(s string) {
	h.tb.Helper()
	for _, r := range s {
		h.send(keyMsg(string(r)))
	}
}

// paste pastes s, as a terminal in bracketed paste mode sends it.
func (h *harness) paste(s string) {
	h.tb.Helper()
	h.send(tea.PasteMsg{Content: s})
}

// resize tells the dashboard the terminal's new size.
func (h *harness) resize(w, ht int) {
	h.tb.Helper()
	h.send(tea.WindowSizeMsg{Width: w, Height: ht})
}

// show hands the dashboard a roadmap as if it had just been loaded.
func (h *harness) show(r *roadmap.Roadmap) {
	h.tb.Helper()
	h.send(loadedMsg{snap: newSnapshotWith(r, roadmap.QuarterOf(testToday), nil), version: h.m.version})
}

// titles returns the views' titles, in tab order.
func (h *harness) titles() []string {
	var out []string
	for _, v := range h.m.views {
		out = append(out, v.Title())
	}
	return out
}

// view opens the view titled name, as the user does: with its number key.
func (h *harness) view(name string) {
	h.tb.Helper()
	i := slices.Index(h.titles(), name)
	if i < 0 {
		h.tb.Fatalf("no view is titled %q: %q", name, h.titles())
	}
	h.press(strconv.Itoa(i + 1))
	if got := h.active(); got != name {
		h.tb.Fatalf("%d opened %s, want %s", i+1, got, name)
	}
}

// active returns the title of the view on screen.
func (h *harness) active() string { return h.m.activeView().Title() }

// selectIn opens the view titled name with initiative id selected, as a
// view's showMsg does.
func (h *harness) selectIn(name string, id int64) {
	h.tb.Helper()
	h.view(name)
	h.send(showMsg{view: name, id: id})
	if in := h.selected(); in == nil || in.ID != id {
		h.tb.Fatalf("cannot select #%d in the %s", id, name)
	}
}

// closeAll closes the dialog and the help, whatever they hold.
func (h *harness) closeAll() { h.m.dialog, h.m.showHelp = nil, false }

// keyCodes maps the names of special keys to their codes.
var keyCodes = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
	"space": tea.KeySpace, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "delete": tea.KeyDelete,
}

// keyMods maps the names of modifiers to their bits.
var keyMods = map[string]tea.KeyMod{"ctrl": tea.ModCtrl, "alt": tea.ModAlt, "shift": tea.ModShift}

// keyMsg builds the key press whose String() is name ("enter",
// "shift+tab", "ctrl+s", "a", "E"), as Bubble Tea decodes it from the
// terminal: a printable key carries its text, an upper-case letter is
// shift and the lower-case key.
func keyMsg(name string) tea.KeyPressMsg {
	var k tea.KeyPressMsg
	parts := strings.Split(name, "+")
	if name == "+" {
		parts = []string{"+"}
	}
	for _, mod := range parts[:len(parts)-1] {
		m, ok := keyMods[mod]
		if !ok {
			panic("keyMsg: unknown modifier in " + name)
		}
		k.Mod |= m
	}
	last := parts[len(parts)-1]
	if c, ok := keyCodes[last]; ok {
		k.Code = c
		return k
	}
	r := []rune(last)
	if len(r) != 1 {
		panic("keyMsg: not one key: " + name)
	}
	k.Code = r[0]
	if k.Mod == 0 {
		k.Text = last
		if unicode.IsUpper(r[0]) {
			k.Code, k.ShiftedCode, k.Mod = unicode.ToLower(r[0]), r[0], tea.ModShift
		}
	}
	return k
}

// Reading the dashboard.

// screen returns the screen as plain text: the characters without their
// colours and attributes.
func (h *harness) screen() string { return ansi.Strip(h.m.View().Content) }

// helpLine returns the screen's last line: the short help.
func (h *harness) helpLine() string {
	lines := strings.Split(h.screen(), "\n")
	return lines[len(lines)-1]
}

// helpKeys returns the key map the help shows for the active view.
func (h *harness) helpKeys() help.KeyMap { return h.m.helpKeys() }

// helpOpen reports whether the help screen is showing.
func (h *harness) helpOpen() bool { return h.m.showHelp }

// selected returns the initiative selected in the active view, or nil.
func (h *harness) selected() *roadmap.Initiative { return h.m.activeView().Selected() }

// statusText returns the status line's text.
func (h *harness) statusText() string { return h.m.status }

// statusIsError reports whether the status line shows an error.
func (h *harness) statusIsError() bool { return h.m.statusKind == statusError }

// statusTag returns the tag of the status line's text, which its expiry
// names.
func (h *harness) statusTag() int { return h.m.statusTag }

// stopped returns what the dashboard says, for good, about its database
// file having gone, or "".
func (h *harness) stopped() string { return h.m.stopped }

// saving reports whether a change is being saved, and how many key
// presses wait for it.
func (h *harness) saving() (bool, int) { return h.m.busy, len(h.m.queued) }

// snapshot returns the roadmap the dashboard shows, with what it computed.
func (h *harness) snapshot() *snapshot { return h.m.snap }

// shown returns initiative id as the dashboard has it.
func (h *harness) shown(id int64) (*roadmap.Initiative, bool) { return h.m.snap.r.Get(id) }

// styles returns the styles the dashboard draws with.
func (h *harness) styles() Styles { return h.m.styles }

// helpStyles returns the styles the key help is drawn with.
func (h *harness) helpStyles() help.Styles { return h.m.help.Styles }

// The open dialog, if any.

// dialogKind names the open dialog: "form", "prompt", "confirm", or "".
func (h *harness) dialogKind() string {
	switch h.m.dialog.(type) {
	case nil:
		return ""
	case *form:
		return "form"
	case *prompt:
		return "prompt"
	case *confirm:
		return "confirm"
	}
	return fmt.Sprintf("%T", h.m.dialog)
}

// dialogText returns the open dialog drawn 100 wide, flattened (see flat),
// or fails.
func (h *harness) dialogText() string {
	h.tb.Helper()
	if h.m.dialog == nil {
		h.tb.Fatal("no dialog is open")
	}
	return flat(h.m.dialog.View(100))
}

// dialogError returns the error the open dialog shows about its input or
// its outcome: under a prompt's field, at the foot of the form, in a
// question's box.
func (h *harness) dialogError() string {
	switch d := h.m.dialog.(type) {
	case *form:
		return d.saveErr
	case *prompt:
		return d.err
	case *confirm:
		return d.err
	}
	return ""
}

// input returns the text in the open prompt's field, or fails.
func (h *harness) input() string {
	h.tb.Helper()
	p, ok := h.m.dialog.(*prompt)
	if !ok {
		h.tb.Fatalf("dialog %q, want a prompt", h.dialogKind())
	}
	return p.input.Value()
}

// field returns the text of one field of the open form, and the error
// shown under it; it fails when no form is open.
func (h *harness) field(i int) (value, err string) {
	h.tb.Helper()
	f, ok := h.m.dialog.(*form)
	if !ok {
		h.tb.Fatalf("dialog %q, want the form", h.dialogKind())
	}
	return f.text(i), f.errs[i]
}

// The initiatives table and the warnings.

// table returns the initiatives view.
func (h *harness) table() *table { return viewOf[*table](h) }

// viewOf returns the view of type V, or fails.
func viewOf[V view](h *harness) V {
	h.tb.Helper()
	for _, v := range h.m.views {
		if v, ok := v.(V); ok {
			return v
		}
	}
	var none V
	h.tb.Fatalf("no view is a %T", none)
	return none
}

// rows returns the initiatives the table lists, filtered and sorted: all
// of them, not only those on screen.
func (h *harness) rows() []*roadmap.Initiative { return h.table().rows }

// rowIDs returns the ids of rows().
func (h *harness) rowIDs() []int64 {
	var ids []int64
	for _, in := range h.rows() {
		ids = append(ids, in.ID)
	}
	return ids
}

// filterText returns the text in the table's filter.
func (h *harness) filterText() string { return h.table().filter.Value() }

// typing reports whether the table's filter has the keyboard.
func (h *harness) typing() bool { return h.table().Typing() }

// filterStyles returns the styles of the table's filter field.
func (h *harness) filterStyles() textinput.Styles { return h.table().filter.Styles() }

// layout returns the table's columns that fit (indexes into tableColumns)
// and their widths.
func (h *harness) layout() ([]int, []int) { return h.table().layout() }

// warning returns the warning selected in the warnings view.
func (h *harness) warning() (roadmap.Warning, bool) {
	return viewOf[*warningList](h).selectedWarning()
}

// inspect wraps a model that ran as a program, for reading only.
func inspect(tb testing.TB, m *Model) *harness { return &harness{tb: tb, m: m} }

// reload reads the roadmap straight from the store.
func (h *harness) reload() *roadmap.Roadmap {
	h.tb.Helper()
	r, err := h.st.Load(context.Background())
	if err != nil {
		h.tb.Fatal(err)
	}
	return r
}

// get returns initiative id as stored.
func (h *harness) get(id int64) roadmap.Initiative {
	h.tb.Helper()
	in, ok := h.reload().Get(id)
	if !ok {
		h.tb.Fatalf("initiative #%d is not in the store", id)
	}
	return *in
}

// flat joins a drawing's lines, drops its colours and squeezes runs of
// spaces and box edges, so that a wrapped sentence can be searched for.
func flat(s string) string {
	s = strings.NewReplacer("│", " ", "╭", " ", "╮", " ", "╰", " ", "╯", " ", "─", " ").Replace(ansi.Strip(s))
	return strings.Join(strings.Fields(s), " ")
}

// The roadmap board (s2-board: columns off-screen, the backlog keys, the
// row kept between columns).

// board returns the roadmap board.
func (h *harness) board() *board { return viewOf[*board](h) }

// boardCursor returns the quarter of the board's column the cursor is in
// (roadmap.Backlog for the backlog) and its row there.
func (h *harness) boardCursor() (roadmap.Quarter, int) {
	b := h.board()
	return b.quarters[b.col], b.row
}

// boardCards returns the ids of the cards in the board's column of q, in
// the order drawn.
func (h *harness) boardCards(q roadmap.Quarter) []int64 {
	b := h.board()
	var ids []int64
	for c, cq := range b.quarters {
		if cq == q {
			for _, in := range b.cols[c] {
				ids = append(ids, in.ID)
			}
		}
	}
	return ids
}

// boardRule returns the screen's line under the board's column headers and
// levels: the rule, where the columns off-screen are counted.
func (h *harness) boardRule() string {
	h.tb.Helper()
	if h.active() != "Roadmap" {
		h.tb.Fatalf("the %s is on screen, not the roadmap", h.active())
	}
	return strings.Split(h.screen(), "\n")[headHeight] // under the tab bar, the header's last line
}

// The form's look (issue 9, defects 2, 6 and 7).

// hintsFaint reports whether field i of the open form draws its
// placeholder and its suggested completion faint, focused or not; it
// fails when no form is open.
func (h *harness) hintsFaint(i int) bool {
	h.tb.Helper()
	f, ok := h.m.dialog.(*form)
	if !ok {
		h.tb.Fatalf("dialog %q, want the form", h.dialogKind())
	}
	s := f.inputs[i].Styles()
	return s.Focused.Placeholder.GetFaint() && s.Blurred.Placeholder.GetFaint() &&
		s.Focused.Suggestion.GetFaint() && s.Blurred.Suggestion.GetFaint()
}

// The assessment view (issue 10): its cursor, driven by keys, and the
// evidence as stored.

// assessment returns the assessment view.
func (h *harness) assessment() *assessmentView { return viewOf[*assessmentView](h) }

// selection returns what the assessment view's cursor is on: a
// criterion's key, or a metric's key and the quarter selected.
func (h *harness) selection() string {
	v := h.assessment()
	if v.inMetrics {
		if x := v.selectedMetric(); x != nil {
			return x.Key + " " + v.quarters()[v.quarter].String()
		}
		return ""
	}
	if c := v.criterion(); c != nil {
		return c.Key
	}
	return ""
}

// selectCriterion opens the assessment view and moves its cursor onto
// the criterion key with the arrow keys, as a user does.
func (h *harness) selectCriterion(key string) {
	h.tb.Helper()
	h.view(assessmentTitle)
	top := func() {
		for range 60 {
			h.press("up")
		}
	}
	top()
	for range 10 {
		h.press("left")
	}
	for range 10 {
		for range 60 {
			if h.selection() == key {
				return
			}
			if h.assessment().inMetrics {
				break
			}
			h.press("down")
		}
		top()
		h.press("right")
	}
	h.tb.Fatalf("cannot select criterion %s: the cursor is on %q", key, h.selection())
}

// selectMetric opens the assessment view and moves its cursor onto the
// metric key, in the current quarter, with the arrow keys.
func (h *harness) selectMetric(key string) {
	h.tb.Helper()
	h.view(assessmentTitle)
	for range 60 {
		if h.assessment().inMetrics {
			break
		}
		h.press("down")
	}
	h.press("home")
	for range 6 {
		h.press("right")
	}
	for range 40 {
		if strings.HasPrefix(h.selection(), key+" ") {
			return
		}
		h.press("down")
	}
	h.tb.Fatalf("cannot select metric %s: the cursor is on %q", key, h.selection())
}

// evidence reads the answers and the metric values straight from the
// store: every answer, and every value recorded, replaced ones too.
func (h *harness) evidence() ([]roadmap.Answer, []roadmap.MetricValue) {
	h.tb.Helper()
	ctx := context.Background()
	e, err := h.st.LoadEvidence(ctx)
	if err != nil {
		h.tb.Fatal(err)
	}
	values, err := h.st.ValueHistory(ctx)
	if err != nil {
		h.tb.Fatal(err)
	}
	return e.Evidence.Answers, values
}

// The capacity on the dashboard (issue 11, its Dashboard part): rosters
// with figures set in the test, and what the board's headers say.

// showCapacity shows the roadmap as stored, with the capacity figures
// given, as if it had just been loaded.
func (h *harness) showCapacity(figures ...roadmap.CapacityFigure) {
	h.tb.Helper()
	r := h.reload()
	r.Capacity = roadmap.NewCapacity(figures)
	h.show(r)
}

// boardHeader returns the header of the board's column of q, as drawn
// (plain text, trimmed): its title, levels, load and rule.
func (h *harness) boardHeader(q roadmap.Quarter) []string {
	h.tb.Helper()
	b := h.board()
	for c, cq := range b.quarters {
		if cq == q {
			var out []string
			for _, l := range b.column(c)[:headHeight] {
				out = append(out, strings.TrimSpace(ansi.Strip(l)))
			}
			return out
		}
	}
	h.tb.Fatalf("the board has no column %s", q.Label())
	return nil
}

// boardIDs returns the ids of every card on the board, column by column.
func (h *harness) boardIDs() []int64 {
	var ids []int64
	for _, col := range h.board().cols {
		for _, in := range col {
			ids = append(ids, in.ID)
		}
	}
	return ids
}

// tab returns the active view's tab as drawn: its number, title and badge.
func (h *harness) tab() string {
	v := h.m.activeView()
	if b := v.Badge(); b != "" {
		return v.Title() + " (" + b + ")"
	}
	return v.Title()
}

// capacityCell returns the quarter and the person ("" for the team) of
// the capacity view's selected cell.
func (h *harness) capacityCell() (string, string) {
	q, who := viewOf[*capacityView](h).selection()
	return q.String(), who
}

// capacityRows returns the capacity view's quarters and people, as its
// rows and columns (after the team's).
func (h *harness) capacityRows() ([]string, []string) {
	v := viewOf[*capacityView](h)
	var qs []string
	for _, q := range v.quarters {
		qs = append(qs, q.String())
	}
	return qs, v.people
}

// previewOpen reports whether the schedule preview is open.
func (h *harness) previewOpen() bool {
	_, ok := h.m.dialog.(*schedulePreview)
	return ok
}

// edited returns r with initiative id changed by edit, its indexes made
// again (roadmap.With).
func edited(tb testing.TB, r *roadmap.Roadmap, id int64, edit func(*roadmap.Initiative)) *roadmap.Roadmap {
	tb.Helper()
	in, ok := r.Get(id)
	if !ok {
		tb.Fatalf("no initiative #%d", id)
	}
	c := *in
	c.DependsOn = slices.Clone(c.DependsOn)
	edit(&c)
	return r.With([]roadmap.Initiative{c}, nil)
}
