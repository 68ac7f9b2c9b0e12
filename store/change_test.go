package store

import (
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"maturity/roadmap"
)

// mustVersion reads the store's version.
func mustVersion(t *testing.T, s *Store) Version {
	t.Helper()
	v, err := s.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Every commit makes a new version, whether this store or another
// connection makes it; reading makes none.
func TestVersionChangesWithEveryCommit(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	v0 := mustVersion(t, s)
	mustLoad(t, s)
	if v := mustVersion(t, s); v != v0 {
		t.Errorf("a read changed the version: %+v, then %+v", v0, v)
	}
	mustAdd(t, s, ini("Mine", "automation", 1))
	v1 := mustVersion(t, s)
	if v1 == v0 {
		t.Error("a commit of this store left the version as it was")
	}
	other := openAt(t, s.Path())
	if _, err := other.Add(ctx, ini("Theirs", "automation", 1)); err != nil {
		t.Fatal(err)
	}
	if v2 := mustVersion(t, s); v2 == v1 || v2 == v0 {
		t.Errorf("a commit of another connection: %+v, before %+v and %+v", v2, v1, v0)
	}
}

// Each write reports the initiatives it committed, read back, and the
// versions before and after it.
func TestWritesReportTheirChange(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	base := mustAdd(t, s, ini("Scripts", "standardization", 1))
	other := mustAdd(t, s, ini("Runners", "automation", 1, base.ID))
	title := "Versioned scripts"
	q := roadmap.Quarter{Year: 2027, Q: 1}
	cases := []struct {
		name    string
		op      func(ctx context.Context) error
		changed []int64
		deleted []int64
	}{
		{"add", func(ctx context.Context) error {
			_, err := s.Add(ctx, ini("Templates", "standardization", 2))
			return err
		}, []int64{3}, nil},
		{"edit", func(ctx context.Context) error {
			_, err := s.Edit(ctx, base.ID, roadmap.Patch{Title: &title, Quarter: &q}, Options{})
			return err
		}, []int64{base.ID}, nil},
		{"an edit that changes nothing", func(ctx context.Context) error {
			_, err := s.Edit(ctx, base.ID, roadmap.Patch{Title: &title}, Options{})
			return err
		}, nil, nil},
		{"status", func(ctx context.Context) error {
			_, err := s.SetStatus(ctx, base.ID, roadmap.MarkDone, Options{ExpectVersion: 2})
			return err
		}, []int64{base.ID}, nil},
		{"dependencies", func(ctx context.Context) error {
			_, err := s.Edit(ctx, other.ID, roadmap.Patch{DependsOn: &[]int64{}}, Options{})
			return err
		}, []int64{other.ID}, nil},
		{"delete", func(ctx context.Context) error { _, err := s.Delete(ctx, base.ID, Options{}); return err }, nil, []int64{base.ID}},
	}
	for _, c := range cases {
		before := mustVersion(t, s)
		var ch Change
		if err := c.op(WithChange(ctx, &ch)); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		after := mustVersion(t, s)
		if ch.Before != before || ch.After != after || !ch.RowsOnly() {
			t.Errorf("%s: change %+v, want before %+v, after %+v, rows only", c.name, ch, before, after)
		}
		r := mustLoad(t, s)
		var want []roadmap.Initiative
		for _, id := range c.changed {
			want = append(want, *must(r.Find(id)))
		}
		if !reflect.DeepEqual(ch.Initiatives, want) {
			t.Errorf("%s: reported %+v\nstored %+v", c.name, ch.Initiatives, want)
		}
		if !slices.Equal(ch.Deleted, c.deleted) {
			t.Errorf("%s: deleted %v, want %v", c.name, ch.Deleted, c.deleted)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Changes that are not rows alone say so, and a failed write reports
// nothing.
func TestChangesBeyondRows(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	in := mustAdd(t, s, ini("Scripts", "standardization", 1))

	var ch Change
	if _, err := s.Assess(WithChange(ctx, &ch), "automation", 1, ""); err != nil {
		t.Fatal(err)
	}
	if !ch.Assessments || ch.RowsOnly() {
		t.Errorf("an assessment reported %+v", ch)
	}
	ch = Change{}
	m := roadmap.DefaultModel()
	m.Domains[0].Name = "Standards"
	if err := s.ReplaceModel(WithChange(ctx, &ch), m); err != nil {
		t.Fatal(err)
	}
	if !ch.Model || ch.RowsOnly() {
		t.Errorf("a model import reported %+v", ch)
	}
	ch = Change{}
	if _, err := s.Import(WithChange(ctx, &ch), roadmap.ImportOf([]roadmap.Initiative{{Title: "Imported", Domain: "automation", Level: 1}}), false); err != nil {
		t.Fatal(err)
	}
	if !ch.Bulk || ch.RowsOnly() || len(ch.Initiatives) != 0 {
		t.Errorf("an import reported %+v", ch)
	}

	// Answers and metric values change what the levels rest on: only
	// reading the roadmap again shows them.
	ch = Change{}
	if _, err := s.Answer(WithChange(ctx, &ch), "auto-1-scripted-provisioning", "met", "make env", ""); err != nil {
		t.Fatal(err)
	}
	if !ch.Assessments || ch.RowsOnly() {
		t.Errorf("an answer reported %+v", ch)
	}
	ch = Change{}
	if _, err := s.RecordValue(WithChange(ctx, &ch), ValueInput{Metric: "change-lead-time", Quarter: roadmap.Quarter{Year: 2026, Q: 3}, Value: "2d"}); err != nil {
		t.Fatal(err)
	}
	if !ch.Assessments || ch.RowsOnly() {
		t.Errorf("a metric value reported %+v", ch)
	}

	ch = Change{Deleted: []int64{42}}
	_, err := s.SetStatus(WithChange(ctx, &ch), in.ID, roadmap.Stop, Options{})
	if err == nil {
		t.Fatal("stopping a planned initiative was accepted")
	}
	if !reflect.DeepEqual(ch, Change{Deleted: []int64{42}}) {
		t.Errorf("a failed write reported %+v", ch)
	}
}

// The roadmap as of Before, with a change's rows put in and its deletions
// taken out, is the roadmap as of After: for random writes, each through
// the same kind of call the dashboard makes.
func TestRoadmapBeforePlusChangeIsRoadmapAfter(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	s.Today = func() time.Time { return t0 } // every load judges the evidence as of the same moment
	for i := range 8 {
		mustAdd(t, s, ini("Seed", []string{"standardization", "automation", "governance", "observability"}[i%4], 1+i%3))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	r := mustLoad(t, s)
	made := 0
	for step := range 60 {
		ids := ids(r)
		id := ids[rng.IntN(len(ids))]
		var ch Change
		cctx := WithChange(ctx, &ch)
		var err error
		switch rng.IntN(5) {
		case 0:
			_, err = s.Add(cctx, ini("Added", "governance", 1+rng.IntN(4), ids[rng.IntN(len(ids))]))
		case 1:
			q := roadmap.Quarter{Year: 2026 + rng.IntN(2), Q: 1 + rng.IntN(4)}
			_, err = s.Edit(cctx, id, roadmap.Patch{Quarter: &q}, Options{})
		case 2:
			_, err = s.SetStatus(cctx, id, roadmap.Transitions[rng.IntN(len(roadmap.Transitions))], Options{Force: true, Reason: "test"})
		case 3:
			_, err = s.Edit(cctx, id, roadmap.Patch{AddDeps: []int64{ids[rng.IntN(len(ids))]}}, Options{})
		case 4:
			_, err = s.Delete(cctx, id, Options{})
		}
		after := mustLoad(t, s)
		if err != nil {
			if !reflect.DeepEqual(after, r) {
				t.Fatalf("step %d: a refused write (%v) changed the roadmap", step, err)
			}
			continue
		}
		if !ch.RowsOnly() {
			t.Fatalf("step %d: %+v is not rows only", step, ch)
		}
		if got := r.With(ch.Initiatives, ch.Deleted); !reflect.DeepEqual(got, after) {
			t.Fatalf("step %d: before plus the change is not after:\n got %+v\nwant %+v", step, got.Initiatives, after.Initiatives)
		}
		r = after
		made++
	}
	if made < 20 {
		t.Errorf("only %d of the random writes were made", made)
	}
}
