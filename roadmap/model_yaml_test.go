package roadmap

import (
	"strings"
	"testing"
)

// TestParseModelText shows that the model's text goes through the same
// rules as an initiative's: names are one-line fields, descriptions are
// multi-line text.
func TestParseModelText(t *testing.T) {
	edit := func(old, new string) string {
		if strings.Count(smallModel, old) != 1 {
			panic("edit: " + old + " does not occur exactly once")
		}
		return strings.Replace(smallModel, old, new, 1)
	}
	tests := []struct {
		name, yaml, err string
	}{
		{name: "an escape sequence in a domain description is refused",
			yaml: edit("description: the second domain", `description: "\e]0;pwned\a"`),
			err:  "line 18: description contains a control character (U+001B)"},
		{name: "a bidi override in a level description is refused",
			yaml: edit("{level: 2, name: B2}", "{level: 2, name: B2, description: \"evil\u202etxt\"}"),
			err:  "line 22: description contains a control character (U+202E)"},
		{name: "a C1 control in a stage description is refused",
			yaml: edit("{level: 1, name: S1}", `{level: 1, name: S1, description: "a\u009bb"}`),
			err:  "line 3: description contains a control character (U+009B)"},
		{name: "invalid text in a description longer than an initiative's is refused",
			yaml: edit("description: the second domain", "description: "+strings.Repeat("d", MaxDescription+1)),
			err:  "line 18: description is 10001 characters long: at most 10000 allowed"},
		{name: "a zero-width space in a domain name is refused",
			yaml: edit("    name: B\n", "    name: \"B\u200b\"\n"),
			err:  "line 16: domain name contains an invisible character (U+200B)"},
		{name: "a level name of only a Hangul filler is refused",
			yaml: edit("{level: 3, name: B3}", "{level: 3, name: \"\u3164\"}"),
			err:  "line 23: level name contains an invisible character (U+3164)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseModel([]byte(tt.yaml))
			if errText(err) != tt.err {
				t.Fatalf("ParseModel:\n got  %v (%+v)\n want %s", err, m, tt.err)
			}
		})
	}
	t.Run("descriptions are kept with their line ends made \\n and surrounding space trimmed", func(t *testing.T) {
		m, err := ParseModel([]byte(edit("description: the second domain", "description: \"  two\\r\\nlines\\ttabbed \"")))
		if err != nil {
			t.Fatal(err)
		}
		mustEqual(t, "description", m.Domain("b").Description, "two\nlines\ttabbed")
	})
}
