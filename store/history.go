package store

import (
	"context"
	"database/sql"
	"math"
	"strings"
	"time"

	"maturity/roadmap"
)

// The actions the history records.
const (
	ActionCreate = "create" // an initiative was added
	ActionEdit   = "edit"   // one field of an initiative changed
	ActionForce  = "force"  // a status change that overrode unmet prerequisites
	ActionDelete = "delete" // an initiative was deleted
	ActionAssess = "assess" // a domain's baseline level was assessed
	ActionModel  = "model"  // the maturity model was replaced
	ActionAnswer = "answer" // a criterion was answered met, unmet or unknown
	ActionMetric = "metric" // a metric's value was recorded for a quarter
)

// EditFields are the fields of an initiative that an edit or forced
// change records, one history entry each: the fields roadmap.Diff
// reports.
var EditFields = []string{"title", "description", "domain", "level", "quarter", "status", "owner", "effort", "depends_on"}

func isEditField(f string) bool {
	for _, e := range EditFields {
		if e == f {
			return true
		}
	}
	return false
}

// MaxActor is the longest actor name the history keeps, in characters.
const MaxActor = 200

// CleanActor checks an actor name for the history: valid UTF-8, no
// control characters, at most MaxActor characters once surrounding space
// is trimmed (roadmap.CleanLine). It returns the trimmed name; the error
// names it as what. A dump's actors are held to the same rule, so a
// name that passes here restores.
func CleanActor(name, what string) (string, error) {
	return roadmap.CleanLine(name, what, MaxActor, false)
}

// Event is one entry of the history: who changed what, when, and why.
type Event struct {
	ID         int64
	At         time.Time
	Actor      string
	Initiative int64 // 0 when the event is not about one initiative
	Action     string
	Field      string
	Old        string
	New        string
	Reason     string
}

// HistoryFilter selects history entries; zero fields select everything.
type HistoryFilter struct {
	Initiative int64
	Since      time.Time
	Limit      int
}

// sinceNanos is t in the history's Unix nanoseconds, clamped to what they
// can hold (1677 to 2262): every stored time lies within, so a later t
// selects nothing and an earlier one everything, where UnixNano would wrap
// around.
func sinceNanos(t time.Time) int64 {
	switch {
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxInt64
	case t.Before(time.Unix(0, math.MinInt64)):
		return math.MinInt64
	}
	return t.UnixNano()
}

// History returns the matching entries, newest first.
func (s *Store) History(ctx context.Context, f HistoryFilter) ([]Event, error) {
	return loadHistory(ctx, s.db, f)
}

// LoadWithHistory reads the whole roadmap (Load) and the matching history
// entries (History) from one consistent snapshot, as a page about one
// initiative shows them together.
func (s *Store) LoadWithHistory(ctx context.Context, f HistoryFilter) (*roadmap.Roadmap, []Event, error) {
	var r *roadmap.Roadmap
	var events []Event
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if r, err = load(ctx, tx, full, s.today()); err != nil {
			return err
		}
		events, err = loadHistory(ctx, tx, f)
		return err
	})
	return r, events, err
}

func loadHistory(ctx context.Context, q querier, f HistoryFilter) ([]Event, error) {
	var where []string
	var args []any
	if f.Initiative != 0 {
		where = append(where, "initiative_id = ?")
		args = append(args, f.Initiative)
	}
	if !f.Since.IsZero() {
		where = append(where, "at >= ?")
		args = append(args, sinceNanos(f.Since))
	}
	query := `SELECT id, at, actor, coalesce(initiative_id, 0), action, field, old, new, reason FROM history`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id DESC"
	if f.Limit > 0 {
		query += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, dbError(err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Initiative, &e.Action, &e.Field, &e.Old, &e.New, &e.Reason); err != nil {
			return nil, dbError(err)
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, dbError(rows.Err())
}
