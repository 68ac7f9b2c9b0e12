package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"maturity/roadmap"
)

// Version names a state of the database as one Store sees it: every
// commit, through this store or through any other connection, gives a new
// one, and a version never comes back. Compare versions with ==; they
// have no order.
type Version struct {
	// Data is PRAGMA data_version on the store's connection: it changes
	// when another connection commits.
	Data int64
	// Writes counts the commits made through this store, which do not
	// change Data.
	Writes int64
}

// Version returns the version of the database now.
func (s *Store) Version(ctx context.Context) (Version, error) {
	var v Version
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = readVersion(ctx, tx, s)
		return err
	})
	return v, err
}

// readVersion reads the version inside a transaction, which holds the
// store's only connection: no commit of this store can come in between.
func readVersion(ctx context.Context, tx *sql.Tx, s *Store) (Version, error) {
	v := Version{Writes: s.writes.Load()}
	return v, dbError(tx.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v.Data))
}

// Change is what one committed write changed, from the transaction that
// made it. A caller that holds the roadmap as of Before has the roadmap
// as of After once it puts in Initiatives and takes out Deleted, provided
// the change is RowsOnly.
type Change struct {
	// Before is the version the write started from; After the one its
	// commit made.
	Before, After Version
	// Initiatives are those the write created or changed, read back as
	// committed (every field), in id order.
	Initiatives []roadmap.Initiative
	// Deleted are the ids of those it deleted, in order.
	Deleted []int64
	// Model is set when the write replaced the model, Assessments when it
	// recorded an assessment, an answer or a metric value.
	Model, Assessments bool
	// Capacity is set when the write changed a capacity figure.
	Capacity bool
	// Bulk is set when the write changed initiatives wholesale (an import,
	// a restore) or more than a few hundred of them: they are not listed.
	Bulk bool
}

// RowsOnly reports whether the change is its initiatives and deletions
// and nothing else: no model, assessment, capacity or bulk change, which
// only reading the roadmap again shows.
func (c *Change) RowsOnly() bool { return !c.Model && !c.Assessments && !c.Capacity && !c.Bulk }

// maxListed is the most initiatives a Change lists; a write that touches
// more is Bulk.
const maxListed = 500

type changeKey struct{}

// WithChange returns a context under which each write of the store that
// commits reports what it changed in *ch, as net/http/httptrace reports
// to a context: the operations keep their signatures, and every write,
// whichever operation makes it, reports through the one place all of them
// pass. A write that fails leaves *ch as it was.
func WithChange(ctx context.Context, ch *Change) context.Context {
	return context.WithValue(ctx, changeKey{}, ch)
}

// changeOf returns the Change a context asks for, or nil.
func changeOf(ctx context.Context) *Change {
	ch, _ := ctx.Value(changeKey{}).(*Change)
	return ch
}

// touch notes that the transaction wrote or deleted the initiative id.
func (t *txn) touch(id int64) { t.touched = append(t.touched, id) }

// report fills ch with what the transaction changed: the initiatives it
// touched, read back as they now are (or found gone), and its flags.
func (t *txn) report(ch *Change) error {
	ch.Model, ch.Assessments, ch.Capacity, ch.Bulk = t.modelChanged, t.assessed, t.capacity, t.bulk
	ids := slices.Compact(slices.Sorted(slices.Values(t.touched)))
	if len(ids) > maxListed {
		ch.Bulk = true
	}
	if ch.Bulk {
		return nil
	}
	for _, id := range ids {
		in, found, err := t.row(id)
		var bad *BadRowError
		switch {
		case errors.As(err, &bad):
			// A row the write left broken: only a read of the roadmap
			// names it.
			ch.Bulk, ch.Initiatives, ch.Deleted = true, nil, nil
			return nil
		case err != nil:
			return err
		case !found:
			ch.Deleted = append(ch.Deleted, id)
		default:
			ch.Initiatives = append(ch.Initiatives, in)
		}
	}
	return nil
}
