package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"maturity/roadmap"
)

// TestWritesToADeletedOrReplacedFileAreRefused: SQLite keeps writing into
// the file it has open, so a store whose file was deleted, or had another
// moved over it, would report changes that are lost on close. Each write
// and each poll compares the path's device and inode with the open file.
func TestWritesToADeletedOrReplacedFileAreRefused(t *testing.T) {
	ctx := context.Background()

	t.Run("deleted", func(t *testing.T) {
		path := dbPath(t)
		s := openAt(t, path)
		mustAdd(t, s, ini("Before", "automation", 1))
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				t.Fatal(err)
			}
		}
		_, err := s.Add(ctx, ini("After", "automation", 1))
		if !errors.Is(err, ErrReplaced) {
			t.Fatalf("Add after the file was deleted: %v, want ErrReplaced", err)
		}
		wantErr(t, err, "the database file "+path+" was deleted while it was open; nothing more is saved")
		if _, err := s.DataVersion(ctx); !errors.Is(err, ErrReplaced) {
			t.Errorf("DataVersion after the file was deleted: %v, want ErrReplaced", err)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the refused write made a file at the path: %v", err)
		}
	})

	t.Run("replaced by another database", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "roadmap.db")
		s := openAt(t, path)
		mustAdd(t, s, ini("Mine", "automation", 1))
		// mv other.db roadmap.db
		other := filepath.Join(dir, "other.db")
		o := openAt(t, other)
		mustAdd(t, o, ini("Theirs", "governance", 1))
		mustAdd(t, o, ini("Theirs too", "governance", 2))
		if err := o.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(other, path); err != nil {
			t.Fatal(err)
		}
		before := fileHash(t, path)
		for name, write := range map[string]func() error{
			"Add":          func() error { _, err := s.Add(ctx, ini("Lost", "automation", 1)); return err },
			"Edit":         func() error { _, err := s.Edit(ctx, 1, titlePatch("Renamed"), Options{}); return err },
			"Delete":       func() error { _, err := s.Delete(ctx, 1, Options{}); return err },
			"Assess":       func() error { _, err := s.Assess(ctx, "automation", 1, ""); return err },
			"ReplaceModel": func() error { return s.ReplaceModel(ctx, mustModel(t, s)) },
		} {
			err := write()
			if !errors.Is(err, ErrReplaced) {
				t.Errorf("%s after the file was replaced: %v, want ErrReplaced", name, err)
			}
			wantErr(t, err, "was replaced by another file while it was open; nothing more is saved")
		}
		if _, err := s.DataVersion(ctx); !errors.Is(err, ErrReplaced) {
			t.Errorf("DataVersion after the file was replaced: %v, want ErrReplaced", err)
		}
		if fileHash(t, path) != before {
			t.Error("the database moved in was changed")
		}
		// Closing empties the store's write-ahead log, which stays at the
		// path: left full, it would be read as part of the database that
		// is there now.
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
			t.Errorf("a write-ahead log of %d bytes is left at the path", st.Size())
		}
		if r := mustLoad(t, openAt(t, path)); len(r.Initiatives) != 2 || r.Initiatives[0].Title != "Theirs" {
			t.Errorf("the database at the path holds %d initiatives, want the other database's 2", len(r.Initiatives))
		}
	})

	t.Run("an untouched file is written as usual", func(t *testing.T) {
		s := newStore(t)
		mustAdd(t, s, ini("One", "automation", 1))
		if _, err := s.DataVersion(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func titlePatch(title string) (p roadmap.Patch) {
	p.Title = &title
	return p
}

func mustModel(t *testing.T, s *Store) *roadmap.Model {
	t.Helper()
	m, err := s.Model(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// BenchmarkCheckFile is what each write and each poll pays to notice a
// deleted or replaced database file: one stat.
func BenchmarkCheckFile(b *testing.B) {
	s := newStore(b)
	for b.Loop() {
		if err := s.checkFile(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAdd is one synced write, for comparison.
func BenchmarkAdd(b *testing.B) {
	s := newStore(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Add(ctx, ini("Benchmark", "automation", 1)); err != nil {
			b.Fatal(err)
		}
	}
}
