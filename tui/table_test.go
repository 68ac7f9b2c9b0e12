package tui

import (
	"fmt"
	"strings"
	"testing"
)

// TestTableSelectionShowsWithoutColour draws the initiatives table as a
// terminal under NO_COLOR shows it, with neither colour nor bold (the
// harness's screen drops every attribute): the selected row, and only
// it, carries the selection bar that the board and the warnings use.
func TestTableSelectionShowsWithoutColour(t *testing.T) {
	h := demoHarness(t)
	h.view("Initiatives")
	for _, keys := range [][]string{nil, {"down"}, {"down", "down"}, {"G"}, {"/", "v", "a", "u", "l", "t", "enter", "down"}} {
		h.press(keys...)
		sel := h.selected()
		if sel == nil {
			t.Fatalf("after %q nothing is selected", keys)
		}
		var marked []string
		for _, l := range strings.Split(h.screen(), "\n") {
			if strings.Contains(l, "▌") {
				marked = append(marked, l)
			}
		}
		if want := fmt.Sprintf("▌ #%d ", sel.ID); len(marked) != 1 || !strings.HasPrefix(marked[0], want) {
			t.Errorf("after %q the marked lines are %q, want one starting %q", keys, marked, want)
		}
	}
}
