package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"maturity/roadmap"
	"maturity/store"
)

// TestBoardCountsTheColumnsOffScreen: the rule under the headers says at
// each edge how many columns are scrolled out of view there (at 120×40
// the backlog and the later quarters were invisible, with no sign of
// them, until the cursor went past the edge).
func TestBoardCountsTheColumnsOffScreen(t *testing.T) {
	q := func(y, n int) roadmap.Quarter { return roadmap.Quarter{Year: y, Q: n} }
	// The demo's board: 2026-Q2 to 2027-Q3, then the backlog.
	const columns = 7
	cases := []struct {
		name        string
		w, h        int
		to          roadmap.Quarter // the column to put the cursor in
		left, right string          // what each edge says, "" for nothing
	}{
		{"120 wide at the start: four drawn, three to the right", 120, 40, q(2026, 4), "", "3 more columns →"},
		{"120 wide on the backlog: three to the left", 120, 40, roadmap.Backlog, "← 3 more columns", ""},
		{"80 wide in the middle: one to the left, three to the right", 80, 24, q(2027, 1), "← 1 more column", "3 more columns →"},
		{"64 wide at the first: five to the right", 64, 16, q(2026, 2), "", "5 more columns →"},
		{"200 wide: all drawn", 200, 50, q(2026, 4), "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, openDemoStore(t), c.w, c.h)
			h.view("Roadmap")
			if n := len(h.snapshot().columns) + 1; n != columns {
				t.Fatalf("the demo has %d columns, the test counts %d", n, columns)
			}
			for i := 0; i < columns; i++ {
				if at, _ := h.boardCursor(); at == c.to {
					break
				}
				h.press("right")
			}
			for i := 0; i < columns; i++ {
				if at, _ := h.boardCursor(); at == c.to {
					break
				}
				h.press("left")
			}
			if at, _ := h.boardCursor(); at != c.to {
				t.Fatalf("the cursor is in %s, want %s", at.Label(), c.to.Label())
			}
			rule := strings.TrimRight(h.boardRule(), " ")
			if c.left != "" && !strings.HasPrefix(rule, c.left+" ") {
				t.Errorf("the left edge does not say %q: %q", c.left, rule)
			}
			if c.right != "" && !strings.HasSuffix(rule, " "+c.right) {
				t.Errorf("the right edge does not say %q: %q", c.right, rule)
			}
			if c.left == "" && strings.Contains(rule, "←") || c.right == "" && strings.Contains(rule, "→") {
				t.Errorf("an edge with nothing beyond says there is: %q", rule)
			}
		})
	}
}

// TestBoardJumpsToTheBacklogAndBack: B goes to the backlog column, and
// from there back to the current quarter's, keeping the row as the
// arrows do; the help says where B goes.
func TestBoardJumpsToTheBacklogAndBack(t *testing.T) {
	today := roadmap.QuarterOf(testToday)
	h := demoHarness(t)
	h.view("Roadmap")
	if !strings.Contains(h.helpLine(), "B backlog") {
		t.Errorf("the help line does not say that B goes to the backlog: %s", h.helpLine())
	}
	h.press("right", "right", "down")
	h.press("B")
	at, row := h.boardCursor()
	if !at.IsBacklog() || row != 1 {
		t.Fatalf("B put the cursor in %s, row %d; want the backlog, row 1", at.Label(), row)
	}
	if sel := h.selected(); sel == nil || sel.ID != h.boardCards(roadmap.Backlog)[1] {
		t.Errorf("selected %v", sel)
	}
	if !strings.Contains(h.screen(), "Backlog ·") {
		t.Errorf("the backlog is not drawn:\n%s", h.screen())
	}
	if !strings.Contains(h.helpLine(), "B now") {
		t.Errorf("the help line does not say that B goes back: %s", h.helpLine())
	}
	h.press("B")
	if at, row := h.boardCursor(); at != today || row != 1 {
		t.Errorf("B on the backlog put the cursor in %s, row %d; want %s, row 1", at.Label(), row, today)
	}
	if !strings.Contains(h.screen(), today.String()+" (now)") {
		t.Errorf("the current quarter is not drawn:\n%s", h.screen())
	}

	t.Run("on an empty roadmap", func(t *testing.T) {
		h := newHarness(t, openStore(t), 80, 24)
		h.view("Roadmap")
		h.press("B")
		if at, _ := h.boardCursor(); !at.IsBacklog() {
			t.Errorf("B put the cursor in %s", at.Label())
		}
		h.press("B")
		if at, _ := h.boardCursor(); at != today {
			t.Errorf("B put the cursor in %s", at.Label())
		}
	})
}

