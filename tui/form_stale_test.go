package tui

import (
	"context"
	"strings"
	"testing"

	"maturity/roadmap"
	"maturity/store"
)

// TestEscOnAnUnchangedFormCloses: nothing to lose, nothing asked.
func TestEscOnAnUnchangedFormCloses(t *testing.T) {
	h := demoHarness(t)
	h.press("a", "esc")
	if k := h.dialogKind(); k != "" {
		t.Errorf("esc on an unchanged add form left the %s open:\n%s", k, h.dialogText())
	}
	h.selectIn("Initiatives", 11)
	h.press("e", "tab", "esc") // moving around changes nothing
	if k := h.dialogKind(); k != "" {
		t.Errorf("esc on an unchanged edit form left the %s open:\n%s", k, h.dialogText())
	}
}

// TestEscOnAChangedFormAsks: esc asks before discarding what was typed;
// n goes back to the form as it was, y discards it.
func TestEscOnAChangedFormAsks(t *testing.T) {
	h := demoHarness(t)
	before := len(h.reload().Initiatives)
	h.press("a")
	h.typeText("Chaos game days")
	h.press("esc")
	if k := h.dialogKind(); k != "form" || !strings.Contains(h.dialogText(), "Discard your changes?") {
		t.Fatalf("esc on a changed form: dialog %q, want the form asking:\n%s", k, h.dialogText())
	}
	h.press("q") // not an answer: nothing happens
	if k := h.dialogKind(); k != "form" || h.quit {
		t.Fatalf("q while asking: dialog %q, quit %v", k, h.quit)
	}
	h.press("n")
	if got, _ := h.field(fieldTitle); got != "Chaos game days" || strings.Contains(h.dialogText(), "Discard") {
		t.Fatalf("n: title %q, form:\n%s", got, h.dialogText())
	}
	h.typeText("!") // the form has the keyboard again
	if got, _ := h.field(fieldTitle); got != "Chaos game days!" {
		t.Errorf("typing after n: title %q", got)
	}
	h.press("esc", "y")
	if k := h.dialogKind(); k != "" {
		t.Fatalf("y left the %s open", k)
	}
	if got := len(h.reload().Initiatives); got != before {
		t.Errorf("%d initiatives after discarding, want %d", got, before)
	}

	// The edit form too; undoing one's change is no change.
	h.selectIn("Initiatives", 11)
	h.press("e")
	h.typeText("x")
	h.press("esc")
	if !strings.Contains(h.dialogText(), "Discard your changes?") {
		t.Fatalf("esc on a changed edit form does not ask:\n%s", h.dialogText())
	}
	h.press("n", "backspace", "esc")
	if k := h.dialogKind(); k != "" {
		t.Errorf("esc after undoing the change left the %s open", k)
	}
}

// editElsewhere changes initiative id in another connection, as another
// terminal would.
func editElsewhere(t *testing.T, h *harness, id int64, p roadmap.Patch) {
	t.Helper()
	other := openStoreAt(t, h.st.Path())
	if _, err := other.Edit(context.Background(), id, p, store.Options{}); err != nil {
		t.Fatal(err)
	}
}

// TestStaleEditOffersToMerge: the initiative changed elsewhere, but not
// in the fields the user changed: the form says so, shows the current
// version with the user's changes, and y saves them on top.
func TestStaleEditOffersToMerge(t *testing.T) {
	for _, answer := range []string{"y", "n"} {
		t.Run(answer, func(t *testing.T) {
			h := demoHarness(t)
			h.selectIn("Initiatives", 11)
			h.press("e")
			owner := "sam"
			editElsewhere(t, h, 11, roadmap.Patch{Owner: &owner})

			h.press("ctrl+u")
			h.typeText("Mine")
			h.press("ctrl+s")
			text := h.dialogText()
			if k := h.dialogKind(); k != "form" || !strings.Contains(text, "changed elsewhere") {
				t.Fatalf("dialog %q, want the form saying it changed elsewhere:\n%s", k, text)
			}
			for _, want := range []string{"Changed elsewhere: owner", "your changes (title)", "y saves", "n keeps editing"} {
				if !strings.Contains(text, want) {
					t.Errorf("the form does not say %q:\n%s", want, text)
				}
			}
			if got, _ := h.field(fieldOwner); got != owner {
				t.Errorf("the form shows the owner as %q, want the current %q", got, owner)
			}
			if got, _ := h.field(fieldTitle); got != "Mine" {
				t.Errorf("the form lost the title typed: %q", got)
			}
			h.press(answer)
			if answer == "n" {
				if k := h.dialogKind(); k != "form" || strings.Contains(h.dialogText(), "y saves") {
					t.Fatalf("n: dialog %q:\n%s", k, h.dialogText())
				}
				if got := h.get(11); got.Title == "Mine" {
					t.Fatal("n saved")
				}
				h.press("ctrl+s") // on top of the current version now
			}
			if k := h.dialogKind(); k != "" {
				t.Fatalf("the form is still open:\n%s", h.dialogText())
			}
			got := h.get(11)
			if got.Title != "Mine" || got.Owner != owner || got.Version != 3 {
				t.Errorf("stored title %q, owner %q, version %d; want both changes, version 3", got.Title, got.Owner, got.Version)
			}
			if shown, _ := h.shown(11); shown.Title != "Mine" || shown.Owner != owner {
				t.Errorf("the dashboard shows %q, %q", shown.Title, shown.Owner)
			}
		})
	}
}

