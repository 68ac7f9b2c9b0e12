package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The databases a bad-input case runs against.
const (
	onRoadmap  = iota // a small roadmap: the default
	onEmpty           // a database with no initiatives, where a good dump would restore
	onText            // --db names a text file
	onForeign         // --db names another application's SQLite database
	onFolder          // --db names a folder
	onReadOnly        // a read-only database file in a writable folder
	onLocked          // a read-only database file in a read-only folder
)

// badCase is one command line with bad input, and the exit status it must
// end with: 1 for a bad value, 2 for wrong usage.
type badCase struct {
	name  string
	args  []string // after --db; {in} is the folder of input files, {dir} the case's own folder
	stdin string
	code  int
	on    int
}

// TestBadInputIsRefusedCleanly feeds every command every kind of bad value
// and shows that each is refused the same way: the right exit status, one
// line on stderr that starts "maturity: " and carries no raw control
// characters, no panic, and nothing changed: neither the database (by the
// hash of its complete dump) nor any file around it.
func TestBadInputIsRefusedCleanly(t *testing.T) {
	t.Parallel()
	rn := newRunner(t, "bad-input")
	fixtures := t.TempDir()
	roadmapDB := filepath.Join(fixtures, "roadmap.db")
	makeBadInputRoadmap(t, rn, roadmapDB)
	emptyDB := filepath.Join(fixtures, "empty.db")
	rn.must(t, "--db", emptyDB, "init")
	in := filepath.Join(fixtures, "in")
	writeBadInputFiles(t, rn, roadmapDB, in)
	hashes := map[int]string{onRoadmap: dumpHash(t, rn, roadmapDB), onEmpty: dumpHash(t, rn, emptyDB)}
	hashes[onReadOnly] = hashes[onRoadmap]

	cases := badCases()
	var ran atomic.Int64
	t.Run("cases", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				db := prepareBadInputDB(t, c.on, dir, roadmapDB, emptyDB)
				// Something to refuse to overwrite, and a folder where a file
				// is wanted.
				if err := os.WriteFile(filepath.Join(dir, "existing.db"), []byte("keep me\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
					t.Fatal(err)
				}
				before := snapshot(t, dir, db)
				args := []string{"--db", db}
				for _, a := range c.args {
					args = append(args, strings.NewReplacer("{in}", in, "{dir}", dir).Replace(a))
				}
				crn := *rn
				crn.stdin = c.stdin
				r := crn.run(args...)
				ran.Add(1)

				if r.code != c.code {
					t.Errorf("exit status %d, want %d\n%v", r.code, c.code, r)
				}
				lines := stderrLines(r.stderr)
				if len(lines) != 1 || !strings.HasPrefix(lines[0], "maturity: ") {
					t.Errorf("want exactly one line on stderr starting \"maturity: \"\n%v", r)
				}
				if bad := unprintable(r.stderr); bad != "" {
					t.Errorf("stderr holds %s: %q", bad, r.stderr)
				}
				for _, s := range []string{r.stdout, r.stderr} {
					if strings.Contains(s, "panic") || strings.Contains(s, "goroutine ") {
						t.Errorf("the program crashed\n%v", r)
					}
				}
				if after := snapshot(t, dir, db); after != before {
					t.Errorf("files changed:\nbefore:\n%s\nafter:\n%s", before, after)
				}
				// -short trusts the files' bytes above; a change a
				// command committed but left in the write-ahead log shows
				// only in the dump, which the full run compares too.
				if want, ok := hashes[c.on]; ok && !testing.Short() {
					if got := dumpHash(t, rn, db); got != want {
						t.Errorf("the database changed (its dump differs)")
					}
				}
			})
		}
	})
	byCode := map[int]int{}
	for _, c := range cases {
		byCode[c.code]++
	}
	t.Logf("%d bad-input cases run (%d bad values, exit 1; %d wrong usages, exit 2)", ran.Load(), byCode[1], byCode[2])
}

// unprintable names what in s could not be shown safely on a terminal:
// invalid UTF-8, or a control character other than the final newline.
func unprintable(s string) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for _, r := range strings.TrimSuffix(s, "\n") {
		if unicode.IsControl(r) && r != '\n' {
			return fmt.Sprintf("control character %U", r)
		}
	}
	return ""
}

