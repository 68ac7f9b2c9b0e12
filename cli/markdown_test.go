package cli

import (
	"strings"
	"testing"
	"time"

	"maturity/roadmap"
)

func TestMarkdownText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text is left alone", "Adopt Argo CD 2.0 (pilot), 50% done!", "Adopt Argo CD 2.0 (pilot), 50% done!"},
		{"a script tag is made text", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"an image tag with an error handler is made text", `<img src=x onerror="alert(1)">`, `&lt;img src=x onerror="alert(1)"&gt;`},
		{"an ampersand is escaped, so no character reference works", "&#60;b&#62; &amp; R&D", "&amp;#60;b&amp;#62; &amp;amp; R&amp;D"},
		{"a link is made text", "[click](javascript:alert(1))", `\[click\](javascript:alert(1))`},
		{"a tracking image is made text", "![](http://tracker.example/p.png)", `!\[\](http://tracker.example/p.png)`},
		{"a reference link is made text", "[x][1]", `\[x\]\[1\]`},
		{"an autolink is made text", "<http://evil.example>", "&lt;http://evil.example&gt;"},
		{"a pipe does not end the table cell", "a | b", `a \| b`},
		{"a backslash stays a backslash", `C:\path\`, `C:\\path\\`},
		{"a backslash cannot undo an escape", `\|`, `\\\|`},
		{"backticks make no code span", "`rm -rf`", "\\`rm -rf\\`"},
		{"emphasis markers are kept as text", "**bold** _it_ ~~gone~~", `\*\*bold\*\* \_it\_ \~\~gone\~\~`},
		{"a newline becomes a space, so no new block starts", "a\n# heading\n<div>", "a # heading &lt;div&gt;"},
		{"an escape sequence is made harmless", "\x1b[31mred", " \\[31mred"},
		{"non-ASCII text is left alone", "Déploiement 🚀 日本語", "Déploiement 🚀 日本語"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mdText(tt.in); got != tt.want {
				t.Errorf("mdText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestMarkdownOfAHostileRoadmapIsInert writes the report of a roadmap
// whose every text field is HTML or active Markdown, and shows that the
// result holds no HTML tag, character reference, link or image: every
// '<', '[' and ']' is escaped, and every '&' starts an escape of ours.
func TestMarkdownOfAHostileRoadmapIsInert(t *testing.T) {
	hostile := []string{
		"<script>alert(1)</script>",
		`<img src=x onerror="alert(1)">`,
		"[click me](javascript:alert(1))",
		"![](http://tracker.example/pixel.png)",
		"<http://evil.example/>",
		"&#60;script&#62;",
		"[x]: http://evil.example",
		"`a|b` \\",
		"<a href='http://evil.example'>ok</a>",
	}
	var ins []roadmap.Initiative
	for i, h := range hostile {
		ins = append(ins, roadmap.Initiative{ID: int64(i + 1), Title: h, Owner: h, Description: h,
			Domain: "automation", Level: 1 + i%4, Status: roadmap.Planned, Quarter: roadmap.Quarter{Year: 2026, Q: 1 + i%4}})
	}
	// Dependencies on later, unscheduled work make warnings that quote the
	// titles.
	ins = append(ins, roadmap.Initiative{ID: 100, Title: hostile[0], Domain: "governance", Level: 1, Status: roadmap.Planned})
	for i := range hostile {
		ins[i].DependsOn = []int64{100}
	}
	r := roadmap.New(roadmap.DefaultModel(), nil, ins)
	var b strings.Builder
	if err := writeMarkdown(&b, markdownReport(r, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "&lt;script&gt;") || !strings.Contains(out, "## Warnings") {
		t.Fatalf("the report lacks the titles or the warnings:\n%s", out)
	}
	for n, line := range strings.Split(out, "\n") {
		escaped := false
		for i := 0; i < len(line); i++ {
			c := line[i]
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '<' || c == '>' || c == '[' || c == ']':
				t.Errorf("line %d: unescaped %q at %d: %s", n+1, c, i, line)
			case c == '&' && !strings.HasPrefix(line[i:], "&amp;") && !strings.HasPrefix(line[i:], "&lt;") && !strings.HasPrefix(line[i:], "&gt;"):
				t.Errorf("line %d: a character reference at %d: %s", n+1, i, line)
			}
		}
	}
}
