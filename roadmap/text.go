package roadmap

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanLine validates a one-line text field: valid UTF-8, no control
// characters, at most max characters after trimming surrounding space, and
// not empty when required. It returns the trimmed text; the error names the
// field as what.
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
	for _, r := range t {
		if isControl(r) {
			return "", fmt.Errorf("%s contains a control character (%U)", what, r)
		}
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
// characters that can reorder or hide text on a terminal (bidi overrides,
// zero-width joiners are allowed as they build emoji).
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
