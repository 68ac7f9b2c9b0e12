package tui

import (
	"strings"
	"testing"
)

// A status message wider than the terminal shows whole, wrapped onto
// further lines above the help line; the body gives way, and the frame
// stays the terminal's size (trial item 12).
func TestStatusWrapsWhole(t *testing.T) {
	for _, w := range []int{64, 80, 120} {
		h := newHarness(t, openDemoStore(t), w, 24)
		msg := "std-2-drift is met by the value of metric environment-drift (environment-drift ≤ 5%): record a value with v on the metric, not m/u/n on the check, which the rule decides"
		h.send(noteMsg{text: msg})
		lines := strings.Split(h.screen(), "\n")
		if len(lines) != 24 {
			t.Fatalf("%d: %d lines, want 24", w, len(lines))
		}
		// The help line is last; the status sits just above it.
		if !strings.Contains(lines[len(lines)-1], "? help") {
			t.Errorf("%d: last line %q is not the help line", w, lines[len(lines)-1])
		}
		start := -1
		for i, l := range lines {
			if strings.HasPrefix(l, "std-2-drift is met") {
				start = i
			}
		}
		if start < 0 {
			t.Fatalf("%d: no status line:\n%s", w, h.screen())
		}
		if got := flat(strings.Join(lines[start:len(lines)-1], "\n")); got != flat(msg) {
			t.Errorf("%d: status shows %q, want all of %q", w, got, msg)
		}
		if !strings.Contains(lines[0], "1 ") {
			t.Errorf("%d: first line %q is not the tab bar", w, lines[0])
		}
	}
}

// The form opened while a long status shows fits the body that is left:
// its last line is on screen.
func TestFormFitsUnderAWrappedStatus(t *testing.T) {
	h := newHarness(t, openDemoStore(t), MinWidth, MinHeight)
	h.press("a")
	whole := h.screen()
	h.send(noteMsg{text: strings.Repeat("a long message about what happened ", 4)})
	lines := strings.Split(whole, "\n")
	last := ""
	for _, l := range lines {
		if strings.Contains(l, "╰") {
			last = strings.TrimSpace(l)
		}
	}
	if last == "" {
		t.Fatalf("no form:\n%s", whole)
	}
	if s := h.screen(); !strings.Contains(s, last) {
		t.Errorf("the form's last line %q is cut under the status:\n%s", last, s)
	}
}

// A long status breaks between words only, never inside a hyphenated code
// such as over-capacity (known defect: ansi.Wrap broke at hyphens).
func TestStatusBreaksBetweenWords(t *testing.T) {
	h := newHarness(t, openDemoStore(t), 64, 24)
	msg := strings.Repeat("x", 50) + " owner-over-capacity and prerequisite-same-quarter are codes"
	h.send(noteMsg{text: msg})
	for _, l := range strings.Split(h.screen(), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasSuffix(l, "-") || strings.HasPrefix(l, "over-") && !strings.HasPrefix(l, "over-capacity") {
			t.Errorf("the status breaks inside a word at %q:\n%s", l, h.screen())
		}
	}
}
