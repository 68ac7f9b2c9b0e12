package tui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"maturity/roadmap"
	"maturity/store"
)

func TestViewSwitching(t *testing.T) {
	h := demoHarness(t)
	// What each view draws and no other does.
	marks := map[view]string{
		dashboardView:   "Overall stage",
		roadmapView:     "2026-Q4 (now)",
		initiativesView: "/ to filter",
		warningsView:    "enter shows the initiative on the roadmap",
	}
	cases := []struct {
		name string
		from view
		key  string
		want view
	}{
		{"1 opens the dashboard", warningsView, "1", dashboardView},
		{"2 opens the roadmap", dashboardView, "2", roadmapView},
		{"3 opens the initiatives", dashboardView, "3", initiativesView},
		{"4 opens the warnings", dashboardView, "4", warningsView},
		{"tab goes to the next view", roadmapView, "tab", initiativesView},
		{"tab wraps from the warnings to the dashboard", warningsView, "tab", dashboardView},
		{"shift+tab goes to the previous view", initiativesView, "shift+tab", roadmapView},
		{"shift+tab wraps from the dashboard to the warnings", dashboardView, "shift+tab", warningsView},
		{"w on the dashboard opens the warnings", dashboardView, "w", warningsView},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h.m.active = c.from
			h.key(c.key)
			if h.m.active != c.want {
				t.Fatalf("active view = %s, want %s", viewTitles[h.m.active], viewTitles[c.want])
			}
			v := h.view()
			for w, mark := range marks {
				if got := strings.Contains(v, mark); got != (w == c.want) {
					t.Errorf("view shows %q: %v, want %v\n%s", mark, got, w == c.want, v)
				}
			}
		})
	}
}

func TestAddThroughTheForm(t *testing.T) {
	h := demoHarness(t)
	h.key("3", "a")
	if _, ok := h.m.dialog.(*form); !ok {
		t.Fatalf("a opened %T, want the form", h.m.dialog)
	}
	h.typeText("Chaos engineering game days")
	h.key("tab")
	h.typeText("observability")
	h.key("tab")
	h.typeText("3")
	h.key("tab")
	h.key("ctrl+u") // the quarter starts as today's
	h.typeText("2027-Q3")
	h.key("tab")
	h.typeText("sre")
	h.key("tab")
	h.typeText("4")
	h.key("tab")
	h.typeText("13, 18")
	h.key("tab")
	h.typeText("Break things on purpose.")
	h.key("ctrl+s")

	if h.m.dialog != nil {
		t.Fatalf("the form is still open:\n%s", h.dialogView())
	}
	got := h.get(32)
	want := roadmap.Initiative{ID: 32, Title: "Chaos engineering game days", Domain: "observability", Level: 3,
		Quarter: roadmap.Quarter{Year: 2027, Q: 3}, Status: roadmap.Planned, Owner: "sre",
		Effort: roadmap.Effort{Value: 4, Set: true}, DependsOn: []int64{13, 18}, Description: "Break things on purpose."}
	if got.Title != want.Title || got.Domain != want.Domain || got.Level != want.Level || got.Quarter != want.Quarter ||
		got.Status != want.Status || got.Owner != want.Owner || got.Effort != want.Effort ||
		!slices.Equal(got.DependsOn, want.DependsOn) || got.Description != want.Description {
		t.Errorf("stored %+v\nwant %+v", got, want)
	}
	if _, ok := h.m.snap.r.Get(32); !ok {
		t.Error("the snapshot does not have the new initiative")
	}
	if sel := h.m.table.selected(); sel == nil || sel.ID != 32 {
		t.Errorf("selected %v, want the new initiative", sel)
	}
	if !strings.Contains(h.m.status, "added #32") {
		t.Errorf("status = %q", h.m.status)
	}
}

