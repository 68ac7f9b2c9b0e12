package roadmap

import "testing"

// TestDeleteBlocked: the refusal names every initiative that depends on
// the one to delete, with the verb agreeing; none, none.
func TestDeleteBlocked(t *testing.T) {
	r := newRoadmap(nil,
		titled(ini(1, "automation", 1, Planned, "2026-Q4"), "Base"),
		titled(ini(2, "automation", 1, Planned, "2026-Q4", 1), "Uses base"),
		titled(ini(3, "automation", 2, Planned, "2026-Q4", 1, 2), "Also uses base"),
	)
	get := func(id int64) *Initiative { in, _ := r.Get(id); return in }
	mustEqual(t, "#1", r.DeleteBlocked(get(1)),
		`cannot delete #1 "Base": #2 "Uses base" and #3 "Also uses base" depend on it; remove those dependencies first`)
	mustEqual(t, "#2", r.DeleteBlocked(get(2)),
		`cannot delete #2 "Uses base": #3 "Also uses base" depends on it; remove those dependencies first`)
	mustEqual(t, "#3", r.DeleteBlocked(get(3)), "")
}
