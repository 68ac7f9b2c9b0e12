package tui

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"maturity/roadmap"
	"maturity/store"
)

// detailOf opens the detail of initiative id from the view titled from,
// as the user does: selects it there and presses enter.
func detailOf(h *harness, from string, id int64) {
	h.tb.Helper()
	if from == warningsTitle {
		h.view(from)
		for range len(h.snapshot().warnings) {
			if w, _ := h.warning(); w.Subject.ID() == id {
				break
			}
			h.press("down")
		}
		if w, _ := h.warning(); w.Subject.ID() != id {
			h.tb.Fatalf("no warning is about #%d", id)
		}
	} else {
		h.selectIn(from, id)
	}
	h.press("enter")
	if got := h.active(); got != detailTitle {
		h.tb.Fatalf("enter on #%d in the %s opened the %s, want the detail", id, from, got)
	}
	if in := h.selected(); in == nil || in.ID != id {
		h.tb.Fatalf("the detail is of %v, want #%d", in, id)
	}
}

// TestEnterOpensTheDetail: enter on an initiative in the table, on the
// board and on a warning about it opens its detail: its fields, its
// description, its dependencies and dependents with titles and status,
// its prerequisites with their state, its warnings in full and its
// history, in the sentences the command line's show uses.
func TestEnterOpensTheDetail(t *testing.T) {
	for _, from := range []string{tableTitle, boardTitle, warningsTitle} {
		t.Run("from the "+from, func(t *testing.T) {
			h := demoHarness(t)
			detailOf(h, from, 22)
			s := h.snapshot()
			r := s.r
			in, _ := r.Get(22)
			screen := flat(h.screen())
			want := []string{
				"#22 " + in.Title, "automation 4 Predictive", "2027-Q1", "planned", "owner sre", "effort 9",
				in.Description,
				"Depends on", flat(func() string { d, _ := r.Get(15); return d.RefStatus() }()),
				"Needed by",
				r.ReadyText(in, s.state.Levels),
				"created #22",
			}
			for _, n := range r.Needs(in, s.state.Levels) {
				want = append(want, r.Model.DescribeLevel(n.Prerequisite)+", "+r.Model.NeedState(n))
			}
			for _, w := range s.warnings {
				if w.Subject.ID() == 22 {
					want = append(want, flat(w.Message()))
				}
			}
			for _, w := range want {
				if !strings.Contains(screen, flat(w)) {
					t.Errorf("the detail does not say %q:\n%s", w, h.screen())
				}
			}
			if h.dialogKind() != "" {
				t.Errorf("enter also opened the %s", h.dialogKind())
			}

			h.press("esc")
			if got := h.active(); got != from {
				t.Errorf("esc went to the %s, want back to the %s", got, from)
			}
			if in := h.selected(); in == nil || in.ID != 22 {
				t.Errorf("back in the %s, the selection is %v, want #22", from, in)
			}
		})
	}
}

// TestDetailListsDependents: the detail names the initiatives that
// depend on this one, with their status.
func TestDetailListsDependents(t *testing.T) {
	h := demoHarness(t)
	detailOf(h, tableTitle, 15)
	r := h.snapshot().r
	screen := flat(h.screen())
	for _, id := range r.Dependents(15) {
		d, _ := r.Get(id)
		if !strings.Contains(screen, flat(d.RefStatus())) {
			t.Errorf("the detail of #15 does not name its dependent %s:\n%s", d.RefStatus(), h.screen())
		}
	}
}

// TestDetailReadsTheHistoryInACommand: opening the detail does not read
// the store on the Update path; the history arrives with a command's
// message, and says so until then.
func TestDetailReadsTheHistoryInACommand(t *testing.T) {
	h := demoHarness(t)
	h.selectIn(tableTitle, 22)
	cmd := h.pressLater("enter")
	if h.active() != detailTitle {
		t.Fatalf("enter opened the %s", h.active())
	}
	if s := h.screen(); strings.Contains(s, "created #22") || !strings.Contains(s, "reading the history") {
		t.Errorf("before its command ran, the detail shows:\n%s", s)
	}
	h.run(cmd)
	if s := h.screen(); !strings.Contains(s, "created #22") {
		t.Errorf("after its command ran, the detail has no history:\n%s", s)
	}
}

