package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAStaleReadOnlySharedMemoryFile reproduces what a database that was
// read-only once leaves behind: SQLite makes its -wal and -shm files with
// the database's mode, and they stay when the database is made writable
// again. Reading must still work; a change must be refused with a message
// that names the stale file and what to do; and once that is done,
// everything works again.
func TestAStaleReadOnlySharedMemoryFile(t *testing.T) {
	rn := newRunner(t, "read-only")
	dir := t.TempDir()
	db := filepath.Join(dir, "roadmap.db")
	makeBadInputRoadmap(t, rn, db)
	want := rn.must(t, "--db", db, "list").stdout

	// The database read-only: reading works, and leaves the side files.
	restore := readOnlyFor(t, db)
	if r := rn.run("--db", db, "list"); r.code != 0 || r.stdout != want {
		t.Fatalf("list on a read-only database: %v", r)
	}
	restore()
	shm := db + "-shm"
	if _, err := os.Stat(shm); err != nil {
		t.Fatalf("reading a read-only database left no -shm file: %v", err)
	}
	if writable(shm) {
		// Root: SQLite made the file with a mode root ignores. Make it
		// what anyone else is left with.
		makeReadOnly(t, shm)
	}

	for _, args := range [][]string{{"list"}, {"check"}, {"levels"}, {"show", "1"}, {"export", "--format", "json"}, {"log"}} {
		if r := rn.run(append([]string{"--db", db}, args...)...); (r.code != 0 && !(args[0] == "check" && r.code == 1)) || r.stderr != "" {
			t.Errorf("%s with a stale read-only -shm: %v", args[0], r)
		}
	}
	r := rn.run("--db", db, "add", "Blocked", "--domain", "automation", "--level", "1")
	lines := stderrLines(r.stderr)
	if r.code != 1 || len(lines) != 1 {
		t.Fatalf("add with a stale read-only -shm: %v", r)
	}
	for _, part := range []string{shm + " is read-only", "left from a time the database was read-only", "chmod u+w " + shm, "delete it"} {
		if !strings.Contains(lines[0], part) {
			t.Errorf("the message does not say %q:\n%s", part, lines[0])
		}
	}

	// Done what it says: all works again.
	undoReadOnly(t, shm)
	rn.must(t, "--db", db, "add", "Unblocked", "--domain", "automation", "--level", "1")
}

// readOnlyFor makes the database read-only (see makeReadOnly) until the
// returned function is called.
func readOnlyFor(t *testing.T, path string) func() {
	t.Helper()
	makeReadOnly(t, path)
	return func() { undoReadOnly(t, path) }
}

// undoReadOnly gives a file made read-only its write permission back.
func undoReadOnly(t *testing.T, path string) {
	t.Helper()
	if chattr, err := exec.LookPath("chattr"); err == nil && os.Geteuid() == 0 {
		exec.Command(chattr, "-i", path).Run()
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
}
