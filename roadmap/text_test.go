package roadmap

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestCleanLineInvisible(t *testing.T) {
	tests := []struct {
		name, in, err string // err "" means accepted as it is
	}{
		// Emoji, flags and scripts that need joiners stay accepted.
		{name: "an emoji family joined by zero-width joiners is accepted", in: "Team 👨\u200d👩\u200d👧"},
		{name: "a skin-toned emoji joined to another is accepted", in: "👩🏽\u200d💻 on call"},
		{name: "a rainbow flag (variation selector and joiner) is accepted", in: "Pride 🏳\ufe0f\u200d🌈"},
		{name: "a flag of regional indicators is accepted", in: "Rollout 🇫🇷 🇯🇵"},
		{name: "the flag of England (tag characters) is accepted", in: "UK 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"},
		{name: "a heart with an emoji variation selector is accepted", in: "We ❤\ufe0f Git"},
		{name: "a keycap emoji is accepted", in: "Step 1\ufe0f\u20e3"},
		{name: "a Persian word with a zero-width non-joiner is accepted", in: "می\u200cخواهم"},
		{name: "a Devanagari word with a zero-width joiner is accepted", in: "क्\u200dष"},
		{name: "plain text with accents and CJK is accepted", in: "Déploiement 日本語"},

		// Invisible characters that hide or fake text are refused.
		{name: "a zero-width space is refused", in: "Adopt\u200bArgo", err: "title contains an invisible character (U+200B)"},
		{name: "a title of only zero-width spaces is refused", in: "\u200b\u200b", err: "title contains an invisible character (U+200B)"},
		{name: "a title of only a Hangul filler is refused", in: "\u3164", err: "title contains an invisible character (U+3164)"},
		{name: "a halfwidth Hangul filler is refused", in: "a\uffa0b", err: "title contains an invisible character (U+FFA0)"},
		{name: "a Hangul choseong filler is refused", in: "a\u115fb", err: "title contains an invisible character (U+115F)"},
		{name: "a Hangul jungseong filler is refused", in: "a\u1160b", err: "title contains an invisible character (U+1160)"},
		{name: "a word joiner is refused", in: "a\u2060b", err: "title contains an invisible character (U+2060)"},
		{name: "an invisible times is refused", in: "a\u2062b", err: "title contains an invisible character (U+2062)"},
		{name: "an invisible plus is refused", in: "a\u2064b", err: "title contains an invisible character (U+2064)"},
		{name: "a byte order mark inside is refused", in: "a\ufeffb", err: "title contains a control character (U+FEFF)"},
		{name: "a Mongolian vowel separator is refused", in: "a\u180eb", err: "title contains an invisible character (U+180E)"},
		{name: "a soft hyphen is refused", in: "Argo\u00adCD", err: "title contains an invisible character (U+00AD)"},
		{name: "a left-to-right mark is refused", in: "a\u200eb", err: "title contains an invisible character (U+200E)"},
		{name: "a right-to-left mark is refused", in: "a\u200fb", err: "title contains an invisible character (U+200F)"},
		{name: "a combining grapheme joiner is refused", in: "a\u034fb", err: "title contains an invisible character (U+034F)"},
		{name: "an Arabic letter mark is refused", in: "a\u061cb", err: "title contains an invisible character (U+061C)"},
		{name: "a zero-width joiner between Latin letters is refused", in: "Ar\u200dgo", err: "title contains an invisible character (U+200D)"},
		{name: "a zero-width non-joiner between Latin letters is refused", in: "Ar\u200cgo", err: "title contains an invisible character (U+200C)"},
		{name: "a zero-width joiner at the end of an emoji is refused", in: "👨\u200d", err: "title contains an invisible character (U+200D)"},
		{name: "a zero-width joiner between an emoji and a letter is refused", in: "👨\u200dx", err: "title contains an invisible character (U+200D)"},
		{name: "a variation selector alone is refused", in: "\ufe0f", err: "title contains an invisible character (U+FE0F)"},
		{name: "a variation selector after a space is refused", in: "a \ufe0fb", err: "title contains an invisible character (U+FE0F)"},
		{name: "two variation selectors in a row are refused", in: "❤\ufe0f\ufe0f", err: "title contains an invisible character (U+FE0F)"},
		{name: "a supplementary variation selector alone is refused", in: "a \U000e0100", err: "title contains an invisible character (U+E0100)"},
		{name: "tag characters hiding text are refused", in: "ok\U000e0069\U000e0067\U000e006e", err: "title contains an invisible character (U+E0069)"},
		{name: "tag characters after a flag without the cancel tag are refused", in: "🏴\U000e0067\U000e0062", err: "title contains an invisible character (U+E0067)"},
		{name: "a long tag run after a flag is refused", in: "🏴" + strings.Repeat("\U000e0061", 8) + "\U000e007f", err: "title contains an invisible character (U+E0061)"},
		{name: "capital tag letters after a flag are refused", in: "🏴\U000e0047\U000e0042\U000e007f", err: "title contains an invisible character (U+E0047)"},
		{name: "a language tag is refused", in: "a\U000e0001b", err: "title contains an invisible character (U+E0001)"},
		{name: "a lone cancel tag is refused", in: "a\U000e007f", err: "title contains an invisible character (U+E007F)"},
		{name: "a line separator is refused", in: "a\u2028b", err: "title contains a line break (U+2028)"},
		{name: "a paragraph separator is refused", in: "a\u2029b", err: "title contains a line break (U+2029)"},
		{name: "a title of braille blanks looks blank and is refused", in: "\u2800\u2800", err: "title looks blank: it has no visible character"},
		{name: "a title of combining marks alone looks blank and is refused", in: "\u0301\u0301", err: "title looks blank: it has no visible character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CleanLine(tt.in, "title", 200, true)
			if tt.err == "" {
				if err != nil || got != tt.in {
					t.Fatalf("CleanLine(%q) = %q, %v; want it accepted as it is", tt.in, got, err)
				}
				return
			}
			if errText(err) != tt.err {
				t.Fatalf("CleanLine(%q) error = %v, want %s", tt.in, err, tt.err)
			}
		})
	}
	t.Run("an optional field of only invisible characters is refused too", func(t *testing.T) {
		if _, err := CleanLine("\u3164", "owner", 100, false); errText(err) != "owner contains an invisible character (U+3164)" {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("an optional field that is empty stays accepted", func(t *testing.T) {
		if got, err := CleanLine("  ", "owner", 100, false); err != nil || got != "" {
			t.Fatalf("CleanLine = %q, %v", got, err)
		}
	})
	t.Run("descriptions keep joiners, which prose in many scripts needs", func(t *testing.T) {
		in := "Line one\nمی\u200cخواهم, soft\u00adhyphen"
		if got, err := CleanText(in, "description", 200); err != nil || got != in {
			t.Fatalf("CleanText = %q, %v", got, err)
		}
	})
}

func TestMakePrintableIsPrintable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", " ", "\t", "\x1b", "\u009b", "\u202e", "≥", "\xff", "é", "\u200b", "\ufeff", "\n", "\x7f"}
	for range 2000 {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		if s := b.String(); string(MakePrintable([]byte(s))) != Printable(s) {
			t.Fatalf("MakePrintable(%q) = %q, Printable gives %q", s, MakePrintable([]byte(s)), Printable(s))
		}
	}
	for _, s := range []string{"", "plain", "tab\there", "esc \x1b[31mred", "c1 \u009b2J", "bidi \u202etxt", "bad \xff utf-8", "émoji 👨‍👩‍👧", "nl\nline"} {
		if got := string(MakePrintable([]byte(s))); got != Printable(s) {
			t.Errorf("MakePrintable(%q) = %q, Printable gives %q", s, got, Printable(s))
		}
	}
}