// TestDetailKeys: on the detail, e edits, the status keys act on it as on
// the table and it stays open showing what was saved, history included;
// D deletes it and the detail closes; a view's number opens that view
// with the initiative selected.
func TestDetailKeys(t *testing.T) {
	t.Run("e edits", func(t *testing.T) {
		h := demoHarness(t)
		detailOf(h, tableTitle, 22)
		h.press("e")
		if k := h.dialogKind(); k != "form" {
			t.Fatalf("e opened %q, want the form", k)
		}
		if v, _ := h.field(0); !strings.Contains(v, "Predictive autoscaling") {
			t.Errorf("the form edits %q", v)
		}
		h.press("esc")
		if h.dialogKind() != "" || h.active() != detailTitle {
			t.Errorf("after esc: dialog %q on the %s, want the detail", h.dialogKind(), h.active())
		}
	})
	t.Run("s starts, and the detail shows it", func(t *testing.T) {
		h := demoHarness(t)
		detailOf(h, boardTitle, 11)
		h.press("s")
		if got := h.get(11).Status; got != roadmap.InProgress {
			t.Fatalf("s on the detail stored %s", got)
		}
		if h.active() != detailTitle {
			t.Fatalf("after s the %s is on screen, want the detail", h.active())
		}
		s := flat(h.screen())
		if !strings.Contains(s, "in-progress") || !strings.Contains(s, "#11 status: planned → in-progress") {
			t.Errorf("the detail does not show the change and its history:\n%s", h.screen())
		}
		h.press("p")
		if got := h.get(11).Status; got != roadmap.Planned {
			t.Errorf("p on the detail stored %s", got)
		}
	})
	t.Run("D deletes, and the detail closes", func(t *testing.T) {
		h := demoHarness(t)
		detailOf(h, tableTitle, 25)
		h.press("D", "y")
		if _, ok := h.reload().Get(25); ok {
			t.Fatal("#25 is still stored")
		}
		if h.active() != tableTitle {
			t.Errorf("after the delete the %s is on screen, want the table", h.active())
		}
	})
	t.Run("a view's number opens it on the initiative", func(t *testing.T) {
		h := demoHarness(t)
		detailOf(h, warningsTitle, 22)
		h.press("2")
		if in := h.selected(); h.active() != boardTitle || in == nil || in.ID != 22 {
			t.Errorf("2 opened the %s on %v, want the roadmap on #22", h.active(), in)
		}
	})
}

// TestDetailHelpHasOneMeaningPerKey: the detail's help lists each key
// once; enter, which opened it, is not listed there.
func TestDetailHelpHasOneMeaningPerKey(t *testing.T) {
	h := demoHarness(t)
	detailOf(h, tableTitle, 22)
	line := h.helpLine()
	if !strings.Contains(line, "esc close") || strings.Contains(line, "enter") {
		t.Errorf("the detail's help line: %s", line)
	}
	owner := map[string]string{}
	for _, group := range h.helpKeys().FullHelp() {
		for _, b := range group {
			if !b.Enabled() {
				continue
			}
			for _, k := range b.Keys() {
				if d, ok := owner[k]; ok && d != b.Help().Desc {
					t.Errorf("the full help lists %s as %q and as %q", k, d, b.Help().Desc)
				}
				owner[k] = b.Help().Desc
			}
		}
	}
	if _, ok := owner["enter"]; ok {
		t.Errorf("the detail's full help lists enter as %q", owner["enter"])
	}
	for _, k := range []string{"e", "s", "p", "d", "x", "o", "D", "b", "esc"} {
		if _, ok := owner[k]; !ok {
			t.Errorf("the detail's help does not list %s", k)
		}
	}
}

