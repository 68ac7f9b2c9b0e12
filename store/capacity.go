package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"maturity/roadmap"
)

// ActionCapacity is the history's action for a capacity figure set,
// replaced or removed. Its field is the figure's quarter ("2027-Q3" or
// "default"), then, for a person's figure, a space and the name; old and
// new are the efforts, "" where there was none.
const ActionCapacity = "capacity"

// capacitySchema holds the capacity figures: one per quarter and person,
// people compared as roadmap.HasOwner compares them (owner_key).
const capacitySchema = `
CREATE TABLE IF NOT EXISTS capacity (
	quarter   TEXT NOT NULL,  -- YYYY-QN, '' for the default figure
	owner     TEXT NOT NULL,  -- the person as last written, '' for the team
	owner_key TEXT NOT NULL,  -- roadmap.OwnerKey(owner)
	effort    REAL NOT NULL,  -- in the unit of initiative effort
	PRIMARY KEY (quarter, owner_key)
);`

// migrate5 adds the capacity table. IF NOT EXISTS: tests take a database
// back to an older version by its user_version alone.
func migrate5(tx *sql.Tx, _ *Store) error {
	_, err := tx.Exec(capacitySchema)
	return err
}

// capacityField is the history's field of a figure.
func capacityField(f roadmap.CapacityFigure) string {
	if f.Owner == "" {
		return f.When()
	}
	return f.When() + " " + f.Owner
}

// SetCapacity sets a capacity figure (roadmap.CapacityFigure.Clean checks
// it), replacing the one for the same quarter and person (any case, the
// new spelling kept). Setting the figure it already holds changes
// nothing; otherwise the change is a history entry (old → new effort)
// and a Change with Capacity set.
func (s *Store) SetCapacity(ctx context.Context, fig roadmap.CapacityFigure) error {
	fig, err := fig.Clean()
	if err != nil {
		return err
	}
	return s.write(ctx, func(t *txn) error {
		old, found, err := t.capacityFigure(fig.Quarter, fig.Owner)
		if err != nil {
			return err
		}
		oldText, reason := "", ""
		if found {
			if old.Owner == fig.Owner && roadmap.FormatEffort(old.Effort) == roadmap.FormatEffort(fig.Effort) {
				return nil
			}
			oldText = roadmap.FormatEffort(old.Effort)
			if old.Owner != fig.Owner {
				reason = "the name was written " + old.Owner
			}
		}
		if _, err := t.exec(`INSERT INTO capacity (quarter, owner, owner_key, effort) VALUES (?, ?, ?, ?)
			ON CONFLICT (quarter, owner_key) DO UPDATE SET owner = excluded.owner, effort = excluded.effort`,
			fig.Quarter.String(), fig.Owner, roadmap.OwnerKey(fig.Owner), fig.Effort); err != nil {
			return err
		}
		t.capacityChanged()
		return t.record(Event{Action: ActionCapacity, Field: capacityField(fig), Old: oldText, New: roadmap.FormatEffort(fig.Effort), Reason: reason})
	})
}

// UnsetCapacity removes the figure of quarter q (the zero Quarter for the
// default) for owner ("" for the team), with a history entry. A figure
// that does not exist is an error, and nothing is written.
func (s *Store) UnsetCapacity(ctx context.Context, q roadmap.Quarter, owner string) error {
	return s.write(ctx, func(t *txn) error {
		old, found, err := t.capacityFigure(q, strings.TrimSpace(owner))
		if err != nil {
			return err
		}
		if !found {
			want := roadmap.CapacityFigure{Quarter: q, Owner: strings.TrimSpace(owner)}
			return fmt.Errorf("no capacity is set for %s (%s)", want.When(), roadmap.Printable(want.Who()))
		}
		if _, err := t.exec(`DELETE FROM capacity WHERE quarter = ? AND owner_key = ?`, q.String(), roadmap.OwnerKey(owner)); err != nil {
			return err
		}
		t.capacityChanged()
		return t.record(Event{Action: ActionCapacity, Field: capacityField(old), Old: roadmap.FormatEffort(old.Effort)})
	})
}

// capacityChanged notes a changed figure: the roadmap this transaction
// holds, if any, is read again when next asked for.
func (t *txn) capacityChanged() {
	t.capacity = true
	t.r = nil
}

// capacityFigure reads the figure of a quarter and person as stored.
func (t *txn) capacityFigure(q roadmap.Quarter, owner string) (roadmap.CapacityFigure, bool, error) {
	var stored string
	var effort float64
	err := t.tx.QueryRowContext(t.ctx, `SELECT owner, effort FROM capacity WHERE quarter = ? AND owner_key = ?`,
		q.String(), roadmap.OwnerKey(owner)).Scan(&stored, &effort)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return roadmap.CapacityFigure{}, false, nil
	case err != nil:
		return roadmap.CapacityFigure{}, false, dbError(err)
	}
	return roadmap.CapacityFigure{Quarter: q, Owner: stored, Effort: effort}, true, nil
}

// loadCapacity reads every figure; nil when there is none. A row that
// maturity did not write is named, with what to do.
func loadCapacity(ctx context.Context, q querier) (*roadmap.Capacity, error) {
	rows, err := q.QueryContext(ctx, `SELECT rowid, quarter, owner, owner_key, effort FROM capacity ORDER BY rowid`)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var figs []roadmap.CapacityFigure
	for rows.Next() {
		var id int64
		var quarter, owner, key, effort any
		if err := rows.Scan(&id, &quarter, &owner, &key, &effort); err != nil {
			return nil, dbError(err)
		}
		fig, err := capacityRow(quarter, owner, key, effort)
		if err != nil {
			return nil, badEvidence("capacity figure", id, err)
		}
		figs = append(figs, fig)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err)
	}
	if len(figs) == 0 {
		return nil, nil
	}
	return roadmap.NewCapacity(figs), nil
}

// capacityRow checks the values of one row against what SetCapacity
// writes.
func capacityRow(quarter, owner, key, effort any) (roadmap.CapacityFigure, error) {
	qs, ok1 := quarter.(string)
	os, ok2 := owner.(string)
	ks, ok3 := key.(string)
	var e float64
	switch v := effort.(type) {
	case float64:
		e = v
	case int64:
		e = float64(v)
	default:
		return roadmap.CapacityFigure{}, fmt.Errorf("effort %s is not a number", rawValue(effort))
	}
	if !ok1 || !ok2 || !ok3 {
		return roadmap.CapacityFigure{}, errors.New("quarter, owner and owner_key must be text")
	}
	q, err := roadmap.ParseQuarter(qs)
	if err != nil || q.String() != qs {
		return roadmap.CapacityFigure{}, fmt.Errorf("quarter %s is not a quarter nor empty for the default", rawValue(quarter))
	}
	fig, err := roadmap.CapacityFigure{Quarter: q, Owner: os, Effort: e}.Clean()
	if err != nil {
		return fig, err
	}
	if fig.Owner != os || ks != roadmap.OwnerKey(os) {
		return fig, fmt.Errorf("owner %s does not match its key %s", rawValue(owner), rawValue(key))
	}
	return fig, nil
}