func TestFormRefusesInvalidFields(t *testing.T) {
	h := demoHarness(t)
	h.key("a")
	h.typeText("Something")
	h.key("tab")
	h.typeText("nonsense")
	h.key("ctrl+s")
	f, ok := h.m.dialog.(*form)
	if !ok {
		t.Fatal("the form closed on invalid input")
	}
	if f.errs[fieldDomain] == "" || f.errs[fieldLevel] == "" {
		t.Errorf("field errors = %q", f.errs)
	}
	if v := h.dialogView(); !strings.Contains(v, "fix the fields marked above") || !strings.Contains(v, `unknown domain "nonsense": want standardization`) {
		t.Errorf("form does not explain the problem:\n%s", v)
	}
	if n := len(h.reload().Initiatives); n != 31 {
		t.Errorf("store has %d initiatives, want 31", n)
	}
	h.key("esc")
	if h.m.dialog != nil {
		t.Error("esc did not close the form")
	}
}

func TestEditThroughTheForm(t *testing.T) {
	h := demoHarness(t)
	h.selectInTable(11)
	h.key("e")
	f, ok := h.m.dialog.(*form)
	if !ok || f.editing == nil || f.editing.ID != 11 {
		t.Fatalf("e opened %T, want the form editing #11", h.m.dialog)
	}
	if v := h.dialogView(); !strings.Contains(v, "Image and dependency scanning in pipelines") || !strings.Contains(v, "Edit #11") {
		t.Errorf("the form is not filled in:\n%s", v)
	}
	h.key("ctrl+u")
	h.typeText("Scan images and dependencies")
	h.key("tab", "tab", "tab", "tab", "ctrl+u")
	h.typeText("platform-security")
	h.key("ctrl+s")
	if h.m.dialog != nil {
		t.Fatalf("the form is still open:\n%s", h.dialogView())
	}
	got := h.get(11)
	if got.Title != "Scan images and dependencies" || got.Owner != "platform-security" {
		t.Errorf("stored title %q owner %q", got.Title, got.Owner)
	}
	if got.Domain != "governance" || got.Level != 2 || !slices.Equal(got.DependsOn, []int64{9}) || got.Version != 2 {
		t.Errorf("other fields changed: %+v", got)
	}
	if in, _ := h.m.snap.r.Get(11); in.Title != got.Title {
		t.Errorf("snapshot title %q", in.Title)
	}
	if !strings.Contains(h.m.status, "saved #11") {
		t.Errorf("status = %q", h.m.status)
	}
}

func TestStatusChanges(t *testing.T) {
	cases := []struct {
		name string
		id   int64
		key  string
		want roadmap.Status
		note string
	}{
		{"s starts a planned initiative whose prerequisites are reached", 11, "s", roadmap.InProgress, "started #11"},
		{"p stops an initiative in progress", 12, "p", roadmap.Planned, "stopped #12"},
		{"d marks an initiative in progress done", 8, "d", roadmap.Done, `marked #8 "Shared Grafana dashboards and alert rules" done`},
		{"d marks a planned initiative done directly", 11, "d", roadmap.Done, "marked #11"},
		{"x drops a planned initiative", 11, "x", roadmap.Dropped, "dropped #11"},
		{"x drops an initiative in progress", 12, "x", roadmap.Dropped, "dropped #12"},
		{"o reopens a dropped initiative", 27, "o", roadmap.Planned, "reopened #27"},
		{"o reopens a done initiative", 3, "o", roadmap.Planned, "reopened #3"},
	}
	for _, c := range cases {
		for _, v := range []view{roadmapView, initiativesView} {
			t.Run(c.name+" on the "+viewTitles[v], func(t *testing.T) {
				h := demoHarness(t)
				if v == roadmapView {
					h.selectOnBoard(c.id)
				} else {
					h.selectInTable(c.id)
				}
				h.key(c.key)
				if h.m.dialog != nil {
					t.Fatalf("a dialog opened:\n%s", h.dialogView())
				}
				if got := h.get(c.id).Status; got != c.want {
					t.Errorf("stored status %s, want %s", got, c.want)
				}
				if in, _ := h.m.snap.r.Get(c.id); in.Status != c.want {
					t.Errorf("snapshot status %s, want %s", in.Status, c.want)
				}
				if h.m.statusKind != statusInfo || !strings.Contains(h.m.status, c.note) {
					t.Errorf("status = %q", h.m.status)
				}
				if sel := h.m.selected(); sel == nil || sel.ID != c.id {
					t.Errorf("selection moved to %v", sel)
				}
			})
		}
	}
}

