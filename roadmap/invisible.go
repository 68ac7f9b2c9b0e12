package roadmap

import (
	"unicode"
	"unicode/utf8"
)

// invisibleAt reports whether the character at byte offset i of s is an
// invisible one that a one-line field must not hold. These are the
// Unicode default-ignorable code points (zero-width spaces and joiners,
// the word joiner and invisible operators U+2060–U+206F, soft hyphen,
// Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, the Mongolian vowel
// separator, variation selectors, tag characters U+E0000–U+E0FFF, …):
// a terminal draws nothing for them, so they make a field look blank or
// make two different titles look the same.
//
// Three of them build what people do write, and are kept where they do:
//   - a zero-width joiner (U+200D) between two emoji (👨‍👩‍👧, 🏳️‍🌈, 👩🏽‍💻), and a
//     zero-width joiner or non-joiner (U+200C) between two letters of a
//     script whose letters join (Arabic, Persian's "می‌خواهم", Syriac, N'Ko,
//     Mongolian, and the Brahmic scripts of South Asia);
//   - a variation selector right after a visible character (❤️, keycaps
//     such as 1️⃣, CJK variants), never alone, after a space or twice;
//   - tag characters in the form of a subdivision flag (🏴 followed by two
//     to seven tag letters a–z or digits and the cancel tag U+E007F, as in
//     the flag of England), which cannot carry hidden words of any length.
//
// Flags of two regional indicators (🇫🇷) hold no invisible character.
func invisibleAt(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	if !defaultIgnorable(r) {
		return false
	}
	switch {
	case r == 0x200D:
		prev, next := baseBefore(s, i), runeAfter(s, i+size)
		if isEmoji(prev) && isEmoji(next) {
			return false
		}
		return !sameJoiningScript(prev, next)
	case r == 0x200C:
		return !sameJoiningScript(baseBefore(s, i), runeAfter(s, i+size))
	case isVariationSelector(r):
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		return i == 0 || defaultIgnorable(prev) || !isVisible(prev) && !unicode.Is(unicode.M, prev)
	case r >= 0xE0020 && r <= 0xE007F:
		return !inFlagTag(s, i)
	}
	return true
}

// defaultIgnorable reports the Unicode Default_Ignorable_Code_Point
// property, less the bidi controls and the byte order mark, which
// isControl refuses everywhere.
func defaultIgnorable(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case r == 0xAD, r == 0x34F, r == 0x61C, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5,
		r >= 0x180B && r <= 0x180F, r >= 0x200B && r <= 0x200F, r >= 0x2060 && r <= 0x206F,
		r == 0x3164, r >= 0xFE00 && r <= 0xFE0F, r == 0xFFA0, r >= 0xFFF0 && r <= 0xFFF8,
		r >= 0x1BCA0 && r <= 0x1BCA3, r >= 0x1D173 && r <= 0x1D17A, r >= 0xE0000 && r <= 0xE0FFF:
		return true
	}
	return false
}

func isVariationSelector(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF ||
		r >= 0x180B && r <= 0x180D || r == 0x180F // Mongolian free variation selectors
}

// isVisible reports a character that a terminal draws as something:
// a letter, digit, punctuation or symbol (not the blank braille
// pattern), or a private-use character (icon fonts).
func isVisible(r rune) bool {
	if r == 0x2800 || defaultIgnorable(r) {
		return false
	}
	return unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S, unicode.Co)
}

// isEmoji approximates "an emoji" with the Unicode category of most of
// them, other symbol; the standard library has no emoji property.
func isEmoji(r rune) bool {
	return r >= 0x2000 && r != utf8.RuneError && unicode.Is(unicode.So, r)
}

// baseBefore returns the character before offset i, skipping combining
// marks, emoji variation selectors and skin-tone modifiers, which belong
// to it; utf8.RuneError if there is none.
func baseBefore(s string, i int) rune {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.Is(unicode.M, r) && r != 0xFE0F && !(r >= 0x1F3FB && r <= 0x1F3FF) {
			return r
		}
		i -= size
	}
	return utf8.RuneError
}

func runeAfter(s string, i int) rune {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// joiningScripts are the scripts whose letters change shape or form
// conjuncts around a zero-width joiner or non-joiner.
var joiningScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian,
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
	unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala,
}

func sameJoiningScript(a, b rune) bool {
	if !unicode.IsLetter(a) || !unicode.IsLetter(b) {
		return false
	}
	for _, sc := range joiningScripts {
		if unicode.Is(sc, a) && unicode.Is(sc, b) {
			return true
		}
	}
	return false
}

// inFlagTag reports whether the tag character at offset i belongs to a
// subdivision flag: U+1F3F4, two to seven tags of a–z or 0–9, U+E007F.
func inFlagTag(s string, i int) bool {
	start := i
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if r < 0xE0020 || r > 0xE007E {
			break
		}
		start -= size
	}
	if flag, _ := utf8.DecodeLastRuneInString(s[:start]); flag != 0x1F3F4 {
		return false
	}
	n := 0
	for j := start; j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		j += size
		switch {
		case r == 0xE007F:
			return n >= 2 && n <= 7
		case r >= 0xE0061 && r <= 0xE007A, r >= 0xE0030 && r <= 0xE0039:
			n++
		default:
			return false
		}
	}
	return false
}
