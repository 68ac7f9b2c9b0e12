package tui

import (
	"slices"
	"strings"
	"testing"

	"maturity/roadmap"
)

// capacityDemo is the demo with a team default of 30, 25 in 2027-Q2, and
// sre's 10: 2027-Q1 is over for the team (41) and for sre (15).
func capacityDemo(t *testing.T, w, ht int) *harness {
	t.Helper()
	h := newHarness(t, openDemoStore(t), w, ht)
	h.showCapacity(figure("", "", 30), figure("2027-Q2", "", 25), figure("", "sre", 10))
	return h
}

// TestCapacityViewRowsAndColumns: a row per quarter from the current one
// to the last one planned, a column per person booked in them or with a
// figure; each cell is what is booked against what applies.
func TestCapacityViewRowsAndColumns(t *testing.T) {
	h := capacityDemo(t, 120, 40)
	h.view(capacityTitle)
	quarters, people := h.capacityRows()
	if want := []string{"2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3"}; !slices.Equal(quarters, want) {
		t.Errorf("rows %v, want %v", quarters, want)
	}
	// data-platform's one initiative is in the past.
	if want := []string{"devex", "finops", "platform-core", "secops", "sre"}; !slices.Equal(people, want) {
		t.Errorf("columns %v, want %v", people, want)
	}
	lines := strings.Split(h.screen(), "\n")
	for _, c := range []struct{ quarter, want string }{
		{"2026-Q4", "22/30 8 free"},
		{"2027-Q1", "41/30 ! 11 over"},
		{"2027-Q2", "25/25 0 free"},
		{"2027-Q3", "15/30 15 free"},
	} {
		i := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, c.quarter) })
		if i < 0 || !strings.Contains(lines[i], c.want) {
			t.Errorf("%s: want a row with %q in\n%s", c.quarter, c.want, h.screen())
		}
	}
	if row := lines[slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "2027-Q1") })]; !strings.Contains(row, "15/10 ! 5 over") {
		t.Errorf("2027-Q1 does not show sre over: %q", row)
	}
}

// TestCapacityViewDetail: under the grid, the selected cell's largest
// contributors, or the over-capacity warning's sentence when it is over,
// and what is booked there without an effort.
func TestCapacityViewDetail(t *testing.T) {
	h := demoHarness(t)
	r := h.reload()
	r = edited(t, r, 14, func(in *roadmap.Initiative) { in.Effort = roadmap.Effort{} }) // 2026-Q4: not estimated
	r.Capacity = roadmap.NewCapacity([]roadmap.CapacityFigure{figure("", "", 30)})
	h.show(r)
	h.view(capacityTitle)
	screen := flat(h.screen())
	if !strings.Contains(screen, `2026-Q4, the team: #12 "Developer portal with one-click environments" 10`) {
		t.Errorf("the detail does not name the largest contributor:\n%s", h.screen())
	}
	if !strings.Contains(screen, `not estimated: #14 "Golden path for new services"`) {
		t.Errorf("the detail does not name what is not estimated:\n%s", h.screen())
	}
	h.press("down")
	if !strings.Contains(flat(h.screen()), "! 2027-Q1 is booked 41 of its capacity 30 (11 over)") {
		t.Errorf("the detail of a quarter over does not say so:\n%s", h.screen())
	}
}

// TestCapacityEnterShowsTheQuarterOnTheBoard: enter opens the board in
// the selected quarter's column, narrowed to the selected person, or to
// no one from the team's column.
func TestCapacityEnterShowsTheQuarterOnTheBoard(t *testing.T) {
	q1 := roadmap.Quarter{Year: 2027, Q: 1}
	h := capacityDemo(t, 120, 40)
	h.view(capacityTitle)
	h.press("down", "enter")
	if at, _ := h.boardCursor(); h.active() != boardTitle || at != q1 || h.tab() != boardTitle {
		t.Errorf("enter on 2027-Q1 opened the %s (tab %q) in %s", h.active(), h.tab(), at.Label())
	}
	h.view(capacityTitle)
	for range 5 {
		h.press("right")
	}
	if _, who := h.capacityCell(); who != "sre" {
		t.Fatalf("the cursor is on %q, want sre", who)
	}
	h.press("enter")
	if at, _ := h.boardCursor(); h.tab() != boardTitle+" (sre)" || at != q1 {
		t.Errorf("enter on sre's 2027-Q1 opened the %q in %s", h.tab(), at.Label())
	}
	// And from the team's column again, everyone's.
	h.view(capacityTitle)
	h.press("home", "left", "left", "left", "left", "left", "enter")
	if at, _ := h.boardCursor(); h.tab() != boardTitle || at != roadmap.QuarterOf(testToday) {
		t.Errorf("enter on the team's 2026-Q4 opened the %q in %s", h.tab(), at.Label())
	}
}

