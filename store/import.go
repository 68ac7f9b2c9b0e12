package store

import (
	"context"
	"errors"
	"fmt"

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
	// DryRun validates every row and reports what would change, and
	// writes nothing.
	DryRun bool
	// Changes, when set, is told of each change as it is found, in file
	// order (a dry run lists them with roadmap.ChangeList). The ids of new
	// rows without one are 0 there: the store numbers them at the end.
	Changes roadmap.ImportSink
}

// Import applies a parsed roadmap CSV held in memory (see ImportRows) and
// returns its changes.
func (s *Store) Import(ctx context.Context, imp *roadmap.CSVImport, dryRun bool) (*roadmap.ImportPlan, error) {
	plan := &roadmap.ImportPlan{}
	counts, err := s.ImportRows(ctx, imp.Source(), ImportOptions{DryRun: dryRun, Changes: plan.Sink()})
	if err != nil {
		return nil, err
	}
	plan.ImportCounts = counts
	return plan, nil
}

// ImportRows applies a roadmap CSV in one transaction: all rows or none
// (see roadmap.StreamImport for the rules). The rows are read from src
// inside the transaction and written as they come, so that an import of
// any size holds little more than the roadmap in memory; a problem found
// at any row, or at the end (an unknown dependency, a cycle), rolls back
// everything.
func (s *Store) ImportRows(ctx context.Context, src roadmap.RowSource, opts ImportOptions) (roadmap.ImportCounts, error) {
	var counts roadmap.ImportCounts
	err := s.write(ctx, ImportAccess, func(t *txn) error {
		t.bulk = true
		r, err := t.roadmap()
		if err != nil {
			return err
		}
		var sink roadmap.ImportSink = noChanges{}
		if opts.Changes != nil {
			sink = opts.Changes
		}
		var w *importWriter
		if !opts.DryRun {
			if w, err = newImportWriter(t, opts.Changes); err != nil {
				return err
			}
			sink = w
		}
		if counts, err = r.StreamImport(src, opts.ImportOptions, sink); err != nil {
			return err
		}
		if opts.DryRun {
			return errDryRun
		}
		return w.finish()
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return counts, err
}

// noChanges is the sink of a dry run that lists nothing.
type noChanges struct{}

func (noChanges) Create(int, *roadmap.Initiative) error { return nil }
func (noChanges) Update(roadmap.Change) error           { return nil }

// importWriter writes an import's changes as StreamImport finds them, in
// batches. New rows with an id are inserted at once; rows without one
// wait for the end of the file, so that they cannot take an id that a
// later row names: they are numbered after the largest id so far, as
// AUTOINCREMENT would. Dependencies may point to rows further down the
// file, so foreign keys are checked at commit.
type importWriter struct {
	t                   *txn
	also                roadmap.ImportSink
	rows, history, deps *batch
	at                  int64
	maxID               int64                // the largest id so far: the id counter's, then each new row's
	waiting             []roadmap.Initiative // new rows without an id
	created             int
	bulk                bool // the level index was dropped, to be built once at the end
}

const importReason = "import"

func newImportWriter(t *txn, also roadmap.ImportSink) (*importWriter, error) {
	w := &importWriter{
		t:    t,
		also: also,
		rows: t.newBatch("initiatives", "id", "title", "description", "domain", "level", "quarter", "status",
			"owner", "effort", "version", "created_at", "updated_at", "done_at"),
		history: t.newBatch("history", "at", "actor", "initiative_id", "action", "new", "reason"),
		deps:    t.newBatch("dependencies", "initiative_id", "depends_on"),
		at:      formatTime(t.at),
	}
	if _, err := t.exec(`PRAGMA defer_foreign_keys = ON`); err != nil {
		return nil, err
	}
	if err := t.tx.QueryRowContext(t.ctx, `SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'initiatives'`).Scan(&w.maxID); err != nil {
		return nil, dbError(err)
	}
	return w, nil
}

// Create inserts a new row with an id, and keeps one without for the end.
func (w *importWriter) Create(line int, in *roadmap.Initiative) error {
	if w.also != nil {
		if err := w.also.Create(line, in); err != nil {
			return err
		}
	}
	if in.ID == 0 {
		w.waiting = append(w.waiting, *in)
		return nil
	}
	w.maxID = max(w.maxID, in.ID)
	return w.insert(in)
}

// Update writes a change and its history.
func (w *importWriter) Update(c roadmap.Change) error {
	if w.also != nil {
		if err := w.also.Update(c); err != nil {
			return err
		}
	}
	_, err := w.t.update(*c.Old, *c.New, ActionEdit, importReason)
	return err
}

func (w *importWriter) insert(in *roadmap.Initiative) error {
	w.created++
	// A big import fills the level index once at the end, which is
	// several times faster than keeping it sorted row by row.
	if w.created == bulkRows {
		if _, err := w.t.exec(`DROP INDEX initiatives_by_level`); err != nil {
			return err
		}
		w.bulk = true
	}
	done := int64(0)
	if in.Status == roadmap.Done {
		// When it was finished, if the caller knows; else now.
		done = w.at
		if !in.DoneAt.IsZero() {
			done = formatTime(in.DoneAt)
		}
	}
	// A row keeps the version its file gives, so that the file exported
	// again is the same.
	if err := w.rows.add(in.ID, in.Title, in.Description, in.Domain, in.Level, in.Quarter.String(), string(in.Status),
		in.Owner, effortValue(in.Effort), max(in.Version, 1), w.at, w.at, done); err != nil {
		return err
	}
	if err := w.history.add(w.at, w.t.actor, in.ID, ActionCreate, in.Title, importReason); err != nil {
		return err
	}
	for _, d := range in.DependsOn {
		if err := w.deps.add(in.ID, d); err != nil {
			return err
		}
	}
	return nil
}

// finish numbers and inserts the rows without an id, writes what the
// batches hold and rebuilds the level index if it was dropped.
func (w *importWriter) finish() error {
	for i := range w.waiting {
		in := &w.waiting[i]
		if w.maxID >= roadmap.MaxID {
			return fmt.Errorf("no more initiative ids for a row without one: #%d, the largest, is taken", w.maxID)
		}
		w.maxID++
		in.ID = w.maxID
		if err := w.insert(in); err != nil {
			return err
		}
	}
	for _, b := range []*batch{w.rows, w.deps, w.history} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	if w.bulk {
		_, err := w.t.exec(levelIndex)
		return err
	}
	return nil
}
