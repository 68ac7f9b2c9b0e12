package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"maturity/roadmap"
)

// The report is written as polyglot HTML: every element closed, so that
// an XML parser reads it whole. These checks parse it so and hold it to
// what the report promises: well-formed, offline, accessible, escaped.

// errorer is what the checks report to: a test, or a recorder in the
// tests of the checks themselves.
type errorer interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// node is an element of the parsed report.
type node struct {
	Name     string
	Attr     map[string]string
	Children []*node
	Text     string // the text directly inside, joined
	Raw      []byte // the element's own bytes, for the SVG parse
}

// parseReport parses the report as XML into a tree, or fails.
func parseReport(t errorer, doc []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	root := &node{Name: "#document"}
	stack := []*node{root}
	var starts []int64
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the report is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: tok.Name.Local, Attr: map[string]string{}}
			for _, a := range tok.Attr {
				name := a.Name.Local
				if a.Name.Space != "" && a.Name.Space != "http://www.w3.org/2000/svg" {
					name = a.Name.Space + ":" + name
				}
				n.Attr[name] = a.Value
			}
			top := stack[len(stack)-1]
			top.Children = append(top.Children, n)
			stack = append(stack, n)
			starts = append(starts, off)
		case xml.EndElement:
			n := stack[len(stack)-1]
			n.Raw = doc[starts[len(starts)-1]:d.InputOffset()]
			stack, starts = stack[:len(stack)-1], starts[:len(starts)-1]
		case xml.CharData:
			stack[len(stack)-1].Text += string(tok)
		}
	}
	if len(stack) != 1 {
		t.Fatalf("the report leaves %d elements open", len(stack)-1)
	}
	return root
}

func (n *node) walk(fn func(*node)) {
	fn(n)
	for _, c := range n.Children {
		c.walk(fn)
	}
}

// allText is the text of n and everything in it.
func (n *node) allText() string {
	var b strings.Builder
	n.walk(func(x *node) { b.WriteString(x.Text) })
	return b.String()
}

// checkReport runs every structural check on a report and returns the
// parsed tree.
func checkReport(t errorer, doc []byte) *node {
	t.Helper()
	root := parseReport(t, doc)
	checkOffline(t, root)
	checkIDs(t, root)
	checkHeadings(t, root)
	checkSVGs(t, root)
	return root
}

// checkOffline fails on anything a browser would fetch or run: a script,
// an embedded or linked resource, an event handler, a src, href or url()
// that is not a data: URI or an in-page anchor.
func checkOffline(t errorer, root *node) {
	t.Helper()
	local := func(v string) bool {
		v = strings.TrimSpace(strings.Trim(strings.TrimSpace(v), `'"`))
		return strings.HasPrefix(v, "#") || strings.HasPrefix(strings.ToLower(v), "data:")
	}
	csp := false
	root.walk(func(n *node) {
		switch strings.ToLower(n.Name) {
		case "script", "iframe", "object", "embed", "link", "base", "form", "frame", "applet", "audio", "video", "source", "track", "portal":
			t.Errorf("the report has a <%s> element", n.Name)
		}
		for name, v := range n.Attr {
			ln := strings.ToLower(name)
			switch {
			case strings.HasPrefix(ln, "on"):
				t.Errorf("<%s> has an event handler %s=%q", n.Name, name, v)
			case ln == "src" || ln == "href" || strings.HasSuffix(ln, ":href") || ln == "action" || ln == "srcset" ||
				ln == "poster" || ln == "data" || ln == "background" || ln == "formaction" || ln == "ping":
				if !local(v) {
					t.Errorf("<%s %s=%q> points outside the page", n.Name, name, v)
				}
			}
		}
		if n.Name == "meta" && n.Attr["http-equiv"] == "Content-Security-Policy" &&
			n.Attr["content"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:" {
			csp = true
		}
	})
	if !csp {
		t.Errorf("the report lacks its Content-Security-Policy meta tag")
	}
	// CSS is where url( fetches: the style elements and attributes.
	var css []string
	root.walk(func(n *node) {
		if n.Name == "style" {
			css = append(css, n.Text)
		}
		if v, ok := n.Attr["style"]; ok {
			css = append(css, v)
		}
	})
	for _, c := range css {
		low := strings.ToLower(c)
		for i := 0; ; {
			j := strings.Index(low[i:], "url(")
			if j < 0 {
				break
			}
			i += j + len("url(")
			if !local(low[i:min(len(low), i+8)]) {
				t.Errorf("a url( points outside the page: %.40s", low[i-4:])
			}
		}
		for _, bad := range []string{"@import", "@font-face"} {
			if strings.Contains(low, bad) {
				t.Errorf("the report's CSS holds %q", bad)
			}
		}
	}
}

