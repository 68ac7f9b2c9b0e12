package tui

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

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
	tb.Cleanup(func() { st.Close() })
	return st
}

// importDemo fills an empty store with the demo roadmap of 2026-Q4, as
// init --demo does.
func importDemo(st *store.Store) error {
	_, err := st.Import(context.Background(), roadmap.ImportOf(roadmap.Demo(roadmap.QuarterOf(testToday))), false)
	return err
}

// harness drives the dashboard by hand: every message goes through Update
// and every command it returns runs at once, its messages fed back in.
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
	m := New(st, Options{Today: fixedToday})
	m.noTimers = true
	hs := &harness{tb: tb, st: st, m: m}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(m.Init())
	if m.snap == nil {
		tb.Fatalf("the roadmap did not load: %v", m.loadErr)
	}
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
	st.Now = fixedToday
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

// send passes one message to Update and runs what it returns.
func (h *harness) send(msg tea.Msg) {
	h.tb.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

// run executes a command and everything it leads to, synchronously.
// Batches and sequences are expanded in order; tea.Quit is recorded, not
// delivered.
func (h *harness) run(cmd tea.Cmd) {
	h.tb.Helper()
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(10 * time.Second):
		h.tb.Fatal("a command did not return: timers must be off in tests")
	}
	switch msg := msg.(type) {
	case nil:
		return
	case tea.QuitMsg:
		h.quit = true
		return
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
		return
	}
	// tea.Sequence returns an unexported []tea.Cmd.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		for i := range v.Len() {
			h.run(v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	h.send(msg)
}

// key sends key presses: each argument is one key, named as
// tea.KeyMsg.String() names it ("enter", "shift+tab", "ctrl+s", "a").
func (h *harness) key(keys ...string) {
	h.tb.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
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

// view returns the screen as plain text: the characters without their
// colours and attributes.
func (h *harness) view() string { return ansi.Strip(h.m.View().Content) }

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

// dialogView returns the open dialog drawn 100 wide, or fails.
func (h *harness) dialogView() string {
	h.tb.Helper()
	if h.m.dialog == nil {
		h.tb.Fatal("no dialog is open")
	}
	return flat(h.m.dialog.View(100))
}

// flat joins a drawing's lines, drops its colours and squeezes runs of
// spaces and box edges, so that a wrapped sentence can be searched for.
func flat(s string) string {
	s = strings.NewReplacer("│", " ", "╭", " ", "╮", " ", "╰", " ", "╯", " ", "─", " ").Replace(ansi.Strip(s))
	return strings.Join(strings.Fields(s), " ")
}

// selectOnBoard opens the roadmap view with initiative id selected.
func (h *harness) selectOnBoard(id int64) {
	h.tb.Helper()
	h.key("2")
	h.m.board.selectID(id)
	if in := h.m.board.selected(); in == nil || in.ID != id {
		h.tb.Fatalf("cannot select #%d on the board", id)
	}
}

// selectInTable opens the initiatives view with initiative id selected.
func (h *harness) selectInTable(id int64) {
	h.tb.Helper()
	h.key("3")
	h.m.table.selectID(id)
	if in := h.m.table.selected(); in == nil || in.ID != id {
		h.tb.Fatalf("cannot select #%d in the table", id)
	}
}
