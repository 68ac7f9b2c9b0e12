package cli

import (
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"

	"maturity/internal/safejson"
	"maturity/roadmap"
)

// writeTable writes rows under a header, columns padded to their widest
// cell by display width, so wide characters keep columns aligned. Cells
// lose their control characters; the last column is not padded.
func writeTable(w io.Writer, header []string, rows [][]string) error {
	width := func(s string) int {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return runewidth.StringWidth(s)
			}
		}
		return len(s)
	}
	widths := make([]int, len(header))
	clean := func(s string) string { return roadmap.Printable(s) }
	for i, h := range header {
		widths[i] = width(h)
	}
	for _, row := range rows {
		for i, c := range row {
			row[i] = clean(c)
			widths[i] = max(widths[i], width(row[i]))
		}
	}
	var b strings.Builder
	var l strings.Builder
	line := func(cells []string) {
		l.Reset()
		for i, c := range cells {
			if i > 0 {
				l.WriteString("  ")
			}
			l.WriteString(c)
			if i < len(cells)-1 {
				l.WriteString(strings.Repeat(" ", widths[i]-width(c)))
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteByte('\n')
	}
	line(header)
	for _, row := range rows {
		line(row)
		if b.Len() > 1<<16 {
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeTableNoHeader is writeTable without the header line.
func writeTableNoHeader(w io.Writer, rows [][]string) error {
	var b strings.Builder
	if err := writeTable(&b, make([]string, len(rows[0])), rows); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String()[strings.IndexByte(b.String(), '\n')+1:])
	return err
}

// writeJSON writes v as indented JSON, with the characters that could
// hide or reorder text on a terminal escaped (safejson).
func writeJSON(w io.Writer, v any) error { return safejson.Write(w, v) }

// formatFlag checks a --format value against the allowed ones.
func formatFlag(value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return errors.New("invalid --format " + quote(value) + ": want " + strings.Join(allowed, ", "))
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
