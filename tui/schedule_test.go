package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"maturity/roadmap"
	"maturity/store"
)

// quarters returns where each initiative is stored, by id.
func quarters(h *harness) map[int64]roadmap.Quarter {
	out := map[int64]roadmap.Quarter{}
	r := h.reload()
	for _, in := range r.Initiatives {
		out[in.ID] = in.Quarter
	}
	return out
}

// demoSchedule is what the scheduler makes of the demo from today.
func demoSchedule(t *testing.T, h *harness) *roadmap.Schedule {
	t.Helper()
	today := roadmap.QuarterOf(testToday)
	sch, err := h.reload().Schedule(roadmap.ScheduleOptions{From: today, Horizon: roadmap.DefaultHorizon, Today: today})
	if err != nil || len(sch.Moves) == 0 {
		t.Fatalf("the demo has no schedule to show: %v", err)
	}
	return sch
}

// TestSchedulePreviewShowsAndWritesNothing: P on the board opens the
// preview, made in a command and not in Update: each move with its
// reason, the levels before and after, what stays; esc discards it, and
// nothing is written either way.
func TestSchedulePreviewShowsAndWritesNothing(t *testing.T) {
	h := demoHarness(t)
	sch := demoSchedule(t, h)
	before := quarters(h)
	h.view(boardTitle)
	cmd := h.pressLater("P")
	if h.previewOpen() || cmd == nil {
		t.Fatal("P opened the preview in Update, not in a command")
	}
	h.run(cmd)
	if !h.previewOpen() {
		t.Fatal("P does not open the schedule preview")
	}
	text := h.dialogText()
	r := h.reload()
	for _, mv := range sch.Moves {
		if !strings.Contains(text, flat(mv.Text(r))) {
			t.Errorf("the preview does not show the move %q:\n%s", mv.Text(r), text)
		}
	}
	for _, want := range []string{"nothing is written until you accept", "Levels at the end of 2028-Q3, before → after",
		"standardization 3 Golden Paths → 4 Drift-Free ↑", "automation 4 Predictive → 4 Predictive", "enter/y applies 2 moves", "esc discards"} {
		if !strings.Contains(text, want) {
			t.Errorf("the preview does not say %q:\n%s", want, text)
		}
	}
	h.press("esc")
	if h.previewOpen() || !strings.Contains(h.statusText(), "nothing was written") {
		t.Errorf("esc: preview open %v, status %q", h.previewOpen(), h.statusText())
	}
	if after := quarters(h); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the preview wrote: before %v, after %v", before, after)
	}
}

// TestSchedulePreviewApplies: enter (or y) writes every move through the
// store, the dashboard then shows them, and the status says how many.
func TestSchedulePreviewApplies(t *testing.T) {
	for _, k := range []string{"enter", "y"} {
		t.Run(k, func(t *testing.T) {
			h := demoHarness(t)
			sch := demoSchedule(t, h)
			h.view(capacityTitle) // the capacity view has P too
			h.press("P", k)
			if h.previewOpen() {
				t.Fatalf("%s left the preview open", k)
			}
			stored := quarters(h)
			for _, mv := range sch.Moves {
				if stored[mv.ID] != mv.To {
					t.Errorf("#%d is stored in %s, want %s", mv.ID, stored[mv.ID].Label(), mv.To.Label())
				}
				if in, _ := h.shown(mv.ID); in.Quarter != mv.To {
					t.Errorf("#%d is shown in %s, want %s", mv.ID, in.Quarter.Label(), mv.To.Label())
				}
			}
			if got := h.statusText(); got != "applied the schedule: 2 moves" || h.statusIsError() {
				t.Errorf("status %q", got)
			}
			// Applied, the next preview has nothing to move.
			h.press("P")
			if text := h.dialogText(); !strings.Contains(text, "Nothing to move") || !strings.Contains(text, "nothing to apply") {
				t.Errorf("the preview after applying:\n%s", text)
			}
			h.press("enter")
			if !h.previewOpen() {
				t.Error("enter closed a preview with nothing to apply")
			}
		})
	}
}

// TestSchedulePreviewRefusesAStalePlan: a preview of a roadmap changed
// elsewhere since is refused as a whole: nothing is written, and the
// status line says why and what to do.
func TestSchedulePreviewRefusesAStalePlan(t *testing.T) {
	h := demoHarness(t)
	h.view(boardTitle)
	h.press("P")
	title := "Changed elsewhere"
	if _, err := h.st.Edit(context.Background(), 3, roadmap.Patch{Title: &title}, store.Options{}); err != nil {
		t.Fatal(err)
	}
	before := quarters(h)
	h.press("enter")
	if h.previewOpen() {
		t.Error("the preview is still open")
	}
	want := "the schedule was not applied, nothing was written: the roadmap changed since the preview was made; P makes a new one"
	if got := h.statusText(); got != want || !h.statusIsError() {
		t.Errorf("status %q (error %v), want %q", got, h.statusIsError(), want)
	}
	if after := quarters(h); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a stale schedule wrote: before %v, after %v", before, after)
	}
}

// TestSchedulePreviewScrolls: on a small screen the preview shows what
// fits and scrolls the rest, saying where it is.
func TestSchedulePreviewScrolls(t *testing.T) {
	h := newHarness(t, openDemoStore(t), 64, 16)
	h.view(boardTitle)
	h.press("P")
	if !strings.Contains(h.screen(), "↑↓ 1–") {
		t.Fatalf("the preview does not say it scrolls:\n%s", h.screen())
	}
	h.press("end")
	if s := h.screen(); !strings.Contains(s, "After it:") || strings.Contains(s, "↑↓ 1–") {
		t.Errorf("end does not show the preview's last lines:\n%s", s)
	}
}

// TestSchedulePreviewGolden draws the preview on the demo
// (testdata/TestSchedulePreviewGolden; go test ./tui -update).
func TestSchedulePreviewGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{64, 16}, {80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			h := newHarness(t, openDemoStore(t), size.w, size.h)
			h.press("2", "P")
			golden.RequireEqual(t, []byte(h.screen()))
		})
	}
}

// TestSchedulePreviewSaysWhatStays: what the scheduler cannot place
// stays, each with its reason (roadmap.Stay.Text).
func TestSchedulePreviewSaysWhatStays(t *testing.T) {
	h := demoHarness(t)
	r := h.reload()
	// #25 and #26 wait for each other: neither can be placed.
	r = edited(t, r, 25, func(in *roadmap.Initiative) { in.DependsOn = []int64{26} })
	r = edited(t, r, 26, func(in *roadmap.Initiative) { in.DependsOn = append(in.DependsOn, 25) })
	h.show(r)
	today := roadmap.QuarterOf(testToday)
	sch, err := r.Schedule(roadmap.ScheduleOptions{From: today, Horizon: roadmap.DefaultHorizon, Today: today})
	if err != nil || len(sch.Stays) == 0 {
		t.Fatalf("nothing stays: %v", err)
	}
	h.view(boardTitle)
	h.press("P")
	text := h.dialogText()
	if !strings.Contains(text, plural(len(sch.Stays), "initiative")+" stay where they are") {
		t.Errorf("the preview does not count what stays:\n%s", text)
	}
	for _, s := range sch.Stays {
		if !strings.Contains(text, flat(s.Text(r))) {
			t.Errorf("the preview does not say %q:\n%s", s.Text(r), text)
		}
	}
}
