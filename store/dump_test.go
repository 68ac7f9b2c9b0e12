package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// richStore is a store with everything a dump holds: a replaced model,
// assessments, initiatives in every status with dependencies, a deleted
// initiative (so the id counter is above the largest id) and history.
func richStore(t testing.TB) *Store {
	t.Helper()
	ctx := context.Background()
	s := newStore(t)
	if err := s.ReplaceModel(ctx, modelWith(t, "security")); err != nil {
		t.Fatal(err)
	}
	populate(t, s)
	if _, err := s.Assess(ctx, "governance", 1, "audits run"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Assess(ctx, "security", 2, ""); err != nil {
		t.Fatal(err)
	}
	last := mustAdd(t, s, ini("Removed at the end", "security", 1))
	if _, err := s.Delete(ctx, last.ID, Options{}); err != nil {
		t.Fatal(err)
	}
	return s
}

func dumpText(t testing.TB, s *Store) string {
	t.Helper()
	d, err := s.Dump(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteDump(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestDumpRestore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("dump, restore and dump again give the same bytes", func(t *testing.T) {
		t.Parallel()
		src := richStore(t)
		first := dumpText(t, src)
		d, m, err := ParseDump(strings.NewReader(first))
		if err != nil {
			t.Fatal(err)
		}
		dst := openAt(t, dbPath(t))
		if err := dst.Restore(ctx, d, m); err != nil {
			t.Fatal(err)
		}
		if second := dumpText(t, dst); second != first {
			t.Errorf("the second dump differs:\n first\n%s\n second\n%s", first, second)
		}
		if a, b := exportCSV(t, mustLoad(t, src)), exportCSV(t, mustLoad(t, dst)); a != b {
			t.Errorf("the restored roadmap differs:\n%s\n%s", a, b)
		}
		// The id counter came along: no id is reused.
		next := mustAdd(t, dst, ini("After the restore", "automation", 1))
		if want := mustAdd(t, src, ini("After the restore", "automation", 1)); next.ID != want.ID {
			t.Errorf("next id after the restore %d, want %d", next.ID, want.ID)
		}
	})

	t.Run("a restore is refused into a database that is not empty", func(t *testing.T) {
		t.Parallel()
		d, m, err := ParseDump(strings.NewReader(dumpText(t, richStore(t))))
		if err != nil {
			t.Fatal(err)
		}
		dst := newStore(t)
		mustAdd(t, dst, ini("Already here", "automation", 1))
		before, r0 := snapshot(t, dst), mustLoad(t, dst)
		wantErr(t, dst.Restore(ctx, d, m), "only be restored into an empty database")
		unchanged(t, dst, before, r0)
	})

	t.Run("a restore that fails midway writes nothing", func(t *testing.T) {
		t.Parallel()
		d, m, err := ParseDump(strings.NewReader(dumpText(t, richStore(t))))
		if err != nil {
			t.Fatal(err)
		}
		dst := openAt(t, dbPath(t))
		mustExec(t, dst.db, `CREATE TRIGGER refuse BEFORE INSERT ON history WHEN NEW.action = 'delete'
			BEGIN SELECT RAISE(ABORT, 'history refused'); END`)
		before := snapshot(t, dst)
		wantErr(t, dst.Restore(ctx, d, m), "history refused")
		unchanged(t, dst, before, nil)
		if in := mustAdd(t, dst, ini("First", "automation", 1)); in.ID != 1 {
			t.Errorf("first id after the failed restore %d, want 1", in.ID)
		}
	})

	t.Run("a dump of a new database restores to a new database", func(t *testing.T) {
		t.Parallel()
		text := dumpText(t, newStore(t))
		d, m, err := ParseDump(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		dst := openAt(t, dbPath(t))
		if err := dst.Restore(ctx, d, m); err != nil {
			t.Fatal(err)
		}
		if got := dumpText(t, dst); got != text {
			t.Errorf("\n got\n%s\n want\n%s", got, text)
		}
	})
}

func TestParseDumpRefuses(t *testing.T) {
	t.Parallel()
	valid := dumpText(t, richStore(t))
	cases := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"text that is not JSON", func(string) string { return "id,title\n" }, "not valid JSON"},
		{"JSON with an unknown field", func(s string) string { return strings.Replace(s, `"format"`, `"colour": 1, "format"`, 1) }, "unknown field"},
		{"another format", func(s string) string { return strings.Replace(s, `"maturity-dump"`, `"other"`, 1) }, "not a maturity dump"},
		{"a newer version", func(s string) string { return strings.Replace(s, `"version": 1,`, `"version": 2,`, 1) }, "dump version 2"},
		{"data after the end", func(s string) string { return s + "{}" }, "data after its end"},
		{"a dependency on an unknown initiative", func(s string) string {
			return strings.Replace(s, "\"depends_on\": [\n        1\n      ]", "\"depends_on\": [\n        77\n      ]", 1)
		}, "unknown initiative #77"},
		{"an unknown history action", func(s string) string { return strings.Replace(s, `"action": "create"`, `"action": "teleport"`, 1) }, `unknown action "teleport"`},
		{"an id counter below the largest id", func(s string) string {
			return strings.Replace(s, `"last_initiative_id": 10`, `"last_initiative_id": 2`, 1)
		}, "below the largest"},
		{"an invalid time", func(s string) string { return strings.Replace(s, `"at": "2026`, `"at": "yesterday 2026`, 1) }, "invalid time"},
		{"a time beyond what the database can hold", func(s string) string {
			return strings.Replace(s, `"created": "2026`, `"created": "3026`, 1)
		}, "out of range"},
		{"a time before what the database can hold", func(s string) string { return strings.Replace(s, `"at": "2026`, `"at": "1026`, 1) }, "out of range"},
	}
	for _, tc := range cases {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			t.Parallel()
			text := tc.edit(valid)
			if text == valid {
				t.Fatal("the edit did not change the dump")
			}
			_, _, err := ParseDump(strings.NewReader(text))
			wantErr(t, err, tc.want)
		})
	}
}

