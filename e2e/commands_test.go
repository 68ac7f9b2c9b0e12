package e2e

import (
	"strings"
	"testing"
)

// commands lists every command of the binary by the words that follow
// "maturity" ("" for the root, "model import"), cobra's own (help,
// completion and its shells) included, as the binary's shell completion
// tells them: `maturity __complete WORDS ""` lists the subcommands of
// WORDS, one "name<TAB>description" line each, then a ":N" directive.
func commands(t *testing.T, rn *runner) []string {
	t.Helper()
	var out []string
	var walk func(words []string)
	walk = func(words []string) {
		out = append(out, strings.Join(words, " "))
		if len(words) > 0 && words[0] == "help" {
			return // help completes command names, not subcommands of its own
		}
		r := rn.must(t, append(append([]string{"__complete"}, words...), "")...)
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			name, _, _ := strings.Cut(line, "\t")
			if name == "" || strings.HasPrefix(name, ":") || strings.HasPrefix(name, "-") {
				continue
			}
			walk(append(append([]string(nil), words...), name))
		}
	}
	walk(nil)
	return out
}
