package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"maturity/roadmap"
)

// longWarnings is the demo with two warnings of long messages: an
// initiative of a 200-character title depending on a dropped one, and
// one that depends on it, scheduled before it.
func longWarnings(t *testing.T) *harness {
	t.Helper()
	st := openDemoStore(t)
	long := strings.Repeat("Consolidate every team's deployment pipeline ", 5)[:200]
	first, err := st.Add(context.Background(), roadmap.Initiative{Title: long, Domain: "automation", Level: 2,
		Quarter: roadmap.Quarter{Year: 2027, Q: 2}, DependsOn: []int64{27}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Add(context.Background(), roadmap.Initiative{Title: "Retire the old runners " + long[:120], Domain: "automation", Level: 2,
		Quarter: roadmap.Quarter{Year: 2027, Q: 1}, DependsOn: []int64{first.ID}}); err != nil {
		t.Fatal(err)
	}
	return newHarness(t, st, 80, 24)
}

// TestWarningsShowInFull moves through every warning, at several sizes,
// with the keys that move by one, by a page and to either end: the
// selected warning is on screen with all of its message, marked with the
// selection bar, and enter still shows its initiative.
func TestWarningsShowInFull(t *testing.T) {
	h := longWarnings(t)
	for _, size := range [][2]int{{64, 16}, {80, 24}, {120, 40}, {200, 50}} {
		h.resize(size[0], size[1])
		h.view("Warnings")
		n := len(h.snapshot().warnings)
		if n < 9 {
			t.Fatalf("%d warnings, want the demo's and the two long ones", n)
		}
		keys := []string{"home"}
		for range n {
			keys = append(keys, "down")
		}
		keys = append(keys, "pgup", "pgup", "pgdown", "end", "up", "pgup", "home", "pgdown", "pgdown")
		for _, k := range keys {
			h.press(k)
			w, ok := h.warning()
			if !ok {
				t.Fatalf("%dx%d, after %s no warning is selected", size[0], size[1], k)
			}
			screen := h.screen()
			if msg := roadmap.Printable(w.Message()); !strings.Contains(squeeze(screen), squeeze(msg)) {
				t.Fatalf("%dx%d, after %s the selected warning is not shown in full: %q\n%s", size[0], size[1], k, msg, screen)
			}
			if c := strings.Count(screen, "▌ "+w.Severity.String()+" "+w.Code); c != 1 {
				t.Fatalf("%dx%d, after %s the selected warning is marked %d times:\n%s", size[0], size[1], k, c, screen)
			}
		}
	}
	// The detail from a warning of several lines.
	h.press("end")
	w, _ := h.warning()
	h.press("enter")
	if sel := h.selected(); h.dialogKind() != "" || sel == nil || sel.ID != w.Subject.ID() || !strings.Contains(h.screen(), fmt.Sprintf("#%d ", w.Subject.ID())) {
		t.Errorf("enter on the last warning: %s, selected %v, want the detail of #%d", h.active(), sel, w.Subject.ID())
	}
}

// squeeze drops the colours, the selection bar and every space, so that a
// message wrapped anywhere, even after a hyphen, can be searched for.
func squeeze(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(ansi.Strip(s), "▌", "")), "")
}

// enter on a warning about no initiative shows what it is about: the
// assessment for the evidence's warnings, with what it is about selected
// wherever the assessment's cursor was (the metric that regressed, in the
// current quarter; the first criterion not met of the level the domain
// reached without its criteria; the first criterion of the domain whose
// answers are stale), and the help line says where enter goes.
func TestWarningAboutEvidenceOpensTheAssessment(t *testing.T) {
	for _, c := range []struct{ code, want string }{
		{roadmap.CodeMetricRegressed, "deployment-frequency 2026-Q4"},
		{roadmap.CodeLevelUnevidenced, "std-2-drift"},
		{roadmap.CodeAssessmentStale, "gov-1-periodic-audit"},
	} {
		t.Run(c.code, func(t *testing.T) {
			h := demoHarness(t)
			h.selectMetric("change-fail-rate")
			h.press("left")
			h.view(warningsTitle)
			for i := 0; ; i++ {
				if w, ok := h.warning(); ok && w.Code == c.code {
					break
				}
				if i > 100 {
					t.Fatalf("the demo has no %s warning", c.code)
				}
				h.press("down")
			}
			if line := h.helpLine(); !strings.Contains(line, "enter show on the assessment") {
				t.Errorf("the help line does not say where enter goes: %q", line)
			}
			h.press("enter")
			if got := h.active(); got != assessmentTitle {
				t.Fatalf("enter on %s opened the %s, want the assessment", c.code, got)
			}
			if got := h.selection(); got != c.want {
				t.Errorf("enter on %s selected %q, want %q", c.code, got, c.want)
			}
		})
	}
}

// Messages wrap between words only: "in-progress" and the codes stay
// whole at every width (ansi.Wrap alone breaks after a hyphen).
func TestWarningsWrapBetweenWords(t *testing.T) {
	for _, w := range []int{64, 71, 80, 97} {
		h := newHarness(t, openDemoStore(t), w, 40)
		h.view(warningsTitle)
		for _, l := range strings.Split(h.screen(), "\n") {
			if line := strings.TrimRight(l, " "); strings.HasSuffix(line, "in-") {
				t.Errorf("%d: a line ends inside a word: %q", w, line)
			}
		}
	}
}
