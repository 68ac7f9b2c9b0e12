package roadmap

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanLine validates a one-line text field (a title, an owner, a name):
// valid UTF-8, at most max characters after trimming surrounding space, no
// control characters or line breaks, no invisible characters (see
// invisibleAt), and, unless empty, at least one visible character, so
// that the field can neither look blank nor show other text than it holds.
// It is not empty when required. It returns the trimmed text; the error
// names the field as what.
func CleanLine(s, what string, max int, required bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("%s is not valid UTF-8", what)
	}
	t := strings.TrimSpace(s)
	if required && t == "" {
		return "", fmt.Errorf("%s is empty", what)
	}
	if n := utf8.RuneCountInString(t); n > max {
		return "", fmt.Errorf("%s is %d characters long: at most %d allowed", what, n, max)
	}
	visible := false
	for i, r := range t {
		switch {
		case isControl(r):
			return "", fmt.Errorf("%s contains a control character (%U)", what, r)
		case r == '\u2028' || r == '\u2029':
			return "", fmt.Errorf("%s contains a line break (%U)", what, r)
		case invisibleAt(t, i):
			return "", fmt.Errorf("%s contains an invisible character (%U)", what, r)
		}
		visible = visible || isVisible(r)
	}
	if t != "" && !visible {
		return "", fmt.Errorf("%s looks blank: it has no visible character", what)
	}
	return t, nil
}

// CleanText validates a multi-line text field such as a description: valid
// UTF-8, at most max characters, no control characters except newline and
// tab. Line endings become "\n" and surrounding space is trimmed.
func CleanText(s, what string, max int) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("%s is not valid UTF-8", what)
	}
	t := strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	if n := utf8.RuneCountInString(t); n > max {
		return "", fmt.Errorf("%s is %d characters long: at most %d allowed", what, n, max)
	}
	for _, r := range t {
		if r != '\n' && r != '\t' && isControl(r) {
			return "", fmt.Errorf("%s contains a control character (%U)", what, r)
		}
	}
	return t, nil
}

// isControl reports C0 and C1 controls, DEL, and the Unicode format
// characters that can reorder text on a terminal (bidi embeddings,
// overrides and isolates) or that only belong at the start of a file (the
// byte order mark). No text field may hold them; the other invisible
// characters are refused in one-line fields only (invisibleAt).
func isControl(r rune) bool {
	if unicode.IsControl(r) {
		return true
	}
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r == 0xFEFF: // byte order mark inside text
		return true
	}
	return false
}

// Printable returns s with every control character replaced by a space
// (newlines and tabs included), so text from anywhere can be put on a
// terminal line without moving the cursor or sending escape sequences.
func Printable(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) || r == utf8.RuneError {
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// MakePrintable is Printable on bytes, in place: b's control characters
// become spaces; it returns what is left of b. Printable text passes in one
// quick scan.
func MakePrintable(b []byte) []byte {
	w, moved := 0, false // moved: w has fallen behind r
	for r := 0; r < len(b); {
		c := b[r]
		switch {
		case c >= 0x20 && c < 0x7f:
			if moved {
				b[w] = c
			}
			w, r = w+1, r+1
			continue
		case c < 0x80:
			b[w] = ' '
			w, r = w+1, r+1
			continue
		}
		ru, size := utf8.DecodeRune(b[r:])
		if isControl(ru) || ru == utf8.RuneError {
			b[w] = ' '
			w++
			moved = moved || size > 1
		} else {
			if moved {
				copy(b[w:], b[r:r+size])
			}
			w += size
		}
		r += size
	}
	return b[:w]
}
