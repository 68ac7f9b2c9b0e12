package tui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"maturity/roadmap"
	"maturity/store"
)

// manyDepsStore holds forty initiatives #1000 to #1039 and #1040, which
// depends on all of them and has a description with tabs: the initiative
// that the edit form used to cut down.
func manyDepsStore(t *testing.T) (*store.Store, []int64, string) {
	t.Helper()
	st := openStore(t)
	var ins []roadmap.Initiative
	var deps []int64
	for i := range 40 {
		id := int64(1000 + i)
		deps = append(deps, id)
		ins = append(ins, roadmap.Initiative{ID: id, Title: "Step " + strconv.Itoa(i), Domain: "automation", Level: 1})
	}
	desc := "Checklist:\n\tone\tdone\n\ttwo\tto do"
	ins = append(ins, roadmap.Initiative{ID: 1040, Title: "Centarl logging", Domain: "observability", Level: 1,
		Owner: "sre", Description: desc, DependsOn: deps},
		roadmap.Initiative{ID: 1041, Title: "One more", Domain: "automation", Level: 1})
	if _, err := st.Import(context.Background(), roadmap.ImportOf(ins), false); err != nil {
		t.Fatal(err)
	}
	return st, deps, desc
}

// edits returns the field changes the history holds for an initiative.
func edits(t *testing.T, st *store.Store, id int64) []string {
	t.Helper()
	evs, err := st.History(context.Background(), store.HistoryFilter{Initiative: id})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		if e.Action == store.ActionEdit {
			out = append(out, e.Field+": "+e.Old+" → "+e.New)
		}
	}
	return out
}

func TestEditFormSavesOnlyWhatChanged(t *testing.T) {
	st, deps, desc := manyDepsStore(t)
	h := newHarness(t, st, 120, 40)
	h.selectIn("Initiatives", 1040)
	h.press("e")
	if k := h.dialogKind(); k != "form" {
		t.Fatalf("e opened %q, want the form", k)
	}
	if got, _ := h.field(fieldDepends); got != roadmap.FormatIDs(deps, ", ") {
		t.Errorf("the form shows the dependencies as %q", got)
	}
	// Fix the typo: "Centarl" → "Central".
	h.press("home", "right", "right", "right", "right", "right", "backspace", "right")
	h.typeText("a")
	if got, _ := h.field(fieldTitle); got != "Central logging" {
		t.Fatalf("title field %q", got)
	}
	h.press("ctrl+s")
	if h.dialogKind() != "" {
		t.Fatalf("the form is still open:\n%s", h.dialogText())
	}
	got := h.get(1040)
	if got.Title != "Central logging" {
		t.Errorf("stored title %q", got.Title)
	}
	if !slices.Equal(got.DependsOn, deps) {
		t.Errorf("stored dependencies %v\nwant %v", got.DependsOn, deps)
	}
	if got.Description != desc {
		t.Errorf("stored description %q\nwant %q", got.Description, desc)
	}
	if e := edits(t, st, 1040); !slices.Equal(e, []string{"title: Centarl logging → Central logging"}) {
		t.Errorf("history of the edit: %q, want only the title", e)
	}
}

func TestEditFormWithNothingChangedSavesNothing(t *testing.T) {
	st, _, _ := manyDepsStore(t)
	h := newHarness(t, st, 120, 40)
	h.selectIn("Initiatives", 1040)
	h.press("e", "ctrl+s")
	if h.dialogKind() != "" {
		t.Fatalf("the form is still open:\n%s", h.dialogText())
	}
	if got := h.get(1040); got.Version != 1 {
		t.Errorf("version %d after saving an unchanged form, want 1", got.Version)
	}
	if e := edits(t, st, 1040); len(e) != 0 {
		t.Errorf("history: %q, want nothing", e)
	}
}

func TestDependencyPromptKeepsLongLists(t *testing.T) {
	st, deps, desc := manyDepsStore(t)
	h := newHarness(t, st, 120, 40)
	h.selectIn("Initiatives", 1040)
	h.press("b")
	if k := h.dialogKind(); k != "prompt" {
		t.Fatalf("b opened %q, want the prompt", k)
	}
	if got := h.input(); got != roadmap.FormatIDs(deps, ", ") {
		t.Fatalf("the prompt shows %q", got)
	}
	h.press("end")
	h.typeText(", 1041")
	h.press("enter")
	if h.dialogKind() != "" {
		t.Fatalf("the prompt is still open:\n%s", h.dialogText())
	}
	got := h.get(1040)
	if want := append(slices.Clone(deps), 1041); !slices.Equal(got.DependsOn, want) {
		t.Errorf("stored dependencies %v\nwant %v", got.DependsOn, want)
	}
	if got.Description != desc {
		t.Errorf("stored description %q", got.Description)
	}
	if e := edits(t, st, 1040); len(e) != 1 || !strings.HasPrefix(e[0], "depends_on: ") {
		t.Errorf("history: %q, want one dependency change", e)
	}
}

