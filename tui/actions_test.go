package tui

import (
	"strings"
	"testing"

	"maturity/roadmap"
)

// TestDeleteSaysFirstWhenItWillBeRefused: D on an initiative that others
// depend on says so, naming them, in the words of the store's refusal,
// instead of asking y/n and then failing; y then deletes nothing.
func TestDeleteSaysFirstWhenItWillBeRefused(t *testing.T) {
	h := demoHarness(t)
	h.selectIn("Roadmap", 1)
	in, _ := h.shown(1)
	want := h.snapshot().r.DeleteBlocked(in)
	if want == "" {
		t.Fatal("nothing depends on #1 in the demo: the test proves less")
	}
	h.press("D")
	if k := h.dialogKind(); k != "confirm" {
		t.Fatalf("D opened %q, want the box saying why", k)
	}
	v := h.dialogText()
	if !strings.Contains(v, flat(roadmap.Printable(want))) {
		t.Errorf("the box does not give the refusal %q before asking:\n%s", want, v)
	}
	if strings.Contains(v, "y yes") {
		t.Errorf("the box asks y/n for a delete that will be refused:\n%s", v)
	}
	h.press("y")
	if _, ok := h.reload().Get(1); !ok {
		t.Fatal("#1 was deleted")
	}
	if got := h.get(1).Version; got != in.Version {
		t.Errorf("#1 is at version %d, want %d", got, in.Version)
	}
	h.press("esc")
	if k := h.dialogKind(); k != "" {
		t.Errorf("esc left %q open", k)
	}

	// Nothing depends on #25: D asks.
	h.selectIn("Initiatives", 25)
	h.press("D")
	if v := h.dialogText(); !strings.Contains(v, "Delete #25") || !strings.Contains(v, "y yes") {
		t.Errorf("D on #25 does not ask:\n%s", v)
	}
}

// TestDependencyPromptShowsTitles: b names the current dependencies with
// their titles and status, and, as ids are typed, the initiatives they
// are, or that there is none.
func TestDependencyPromptShowsTitles(t *testing.T) {
	h := demoHarness(t)
	h.selectIn("Initiatives", 16)
	ref := func(id int64) string {
		in, ok := h.shown(id)
		if !ok {
			t.Fatalf("no #%d in the demo", id)
		}
		return flat(roadmap.Printable(in.RefStatus()))
	}
	h.press("b")
	v := h.dialogText()
	for _, id := range []int64{15, 27} {
		if !strings.Contains(v, ref(id)) {
			t.Errorf("the prompt does not name dependency #%d as %s:\n%s", id, ref(id), v)
		}
	}
	h.press("ctrl+u")
	h.typeText("3, 99")
	v = h.dialogText()
	if !strings.Contains(v, ref(3)) {
		t.Errorf("the prompt does not name the typed #3 as %s:\n%s", ref(3), v)
	}
	if !strings.Contains(v, "no initiative #99") {
		t.Errorf("the prompt does not say that #99 is none:\n%s", v)
	}
	if !strings.Contains(v, ref(15)) {
		t.Errorf("the prompt no longer says what the dependencies are now:\n%s", v)
	}
}
