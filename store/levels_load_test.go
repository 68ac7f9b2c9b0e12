package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"maturity/roadmap"
)

// LoadLevels, which asks an index a level at a time, gives the levels that
// the whole roadmap gives: now, and at the end of quarters before, during
// and after the times the initiatives were done (an initiative done at or
// after the end counts as unfinished), after random writes of every kind.
func TestLoadLevelsIsTheWholeRoadmapsLevels(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			s.Today = func() time.Time { return t0 }
			rng := rand.New(rand.NewPCG(seed, 21))
			randomWrites(t, s, rng, 150)
			// Most of the work done (levels are reached only when all of
			// theirs is), at times spread over three years.
			db := rawDB(t, s.Path())
			mustExec(t, db, fmt.Sprintf(`UPDATE initiatives SET status = 'done' WHERE status IN ('planned', 'in-progress') AND (id * %d) %% 10 < 8`, 3+seed))
			r := mustLoad(t, s)
			for _, in := range r.Initiatives {
				if in.Status == roadmap.Done {
					at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(3*365*24)) * time.Hour)
					mustExec(t, db, fmt.Sprintf(`UPDATE initiatives SET done_at = %d WHERE id = %d`, at.UnixNano(), in.ID))
				}
			}
			r = mustLoad(t, s)
			e, err := s.LoadEvidence(ctx)
			if err != nil {
				t.Fatal(err)
			}
			ats := []roadmap.AsOf{roadmap.AsOfToday(t0)}
			for q := (roadmap.Quarter{Year: 2024, Q: 4}); q.Year < 2028; q = q.Next() {
				ats = append(ats, roadmap.AsOfEnd(q))
			}
			for _, at := range ats {
				lv, err := s.LoadLevels(ctx, at)
				if err != nil {
					t.Fatal(err)
				}
				ins := slices.Clone(r.Initiatives)
				if !at.Until.IsZero() {
					for i := range ins {
						if ins[i].Status == roadmap.Done && !ins[i].DoneAt.Before(at.Until) {
							ins[i].Status = roadmap.InProgress
						}
					}
				}
				want := roadmap.New(r.Model, e.At(at).Baselines(), ins).Levels()
				if !slices.Equal(lv.Reached, want) {
					t.Errorf("as of %+v: LoadLevels gives %v, the whole roadmap %v", at, lv.Reached, want)
				}
			}
		})
	}
}

// A status edited by hand at a level LoadLevels asks about is named, not
// taken for another.
func TestLoadLevelsNamesAStatusEditedByHand(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	in := mustAdd(t, s, ini("Hand edited", "standardization", 1))
	db := rawDB(t, s.Path())
	mustExec(t, db, `PRAGMA ignore_check_constraints = ON`, fmt.Sprintf(`UPDATE initiatives SET status = 'finished' WHERE id = %d`, in.ID))
	_, err := s.LoadLevels(context.Background(), roadmap.AsOfToday(t0))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("#%d", in.ID)) || !strings.Contains(err.Error(), "status") {
		t.Errorf("LoadLevels: %v, want an error naming #%d and its status", err, in.ID)
	}
}

// Migration 4 gives a database of schema 3 the index LoadLevels asks, and
// the levels read through it are those of the roadmap.
func TestMigration4AddsTheDoneIndex(t *testing.T) {
	t.Parallel()
	path := dbPath(t)
	s := openAt(t, path)
	mustAdd(t, s, ini("Done", "standardization", 1))
	s.Close()
	db := rawDB(t, path)
	mustExec(t, db, `UPDATE initiatives SET status = 'done', done_at = 1`, `DROP INDEX initiatives_done_by_level`, `PRAGMA user_version = 3`)
	db.Close()
	s = openAt(t, path)
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'initiatives_done_by_level'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("after the upgrade the index is there %d times (%v), want once", n, err)
	}
	if v := pragma(t, s, "user_version"); v != int64(len(migrations)) {
		t.Errorf("user_version %d, want %d", v, len(migrations))
	}
	lv, err := s.LoadLevels(context.Background(), roadmap.AsOfEnd(roadmap.Quarter{Year: 2026, Q: 2}))
	if err != nil {
		t.Fatal(err)
	}
	if lv.Reached[0] != 1 {
		t.Errorf("standardization reached %d, want 1 from the done initiative", lv.Reached[0])
	}
}
