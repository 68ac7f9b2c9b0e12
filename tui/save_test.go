package tui

import (
	"context"
	"strings"
	"testing"

	"maturity/roadmap"
	"maturity/store"
)

// A status key carries the version the dashboard showed, as an edit
// does: when the initiative changed elsewhere since, the change is
// refused, the dashboard says so and shows the initiative as it is now.
func TestStaleStatusChangeIsRefused(t *testing.T) {
	for _, c := range []struct {
		key    string
		status roadmap.Status // what the initiative is before the key
	}{
		{"s", roadmap.Planned},
		{"p", roadmap.InProgress},
		{"d", roadmap.Planned},
		{"x", roadmap.Planned},
		{"o", roadmap.Dropped},
	} {
		t.Run(c.key, func(t *testing.T) {
			h := demoHarness(t)
			ctx := context.Background()
			switch c.status {
			case roadmap.InProgress:
				if _, err := h.st.SetStatus(ctx, 11, roadmap.Start, store.Options{}); err != nil {
					t.Fatal(err)
				}
			case roadmap.Dropped:
				if _, err := h.st.SetStatus(ctx, 11, roadmap.Drop, store.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			h.key("r")
			h.selectInTable(11)

			other := openStoreAt(t, h.st.Path())
			elsewhere := "Renamed in another window"
			if _, err := other.Edit(ctx, 11, roadmap.Patch{Title: &elsewhere}, store.Options{}); err != nil {
				t.Fatal(err)
			}
			before := h.get(11)

			h.key(c.key)
			if got := h.get(11); got.Status != c.status || got.Version != before.Version {
				t.Errorf("stored %s version %d, want %s version %d: the key did not wait for the version it saw",
					got.Status, got.Version, c.status, before.Version)
			}
			if h.m.statusKind != statusError || !strings.Contains(h.m.status, "changed elsewhere") {
				t.Errorf("status %q, want a refusal that says it changed elsewhere", h.m.status)
			}
			if strings.Contains(h.m.status, "edit again") {
				t.Errorf("status %q speaks of an edit", h.m.status)
			}
			if in, ok := h.m.snap.r.Get(11); !ok || in.Title != elsewhere {
				t.Errorf("the dashboard shows %+v, want the title changed elsewhere: it did not reload", in)
			}
		})
	}
}

// Forcing a refused start is of the initiative as the refusal saw it: a
// change elsewhere meanwhile refuses the override too.
func TestStaleOverrideIsRefused(t *testing.T) {
	h := demoHarness(t)
	var blocked *roadmap.Initiative
	for _, in := range h.m.snap.sorted {
		if in.Status == roadmap.Planned && len(h.m.snap.r.Blockers(in, h.m.snap.state.Levels)) > 0 {
			blocked = in
			break
		}
	}
	if blocked == nil {
		t.Fatal("the demo has no initiative whose start is refused")
	}
	id := blocked.ID
	h.selectInTable(id)
	h.key("s")
	if h.m.dialog == nil {
		t.Fatalf("the refused start offers no override: %q", h.m.status)
	}
	other := openStoreAt(t, h.st.Path())
	elsewhere := "Renamed in another window"
	if _, err := other.Edit(context.Background(), id, roadmap.Patch{Title: &elsewhere}, store.Options{}); err != nil {
		t.Fatal(err)
	}
	h.typeText("pilot on one team")
	h.key("enter")
	if got := h.get(id); got.Status != roadmap.Planned {
		t.Errorf("stored %s: the override did not wait for the version the refusal saw", got.Status)
	}
	if h.m.dialog == nil || !strings.Contains(h.dialogView(), "changed elsewhere") {
		t.Errorf("the dialog does not say it changed elsewhere (status %q)", h.m.status)
	}
}
