package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maturity/roadmap"
)

// TestPathsReachTheTerminalPrintable names the database and the output
// files with terminal escapes (a window title set with ESC ] 0 ;, a C1
// CSI, a bidi override) and runs every command that prints a path: each
// does its work at the real path, and prints it without raw control
// characters.
func TestPathsReachTheTerminalPrintable(t *testing.T) {
	rn := newRunner(t, "paths")
	dir := filepath.Join(t.TempDir(), "in \x1b]0;pwned\x07 \u009b2J \u202etxt.exe")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "roadmap\x1b[31m.db")
	csv := filepath.Join(dir, "roadmap\x1b]0;x\x07.csv")
	if err := os.WriteFile(csv, []byte("title,domain,level\nAudits,governance,1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	steps := [][]string{
		{"init"},
		{"init", "--demo"},
		{"import", "--dry-run", csv},
		{"import", csv},
		{"export", "-o", filepath.Join(dir, "out\x1b]0;y\x07.csv")},
		{"export", "--format", "json", "-o", filepath.Join(dir, "dump\x1b[2J.json")},
		{"export", "--format", "markdown", "-o", filepath.Join(dir, "report\u009b.md")},
		{"model", "export", "-o", filepath.Join(dir, "model\x1b]0;z\x07.yaml")},
		{"backup", filepath.Join(dir, "backup\x1b]0;w\x07.db")},
	}
	for _, args := range steps {
		r := rn.run(append([]string{"--db", db}, args...)...)
		if r.code != 0 {
			t.Errorf("%q: exit %d: %q", args, r.code, r.stderr)
			continue
		}
		for name, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
			for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if roadmap.Printable(line) != line {
					t.Errorf("%q: %s holds what a terminal would run: %q", args, name, line)
				}
			}
		}
		if last := args[len(args)-1]; strings.HasPrefix(last, dir) {
			if _, err := os.Stat(last); err != nil {
				t.Errorf("%s: the file was not written at its real name: %v", args[0], err)
			}
		}
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("the database is not at its real name: %v", err)
	}
	// The dump restores from its real name too.
	rn.must(t, "--db", filepath.Join(dir, "restored\x1b[0m.db"), "import", filepath.Join(dir, "dump\x1b[2J.json"))
}
