package store

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

func TestAnEmptyFileIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roadmap.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err == nil {
		s.Close()
		t.Fatal("Open took an empty file")
	}
	wantErr(t, err, path+" is an empty file, not a maturity database; nothing was changed", "'maturity init'")
	if st, err := os.Stat(path); err != nil || st.Size() != 0 {
		t.Errorf("the file changed: %v", err)
	}
	noSidecars(t, path)
}

// TestANewDatabaseIsNeverSeenHalfMade opens a new database from many
// stores at once, round after round: none may find the file empty (which
// it would refuse), and nothing but the database is left in the folder.
func TestANewDatabaseIsNeverSeenHalfMade(t *testing.T) {
	ctx := context.Background()
	for round := range 10 {
		dir := t.TempDir()
		path := filepath.Join(dir, "roadmap.db")
		var wg sync.WaitGroup
		stores := make([]*Store, 6)
		errs := make([]error, len(stores))
		for i := range stores {
			wg.Go(func() { stores[i], errs[i] = Open(ctx, path) })
		}
		// Meanwhile, look at the path: once it is there, it is whole.
		seen, stop := make(chan int64, 1), make(chan struct{})
		go func() {
			defer close(seen)
			for {
				select {
				case <-stop:
					return
				default:
				}
				if st, err := os.Stat(path); err == nil {
					seen <- st.Size()
					return
				}
				runtime.Gosched()
			}
		}()
		wg.Wait()
		close(stop)
		if n, ok := <-seen; ok && n == 0 {
			t.Errorf("round %d: the database was seen empty", round)
		}
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: Open %d: %v", round, i, err)
			}
		}
		mustAdd(t, stores[0], ini("First", "automation", 1))
		if n := len(mustLoad(t, stores[len(stores)-1]).Initiatives); n != 1 {
			t.Errorf("round %d: the last store sees %d initiatives, want the first one's", round, n)
		}
		for _, s := range stores {
			s.Close()
		}
		es, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if !strings.HasPrefix(e.Name(), "roadmap.db") {
				t.Errorf("round %d: %s is left in the folder", round, e.Name())
			}
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("round %d: the database's mode is not 0600: %v", round, err)
		}
	}
}
