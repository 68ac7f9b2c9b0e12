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
// domain, its initiatives and its assessments.
func (s *Store) ReplaceModel(ctx context.Context, m *roadmap.Model) error {
	var doc bytes.Buffer
	if err := roadmap.WriteModel(&doc, m); err != nil {
		return err
	}
	return s.write(ctx, func(t *txn) error {
		if err := droppedInUse(t, m); err != nil {
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
