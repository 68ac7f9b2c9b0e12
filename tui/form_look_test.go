package tui

import (
	"context"
	"strings"
	"testing"

	"maturity/roadmap"
	"maturity/store"
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
		if !h.hintsFaint(i) {
			t.Errorf("the placeholder or the completion of %s is not faint", fieldLabels[i])
		}
	}
}

// securityStore is an empty store whose model has a fifth domain,
// security: "s" starts two domains' keys, "se" one.
func securityStore(t *testing.T) *store.Store {
	t.Helper()
	st := openStore(t)
	p := roadmap.DefaultModel().Parts()
	sec := p.Domains[0]
	sec.Key, sec.Name = "security", "Security"
	p.Domains = append(p.Domains, sec)
	m, err := roadmap.NewModelOf(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceModel(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestDomainTabCompletesOnlyAUniqueMatch: in the domain field, tab
// completes what was typed when one domain starts so, and otherwise moves
// to the next field as everywhere; the field's hint says so, and the form
// suggests a completion only when tab would take it.
func TestDomainTabCompletesOnlyAUniqueMatch(t *testing.T) {
	h := newHarness(t, securityStore(t), 120, 40)
	h.press("a", "tab")
	if !strings.Contains(h.dialogText(), "tab completes") {
		t.Errorf("the domain field's hint does not say what tab does:\n%s", h.dialogText())
	}
	focused := func() string {
		for _, l := range strings.Split(h.screen(), "\n") {
			if i := strings.Index(l, "› "); i >= 0 {
				return strings.Fields(l[i+len("› "):])[0]
			}
		}
		return ""
	}

	h.typeText("s") // standardization or security
	if l := formLine(t, h, "Domain"); strings.Contains(l, "standardization") || strings.Contains(l, "security") {
		t.Errorf("an ambiguous start shows a completion: %q", l)
	}
	h.press("tab")
	if got, _ := h.field(fieldDomain); got != "s" || focused() != "Level" {
		t.Errorf("tab on an ambiguous start: domain %q, focus on %s; want s and the level", got, focused())
	}

	h.press("shift+tab")
	h.typeText("e") // security alone
	if l := formLine(t, h, "Domain"); !strings.Contains(l, "security") {
		t.Errorf("a unique start shows no completion: %q", l)
	}
	h.press("tab")
	if got, _ := h.field(fieldDomain); got != "security" || focused() != "Domain" {
		t.Errorf("tab on a unique start: domain %q, focus on %s; want security, still the domain", got, focused())
	}
	h.press("tab")
	if focused() != "Level" {
		t.Errorf("tab on a complete domain: focus on %s, want the level", focused())
	}

	// Nothing typed: tab moves on.
	h.press("shift+tab", "ctrl+u", "tab")
	if got, _ := h.field(fieldDomain); got != "" || focused() != "Level" {
		t.Errorf("tab on an empty domain: %q, focus on %s; want the level", got, focused())
	}
}

// A save refused for invalid fields puts the cursor on the first of them,
// and each field's error shows in full under it, wrapped, even at 80
// columns.
func TestFormGoesToTheFirstFieldToFix(t *testing.T) {
	h := demoHarness(t)
	h.resize(80, 24)
	h.press("a")
	h.typeText("New work")
	h.press("tab")
	h.typeText("nowhere")
	h.press("tab", "tab", "tab") // level left empty; on to the quarter
	h.press("ctrl+s")
	f, ok := h.m.dialog.(*form)
	if !ok {
		t.Fatalf("the form closed: %s", h.dialogKind())
	}
	if f.focus != fieldDomain {
		t.Errorf("after the refused save the cursor is on field %d, want the domain (%d)", f.focus, fieldDomain)
	}
	_, domainErr := h.field(fieldDomain)
	if domainErr == "" || !strings.Contains(flat(h.screen()), flat(domainErr)) {
		t.Errorf("the domain's error %q is not shown in full:\n%s", domainErr, h.screen())
	}
}
