package store

import (
	"context"
	"database/sql"
	"time"
)

// The events of the access log besides the changes of the users
// (user-add, key-add, user-role, user-rm).
const (
	AccessLogin   = "login"   // a key was let in
	AccessRefused = "refused" // a login was refused
	AccessLogout  = "logout"  // a session ended
)

// AccessEvent is one entry of the access log: a login, a refusal, a
// logout, or a change of the users, with who, their key's fingerprint,
// where from and when.
type AccessEvent struct {
	ID          int64
	At          time.Time
	Event       string
	User        string // "" when the key is nobody's
	Fingerprint string
	Address     string
	Detail      string
}

// RecordAccess appends e to the access log, stamped with the store's
// clock. It is the server's own write and needs no role.
func (s *Store) RecordAccess(ctx context.Context, e AccessEvent) error {
	return s.write(ctx, logAccess, func(t *txn) error {
		return t.logAccess(e.Event, e.User, e.Fingerprint, e.Address, e.Detail)
	})
}

// logAccess appends an entry to the access log, with the transaction's
// actor as the detail's author for changes of the users.
func (t *txn) logAccess(event, user, fingerprint, address, detail string) error {
	if t.actor != "" && event != AccessLogin && event != AccessRefused && event != AccessLogout {
		detail += " (by " + t.actor + ")"
	}
	_, err := t.exec(`INSERT INTO access_log (at, event, user_name, fingerprint, address, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		formatTime(t.at), event, user, fingerprint, address, detail)
	return err
}

// AccessLog lists the access log from since on (everything when zero),
// oldest first. It needs UsersAccess.
func (s *Store) AccessLog(ctx context.Context, since time.Time) ([]AccessEvent, error) {
	if err := Allowed(ctx, UsersAccess); err != nil {
		return nil, err
	}
	var out []AccessEvent
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, at, event, user_name, fingerprint, address, detail FROM access_log WHERE at >= ? ORDER BY id`, sinceNanos(since))
		if err != nil {
			return dbError(err)
		}
		defer rows.Close()
		for rows.Next() {
			var e AccessEvent
			var at int64
			if err := rows.Scan(&e.ID, &at, &e.Event, &e.User, &e.Fingerprint, &e.Address, &e.Detail); err != nil {
				return dbError(err)
			}
			e.At = parseTime(at)
			out = append(out, e)
		}
		return dbError(rows.Err())
	})
	return out, err
}