func TestStatusChangeRefusedByTheWorkflow(t *testing.T) {
	h := demoHarness(t)
	h.selectInTable(1) // done
	h.key("s")
	if h.m.dialog != nil {
		t.Fatalf("a refusal no override lifts opened a dialog:\n%s", h.dialogView())
	}
	if h.m.statusKind != statusError || !strings.Contains(h.m.status, "reopen it first") {
		t.Errorf("status = %q", h.m.status)
	}
	if got := h.get(1); got.Status != roadmap.Done || got.Version != 1 {
		t.Errorf("stored %s version %d", got.Status, got.Version)
	}
}

func TestForcingAnUnmetPrerequisite(t *testing.T) {
	cases := []struct {
		name    string
		id      int64
		key     string
		want    roadmap.Status
		missing string
	}{
		{"s", 14, "s", roadmap.InProgress, "requires automation ≥ 2 (Self-Service), now 1 (Scripted)"},
		{"d", 15, "d", roadmap.Done, "requires automation ≥ 2 (Self-Service), now 1 (Scripted); governance ≥ 2 (Static Checks), now 1 (Audits); observability ≥ 2 (Centralized)"},
	}
	for _, c := range cases {
		t.Run(c.name+" on an initiative whose prerequisite is unmet offers to force it", func(t *testing.T) {
			h := demoHarness(t)
			h.selectOnBoard(c.id)
			h.key(c.key)
			if _, ok := h.m.dialog.(*prompt); !ok {
				t.Fatalf("dialog = %T, want the force prompt", h.m.dialog)
			}
			v := h.dialogView()
			if !strings.Contains(v, "Prerequisites not reached") || !strings.Contains(v, c.missing) {
				t.Errorf("the prompt does not name the missing prerequisite %q:\n%s", c.missing, v)
			}
			if got := h.get(c.id); got.Status != roadmap.Planned {
				t.Fatalf("changed before forcing: %s", got.Status)
			}

			h.key("enter") // no reason
			if v := h.dialogView(); !strings.Contains(v, "a reason is required") {
				t.Errorf("an empty reason was not refused:\n%s", v)
			}
			if got := h.get(c.id); got.Status != roadmap.Planned {
				t.Fatalf("forced without a reason: %s", got.Status)
			}

			h.typeText("pilot team accepts the risk")
			h.key("enter")
			if h.m.dialog != nil {
				t.Fatalf("the prompt is still open:\n%s", h.dialogView())
			}
			if got := h.get(c.id); got.Status != c.want {
				t.Errorf("stored status %s, want %s", got.Status, c.want)
			}
			hist, err := h.st.History(context.Background(), store.HistoryFilter{Initiative: c.id, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			if len(hist) != 1 || hist[0].Action != store.ActionForce || !strings.Contains(hist[0].Reason, "pilot team accepts the risk") {
				t.Errorf("history = %+v", hist)
			}
			if !strings.Contains(h.m.status, "forced; reason recorded") {
				t.Errorf("status = %q", h.m.status)
			}
		})
	}

	t.Run("esc leaves the initiative as it was", func(t *testing.T) {
		h := demoHarness(t)
		h.selectInTable(14)
		h.key("s", "esc")
		if h.m.dialog != nil {
			t.Fatal("esc did not close the prompt")
		}
		if got := h.get(14); got.Status != roadmap.Planned || got.Version != 1 {
			t.Errorf("stored %s version %d", got.Status, got.Version)
		}
	})
}

func TestDelete(t *testing.T) {
	t.Run("D asks, and y deletes", func(t *testing.T) {
		h := demoHarness(t)
		h.selectInTable(25)
		h.key("D")
		if v := h.dialogView(); !strings.Contains(v, `Delete #25 "Drift-free database schemas"?`) {
			t.Errorf("confirm = %s", v)
		}
		h.key("y")
		if h.m.dialog != nil {
			t.Fatalf("the dialog is still open:\n%s", h.dialogView())
		}
		if _, ok := h.reload().Get(25); ok {
			t.Error("#25 is still stored")
		}
		if _, ok := h.m.snap.r.Get(25); ok {
			t.Error("#25 is still in the snapshot")
		}
		if !strings.Contains(h.m.status, "deleted #25") {
			t.Errorf("status = %q", h.m.status)
		}
	})
	t.Run("n keeps it", func(t *testing.T) {
		h := demoHarness(t)
		h.selectInTable(25)
		h.key("D", "n")
		if h.m.dialog != nil {
			t.Fatal("n did not close the dialog")
		}
		if _, ok := h.reload().Get(25); !ok {
			t.Error("#25 was deleted")
		}
	})
	t.Run("it is refused while others depend on it, naming them", func(t *testing.T) {
		h := demoHarness(t)
		h.selectOnBoard(1)
		h.key("D", "y")
		if _, ok := h.m.dialog.(*confirm); !ok {
			t.Fatalf("dialog = %T, want the confirm showing the refusal", h.m.dialog)
		}
		v := h.dialogView()
		for _, want := range []string{"cannot delete #1", "#4", "#5", "depend on it"} {
			if !strings.Contains(v, want) {
				t.Errorf("the refusal does not say %q:\n%s", want, v)
			}
		}
		if _, ok := h.reload().Get(1); !ok {
			t.Error("#1 was deleted")
		}
		h.key("esc")
		if h.m.dialog != nil {
			t.Error("esc did not close the refusal")
		}
	})
}

func TestDependencies(t *testing.T) {
	t.Run("b sets the dependencies", func(t *testing.T) {
		h := demoHarness(t)
		h.selectInTable(25)
		h.key("b")
		if v := h.dialogView(); !strings.Contains(v, "Dependencies of #25") {
			t.Errorf("prompt = %s", v)
		}
		h.typeText("3, 21")
		h.key("enter")
		if h.m.dialog != nil {
			t.Fatalf("the prompt is still open:\n%s", h.dialogView())
		}
		if got := h.get(25).DependsOn; !slices.Equal(got, []int64{3, 21}) {
			t.Errorf("stored dependencies %v", got)
		}
		if !strings.Contains(h.m.status, "updated the dependencies of #25") {
			t.Errorf("status = %q", h.m.status)
		}
	})
	t.Run("b starts from the current dependencies", func(t *testing.T) {
		h := demoHarness(t)
		h.selectInTable(16)
		h.key("b")
		if p := h.m.dialog.(*prompt); p.input.Value() != "15, 27" {
			t.Errorf("prompt value %q", p.input.Value())
		}
	})
	for _, c := range []struct{ name, input, want string }{
		{"a cycle is refused in the prompt", "9", "that would make a cycle (#1 → #9 → #4 → #1)"},
		{"an unknown id is refused in the prompt", "99", "unknown initiative #99"},
		{"itself is refused in the prompt", "1", "cannot depend on itself"},
		{"text is refused in the prompt", "nine", "nine"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := demoHarness(t)
			h.selectInTable(1)
			h.key("b")
			h.typeText(c.input)
			h.key("enter")
			p, ok := h.m.dialog.(*prompt)
			if !ok {
				t.Fatalf("dialog = %T, want the prompt still open", h.m.dialog)
			}
			if !strings.Contains(p.err, c.want) {
				t.Errorf("error %q, want it to say %q", p.err, c.want)
			}
			if got := h.get(1); len(got.DependsOn) != 0 || got.Version != 1 {
				t.Errorf("stored %+v", got)
			}
		})
	}
}

func TestMoveBetweenQuarters(t *testing.T) {
	q := func(y, n int) roadmap.Quarter { return roadmap.Quarter{Year: y, Q: n} }
	gov, _ := roadmap.DefaultModel().DomainIndex("governance")
	hasWarning := func(s *snapshot, id int64, code string) bool {
		return slices.ContainsFunc(s.warnings, func(w roadmap.Warning) bool { return w.Subject.ID() == id && w.Code == code })
	}
	cases := []struct {
		name  string
		id    int64
		key   string
		want  roadmap.Quarter
		check func(t *testing.T, before, after *snapshot)
	}{
		{"] moves a card to the next quarter, delaying the level it completes", 11, "]", q(2027, 1),
			func(t *testing.T, before, after *snapshot) {
				if got := before.proj.When(gov, 2).Quarter; got != q(2026, 4) {
					t.Errorf("governance 2 reached in %s before the move", got)
				}
				if got := after.proj.When(gov, 2).Quarter; got != q(2027, 1) {
					t.Errorf("governance 2 reached in %s after the move, want 2027-Q1", got)
				}
				// Argo CD (#15, 2027-Q1) needs governance 2 in an earlier quarter.
				if hasWarning(before, 15, "prerequisite-same-quarter") || !hasWarning(after, 15, "prerequisite-same-quarter") {
					t.Errorf("warnings of #15: before %v, after %v", before.byInit[15], after.byInit[15])
				}
			}},
		{"shift+right moves a card to the next quarter", 11, "shift+right", q(2027, 1), nil},
		{"[ moves a card to the previous quarter, fixing a late dependency", 30, "[", q(2027, 1),
			func(t *testing.T, before, after *snapshot) {
				if !hasWarning(before, 29, "dependency-late") || hasWarning(after, 29, "dependency-late") {
					t.Errorf("warnings of #29: before %v, after %v", before.byInit[29], after.byInit[29])
				}
				if len(after.warnings) != len(before.warnings)-1 {
					t.Errorf("%d warnings after, %d before", len(after.warnings), len(before.warnings))
				}
			}},
		{"shift+left moves a card to the previous quarter", 30, "shift+left", q(2027, 1), nil},
		{"[ moves a card from the backlog to the last quarter", 25, "[", q(2027, 3), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := demoHarness(t)
			h.selectOnBoard(c.id)
			before := h.m.snap
			h.key(c.key)
			if got := h.get(c.id).Quarter; got != c.want {
				t.Errorf("stored quarter %s, want %s", got, c.want)
			}
			if in, _ := h.m.snap.r.Get(c.id); in.Quarter != c.want {
				t.Errorf("snapshot quarter %s", in.Quarter)
			}
			if sel := h.m.board.selected(); sel == nil || sel.ID != c.id || h.m.board.quarters[h.m.board.col] != c.want {
				t.Errorf("the selection did not follow the card: %v in column %d", sel, h.m.board.col)
			}
			if !strings.Contains(h.m.status, "moved #") {
				t.Errorf("status = %q", h.m.status)
			}
			if c.check != nil {
				c.check(t, before, h.m.snap)
			}
		})
	}
	t.Run("] in the backlog goes nowhere", func(t *testing.T) {
		h := demoHarness(t)
		h.selectOnBoard(25)
		h.key("]")
		if got := h.get(25); !got.Quarter.IsBacklog() || got.Version != 1 {
			t.Errorf("stored %s version %d", got.Quarter, got.Version)
		}
		if !strings.Contains(h.m.status, "nowhere further") {
			t.Errorf("status = %q", h.m.status)
		}
	})
	t.Run("keys pressed while a move is saved wait for it", func(t *testing.T) {
		h := demoHarness(t)
		h.selectOnBoard(11)
		_, first := h.m.Update(keyMsg("]"))
		_, second := h.m.Update(keyMsg("]"))
		if second != nil || len(h.m.queued) != 1 || !strings.Contains(h.view(), "saving…") {
			t.Fatalf("the second key did not wait: queued %d", len(h.m.queued))
		}
		h.run(first)
		if got := h.get(11).Quarter; got != q(2027, 2) {
			t.Errorf("stored quarter %s, want 2027-Q2 after two moves", got)
		}
	})
}

