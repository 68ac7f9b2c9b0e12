package roadmap

import (
	"fmt"
	"testing"
)

func TestNewSortsAndIndexes(t *testing.T) {
	r := newRoadmap(nil, ini(3, "automation", 1, Planned, ""), ini(1, "governance", 1, Planned, ""), ini(2, "automation", 2, Planned, ""))
	var ids []int64
	for _, in := range r.Initiatives {
		ids = append(ids, in.ID)
	}
	mustEqual(t, "ids", ids, []int64{1, 2, 3})
	t.Run("an initiative is found by id", func(t *testing.T) {
		in, ok := r.Get(2)
		if !ok || in.Domain != "automation" || in.Level != 2 {
			t.Fatalf("Get(2) = %+v, %v", in, ok)
		}
		if _, err := r.Find(2); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a missing id is reported", func(t *testing.T) {
		if _, ok := r.Get(9); ok {
			t.Error("Get(9) found something")
		}
		if _, err := r.Find(9); errText(err) != "no initiative #9" {
			t.Errorf("Find(9) error = %v", err)
		}
	})
	t.Run("a nil baseline is an empty map", func(t *testing.T) {
		if r.Baseline == nil {
			t.Error("Baseline is nil")
		}
	})
}

func TestDependents(t *testing.T) {
	r := newRoadmap(nil,
		ini(1, "standardization", 1, Planned, ""),
		ini(2, "automation", 1, Planned, "", 1),
		ini(3, "automation", 2, Planned, "", 1, 2),
		ini(4, "automation", 3, Planned, "", 3),
	)
	mustEqual(t, "Dependents(1)", r.Dependents(1), []int64{2, 3})
	mustEqual(t, "Dependents(3)", r.Dependents(3), []int64{4})
	mustEqual(t, "Dependents(4)", r.Dependents(4), []int64(nil))
}

func TestCheckDependencies(t *testing.T) {
	// 1 ← 2 ← 3 ← 4 (4 depends on 3, and so on), and 5 on its own.
	r := newRoadmap(nil,
		ini(1, "standardization", 1, Planned, ""),
		ini(2, "standardization", 2, Planned, "", 1),
		ini(3, "automation", 1, Planned, "", 2),
		ini(4, "automation", 2, Planned, "", 3),
		ini(5, "governance", 1, Planned, "", 99), // a stale dependency is walked past
	)
	tests := []struct {
		name string
		id   int64
		deps []int64
		err  string
	}{
		{name: "depending on an earlier link of the chain is fine", id: 4, deps: []int64{1, 2}},
		{name: "no dependencies are fine", id: 1},
		{name: "a new initiative may depend on anything that exists", id: 0, deps: []int64{4, 5}},
		{name: "depending on an initiative with a stale dependency is fine", id: 1, deps: []int64{5}},
		{name: "depending on itself is refused", id: 2, deps: []int64{1, 2}, err: "#2 cannot depend on itself"},
		{name: "depending on an unknown initiative is refused", id: 2, deps: []int64{42}, err: "#2 depends on unknown initiative #42"},
		{name: "a new initiative's unknown dependency is named without an id of its own", id: 0, deps: []int64{42}, err: "depends on unknown initiative #42"},
		{name: "a direct cycle is refused and named", id: 1, deps: []int64{2}, err: "#1 cannot depend on #2: that would make a cycle (#1 → #2 → #1)"},
		{name: "a long cycle is refused and named in full", id: 1, deps: []int64{5, 4},
			err: "#1 cannot depend on #4: that would make a cycle (#1 → #4 → #3 → #2 → #1)"},
		{name: "a cycle through the middle is refused", id: 2, deps: []int64{4},
			err: "#2 cannot depend on #4: that would make a cycle (#2 → #4 → #3 → #2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := r.CheckDependencies(tt.id, tt.deps); !errIs(err, tt.err) {
				t.Fatalf("CheckDependencies(%d, %v) = %v, want %q", tt.id, tt.deps, err, tt.err)
			}
		})
	}
}

