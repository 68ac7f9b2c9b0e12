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
	marks := map[string]string{
		"Dashboard":   "Overall stage",
		"Roadmap":     "2026-Q4 (now) · ",
		"Initiatives": "/ to filter",
		"Warnings":    "enter shows what it is about",
		"Assessment":  "metric values from",
		"Capacity":    "not est.",
	}
	cases := []struct {
		name string
		from string
		key  string
		want string
	}{
		{"1 opens the dashboard", "Warnings", "1", "Dashboard"},
		{"2 opens the roadmap", "Dashboard", "2", "Roadmap"},
		{"3 opens the initiatives", "Dashboard", "3", "Initiatives"},
		{"4 opens the warnings", "Dashboard", "4", "Warnings"},
		{"tab goes to the next view", "Roadmap", "tab", "Initiatives"},
		{"5 opens the assessment", "Dashboard", "5", "Assessment"},
		{"6 opens the capacity", "Dashboard", "6", "Capacity"},
		{"tab wraps from the capacity to the dashboard", "Capacity", "tab", "Dashboard"},
		{"shift+tab goes to the previous view", "Initiatives", "shift+tab", "Roadmap"},
		{"shift+tab wraps from the dashboard to the capacity", "Dashboard", "shift+tab", "Capacity"},
		{"w on the dashboard opens the warnings", "Dashboard", "w", "Warnings"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h.view(c.from)
			h.press(c.key)
			if got := h.active(); got != c.want {
				t.Fatalf("active view = %s, want %s", got, c.want)
			}
			v := h.screen()
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
	h.press("3", "a")
	if k := h.dialogKind(); k != "form" {
		t.Fatalf("a opened %q, want the form", k)
	}
	h.typeText("Chaos engineering game days")
	h.press("tab")
	h.typeText("observability")
	h.press("tab")
	h.typeText("3")
	h.press("tab")
	h.press("ctrl+u") // the quarter starts as today's
	h.typeText("2027-Q3")
	h.press("tab")
	h.typeText("sre")
	h.press("tab")
	h.typeText("4")
	h.press("tab")
	h.typeText("13, 18")
	h.press("tab")
	h.typeText("Break things on purpose.")
	h.press("ctrl+s")

	if h.dialogKind() != "" {
		t.Fatalf("the form is still open:\n%s", h.dialogText())
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
	if _, ok := h.shown(32); !ok {
		t.Error("the snapshot does not have the new initiative")
	}
	if sel := h.selected(); sel == nil || sel.ID != 32 {
		t.Errorf("selected %v, want the new initiative", sel)
	}
	if !strings.Contains(h.statusText(), "added #32") {
		t.Errorf("status = %q", h.statusText())
	}
}

func TestFormRefusesInvalidFields(t *testing.T) {
	h := demoHarness(t)
	h.press("a")
	h.typeText("Something")
	h.press("tab")
	h.typeText("nonsense")
	h.press("ctrl+s")
	if h.dialogKind() != "form" {
		t.Fatal("the form closed on invalid input")
	}
	_, domainErr := h.field(fieldDomain)
	_, levelErr := h.field(fieldLevel)
	if domainErr == "" || levelErr == "" {
		t.Errorf("field errors: domain %q, level %q", domainErr, levelErr)
	}
	if v := h.dialogText(); !strings.Contains(v, "fix the fields marked above") || !strings.Contains(v, `unknown domain "nonsense": want standardization`) {
		t.Errorf("form does not explain the problem:\n%s", v)
	}
	if n := len(h.reload().Initiatives); n != 31 {
		t.Errorf("store has %d initiatives, want 31", n)
	}
	h.press("esc", "y") // discard what was typed
	if h.dialogKind() != "" {
		t.Error("esc, y did not close the form")
	}
}

func TestEditThroughTheForm(t *testing.T) {
	h := demoHarness(t)
	h.selectIn("Initiatives", 11)
	h.press("e")
	if k := h.dialogKind(); k != "form" {
		t.Fatalf("e opened %q, want the form editing #11", k)
	}
	if v := h.dialogText(); !strings.Contains(v, "Image and dependency scanning in pipelines") || !strings.Contains(v, "Edit #11") {
		t.Errorf("the form is not filled in:\n%s", v)
	}
	h.press("ctrl+u")
	h.typeText("Scan images and dependencies")
	h.press("tab", "tab", "tab", "tab", "ctrl+u")
	h.typeText("platform-security")
	h.press("ctrl+s")
	if h.dialogKind() != "" {
		t.Fatalf("the form is still open:\n%s", h.dialogText())
	}
	got := h.get(11)
	if got.Title != "Scan images and dependencies" || got.Owner != "platform-security" {
		t.Errorf("stored title %q owner %q", got.Title, got.Owner)
	}
	if got.Domain != "governance" || got.Level != 2 || !slices.Equal(got.DependsOn, []int64{9}) || got.Version != 2 {
		t.Errorf("other fields changed: %+v", got)
	}
	if in, _ := h.shown(11); in.Title != got.Title {
		t.Errorf("snapshot title %q", in.Title)
	}
	if !strings.Contains(h.statusText(), "saved #11") {
		t.Errorf("status = %q", h.statusText())
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
		for _, v := range []string{"Roadmap", "Initiatives"} {
			t.Run(c.name+" on the "+v, func(t *testing.T) {
				h := demoHarness(t)
				h.selectIn(v, c.id)
				h.press(c.key)
				if h.dialogKind() != "" {
					t.Fatalf("a dialog opened:\n%s", h.dialogText())
				}
				if got := h.get(c.id).Status; got != c.want {
					t.Errorf("stored status %s, want %s", got, c.want)
				}
				if in, _ := h.shown(c.id); in.Status != c.want {
					t.Errorf("snapshot status %s, want %s", in.Status, c.want)
				}
				if h.statusIsError() || !strings.Contains(h.statusText(), c.note) {
					t.Errorf("status = %q", h.statusText())
				}
				if sel := h.selected(); sel == nil || sel.ID != c.id {
					t.Errorf("selection moved to %v", sel)
				}
			})
		}
	}
}

func TestStatusChangeRefusedByTheWorkflow(t *testing.T) {
	h := demoHarness(t)
	h.selectIn("Initiatives", 1) // done
	h.press("s")
	if h.dialogKind() != "" {
		t.Fatalf("a refusal no override lifts opened a dialog:\n%s", h.dialogText())
	}
	if !h.statusIsError() || !strings.Contains(h.statusText(), "reopen it first") {
		t.Errorf("status = %q", h.statusText())
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
			h.selectIn("Roadmap", c.id)
			h.press(c.key)
			if k := h.dialogKind(); k != "prompt" {
				t.Fatalf("dialog %q, want the force prompt", k)
			}
			v := h.dialogText()
			if !strings.Contains(v, "Prerequisites not reached") || !strings.Contains(v, c.missing) {
				t.Errorf("the prompt does not name the missing prerequisite %q:\n%s", c.missing, v)
			}
			if got := h.get(c.id); got.Status != roadmap.Planned {
				t.Fatalf("changed before forcing: %s", got.Status)
			}

			h.press("enter") // no reason
			if v := h.dialogText(); !strings.Contains(v, "a reason is required") {
				t.Errorf("an empty reason was not refused:\n%s", v)
			}
			if got := h.get(c.id); got.Status != roadmap.Planned {
				t.Fatalf("forced without a reason: %s", got.Status)
			}

			h.typeText("pilot team accepts the risk")
			h.press("enter")
			if h.dialogKind() != "" {
				t.Fatalf("the prompt is still open:\n%s", h.dialogText())
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
			if !strings.Contains(h.statusText(), "forced; reason recorded") {
				t.Errorf("status = %q", h.statusText())
			}
		})
	}

	t.Run("esc leaves the initiative as it was", func(t *testing.T) {
		h := demoHarness(t)
		h.selectIn("Initiatives", 14)
		h.press("s", "esc")
		if h.dialogKind() != "" {
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
		h.selectIn("Initiatives", 25)
		h.press("D")
		if v := h.dialogText(); !strings.Contains(v, `Delete #25 "Drift-free database schemas"?`) {
			t.Errorf("confirm = %s", v)
		}
		h.press("y")
		if h.dialogKind() != "" {
			t.Fatalf("the dialog is still open:\n%s", h.dialogText())
		}
		if _, ok := h.reload().Get(25); ok {
			t.Error("#25 is still stored")
		}
		if _, ok := h.shown(25); ok {
			t.Error("#25 is still in the snapshot")
		}
		if !strings.Contains(h.statusText(), "deleted #25") {
			t.Errorf("status = %q", h.statusText())
		}
	})
	t.Run("n keeps it", func(t *testing.T) {
		h := demoHarness(t)
		h.selectIn("Initiatives", 25)
		h.press("D", "n")
		if h.dialogKind() != "" {
			t.Fatal("n did not close the dialog")
		}
		if _, ok := h.reload().Get(25); !ok {
			t.Error("#25 was deleted")
		}
	})
	t.Run("it is refused while others depend on it, naming them, when they came elsewhere", func(t *testing.T) {
		h := demoHarness(t)
		h.selectIn("Roadmap", 25)
		// Another process makes #4 and #5 depend on #25: the dashboard
		// does not know yet, so it asks, and the store refuses.
		for _, id := range []int64{4, 5} {
			if _, err := h.st.Edit(context.Background(), id, roadmap.Patch{AddDeps: []int64{25}}, store.Options{}); err != nil {
				t.Fatal(err)
			}
		}
		h.press("D", "y")
		if k := h.dialogKind(); k != "confirm" {
			t.Fatalf("dialog %q, want the confirm showing the refusal", k)
		}
		v := h.dialogText()
		for _, want := range []string{"cannot delete #25", "#4", "#5", "depend on it"} {
			if !strings.Contains(v, want) {
				t.Errorf("the refusal does not say %q:\n%s", want, v)
			}
		}
		if _, ok := h.reload().Get(25); !ok {
			t.Error("#25 was deleted")
		}
		h.press("esc")
		if h.dialogKind() != "" {
			t.Error("esc did not close the refusal")
		}
	})
}

func TestDependencies(t *testing.T) {
	t.Run("b sets the dependencies", func(t *testing.T) {
		h := demoHarness(t)
		h.selectIn("Initiatives", 25)
		h.press("b")
		if v := h.dialogText(); !strings.Contains(v, "Dependencies of #25") {
			t.Errorf("prompt = %s", v)
		}
		h.typeText("3, 21")
		h.press("enter")
		if h.dialogKind() != "" {
			t.Fatalf("the prompt is still open:\n%s", h.dialogText())
		}
		if got := h.get(25).DependsOn; !slices.Equal(got, []int64{3, 21}) {
			t.Errorf("stored dependencies %v", got)
		}
		if !strings.Contains(h.statusText(), "updated the dependencies of #25") {
			t.Errorf("status = %q", h.statusText())
		}
	})
	t.Run("b starts from the current dependencies", func(t *testing.T) {
		h := demoHarness(t)
		h.selectIn("Initiatives", 16)
		h.press("b")
		if got := h.input(); got != "15, 27" {
			t.Errorf("prompt value %q", got)
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
			h.selectIn("Initiatives", 1)
			h.press("b")
			h.typeText(c.input)
			h.press("enter")
			if k := h.dialogKind(); k != "prompt" {
				t.Fatalf("dialog %q, want the prompt still open", k)
			}
			if got := h.dialogError(); !strings.Contains(got, c.want) {
				t.Errorf("error %q, want it to say %q", got, c.want)
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
				// The move books #30's effort in 2027-Q1: capacity
				// warnings may come, the others lose one.
				notCapacity := func(s *snapshot) int {
					n := 0
					for _, w := range s.warnings {
						if w.Subject.Kind != roadmap.SubjectQuarter {
							n++
						}
					}
					return n
				}
				if notCapacity(after) != notCapacity(before)-1 {
					t.Errorf("%d warnings but capacity's after, %d before", notCapacity(after), notCapacity(before))
				}
			}},
		{"shift+left moves a card to the previous quarter", 30, "shift+left", q(2027, 1), nil},
		{"[ moves a card from the backlog to the last quarter", 25, "[", q(2027, 3), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := demoHarness(t)
			h.selectIn("Roadmap", c.id)
			before := h.snapshot()
			h.press(c.key)
			if got := h.get(c.id).Quarter; got != c.want {
				t.Errorf("stored quarter %s, want %s", got, c.want)
			}
			if in, _ := h.shown(c.id); in.Quarter != c.want {
				t.Errorf("snapshot quarter %s", in.Quarter)
			}
			if sel := h.selected(); h.active() != "Roadmap" || sel == nil || sel.ID != c.id || sel.Quarter != c.want {
				t.Errorf("the selection did not follow the card: %s selects %v", h.active(), sel)
			}
			if !strings.Contains(h.statusText(), "moved #") {
				t.Errorf("status = %q", h.statusText())
			}
			if c.check != nil {
				c.check(t, before, h.snapshot())
			}
		})
	}
	t.Run("] in the backlog goes nowhere", func(t *testing.T) {
		h := demoHarness(t)
		h.selectIn("Roadmap", 25)
		h.press("]")
		if got := h.get(25); !got.Quarter.IsBacklog() || got.Version != 1 {
			t.Errorf("stored %s version %d", got.Quarter, got.Version)
		}
		if !strings.Contains(h.statusText(), "nowhere further") {
			t.Errorf("status = %q", h.statusText())
		}
	})
	t.Run("keys pressed while a move is saved wait for it", func(t *testing.T) {
		h := demoHarness(t)
		h.selectIn("Roadmap", 11)
		first := h.pressLater("]")
		second := h.pressLater("]")
		if _, waiting := h.saving(); second != nil || waiting != 1 {
			t.Fatalf("the second key did not wait: %d waiting", waiting)
		}
		rest := h.runUntil(func() bool { saving, _ := h.saving(); return saving }, first)
		if saving, _ := h.saving(); !saving || !strings.Contains(h.screen(), "saving…") {
			t.Errorf("saving %v; the screen does not say so:\n%s", saving, h.screen())
		}
		h.run(rest...)
		if got := h.get(11).Quarter; got != q(2027, 2) {
			t.Errorf("stored quarter %s, want 2027-Q2 after two moves", got)
		}
	})
}

// TestAKeyDuringASaveActsOnWhatWasSaved presses down while a start is
// being saved: it waits, then moves from the initiative saved (before, it
// moved at once and the save's outcome put the cursor back).
func TestAKeyDuringASaveActsOnWhatWasSaved(t *testing.T) {
	h := demoHarness(t)
	h.selectIn("Initiatives", 11)
	rows := h.rowIDs()
	start := h.pressLater("s")
	if saving, _ := h.saving(); !saving {
		t.Fatal("s started no save")
	}
	if cmd := h.pressLater("down"); cmd != nil {
		t.Fatal("down did not wait for the save")
	}
	if sel := h.selected(); sel == nil || sel.ID != 11 {
		t.Fatalf("down moved the cursor during the save to %v", sel)
	}
	h.run(start)
	want := rows[slices.Index(rows, 11)+1]
	if sel := h.selected(); sel == nil || sel.ID != want {
		t.Errorf("after the save the cursor is on %v, want #%d, below #11", sel, want)
	}
	if got := h.get(11).Status; got != roadmap.InProgress {
		t.Errorf("stored %s", got)
	}
}

// TestPasteDuringASaveGoesWhereItsKeysLead presses a (the form) and
// pastes a title while a start is being saved: after the save, the form
// is open with the title in it.
func TestPasteDuringASaveGoesWhereItsKeysLead(t *testing.T) {
	h := demoHarness(t)
	h.selectIn("Initiatives", 11)
	start := h.pressLater("s")
	h.press("a")
	h.paste("Chaos game days")
	if k := h.dialogKind(); k != "" {
		t.Fatalf("a opened the %s during the save", k)
	}
	h.run(start)
	if got, _ := h.field(fieldTitle); got != "Chaos game days" {
		t.Errorf("the form's title is %q", got)
	}
}

func TestStaleEditIsRefused(t *testing.T) {
	h := demoHarness(t)
	h.selectIn("Initiatives", 11)
	h.press("e")

	other := openStoreAt(t, h.st.Path())
	elsewhere := "Changed in another window"
	if _, err := other.Edit(context.Background(), 11, roadmap.Patch{Title: &elsewhere}, store.Options{}); err != nil {
		t.Fatal(err)
	}

	h.press("ctrl+u")
	h.typeText("Mine")
	h.press("ctrl+s")
	if k := h.dialogKind(); k != "form" {
		t.Fatalf("the form closed: dialog %q, status %q", k, h.statusText())
	}
	if got := h.dialogError(); !strings.Contains(got, "changed elsewhere") || !strings.Contains(h.dialogText(), "changed elsewhere") {
		t.Errorf("the form does not say it changed elsewhere: %q", got)
	}
	if got := h.get(11); got.Title != elsewhere || got.Version != 2 {
		t.Errorf("stored %q version %d: the other change was overwritten", got.Title, got.Version)
	}
}

func TestExternalChangeReloads(t *testing.T) {
	h := demoHarness(t)
	h.send(pollMsg{})
	if h.statusText() != "" {
		t.Errorf("a poll without changes said %q", h.statusText())
	}

	// The dashboard's own changes do not count as changes elsewhere.
	h.selectIn("Initiatives", 11)
	h.press("s")
	h.send(pollMsg{})
	if strings.Contains(h.statusText(), "reloaded") {
		t.Errorf("its own change reloaded: %q", h.statusText())
	}

	other := openStoreAt(t, h.st.Path())
	added, err := other.Add(context.Background(), roadmap.Initiative{Title: "Added elsewhere", Domain: "automation", Level: 2})
	if err != nil {
		t.Fatal(err)
	}
	h.send(pollMsg{})
	if _, ok := h.shown(added.ID); !ok {
		t.Fatalf("#%d is not in the dashboard after the poll", added.ID)
	}
	if !strings.Contains(h.statusText(), "reloaded") || !strings.Contains(h.statusText(), "changed elsewhere") {
		t.Errorf("status = %q", h.statusText())
	}
	if sel := h.selected(); sel == nil || sel.ID != 11 {
		t.Errorf("the reload lost the selection: %v", sel)
	}
	if !strings.Contains(h.screen(), "Added elsewhere") {
		t.Errorf("the table does not show it:\n%s", h.screen())
	}
}

func TestFilter(t *testing.T) {
	h := demoHarness(t)
	h.press("3", "/")
	h.typeText("vaul")
	if got := h.rowIDs(); !slices.Equal(got, []int64{29, 30}) {
		t.Errorf("after typing vaul rows = %v", got)
	}
	h.typeText("t")
	if v := h.screen(); !strings.Contains(v, "(2 of 31)") || strings.Contains(v, "Golden path") {
		t.Errorf("view:\n%s", v)
	}
	h.press("esc")
	if got := len(h.rows()); got != 31 || h.filterText() != "" {
		t.Errorf("esc left %d rows, filter %q", got, h.filterText())
	}

	// Letters that are keys elsewhere are text in the filter.
	h.press("/")
	h.typeText("q1")
	if h.quit {
		t.Fatal("typing q in the filter quit")
	}
	if h.active() != "Initiatives" || h.filterText() != "q1" {
		t.Errorf("view %s, filter %q", h.active(), h.filterText())
	}
	for _, in := range h.rows() {
		if in.Quarter.Q != 1 {
			t.Errorf("#%d in %s matches q1", in.ID, in.Quarter)
		}
	}
	if len(h.rows()) == 0 {
		t.Error("q1 matches nothing")
	}
	h.press("enter") // leaves the filter, which stays
	if h.typing() || h.filterText() != "q1" {
		t.Errorf("enter: typing %v, filter %q", h.typing(), h.filterText())
	}
	h.press("esc")
	if h.filterText() != "" {
		t.Error("esc did not clear the filter")
	}
	h.typeText("/zzz")
	if v := h.screen(); !strings.Contains(v, "nothing matches the filter") {
		t.Errorf("view:\n%s", v)
	}
}

func TestSort(t *testing.T) {
	h := demoHarness(t)
	h.press("3")
	roadmapOrder := slices.Clone(h.rows())
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
		h.press(s.key)
		name := s.col
		if name == "" {
			name = "roadmap order"
		}
		if s.desc {
			name += " descending"
		}
		t.Run(s.key+" then "+name, func(t *testing.T) {
			rows := h.rows()
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
			if !strings.Contains(h.screen(), s.header) {
				t.Fatalf("header does not show %q", s.header)
			}
			col := slices.IndexFunc(tableColumns, func(c column) bool { return c.title == s.col })
			less := tableColumns[col].less
			for i := 1; i < len(rows); i++ {
				c := less(h.snapshot(), rows[i-1], rows[i])
				if (!s.desc && c > 0) || (s.desc && c < 0) {
					t.Errorf("#%d before #%d is out of order", rows[i-1].ID, rows[i].ID)
				}
			}
		})
	}
}

// TestWarningJumpsToTheRoadmap: enter on a warning opens its
// initiative's detail, and 2 there the roadmap on it.
func TestWarningJumpsToTheRoadmap(t *testing.T) {
	h := demoHarness(t)
	h.press("4", "down")
	w, ok := h.warning()
	if !ok || w != h.snapshot().warnings[1] {
		t.Fatalf("selected %v", w)
	}
	h.press("enter", "2")
	if h.active() != "Roadmap" {
		t.Fatalf("enter, 2 opened %s", h.active())
	}
	if sel := h.selected(); sel == nil || sel.ID != w.Subject.ID() {
		t.Errorf("selected %v, want #%d", sel, w.Subject.ID())
	}
	if h.dialogKind() != "" {
		t.Error("enter also opened a dialog")
	}
}

func TestExport(t *testing.T) {
	h := demoHarness(t)
	path := filepath.Join(t.TempDir(), "out.csv")
	h.press("E")
	if k := h.dialogKind(); k != "prompt" {
		t.Fatalf("dialog %q, want the export prompt", k)
	}
	if got := h.input(); got != "roadmap-2026-11-15.csv" {
		t.Errorf("default file %q", got)
	}
	h.press("ctrl+u")
	h.typeText(path)
	h.press("enter")
	if h.dialogKind() != "" {
		t.Fatalf("the prompt is still open:\n%s", h.dialogText())
	}
	if !strings.Contains(h.statusText(), "exported the roadmap to "+path) {
		t.Errorf("status = %q", h.statusText())
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
		h.press("E", "ctrl+u")
		h.typeText(path)
		h.press("enter")
		if v := h.dialogText(); !strings.Contains(v, "exists: press enter again to replace it") {
			t.Errorf("prompt:\n%s", v)
		}
		if b, _ := os.ReadFile(path); string(b) != "old" {
			t.Error("replaced without asking")
		}
		h.press("enter")
		if b, _ := os.ReadFile(path); !bytes.Equal(b, want.Bytes()) {
			t.Error("not replaced after the second enter")
		}
	})
}