// TestStaleEditShowsBothValues: a field changed here and elsewhere shows
// both values, and the user chooses, field by field; the fields changed
// on one side only keep that side's change.
func TestStaleEditShowsBothValues(t *testing.T) {
	for _, c := range []struct{ key, title string }{{"y", "Mine"}, {"t", "Theirs"}} {
		t.Run(c.key, func(t *testing.T) {
			h := demoHarness(t)
			h.selectIn("Initiatives", 11)
			orig := h.get(11)
			h.press("e")
			theirs, owner := "Theirs", "sam"
			editElsewhere(t, h, 11, roadmap.Patch{Title: &theirs, Owner: &owner})

			h.press("ctrl+u")
			h.typeText("Mine")
			h.press("down", "down", "down", "down", "down", "ctrl+u") // effort
			h.typeText("7")
			h.press("ctrl+s")
			text := h.dialogText()
			for _, want := range []string{"changed elsewhere", "Title changed here and elsewhere", "yours Mine", "theirs Theirs", "y keeps yours", "t takes theirs"} {
				if !strings.Contains(text, want) {
					t.Errorf("the form does not say %q:\n%s", want, text)
				}
			}
			h.press(c.key)
			if text := h.dialogText(); !strings.Contains(text, "y saves") || strings.Contains(text, "theirs Theirs") {
				t.Fatalf("after choosing, the form does not offer to save:\n%s", text)
			}
			if got, _ := h.field(fieldTitle); got != c.title {
				t.Errorf("the form shows the title %q after %s, want %q", got, c.key, c.title)
			}
			h.press("y")
			if k := h.dialogKind(); k != "" {
				t.Fatalf("the form is still open:\n%s", h.dialogText())
			}
			got := h.get(11)
			if got.Title != c.title || got.Owner != owner || got.Effort.String() != "7" || got.Domain != orig.Domain {
				t.Errorf("stored title %q, owner %q, effort %s, domain %s; want %q, %q, 7, %s",
					got.Title, got.Owner, got.Effort, got.Domain, c.title, owner, orig.Domain)
			}
		})
	}
}

// TestFormQuestionsShowOnTheSmallestScreen: at 64×16 the form gives way
// (blank lines, then the fields far from the focused one) so that its
// question shows whole.
func TestFormQuestionsShowOnTheSmallestScreen(t *testing.T) {
	h := newHarness(t, openDemoStore(t), MinWidth, MinHeight)
	h.selectIn("Initiatives", 11)
	h.press("e")
	theirs := "Theirs"
	editElsewhere(t, h, 11, roadmap.Patch{Title: &theirs})
	h.press("down", "down", "down", "down", "down", "down", "down") // the description
	h.typeText("More")
	h.press("up", "up", "up", "up", "up", "up", "up", "ctrl+u")
	h.typeText("Mine")
	h.press("ctrl+s")
	for _, want := range []string{"› Title", "yours Mine", "theirs Theirs", "t takes theirs"} {
		if !strings.Contains(flat(h.screen()), want) {
			t.Errorf("at %d×%d the screen does not show %q:\n%s", MinWidth, MinHeight, want, h.screen())
		}
	}
	h.press("t", "n", "esc")
	if s := h.screen(); !strings.Contains(s, "Discard your changes?") || !strings.Contains(s, "› Title") {
		t.Errorf("at %d×%d the screen does not ask before discarding:\n%s", MinWidth, MinHeight, s)
	}
}
