package e2e

import (
	"bytes"
	"strings"

	"maturity/roadmap"
)

// textBadCases are one-line fields holding invisible characters, which
// would make a title look blank or show other text than it holds, and
// model files whose descriptions carry terminal controls.
func textBadCases() []badCase {
	var cs []badCase
	invisible := []struct{ name, text string }{
		{"only zero-width spaces", "\u200b\u200b"},
		{"a zero-width space", "Adopt\u200bArgo"},
		{"only a Hangul filler", "\u3164"},
		{"a halfwidth Hangul filler", "a\uffa0b"},
		{"a word joiner", "a\u2060b"},
		{"an invisible plus", "a\u2064b"},
		{"a Mongolian vowel separator", "a\u180eb"},
		{"hidden tag characters", "ok\U000e0069\U000e0067\U000e006e"},
		{"a lone variation selector", "\ufe0f"},
		{"a zero-width joiner between letters", "Ar\u200dgo"},
		{"a line separator", "a\u2028b"},
		{"only braille blanks", "\u2800\u2800"},
	}
	for _, v := range invisible {
		cs = append(cs,
			badCase{name: "add/with a title of " + v.name, code: 1,
				args: []string{"add", v.text, "--domain", "automation", "--level", "1"}},
			badCase{name: "edit/with a title of " + v.name, code: 1,
				args: []string{"edit", "1", "--title", v.text}},
		)
	}
	cs = append(cs,
		badCase{name: "add/with an owner of only a Hangul filler", code: 1,
			args: []string{"add", "T", "--domain", "automation", "--level", "1", "--owner", "\u3164"}},
		badCase{name: "import/of a CSV with a title of only zero-width spaces", code: 1,
			args: []string{"import", "-"}, stdin: "title,domain,level\n\u200b\u200b,automation,1\n"},
		badCase{name: "import/of a CSV with a Hangul filler as owner", code: 1,
			args: []string{"import", "-"}, stdin: "title,domain,level,owner\nA,automation,1,\u3164\n"},
	)
	var def bytes.Buffer
	if err := roadmap.WriteModel(&def, roadmap.DefaultModel()); err != nil {
		panic(err)
	}
	model := []struct{ name, from, to string }{
		{"an escape sequence in a domain description", "description: How consistently", `description: "\e]0;pwned\a" # `},
		{"a C1 control in a level description", "description: Infrastructure and configuration", `description: "a\u009bb" # `},
		{"a bidi override in a stage description", "description: Work happens by hand", `description: "evil\u202etxt" # `},
		{"a zero-width space in a level name", "name: Scripted\n", "name: \"Scri\\u200bpted\"\n"},
	}
	for _, m := range model {
		if !strings.Contains(def.String(), m.from) {
			panic("textBadCases: the default model lacks " + m.from)
		}
		cs = append(cs, badCase{name: "model import/of a model with " + m.name, code: 1,
			args: []string{"model", "import", "-"}, stdin: strings.Replace(def.String(), m.from, m.to, 1)})
	}
	return cs
}