// TestOverCapacityWarningsOpenTheCapacity: enter on an over-capacity
// warning opens the capacity view at its quarter, on the person's column
// for one about a person.
func TestOverCapacityWarningsOpenTheCapacity(t *testing.T) {
	h := capacityDemo(t, 120, 40)
	for _, c := range []struct{ code, who string }{
		{roadmap.CodeOverCapacity, ""},
		{roadmap.CodeOwnerOverCapacity, "sre"},
	} {
		h.view(warningsTitle)
		h.press("home")
		for range 40 {
			if w, _ := h.warning(); w.Code == c.code {
				break
			}
			h.press("down")
		}
		if w, _ := h.warning(); w.Code != c.code {
			t.Fatalf("no %s warning", c.code)
		}
		if !strings.Contains(h.helpLine(), "enter show on the capacity") {
			t.Errorf("%s: the help line does not say where enter goes: %s", c.code, h.helpLine())
		}
		h.press("enter")
		if q, who := h.capacityCell(); h.active() != capacityTitle || q != "2027-Q1" || who != c.who {
			t.Errorf("%s: enter opened the %s on %s, %q", c.code, h.active(), q, who)
		}
	}
}

// TestCapacityViewScrollsToEveryone: at 64×16 not every person's column
// fits; moving right scrolls them in, the headers saying which way more
// are, and every quarter and the detail stay on screen.
func TestCapacityViewScrollsToEveryone(t *testing.T) {
	h := capacityDemo(t, 64, 16)
	h.view(capacityTitle)
	header := func() string { return strings.Split(h.screen(), "\n")[2] }
	if !strings.HasSuffix(strings.TrimRight(header(), " "), "→") || strings.Contains(header(), "←") {
		t.Errorf("at the start the headers do not say more are to the right: %q", header())
	}
	h.press("down")
	for range 5 {
		h.press("right")
	}
	if _, who := h.capacityCell(); who != "sre" || !strings.Contains(header(), "sre") {
		t.Errorf("the cursor is on %q, headers %q: want sre's column drawn", who, header())
	}
	if !strings.Contains(header(), "←") || strings.HasSuffix(strings.TrimRight(header(), " "), "→") {
		t.Errorf("at the end the headers do not say more are to the left: %q", header())
	}
	screen := h.screen()
	for _, q := range []string{"2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3", "! sre is booked 15 of 10"} {
		if !strings.Contains(screen, q) {
			t.Errorf("%q is not on screen at 64×16:\n%s", q, screen)
		}
	}
}

// TestCapacityViewKeepsItsCursor: a new snapshot keeps the cursor on the
// same quarter and person.
func TestCapacityViewKeepsItsCursor(t *testing.T) {
	h := capacityDemo(t, 120, 40)
	h.view(capacityTitle)
	h.press("down", "down", "right")
	h.showCapacity(figure("", "", 30), figure("", "sre", 10))
	if q, who := h.capacityCell(); q != "2027-Q2" || who != "devex" {
		t.Errorf("after a reload the cursor is on %s, %q; want 2027-Q2, devex", q, who)
	}
}

// TestCapacityViewOnAnEmptyRoadmap: the current quarter alone, nothing
// booked, and how to set a capacity.
func TestCapacityViewOnAnEmptyRoadmap(t *testing.T) {
	h := newHarness(t, openStore(t), 80, 24)
	h.view(capacityTitle)
	screen := h.screen()
	if q, _ := h.capacityCell(); q != "2026-Q4" {
		t.Errorf("the cursor is on %q, want the current quarter", q)
	}
	for _, want := range []string{"No capacity set", "capacity set default 30", "2026-Q4 (now)", "no effort booked"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the empty roadmap's capacity does not say %q:\n%s", want, screen)
		}
	}
	h.press("enter")
	if h.active() != boardTitle {
		t.Errorf("enter opened the %s", h.active())
	}
}

// TestCapacityViewScrollsItsQuarters: more quarters than fit scroll with
// the cursor, at 64×16.
func TestCapacityViewScrollsItsQuarters(t *testing.T) {
	h := newHarness(t, openDemoStore(t), 64, 16)
	r := h.reload()
	r = edited(t, r, 25, func(in *roadmap.Initiative) { in.Quarter = roadmap.Quarter{Year: 2029, Q: 4} })
	h.show(r)
	h.view(capacityTitle)
	if quarters, _ := h.capacityRows(); len(quarters) != 13 {
		t.Fatalf("%d rows, want 2026-Q4 to 2029-Q4", len(quarters))
	}
	if s := h.screen(); !strings.Contains(s, "2026-Q4") || strings.Contains(s, "2029-Q4") {
		t.Errorf("at the start, the first quarter and not the last are drawn:\n%s", s)
	}
	h.press("end")
	if s := h.screen(); strings.Contains(s, "2026-Q4") || !strings.Contains(s, "▌ 2029-Q4") {
		t.Errorf("at the end, the last quarter, selected, and not the first are drawn:\n%s", s)
	}
}