func TestStaleEditIsRefused(t *testing.T) {
	h := demoHarness(t)
	h.selectInTable(11)
	h.key("e")

	other := openStoreAt(t, h.st.Path())
	elsewhere := "Changed in another window"
	if _, err := other.Edit(context.Background(), 11, roadmap.Patch{Title: &elsewhere}, store.Options{}); err != nil {
		t.Fatal(err)
	}

	h.key("ctrl+u")
	h.typeText("Mine")
	h.key("ctrl+s")
	f, ok := h.m.dialog.(*form)
	if !ok {
		t.Fatalf("the form closed: dialog %T, status %q", h.m.dialog, h.m.status)
	}
	if !strings.Contains(f.saveErr, "changed elsewhere") || !strings.Contains(h.dialogView(), "changed elsewhere") {
		t.Errorf("the form does not say it changed elsewhere: %q", f.saveErr)
	}
	if got := h.get(11); got.Title != elsewhere || got.Version != 2 {
		t.Errorf("stored %q version %d: the other change was overwritten", got.Title, got.Version)
	}
}

func TestExternalChangeReloads(t *testing.T) {
	h := demoHarness(t)
	h.send(pollMsg{})
	if h.m.status != "" {
		t.Errorf("a poll without changes said %q", h.m.status)
	}

	// The dashboard's own changes do not count as changes elsewhere.
	h.selectInTable(11)
	h.key("s")
	h.send(pollMsg{})
	if strings.Contains(h.m.status, "reloaded") {
		t.Errorf("its own change reloaded: %q", h.m.status)
	}

	other := openStoreAt(t, h.st.Path())
	added, err := other.Add(context.Background(), roadmap.Initiative{Title: "Added elsewhere", Domain: "automation", Level: 2})
	if err != nil {
		t.Fatal(err)
	}
	h.send(pollMsg{})
	if _, ok := h.m.snap.r.Get(added.ID); !ok {
		t.Fatalf("#%d is not in the dashboard after the poll", added.ID)
	}
	if !strings.Contains(h.m.status, "reloaded") || !strings.Contains(h.m.status, "changed elsewhere") {
		t.Errorf("status = %q", h.m.status)
	}
	if sel := h.m.table.selected(); sel == nil || sel.ID != 11 {
		t.Errorf("the reload lost the selection: %v", sel)
	}
	if !strings.Contains(h.view(), "Added elsewhere") {
		t.Errorf("the table does not show it:\n%s", h.view())
	}
}

