package tui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"maturity/roadmap"
)

// rulesHarness is a dashboard on a small roadmap built through the store:
// each domain assessed at 1, then the initiatives in order.
func rulesHarness(t *testing.T, ins ...roadmap.Initiative) *harness {
	t.Helper()
	st := openStore(t)
	ctx := context.Background()
	for _, d := range []string{"standardization", "automation", "governance", "observability"} {
		if _, err := st.Assess(ctx, d, 1, ""); err != nil {
			t.Fatal(err)
		}
	}
	for _, in := range ins {
		if _, err := st.Add(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	return newHarness(t, st, 120, 40)
}

func TestDoneWaitsForDependencies(t *testing.T) {
	q := roadmap.Quarter{Year: 2026, Q: 4}
	h := rulesHarness(t,
		roadmap.Initiative{Title: "Self-service environments", Domain: "governance", Level: 2, Quarter: q},
		roadmap.Initiative{Title: "Portal onboarding docs", Domain: "governance", Level: 2, Quarter: q, DependsOn: []int64{1}},
	)
	// Governance 2 needs automation 1, which the assessment reached.
	h.selectIn("Roadmap", 2)
	h.press("s")
	if h.dialogKind() != "" {
		t.Fatalf("start with an unfinished dependency opened a dialog:\n%s", h.dialogText())
	}
	if !strings.Contains(h.statusText(), `started #2 "Portal onboarding docs"; it depends on #1 "Self-service environments", which is planned`) {
		t.Errorf("status = %q", h.statusText())
	}
	h.press("d")
	v := h.dialogText()
	if !strings.Contains(v, "Dependencies not done") || !strings.Contains(v, `cannot mark #2 "Portal onboarding docs" done: depends on #1`) ||
		!strings.Contains(v, "which is planned") {
		t.Fatalf("the prompt does not name the dependency:\n%s", v)
	}
	if got := h.get(2); got.Status != roadmap.InProgress {
		t.Fatalf("changed before forcing: %s", got.Status)
	}
	h.typeText("docs went out first")
	h.press("enter")
	if got := h.get(2); got.Status != roadmap.Done {
		t.Fatalf("forced done stored %s", got.Status)
	}
	if h.snapshot().worst(2) != 2 {
		t.Error("the forced done has no error mark (dependency-unfinished)")
	}
}

func TestStopIsInTheHelp(t *testing.T) {
	h := demoHarness(t)
	h.press("3", "?")
	if v := h.screen(); !strings.Contains(v, "p") || !strings.Contains(v, "stop (back to planned)") {
		t.Errorf("the help does not list p:\n%s", v)
	}
}

func TestStopRefusedOnAPlannedInitiative(t *testing.T) {
	h := demoHarness(t)
	h.selectIn("Initiatives", 11) // planned
	h.press("p")
	if !h.statusIsError() || !strings.Contains(h.statusText(), `#11 "Image and dependency scanning in pipelines" is already planned`) {
		t.Errorf("status = %q", h.statusText())
	}
}

func TestDashboardSaysWhyALevelIsNotPlanned(t *testing.T) {
	q1, q2 := roadmap.Quarter{Year: 2027, Q: 1}, roadmap.Quarter{Year: 2027, Q: 2}
	h := rulesHarness(t,
		roadmap.Initiative{Title: "Shared templates", Domain: "standardization", Level: 2, Quarter: q1},
		roadmap.Initiative{Title: "Self-service envs", Domain: "automation", Level: 2, Quarter: q2},
		roadmap.Initiative{Title: "Template docs", Domain: "standardization", Level: 2, Quarter: q2, DependsOn: []int64{2}},
		roadmap.Initiative{Title: "Central logs", Domain: "observability", Level: 2},
	)
	v := h.screen()
	for _, want := range []string{
		"blocked: deadlock", // the progress line of standardization and automation
		`not planned: #4 "Central logs" is in the backlog`, // observability's
		"blocked", // the ladder's cells
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the dashboard does not say %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "in 2027-Q2") {
		t.Errorf("the dashboard still promises a level in 2027-Q2:\n%s", v)
	}
	h.press("4")
	if v := h.screen(); !strings.Contains(v, "deadlock") || !strings.Contains(v, `#3 "Template docs" waits for #2 "Self-service envs"`) {
		t.Errorf("the warnings do not show the deadlock:\n%s", v)
	}
}

func TestDomainWarnings(t *testing.T) {
	st := openStore(t)
	if _, err := st.Assess(context.Background(), "automation", 3, "GitOps everywhere, says the vendor"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Add(context.Background(), roadmap.Initiative{Title: "Scripts", Domain: "standardization", Level: 1}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, 120, 40)
	h.press("4")
	v := h.screen()
	if !strings.Contains(v, "assessment-inconsistent") || !strings.Contains(v, "automation is assessed at 3 GitOps") {
		t.Fatalf("the warnings do not show the domain warning:\n%s", v)
	}
	// A warning about a domain has no initiative: enter shows the domain
	// on the dashboard, and no initiative action applies.
	if in := h.selected(); in != nil {
		t.Errorf("a domain warning selects %s", in.Ref())
	}
	h.press("enter")
	if got := h.active(); got != "Dashboard" {
		t.Errorf("enter on a domain warning opened the %s", got)
	}
}

func TestReadyInTheTable(t *testing.T) {
	h := demoHarness(t)
	h.press("3", "/")
	h.typeText("ready")
	h.press("enter")
	// The demo's ready initiatives, as list --ready shows them.
	want := []int64{8, 12, 10, 11}
	if got := h.rowIDs(); !slices.Equal(got, want) {
		t.Errorf("filter ready shows %v, want %v", got, want)
	}
	for _, id := range want {
		in, _ := h.shown(id)
		if !h.snapshot().r.Ready(in, h.snapshot().state.Levels) {
			t.Errorf("#%d is listed ready, but done would refuse it", id)
		}
	}
	if v := h.screen(); !strings.Contains(v, "in-progress ✓") || !strings.Contains(v, "planned ✓") {
		t.Errorf("the table does not mark ready initiatives:\n%s", v)
	}
}
