package store

import (
	"context"
	"errors"
	"fmt"
	"math"

	"maturity/roadmap"
)

// bulkRows is the number of new rows from which an import rebuilds the
// level index once instead of updating it row by row.
const bulkRows = 5000

// errDryRun rolls back a dry-run import.
var errDryRun = errors.New("dry run")

// ImportOptions say how an import runs.
type ImportOptions struct {
	roadmap.ImportOptions
	// DryRun validates the rows and reports what would change, and
	// writes nothing.
	DryRun bool
}

// Import applies a parsed roadmap CSV held in memory; see ImportRows.
func (s *Store) Import(ctx context.Context, imp *roadmap.CSVImport, dryRun bool) (*roadmap.ImportPlan, error) {
	return s.ImportRows(ctx, imp.Source(), ImportOptions{DryRun: dryRun})
}

// ImportRows applies a roadmap CSV in one transaction: all rows or none
// (see roadmap.PlanImport for the rules). The rows are read from src
// inside the transaction, one at a time, so that the plan is made on the
// roadmap as it is when the import writes.
func (s *Store) ImportRows(ctx context.Context, src roadmap.RowSource, opts ImportOptions) (*roadmap.ImportPlan, error) {
	var plan *roadmap.ImportPlan
	err := s.write(ctx, func(t *txn) error {
		r, err := t.roadmap()
		if err != nil {
			return err
		}
		if plan, err = r.PlanImport(src, opts.ImportOptions); err != nil {
			return err
		}
		if opts.DryRun {
			return errDryRun
		}
		const reason = "import"
		// New rows go in batches. Rows with ids first, so that rows without
		// one cannot take an id that a later row names; the store numbers
		// those after the largest id so far, as AUTOINCREMENT would.
		var maxID int64
		if err := t.tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'initiatives'`).Scan(&maxID); err != nil {
			return dbError(err)
		}
		for _, in := range plan.Create {
			maxID = max(maxID, in.ID)
		}
		// A big import fills the level index once at the end, which is
		// several times faster than keeping it sorted row by row.
		if len(plan.Create) >= bulkRows {
			if _, err := t.exec(`DROP INDEX initiatives_by_level`); err != nil {
				return err
			}
		}
		rows := t.newBatch("initiatives", "id", "title", "description", "domain", "level", "quarter", "status",
			"owner", "effort", "version", "created_at", "updated_at", "done_at")
		history := t.newBatch("history", "at", "actor", "initiative_id", "action", "new", "reason")
		deps := t.newBatch("dependencies", "initiative_id", "depends_on")
		at := formatTime(t.at)
		for pass := 0; pass < 2; pass++ {
			for _, in := range plan.Create {
				if (pass == 0) != (in.ID != 0) {
					continue
				}
				if in.ID == 0 {
					if maxID == math.MaxInt64 {
						return fmt.Errorf("no id is left for a row without one: the file or the database uses #%d", maxID)
					}
					maxID++
					in.ID = maxID
				}
				done := int64(0)
				if in.Status == roadmap.Done {
					// When it was finished, if the caller knows; else now.
					done = at
					if !in.DoneAt.IsZero() {
						done = formatTime(in.DoneAt)
					}
				}
				// A row keeps the version its file gives, so that the file
				// exported again is the same.
				if err := rows.add(in.ID, in.Title, in.Description, in.Domain, in.Level, in.Quarter.String(), string(in.Status),
					in.Owner, effortValue(in.Effort), max(in.Version, 1), at, at, done); err != nil {
					return err
				}
				if err := history.add(at, t.actor, in.ID, ActionCreate, in.Title, reason); err != nil {
					return err
				}
			}
		}
		if err := rows.flush(); err != nil {
			return err
		}
		// Dependencies once every row exists, as they may point forward.
		for _, in := range plan.Create {
			for _, d := range in.DependsOn {
				if err := deps.add(in.ID, d); err != nil {
					return err
				}
			}
		}
		if err := deps.flush(); err != nil {
			return err
		}
		if err := history.flush(); err != nil {
			return err
		}
		for _, c := range plan.Update {
			if _, err := t.update(*c.Old, *c.New, ActionEdit, reason); err != nil {
				return err
			}
		}
		if len(plan.Create) >= bulkRows {
			_, err := t.exec(levelIndex)
			return err
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return plan, err
}
