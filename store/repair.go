package store

import (
	"errors"

	"maturity/roadmap"
)

// repair fixes, in the row of old that err (a *BadRowError) reports, the
// columns that the patch p sets, so that the edit meant to fix a row
// edited outside maturity can do so instead of failing on it. The new
// values are p's, validated as any edit; each repaired column gets a
// history entry from what it held to its new value, and the row a new
// version. A bad column that p leaves as it is keeps the error, as does
// any other error. It returns the row as now stored.
func (t *txn) repair(old roadmap.Initiative, err error, p roadmap.Patch, opt Options) (roadmap.Initiative, error) {
	var bad *BadRowError
	if !errors.As(err, &bad) {
		return old, err
	}
	sets := map[string]bool{"title": p.Title != nil, "description": p.Description != nil, "domain": p.Domain != nil,
		"level": p.Level != nil, "quarter": p.Quarter != nil, "owner": p.Owner != nil, "effort": p.Effort != nil}
	for _, c := range bad.Columns {
		if !sets[c.Name] {
			return old, bad
		}
	}
	if err := opt.check(old); err != nil {
		return old, err
	}
	m, err := t.model()
	if err != nil {
		return old, err
	}
	next, err := p.Apply(old).Normalize(m)
	if err != nil {
		return old, err
	}
	// The new values as the history writes them: what Diff reports
	// against an initiative that has none.
	text := map[string]string{}
	for _, c := range roadmap.Diff(roadmap.Initiative{}, next) {
		text[c.Field] = c.New
	}
	value := map[string]any{"title": next.Title, "description": next.Description, "domain": next.Domain,
		"level": next.Level, "quarter": next.Quarter.String(), "owner": next.Owner, "effort": effortValue(next.Effort)}
	for _, c := range bad.Columns {
		// c.Name is one of the fixed column names above, never user text.
		if _, err := t.exec(`UPDATE initiatives SET `+c.Name+` = ? WHERE id = ?`, value[c.Name], old.ID); err != nil {
			return old, err
		}
		if err := t.record(Event{Initiative: old.ID, Action: ActionEdit, Field: c.Name, Old: c.Text, New: text[c.Name]}); err != nil {
			return old, err
		}
	}
	t.touch(old.ID)
	if _, err := t.exec(`UPDATE initiatives SET version = version + 1, updated_at = ? WHERE id = ?`, formatTime(t.at), old.ID); err != nil {
		return old, err
	}
	return t.initiative(old.ID)
}