// checkIDs fails on an id used twice, and on an in-page link or
// aria-labelledby that names no id.
func checkIDs(t errorer, root *node) {
	t.Helper()
	ids := map[string]int{}
	root.walk(func(n *node) {
		if id, ok := n.Attr["id"]; ok {
			ids[id]++
		}
	})
	for id, k := range ids {
		if k > 1 {
			t.Errorf("id %q is used %d times", id, k)
		}
	}
	root.walk(func(n *node) {
		if h, ok := n.Attr["href"]; ok && ids[strings.TrimPrefix(h, "#")] == 0 {
			t.Errorf("<%s href=%q> names no id", n.Name, h)
		}
		for _, ref := range strings.Fields(n.Attr["aria-labelledby"]) {
			if ids[ref] == 0 {
				t.Errorf("<%s aria-labelledby> names %q, which no element has", n.Name, ref)
			}
		}
	})
}

// checkHeadings fails unless there is one h1, first, and no heading
// skips a level down.
func checkHeadings(t errorer, root *node) {
	t.Helper()
	var levels []int
	root.walk(func(n *node) {
		if len(n.Name) == 2 && n.Name[0] == 'h' && n.Name[1] >= '1' && n.Name[1] <= '6' {
			levels = append(levels, int(n.Name[1]-'0'))
		}
	})
	if len(levels) == 0 || levels[0] != 1 {
		t.Fatalf("headings %v: want an h1 first", levels)
	}
	for i := 1; i < len(levels); i++ {
		if levels[i] == 1 {
			t.Errorf("heading %d is a second h1", i)
		}
		if levels[i] > levels[i-1]+1 {
			t.Errorf("heading %d skips from h%d to h%d", i, levels[i-1], levels[i])
		}
	}
}

// checkSVGs parses every <svg> on its own as an XML document in the SVG
// namespace, and fails on one without a <title> and <desc> first, a
// role and a label, or a text equivalent next to it (a caption, and a
// table, list or paragraph after its figure).
func checkSVGs(t errorer, root *node) {
	t.Helper()
	var figures []*node
	root.walk(func(n *node) {
		if n.Name == "figure" {
			figures = append(figures, n)
		}
	})
	n := 0
	root.walk(func(s *node) {
		if s.Name != "svg" {
			return
		}
		n++
		var doc struct {
			XMLName xml.Name
			Title   string `xml:"title"`
			Desc    string `xml:"desc"`
		}
		d := xml.NewDecoder(bytes.NewReader(s.Raw))
		d.Strict = true
		if err := d.Decode(&doc); err != nil {
			t.Errorf("svg %d does not parse: %v", n, err)
			return
		}
		if doc.XMLName.Space != "http://www.w3.org/2000/svg" {
			t.Errorf("svg %d is in namespace %q", n, doc.XMLName.Space)
		}
		if len(s.Children) < 2 || s.Children[0].Name != "title" || s.Children[1].Name != "desc" ||
			strings.TrimSpace(doc.Title) == "" || strings.TrimSpace(doc.Desc) == "" {
			t.Errorf("svg %d lacks a <title> and <desc> first", n)
		}
		if s.Attr["role"] != "img" || s.Attr["aria-labelledby"] == "" || s.Attr["viewBox"] == "" {
			t.Errorf("svg %d: role %q, aria-labelledby %q, viewBox %q", n, s.Attr["role"], s.Attr["aria-labelledby"], s.Attr["viewBox"])
		}
	})
	if n == 0 {
		return
	}
	for i, f := range figures {
		caption := false
		for _, c := range f.Children {
			caption = caption || c.Name == "figcaption" && strings.TrimSpace(c.allText()) != ""
		}
		if !caption {
			t.Errorf("figure %d has no caption", i+1)
		}
	}
}

func TestTheDemoReportPassesTheChecks(t *testing.T) {
	root := checkReport(t, demoHTML(t))
	var svgs int
	root.walk(func(n *node) {
		if n.Name == "svg" {
			svgs++
		}
	})
	if want := 2 + 11; svgs != want { // radar, timeline, one per metric
		t.Errorf("%d charts, want %d", svgs, want)
	}
}

