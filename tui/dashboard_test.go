package tui

import (
	"fmt"
	"strings"
	"testing"
)

// The ladder's names take the width they have: from 100 columns on, no
// level name of the demo's model is cut (defect 4 of issue 9), and at 200
// the dates are whole too.
func TestDashboardLadderNamesUseTheWidth(t *testing.T) {
	for _, size := range []struct{ w, h int }{{100, 30}, {120, 40}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			h := newHarness(t, openDemoStore(t), size.w, size.h)
			screen := h.screen()
			for _, dom := range h.snapshot().r.Model.Domains {
				for _, l := range dom.Levels {
					if !strings.Contains(screen, l.Name) {
						t.Errorf("%s's level %q is cut:\n%s", dom.Key, l.Name, screen)
					}
				}
			}
			if size.w == 200 && !strings.Contains(screen, `not planned: #25 "Drift-free database schemas" is in the backlog`) {
				t.Errorf("at 200 columns a date is cut:\n%s", screen)
			}
		})
	}
}

// Each domain says what its criteria support beside the level it reached,
// marked where they disagree (level-unevidenced), and how many criteria
// of its next level are met next to its initiatives' progress: on one
// line under its name where nothing else is cut for it, else on two.
func TestDashboardShowsEvidencedAgainstReached(t *testing.T) {
	h := newHarness(t, openDemoStore(t), 200, 50)
	screen := h.screen()
	for _, want := range []string{
		"reached 2 · evidenced 1 ⚠  next 3 Golden Paths ░░░░░░░░░░░░░░░░░░░░ 0/3 · criteria 1/4 met",
		"reached 1 · evidenced 1    next 2 Self-Service ██████████░░░░░░░░░░ 1/2 · criteria 1/3 met",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("the dashboard does not show %q:\n%s", want, screen)
		}
	}
	for _, size := range []struct{ w, h int }{{120, 40}, {80, 24}} {
		h.resize(size.w, size.h)
		lines := strings.Split(h.screen(), "\n")
		found := false
		for i, l := range lines {
			if strings.HasPrefix(l, "Standardization") {
				found = true
				// A date wrapped in its column can come between.
				ev := i + 2
				for ev < len(lines)-1 && strings.HasPrefix(lines[ev], "  ") {
					ev++
				}
				if !strings.HasPrefix(lines[i+1], "reached 2 ") || !strings.HasPrefix(lines[ev], "evidenced 1 ⚠ ") ||
					!strings.Contains(lines[ev], "0/3 · criteria 1/4 met") {
					t.Errorf("at %d columns standardization shows:\n%s", size.w, strings.Join(lines[i:ev+1], "\n"))
				}
			}
		}
		if !found {
			t.Errorf("no standardization at %d columns", size.w)
		}
	}
}

// Before anything is recorded, a domain says so rather than claim an
// evidenced level.
func TestDashboardWithoutEvidence(t *testing.T) {
	h := newHarness(t, openStore(t), 120, 40)
	if s := h.screen(); !strings.Contains(s, "no evidence yet  next 1 Version-Controlled") || strings.Contains(s, "⚠") {
		t.Errorf("an empty roadmap shows:\n%s", s)
	}
}

// The dashboard offers w only while there are warnings to review.
func TestDashboardOffersWarningsOnlyWhenThereAreSome(t *testing.T) {
	empty := newHarness(t, openStore(t), 120, 40)
	if line := empty.helpLine(); strings.Contains(line, "review warnings") {
		t.Errorf("an empty roadmap's help line offers the warnings: %q", line)
	}
	empty.press("w")
	if got := empty.active(); got != dashboardTitle {
		t.Errorf("w on an empty roadmap opened the %s", got)
	}
	demo := demoHarness(t)
	if line := demo.helpLine(); !strings.Contains(line, "review warnings") {
		t.Errorf("the demo's help line does not offer its warnings: %q", line)
	}
}

// An empty roadmap's hint names the command that fills the open database
// with the sample, as the command line gives it (with the user's --db),
// in the dashboard and in the table.
func TestEmptyHintNamesTheOpenDatabase(t *testing.T) {
	const demo = "maturity --db /tmp/team.db init --demo"
	command := func(args string) string { return "maturity --db /tmp/team.db " + args }
	h := newHarnessWith(t, openStore(t), 100, 30, Options{Command: command})
	for _, view := range []string{dashboardTitle, tableTitle} {
		h.view(view)
		if !strings.Contains(flat(h.screen()), "run `"+demo+"` for a sample roadmap") {
			t.Errorf("the %s's hint does not name %q:\n%s", view, demo, h.screen())
		}
	}
}