func TestHelp(t *testing.T) {
	for _, v := range demoHarness(t).titles() {
		t.Run("in the "+v, func(t *testing.T) {
			h := demoHarness(t)
			h.view(v)
			h.press("?")
			if !h.helpOpen() {
				t.Fatal("? did not open the help")
			}
			out := h.screen()
			if !strings.Contains(out, "Keys for "+v) || !strings.Contains(out, "quit") {
				t.Errorf("help:\n%s", out)
			}
			h.press("q") // any key closes the help, and does nothing else
			if h.helpOpen() || h.quit {
				t.Errorf("after a key: help %v, quit %v", h.helpOpen(), h.quit)
			}
		})
	}
}

// TestEachKeyHasOneMeaning reads the help of every view, on a warning
// about an initiative too: no key is listed with two meanings, on the
// help line or in the full help (enter edited and showed a warning's
// initiative on the roadmap, both listed on the warnings view; now it
// opens the initiative's detail everywhere).
func TestEachKeyHasOneMeaning(t *testing.T) {
	h := demoHarness(t)
	for _, v := range h.titles() {
		h.view(v)
		if v == "Warnings" && h.selected() == nil {
			t.Fatal("the first warning is not about an initiative: the test proves less")
		}
		line := h.helpLine()
		meaning := map[string]string{}
		for _, item := range strings.Split(line, " • ") {
			keys, desc, _ := strings.Cut(strings.TrimSpace(item), " ")
			for _, k := range strings.Split(keys, "/") {
				if d, ok := meaning[k]; ok && d != desc {
					t.Errorf("%s: the help line lists %s as %q and as %q: %s", v, k, d, desc, line)
				}
				meaning[k] = desc
			}
		}
		owner := map[string]string{}
		for _, group := range h.helpKeys().FullHelp() {
			for _, b := range group {
				if !b.Enabled() {
					continue
				}
				for _, k := range b.Keys() {
					if d, ok := owner[k]; ok && d != b.Help().Desc {
						t.Errorf("%s: the full help lists %s as %q and as %q", v, k, d, b.Help().Desc)
					}
					owner[k] = b.Help().Desc
				}
			}
		}
	}
	// What enter does on the warnings view is what its help says.
	h.view("Warnings")
	if line := h.helpLine(); !strings.Contains(line, "enter details") || !strings.Contains(line, "e edit") {
		t.Errorf("the warnings' help line: %s", line)
	}
	h.press("e")
	if k := h.dialogKind(); k != "form" {
		t.Fatalf("e on a warning opened %q, want the form", k)
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
		{"ctrl+c quits from a dialog", func(h *harness) { h.press("a") }, "ctrl+c", true},
		{"q in the form is a letter", func(h *harness) { h.press("a") }, "q", false},
		{"q in the filter is a letter", func(h *harness) { h.press("3", "/") }, "q", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := demoHarness(t)
			c.prep(h)
			cmd := h.pressLater(c.key)
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
	h.press("r")
	if _, ok := h.shown(32); !ok || h.statusText() != "reloaded" {
		t.Errorf("after r: #32 loaded %v, status %q", ok, h.statusText())
	}
}

func TestStatusExpires(t *testing.T) {
	h := demoHarness(t)
	h.selectIn("Initiatives", 11)
	h.press("s")
	first := h.statusTag()
	h.press("x")
	if h.statusTag() == first {
		t.Fatal("a new status kept the old tag")
	}
	h.send(statusExpiredMsg{tag: first})
	if !strings.Contains(h.statusText(), "dropped #11") {
		t.Errorf("an older status's expiry cleared the newer one: %q", h.statusText())
	}
	h.send(statusExpiredMsg{tag: h.statusTag()})
	if h.statusText() != "" {
		t.Errorf("status = %q after it expired", h.statusText())
	}
}
