package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
	"time"

	"maturity/roadmap"
)

func TestConcurrentStores(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("two stores on one file writing at once all succeed", func(t *testing.T) {
		t.Parallel()
		path := dbPath(t)
		stores := []*Store{openAt(t, path), openAt(t, path)}
		// Per store: adds and edits in turn. SQLite's lock is not fair: a
		// store that writes back to back can hold it for its whole run
		// while the other's busy handler waits, so a run longer than the
		// busy timeout (10 s) fails on a loaded machine. 100 writes with a
		// pause between them, as people and scripts make them, stay well
		// within it even under -race at a load of 9 on 2 cores.
		const ops = 100
		var wg sync.WaitGroup
		errs := make(chan error, 2*ops)
		for w, s := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var last roadmap.Initiative
				for i := 0; i < ops; i++ {
					var err error
					if i%2 == 0 {
						last, err = s.Add(ctx, ini(fmt.Sprintf("Store %d add %d", w, i), "automation", 1+i%4))
					} else {
						last, err = s.Edit(ctx, last.ID, roadmap.Patch{Owner: ptr(fmt.Sprintf("owner %d", i))}, Options{ExpectVersion: last.Version})
					}
					if err != nil {
						errs <- fmt.Errorf("store %d op %d: %w", w, i, err)
					}
					time.Sleep(time.Millisecond)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		r := mustLoad(t, stores[0])
		if len(r.Initiatives) != ops {
			t.Errorf("%d initiatives, want %d", len(r.Initiatives), ops)
		}
		for _, in := range r.Initiatives {
			if in.Version != 2 || in.Owner == "" {
				t.Errorf("#%d: version %d, owner %q; want one edit", in.ID, in.Version, in.Owner)
			}
		}
		if n := rowCount(t, stores[1], "history"); n != 2*ops {
			t.Errorf("%d history events, want %d", n, 2*ops)
		}
		if got, want := ids(r)[ops-1], int64(ops); got != want {
			t.Errorf("largest id %d, want %d: ids are dense", got, want)
		}
	})

	t.Run("goroutines sharing one store are serialised", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		var wg sync.WaitGroup
		errs := make(chan error, 100)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 25; i++ {
					if _, err := s.Add(ctx, ini("Shared", "governance", 1)); err != nil {
						errs <- err
					}
					if _, err := s.LoadBrief(ctx); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if n := rowCount(t, s, "initiatives"); n != 100 {
			t.Errorf("%d initiatives, want 100", n)
		}
	})

	t.Run("a writer commits while another store holds a read snapshot", func(t *testing.T) {
		t.Parallel()
		path := dbPath(t)
		reader, writer := openAt(t, path), openAt(t, path)
		for i := 0; i < 10; i++ {
			mustAdd(t, writer, ini("Before", "automation", 1))
		}
		reading := make(chan struct{})
		release := make(chan struct{})
		done := make(chan error)
		go func() {
			// The same snapshot Load takes, held open until released.
			done <- reader.readTx(ctx, func(tx *sql.Tx) error {
				r, err := load(ctx, tx, full, time.Now())
				if err != nil {
					return err
				}
				close(reading)
				<-release
				again, err := load(ctx, tx, full, time.Now())
				if err != nil {
					return err
				}
				if len(r.Initiatives) != 10 || len(again.Initiatives) != 10 {
					return fmt.Errorf("the snapshot saw %d, then %d initiatives; want 10 both times", len(r.Initiatives), len(again.Initiatives))
				}
				return nil
			})
		}()
		<-reading
		for i := 0; i < 5; i++ {
			if _, err := writer.Add(ctx, ini("During", "automation", 1)); err != nil {
				t.Errorf("add while a snapshot is held: %v", err)
			}
		}
		if _, err := writer.Edit(ctx, 1, roadmap.Patch{Title: ptr("Renamed")}, Options{}); err != nil {
			t.Errorf("edit while a snapshot is held: %v", err)
		}
		close(release)
		if err := <-done; err != nil {
			t.Error(err)
		}
		r := mustLoad(t, reader)
		if len(r.Initiatives) != 15 || r.Initiatives[0].Title != "Renamed" {
			t.Errorf("after the snapshot: %d initiatives, #1 %q; want 15, Renamed", len(r.Initiatives), r.Initiatives[0].Title)
		}
	})

	t.Run("loads during writes from another store see consistent snapshots", func(t *testing.T) {
		t.Parallel()
		path := dbPath(t)
		reader, writer := openAt(t, path), openAt(t, path)
		mustAdd(t, writer, ini("Root", "automation", 1))
		const adds = 40
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var readErr error
		loads := 0
		wg.Add(1)
		go func() {
			defer wg.Done()
			prev := 0
			for {
				select {
				case <-stop:
					return
				default:
				}
				r, err := reader.Load(ctx)
				if err != nil {
					readErr = err
					return
				}
				loads++
				n := len(r.Initiatives)
				if n < prev {
					readErr = fmt.Errorf("a load saw %d initiatives after one saw %d", n, prev)
					return
				}
				prev = n
				// Each add depends on the one before: a snapshot that has an
				// initiative has what it depends on.
				for _, in := range r.Initiatives {
					for _, d := range in.DependsOn {
						if _, ok := r.Get(d); !ok {
							readErr = fmt.Errorf("#%d depends on #%d, which the snapshot lacks", in.ID, d)
							return
						}
					}
				}
			}
		}()
		for i := 2; i <= adds+1; i++ {
			if _, err := writer.Add(ctx, ini("Chain", "automation", 1, int64(i-1))); err != nil {
				t.Errorf("add %d: %v", i, err)
			}
		}
		close(stop)
		wg.Wait()
		if readErr != nil {
			t.Error(readErr)
		}
		if loads == 0 {
			t.Log("the reader did not get to load during the writes")
		}
		if n := len(mustLoad(t, reader).Initiatives); n != adds+1 {
			t.Errorf("%d initiatives, want %d", n, adds+1)
		}
	})
}

func TestDataVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := dbPath(t)
	a, b := openAt(t, path), openAt(t, path)
	version := func(s *Store) int64 {
		t.Helper()
		v, err := s.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	v0 := version(a)
	if v := version(a); v != v0 {
		t.Errorf("data_version moved from %d to %d with nothing done", v0, v)
	}

	t.Run("changes after another store commits", func(t *testing.T) {
		before := version(a)
		mustAdd(t, b, ini("From b", "automation", 1))
		if v := version(a); v == before {
			t.Errorf("data_version stayed %d after b committed", v)
		}
	})

	t.Run("does not change after reads", func(t *testing.T) {
		before := version(a)
		mustLoad(t, a)
		mustLoad(t, b)
		if _, err := b.History(ctx, HistoryFilter{}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.LoadBrief(ctx); err != nil {
			t.Fatal(err)
		}
		if v := version(a); v != before {
			t.Errorf("data_version moved from %d to %d after reads", before, v)
		}
	})

	t.Run("does not change after a refused change or a dry run elsewhere", func(t *testing.T) {
		before := version(a)
		if _, err := b.Add(ctx, ini("", "automation", 1)); err == nil {
			t.Fatal("an empty title was accepted")
		}
		if _, err := b.Import(ctx, readCSV(t, b, "title,domain,level\nNew,automation,1\n"), true); err != nil {
			t.Fatal(err)
		}
		if v := version(a); v != before {
			t.Errorf("data_version moved from %d to %d", before, v)
		}
	})

	t.Run("does not change after the store's own commits", func(t *testing.T) {
		// data_version reports other connections' commits only: a store
		// knows about its own.
		before := version(a)
		mustAdd(t, a, ini("From a", "automation", 1))
		if v := version(a); v != before {
			t.Errorf("data_version moved from %d to %d after a's own commit", before, v)
		}
		if v := version(b); v == 0 {
			t.Errorf("b's data_version is 0")
		}
	})

	t.Run("changes after each of several commits elsewhere", func(t *testing.T) {
		seen := map[int64]bool{version(a): true}
		for i := 0; i < 3; i++ {
			if _, err := b.Assess(ctx, "automation", i, ""); err != nil {
				t.Fatal(err)
			}
			v := version(a)
			if seen[v] {
				t.Errorf("commit %d: data_version %d seen before", i, v)
			}
			seen[v] = true
		}
	})
}
