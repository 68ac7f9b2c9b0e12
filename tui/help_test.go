package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// At the smallest size the full help reaches every key of every view:
// fewer columns when narrow, and the keys below scroll into sight, with
// a sign that there are more (trial item 7).
func TestHelpReachesEveryKeyAtMinimumSize(t *testing.T) {
	for _, v := range demoHarness(t).titles() {
		t.Run(v, func(t *testing.T) {
			h := newHarness(t, openDemoStore(t), MinWidth, MinHeight)
			h.view(v)
			h.press("?")
			first := h.screen()
			if l := strings.Split(first, "\n"); strings.Contains(strings.Join(l[1:len(l)-2], "\n"), "…") {
				t.Errorf("the help cuts a column:\n%s", first)
			}
			seen := map[string]bool{}
			read := func() string {
				s := h.screen()
				for _, l := range strings.Split(s, "\n") {
					seen[strings.Join(strings.Fields(l), " ")] = true
				}
				return s
			}
			read()
			for range 20 * boolInt(strings.Contains(first, "more —")) {
				h.press("down")
				if !h.helpOpen() {
					t.Fatal("down closed the help")
				}
				read()
			}
			all := strings.Join(mapKeys(seen), "\n")
			for _, group := range h.helpKeys().FullHelp() {
				for _, b := range group {
					if !b.Enabled() {
						continue
					}
					want := b.Help().Key + " " + strings.Join(strings.Fields(b.Help().Desc), " ")
					if !strings.Contains(all, want) {
						t.Errorf("%q is never shown; first screen:\n%s", want, first)
					}
					if !strings.Contains(flat(first), want) && !strings.Contains(first, "↓") {
						t.Errorf("%q is below, with no sign of it:\n%s", want, first)
					}
				}
			}
			h.press("x")
			if h.helpOpen() {
				t.Error("a key other than the scroll keys did not close the help")
			}
		})
	}
}

func mapKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// The help line always ends with "? help" and "q quit", at any width the
// dashboard supports, in every view: the view's own keys give way first.
func TestHelpLineKeepsHelpAndQuit(t *testing.T) {
	h := demoHarness(t)
	for _, w := range []int{64, 72, 80, 100, 120} {
		h.resize(w, 24)
		for _, name := range h.titles() {
			h.view(name)
			line := h.helpLine()
			if !strings.HasSuffix(line, "? help • q quit") || ansi.StringWidth(line) > w {
				t.Errorf("%d wide, %s: the help line %q does not end with ? help • q quit within the width", w, name, line)
			}
		}
	}
}

// When the tabs' titles do not all fit, every tab keeps its number and
// the active one its title, so no view's tab is cut off.
func TestTabBarKeepsEveryTab(t *testing.T) {
	h := demoHarness(t)
	h.resize(64, 16)
	for i, name := range h.titles() {
		h.view(name)
		bar := strings.Split(h.screen(), "\n")[0]
		if !strings.Contains(bar, name) {
			t.Errorf("64 wide, the tab bar does not name the active %s: %q", name, bar)
		}
		for j := range h.titles() {
			if !strings.Contains(bar, fmt.Sprintf(" %d ", j+1)) && !strings.HasSuffix(strings.TrimRight(bar, " "), fmt.Sprint(j+1)) {
				t.Errorf("view %d open, 64 wide, the tab bar lacks tab %d: %q", i+1, j+1, bar)
			}
		}
		if strings.Contains(bar, "…") {
			t.Errorf("64 wide, the tab bar is cut: %q", bar)
		}
	}
}
