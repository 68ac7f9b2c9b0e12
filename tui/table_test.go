package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"

	"maturity/roadmap"
)

// TestTableSelectionShowsWithoutColour draws the initiatives table as a
// terminal under NO_COLOR shows it, with neither colour nor bold (the
// harness's screen drops every attribute): the selected row, and only
// it, carries the selection bar that the board and the warnings use.
func TestTableSelectionShowsWithoutColour(t *testing.T) {
	h := demoHarness(t)
	h.view("Initiatives")
	for _, keys := range [][]string{nil, {"down"}, {"down", "down"}, {"G"}, {"/", "v", "a", "u", "l", "t", "enter", "down"}} {
		h.press(keys...)
		sel := h.selected()
		if sel == nil {
			t.Fatalf("after %q nothing is selected", keys)
		}
		var marked []string
		for _, l := range strings.Split(h.screen(), "\n") {
			if strings.Contains(l, "▌") {
				marked = append(marked, l)
			}
		}
		if want := fmt.Sprintf("▌ #%d ", sel.ID); len(marked) != 1 || !strings.HasPrefix(marked[0], want) {
			t.Errorf("after %q the marked lines are %q, want one starting %q", keys, marked, want)
		}
	}
}

// TestFilterMatchesEveryWord types queries of several words into the
// filter: a row is listed when each word, whatever its case, is part of
// one of its fields (title, id, owner, domain, level name, quarter,
// status, ready), in any order.
func TestFilterMatchesEveryWord(t *testing.T) {
	cases := []struct {
		query string
		want  []int64 // roadmap order
	}{
		{"2027-Q3 secops", []int64{24}},
		{"secops 2027-Q3", []int64{24}},
		{"2027-q1 SRE", []int64{22, 13}},
		{"  sre   2027-q2  ", []int64{18}},
		{"gitops", []int64{15, 16, 29}}, // the level name, and #16's title
		{"cross-service sre", []int64{13, 18}},
		{"#12", []int64{12}},
		{"ready secops", []int64{10, 11}},
		{"vault governance", []int64{30}},
		{"planned 2026-q4 standardization", []int64{14}},
		{"drift-free 2027", []int64{21}},
		{"backlog finops", []int64{26}},
		{"sre secops", nil}, // two owners: no row has both
		{"sre zzz", nil},
	}
	h := demoHarness(t)
	h.view("Initiatives")
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			h.press("esc", "/")
			h.paste(c.query)
			if got := h.rowIDs(); !slices.Equal(got, c.want) {
				t.Errorf("rows %v, want %v", got, c.want)
			}
		})
	}
	// Typed one key at a time, each key filters what the words so far match.
	h.press("esc", "/")
	h.typeText("2027-q3 sec")
	if got := h.rowIDs(); !slices.Equal(got, []int64{24}) {
		t.Errorf("typed: rows %v, want [24]", got)
	}
	h.press("backspace", "backspace", "backspace", "backspace")
	if got := len(h.rowIDs()); got != 2 {
		t.Errorf("after backspace to %q: %d rows, want 2", h.filterText(), got)
	}
}

