package roadmap

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

func ptr[T any](v T) *T { return &v }

func TestPatchApply(t *testing.T) {
	base := Initiative{ID: 7, Title: "Adopt Argo CD", Domain: "automation", Level: 3, Status: InProgress,
		Quarter: qtr("2026-Q3"), Owner: "sre", DependsOn: []int64{2, 5}}
	with := func(f func(*Initiative)) Initiative {
		in := base
		in.DependsOn = append([]int64(nil), base.DependsOn...)
		f(&in)
		return in
	}
	tests := []struct {
		name  string
		patch Patch
		want  Initiative
		empty bool
	}{
		{name: "an empty patch changes nothing", patch: Patch{}, want: base, empty: true},
		{name: "the title is replaced", patch: Patch{Title: ptr("Adopt Flux")},
			want: with(func(in *Initiative) { in.Title = "Adopt Flux" })},
		{name: "text fields can be cleared", patch: Patch{Owner: ptr(""), Description: ptr("")},
			want: with(func(in *Initiative) { in.Owner = "" })},
		{name: "domain and level are replaced", patch: Patch{Domain: ptr("governance"), Level: ptr(2)},
			want: with(func(in *Initiative) { in.Domain, in.Level = "governance", 2 })},
		{name: "the quarter can move to the backlog", patch: Patch{Quarter: ptr(Backlog)},
			want: with(func(in *Initiative) { in.Quarter = Backlog })},
		{name: "the effort is set", patch: Patch{Effort: ptr(Effort{2.5, true})},
			want: with(func(in *Initiative) { in.Effort = Effort{2.5, true} })},
		{name: "dependencies are added in order without duplicates", patch: Patch{AddDeps: []int64{9, 1, 5}},
			want: with(func(in *Initiative) { in.DependsOn = []int64{1, 2, 5, 9} })},
		{name: "dependencies are removed", patch: Patch{RemoveDeps: []int64{5, 8}},
			want: with(func(in *Initiative) { in.DependsOn = []int64{2} })},
		{name: "dependencies are replaced, then added to and removed from", patch: Patch{DependsOn: ptr([]int64{4, 3}), AddDeps: []int64{6}, RemoveDeps: []int64{3}},
			want: with(func(in *Initiative) { in.DependsOn = []int64{4, 6} })},
		{name: "dependencies can be cleared", patch: Patch{DependsOn: ptr([]int64{})},
			want: with(func(in *Initiative) { in.DependsOn = []int64{} })},
		{name: "removing wins over adding the same id", patch: Patch{AddDeps: []int64{3}, RemoveDeps: []int64{3}},
			want: base},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.patch.Empty() != tt.empty {
				t.Errorf("Empty() = %v, want %v", tt.patch.Empty(), tt.empty)
			}
			orig := with(func(*Initiative) {})
			got := tt.patch.Apply(orig)
			if len(got.DependsOn) == 0 && len(tt.want.DependsOn) == 0 {
				got.DependsOn, tt.want.DependsOn = nil, nil
			}
			mustEqual(t, "Apply", got, tt.want)
			mustEqual(t, "the original's dependencies", orig.DependsOn, base.DependsOn)
		})
	}
	t.Run("a patch does not keep the caller's dependency slice", func(t *testing.T) {
		deps := []int64{3, 1}
		got := Patch{DependsOn: &deps}.Apply(base)
		got.DependsOn[0] = 99
		mustEqual(t, "deps", deps, []int64{3, 1})
	})
}

