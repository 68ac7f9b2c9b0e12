package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"maturity/roadmap"
)

// ReplaceModel makes m the maturity model. It is refused when m drops a
// domain that an initiative uses or that has been assessed (assessments
// are kept for good, and a dump must restore them); the error names the
// domain, its initiatives and its assessments. It is refused too when m
// would orphan recorded evidence (orphanedEvidence).
func (s *Store) ReplaceModel(ctx context.Context, m *roadmap.Model) error {
	var doc bytes.Buffer
	if err := roadmap.WriteModel(&doc, m); err != nil {
		return err
	}
	return s.write(ctx, ModelAccess, func(t *txn) error {
		if err := droppedInUse(t, m); err != nil {
			return err
		}
		if err := orphanedEvidence(t, m); err != nil {
			return err
		}
		var old string
		if err := t.tx.QueryRowContext(ctx, `SELECT document FROM model WHERE id = 1`).Scan(&old); err != nil {
			return dbError(err)
		}
		if old == doc.String() {
			return nil
		}
		if _, err := t.tx.ExecContext(ctx, `UPDATE model SET document = ?, updated_at = ? WHERE id = 1`, doc.String(), formatTime(t.at)); err != nil {
			return dbError(err)
		}
		t.modelChanged = true
		return t.record(Event{Action: ActionModel, Old: old, New: doc.String()})
	})
}

// droppedInUse refuses a model that drops a domain still in use by an
// initiative or an assessment.
func droppedInUse(t *txn, m *roadmap.Model) error {
	rows, err := t.tx.QueryContext(t.ctx, `
		SELECT domain, group_concat(id), 0 FROM (SELECT domain, id FROM initiatives ORDER BY id) GROUP BY domain
		UNION ALL
		SELECT domain, '', count(*) FROM assessments GROUP BY domain
		ORDER BY 1, 3`)
	if err != nil {
		return dbError(err)
	}
	defer rows.Close()
	uses := map[string][]string{}
	var dropped []string
	usedBy, assessed := false, false
	for rows.Next() {
		var domain, ids string
		var n int
		if err := rows.Scan(&domain, &ids, &n); err != nil {
			return dbError(err)
		}
		if m.HasDomain(domain) {
			continue
		}
		if len(uses[domain]) == 0 {
			dropped = append(dropped, domain)
		}
		if n > 0 {
			assessed = true
			uses[domain] = append(uses[domain], fmt.Sprintf("assessed %s", plural(n, "time")))
			continue
		}
		usedBy = true
		list := strings.Split(ids, ",")
		more := ""
		if len(list) > 5 {
			more = fmt.Sprintf(" and %d more", len(list)-5)
			list = list[:5]
		}
		uses[domain] = append(uses[domain], fmt.Sprintf("used by #%s%s", strings.Join(list, ", #"), more))
	}
	if err := rows.Err(); err != nil {
		return dbError(err)
	}
	if len(dropped) == 0 {
		return nil
	}
	parts := make([]string, len(dropped))
	for i, d := range dropped {
		parts[i] = fmt.Sprintf("%q (%s)", d, strings.Join(uses[d], "; "))
	}
	msg := "the new model drops domain " + strings.Join(parts, ", domain ")
	if usedBy {
		msg += "; move or delete those initiatives first"
	}
	if assessed {
		msg += "; a domain once assessed stays in the model, as its assessments are kept"
	}
	return errors.New(msg)
}

// plural writes a count with its noun: "1 time", "2 times".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// orphanedEvidence refuses a model that would leave recorded answers or
// metric values without what they belong to: a criterion with answers
// that is dropped or no longer a check; a metric with values that is
// dropped, changes its unit, or whose score range leaves a value out.
// Answers and values are kept for good, and a dump must restore them.
func orphanedEvidence(t *txn, next *roadmap.Model) error {
	old, err := t.model()
	if err != nil {
		return err
	}
	var problems []string
	rows, err := t.tx.QueryContext(t.ctx, `SELECT criterion, count(*) FROM answers GROUP BY criterion ORDER BY min(id)`)
	if err != nil {
		return dbError(err)
	}
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			rows.Close()
			return dbError(err)
		}
		switch c := next.Criterion(key); {
		case c == nil:
			problems = append(problems, fmt.Sprintf("drops criterion %q (answered %s)", key, plural(n, "time")))
		case !c.IsCheck():
			problems = append(problems, fmt.Sprintf("makes criterion %q a metric threshold (answered %s)", key, plural(n, "time")))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return dbError(err)
	}
	vals, err := t.tx.QueryContext(t.ctx, `SELECT metric, count(*), min(value), max(value) FROM metric_values GROUP BY metric ORDER BY min(id)`)
	if err != nil {
		return dbError(err)
	}
	defer vals.Close()
	for vals.Next() {
		var key string
		var n int
		var lo, hi float64
		if err := vals.Scan(&key, &n, &lo, &hi); err != nil {
			return dbError(err)
		}
		recorded := plural(n, "value") + " recorded"
		x, was := next.Metric(key), old.Metric(key)
		switch {
		case x == nil:
			problems = append(problems, fmt.Sprintf("drops metric %q (%s)", key, recorded))
		case was != nil && was.Unit != x.Unit:
			problems = append(problems, fmt.Sprintf("changes the unit of metric %q from %s to %s (%s)", key, was.Unit, x.Unit, recorded))
		case x.Unit == roadmap.UnitScore && (lo < x.Min || hi > x.Max):
			problems = append(problems, fmt.Sprintf("gives metric %q a range of %s to %s, which leaves out recorded values (%s to %s)",
				key, x.Format(x.Min), x.Format(x.Max), x.Format(lo), x.Format(hi)))
		}
	}
	if err := vals.Err(); err != nil {
		return dbError(err)
	}
	if len(problems) == 0 {
		return nil
	}
	return errors.New("the new model " + strings.Join(problems, "; ") + "; answers and values are kept for good, so what they belong to stays in the model")
}
