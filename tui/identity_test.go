package tui

import (
	"context"
	"strings"
	"testing"

	"maturity/roadmap"
	"maturity/store"
)

// The dashboard's writes carry the actor of its context: two dashboards
// on one store write under their own names.
func TestDashboardWritesUnderItsActor(t *testing.T) {
	st := openDemoStore(t)
	for i, name := range []string{"dana", "sam"} {
		h := newHarnessWith(t, st, 120, 40, Options{Context: store.WithActor(context.Background(), name)})
		id := int64(11 + i)
		h.selectIn(boardTitle, id)
		h.press("]")
		evs, err := st.History(context.Background(), store.HistoryFilter{Initiative: id, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1 || evs[0].Actor != name || evs[0].Field != "quarter" {
			t.Errorf("last change of #%d: %+v, want a move by %s", id, evs, name)
		}
	}
}

// A viewer's dashboard leaves the keys that change the roadmap out of the
// help, and refuses them with a status line, writing nothing.
func TestViewerDashboard(t *testing.T) {
	st := openDemoStore(t)
	ctx := store.WithIdentity(context.Background(), store.Identity{Name: "sam", Role: store.RoleViewer})
	h := newHarnessWith(t, st, 120, 40, Options{Context: ctx})
	h.selectIn(boardTitle, 11)
	before, err := st.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"a", "e", "s", "D", "b", "]", "E"} {
		if help := h.helpLine(); strings.Contains(help, " "+k+" ") && k != "]" {
			t.Errorf("the help offers %s: %s", k, help)
		}
		h.press(k)
		if !h.statusIsError() || !strings.Contains(h.statusText(), "nothing was changed") && !strings.Contains(h.statusText(), "over SSH") {
			t.Errorf("%s: status %q", k, h.statusText())
		}
		h.closeAll()
	}
	if after, _ := st.Version(context.Background()); after != before {
		t.Errorf("a viewer's keys wrote: %v → %v", before, after)
	}
}

// ChangedMsg reloads the dashboard when the store moved on, as the poll
// does for another process's change.
func TestChangedMsgReloads(t *testing.T) {
	st := openDemoStore(t)
	h := newHarnessWith(t, st, 120, 40, Options{})
	title := "Renamed in another session"
	if _, err := st.Edit(context.Background(), 11, roadmap.Patch{Title: &title}, store.Options{}); err != nil {
		t.Fatal(err)
	}
	h.send(ChangedMsg{})
	if in, ok := h.shown(11); !ok || in.Title != title {
		t.Errorf("#11 shows %+v", in)
	}
}

// A viewer may preview the schedule, a what-if, but the preview does not
// offer to apply it and says why; enter writes nothing.
func TestViewerSchedulePreviewIsReadOnly(t *testing.T) {
	st := openDemoStore(t)
	ctx := store.WithIdentity(context.Background(), store.Identity{Name: "sam", Role: store.RoleViewer})
	h := newHarnessWith(t, st, 120, 40, Options{Context: ctx})
	h.view(boardTitle)
	before, err := st.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	h.press("P")
	screen := flat(h.screen())
	if !strings.Contains(screen, "Schedule preview") {
		t.Fatalf("no preview:\n%s", h.screen())
	}
	if strings.Contains(screen, "applies") || !strings.Contains(screen, "needs the planner role") {
		t.Errorf("a viewer's preview offers to apply, or does not say why not:\n%s", h.screen())
	}
	h.press("enter")
	if after, _ := st.Version(context.Background()); after != before {
		t.Errorf("enter in a viewer's preview wrote: %v → %v", before, after)
	}
}
