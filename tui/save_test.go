package tui

import (
	"context"
	"reflect"
	"slices"
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
			h.press("r")
			h.selectIn(tableTitle, 11)

			other := openStoreAt(t, h.st.Path())
			elsewhere := "Renamed in another window"
			if _, err := other.Edit(ctx, 11, roadmap.Patch{Title: &elsewhere}, store.Options{}); err != nil {
				t.Fatal(err)
			}
			before := h.get(11)

			h.press(c.key)
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
	h.selectIn(tableTitle, id)
	h.press("s")
	if h.m.dialog == nil {
		t.Fatalf("the refused start offers no override: %q", h.m.status)
	}
	other := openStoreAt(t, h.st.Path())
	elsewhere := "Renamed in another window"
	if _, err := other.Edit(context.Background(), id, roadmap.Patch{Title: &elsewhere}, store.Options{}); err != nil {
		t.Fatal(err)
	}
	h.typeText("pilot on one team")
	h.press("enter")
	if got := h.get(id); got.Status != roadmap.Planned {
		t.Errorf("stored %s: the override did not wait for the version the refusal saw", got.Status)
	}
	if h.m.dialog == nil || !strings.Contains(h.dialogText(), "changed elsewhere") {
		t.Errorf("the dialog does not say it changed elsewhere (status %q)", h.m.status)
	}
}

// sameAsStore fails unless the dashboard shows what a fresh load of the
// store shows: the rows, their order, everything computed from them, and
// the version of the database they are of.
func sameAsStore(t *testing.T, h *harness, after string) {
	t.Helper()
	fresh, err := loadSnapshot(context.Background(), h.st, roadmap.QuarterOf(testToday), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := h.m.snap
	if !got.settled {
		t.Fatalf("after %s: the snapshot is not settled", after)
	}
	if !reflect.DeepEqual(got.r.Initiatives, fresh.r.Initiatives) {
		t.Errorf("after %s: the dashboard's initiatives are not the store's:\n got %+v\nwant %+v", after, got.r.Initiatives, fresh.r.Initiatives)
	}
	ids := func(s *snapshot) []int64 {
		var out []int64
		for _, in := range s.sorted {
			out = append(out, in.ID)
		}
		return out
	}
	if !slices.Equal(ids(got), ids(fresh)) {
		t.Errorf("after %s: the order is not the store's", after)
	}
	texts := func(s *snapshot) []string {
		var out []string
		for _, w := range s.warnings {
			out = append(out, w.Code+" "+w.Message())
		}
		return out
	}
	if !slices.Equal(texts(got), texts(fresh)) {
		t.Errorf("after %s: warnings\n got %q\nwant %q", after, texts(got), texts(fresh))
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"state", got.state, fresh.state}, {"ready", got.ready, fresh.ready}, {"marks", got.byInit, fresh.byInit},
		{"errors", got.errors, fresh.errors}, {"columns", got.columns, fresh.columns},
		{"column levels", got.colLevels, fresh.colLevels}, {"level dates", got.dates, fresh.dates},
		{"assessments", got.assessed, fresh.assessed}, {"version", got.version, fresh.version},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("after %s: %s %+v, want %+v", after, c.name, c.got, c.want)
		}
	}
}

// After every save the dashboard shows what the store committed.
func TestEverySaveShowsWhatTheStoreHolds(t *testing.T) {
	h := demoHarness(t)
	h.selectIn(boardTitle, 11)
	h.press("]")
	sameAsStore(t, h, "a move")
	h.press("s")
	sameAsStore(t, h, "a start")
	h.press("d")
	if h.m.dialog != nil { // refused: forced, with a reason
		h.typeText("tested")
		h.press("enter")
	}
	sameAsStore(t, h, "done")
	h.press("b", "ctrl+u")
	h.typeText("1, 2")
	h.press("enter")
	sameAsStore(t, h, "new dependencies")
	h.press("e", "ctrl+u")
	h.typeText("Renamed")
	h.press("ctrl+s")
	sameAsStore(t, h, "an edit")
	h.press("a")
	h.typeText("Brand new")
	h.press("tab")
	h.typeText("governance")
	h.press("tab")
	h.typeText("2")
	h.press("ctrl+s")
	sameAsStore(t, h, "an add")
	added := h.selected()
	if added == nil || added.Title != "Brand new" {
		t.Fatalf("the new initiative is not selected: %+v", added)
	}
	h.press("D", "y")
	sameAsStore(t, h, "a delete")
	if _, ok := h.m.snap.r.Get(added.ID); ok {
		t.Errorf("#%d is still shown after its delete", added.ID)
	}
}

// A save after changes the dashboard has not seen yet (an import through
// the same store, a change by another process, each of several rows)
// shows all of them, exactly as the store holds them.
func TestSaveAfterUnseenChangesShowsThemAll(t *testing.T) {
	ctx := context.Background()
	t.Run("an import through the same store", func(t *testing.T) {
		h := demoHarness(t)
		a, b := h.get(3), h.get(5)
		a.Title, b.Owner = "Imported title", "imported-owner"
		rows := []roadmap.Initiative{a, b, {Title: "Imported new", Domain: "automation", Level: 2}}
		if _, err := h.st.Import(ctx, roadmap.ImportOf(rows), false); err != nil {
			t.Fatal(err)
		}
		h.selectIn(boardTitle, 11)
		h.press("]")
		sameAsStore(t, h, "a move after an import")
	})
	t.Run("changes by another process", func(t *testing.T) {
		h := demoHarness(t)
		other := openStoreAt(t, h.st.Path())
		title := "Renamed elsewhere"
		if _, err := other.Edit(ctx, 3, roadmap.Patch{Title: &title}, store.Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := other.SetStatus(ctx, 5, roadmap.Reopen, store.Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := other.Assess(ctx, "observability", 2, ""); err != nil {
			t.Fatal(err)
		}
		h.selectIn(boardTitle, 11)
		h.press("]")
		sameAsStore(t, h, "a move after changes elsewhere")
	})
}

// The saved rows show at once; what follows from them replaces the
// snapshot when it is computed, unless a newer snapshot came first.
func TestSavedRowsShowBeforeTheirConsequences(t *testing.T) {
	h := demoHarness(t)
	h.selectIn(boardTitle, 11)
	before := h.m.snap
	settle := h.runUntil(func() bool { return h.m.snap != before }, h.pressLater("]"))
	rows := h.m.snap
	if rows.settled || rows == before {
		t.Fatal("the save did not show its rows on their own first")
	}
	if in, _ := rows.r.Get(11); in.Quarter != h.get(11).Quarter {
		t.Errorf("the rows shown have #11 in %s, the store in %s", in.Quarter, h.get(11).Quarter)
	}
	if sel := h.selected(); sel == nil || sel.ID != 11 || sel.Quarter != h.get(11).Quarter {
		t.Errorf("the board shows %+v selected, want #11 in its new quarter", sel)
	}
	if in, _ := before.r.Get(11); in.Quarter == h.get(11).Quarter {
		t.Error("the snapshot before the save was changed")
	}
	h.run(settle...)
	sameAsStore(t, h, "the move")

	// A result for a snapshot no longer shown is dropped.
	shown := h.m.snap
	h.send(computedMsg{from: rows, snap: rows.settle()})
	if h.m.snap != shown {
		t.Error("a late result replaced the snapshot shown")
	}
}
