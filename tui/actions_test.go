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