func TestFindCycle(t *testing.T) {
	tests := []struct {
		name string
		ins  []Initiative
		want []int64
	}{
		{name: "a graph without cycles has none", ins: []Initiative{
			ini(1, "automation", 1, Planned, ""), ini(2, "automation", 1, Planned, "", 1), ini(3, "automation", 1, Planned, "", 1, 2)}},
		{name: "a two-step cycle is found with its first id repeated", ins: []Initiative{
			ini(1, "automation", 1, Planned, "", 2), ini(2, "automation", 1, Planned, "", 1)}, want: []int64{1, 2, 1}},
		{name: "only the ids on the cycle are given", ins: []Initiative{
			ini(1, "automation", 1, Planned, "", 2), ini(2, "automation", 1, Planned, "", 3),
			ini(3, "automation", 1, Planned, "", 4), ini(4, "automation", 1, Planned, "", 2)}, want: []int64{2, 3, 4, 2}},
		{name: "unknown ids are ignored", ins: []Initiative{ini(1, "automation", 1, Planned, "", 7)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustEqual(t, "findCycle", newRoadmap(nil, tt.ins...).findCycle(), tt.want)
		})
	}
	t.Run("a chain of 100k initiatives does not overflow", func(t *testing.T) {
		ins := make([]Initiative, 100000)
		for i := range ins {
			ins[i] = Initiative{ID: int64(i + 1), Domain: "automation", Level: 1}
			if i > 0 {
				ins[i].DependsOn = []int64{int64(i)}
			}
		}
		ins[0].DependsOn = []int64{100000}
		cyc := newRoadmap(nil, ins...).findCycle()
		if len(cyc) != 100001 || cyc[0] != cyc[len(cyc)-1] {
			t.Fatalf("cycle of %d ids", len(cyc))
		}
	})
}

func TestSorted(t *testing.T) {
	r := newRoadmap(nil,
		ini(1, "observability", 1, Planned, ""),
		ini(2, "automation", 2, Planned, "2026-Q2"),
		ini(3, "automation", 1, Planned, "2026-Q2"),
		ini(4, "standardization", 4, Planned, "2026-Q2"),
		ini(5, "security", 1, Planned, "2026-Q2"),
		ini(6, "automation", 1, Planned, "2026-Q2"),
		ini(7, "governance", 1, Planned, "2025-Q4"),
		ini(8, "standardization", 1, Planned, ""),
	)
	var got []string
	for _, in := range r.Sorted() {
		got = append(got, fmt.Sprintf("#%d", in.ID))
	}
	// By quarter (backlog last), domain in model order (unknown last),
	// level, id.
	mustEqual(t, "Sorted", got, []string{"#7", "#4", "#3", "#6", "#2", "#5", "#8", "#1"})
}

func TestPutAndRemove(t *testing.T) {
	r := newRoadmap(nil, ini(2, "automation", 1, Planned, ""), ini(4, "automation", 1, Planned, ""))
	ids := func() []int64 {
		var out []int64
		for _, in := range r.Initiatives {
			out = append(out, in.ID)
		}
		return out
	}
	t.Run("putting a new highest id appends it", func(t *testing.T) {
		r.Put(ini(5, "governance", 1, Planned, ""))
		mustEqual(t, "ids", ids(), []int64{2, 4, 5})
		if in, ok := r.Get(5); !ok || in.Domain != "governance" {
			t.Fatalf("Get(5) = %+v, %v", in, ok)
		}
	})
	t.Run("putting a lower id keeps the order and the index", func(t *testing.T) {
		r.Put(ini(3, "observability", 1, Planned, ""))
		mustEqual(t, "ids", ids(), []int64{2, 3, 4, 5})
		for _, id := range []int64{2, 3, 4, 5} {
			if in, ok := r.Get(id); !ok || in.ID != id {
				t.Fatalf("Get(%d) = %+v, %v", id, in, ok)
			}
		}
	})
	t.Run("putting an existing id replaces it", func(t *testing.T) {
		r.Put(ini(4, "standardization", 3, Done, ""))
		mustEqual(t, "ids", ids(), []int64{2, 3, 4, 5})
		if in, _ := r.Get(4); in.Domain != "standardization" || in.Status != Done {
			t.Fatalf("Get(4) = %+v", in)
		}
	})
	t.Run("removing an id keeps the index", func(t *testing.T) {
		r.Remove(3)
		mustEqual(t, "ids", ids(), []int64{2, 4, 5})
		if _, ok := r.Get(3); ok {
			t.Error("Get(3) after Remove")
		}
		if in, ok := r.Get(5); !ok || in.ID != 5 {
			t.Fatalf("Get(5) = %+v, %v", in, ok)
		}
	})
	t.Run("removing an unknown id does nothing", func(t *testing.T) {
		r.Remove(42)
		mustEqual(t, "ids", ids(), []int64{2, 4, 5})
	})
	t.Run("levels follow a put", func(t *testing.T) {
		r := newRoadmap(nil)
		r.Put(ini(1, "standardization", 1, Done, ""))
		mustEqual(t, "Levels", r.Levels(), lv(1, 0, 0, 0))
	})
}