func TestFilter(t *testing.T) {
	ids := func(h *harness) []int64 {
		var out []int64
		for _, in := range h.m.table.rows {
			out = append(out, in.ID)
		}
		return out
	}
	h := demoHarness(t)
	h.key("3", "/")
	h.typeText("vaul")
	if got := ids(h); !slices.Equal(got, []int64{29, 30}) {
		t.Errorf("after typing vaul rows = %v", got)
	}
	h.typeText("t")
	if v := h.view(); !strings.Contains(v, "(2 of 31)") || strings.Contains(v, "Golden path") {
		t.Errorf("view:\n%s", v)
	}
	h.key("esc")
	if got := len(h.m.table.rows); got != 31 || h.m.table.filter.Value() != "" {
		t.Errorf("esc left %d rows, filter %q", got, h.m.table.filter.Value())
	}

	// Letters that are keys elsewhere are text in the filter.
	h.key("/")
	h.typeText("q1")
	if h.quit {
		t.Fatal("typing q in the filter quit")
	}
	if h.m.active != initiativesView || h.m.table.filter.Value() != "q1" {
		t.Errorf("view %s, filter %q", viewTitles[h.m.active], h.m.table.filter.Value())
	}
	for _, in := range h.m.table.rows {
		if in.Quarter.Q != 1 {
			t.Errorf("#%d in %s matches q1", in.ID, in.Quarter)
		}
	}
	if len(h.m.table.rows) == 0 {
		t.Error("q1 matches nothing")
	}
	h.key("enter") // leaves the filter, which stays
	if h.m.table.typing() || h.m.table.filter.Value() != "q1" {
		t.Errorf("enter: typing %v, filter %q", h.m.table.typing(), h.m.table.filter.Value())
	}
	h.key("esc")
	if h.m.table.filter.Value() != "" {
		t.Error("esc did not clear the filter")
	}
	h.typeText("/zzz")
	if v := h.view(); !strings.Contains(v, "nothing matches the filter") {
		t.Errorf("view:\n%s", v)
	}
}

