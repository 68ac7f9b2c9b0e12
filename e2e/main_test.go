// Package e2e holds the proof tests: they run the real maturity binary as
// separate processes, kill it, race it against itself and feed it bad
// input, then look inside the database to show that nothing was lost or
// half-written.
package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"maturity/store"
)

// binary is the maturity executable that TestMain builds once, and
// dbcheck the helper that looks inside a database file (testdata/dbcheck).
var binary, dbcheck string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "maturity-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "maturity")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	goTool, root, err := toolchain()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	// Built without -race even under 'go test -race': the children are the
	// program as shipped, and the race detector would only slow them down.
	// The same environment as the test's own build, so the build cache
	// serves it.
	dbcheck = filepath.Join(dir, "dbcheck"+filepath.Ext(binary))
	builds := [][2]string{{binary, "."}, {dbcheck, "./e2e/testdata/dbcheck"}}
	failed := make(chan string, len(builds))
	for _, b := range builds {
		go func() {
			build := exec.Command(goTool, "build", "-o", b[0], b[1])
			build.Dir = root
			if out, err := build.CombinedOutput(); err != nil {
				failed <- fmt.Sprintf("e2e: go build %s: %v\n%s", b[1], err, out)
				return
			}
			failed <- ""
		}()
	}
	ok := true
	for range builds {
		if msg := <-failed; msg != "" {
			fmt.Fprint(os.Stderr, msg)
			ok = false
		}
	}
	if !ok {
		return 1
	}
	return m.Run()
}

// toolchain finds the go command and the module root (the folder of the
// go.mod that holds this package).
func toolchain() (goTool, root string, err error) {
	goTool, err = exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	out, err := exec.Command(goTool, "env", "GOMOD").Output()
	if err != nil {
		return "", "", fmt.Errorf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", "", fmt.Errorf("go env GOMOD: not inside the module")
	}
	return goTool, filepath.Dir(gomod), nil
}

// result is what one run of the binary did.
type result struct {
	args   []string
	code   int
	stdout string
	stderr string
}

func (r result) String() string {
	return fmt.Sprintf("maturity %q: exit %d\nstdout:\n%s\nstderr:\n%s", r.args, r.code, clip(r.stdout), clip(r.stderr))
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// runner runs the binary with a fixed environment: no terminal, a private
// HOME, and the given user for the history.
type runner struct {
	env   []string
	stdin string
}

func newRunner(t testing.TB, user string) *runner {
	home := t.TempDir()
	env := []string{
		"HOME=" + home,
		"XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"MATURITY_USER=" + user,
		"PATH=" + os.Getenv("PATH"),
		"TZ=UTC",
		"LANG=C.UTF-8",
	}
	return &runner{env: env}
}

// run runs the binary to completion. A process that does not end within
// half a minute gets SIGQUIT, which makes a Go program print every
// goroutine's stack and exit: a hang fails the test, with its cause.
func (rn *runner) run(args ...string) result {
	return rn.runBinary(binary, args...)
}

// runBinary is run with another copy of the binary.
func (rn *runner) runBinary(bin string, args ...string) result {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(sigquit) }
	cmd.WaitDelay = 10 * time.Second
	cmd.Env = rn.env
	cmd.Stdin = strings.NewReader(rn.stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{args: args, stdout: out.String(), stderr: errb.String()}
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			r.code = ee.ExitCode()
		} else {
			r.code = -1
			r.stderr += "\n(e2e: " + err.Error() + ")"
		}
	}
	return r
}

// must runs the binary and fails the test unless it exits 0.
func (rn *runner) must(t testing.TB, args ...string) result {
	t.Helper()
	r := rn.run(args...)
	if r.code != 0 {
		t.Fatalf("unexpected failure: %v", r)
	}
	return r
}

// dumpHash is a hash of the complete JSON dump of the database: model,
// assessments, initiatives, history and id counter. Two equal hashes mean
// two equal databases, whatever SQLite did with its files.
func dumpHash(t testing.TB, rn *runner, db string) string {
	t.Helper()
	r := rn.must(t, "--db", db, "export", "--format", "json")
	sum := sha256.Sum256([]byte(r.stdout))
	return hex.EncodeToString(sum[:])
}

// readDump reads the database through 'export --format json' and parses it
// with the store's own validation.
func readDump(t testing.TB, rn *runner, db string) *store.Dump {
	t.Helper()
	r := rn.must(t, "--db", db, "export", "--format", "json")
	d, _, err := store.ParseDump(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatalf("the dump does not parse: %v", err)
	}
	return d
}

// openSQL opens a database file directly, as SQLite, for looking inside.
func openSQL(t testing.TB, path string) *sql.DB {
	t.Helper()
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}).String())
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

// copyFile copies src to dst with mode 0600.
func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// stderrLines splits stderr into its lines, without the final newline.
func stderrLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
