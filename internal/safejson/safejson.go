// Package safejson writes JSON that is safe to show on a terminal: on top
// of what encoding/json escapes (C0 controls, U+2028, U+2029), every
// character that can hide, reorder or restyle text is written as a \uXXXX
// escape: DEL and the C1 controls (U+007F–U+009F), format characters such
// as the bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
// zero-width characters, and the other default-ignorable code points
// (U+3164, variation selectors, tag characters). The text is the same
// after decoding; only its spelling in the file changes.
package safejson

import (
	"bytes"
	"encoding/json"
	"io"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Escaped reports whether r is written as an escape.
func Escaped(r rune) bool {
	switch {
	case r < 0x7F:
		return false
	case r <= 0x9F:
		return true
	}
	return unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector,
		unicode.Zl, unicode.Zp)
}

// Escape returns JSON text b with every Escaped character written as
// \uXXXX (a surrogate pair above U+FFFF). b must be what encoding/json
// wrote: such characters can only occur inside its strings, where the
// escape means the same character. Text without them comes back as is.
func Escape(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] < 0x7F {
		i++
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+64)
	out = append(out, b[:i]...)
	for i < len(b) {
		c := b[i]
		if c < 0x7F {
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError || !Escaped(r) {
			out = append(out, b[i:i+n]...)
		} else if r > 0xFFFF {
			hi, lo := utf16.EncodeRune(r)
			out = appendU(appendU(out, hi), lo)
		} else {
			out = appendU(out, r)
		}
		i += n
	}
	return out
}

func appendU(out []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	return append(out, '\\', 'u', hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
}

// MarshalIndent is json.MarshalIndent without HTML escaping (<, > and &
// stay as they are) and with Escape applied. The result has no final
// newline.
func MarshalIndent(v any, prefix, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return Escape(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

// Write writes v to w as JSON indented by two spaces, followed by a
// newline, as MarshalIndent spells it.
func Write(w io.Writer, v any) error {
	b, err := MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