func TestSort(t *testing.T) {
	h := demoHarness(t)
	h.key("3")
	roadmapOrder := slices.Clone(h.m.table.rows)
	steps := []struct {
		key    string
		col    string // "" for roadmap order
		desc   bool
		header string
	}{
		{"S", "ID", false, "ID ↑"},
		{"S", "TITLE", false, "TITLE ↑"},
		{"R", "TITLE", true, "TITLE ↓"},
		{"S", "DOMAIN", true, "DOMAIN ↓"},
		{"R", "DOMAIN", false, "DOMAIN ↑"},
		{"S", "LEVEL", false, "LEVEL ↑"},
		{"S", "QUARTER", false, "QUARTER ↑"},
		{"S", "STATUS", false, "STATUS ↑"},
		{"S", "OWNER", false, "OWNER ↑"},
		{"S", "EFFORT", false, "EFFORT ↑"},
		{"S", "WARN", false, "WARN ↑"},
		{"S", "", false, ""},
		{"R", "", true, ""},
	}
	for _, s := range steps {
		h.key(s.key)
		name := s.col
		if name == "" {
			name = "roadmap order"
		}
		if s.desc {
			name += " descending"
		}
		t.Run(s.key+" then "+name, func(t *testing.T) {
			tb := h.m.table
			rows := tb.rows
			if s.col == "" {
				want := slices.Clone(roadmapOrder)
				if s.desc {
					slices.Reverse(want)
				}
				if !slices.Equal(rows, want) {
					t.Error("rows are not in roadmap order")
				}
				return
			}
			if tb.sortCol < 0 || tableColumns[tb.sortCol].title != s.col || tb.desc != s.desc {
				t.Fatalf("sortCol %d desc %v", tb.sortCol, tb.desc)
			}
			less := tableColumns[tb.sortCol].less
			for i := 1; i < len(rows); i++ {
				c := less(h.m.snap, rows[i-1], rows[i])
				if (!s.desc && c > 0) || (s.desc && c < 0) {
					t.Errorf("#%d before #%d is out of order", rows[i-1].ID, rows[i].ID)
				}
			}
			if !strings.Contains(h.view(), s.header) {
				t.Errorf("header does not show %q", s.header)
			}
		})
	}
}

