package tui

import (
	"os"
	"strings"
	"testing"
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
