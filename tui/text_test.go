package tui

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"maturity/roadmap"
)

// wideTitles mix double-width CJK, emoji (one a ZWJ sequence) and accents.
var wideTitles = []string{
	"数据平台迁移到统一的云原生基础设施",
	"観測性の改善 🚀 ダッシュボード統一",
	"👩‍💻 開発者ポータル と données partagées",
}

func TestWideCharactersKeepColumnsAligned(t *testing.T) {
	st := openDemoStore(t)
	for i, title := range wideTitles {
		in := roadmap.Initiative{Title: title, Domain: "observability", Level: 3, Quarter: roadmap.Quarter{Year: 2026, Q: 4}, Owner: "チーム" + strings.Repeat("観", i)}
		if _, err := st.Add(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range []int{64, 80, 100, 120, 161} {
		h := newHarness(t, st, w, 60)
		h.selectIn("Initiatives", 32) // a wide row selected, the others not
		screen := h.screen()
		lines := strings.Split(screen, "\n")
		body := lines[1 : len(lines)-2]
		for i, l := range body {
			if lw := lipgloss.Width(l); lw != w {
				t.Errorf("width %d: body line %d is %d cells: %q", w, i, lw, l)
			}
		}
		// Each column starts in the same cell on every row: cut every row
		// where the header has each column title.
		header := ansi.Strip(body[1])
		idx, widths := h.layout()
		rows := body[2 : 2+len(h.rows())]
		for j, ci := range idx {
			col := tableColumns[ci]
			at := ansi.StringWidth(header[:strings.Index(header, col.title)])
			for r, l := range rows {
				in := h.rows()[r]
				cell := strings.TrimSpace(ansi.Strip(ansi.Cut(l, at, at+widths[j])))
				want := strings.TrimSpace(truncate(col.cell(h.snapshot(), in), widths[j]))
				if cell != want {
					t.Errorf("width %d, #%d, column %s at cell %d: %q, want %q", w, in.ID, col.title, at, cell, want)
				}
			}
		}
		if !strings.Contains(screen, "#32") || !strings.Contains(screen, "#34") {
			t.Errorf("width %d: the wide rows are not shown:\n%s", w, screen)
		}
		// The board and the warnings fill their lines exactly too.
		for _, v := range []string{"Roadmap", "Warnings", "Dashboard"} {
			h.view(v)
			if v == "Roadmap" {
				h.selectIn(v, 33)
			}
			lines := strings.Split(h.screen(), "\n")
			for i, l := range lines[1 : len(lines)-2] {
				if lw := lipgloss.Width(l); lw != w {
					t.Errorf("width %d, %s: line %d is %d cells: %q", w, v, i, lw, l)
				}
			}
		}
	}
}

// hostile is text that would move the cursor, change colours, set the
// window title or ring the bell if it reached the terminal.
const hostile = "\x1b[31mred\x1b[0m \x1b]0;pwned\x07title\x1b[2J\r\x08\x7f\u009b1m\u202eevil"

// checkClean fails when a frame holds a control character other than the
// line breaks between its lines (the colour profile is plain text, so the
// dashboard's own styles add none).
func checkClean(t *testing.T, what, screen string) {
	t.Helper()
	for i, r := range screen {
		if r == '\n' {
			continue
		}
		if unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("%s: control character %U at byte %d:\n%q", what, r, i, screen)
			return
		}
	}
}

func TestValidationRefusesControlCharacters(t *testing.T) {
	st := openStore(t)
	if _, err := st.Add(context.Background(), roadmap.Initiative{Title: "\x1b[31mred", Domain: "automation", Level: 1}); err == nil {
		t.Error("the store took a title with an escape sequence")
	}
	imp := roadmap.ImportOf([]roadmap.Initiative{{ID: 1, Title: "x\x07", Domain: "automation", Level: 1, Status: roadmap.Planned}})
	if _, err := st.Import(context.Background(), imp, false); err == nil {
		t.Error("the import took a title with a control character")
	}
}

// TestControlCharactersNeverReachTheTerminal shows data with control
// characters (as another tool could write them into the file) in every
// view and dialog.
func TestControlCharactersNeverReachTheTerminal(t *testing.T) {
	q := func(y, n int) roadmap.Quarter { return roadmap.Quarter{Year: y, Q: n} }
	r := roadmap.New(roadmap.DefaultModel(), nil, []roadmap.Initiative{
		{ID: 1, Title: hostile, Domain: "governance", Level: 3, Quarter: q(2027, 2), Status: roadmap.Planned,
			Owner: hostile, Description: hostile, Version: 1},
		{ID: 2, Title: "waits " + hostile, Domain: "automation", Level: 1, Quarter: q(2026, 4), Status: roadmap.Planned,
			Owner: "ops", DependsOn: []int64{1}, Version: 1},
		{ID: 3, Title: hostile, Domain: "observability", Level: 1, Quarter: q(2026, 2), Status: roadmap.Dropped, Version: 1},
	})
	h := newHarness(t, openStore(t), 120, 40)
	h.show(r)
	if len(h.snapshot().warnings) == 0 {
		t.Fatal("the roadmap has no warnings to show")
	}
	for _, v := range h.titles() {
		h.view(v)
		checkClean(t, v, h.screen())
		for _, k := range []string{"down", "right", "G"} {
			h.press(k)
			checkClean(t, v+" after "+k, h.screen())
		}
	}
	h.selectIn("Roadmap", 1)
	dialogs := []struct{ name, key string }{{"edit form", "e"}, {"delete", "D"}, {"dependencies", "b"}}
	for _, d := range dialogs {
		h.press(d.key)
		if h.dialogKind() == "" {
			t.Fatalf("%s did not open", d.name)
		}
		checkClean(t, d.name, h.screen())
		h.closeAll()
	}
	h.press("?")
	checkClean(t, "help", h.screen())
	h.press("esc")

	// A change to an initiative the file does not have fails; the message
	// names it.
	h.press("]")
	checkClean(t, "status after a failed move", h.screen())
	if !h.statusIsError() {
		t.Errorf("status = %q", h.statusText())
	}
}

// TestControlCharactersInStoreErrors writes titles with escape sequences
// straight into the file, as another tool could, and shows the store's
// refusals that quote them.
func TestControlCharactersInStoreErrors(t *testing.T) {
	st := openDemoStore(t)
	db, err := sql.Open("sqlite", st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, id := range []int64{1, 4, 14} {
		if _, err := db.Exec(`UPDATE initiatives SET title = ? WHERE id = ?`, hostile, id); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, st, 120, 40)

	h.selectIn("Roadmap", 14)
	h.press("s") // refused: a prerequisite is unmet
	if k := h.dialogKind(); k != "prompt" {
		t.Fatalf("dialog %q, want the force prompt", k)
	}
	checkClean(t, "force prompt", h.screen())
	h.press("esc")

	h.selectIn("Roadmap", 1)
	h.press("D") // refused: #4 depends on it
	if k := h.dialogKind(); k != "confirm" || !strings.Contains(h.dialogText(), "cannot delete") {
		t.Fatalf("dialog %q, want the refusal", k)
	}
	checkClean(t, "delete refusal", h.screen())
	h.press("esc")

	// A stale edit: the form quotes the title in its error.
	h.press("e")
	if _, err := db.Exec(`UPDATE initiatives SET version = version + 1 WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	h.typeText(" v2") // an unchanged form saves nothing, so cannot be stale
	h.press("ctrl+s")
	if k := h.dialogKind(); k != "form" || !strings.Contains(h.dialogError(), "changed elsewhere") {
		t.Fatalf("dialog %q, want the form with the error", k)
	}
	checkClean(t, "stale form", h.screen())
	h.press("esc")
}

func TestWrapWords(t *testing.T) {
	for _, tt := range []struct {
		s    string
		w    int
		want string
	}{
		{"run `maturity init --demo` now", 17, "run `maturity\ninit --demo` now"},
		{"one two three", 80, "one two three"},
		{"a verylongword b", 4, "a\nvery\nlong\nword\nb"},
		{"answered 2026-10-21 by platform-core", 20, "answered 2026-10-21\nby platform-core"},
		{"", 10, ""},
	} {
		if got := wrapWords(tt.s, tt.w); got != tt.want {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.s, tt.w, got, tt.want)
		}
	}
}