// TestBoardMovesToTheBacklog: - takes the selected initiative out of its
// quarter, as the store's Edit does for the command line's move ID
// backlog: of the version shown, recorded in the history, said in the
// status line, the cursor following the card.
func TestBoardMovesToTheBacklog(t *testing.T) {
	ctx := context.Background()
	h := demoHarness(t)
	h.selectIn("Roadmap", 11)
	was := h.get(11)
	h.press("-")
	got := h.get(11)
	if !got.Quarter.IsBacklog() || got.Version != was.Version+1 {
		t.Fatalf("stored %s version %d, want the backlog, version %d", got.Quarter.Label(), got.Version, was.Version+1)
	}
	if in, _ := h.shown(11); !in.Quarter.IsBacklog() {
		t.Errorf("the dashboard shows #11 in %s", in.Quarter.Label())
	}
	if want := "moved " + roadmap.Printable(got.Ref()) + " to backlog"; h.statusText() != want || h.statusIsError() {
		t.Errorf("status %q, want %q", h.statusText(), want)
	}
	if sel := h.selected(); sel == nil || sel.ID != 11 || !slices.Contains(h.boardCards(roadmap.Backlog), 11) {
		t.Errorf("the cursor did not follow the card to the backlog: %v", sel)
	}
	if at, _ := h.boardCursor(); !at.IsBacklog() {
		t.Errorf("the cursor is in %s", at.Label())
	}
	events, err := h.st.History(ctx, store.HistoryFilter{Initiative: 11})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 || events[0].Field != "quarter" || events[0].Old != was.Quarter.String() || events[0].New != "" {
		t.Errorf("the history does not record the move: %+v", events)
	}
	if !strings.Contains(h.helpLine(), "- move") {
		t.Errorf("the help line does not list -: %s", h.helpLine())
	}

	t.Run("a card in the backlog stays", func(t *testing.T) {
		h.press("-")
		if got := h.get(11); got.Version != was.Version+1 {
			t.Errorf("stored version %d: it was saved again", got.Version)
		}
		if want := roadmap.Printable(got.Ref()) + " is already in the backlog"; h.statusText() != want {
			t.Errorf("status %q, want %q", h.statusText(), want)
		}
	})

	t.Run("refused when it changed elsewhere", func(t *testing.T) {
		h := demoHarness(t)
		h.selectIn("Roadmap", 12)
		other := openStoreAt(t, h.st.Path())
		elsewhere := "Changed in another window"
		if _, err := other.Edit(ctx, 12, roadmap.Patch{Title: &elsewhere}, store.Options{}); err != nil {
			t.Fatal(err)
		}
		h.press("-")
		if got := h.get(12); got.Quarter.IsBacklog() || got.Version != 2 {
			t.Errorf("stored %s version %d: moved on top of the other change", got.Quarter.Label(), got.Version)
		}
		if !h.statusIsError() || !strings.Contains(h.statusText(), "changed elsewhere") {
			t.Errorf("status %q", h.statusText())
		}
	})

	t.Run("[ and ] are refused when it changed elsewhere", func(t *testing.T) {
		for _, k := range []string{"[", "]"} {
			h := demoHarness(t)
			h.selectIn("Roadmap", 12)
			other := openStoreAt(t, h.st.Path())
			elsewhere := "Changed in another window"
			if _, err := other.Edit(ctx, 12, roadmap.Patch{Title: &elsewhere}, store.Options{}); err != nil {
				t.Fatal(err)
			}
			was := h.get(12)
			h.press(k)
			if got := h.get(12); got.Quarter != was.Quarter || got.Version != was.Version {
				t.Errorf("%s: stored %s version %d: moved on top of the other change", k, got.Quarter.Label(), got.Version)
			}
			if !h.statusIsError() || !strings.Contains(h.statusText(), "changed elsewhere") {
				t.Errorf("%s: status %q", k, h.statusText())
			}
		}
	})
}

