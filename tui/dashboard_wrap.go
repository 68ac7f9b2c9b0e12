package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// maxDateRows is the most lines a date takes in its column.
const maxDateRows = 5

// dateCells are domain di's dates, each wrapped to its level's column.
func (d *dashboard) dateCells(di int, cols []int) [][]string {
	out := make([][]string, len(cols))
	for l := range cols {
		out[l] = wrapText(d.dateText(di, l), cols[l])
	}
	return out
}

// tallest is the most lines any of cells has, one at least.
func tallest(cells [][]string) int {
	n := 1
	for _, c := range cells {
		n = max(n, len(c))
	}
	return n
}

// wrapText wraps plain text to w cells at its spaces, a word wider than
// w cut across lines: its lines, one at least.
func wrapText(s string, w int) []string {
	if w <= 0 {
		return []string{""}
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case lipgloss.Width(line)+1+lipgloss.Width(word) <= w:
			line += " " + word
			continue
		default:
			lines = append(lines, line)
			line = word
		}
		if lipgloss.Width(line) > w {
			parts := strings.Split(ansi.Hardwrap(line, w, false), "\n")
			lines = append(lines, parts[:len(parts)-1]...)
			line = parts[len(parts)-1]
		}
	}
	return append(lines, line)
}

// wrapped keeps the first n of lines, the last of them with what follows
// joined on and cut to w cells ("…") when lines has more.
func wrapped(lines []string, n, w int) []string {
	if len(lines) <= n {
		return lines
	}
	n = max(n, 1)
	rest := strings.Join(lines[n-1:], " ")
	return append(lines[:n-1:n-1], truncate(rest, w))
}
