package roadmap

import (
	"fmt"
	"slices"
)

// ImportPlan is what importing a CSV changes: initiatives to create (ID 0
// means the store assigns one), initiatives to update, and how many rows
// matched an initiative exactly.
type ImportPlan struct {
	Create    []Initiative
	Update    []Change
	Unchanged int
}

// Change is an initiative before and after an update.
type Change struct {
	Old, New Initiative
}

// PlanImport merges parsed CSV rows into the roadmap without changing it: a
// row whose id exists updates that initiative (columns missing from the file
// keep their values), a row with a new id creates an initiative with that
// id, and a row without an id creates one with a new id. Every row is
// validated, dependencies must name initiatives that exist after the import,
// and the result must have no dependency cycle. The first problem fails the
// whole import with "line N: ...".
func (r *Roadmap) PlanImport(imp *CSVImport) (*ImportPlan, error) {
	plan := &ImportPlan{}
	lineOf := map[int64]int{}
	final := make([]Initiative, 0, len(r.Initiatives)+len(imp.Rows))
	replaced := map[int64]int{} // id → index in final
	for _, in := range r.Initiatives {
		replaced[in.ID] = len(final)
		final = append(final, in)
	}
	nextTemp := int64(0)
	for _, row := range imp.Rows {
		fail := func(format string, args ...any) error {
			return fmt.Errorf("line %d: "+format, append([]any{row.Line}, args...)...)
		}
		if row.HasID {
			if prev, dup := lineOf[row.Initiative.ID]; dup {
				return nil, fail("id %d appears twice (first on line %d)", row.Initiative.ID, prev)
			}
			lineOf[row.Initiative.ID] = row.Line
		}
		old, exists := Initiative{}, false
		if row.HasID {
			if o, ok := r.Get(row.Initiative.ID); ok {
				old, exists = *o, true
			}
		}
		var next Initiative
		if exists {
			next = overlay(old, row.Initiative, imp.Columns)
		} else {
			for _, c := range []string{"title", "domain", "level"} {
				if !imp.Columns[c] {
					return nil, fail("a new initiative needs a %s column", c)
				}
			}
			next = row.Initiative
			if next.Status == "" {
				next.Status = Planned
			}
		}
		next, err := next.Normalize(r.Model)
		if err != nil {
			return nil, fail("%v", err)
		}
		switch {
		case exists:
			final[replaced[next.ID]] = next
			if len(Diff(old, next)) == 0 {
				plan.Unchanged++
			} else {
				plan.Update = append(plan.Update, Change{Old: old, New: next})
			}
		default:
			if row.HasID && next.ID >= MaxID {
				return nil, fail("id %d is too large for a new initiative: at most %d, so that add can always create one more", next.ID, int64(MaxID-1))
			}
			plan.Create = append(plan.Create, next)
			if !row.HasID {
				// A stand-in id, below every real one, so the cycle check
				// sees the row; nothing can depend on it.
				nextTemp--
				next.ID = nextTemp
			}
			final = append(final, next)
		}
	}

	after := New(r.Model, r.Baseline, final)
	lineOfRow := func(id int64) int { return lineOf[id] }
	for _, row := range imp.Rows {
		if !imp.Columns["depends_on"] {
			break
		}
		for _, d := range row.Initiative.DependsOn {
			if _, ok := after.Get(d); !ok || d < 1 {
				return nil, fmt.Errorf("line %d: depends on unknown initiative #%d", row.Line, d)
			}
		}
	}
	if cyc := after.findCycle(); cyc != nil {
		line := 0
		for _, id := range cyc {
			if l := lineOfRow(id); l > 0 && (line == 0 || l < line) {
				line = l
			}
		}
		return nil, at(line, "dependency cycle: %s", cycleText(cyc))
	}
	return plan, nil
}

// overlay copies the fields whose columns are present from row onto old.
func overlay(old, row Initiative, cols map[string]bool) Initiative {
	in := old
	if cols["title"] {
		in.Title = row.Title
	}
	if cols["description"] {
		in.Description = row.Description
	}
	if cols["domain"] {
		in.Domain = row.Domain
	}
	if cols["level"] {
		in.Level = row.Level
	}
	if cols["quarter"] {
		in.Quarter = row.Quarter
	}
	if cols["status"] {
		in.Status = row.Status
	}
	if cols["owner"] {
		in.Owner = row.Owner
	}
	if cols["effort"] {
		in.Effort = row.Effort
	}
	if cols["depends_on"] {
		in.DependsOn = slices.Clone(row.DependsOn)
	}
	return in
}
