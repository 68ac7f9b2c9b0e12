package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The text helpers every view and the root draw with. Widths are in
// terminal cells, and a string may carry styles: they take no room.

// pad fills a line with spaces to w cells.
func pad(s string, w int) string {
	if n := w - lipgloss.Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// truncate cuts a line with styles to at most w cells.
func truncate(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// truncateSentence cuts a plain "head: detail" sentence ("not planned:
// #17 …") to w cells, keeping just the head when too little of the detail
// would show to be worth its room.
func truncateSentence(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	if head, _, ok := strings.Cut(s, ": "); ok && lipgloss.Width(head)+len(": ")+4 >= w && lipgloss.Width(head) <= w {
		return head
	}
	return truncate(s, w)
}

// fit pads or cuts s to exactly h lines of exactly w cells, so the frame
// never wraps or scrolls whatever the views draw.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = pad(truncate(l, w), w)
	}
	return strings.Join(lines, "\n")
}

// plural counts: "1 error", "3 errors".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// emptyHint invites the user of an empty roadmap to start, naming demo,
// the command that fills it with the sample as they would type it, or
// progname's "init --demo" when it is empty.
func emptyHint(demo string) string {
	return "No initiatives yet: press a to add your first initiative, or run `" + demo + "` for a sample roadmap."
}

// wrapWords wraps s to lines of at most w cells at spaces, never at a
// hyphen, so that a command such as `init --demo`, a date, a key or a
// name stays on one line; only a word wider than w is broken.
func wrapWords(s string, w int) string {
	const nb = "\u2011" // a hyphen not to break at, as wide as one
	return strings.ReplaceAll(ansi.Wrap(strings.ReplaceAll(s, "-", nb), w, " "), nb, "-")
}