// TestDetailScrollsToTheEnd: a description longer than the screen is
// shown whole, scrolling; nothing is cut.
func TestDetailScrollsToTheEnd(t *testing.T) {
	st := openDemoStore(t)
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "Paragraph %d of a long description that goes on and on to wrap at eighty columns.\n", i)
	}
	b.WriteString("The very last words.")
	desc := b.String()
	if _, err := st.Edit(context.Background(), 22, roadmap.Patch{Description: &desc}, store.Options{}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, 80, 24)
	detailOf(h, tableTitle, 22)
	below := regexp.MustCompile(`↓ \d+ more`)
	if s := h.screen(); strings.Contains(s, "The very last words.") || !below.MatchString(s) {
		t.Errorf("the first page of a long detail:\n%s", s)
	}
	// j line by line to the end: every line of the description shows.
	seen := flat(h.screen())
	for range 200 {
		h.press("j")
		seen += " " + flat(h.screen())
	}
	for i := range 40 {
		if !strings.Contains(seen, fmt.Sprintf("Paragraph %d of a long description that goes on and on to wrap at eighty columns.", i)) {
			t.Errorf("paragraph %d never showed whole", i)
		}
	}
	if !strings.Contains(seen, "The very last words.") {
		t.Error("the end of the description never showed")
	}
	if s := h.screen(); !strings.Contains(s, "History (latest first)") || below.MatchString(s) {
		t.Errorf("at the end, the pane shows:\n%s", s)
	}
	h.press("g")
	if s := h.screen(); !strings.Contains(s, "#22 Predictive autoscaling") {
		t.Errorf("g does not scroll back to the top:\n%s", s)
	}
	h.press("G")
	if s := h.screen(); !strings.Contains(s, "History (latest first)") {
		t.Errorf("G does not scroll to the end:\n%s", s)
	}
}

// TestDetailGolden draws the detail of #22 on the demo roadmap at 80×24
// and 120×40, and compares the screen with testdata. Regenerate with: go
// test ./tui -run TestDetailGolden -update
func TestDetailGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			h := newHarness(t, openDemoStore(t), size.w, size.h)
			detailOf(h, tableTitle, 22)
			golden.RequireEqual(t, []byte(h.screen()))
		})
	}
}

// BenchmarkDetail measures the detail at each size: opening it (enter on
// the table's first row: the pane drawn, its history read, the frame) and
// a key on it (a line down and back up, and the frame).
func BenchmarkDetail(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			st := benchStore(b, s.n)
			b.Run("open", func(b *testing.B) {
				m := firstFrame(b, st)
				m.Update(keyMsg("3"))
				b.ReportAllocs()
				for b.Loop() {
					_, cmd := m.Update(keyMsg("enter"))
					settle(m, cmd)
					_ = m.View()
					m.overlay = nil
				}
			})
			b.Run("key", func(b *testing.B) {
				m := firstFrame(b, st)
				m.Update(keyMsg("3"))
				_, cmd := m.Update(keyMsg("enter"))
				settle(m, cmd)
				keys := []tea.KeyPressMsg{keyMsg("down"), keyMsg("up")}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					m.Update(keys[i%2])
					_ = m.View()
					i++
				}
			})
		})
	}
}

// TestDetailFullHelpListsScrollKeys: the detail's full help lists its
// scroll keys, whether or not the pane is longer than the screen now
// (trial item 9).
func TestDetailFullHelpListsScrollKeys(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {MinWidth, MinHeight}} {
		h := newHarness(t, openDemoStore(t), size[0], size[1])
		detailOf(h, tableTitle, 22)
		listed := map[string]bool{}
		for _, group := range h.helpKeys().FullHelp() {
			for _, b := range group {
				if b.Enabled() {
					listed[b.Help().Key] = true
				}
			}
		}
		for _, k := range []string{"↑/k", "↓/j", "pgup", "pgdn", "g/home", "G/end", "esc"} {
			if !listed[k] {
				t.Errorf("%d×%d: the detail's full help does not list %s", size[0], size[1], k)
			}
		}
		if size[0] == 120 {
			h.press("?")
			if s := h.screen(); !strings.Contains(s, "pgdn") || !strings.Contains(s, "G/end") {
				t.Errorf("the help screen does not show the scroll keys:\n%s", s)
			}
		}
	}
}
