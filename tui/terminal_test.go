package tui

import (
	"bytes"
	"image/color"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"maturity/roadmap"
	"maturity/store"
)

// These tests run the dashboard as Bubble Tea runs it and talk to it as a
// terminal does: bytes in, bytes out. They check what the harness cannot:
// how the bytes the terminal sends become key presses, what the program
// learns about its terminal, and what it draws for the colour profile.

// program is the dashboard running in a Bubble Tea program.
type program struct {
	t    *testing.T
	p    *tea.Program
	in   *io.PipeWriter
	out  *lockedBuffer
	done chan ran

	mu   sync.Mutex
	keys []string      // the key presses Update was given, in order
	seen chan struct{} // signalled on each key press
}

// ran is how a program ended.
type ran struct {
	m   *Model
	err error
}

// lockedBuffer is the program's output, written by the renderer while the
// test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// runProgram starts the dashboard on st in a 120×40 terminal whose
// environment is env, and returns once the roadmap has loaded.
func runProgram(t *testing.T, st *store.Store, env []string) *program {
	t.Helper()
	m := New(st, Options{Today: fixedToday})
	m.noTimers = true
	r, w := io.Pipe()
	pr := &program{t: t, in: w, out: &lockedBuffer{}, done: make(chan ran, 1), seen: make(chan struct{}, 100)}
	loaded := make(chan struct{})
	var once sync.Once
	filter := func(_ tea.Model, msg tea.Msg) tea.Msg {
		switch msg := msg.(type) {
		case loadedMsg:
			if msg.snap != nil {
				once.Do(func() { close(loaded) })
			}
		case tea.KeyPressMsg:
			pr.mu.Lock()
			pr.keys = append(pr.keys, msg.String())
			pr.mu.Unlock()
			pr.seen <- struct{}{}
		}
		return msg
	}
	pr.p = tea.NewProgram(m, tea.WithInput(r), tea.WithOutput(pr.out), tea.WithEnvironment(env),
		tea.WithWindowSize(120, 40), tea.WithoutSignals(), tea.WithFilter(filter))
	go func() {
		final, err := pr.p.Run()
		fm, _ := final.(*Model)
		pr.done <- ran{fm, err}
	}()
	t.Cleanup(func() {
		// A test that failed before quit leaves the program running.
		pr.p.Kill()
		w.Close()
		select {
		case <-pr.done:
		case <-time.After(10 * time.Second):
		}
	})
	select {
	case <-loaded:
	case <-time.After(10 * time.Second):
		t.Fatal("the roadmap did not load")
	}
	return pr
}

// send writes bytes as the terminal sends them, in one piece, and waits
// until Update has been given presses key presses.
func (pr *program) send(s string, presses int) {
	pr.t.Helper()
	if _, err := pr.in.Write([]byte(s)); err != nil {
		pr.t.Fatal(err)
	}
	for range presses {
		select {
		case <-pr.seen:
		case <-time.After(10 * time.Second):
			pr.t.Fatalf("after %q the program saw only the keys %q", s, pr.pressed())
		}
	}
}

