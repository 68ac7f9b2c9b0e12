package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"maturity/roadmap"
)

func TestLoad(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("returns every field as stored", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		in := roadmap.Initiative{
			Title: "Adopt Argo CD", Description: "Line one\nLine two", Domain: "automation", Level: 3,
			Quarter: roadmap.Quarter{Year: 2027, Q: 1}, Owner: "platform", Effort: roadmap.Effort{Value: 0, Set: true},
		}
		a := mustAdd(t, s, in)
		r := mustLoad(t, s)
		if len(r.Initiatives) != 1 {
			t.Fatalf("%d initiatives", len(r.Initiatives))
		}
		got := r.Initiatives[0]
		want := in
		want.ID, want.Status, want.Version, want.Created, want.Updated = a.ID, roadmap.Planned, 1, t0, t0
		want.DependsOn = []int64{}
		got.DependsOn = []int64{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("\n got  %+v\n want %+v", got, want)
		}
		if !got.Effort.Set {
			t.Errorf("an effort of 0 came back unset")
		}
	})

	t.Run("an initiative without effort has it unset", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustAdd(t, s, ini("Templates", "standardization", 1))
		if e := mustLoad(t, s).Initiatives[0].Effort; e.Set {
			t.Errorf("effort %+v, want unset", e)
		}
	})

	t.Run("LoadBrief has the same levels and warnings, without the descriptive fields", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		populate(t, s)
		if _, err := s.Assess(ctx, "governance", 1, "audits run"); err != nil {
			t.Fatal(err)
		}
		full := mustLoad(t, s)
		brief, err := s.LoadBrief(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Initiatives) != len(brief.Initiatives) || len(full.Initiatives) == 0 {
			t.Fatalf("full has %d initiatives, brief %d", len(full.Initiatives), len(brief.Initiatives))
		}
		descriptive := 0
		for i := range full.Initiatives {
			f, b := full.Initiatives[i], brief.Initiatives[i]
			if b.Description != "" || b.Owner != "" || b.Effort.Set || !b.Created.IsZero() || !b.Updated.IsZero() || !b.DoneAt.IsZero() {
				t.Errorf("brief #%d has descriptive fields: %+v", b.ID, b)
			}
			if f.Description != "" || f.Owner != "" || f.Effort.Set {
				descriptive++
			}
			// What the calculations use is the same.
			f.Description, f.Owner, f.Effort, f.Created, f.Updated, f.DoneAt = "", "", roadmap.Effort{}, time.Time{}, time.Time{}, time.Time{}
			if !reflect.DeepEqual(f, b) {
				t.Errorf("#%d:\n full  %+v\n brief %+v", f.ID, f, b)
			}
		}
		if descriptive == 0 {
			t.Fatal("the test data has no descriptive fields to leave out")
		}
		if !reflect.DeepEqual(full.Baseline, brief.Baseline) {
			t.Errorf("baseline: full %v, brief %v", full.Baseline, brief.Baseline)
		}
		if !reflect.DeepEqual(full.Levels(), brief.Levels()) {
			t.Errorf("levels: full %v, brief %v", full.Levels(), brief.Levels())
		}
		if !reflect.DeepEqual(full.State(), brief.State()) {
			t.Errorf("state: full %+v, brief %+v", full.State(), brief.State())
		}
		fw, bw := full.Check(today), brief.Check(today)
		if len(fw) == 0 {
			t.Fatal("the test data has no warnings to compare")
		}
		if len(fw) != len(bw) {
			t.Fatalf("full has %d warnings, brief %d", len(fw), len(bw))
		}
		for i := range fw {
			if fw[i].Code != bw[i].Code || fw[i].Severity != bw[i].Severity || fw[i].Subject != bw[i].Subject || fw[i].Message() != bw[i].Message() {
				t.Errorf("warning %d: full %s %q, brief %s %q", i, fw[i].Code, fw[i].Message(), bw[i].Code, bw[i].Message())
			}
		}
		now := full.Levels()
		for i := range full.Initiatives {
			if full.Ready(&full.Initiatives[i], now) != brief.Ready(&brief.Initiatives[i], now) {
				t.Errorf("#%d: readiness differs", full.Initiatives[i].ID)
			}
		}
	})

	t.Run("dependencies are attached to the right initiatives across gaps in the ids", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		for i := 0; i < 6; i++ {
			mustAdd(t, s, ini("Initiative", "automation", 1))
		}
		for _, id := range []int64{1, 3, 4} {
			if _, err := s.Delete(ctx, id, Options{}); err != nil {
				t.Fatal(err)
			}
		}
		mustAdd(t, s, ini("Seven", "automation", 2, 6, 2))
		if _, err := s.Edit(ctx, 5, roadmap.Patch{AddDeps: []int64{2}}, Options{}); err != nil {
			t.Fatal(err)
		}
		for _, load := range []func(context.Context) (*roadmap.Roadmap, error){s.Load, s.LoadBrief} {
			r, err := load(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := map[int64][]int64{}
			for _, in := range r.Initiatives {
				got[in.ID] = in.DependsOn
			}
			want := map[int64][]int64{2: nil, 5: {2}, 6: nil, 7: {2, 6}}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("dependencies %v, want %v", got, want)
			}
		}
	})

	t.Run("a model in the database that does not parse is reported", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustExec(t, s.db, `UPDATE model SET document = 'stages: [oops'`)
		_, err := s.Load(ctx)
		wantErr(t, err, "the model stored in the database is invalid")
		_, err = s.Add(ctx, ini("X", "automation", 1))
		wantErr(t, err, "the model stored in the database is invalid")
	})

	t.Run("a cancelled context stops a load", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustAdd(t, s, ini("X", "automation", 1))
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := s.Load(cctx); err == nil {
			t.Error("Load with a cancelled context succeeded")
		}
		if _, err := s.Add(cctx, ini("Y", "automation", 1)); err == nil {
			t.Error("Add with a cancelled context succeeded")
		}
		// The store still works afterwards.
		if r := mustLoad(t, s); len(r.Initiatives) != 1 {
			t.Errorf("%d initiatives, want 1", len(r.Initiatives))
		}
		mustAdd(t, s, ini("Z", "automation", 1))
	})
}