func TestWarningJumpsToTheRoadmap(t *testing.T) {
	h := demoHarness(t)
	h.key("4", "down")
	w, ok := h.m.warns.selectedWarning()
	if !ok || w != h.m.snap.warnings[1] {
		t.Fatalf("selected %v", w)
	}
	h.key("enter")
	if h.m.active != roadmapView {
		t.Fatalf("enter opened %s", viewTitles[h.m.active])
	}
	if sel := h.m.board.selected(); sel == nil || sel.ID != w.Subject.ID() {
		t.Errorf("selected %v, want #%d", sel, w.Subject.ID())
	}
	if h.m.dialog != nil {
		t.Error("enter also opened a dialog")
	}
}

func TestExport(t *testing.T) {
	h := demoHarness(t)
	path := filepath.Join(t.TempDir(), "out.csv")
	h.key("E")
	p, ok := h.m.dialog.(*prompt)
	if !ok {
		t.Fatalf("dialog = %T, want the export prompt", h.m.dialog)
	}
	if p.input.Value() != "roadmap-2026-11-15.csv" {
		t.Errorf("default file %q", p.input.Value())
	}
	h.key("ctrl+u")
	h.typeText(path)
	h.key("enter")
	if h.m.dialog != nil {
		t.Fatalf("the prompt is still open:\n%s", h.dialogView())
	}
	if !strings.Contains(h.m.status, "exported the roadmap to "+path) {
		t.Errorf("status = %q", h.m.status)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := h.reload()
	var want bytes.Buffer
	if err := roadmap.WriteCSV(&want, r, r.Check(roadmap.QuarterOf(testToday))); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("export differs from WriteCSV:\n%s\nwant:\n%s", got, want.Bytes())
	}

	t.Run("an existing file is replaced on the second enter", func(t *testing.T) {
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		h.key("E", "ctrl+u")
		h.typeText(path)
		h.key("enter")
		if v := h.dialogView(); !strings.Contains(v, "exists: press enter again to replace it") {
			t.Errorf("prompt:\n%s", v)
		}
		if b, _ := os.ReadFile(path); string(b) != "old" {
			t.Error("replaced without asking")
		}
		h.key("enter")
		if b, _ := os.ReadFile(path); !bytes.Equal(b, want.Bytes()) {
			t.Error("not replaced after the second enter")
		}
	})
}

