package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnEmptyDatabaseFileIsRefused gives every command a 0-byte --db file
// (a truncated copy, a mistyped path made by touch): each refuses it with
// one line saying what it is and that init sets it up, and leaves it 0
// bytes with nothing next to it. init then makes it a database.
func TestAnEmptyDatabaseFileIsRefused(t *testing.T) {
	rn := newRunner(t, "empty-file")
	in := t.TempDir()
	csv := filepath.Join(in, "good.csv")
	if err := os.WriteFile(csv, []byte("title,domain,level\nAudits,governance,1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(in, "model.yaml")
	if err := os.WriteFile(model, []byte(rn.must(t, "--db", filepath.Join(in, "m.db"), "model", "export").stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	commands := [][]string{
		{"list"}, {"show", "1"}, {"levels"}, {"levels", "--history"}, {"plan"}, {"check"}, {"log"},
		{"export"}, {"export", "--format", "json"}, {"export", "--format", "markdown"},
		{"import", csv}, {"import", "--dry-run", csv},
		{"add", "T", "--domain", "automation", "--level", "1"}, {"edit", "1", "--owner", "x"},
		{"move", "1", "backlog"}, {"start", "1"}, {"done", "1"}, {"drop", "1"}, {"reopen", "1"},
		{"rm", "1"}, {"depend", "1", "--on", "2"}, {"assess", "governance", "1"},
		{"backup", filepath.Join(in, "backup.db")}, {"model", "show"}, {"model", "export"}, {"model", "import", model},
	}
	for _, args := range commands {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "roadmap.db")
			if err := os.WriteFile(db, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			r := rn.run(append([]string{"--db", db}, args...)...)
			want := "maturity: " + db + " is an empty file, not a maturity database; nothing was changed ('maturity init' sets up an empty file as a new database)\n"
			if r.code != 1 || r.stderr != want || r.stdout != "" {
				t.Errorf("want exit 1 and %q\n%v", want, r)
			}
			if es := listDir(t, dir); len(es) != 1 {
				t.Errorf("the folder holds %d files, want only the database", len(es))
			}
			if st, err := os.Stat(db); err != nil || st.Size() != 0 {
				t.Errorf("the file changed: %v", err)
			}
		})
	}

	t.Run("init sets it up", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "roadmap.db")
		if err := os.WriteFile(db, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if r := rn.must(t, "--db", db, "init"); r.stdout != db+"\n" {
			t.Errorf("init printed %q", r.stdout)
		}
		rn.must(t, "--db", db, "add", "T", "--domain", "automation", "--level", "1")
		if d := readDump(t, rn, db); len(d.Initiatives) != 1 {
			t.Errorf("%d initiatives after init and add", len(d.Initiatives))
		}
	})
}