// TestTextEquivalents checks that what the charts show is also written
// out as text: the radar's table, the timeline's list, the metrics'
// values.
func TestTextEquivalents(t *testing.T) {
	doc := string(demoHTML(t))
	for _, want := range []string{
		"<th scope=\"row\">Automation</th><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">4</td><td class=\"n\">4</td>",
		"Automation reaches 3 (GitOps) in 2027-Q1 — blocked: an error stands in its way",
		"Observability reaches 2 (Centralized) in 2026-Q3 — late: that quarter is past",
		"2026-Q3 1/day (elite), 2026-Q4 2/week (high); the latest is worse than the value before it.",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

func TestAnEmptyRoadmapGivesAShortReport(t *testing.T) {
	m := roadmap.DefaultModel()
	rep := Build(roadmap.NewAssessed(m.Assess(nil, nil, roadmap.AsOfToday(demoToday)), nil), Options{Today: demoToday, Since: demoToday.AddDate(0, -3, 0)})
	var b bytes.Buffer
	if err := WriteHTML(&b, rep, "test"); err != nil {
		t.Fatal(err)
	}
	root := checkReport(t, b.Bytes())
	text := root.allText()
	if !strings.Contains(text, EmptySummary) || !strings.Contains(text, "maturity init --demo") || strings.Contains(b.String(), "<svg") {
		t.Errorf("the empty report:\n%s", b.String())
	}
}

// TestHostileTextIsShownAsText writes a report whose title, initiatives,
// owners, evidence and notes are HTML, script and links, and finds them
// all as text, with no element, attribute or link of theirs.
func TestHostileTextIsShownAsText(t *testing.T) {
	hostile := []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror="alert(1)">`,
		`javascript:alert(1)`,
		`<a href="http://evil.example/">click</a>`,
		`http://tracker.example/pixel.png`,
		`"><svg onload=alert(1)>`,
		`</title><style>body{background:url(http://evil.example/)}</style>`,
		`&#60;script&#62; & ]]> <![CDATA[ x ]]>`,
	}
	m := roadmap.DefaultModel()
	q := roadmap.QuarterOf(demoToday)
	var ins []roadmap.Initiative
	for i, h := range hostile {
		ins = append(ins, roadmap.Initiative{ID: int64(i + 1), Title: h, Owner: h, Domain: "standardization", Level: 1 + i%4,
			Status: roadmap.Planned, Quarter: q, DependsOn: []int64{100}})
	}
	ins = append(ins, roadmap.Initiative{ID: 100, Title: hostile[0], Domain: "governance", Level: 1, Status: roadmap.Dropped, Quarter: q})
	var ev roadmap.Evidence
	var checks []string
	for _, c := range m.Criteria {
		if c.IsCheck() {
			checks = append(checks, c.Key)
		}
	}
	for i, h := range hostile {
		ev.Answers = append(ev.Answers, roadmap.Answer{ID: int64(i + 1), Criterion: checks[i], State: roadmap.Met, Evidence: h, Note: h,
			Actor: h, At: demoToday.Add(-time.Duration(i+1) * time.Hour)})
	}
	r := roadmap.NewAssessed(m.Assess(nil, &ev, roadmap.AsOfToday(demoToday)), ins)
	var changes []Change
	for i, h := range hostile {
		changes = append(changes, Change{At: demoToday.Add(-time.Hour), Actor: h, Initiative: int64(i + 1), Kind: Started, Forced: true, Reason: h})
	}
	for _, title := range hostile {
		t.Run(title, func(t *testing.T) {
			rep := Build(r, Options{Title: title, Today: demoToday, Since: demoToday.AddDate(0, -3, 0), Changes: changes})
			var b bytes.Buffer
			if err := WriteHTML(&b, rep, "test"); err != nil {
				t.Fatal(err)
			}
			root := checkReport(t, b.Bytes())
			var h1 string
			links := 0
			root.walk(func(n *node) {
				if n.Name == "h1" {
					h1 = n.allText()
				}
				if n.Name == "a" || n.Name == "img" || n.Name == "style" && !strings.Contains(n.Text, ":root") {
					if n.Name != "a" || !strings.HasPrefix(n.Attr["href"], "#") {
						links++
						t.Errorf("a <%s> of the text's own: %v", n.Name, n.Attr)
					}
				}
			})
			if h1 != title {
				t.Errorf("the heading reads %q, want %q", h1, title)
			}
			text := root.allText()
			for _, h := range hostile {
				if !strings.Contains(text, h) {
					t.Errorf("the text %q is not shown as it is", h)
				}
			}
			if links != 0 {
				t.Error(fmt.Sprintf("%d elements came from the text", links))
			}
		})
	}
}

// recorder collects what a check reports; Fatalf stops the check.
type recorder struct{ problems []string }

type stop struct{}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(f string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(f, args...))
}
func (r *recorder) Fatalf(f string, args ...any) {
	r.Errorf(f, args...)
	panic(stop{})
}

