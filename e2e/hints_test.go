package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hintRuns are command lines whose message names another command, with
// that command as a binary's user types it. A user of `go run .` reads
// it with "go run ." instead of "maturity".
var hintRuns = []struct {
	args []string // {db} is the database
	hint string
}{
	{[]string{"--db", "{db}", "init", "--demo"}, "open the dashboard with 'maturity --db {db}' or try 'maturity --db {db} check'"},
	{[]string{"--db", "{db}.empty", "list"}, "add one with 'maturity --db {db}.empty add TITLE --domain D --level L'"},
	{[]string{"--db", "{db}", "bogus"}, "run 'maturity --help' for the list"},
	{[]string{"--db", "{db}", "model", "shwo"}, "run 'maturity model --help' for the list"},
	{[]string{"--db", "{db}", "list", "--colour"}, "(see 'maturity list --help')"},
	{[]string{"--db", "{db}", "demo"}, "run 'maturity --db {db} init --demo'"},
	{[]string{"demo"}, "run 'maturity --help' for the commands"},
}

// TestHintsNameTheCommandAsTheUserRanIt runs the binary from where `go
// run` puts the programs it builds (a go-build temporary folder, or the
// build cache since Go 1.24) and from an ordinary folder: the hints say
// "go run ." in the first two cases and "maturity" in the last.
func TestHintsNameTheCommandAsTheUserRanIt(t *testing.T) {
	t.Parallel()
	hash := strings.Repeat("0123456789abcdef", 4)
	for _, c := range []struct {
		name, dir, as string
	}{
		{"built by go run", filepath.Join("go-build1661498934", "b001", "exe"), "go run ."},
		{"cached by go run", filepath.Join("go-build", "01", hash+"-d"), "go run ."},
		{"installed", filepath.Join("home", "go", "bin"), "maturity"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), c.dir)
			if err := os.MkdirAll(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			// A link, not a copy: the program sees the path it was
			// started as, and a file just written cannot be "busy" when
			// another test's fork still holds it open.
			bin := filepath.Join(dir, filepath.Base(binary))
			if err := os.Symlink(binary, bin); err != nil {
				t.Skipf("cannot link the binary: %v", err)
			}
			rn := newRunner(t, "hints")
			db := filepath.Join(t.TempDir(), "roadmap.db")
			for _, h := range hintRuns {
				args := make([]string, len(h.args))
				for i, a := range h.args {
					args[i] = strings.ReplaceAll(a, "{db}", db)
				}
				r := rn.runBinary(bin, args...)
				want := strings.ReplaceAll(strings.ReplaceAll(h.hint, "'maturity", "'"+c.as), "{db}", db)
				if !strings.Contains(r.stderr, want) {
					t.Errorf("want stderr to hold %q\n%v", want, r)
				}
			}
		})
	}
}

// TestGoRunNamesGoRun runs the program with go run itself, as the quick
// start does, and reads its hint.
func TestGoRunNamesGoRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program once more; skipped with -short")
	}
	t.Parallel()
	goTool, root, err := toolchain()
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "roadmap.db")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goTool, "run", ".", "--db", db, "init", "--demo")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run . init --demo: %v\n%s", err, out)
	}
	if want := "open the dashboard with 'go run . --db " + db + "'"; !strings.Contains(string(out), want) {
		t.Errorf("go run . init --demo says\n%s\nwant it to hold %q", out, want)
	}
}