// TestFilterIgnoresCaseBeyondASCII filters on words with accents and in
// other scripts, typed in another case than stored.
func TestFilterIgnoresCaseBeyondASCII(t *testing.T) {
	st := openDemoStore(t)
	for _, in := range []roadmap.Initiative{
		{Title: "Déploiement ÉCLAIR des modèles", Domain: "automation", Level: 2, Owner: "Équipe Données"},
		{Title: "観測性の改善 🚀", Domain: "observability", Level: 3, Owner: "チーム"},
	} {
		if _, err := st.Add(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, st, 120, 40)
	h.view("Initiatives")
	for q, want := range map[string][]int64{
		"éclair":             {32},
		"DÉPLOIEMENT équipe": {32},
		"données backlog":    {32},
		"チーム 🚀":              {33},
		"#33 観測":             {33},
	} {
		h.press("esc", "/")
		h.paste(q)
		if got := h.rowIDs(); !slices.Equal(got, want) {
			t.Errorf("%q: rows %v, want %v", q, got, want)
		}
	}
}

// TestTableSharesTheWidthByNeed draws the table at several widths over
// several contents. The columns the width holds get what their widest
// cell needs before the title gets more than its minimum; the title
// takes the rest, and the rows fill the
// width exactly. The needs are measured here from every cell.
func TestTableSharesTheWidthByNeed(t *testing.T) {
	all := []string{"ID", "TITLE", "DOMAIN", "LEVEL", "QUARTER", "STATUS", "OWNER", "EFFORT", "WARN"}
	longOwner := roadmap.Initiative{Title: "Owned by a long name", Domain: "governance", Level: 1, Owner: "platform-engineering-and-reliability-guild"} // 42 cells
	short := []roadmap.Initiative{
		{Title: "A short one", Domain: "automation", Level: 1, Owner: "sre"},
		{Title: "Another", Domain: "automation", Level: 1, Owner: "ops"},
	}
	cases := []struct {
		name     string
		demo     bool
		add      []roadmap.Initiative
		width    int
		cols     []string // the columns shown
		cut      []string // the columns some cell of which is cut
		minTitle int
	}{
		{"demo at 200", true, nil, 200, all, nil, 39},
		{"demo at 120", true, nil, 120, all, []string{"TITLE"}, 23},
		{"demo at 100", true, nil, 100, []string{"ID", "TITLE", "DOMAIN", "LEVEL", "QUARTER", "STATUS", "OWNER", "WARN"}, []string{"TITLE", "LEVEL"}, 20},
		{"demo at 80", true, nil, 80, []string{"ID", "TITLE", "DOMAIN", "QUARTER", "STATUS", "WARN"}, []string{"TITLE"}, 20},
		{"demo at 64", true, nil, 64, []string{"ID", "TITLE", "DOMAIN", "QUARTER", "STATUS"}, []string{"TITLE"}, 20},
		{"a long owner at 200", true, []roadmap.Initiative{longOwner}, 200, all, nil, 39},
		{"a long owner at 120", true, []roadmap.Initiative{longOwner}, 120, all, []string{"TITLE", "OWNER"}, 23},
		{"short fields at 120", false, short, 120, all, nil, 23},
		{"short fields at 80", false, short, 80, []string{"ID", "TITLE", "DOMAIN", "LEVEL", "QUARTER", "STATUS", "WARN"}, nil, 20},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			if c.demo {
				st = openDemoStore(t)
			}
			for _, in := range c.add {
				if _, err := st.Add(context.Background(), in); err != nil {
					t.Fatal(err)
				}
			}
			h := newHarness(t, st, c.width, 50)
			h.view("Initiatives")
			idx, widths := h.layout()
			var shown, cut []string
			used, title := gutter-1, 0
			for j, i := range idx {
				col := tableColumns[i]
				shown = append(shown, col.title)
				used += widths[j] + 1
				need := lipgloss.Width(col.title)
				for _, in := range h.rows() {
					need = max(need, lipgloss.Width(col.cell(h.snapshot(), in)))
				}
				if need > widths[j] {
					cut = append(cut, col.title)
				}
				if col.title == "TITLE" {
					title = widths[j]
				}
			}
			if title < c.minTitle {
				t.Errorf("the title is %d wide, want at least %d", title, c.minTitle)
			}
			if len(cut) > 0 && cut[0] != "TITLE" || len(cut) > 1 {
				if title > c.minTitle {
					t.Errorf("columns %q are cut while the title gets %d, more than its minimum %d", cut, title, c.minTitle)
				}
			}
			if !slices.Equal(shown, c.cols) {
				t.Errorf("columns %q, want %q", shown, c.cols)
			}
			if !slices.Equal(cut, c.cut) {
				t.Errorf("cut columns %q, want %q (widths %v)", cut, c.cut, widths)
			}
			if used != c.width {
				t.Errorf("the columns take %d cells of %d", used, c.width)
			}
		})
	}
}

// TestShareWidths shares widths among columns of made-up needs (in the
// order of tableColumns: ID, TITLE, DOMAIN, LEVEL, QUARTER, STATUS,
// OWNER, EFFORT, WARN).
func TestShareWidths(t *testing.T) {
	demo := []int{4, 0, 15, 20, 9, 13, 13, 8, 6}
	cases := []struct {
		name   string
		needs  []int
		width  int
		widths []int // of the columns shown, in order; -1 for those dropped
	}{
		// What the demo's cells need, its headers without a sort arrow.
		{"the demo at 118: every column in full", []int{3, 0, 15, 20, 7, 13, 13, 6, 4}, 118, []int{3, 29, 15, 20, 7, 13, 13, 6, 4}},
		{"demo at 198", demo, 198, []int{4, 102, 15, 20, 9, 13, 13, 8, 6}},
		{"needs at 118 that do not fit: the owner lacks less than the level", demo, 118, []int{4, 23, 15, 19, 9, 13, 13, 8, 6}},
		{"demo at 78", demo, 78, []int{4, 26, 15, -1, 9, 13, -1, -1, 6}},
		{"ids of a million are never cut", []int{8, 0, 15, 20, 9, 13, 13, 8, 6}, 78, []int{8, 22, 15, -1, 9, 13, -1, -1, 6}},
		{"an owner wider than the table", []int{4, 0, 15, 20, 9, 13, 300, 8, 6}, 198, []int{4, 39, 15, 20, 9, 13, 76, 8, 6}},
		{"short fields leave the title more", []int{4, 0, 10, 12, 9, 13, 7, 8, 6}, 118, []int{4, 41, 10, 12, 9, 13, 7, 8, 6}},
		{"too narrow for anything but the title", demo, 20, []int{4, 15, -1, -1, -1, -1, -1, -1, -1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			idx, widths := shareWidths(tableColumns, c.needs, c.width)
			got := slices.Repeat([]int{-1}, len(tableColumns))
			for j, i := range idx {
				got[i] = widths[j]
			}
			if !slices.Equal(got, c.widths) {
				t.Errorf("widths %v, want %v", got, c.widths)
			}
		})
	}
}