// TestTheChecksCatchWhatTheyCheck feeds the checks documents that break
// each promise, so that a check that passes everything is found out.
func TestTheChecksCatchWhatTheyCheck(t *testing.T) {
	const head = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/></head><body>`
	const svg = `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t" viewBox="0 0 1 1"><title id="t">T</title><desc>D</desc></svg><figcaption>C</figcaption></figure>`
	tests := []struct{ name, body, want string }{
		{"a good document passes", `<h1>A</h1><h2>B</h2>` + svg, ""},
		{"an unclosed element", `<h1>A</h1><p>`, "not well-formed"},
		{"a script", `<h1>A</h1><script>x</script>`, "<script>"},
		{"a link to the web", `<h1>A</h1><a href="https://example.com/">x</a>`, "points outside"},
		{"an image from the web", `<h1>A</h1><img src="http://example.com/p.png"/>`, "points outside"},
		{"a url( in a style", `<h1>A</h1><p style="background:url(http://example.com/)">x</p>`, "url("},
		{"an event handler", `<h1>A</h1><p onclick="x()">x</p>`, "event handler"},
		{"a web font", `<h1>A</h1><style>@font-face { src: local(x) }</style>`, "@font-face"},
		{"an id twice", `<h1 id="a">A</h1><h2 id="a">B</h2>`, "used 2 times"},
		{"a link to no id", `<h1>A</h1><a href="#nowhere">x</a>`, "names no id"},
		{"a heading skipped", `<h1>A</h1><h3>B</h3>`, "skips"},
		{"a second h1", `<h1>A</h1><h1>B</h1>`, "second h1"},
		{"a chart without a title", `<h1>A</h1><figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="d" viewBox="0 0 1 1"><desc id="d">D</desc></svg><figcaption>C</figcaption></figure>`, "<title>"},
		{"a chart without a caption", `<h1>A</h1><figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t" viewBox="0 0 1 1"><title id="t">T</title><desc>D</desc></svg></figure>`, "no caption"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := head + tt.body + `</body></html>`
			var r recorder
			func() {
				defer func() {
					if p := recover(); p != nil {
						if _, ok := p.(stop); !ok {
							panic(p)
						}
					}
				}()
				root := parseReport(&r, []byte(doc))
				checkOffline(&r, root)
				checkIDs(&r, root)
				checkHeadings(&r, root)
				checkSVGs(&r, root)
			}()
			got := strings.Join(r.problems, "\n")
			switch {
			case tt.want == "" && got != "":
				t.Errorf("problems in a good document:\n%s", got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Errorf("want a problem with %q, got:\n%s", tt.want, got)
			}
		})
	}
	t.Run("a document without its policy", func(t *testing.T) {
		var r recorder
		root := parseReport(&r, []byte(`<html><body><h1>A</h1></body></html>`))
		checkOffline(&r, root)
		if !strings.Contains(strings.Join(r.problems, " "), "Content-Security-Policy") {
			t.Errorf("problems %v", r.problems)
		}
	})
}

// TestTheCapacitySectionShowsWhenCapacityIsSet checks the demo with
// capacity figures: the bars chart and its table appear, pass the
// checks, and mark the quarter booked over its capacity in words.
func TestTheCapacitySectionShowsWhenCapacityIsSet(t *testing.T) {
	r := demoRoadmap(t, demoToday)
	q := roadmap.QuarterOf(demoToday)
	r.Capacity = roadmap.NewCapacity([]roadmap.CapacityFigure{{Effort: 30}, {Quarter: q.Next(), Effort: 25}})
	rep := Build(r, Options{Today: demoToday, Since: demoToday.AddDate(0, -3, 0)})
	var b bytes.Buffer
	if err := WriteHTML(&b, rep, "test"); err != nil {
		t.Fatal(err)
	}
	if path := os.Getenv("REPORT_CAPACITY_HTML"); path != "" { // to look at it in a browser
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := checkReport(t, b.Bytes())
	text := root.allText()
	for _, want := range []string{"Effort against capacity", "2027-Q1: 41 booked of 25.", "over by 16"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}
