package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"maturity/roadmap"
)

// ActionSchedule is the history action of a quarter the scheduler set
// (roadmap.Roadmap.Schedule); the entry's reason is the move's.
const ActionSchedule = "schedule"

// ErrScheduleStale refuses a schedule made from a roadmap that has changed
// since: its moves were worked out for what is no longer there.
var ErrScheduleStale = errors.New("the roadmap changed since the schedule was made; run schedule again")

// ApplySchedule writes the moves of a schedule made from the roadmap as of
// version at, all in one transaction, each recorded in the history as the
// scheduler's with its reason. It refuses, writing nothing, when the
// database is no longer at that version (ErrScheduleStale), when an
// initiative's version is not the move's, or when an initiative can no
// longer be moved (it is not planned, or no longer in the quarter the
// move takes it from). It returns the initiatives as stored, in the
// moves' order.
func (s *Store) ApplySchedule(ctx context.Context, at Version, moves []roadmap.Move) ([]roadmap.Initiative, error) {
	if len(moves) == 0 {
		return nil, nil
	}
	out := make([]roadmap.Initiative, 0, len(moves))
	err := s.write(ctx, func(t *txn) error {
		now, err := readVersion(t.ctx, t.tx, s)
		if err != nil {
			return err
		}
		if now != at {
			return ErrScheduleStale
		}
		rows, err := t.rowsOf(moves)
		if err != nil {
			return err
		}
		for _, mv := range moves {
			old, found := rows[mv.ID]
			switch {
			case !found:
				return fmt.Errorf("cannot schedule #%d: no such initiative", mv.ID)
			case old.Version != mv.Version:
				return fmt.Errorf("%w: %s is at version %d, the schedule has %d", ErrScheduleStale, old.Ref(), old.Version, mv.Version)
			case old.Status != roadmap.Planned || old.Quarter != mv.From:
				return fmt.Errorf("%w: %s is %s in %s, the schedule moves it from %s", ErrScheduleStale, old.Ref(), old.Status, old.Quarter.Label(), mv.From.Label())
			}
			if q, err := roadmap.ParseQuarter(mv.To.String()); err != nil || q != mv.To || q.IsBacklog() {
				return fmt.Errorf("cannot schedule %s into %q: want a quarter such as 2027-Q3", old.Ref(), mv.To.Label())
			}
			next := old
			next.Quarter = mv.To
			stored, err := t.update(old, next, ActionSchedule, mv.Reason)
			if err != nil {
				return err
			}
			out = append(out, stored)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// rowsOf reads the initiatives the moves name, with their dependencies,
// in two queries: a schedule of ten thousand moves reads them in a few
// milliseconds, not one query each.
func (t *txn) rowsOf(moves []roadmap.Move) (map[int64]roadmap.Initiative, error) {
	m, err := t.model()
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(moves))
	for i, mv := range moves {
		ids[i] = mv.ID
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]roadmap.Initiative, len(moves))
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+fullColumns+` FROM initiatives WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	sc := newRowScanner(full, m)
	for rows.Next() {
		in, err := sc.scan(rows)
		if err != nil {
			return nil, err
		}
		out[in.ID] = in
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err)
	}
	rows.Close()
	deps, err := t.tx.QueryContext(t.ctx, `SELECT initiative_id, depends_on FROM dependencies
		WHERE initiative_id IN (SELECT value FROM json_each(?)) ORDER BY initiative_id, depends_on`, string(list))
	if err != nil {
		return nil, dbError(err)
	}
	defer deps.Close()
	for deps.Next() {
		var from, to int64
		if err := deps.Scan(&from, &to); err != nil {
			return nil, dbError(err)
		}
		in := out[from]
		in.DependsOn = append(in.DependsOn, to)
		out[from] = in
	}
	return out, dbError(deps.Err())
}