// TestFilterKeptSearchesAgree types queries key by key and erases them,
// in the filter that keeps its last searches, and compares each step
// with a search made afresh.
func TestFilterKeptSearchesAgree(t *testing.T) {
	h := demoHarness(t)
	h.view("Initiatives")
	h.press("/")
	for _, q := range []string{"2027-q1 sre", "gitops planned", "e a", "sec 2027 gov", "#1 ready"} {
		steps := []string{}
		for i := range len(q) {
			steps = append(steps, q[:i+1])
		}
		for i := len(q) - 1; i >= 0; i-- {
			steps = append(steps, q[:i])
		}
		for _, want := range steps {
			if len(want) > len(h.filterText()) {
				h.typeText(want[len(h.filterText()):])
			} else {
				h.press("backspace")
			}
			if h.filterText() != want {
				t.Fatalf("the filter holds %q, want %q", h.filterText(), want)
			}
			hits, all := newSearch(h.snapshot(), h.snapshot().sorted).match(want)
			var ids []int64
			for _, i := range hits {
				ids = append(ids, h.snapshot().sorted[i].ID)
			}
			if all {
				ids = nil
				for _, in := range h.snapshot().sorted {
					ids = append(ids, in.ID)
				}
			}
			if got := h.rowIDs(); !slices.Equal(got, ids) {
				t.Errorf("%q: rows %v, afresh %v", want, got, ids)
			}
		}
	}
}

// TestTableDemoWidths draws the demo's table at 120×40 (trial item 1)
// and other widths, unsorted and sorted: each column gets what its cells
// need (the sorted column's header with its arrow, the others' without),
// the title the rest, and the header line takes the whole width.
func TestTableDemoWidths(t *testing.T) {
	cases := []struct {
		name   string
		width  int
		sorts  int   // S presses: 0 roadmap order, 1 ID, ... 9 WARN
		widths []int // ID, TITLE, DOMAIN, LEVEL, QUARTER, STATUS, OWNER, EFFORT, WARN; -1 dropped
		header string
	}{
		{"120 unsorted", 120, 0, []int{3, 29, 15, 20, 7, 13, 13, 6, 4},
			"  ID  TITLE                         DOMAIN          LEVEL                QUARTER STATUS        OWNER         EFFORT WARN"},
		{"120 by id", 120, 1, []int{4, 28, 15, 20, 7, 13, 13, 6, 4},
			"  ID ↑ TITLE                        DOMAIN          LEVEL                QUARTER STATUS        OWNER         EFFORT WARN"},
		{"120 by warn", 120, 9, []int{3, 27, 15, 20, 7, 13, 13, 6, 6},
			"  ID  TITLE                       DOMAIN          LEVEL                QUARTER STATUS        OWNER         EFFORT WARN ↑"},
		{"200 unsorted", 200, 0, []int{3, 109, 15, 20, 7, 13, 13, 6, 4}, ""},
		{"80 unsorted", 80, 0, []int{3, 31, 15, -1, 7, 13, -1, -1, 4}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, openDemoStore(t), c.width, 40)
			h.view("Initiatives")
			for range c.sorts {
				h.press("S")
			}
			idx, widths := h.layout()
			got := slices.Repeat([]int{-1}, len(tableColumns))
			for j, i := range idx {
				got[i] = widths[j]
			}
			if !slices.Equal(got, c.widths) {
				t.Errorf("widths %v, want %v", got, c.widths)
			}
			lines := strings.Split(h.screen(), "\n")
			for i, l := range lines {
				if strings.HasPrefix(strings.TrimSpace(l), "ID") {
					if c.header != "" && strings.TrimRight(l, " ") != c.header {
						t.Errorf("header\n%q, want\n%q", strings.TrimRight(l, " "), c.header)
					}
					if w := lipgloss.Width(strings.TrimRight(l, " ")); c.header != "" && w != c.width {
						t.Errorf("the header takes %d cells of %d", w, c.width)
					}
					if sel := lines[i+1]; !strings.HasPrefix(sel, "▌ #1 ") || lipgloss.Width(sel) != c.width {
						t.Errorf("the selected row is %d of %d wide: %q", lipgloss.Width(sel), c.width, sel)
					}
					return
				}
			}
			t.Errorf("no header:\n%s", h.screen())
		})
	}
}

