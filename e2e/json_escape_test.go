package e2e

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"maturity/internal/safejson"
)

// TestJSONOutputEscapesHiddenCharacters shows that every JSON output
// writes the characters that hide or reorder text as \u escapes, never
// raw, and that the text decodes back unchanged.
func TestJSONOutputEscapesHiddenCharacters(t *testing.T) {
	t.Parallel()
	rn := newRunner(t, "json")
	db := filepath.Join(t.TempDir(), "roadmap.db")
	hidden := "zero\u200bwidth soft\u00adhyphen tag\U000E0041 filler\u3164 joiner\u2060 selector\ufe0f"
	rn.must(t, "--db", db, "add", "Visible title", "--domain", "automation", "--level", "1", "--description", "first "+hidden)
	rn.must(t, "--db", db, "edit", "1", "--description", "second "+hidden)
	for _, args := range [][]string{
		{"export", "--format", "json"},
		{"show", "1", "--format", "json"},
		{"list", "--format", "json"},
		{"log", "--format", "json"},
	} {
		out := rn.must(t, append([]string{"--db", db}, args...)...).stdout
		for _, r := range out {
			if safejson.Escaped(r) {
				t.Errorf("%s writes %U raw", strings.Join(args, " "), r)
				break
			}
		}
		if !strings.Contains(out, `\u200b`) || !strings.Contains(out, `\udb40\udc41`) {
			t.Errorf("%s: the escapes are missing:\n%s", strings.Join(args, " "), clip(out))
		}
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Errorf("%s: not JSON: %v", strings.Join(args, " "), err)
		}
		if !strings.Contains(jsonStrings(v), "second "+hidden) {
			t.Errorf("%s: the description does not decode back", strings.Join(args, " "))
		}
	}
}

// jsonStrings joins every string in a decoded JSON value.
func jsonStrings(v any) string {
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString(v)
			b.WriteByte('\n')
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}