// bigIDs fills st with MaxDependsOn initiatives whose ids have the most
// digits an id can have, and returns the ids.
func bigIDs(t *testing.T, st *store.Store, extra ...roadmap.Initiative) []int64 {
	t.Helper()
	var ins []roadmap.Initiative
	var ids []int64
	for i := range roadmap.MaxDependsOn {
		id := int64(roadmap.MaxID) - int64(roadmap.MaxDependsOn) + int64(i)
		ids = append(ids, id)
		ins = append(ins, roadmap.Initiative{ID: id, Title: "Big id " + strconv.Itoa(i), Domain: "automation", Level: 1})
	}
	if _, err := st.Import(context.Background(), roadmap.ImportOf(append(ins, extra...)), false); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestDependencyPromptTakesTheLongestValidList(t *testing.T) {
	st := openStore(t)
	var ids []int64
	ids = bigIDs(t, st, roadmap.Initiative{ID: 1, Title: "Waits for a lot", Domain: "governance", Level: 1,
		DependsOn: []int64{int64(roadmap.MaxID) - 1, int64(roadmap.MaxID) - 2}})
	h := newHarness(t, st, 120, 40)
	h.selectIn("Initiatives", 1)
	h.press("b", "ctrl+u")
	h.paste(roadmap.FormatIDs(ids, ", "))
	h.press("enter")
	if h.dialogKind() != "" {
		t.Fatalf("the prompt is still open:\n%s", h.dialogText())
	}
	if got := h.get(1).DependsOn; !slices.Equal(got, ids) {
		t.Errorf("stored %d dependencies, want %d", len(got), len(ids))
	}
	// Opened again, the prompt shows the whole list.
	h.press("b")
	if got := h.input(); got != roadmap.FormatIDs(ids, ", ") {
		t.Errorf("the prompt shows %d characters, want %d", len(got), len(roadmap.FormatIDs(ids, ", ")))
	}
}

// TestFormTakesTheLongestValidValues pastes into each field the longest
// value validation accepts, and a longer one: the first is saved whole,
// the second refused with the validation message, never cut.
func TestFormTakesTheLongestValidValues(t *testing.T) {
	st := openStore(t)
	deps := bigIDs(t, st)
	title := strings.Repeat("t", roadmap.MaxTitle)
	owner := strings.Repeat("o", roadmap.MaxOwner)
	desc := strings.Repeat("d", roadmap.MaxDescription/2-1) + "\n" + strings.Repeat("e", roadmap.MaxDescription/2)
	depList := roadmap.FormatIDs(deps, ", ")

	paste := func(h *harness, s string) { h.paste(s) }
	fill := func(h *harness, title, owner, deps, desc string) {
		h.press("a")
		paste(h, title)
		h.press("tab")
		h.typeText("automation")
		h.press("tab")
		h.typeText("2")
		h.press("tab", "tab")
		paste(h, owner)
		h.press("tab", "tab")
		paste(h, deps)
		h.press("tab")
		paste(h, desc)
		h.press("ctrl+s")
	}

	h := newHarness(t, st, 120, 40)
	fill(h, title, owner, depList, desc)
	if h.dialogKind() != "" {
		t.Fatalf("the form is still open:\n%s", h.dialogText())
	}
	r := h.reload()
	in := r.Initiatives[len(r.Initiatives)-1]
	if in.Title != title || in.Owner != owner || in.Description != desc || !slices.Equal(in.DependsOn, deps) {
		t.Errorf("stored title of %d, owner of %d, description of %d characters and %d dependencies; want %d, %d, %d and %d",
			len(in.Title), len(in.Owner), len(in.Description), len(in.DependsOn), len(title), len(owner), len(desc), len(deps))
	}

	h.press("esc")
	fill(h, title+"x", owner+"x", depList+", 1", desc+"x")
	if h.dialogKind() != "form" {
		t.Fatal("the form closed on values over the limits")
	}
	for field, want := range map[int]string{
		fieldTitle:       "title is 201 characters long",
		fieldOwner:       "owner is 101 characters long",
		fieldDepends:     "too many dependencies",
		fieldDescription: "description is 10001 characters long",
	} {
		if _, err := h.field(field); !strings.Contains(err, want) {
			t.Errorf("%s: error %q, want it to say %q", fieldLabels[field], err, want)
		}
	}
}
