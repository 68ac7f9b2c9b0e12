package store

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"maturity/roadmap"
)

// ReplaceModel makes m the maturity model. It is refused when an
// initiative uses a domain that m does not have; the error names the
// domain and its initiatives.
func (s *Store) ReplaceModel(ctx context.Context, m *roadmap.Model) error {
	var doc bytes.Buffer
	if err := roadmap.WriteModel(&doc, m); err != nil {
		return err
	}
	return s.write(ctx, func(t *txn) error {
		rows, err := t.tx.QueryContext(ctx, `SELECT domain, group_concat(id) FROM (SELECT domain, id FROM initiatives ORDER BY id) GROUP BY domain ORDER BY domain`)
		if err != nil {
			return dbError(err)
		}
		var orphans []string
		for rows.Next() {
			var domain, ids string
			if err := rows.Scan(&domain, &ids); err != nil {
				rows.Close()
				return dbError(err)
			}
			if !m.HasDomain(domain) {
				list := strings.Split(ids, ",")
				more := ""
				if len(list) > 5 {
					more = fmt.Sprintf(" and %d more", len(list)-5)
					list = list[:5]
				}
				orphans = append(orphans, fmt.Sprintf("%q (used by #%s%s)", domain, strings.Join(list, ", #"), more))
			}
		}
		rows.Close()
		if len(orphans) > 0 {
			return fmt.Errorf("the new model drops domain %s; move or delete those initiatives first", strings.Join(orphans, ", domain "))
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
		return t.record(Event{Action: ActionModel, Old: old, New: doc.String()})
	})
}
