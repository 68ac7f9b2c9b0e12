package store

import (
	"bytes"
	"context"
	"errors"

	"maturity/roadmap"
)

// Restore fills an empty database with a dump, exactly: same ids,
// timestamps, versions, history and id counter. It is refused when the
// database holds any initiative, assessment or history.
func (s *Store) Restore(ctx context.Context, d *Dump, m *roadmap.Model) error {
	var doc bytes.Buffer
	if err := roadmap.WriteModel(&doc, m); err != nil {
		return err
	}
	return s.write(ctx, func(t *txn) error {
		t.bulk = true
		var n int
		if err := t.tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM initiatives) + (SELECT count(*) FROM assessments) + (SELECT count(*) FROM history)
			+ (SELECT count(*) FROM answers) + (SELECT count(*) FROM metric_values) + (SELECT count(*) FROM capacity)`).Scan(&n); err != nil {
			return dbError(err)
		}
		if n > 0 {
			return errors.New("a dump can only be restored into an empty database (no initiatives, assessments, answers, metric values, capacity figures or history)")
		}
		updated, _ := undumpTime(d.ModelUpdated, "")
		if _, err := t.exec(`UPDATE model SET document = ?, updated_at = ? WHERE id = 1`, doc.String(), updated); err != nil {
			return err
		}
		assess := t.newBatch("assessments", "id", "domain", "level", "note", "actor", "at")
		for _, a := range d.Assessments {
			at, _ := undumpTime(a.At, "")
			if err := assess.add(a.ID, a.Domain, a.Level, a.Note, a.Actor, at); err != nil {
				return err
			}
		}
		if err := assess.flush(); err != nil {
			return err
		}
		answers := t.newBatch("answers", "id", "criterion", "state", "evidence", "note", "actor", "at")
		for _, a := range d.Answers {
			at, _ := undumpTime(a.At, "")
			if err := answers.add(a.ID, a.Criterion, a.State, a.Evidence, a.Note, a.Actor, at); err != nil {
				return err
			}
		}
		if err := answers.flush(); err != nil {
			return err
		}
		values := t.newBatch("metric_values", "id", "metric", "quarter", "value", "note", "source", "actor", "at")
		for _, v := range d.Values {
			at, _ := undumpTime(v.At, "")
			if err := values.add(v.ID, v.Metric, v.Quarter, v.Value, v.Note, v.Source, v.Actor, at); err != nil {
				return err
			}
		}
		if err := values.flush(); err != nil {
			return err
		}
		capacity := t.newBatch("capacity", "quarter", "owner", "owner_key", "effort")
		for _, c := range d.Capacity {
			if err := capacity.add(c.Quarter, c.Owner, roadmap.OwnerKey(c.Owner), c.Effort); err != nil {
				return err
			}
		}
		if err := capacity.flush(); err != nil {
			return err
		}
		rows := t.newBatch("initiatives", "id", "title", "description", "domain", "level", "quarter", "status",
			"owner", "effort", "version", "created_at", "updated_at", "done_at")
		deps := t.newBatch("dependencies", "initiative_id", "depends_on")
		for _, j := range d.Initiatives {
			created, _ := undumpTime(j.Created, "")
			updated, _ := undumpTime(j.Updated, "")
			done, _ := undumpTime(j.DoneAt, "")
			var effort any
			if j.Effort != nil {
				effort = *j.Effort
			}
			if err := rows.add(j.ID, j.Title, j.Description, j.Domain, j.Level, j.Quarter, j.Status, j.Owner, effort,
				j.Version, created, updated, done); err != nil {
				return err
			}
		}
		if err := rows.flush(); err != nil {
			return err
		}
		for _, j := range d.Initiatives {
			for _, dep := range j.DependsOn {
				if err := deps.add(j.ID, dep); err != nil {
					return err
				}
			}
		}
		if err := deps.flush(); err != nil {
			return err
		}
		hist := t.newBatch("history", "id", "at", "actor", "initiative_id", "action", "field", "old", "new", "reason")
		for _, e := range d.History {
			at, _ := undumpTime(e.At, "")
			var id any
			if e.Initiative != 0 {
				id = e.Initiative
			}
			if err := hist.add(e.ID, at, e.Actor, id, e.Action, e.Field, e.Old, e.New, e.Reason); err != nil {
				return err
			}
		}
		if err := hist.flush(); err != nil {
			return err
		}
		// Keep the id counter, so ids of deleted initiatives stay unused.
		if _, err := t.exec(`DELETE FROM sqlite_sequence WHERE name = 'initiatives'`); err != nil {
			return err
		}
		if d.LastID > 0 {
			if _, err := t.exec(`INSERT INTO sqlite_sequence (name, seq) VALUES ('initiatives', ?)`, d.LastID); err != nil {
				return err
			}
		}
		return nil
	})
}