func TestDiff(t *testing.T) {
	old := Initiative{ID: 7, Title: "Adopt Argo CD", Domain: "automation", Level: 3, Status: Planned,
		Quarter: qtr("2026-Q3"), DependsOn: []int64{2, 5}, Version: 3}
	tests := []struct {
		name string
		new  Initiative
		want []FieldChange
	}{
		{name: "equal initiatives have no changes", new: old},
		{name: "version and timestamps are not fields", new: func() Initiative { n := old; n.Version = 9; n.Updated = n.Updated.AddDate(1, 0, 0); return n }()},
		{name: "every field is listed in a fixed order", new: Initiative{ID: 7, Title: "Adopt Flux", Description: "why",
			Domain: "governance", Level: 2, Status: Done, Owner: "sre", Effort: Effort{1.5, true}, DependsOn: []int64{2}},
			want: []FieldChange{
				{"title", "Adopt Argo CD", "Adopt Flux"},
				{"description", "", "why"},
				{"domain", "automation", "governance"},
				{"level", "3", "2"},
				{"quarter", "2026-Q3", ""},
				{"status", "planned", "done"},
				{"owner", "", "sre"},
				{"effort", "", "1.5"},
				{"depends_on", "2,5", "2"},
			}},
		{name: "level 0 is written empty", new: func() Initiative { n := old; n.Level = 0; return n }(),
			want: []FieldChange{{"level", "3", ""}}},
		{name: "nil and empty dependencies are equal", new: func() Initiative { n := old; n.DependsOn = nil; return n }(),
			want: []FieldChange{{"depends_on", "2,5", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustEqual(t, "Diff", Diff(old, tt.new), tt.want)
		})
	}
	t.Run("nil and empty dependency lists do not differ", func(t *testing.T) {
		a, b := old, old
		a.DependsOn, b.DependsOn = nil, []int64{}
		if d := Diff(a, b); d != nil {
			t.Errorf("Diff = %v", d)
		}
	})
}

// With gives what New gives for the same initiatives, and leaves the
// roadmap it starts from as it was.
func TestWithIsNew(t *testing.T) {
	for seed := range uint64(60) {
		rng := rand.New(rand.NewPCG(seed, 13))
		r := randomPlan(rng, 2+rng.IntN(40), 1+rng.IntN(6))
		if rng.IntN(3) == 0 {
			// A dependency on an id to come (a database edited by hand).
			ins := slices.Clone(r.Initiatives)
			ins[0].DependsOn = append(slices.Clone(ins[0].DependsOn), ins[len(ins)-1].ID+1)
			r = New(r.Model, r.Baseline, ins)
		}
		before := New(r.Model, r.Baseline, slices.Clone(r.Initiatives))
		var put []Initiative
		var remove []int64
		for range 1 + rng.IntN(3) {
			in := r.Initiatives[rng.IntN(len(r.Initiatives))]
			switch rng.IntN(5) {
			case 0:
				remove = append(remove, in.ID)
				continue
			case 1:
				in.ID = r.Initiatives[len(r.Initiatives)-1].ID + 1 + int64(rng.IntN(3)) // new
			case 2:
				in.DependsOn = append(slices.Clone(in.DependsOn), r.Initiatives[0].ID)
			}
			in.Status = Done
			in.Domain = testModel.Domains[rng.IntN(len(testModel.Domains))].Key
			put = append(put, in)
		}
		got := r.With(put, remove)
		want := New(r.Model, r.Baseline, slices.Clone(r.Initiatives))
		for _, in := range put {
			want.Put(in)
		}
		for _, id := range remove {
			want.Remove(id)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: With differs from New:\n got %+v\nwant %+v", seed, got, want)
		}
		// The new roadmap is its own: changing it leaves r alone.
		got.Put(Initiative{ID: 1 << 40, Title: "New", Domain: "automation", Level: 1})
		got.Put(Initiative{ID: r.Initiatives[0].ID, Title: "Changed", Domain: "governance", Level: 2})
		if !reflect.DeepEqual(r, before) {
			t.Fatalf("seed %d: With, or a change of its result, changed the roadmap it started from", seed)
		}
	}
}

// Reorder is Order, whatever changed, and InOrder of it is Sorted.
func TestReorderIsOrder(t *testing.T) {
	for seed := range uint64(80) {
		rng := rand.New(rand.NewPCG(seed, 17))
		r := randomPlan(rng, 2+rng.IntN(80), 1+rng.IntN(6))
		var put []Initiative
		for range 1 + rng.IntN(4) {
			in := r.Initiatives[rng.IntN(len(r.Initiatives))]
			switch rng.IntN(4) {
			case 0:
				in.Quarter = Backlog
			case 1:
				in.Quarter = Quarter{Year: 2026 + rng.IntN(3), Q: 1 + rng.IntN(4)}
			case 2:
				in.Domain, in.Level = testModel.Domains[rng.IntN(len(testModel.Domains))].Key, 1+rng.IntN(MaxLevel)
			case 3:
				in.Title = "only the title"
			}
			put = append(put, in)
		}
		var remove []int64
		if rng.IntN(4) == 0 {
			remove = append(remove, r.Initiatives[rng.IntN(len(r.Initiatives))].ID)
		}
		if rng.IntN(4) == 0 {
			in := r.Initiatives[rng.IntN(len(r.Initiatives))]
			in.ID = r.Initiatives[len(r.Initiatives)-1].ID + 1 // a new one
			put = append(put, in)
		}
		next := r.With(put, remove)
		got := next.Reorder(r, r.Order())
		if want := next.Order(); !slices.Equal(got, want) {
			t.Fatalf("seed %d: Reorder %v, Order %v", seed, got, want)
		}
		// The same pointers, into next, in the same order.
		if !slices.Equal(next.InOrder(got), next.Sorted()) {
			t.Fatalf("seed %d: InOrder differs from Sorted", seed)
		}
	}
}
