package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

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
