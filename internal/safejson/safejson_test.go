package safejson

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, in, want string }{
		{"a C1 control (CSI)", "a\u009b31mb", `"a\u009b31mb"`},
		{"DEL", "a\x7fb", `"a\u007fb"`},
		{"a bidi override", "evil\u202etxt", `"evil\u202etxt"`},
		{"a bidi isolate", "\u2066x\u2069", `"\u2066x\u2069"`},
		{"a zero-width space", "a\u200bb", `"a\u200bb"`},
		{"a soft hyphen", "co\u00adop", `"co\u00adop"`},
		{"the Hangul filler", "\u3164", `"\u3164"`},
		{"a tag character, as a surrogate pair", "\U000e0041", `"\udb40\udc41"`},
		{"a byte order mark", "\ufeffx", `"\ufeffx"`},
		{"a line separator", "a\u2028b", `"a\u2028b"`},
		{"accents and emoji as they are", "Café 日本 🙂", `"Café 日本 🙂"`},
		{"HTML characters as they are", "<a & b>", `"<a & b>"`},
	}
	for _, tc := range cases {
		t.Run("escapes "+tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := MarshalIndent(tc.in, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
			var back string
			if err := json.Unmarshal(got, &back); err != nil || back != tc.in {
				t.Errorf("decodes to %q (%v), want %q", back, err, tc.in)
			}
		})
	}
}

// TestEveryCodePoint writes every Unicode character and shows that none
// that Escaped names comes out raw, and that every one decodes back.
func TestEveryCodePoint(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	check := func() {
		in := b.String()
		b.Reset()
		out, err := MarshalIndent(map[string]string{"k": in}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range string(out) {
			if Escaped(r) {
				t.Fatalf("%U is written raw", r)
			}
		}
		var back map[string]string
		if err := json.Unmarshal(out, &back); err != nil || back["k"] != in {
			t.Fatalf("a block starting %U does not decode back: %v", []rune(in)[0], err)
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		b.WriteRune(r)
		if r%4096 == 4095 {
			check()
		}
	}
	check()
}

func TestWrite(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	if err := Write(&b, struct {
		A string `json:"a"`
	}{"x\u202ey"}); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"a\": \"x\\u202ey\"\n}\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
