package report

import (
	"bufio"
	_ "embed"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"maturity/roadmap"
)

// The HTML report is one file that needs nothing else: its CSS is inline,
// its charts inline SVG drawn by the template below (report.html) from
// the shapes charts.go lays out, and it holds no script, no web font and
// no address of anything to fetch. Its Content-Security-Policy forbids
// loading anything but inline styles and data: images, so that even a
// text that slipped through could not reach out. Every text goes through
// html/template, which escapes it for where it stands: a title of
// "<script>" or evidence of "javascript:…" shows as that text.

//go:embed report.html
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"date": func(t time.Time) string { return t.Format(time.DateOnly) },
	"sub":  func(a, b int) int { return a - b },
	"levels": func(rep *Report, lv []int) string {
		return rep.LevelsText(lv)
	},
	"mark":    func(class string, p point) markAt { return markAt{class, p.X, p.Y} },
	"markAt":  func(class string, x, y int) markAt { return markAt{class, strconv.Itoa(x), strconv.Itoa(y)} },
	"legendY": func(i int) int { return 130 + 24*i },
	"dash": func(class string) string {
		return map[string]string{"s0": "none", "s1": "2 3", "s2": "8 4", "s3": "12 3 2 3"}[class]
	},
	"levelNumbers": func() []int { return []int{1, 2, 3, 4} },
	"lastQuarter": func(rep *Report) string {
		w := rep.WindowPlan()
		return w[len(w)-1].Quarter.String()
	},
	"effort":       roadmap.FormatEffort,
	"neg":          func(v float64) float64 { return -v },
	"legend":       func() string { return roadmap.MetricLegend },
	"metricText":   func(x Metric) string { return x.Text() },
	"changeCounts": func(rep *Report) string { return rep.ChangeCounts() },
	"plural":       plural,
	"n":            count,
	"status":       statusText,
}).Parse(htmlSource))

// markAt places a series' mark: a circle or a square by series.
type markAt struct{ Class, X, Y string }

// statusText writes a status with a mark, so that it reads without
// colour: "✓ done", "◐ in-progress", "○ planned", "✗ dropped".
func statusText(s roadmap.Status) string {
	switch s {
	case roadmap.Done:
		return "✓ done"
	case roadmap.InProgress:
		return "◐ in-progress"
	case roadmap.Dropped:
		return "✗ dropped"
	}
	return "○ " + string(s)
}

// WriteHTML writes the report as one self-contained HTML file; version
// is the program's, for its footer.
func WriteHTML(w io.Writer, rep *Report, version string) error {
	// The template writes in many small pieces: buffered, a file gets
	// them in a few large writes.
	b := bufio.NewWriterSize(w, 64<<10)
	if err := htmlTemplate.Execute(b, struct {
		R       *Report
		Version string
	}{rep, version}); err != nil {
		return err
	}
	return b.Flush()
}

// Text says in words what a metric's chart shows: "2026-Q1 2/week
// (high), …; latest 2/week (high), worse than the quarter before."
func (x Metric) Text() string {
	var parts []string
	for i, c := range x.Cells {
		if c.Value == nil {
			continue
		}
		s := x.Quarters[i].String() + " " + x.Metric.Format(c.Value.Value)
		if c.Band != nil {
			s += " (" + c.Band.Name + ")"
		}
		parts = append(parts, s)
	}
	out := strings.Join(parts, ", ")
	switch x.Latest.Trend {
	case roadmap.Better:
		out += "; the latest is better than the value before it"
	case roadmap.Worse:
		out += "; the latest is worse than the value before it"
	case roadmap.Same:
		out += "; the latest is the same as the value before it"
	}
	return out + "."
}

// ChangeCounts counts the changes since the report's since point in a
// sentence: "2 levels reached, 3 initiatives done, 1 started, 2 moved, 0
// dropped; 1 forced override."
func (rep *Report) ChangeCounts() string {
	s := plural(rep.Count(LevelReached), "level", "levels") + " reached, " +
		plural(rep.Count(Finished), "initiative", "initiatives") + " done, " +
		count(rep.Count(Started)) + " started, " +
		count(rep.Count(Moved)) + " moved, " +
		count(rep.Count(Dropped)) + " dropped"
	if n := len(rep.Forced()); n > 0 {
		s += "; " + plural(n, "forced override", "forced overrides")
	}
	return s + "."
}
