package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"maturity/store"
)

// checkFrame fails unless the screen is exactly h lines of at most w cells.
func checkFrame(t *testing.T, screen string, w, h int) {
	t.Helper()
	if w <= 0 || h <= 0 {
		if screen != "" {
			t.Errorf("%d×%d: drew %q", w, h, screen)
		}
		return
	}
	lines := strings.Split(screen, "\n")
	if len(lines) != h {
		t.Errorf("%d×%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%d×%d: line %d is %d cells wide: %q", w, h, i, lw, l)
		}
	}
}

func TestTooSmall(t *testing.T) {
	h := demoHarness(t)
	h.send(tea.WindowSizeMsg{Width: 20, Height: 5})
	v := h.screen()
	if !strings.Contains(flat(v), "terminal too small") {
		t.Errorf("20×5 shows:\n%s", v)
	}
	checkFrame(t, v, 20, 5)

	h.send(tea.WindowSizeMsg{Width: 300, Height: 100})
	v = h.screen()
	if strings.Contains(v, "too small") || !strings.Contains(v, "Overall stage") {
		t.Errorf("300×100 shows:\n%s", v)
	}
	checkFrame(t, v, 300, 100)
}

func TestNothingDrawnBeforeTheSizeIsKnown(t *testing.T) {
	m := New(openStore(t), Options{Today: fixedToday})
	if v := m.View().Content; v != "" {
		t.Errorf("View before the size = %q", v)
	}
}

func TestEveryViewAtEverySize(t *testing.T) {
	widths := []int{0, 1, 2, 9, 20, 40, 63, 64, 65, 79, 80, 81, 100, 132, 200, 300}
	heights := []int{0, 1, 2, 5, 10, 15, 16, 17, 20, 24, 30, 50, 100}
	// states put the dashboard in each of the screens it can show.
	states := []struct {
		name string
		set  func(h *harness)
	}{
		{"dashboard", func(h *harness) { h.view("Dashboard") }},
		{"roadmap", func(h *harness) { h.view("Roadmap"); h.press("right", "down", "G", "pgdown", "right", "left") }},
		{"initiatives", func(h *harness) { h.view("Initiatives"); h.press("down", "pgdown", "G") }},
		{"filter", func(h *harness) {
			h.view("Initiatives")
			h.press("/")
			h.typeText("a")
			h.press("enter")
		}},
		{"warnings", func(h *harness) { h.view("Warnings"); h.press("down", "pgdown", "G") }},
		{"help", func(h *harness) { h.press("?") }},
		{"form", func(h *harness) { h.press("a") }},
		{"prompt", func(h *harness) { h.press("E") }},
	}
	for _, db := range []struct {
		name string
		seed bool
	}{{"demo", true}, {"empty", false}} {
		t.Run(db.name, func(t *testing.T) {
			var st *store.Store
			if db.seed {
				st = openDemoStore(t)
			} else {
				st = openStore(t)
			}
			h := newHarness(t, st, 80, 24)
			for _, s := range states {
				for _, w := range widths {
					for _, ht := range heights {
						h.resize(w, ht)
						h.closeAll()
						s.set(h)
						screen := h.screen()
						checkFrame(t, screen, w, ht)
						if w >= MinWidth && ht >= MinHeight && strings.Contains(screen, "too small") {
							t.Errorf("%s at %d×%d says too small", s.name, w, ht)
						}
						if t.Failed() {
							t.Fatalf("%s at %d×%d:\n%s", s.name, w, ht, screen)
						}
					}
				}
			}
		})
	}
}

func TestEmptyDatabase(t *testing.T) {
	h := newHarness(t, openStore(t), 120, 30)
	for _, v := range h.titles() {
		h.view(v)
		screen := h.screen()
		switch v {
		case "Dashboard", "Initiatives":
			if !strings.Contains(screen, "press a to add your first initiative") {
				t.Errorf("the %s does not invite to add:\n%s", v, screen)
			}
		case "Warnings":
			if !strings.Contains(screen, "No warnings") {
				t.Errorf("the warnings view:\n%s", screen)
			}
		}
		// Keys that act on a selection have nothing to act on.
		h.press("e", "s", "d", "x", "o", "D", "b", "]", "[", "enter", "down", "right")
		if h.dialogKind() != "" || h.statusIsError() {
			t.Errorf("the %s acted on nothing: dialog %q, status %q", v, h.dialogKind(), h.statusText())
		}
	}

	// The first initiative, added from the empty state.
	h.view("Dashboard")
	h.press("a")
	h.typeText("First step")
	h.press("tab")
	h.typeText("automation")
	h.press("tab")
	h.typeText("1")
	h.press("ctrl+s")
	if h.dialogKind() != "" {
		t.Fatalf("the form is still open:\n%s", h.dialogText())
	}
	if got := h.get(1); got.Title != "First step" {
		t.Errorf("stored %+v", got)
	}
	if strings.Contains(h.screen(), "press a to add") {
		t.Error("the dashboard still shows the empty state")
	}
}

func TestResizeKeepsTheSelection(t *testing.T) {
	h := demoHarness(t)
	h.selectIn("Roadmap", 22)
	for _, size := range [][2]int{{64, 16}, {300, 100}, {20, 5}, {80, 24}} {
		h.resize(size[0], size[1])
		if sel := h.selected(); sel == nil || sel.ID != 22 {
			t.Errorf("at %d×%d the selection is %v", size[0], size[1], sel)
		}
	}
	if v := h.screen(); !strings.Contains(v, fmt.Sprintf("#%d", 22)) {
		t.Errorf("the selected card is not on screen:\n%s", v)
	}
}

// TestTheBoardOpensTheSameWhicheverArrivesFirst: the roadmap can arrive
// before the terminal's size. The board must not scroll to the current
// quarter as if one column fitted (it did: 2026-Q4 became the first
// column shown, hiding the quarters before it that there was room for).
func TestTheBoardOpensTheSameWhicheverArrivesFirst(t *testing.T) {
	for _, size := range [][2]int{{64, 16}, {80, 24}, {120, 40}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			sizeFirst := newHarness(t, openDemoStore(t), size[0], size[1])
			loadFirst := loadedBeforeSize(t, openDemoStore(t), size[0], size[1])
			sizeFirst.view("Roadmap")
			loadFirst.view("Roadmap")
			want, got := sizeFirst.screen(), loadFirst.screen()
			if got != want {
				t.Errorf("the roadmap loaded first shows:\n%s\nthe size known first shows:\n%s", got, want)
			}
			if !strings.Contains(want, "2026-Q4 (now)") {
				t.Errorf("the current quarter is not on screen:\n%s", want)
			}
		})
	}
}
