package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"maturity/roadmap"
)

// txn is one write transaction with what operations need: the time of the
// change, the actor, and the roadmap as this transaction sees it, loaded
// only when an operation needs all of it.
type txn struct {
	ctx   context.Context
	tx    *sql.Tx
	at    time.Time
	today time.Time // the day the evidence is judged as of
	actor string
	r     *roadmap.Roadmap // every field, loaded by roadmap
	m     *roadmap.Model
	stmts map[string]*sql.Stmt

	// What the transaction changed, for a Change: the initiatives it
	// wrote or deleted, and whether it changed the model, assessments, or
	// initiatives in bulk.
	touched                      []int64
	modelChanged, assessed, bulk bool
	capacity                     bool // a capacity figure changed
}

// exec runs a statement, prepared once per transaction: imports run the
// same few statements a hundred thousand times.
func (t *txn) exec(query string, args ...any) (sql.Result, error) {
	st, err := t.prepare(query)
	if err != nil {
		return nil, err
	}
	res, err := st.ExecContext(t.ctx, args...)
	return res, dbError(err)
}

// prepare returns the statement of query, prepared on first use in this
// transaction.
func (t *txn) prepare(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, query)
	if err != nil {
		return nil, dbError(err)
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

// write runs fn in one immediate transaction: every change goes through
// it. Just before the commit it makes sure that the database file is still
// the one the store opened; if it was deleted or replaced meanwhile, the
// change is rolled back with ErrReplaced rather than committed to a file
// nobody will read again.
//
// Every commit counts in the store's Version; a context made by
// WithChange gets the Change the commit made.
func (s *Store) write(ctx context.Context, fn func(t *txn) error) error {
	rec := changeOf(ctx)
	var ch Change
	err := s.tx(ctx, func(tx *sql.Tx) error {
		t := &txn{ctx: ctx, tx: tx, at: s.now(), today: s.today(), actor: s.Actor}
		defer func() {
			for _, st := range t.stmts {
				st.Close()
			}
		}()
		if rec != nil {
			var err error
			if ch.Before, err = readVersion(ctx, tx, s); err != nil {
				return err
			}
		}
		if err := fn(t); err != nil {
			return err
		}
		if rec != nil {
			if err := t.report(&ch); err != nil {
				return err
			}
		}
		if err := s.checkFile(); err != nil {
			return err
		}
		// Counted before the commit, while this transaction still holds
		// the only connection: no read can see the change under the
		// version before it. A commit that then fails only costs a
		// reader a needless reload.
		s.writes.Add(1)
		return nil
	})
	if errors.Is(err, ErrReplaced) {
		s.retire()
	}
	if err == nil && rec != nil {
		ch.After = Version{Data: ch.Before.Data, Writes: ch.Before.Writes + 1}
		*rec = ch
	}
	return err
}

func (t *txn) model() (*roadmap.Model, error) {
	if t.r != nil {
		return t.r.Model, nil
	}
	if t.m == nil {
		m, err := loadModel(t.ctx, t.tx)
		if err != nil {
			return nil, err
		}
		t.m = m
	}
	return t.m, nil
}

// roadmap returns the whole roadmap, every field of every initiative.
func (t *txn) roadmap() (*roadmap.Roadmap, error) {
	if t.r == nil {
		r, err := load(t.ctx, t.tx, full, t.today)
		if err != nil {
			return nil, err
		}
		t.r = r
	}
	return t.r, nil
}

// initiative reads one initiative with its dependencies.
func (t *txn) initiative(id int64) (roadmap.Initiative, error) {
	if t.r != nil {
		in, err := t.r.Find(id)
		if err != nil {
			return roadmap.Initiative{}, err
		}
		return *in, nil
	}
	in, found, err := t.row(id)
	if err == nil && !found {
		err = fmt.Errorf("no initiative #%d", id)
	}
	return in, err
}

// row reads one initiative with its dependencies from the database, as
// this transaction sees it; found is false when there is none.
func (t *txn) row(id int64) (in roadmap.Initiative, found bool, err error) {
	m, err := t.model()
	if err != nil {
		return in, false, err
	}
	row, err := t.tx.QueryContext(t.ctx, `SELECT `+fullColumns+` FROM initiatives WHERE id = ?`, id)
	if err != nil {
		return in, false, dbError(err)
	}
	if !row.Next() {
		row.Close()
		return in, false, dbError(row.Err())
	}
	in, err = newRowScanner(full, m).scan(row)
	row.Close()
	if err != nil {
		return in, true, err
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT depends_on FROM dependencies WHERE initiative_id = ? ORDER BY depends_on`, id)
	if err != nil {
		return in, true, dbError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var d int64
		if err := rows.Scan(&d); err != nil {
			return in, true, dbError(err)
		}
		in.DependsOn = append(in.DependsOn, d)
	}
	return in, true, dbError(rows.Err())
}

// titles returns "#4 "Y"" for each id, for messages.
func (t *txn) refs(ids []int64) ([]string, error) {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		var title string
		if err := t.tx.QueryRowContext(t.ctx, `SELECT title FROM initiatives WHERE id = ?`, id).Scan(&title); err != nil {
			return nil, dbError(err)
		}
		out = append(out, fmt.Sprintf("#%d %q", id, title))
	}
	return out, nil
}

func effortValue(e roadmap.Effort) any {
	if !e.Set {
		return nil
	}
	return e.Value
}

// insert adds a new initiative row; an ID of 0 gets the next free id, up
// to roadmap.MaxID.
func (t *txn) insert(in roadmap.Initiative) (int64, error) {
	var id any
	if in.ID != 0 {
		id = in.ID
	}
	done := int64(0)
	if in.Status == roadmap.Done {
		done = formatTime(t.at)
	}
	res, err := t.exec(`
		INSERT INTO initiatives (id, title, description, domain, level, quarter, status, owner, effort,
		                         version, created_at, updated_at, done_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
		id, in.Title, in.Description, in.Domain, in.Level, in.Quarter.String(), string(in.Status), in.Owner,
		effortValue(in.Effort), formatTime(t.at), formatTime(t.at), done)
	if err != nil {
		return 0, err
	}
	n, err := res.LastInsertId()
	if err == nil && n > roadmap.MaxID {
		// Only a new id passes MaxID (explicit ones stay below it); the
		// transaction rolls back.
		return 0, fmt.Errorf("no more initiative ids: #%d, the largest, is taken", int64(roadmap.MaxID))
	}
	t.touch(n)
	return n, err
}

// setDependencies replaces the dependencies of an initiative; fresh says
// it has none yet.
func (t *txn) setDependencies(id int64, deps []int64, fresh bool) error {
	if !fresh {
		if _, err := t.exec(`DELETE FROM dependencies WHERE initiative_id = ?`, id); err != nil {
			return err
		}
	}
	for _, d := range deps {
		if _, err := t.exec(`INSERT INTO dependencies (initiative_id, depends_on) VALUES (?, ?)`, id, d); err != nil {
			return err
		}
	}
	return nil
}

// update writes the new version of an initiative and records each changed
// field in the history with the given action and reason. It returns the
// initiative as stored.
func (t *txn) update(old, next roadmap.Initiative, action, reason string) (roadmap.Initiative, error) {
	changes := roadmap.Diff(old, next)
	if len(changes) == 0 {
		return old, nil
	}
	t.touch(next.ID)
	next.Version = old.Version + 1
	next.Updated = t.at
	switch {
	case next.Status == roadmap.Done && old.Status != roadmap.Done:
		next.DoneAt = t.at
	case next.Status != roadmap.Done:
		next.DoneAt = time.Time{}
	}
	// Only the columns that changed are set: SQLite then rewrites only
	// the indexes that hold them (a schedule of ten thousand moves sets
	// the quarter alone).
	query, args := "UPDATE initiatives SET ", make([]any, 0, 12)
	for _, c := range changes {
		if v, ok := columnValue(next, c.Field); ok {
			query += c.Field + " = ?, "
			args = append(args, v)
		}
	}
	query += "version = ?, updated_at = ?, done_at = ? WHERE id = ?"
	_, err := t.exec(query, append(args, next.Version, formatTime(next.Updated), formatTime(next.DoneAt), next.ID)...)
	if err != nil {
		return old, err
	}
	for _, c := range changes {
		if c.Field == "depends_on" {
			if err := t.setDependencies(next.ID, next.DependsOn, false); err != nil {
				return old, err
			}
		}
		if err := t.record(Event{Initiative: next.ID, Action: action, Field: c.Field, Old: c.Old, New: c.New, Reason: reason}); err != nil {
			return old, err
		}
	}
	if t.r != nil {
		t.r.Put(next)
	}
	return next, nil
}

// columnValue is the value of the initiatives column of a field that
// roadmap.Diff reports, as update writes it; depends_on has none (it is a
// table of its own).
func columnValue(in roadmap.Initiative, field string) (any, bool) {
	switch field {
	case "title":
		return in.Title, true
	case "description":
		return in.Description, true
	case "domain":
		return in.Domain, true
	case "level":
		return in.Level, true
	case "quarter":
		return in.Quarter.String(), true
	case "status":
		return string(in.Status), true
	case "owner":
		return in.Owner, true
	case "effort":
		return effortValue(in.Effort), true
	}
	return nil, false
}

// record appends an event to the history, stamped with the transaction's
// time and actor.
func (t *txn) record(e Event) error {
	var id any
	if e.Initiative != 0 {
		id = e.Initiative
	}
	_, err := t.exec(`
		INSERT INTO history (at, actor, initiative_id, action, field, old, new, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		formatTime(t.at), t.actor, id, e.Action, e.Field, e.Old, e.New, e.Reason)
	return err
}