func TestHelp(t *testing.T) {
	for v := view(0); v < viewCount; v++ {
		t.Run("in the "+viewTitles[v], func(t *testing.T) {
			h := demoHarness(t)
			h.m.active = v
			h.key("?")
			if !h.m.showHelp {
				t.Fatal("? did not open the help")
			}
			out := h.view()
			if !strings.Contains(out, "Keys for "+viewTitles[v]) || !strings.Contains(out, "quit") {
				t.Errorf("help:\n%s", out)
			}
			h.key("q") // any key closes the help, and does nothing else
			if h.m.showHelp || h.quit {
				t.Errorf("after a key: help %v, quit %v", h.m.showHelp, h.quit)
			}
		})
	}
}

func TestQuit(t *testing.T) {
	for _, c := range []struct {
		name string
		prep func(h *harness)
		key  string
		want bool
	}{
		{"q quits", func(*harness) {}, "q", true},
		{"ctrl+c quits", func(*harness) {}, "ctrl+c", true},
		{"ctrl+c quits from a dialog", func(h *harness) { h.key("a") }, "ctrl+c", true},
		{"q in the form is a letter", func(h *harness) { h.key("a") }, "q", false},
		{"q in the filter is a letter", func(h *harness) { h.key("3", "/") }, "q", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := demoHarness(t)
			c.prep(h)
			_, cmd := h.m.Update(keyMsg(c.key))
			quits := cmd != nil && func() bool { _, ok := cmd().(tea.QuitMsg); return ok }()
			if quits != c.want {
				t.Errorf("quits = %v, want %v", quits, c.want)
			}
		})
	}
}

func TestReloadKey(t *testing.T) {
	h := demoHarness(t)
	other := openStoreAt(t, h.st.Path())
	if _, err := other.Add(context.Background(), roadmap.Initiative{Title: "Seen after r", Domain: "governance", Level: 1}); err != nil {
		t.Fatal(err)
	}
	h.key("r")
	if _, ok := h.m.snap.r.Get(32); !ok || h.m.status != "reloaded" {
		t.Errorf("after r: #32 loaded %v, status %q", ok, h.m.status)
	}
}

func TestStatusExpires(t *testing.T) {
	h := demoHarness(t)
	h.selectInTable(11)
	h.key("s")
	first := h.m.statusTag
	h.key("x")
	if h.m.statusTag == first {
		t.Fatal("a new status kept the old tag")
	}
	h.send(statusExpiredMsg{tag: first})
	if !strings.Contains(h.m.status, "dropped #11") {
		t.Errorf("an older status's expiry cleared the newer one: %q", h.m.status)
	}
	h.send(statusExpiredMsg{tag: h.m.statusTag})
	if h.m.status != "" {
		t.Errorf("status = %q after it expired", h.m.status)
	}
}