// waitFor waits until the screen drawn so far has all of marks.
func (pr *program) waitFor(marks ...string) {
	pr.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		out := pr.out.String()
		missing := slices.DeleteFunc(slices.Clone(marks), func(m string) bool { return strings.Contains(out, m) })
		if len(missing) == 0 {
			return
		}
		if time.Now().After(deadline) {
			pr.t.Fatalf("the screen never showed %q", missing)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// pressed returns the key presses seen so far.
func (pr *program) pressed() []string {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return slices.Clone(pr.keys)
}

// quit ends the program, once everything sent so far is handled, and
// returns the final model.
func (pr *program) quit() *Model {
	pr.t.Helper()
	pr.p.Quit()
	select {
	case r := <-pr.done:
		if r.err != nil {
			pr.t.Fatalf("the program failed: %v", r.err)
		}
		pr.done <- r // for the cleanup
		return r.m
	case <-time.After(10 * time.Second):
		pr.t.Fatal("the program did not quit")
		return nil
	}
}

// terminalEnv is the environment of a 256-colour terminal. TTY_FORCE
// makes the colour profile count the test's output as a terminal.
var terminalEnv = []string{"TERM=xterm-256color", "TTY_FORCE=1"}

// TestKeysThatArriveTogetherEachCount types keys as fast typing or a slow
// link delivers them: several in one read. Bubble Tea v2 makes each
// character its own key press (v1 made one press of several runes, which
// matched no key and was dropped), so "]]" moves a card twice and
// "/Developer" opens the filter and types into it.
func TestKeysThatArriveTogetherEachCount(t *testing.T) {
	st := openDemoStore(t)
	pr := runProgram(t, st, terminalEnv)
	// The board opens on the current quarter, 2026-Q4, on #14.
	pr.send("2]]", 3)
	deadline := time.Now().Add(10 * time.Second)
	for {
		r, err := st.Load(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		in, _ := r.Get(14)
		if in.Quarter == (roadmap.Quarter{Year: 2027, Q: 2}) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("#14 is in %s, want 2027-Q2 after two moves; keys seen %q", in.Quarter, pr.pressed())
		}
		time.Sleep(10 * time.Millisecond)
	}
	pr.send("3/Developer", 11)
	h := inspect(t, pr.quit())
	if want := []string{"2", "]", "]", "3", "/", "D", "e", "v", "e", "l", "o", "p", "e", "r"}; !slices.Equal(pr.pressed(), want) {
		t.Errorf("key presses %q, want %q", pr.pressed(), want)
	}
	if h.active() != "Initiatives" || !h.typing() || h.filterText() != "Developer" {
		t.Fatalf("view %s, typing %v, filter %q", h.active(), h.typing(), h.filterText())
	}
	if rows, all := h.rowIDs(), len(h.snapshot().sorted); len(rows) == 0 || len(rows) == all || !slices.Contains(rows, 12) {
		t.Errorf("the filter shows %d rows of %d, want a few, #12 among them", len(rows), all)
	}
}

// TestTheTerminalsBackgroundSetsTheStyles answers the program's question
// about the background as a terminal does: a light one gives the light
// styles, to the views, the help and the text fields alike.
func TestTheTerminalsBackgroundSetsTheStyles(t *testing.T) {
	light, dark := NewStyles(false), NewStyles(true)
	if sameColor(dark.Title.GetForeground(), light.Title.GetForeground()) {
		t.Fatal("the light and dark title colours are the same: the test proves nothing")
	}
	pr := runProgram(t, openDemoStore(t), terminalEnv)
	// OSC 11 with a white background, then "3/" to type into the filter.
	pr.send("\x1b]11;rgb:ffff/ffff/ffff\x1b\\3/", 2)
	h := inspect(t, pr.quit())
	if got := h.styles(); got.dark || !sameColor(got.Title.GetForeground(), light.Title.GetForeground()) {
		t.Errorf("title colour %v, want the light one %v", got.Title.GetForeground(), light.Title.GetForeground())
	}
	if !sameColor(h.helpStyles().ShortKey.GetForeground(), light.Help.ShortKey.GetForeground()) {
		t.Error("the help kept the dark styles")
	}
	if got, want := h.filterStyles(), light.TextInput(); !sameColor(got.Blurred.Text.GetForeground(), want.Blurred.Text.GetForeground()) {
		t.Error("the filter kept the dark styles")
	}
}

// TestWithoutABackgroundAnswerTheStylesAreDark: a terminal that never
// answers gets the dark styles, as it did before.
func TestWithoutABackgroundAnswerTheStylesAreDark(t *testing.T) {
	h := demoHarness(t)
	if !h.styles().dark {
		t.Error("the styles are light without an answer")
	}
	h.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#ffffff")})
	if h.styles().dark {
		t.Error("a white background left the styles dark")
	}
	h.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#000000")})
	if !h.styles().dark {
		t.Error("a black background left the styles light")
	}
}

func sameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == b
	}
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}

// sgr matches a Select Graphic Rendition sequence: colours and attributes.
var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colours returns the colour parameters of the SGR sequences in s.
func colours(s string) []string {
	var out []string
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for p := range strings.SplitSeq(m[1], ";") {
			p, _, _ = strings.Cut(p, ":")
			switch {
			case len(p) == 2 && (p[0] == '3' || p[0] == '4' || p[0] == '9') && p[1] != '9':
				out = append(out, m[0])
			case len(p) == 3 && p[0] == '1' && p[1] == '0':
				out = append(out, m[0])
			}
		}
	}
	return out
}

// TestNoColorKeepsTheMarks runs the dashboard with NO_COLOR set: Bubble
// Tea draws no colour at all, and the signs that carry the meaning (the
// selection bar, the warning marks, the status and ladder marks) are all
// on the screen, the capacity's over mark too. The same screens with
// colours prove the check sees them.
func TestNoColorKeepsTheMarks(t *testing.T) {
	screens := func(env []string) string {
		pr := runProgram(t, openDemoStore(t), env)
		// The dashboard: reached (✓) and current (▶) levels.
		pr.waitFor("✓", "▶", "Overall stage")
		// The board: the selected card (▌), cards done (●), with a
		// warning (⚠) or an error (✖).
		pr.send("2", 1)
		pr.waitFor("▌", "●", "⚠", "✖")
		// The warnings, the selected one marked.
		pr.send("4", 1)
		pr.waitFor("▌ error")
		// The capacity: a quarter over (!), the selected cell (▸).
		pr.send("6", 1)
		pr.waitFor("! 5 over", "▸")
		pr.quit()
		return pr.out.String()
	}
	if c := colours(screens(append([]string{"NO_COLOR=1"}, terminalEnv...))); len(c) > 0 {
		t.Errorf("NO_COLOR output has %d colour sequences, such as %q", len(c), c[0])
	}
	if c := colours(screens(terminalEnv)); len(c) == 0 {
		t.Error("the output in colour has no colour sequence: the check sees nothing")
	}
}

// TestPasteGoesToTheFilter pastes into the filter, as a terminal in
// bracketed paste mode sends it: one message, not key presses.
func TestPasteGoesToTheFilter(t *testing.T) {
	h := demoHarness(t)
	h.press("3", "/")
	h.paste("vault")
	if got := h.filterText(); got != "vault" || len(h.rows()) != 2 {
		t.Errorf("filter %q, %d rows", got, len(h.rows()))
	}
	// Outside the filter a paste does nothing.
	h.press("enter")
	h.paste("q")
	if h.quit || h.filterText() != "vault" {
		t.Errorf("a paste outside the filter: quit %v, filter %q", h.quit, h.filterText())
	}
}
