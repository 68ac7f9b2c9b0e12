package report

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// browser finds a Chromium-like browser, or "".
func browser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// runBrowser runs the browser headless on the file with args, bounded in
// time, and fails the test with its output if it fails.
func runBrowser(t *testing.T, bin, page string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
		"--user-data-dir=" + filepath.Join(t.TempDir(), "profile")}
	if os.Geteuid() == 0 {
		base = append(base, "--no-sandbox") // the sandbox refuses to run as root
	}
	cmd := exec.CommandContext(ctx, bin, append(append(base, args...), "file://"+page)...)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("%s did not finish within the time allowed:\n%s", bin, out)
	}
	if err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, out)
	}
}

// TestTheDemoReportRendersInABrowser renders the demo's report in a real
// browser to a picture and to a PDF: the picture must show charts (not
// a blank page), the PDF must have a sane number of pages. It needs
// chromium (Debian's package; .ci/run installs it) and is skipped
// without one.
func TestTheDemoReportRendersInABrowser(t *testing.T) {
	bin := browser()
	if bin == "" {
		t.Skip("no browser found (chromium, chromium-browser or google-chrome): install chromium to run this test (apt-get install -y chromium)")
	}
	if testing.Short() {
		t.Skip("a browser test: not in -short")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, demoHTML(t), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("a screenshot shows the charts", func(t *testing.T) {
		shot := filepath.Join(dir, "report.png")
		runBrowser(t, bin, page, "--screenshot="+shot, "--window-size=1200,2000")
		f, err := os.Open(shot)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatalf("the screenshot is not a PNG: %v", err)
		}
		if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 2000 {
			t.Errorf("the screenshot is %v, want 1200×2000", b)
		}
		// The top 2000 pixels hold the summary and the radar: the
		// radar's series are drawn in colour, the text in grey and
		// black, so coloured pixels are the chart's.
		ink, colour := inked(img, image.Rect(0, 0, 1200, 2000))
		total := 1200 * 2000
		if ink < total/50 {
			t.Errorf("the screenshot is nearly blank: %d of %d pixels are not white", ink, total)
		}
		if colour < 2000 {
			t.Errorf("the screenshot shows no chart: %d coloured pixels", colour)
		}
		t.Logf("%d pixels not white, %d coloured", ink, colour)
	})

	// The report's print stylesheet leaves the paper to the printer;
	// each size is forced here in turn, as a print dialog would choose.
	for _, size := range []string{"A4", "letter"} {
		t.Run("it prints on "+size+" to a PDF of a sane number of pages", func(t *testing.T) {
			sized := filepath.Join(dir, "report-"+size+".html")
			doc := bytes.Replace(demoHTML(t), []byte("@page { "), []byte("@page { size: "+size+"; "), 1)
			if err := os.WriteFile(sized, doc, 0o644); err != nil {
				t.Fatal(err)
			}
			pdf := filepath.Join(dir, "report-"+size+".pdf")
			runBrowser(t, bin, sized, "--print-to-pdf="+pdf, "--no-pdf-header-footer")
			data, err := os.ReadFile(pdf)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Fatalf("not a PDF: %.20q", data)
			}
			// Each page is an object of /Type /Page; the page tree's
			// nodes are /Type /Pages, which the pattern leaves out.
			pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
			// A section a page, the long ones over a few: fewer than the
			// sections means page breaks are lost, many more means charts
			// or tables fall apart.
			if pages < 8 || pages > 40 {
				t.Errorf("the PDF has %d pages, want 8 to 40", pages)
			}
			t.Logf("%d pages, %d bytes", pages, len(data))
		})
	}
}

// inked returns how many pixels of r in img are not white, and how many
// are clearly coloured (not a shade of grey).
func inked(img image.Image, r image.Rectangle) (ink, colour int) {
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			hi, lo := max(cr, cg, cb)>>8, min(cr, cg, cb)>>8
			if lo < 245 {
				ink++
			}
			if hi-lo > 60 {
				colour++
			}
		}
	}
	return ink, colour
}
