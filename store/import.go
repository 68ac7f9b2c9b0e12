package store

import (
	"context"
	"errors"

	"maturity/roadmap"
)

// errDryRun rolls back a dry-run import.
var errDryRun = errors.New("dry run")

// Import applies a parsed roadmap CSV in one transaction: all rows or none
// (see roadmap.PlanImport for the rules). With dryRun it validates and
// reports what would change, and writes nothing.
func (s *Store) Import(ctx context.Context, imp *roadmap.CSVImport, dryRun bool) (*roadmap.ImportPlan, error) {
	var plan *roadmap.ImportPlan
	err := s.write(ctx, func(t *txn) error {
		r, err := t.roadmap()
		if err != nil {
			return err
		}
		if plan, err = r.PlanImport(imp); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		const reason = "import"
		// Rows with ids first, so that rows without one cannot take an id
		// that a later row names.
		created := make([]roadmap.Initiative, 0, len(plan.Create))
		for pass := 0; pass < 2; pass++ {
			for _, in := range plan.Create {
				if (pass == 0) != (in.ID != 0) {
					continue
				}
				if in.ID, err = t.insert(in); err != nil {
					return err
				}
				if err := t.record(Event{Initiative: in.ID, Action: ActionCreate, New: in.Title, Reason: reason}); err != nil {
					return err
				}
				created = append(created, in)
			}
		}
		// Dependencies once every row exists, as they may point forward.
		for _, in := range created {
			if err := t.setDependencies(in.ID, in.DependsOn); err != nil {
				return err
			}
		}
		for _, c := range plan.Update {
			if _, err := t.update(c.Old, c.New, ActionEdit, reason); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return plan, err
}