// snapshot lists every file in dir with a hash of its contents, except the
// -wal and -shm files SQLite keeps next to db while it is open.
func snapshot(t *testing.T, dir, db string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path == db+"-wal" || path == db+"-shm" {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			lines = append(lines, rel+"/")
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		lines = append(lines, fmt.Sprintf("%s %d %s", rel, len(data), hex.EncodeToString(sum[:8])))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// prepareBadInputDB puts the database a case runs against in dir and
// returns the path to give as --db.
func prepareBadInputDB(t *testing.T, on int, dir, roadmapDB, emptyDB string) string {
	t.Helper()
	db := filepath.Join(dir, "roadmap.db")
	switch on {
	case onRoadmap, onReadOnly:
		copyFile(t, roadmapDB, db)
	case onEmpty:
		copyFile(t, emptyDB, db)
	case onText:
		if err := os.WriteFile(db, []byte("id,title\n1,not a database\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	case onForeign:
		other := openSQL(t, db)
		if _, err := other.Exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')`); err != nil {
			t.Fatal(err)
		}
		other.Close()
	case onFolder:
		if err := os.Mkdir(db, 0o700); err != nil {
			t.Fatal(err)
		}
	case onLocked:
		locked := filepath.Join(dir, "locked")
		if err := os.Mkdir(locked, 0o700); err != nil {
			t.Fatal(err)
		}
		db = filepath.Join(locked, "roadmap.db")
		copyFile(t, roadmapDB, db)
		makeReadOnly(t, db, locked)
	}
	if on == onReadOnly {
		makeReadOnly(t, db)
	}
	return db
}

// makeReadOnly takes write permission from the given files and folders.
// Root ignores permissions; there it marks them immutable (chattr +i),
// which binds root too, and skips the test when that is not possible.
func makeReadOnly(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		mode := os.FileMode(0o444)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			mode = 0o555
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, p := range paths {
			os.Chmod(p, 0o700)
		}
	})
	if !writable(paths[0]) {
		return
	}
	chattr, err := exec.LookPath("chattr")
	if err != nil {
		t.Skip("running as root, where file permissions do not apply, and without chattr to make the database immutable")
	}
	t.Cleanup(func() {
		exec.Command(chattr, append([]string{"-i"}, paths...)...).Run()
	})
	if out, err := exec.Command(chattr, append([]string{"+i"}, paths...)...).CombinedOutput(); err != nil {
		t.Skipf("running as root, where file permissions do not apply, and chattr +i failed: %v %s", err, out)
	}
	if writable(paths[0]) {
		t.Skip("running as root, where file permissions do not apply, and chattr +i did not make the file read-only")
	}
}

// writable probes whether path can be opened for writing.
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return !errors.Is(err, fs.ErrPermission)
	}
	f.Close()
	return true
}

// makeBadInputRoadmap fills the roadmap the cases run against:
//
//	#1 standardization 1, planned      #2 automation 1, depends on #1
//	#3 observability 1, done           #4 automation 3, planned (its prerequisites are unmet)
//	#5 governance 1, dropped           governance assessed at 1
func makeBadInputRoadmap(t *testing.T, rn *runner, db string) {
	for _, args := range [][]string{
		{"add", "Version-control everything", "--domain", "standardization", "--level", "1", "--quarter", "2026-Q2", "--owner", "alice", "--effort", "3"},
		{"add", "Scripted provisioning", "--domain", "automation", "--level", "1", "--quarter", "2026-Q3", "--depends-on", "1"},
		{"add", "Metrics everywhere", "--domain", "observability", "--level", "1"},
		{"add", "Self-service portal", "--domain", "automation", "--level", "3", "--quarter", "2027-Q2"},
		{"add", "Dropped idea", "--domain", "governance", "--level", "1"},
		{"done", "3"},
		{"drop", "5"},
		{"assess", "governance", "1", "--note", "audits"},
	} {
		rn.must(t, append([]string{"--db", db}, args...)...)
	}
}