// The Capacity view's hint without figures names the command that sets
// one on the open database, as the empty roadmap's hint does.
func TestCapacityHintNamesTheOpenDatabase(t *testing.T) {
	const set = "maturity --db /tmp/team.db capacity set default 30"
	command := func(args string) string { return "maturity --db /tmp/team.db " + args }
	h := newHarnessWith(t, openStore(t), 100, 30, Options{Command: command})
	h.view(capacityTitle)
	if !strings.Contains(flat(h.screen()), "`"+set+"`") {
		t.Errorf("the capacity hint does not name %q:\n%s", set, h.screen())
	}
}

// With rows to spare, the dashboard wraps what it would cut (trial item
// 10): a domain's blockers and the reason its next level is not planned
// go on further lines under its progress, a date onto a second line of
// its column, a quarter of "Coming up" onto a further line. At the
// smallest size the layout stays, and "reached N" stays next to
// "evidenced N".
func TestDashboardWrapsWhenThereIsRoom(t *testing.T) {
	h := newHarness(t, openDemoStore(t), 120, 40)
	lines := strings.Split(h.screen(), "\n")
	if body := strings.Join(lines[1:len(lines)-2], "\n"); strings.Contains(body, "…") {
		t.Errorf("at 120×40 the dashboard cuts text with rows to spare:\n%s", body)
	}
	s := h.snapshot()
	m := s.r.Model
	screen := flat(h.screen())
	for _, ds := range s.state.Domains {
		if want := m.BlockerText(ds.Blockers); !strings.Contains(screen, want) {
			t.Errorf("the blockers of %s are not whole: %q", ds.Domain, want)
		}
	}
	for _, want := range []string{"observability → 3 Cross-Service", "stage → 2 Automated Delivery Pipelines"} {
		if !strings.Contains(screen, want) {
			t.Errorf("coming up does not show %q:\n%s", want, h.screen())
		}
	}
	// A date wrapped in its column: the column of Level 4, below the
	// standardization ladder, reads the whole sentence.
	var col []string
	for i, l := range lines {
		if strings.HasPrefix(l, "Standardization") {
			x := strings.Index(lines[i-1], "Level 4")
			for _, r := range lines[i+1:] {
				cell := strings.TrimSpace(string([]rune(r)[len([]rune(lines[i-1][:x])):]))
				if strings.Contains(r, "next 3") {
					break
				}
				col = append(col, cell)
			}
		}
	}
	if got := strings.Join(col, " "); !strings.Contains(got, `not planned: #25 "Drift-free database schemas" is in the backlog`) {
		t.Errorf("the level 4 column of standardization reads %q", got)
	}

	for _, size := range []struct{ w, h int }{{100, 30}, {80, 24}} {
		h.resize(size.w, size.h)
		screen = flat(h.screen())
		if want := m.BlockerText(s.state.Domains[0].Blockers); !strings.Contains(screen, want) {
			t.Errorf("at %d×%d the blockers of standardization are not whole (%q):\n%s", size.w, size.h, want, h.screen())
		}
	}

	h.resize(MinWidth, MinHeight)
	got := 0
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, "evidenced") {
			got++
			if !strings.Contains(l, "reached ") {
				t.Errorf("at 64×16 %q has no reached level beside the evidenced one", l)
			}
		}
	}
	if got != len(s.state.Domains) {
		t.Errorf("at 64×16 %d lines say evidenced, want %d:\n%s", got, len(s.state.Domains), h.screen())
	}
}

// A progress line cut on its last row keeps its parts apart: at 64×16 on
// an empty roadmap, automation's criteria and its blocker share a row.
func TestDashboardCutProgressKeepsItsParts(t *testing.T) {
	h := newHarness(t, openStore(t), MinWidth, MinHeight)
	if s := h.screen(); !strings.Contains(s, "criteria 0/2 met  needs standardiz") {
		t.Errorf("the empty roadmap at 64×16 shows:\n%s", s)
	}
}

// With rows left after everything else, the dashboard says under its
// title what the report's summary says of the plan and the errors, in the
// same sentences (report.Standing); without them, the layout stays.
func TestDashboardSummaryWhenThereIsRoom(t *testing.T) {
	h := newHarness(t, openDemoStore(t), 200, 50)
	s := h.snapshot().standing
	screen := flat(h.screen())
	for _, want := range []string{s.Outlook, s.Attention} {
		if !strings.Contains(screen, want) {
			t.Errorf("at 200×50 the dashboard lacks %q:\n%s", want, h.screen())
		}
	}
	if !strings.Contains(s.Attention, "they hold up #16") {
		t.Errorf("the sentence is not the report's: %q", s.Attention)
	}
	for _, size := range []struct{ w, h int }{{120, 40}, {100, 30}, {80, 24}} {
		h.resize(size.w, size.h)
		if strings.Contains(flat(h.screen()), "need attention") {
			t.Errorf("at %d×%d the summary takes rows the ladder needs:\n%s", size.w, size.h, h.screen())
		}
	}
}