// TestFilterHelpShowsTheFilterKeys: while the filter has the keyboard
// (trial item 8), the help line and the full help list what its keys do
// there (enter keeps the filter, esc clears it, other keys type), and
// none of the keys that are typed into it (S, /, e, ?, q…); once it is
// left, the table's keys are back.
func TestFilterHelpShowsTheFilterKeys(t *testing.T) {
	h := demoHarness(t)
	h.view("Initiatives")
	typed := []string{"S", "R", "/", "e", "s", "d", "a", "?", "q", "j", "k", "g", "G"}
	check := func(when string) {
		t.Helper()
		line := h.helpLine()
		for _, want := range []string{"enter/↑↓ keep filter", "esc clear", "other keys type", "ctrl+c quit"} {
			if !strings.Contains(line, want) {
				t.Errorf("%s: the help line %q lacks %q", when, line, want)
			}
		}
		for _, not := range []string{"sort", "/ filter", "details", "edit", "add", "? help", "q quit", "select"} {
			if strings.Contains(line, not) {
				t.Errorf("%s: the help line %q has %q", when, line, not)
			}
		}
		for _, group := range h.helpKeys().FullHelp() {
			for _, b := range group {
				for _, k := range b.Keys() {
					if b.Enabled() && slices.Contains(typed, k) {
						t.Errorf("%s: the full help has %q (%s), which the filter types", when, k, b.Help().Desc)
					}
				}
			}
		}
	}
	h.press("/")
	check("an empty filter")
	h.resize(64, 16) // the smallest terminal has room for them all
	check("an empty filter at 64×16")
	h.resize(120, 40)
	h.typeText("vault")
	check("a filter typed")
	h.press("enter")
	if line := h.helpLine(); !strings.Contains(line, "S sort") || !strings.Contains(line, "? help") {
		t.Errorf("out of the filter, the help line is %q", line)
	}
}

// TestTableKeepsTheSelection (trial item 16): sorting (S), reversing (R)
// and clearing the filter (esc in it or after it) keep the selected
// initiative selected, by id, and in sight; typing a filter selects its
// first match.
func TestTableKeepsTheSelection(t *testing.T) {
	cases := []struct {
		name   string
		before []string // keys that select something
		keys   []string // the keys that must keep it
	}{
		{"S", []string{"down", "down", "down"}, []string{"S"}},
		{"S through every column", slices.Repeat([]string{"down"}, 10), slices.Repeat([]string{"S"}, len(tableColumns))},
		{"S back to the roadmap order", []string{"S", "S", "down", "down", "down"}, slices.Repeat([]string{"S"}, len(tableColumns))},
		{"R", []string{"down", "down", "down"}, []string{"R"}},
		{"R on a sorted column", []string{"S", "S", "down", "down", "down"}, []string{"R", "R"}},
		{"the last row, R", []string{"G"}, []string{"R"}},
		{"/ then esc", []string{"down", "down", "down", "down"}, []string{"/", "esc"}},
		{"/ then enter then esc", []string{"down", "down"}, []string{"/", "enter", "esc"}},
		{"a filter typed, esc in it", []string{"/", "v", "a", "u", "l", "t"}, []string{"esc"}},
		{"a filter typed, a row picked, esc", []string{"/", "v", "a", "u", "l", "t", "enter", "down"}, []string{"esc"}},
		{"a filter typed, S, R, esc", []string{"/", "s", "r", "e", "enter", "G"}, []string{"S", "R", "esc"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, openDemoStore(t), 120, 16) // fewer rows than the demo's 31
			h.view("Initiatives")
			h.press(c.before...)
			sel := h.selected()
			if sel == nil {
				t.Fatal("nothing selected")
			}
			h.press(c.keys...)
			if got := h.selected(); got == nil || got.ID != sel.ID {
				t.Fatalf("after %q the selection is %v, want #%d", c.keys, got, sel.ID)
			}
			if want := fmt.Sprintf("▌ #%d ", sel.ID); !strings.Contains(h.screen(), want) {
				t.Errorf("#%d is selected but not in sight:\n%s", sel.ID, h.screen())
			}
		})
	}
	// Typing a filter selects its first match.
	h := demoHarness(t)
	h.view("Initiatives")
	h.press("down", "down", "/")
	h.typeText("vault")
	if got, rows := h.selected(), h.rowIDs(); got == nil || len(rows) == 0 || got.ID != rows[0] {
		t.Errorf("typing selected %v, want the first of %v", got, rows)
	}
}
