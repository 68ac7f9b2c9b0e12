package tui

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestWriteReport presses W: the HTML report of the roadmap shown is
// written into the current folder, dated by today, and the status line
// says where.
func TestWriteReport(t *testing.T) {
	t.Chdir(t.TempDir())
	h := demoHarness(t)
	h.press("W")
	const path = "maturity-report-2026-11-15.html"
	if got := h.statusText(); got != "wrote the report to "+path || h.statusIsError() {
		t.Errorf("status = %q", got)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1>Platform maturity roadmap</h1>", "Review of 2026-11-15 (2026-Q4)", `id="timeline-title"`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestWriteReportRefused shows a report that cannot be written as an
// error in the status line: a folder stands where the file would go.
func TestWriteReportRefused(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("maturity-report-2026-11-15.html", 0o755); err != nil {
		t.Fatal(err)
	}
	h := demoHarness(t)
	h.press("W")
	if got := h.statusText(); !h.statusIsError() || !strings.Contains(got, "it is a folder") {
		t.Errorf("status = %q (error %v)", got, h.statusIsError())
	}
}

// TestWriteReportAsksBeforeReplacing presses W when today's report is
// there already: as the export does, the dashboard asks before replacing
// a file. esc keeps the old file; enter replaces it.
func TestWriteReportAsksBeforeReplacing(t *testing.T) {
	t.Chdir(t.TempDir())
	const path = "maturity-report-2026-11-15.html"
	if err := os.WriteFile(path, []byte("last review's notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	kept := func() {
		t.Helper()
		if got, err := os.ReadFile(path); err != nil || string(got) != "last review's notes" {
			t.Fatalf("the file was replaced (%v)", err)
		}
	}
	h := demoHarness(t)
	h.press("W")
	if k := h.dialogKind(); k != "prompt" {
		t.Fatalf("dialog %q, want the file prompt", k)
	}
	if got, want := h.dialogError(), path+" exists: press enter again to replace it"; got != want {
		t.Errorf("prompt says %q, want %q", got, want)
	}
	if got := h.input(); got != path {
		t.Errorf("the prompt offers %q, want %q", got, path)
	}
	kept()
	h.press("esc")
	if k := h.dialogKind(); k != "" {
		t.Fatalf("dialog %q after esc", k)
	}
	kept()

	h.press("W", "enter")
	if k := h.dialogKind(); k != "" {
		t.Errorf("dialog %q after the report was written", k)
	}
	if got := h.statusText(); got != "wrote the report to "+path || h.statusIsError() {
		t.Errorf("status = %q", got)
	}
	got, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(got), "<h1>Platform maturity roadmap</h1>") {
		t.Errorf("the report was not written over the old file (%v)", err)
	}
}

// TestWriteReportPromptGuards types another name into W's prompt: the
// same guards as the export's hold (never the database, never standard
// output), and a new name is written at once.
func TestWriteReportPromptGuards(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("maturity-report-2026-11-15.html", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	h := demoHarness(t)
	for _, c := range []struct{ path, want string }{
		{h.st.Path(), "it is the database itself"},
		{"-", "there is no standard output here"},
		{".", "it is a folder"},
	} {
		h.press("W", "ctrl+u")
		h.typeText(c.path)
		h.press("enter", "enter")
		if got := h.dialogError(); h.dialogKind() != "prompt" || !strings.Contains(got, c.want) {
			t.Errorf("%s: dialog %q says %q, want %q", c.path, h.dialogKind(), got, c.want)
		}
		h.press("esc")
	}
	h.press("W", "ctrl+u")
	h.typeText("review.html")
	h.press("enter")
	if got := h.statusText(); got != "wrote the report to review.html" {
		t.Errorf("status = %q", got)
	}
	if _, err := os.Stat("review.html"); err != nil {
		t.Error(err)
	}
}

// TestGoldenReportAsk draws the question W asks when today's report is
// there already, at two sizes. Regenerate with: go test ./tui -update
func TestGoldenReportAsk(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			var screen string
			// In a folder of its own, left before the golden is read.
			t.Run("ask", func(t *testing.T) {
				t.Chdir(t.TempDir())
				if err := os.WriteFile("maturity-report-2026-11-15.html", nil, 0o644); err != nil {
					t.Fatal(err)
				}
				h := newHarness(t, openDemoStore(t), size.w, size.h)
				h.press("W")
				screen = h.screen()
			})
			golden.RequireEqual(t, []byte(screen))
		})
	}
}