func TestBackup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("writes a private copy that opens as the same roadmap", func(t *testing.T) {
		t.Parallel()
		s := richStore(t)
		path := filepath.Join(t.TempDir(), "backup.db")
		if err := s.Backup(ctx, path, false); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("the backup has mode %o, want 600", st.Mode().Perm())
		}
		b := openAt(t, path)
		if got, want := dumpText(t, b), dumpText(t, s); got != want {
			t.Errorf("the backup's dump differs")
		}
	})

	t.Run("an existing file is refused unless forced, then replaced", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustAdd(t, s, ini("In the backup", "automation", 1))
		path := filepath.Join(t.TempDir(), "backup.db")
		if err := os.WriteFile(path, []byte("precious"), 0o600); err != nil {
			t.Fatal(err)
		}
		wantErr(t, s.Backup(ctx, path, false), "exists")
		if got, _ := os.ReadFile(path); string(got) != "precious" {
			t.Fatalf("the file changed to %q", got)
		}
		if err := s.Backup(ctx, path, true); err != nil {
			t.Fatal(err)
		}
		if r := mustLoad(t, openAt(t, path)); len(r.Initiatives) != 1 {
			t.Errorf("the replaced backup has %d initiatives", len(r.Initiatives))
		}
		entries, _ := os.ReadDir(filepath.Dir(path))
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("a temporary file was left: %s", e.Name())
			}
		}
	})

	t.Run("the database itself and a folder are refused", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		before := fileHash(t, s.Path())
		wantErr(t, s.Backup(ctx, s.Path(), true), "it is the database itself")
		if fileHash(t, s.Path()) != before {
			t.Errorf("the database changed")
		}
		wantErr(t, s.Backup(ctx, t.TempDir(), true), "is a folder")
	})

	t.Run("a backup can be taken while another store writes", func(t *testing.T) {
		t.Parallel()
		path := dbPath(t)
		a, b := openAt(t, path), openAt(t, path)
		mustAdd(t, a, ini("Before", "automation", 1))
		done := make(chan error)
		go func() {
			var err error
			for i := 0; i < 20 && err == nil; i++ {
				_, err = b.Add(ctx, ini("During", "automation", 1))
			}
			done <- err
		}()
		out := filepath.Join(t.TempDir(), "backup.db")
		if err := a.Backup(ctx, out, false); err != nil {
			t.Error(err)
		}
		if err := <-done; err != nil {
			t.Errorf("a write during the backup: %v", err)
		}
		n := len(mustLoad(t, openAt(t, out)).Initiatives)
		if n < 1 || n > 21 {
			t.Errorf("the backup has %d initiatives", n)
		}
	})
}