// TestBoardKeepsTheRowBetweenColumns: ← and → keep the cursor's row,
// clamped to the column's cards, instead of jumping to the first card.
func TestBoardKeepsTheRowBetweenColumns(t *testing.T) {
	q := func(y, n int) roadmap.Quarter { return roadmap.Quarter{Year: y, Q: n} }
	h := demoHarness(t)
	h.view("Roadmap")
	if at, _ := h.boardCursor(); at != q(2026, 4) {
		t.Fatalf("the board opens in %s", at.Label())
	}
	h.press("down", "down", "down")
	steps := []struct {
		key  string
		want roadmap.Quarter
	}{
		{"right", q(2027, 1)},
		{"left", q(2026, 4)},
		{"left", q(2026, 3)},
		{"left", q(2026, 2)},
		{"right", q(2026, 3)},
	}
	for _, s := range steps {
		h.press(s.key)
		at, row := h.boardCursor()
		if at != s.want || row != 3 {
			t.Fatalf("%s: the cursor is in %s, row %d; want %s, row 3", s.key, at.Label(), row, s.want)
		}
		if sel := h.selected(); sel == nil || sel.ID != h.boardCards(s.want)[3] {
			t.Errorf("%s: selected %v", s.key, sel)
		}
	}
	// Past the end of a shorter column, the cursor goes to its last card.
	h.press("right", "right", "G")
	long := h.boardCards(q(2027, 1))
	h.press("right")
	short := h.boardCards(q(2027, 2))
	if len(short) >= len(long) {
		t.Fatalf("2027-Q2 has %d cards, 2027-Q1 %d: the test proves less", len(short), len(long))
	}
	if at, row := h.boardCursor(); at != q(2027, 2) || row != len(short)-1 {
		t.Errorf("the cursor is in %s, row %d; want 2027-Q2, row %d", at.Label(), row, len(short)-1)
	}
}

// TestAddFormStartsInTheBoardColumn: a opened on the board proposes the
// quarter of the column the cursor is in (none in the backlog); elsewhere
// the current quarter.
func TestAddFormStartsInTheBoardColumn(t *testing.T) {
	for _, c := range []struct {
		view string
		keys []string
		want string
	}{
		{"Roadmap", nil, "2026-Q4"},
		{"Roadmap", []string{"right"}, "2027-Q1"},
		{"Roadmap", []string{"left", "left"}, "2026-Q2"},
		{"Roadmap", []string{"B"}, ""},
		{"Initiatives", nil, "2026-Q4"},
		{"Dashboard", nil, "2026-Q4"},
	} {
		t.Run(fmt.Sprintf("%s after %q", c.view, c.keys), func(t *testing.T) {
			h := demoHarness(t)
			h.view(c.view)
			h.press(c.keys...)
			h.press("a")
			if got, _ := h.field(fieldQuarter); got != c.want {
				t.Errorf("the form's quarter is %q, want %q", got, c.want)
			}
		})
	}
	t.Run("added from the backlog column, it goes to the backlog", func(t *testing.T) {
		h := demoHarness(t)
		h.view("Roadmap")
		h.press("B", "a")
		h.typeText("Unscheduled work")
		h.press("tab")
		h.typeText("automation")
		h.press("tab")
		h.typeText("2")
		h.press("ctrl+s")
		if k := h.dialogKind(); k != "" {
			t.Fatalf("the form is still open: %s", h.dialogError())
		}
		sel := h.selected()
		if sel == nil || sel.Title != "Unscheduled work" || !h.get(sel.ID).Quarter.IsBacklog() {
			t.Errorf("selected %v", sel)
		}
	})
}

// TestBoardHeadersShowPastLevels: every quarter's header shows the
// levels at its end, a past quarter's too (the levels reached then, as
// `assess --quarter` reads them), on a line that starts where the
// column's title does (trial item 13).
func TestBoardHeadersShowPastLevels(t *testing.T) {
	h := demoHarness(t)
	h.view("Roadmap")
	lines := strings.Split(h.screen(), "\n")
	titles, levels := lines[1], lines[2]
	s := h.snapshot()
	checked := 0
	for _, q := range s.columns[:4] { // the four drawn at 120
		at := strings.Index(titles, q.Label())
		if at < 0 {
			t.Fatalf("no title %s in %q", q.Label(), titles)
		}
		cell := []rune(levels)[len([]rune(titles[:at])):]
		got := strings.Join(strings.Fields(string(cell[:min(len(cell), 28)])), " ")
		if !q.Before(s.today) {
			if got == "" {
				t.Errorf("%s: no projected levels under %q", q.Label(), titles)
			}
			continue
		}
		lv, err := h.st.LoadLevels(context.Background(), roadmap.AsOfEnd(q))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for d, l := range lv.Reached {
			want = append(want, fmt.Sprintf("%s%d", s.abbrev[d], l))
		}
		if got != strings.Join(want, " ") {
			t.Errorf("%s: header levels %q, want %q (the levels reached at its end)\n%s\n%s", q.Label(), got, strings.Join(want, " "), titles, levels)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("the demo board has no past quarter drawn")
	}
}
