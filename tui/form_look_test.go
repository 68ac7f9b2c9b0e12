package tui

import (
	"strings"
	"testing"
)

// formLine returns the screen's line of the form that holds the field
// labelled label, or fails.
func formLine(t *testing.T, h *harness, label string) string {
	t.Helper()
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, "│") && strings.Contains(l, " "+label+" ") {
			return l
		}
	}
	t.Fatalf("no line of the form is labelled %q:\n%s", label, h.screen())
	return ""
}

// TestFormFocusAndHintsShowWithoutColour reads the add form as text
// alone, as under NO_COLOR with the attributes gone too: the focused
// field is marked (›), and only it; a placeholder reads as a hint (e.g.
// …, one of …), never as a value, and it is drawn faint.
func TestFormFocusAndHintsShowWithoutColour(t *testing.T) {
	h := demoHarness(t)
	h.press("a")
	marked := func() []string {
		var out []string
		for i := range fieldCount {
			if strings.Contains(formLine(t, h, fieldLabels[i]), "› "+fieldLabels[i]) {
				out = append(out, fieldLabels[i])
			}
		}
		return out
	}
	if got := marked(); len(got) != 1 || got[0] != "Title" {
		t.Errorf("fields marked when the form opens: %q, want Title alone", got)
	}
	h.press("tab", "tab")
	if got := marked(); len(got) != 1 || got[0] != "Level" {
		t.Errorf("fields marked after two tabs: %q, want Level alone", got)
	}
	h.press("tab")
	h.press("ctrl+u") // an empty quarter: the backlog
	for _, label := range []string{"Domain", "Level", "Quarter", "Effort", "Depends on"} {
		l := formLine(t, h, label)
		hint := strings.TrimSpace(strings.Trim(strings.SplitN(l, label, 2)[1], "│ "))
		if !strings.HasPrefix(hint, "e.g. ") && !strings.HasPrefix(hint, "one of ") {
			t.Errorf("%s shows %q when empty: it reads as a value", label, hint)
		}
	}
	if l := formLine(t, h, "Quarter"); !strings.Contains(l, "backlog") {
		t.Errorf("an empty quarter does not say it means the backlog: %q", l)
	}
	for i := range fieldDescription {
		if !h.placeholderFaint(i) {
			t.Errorf("the placeholder of %s is not faint", fieldLabels[i])
		}
	}
}
