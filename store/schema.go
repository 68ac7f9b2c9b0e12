package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"

	"maturity/roadmap"
)

// migrations bring a database from schema version i to i+1. They only
// ever get appended: a released step never changes.
var migrations = []func(tx *sql.Tx, s *Store) error{
	migrate1,
	migrate2,
	migrate3,
	migrate4,
	migrate5, // capacity.go
}

// levelIndex covers the counts that levels and projections read
// (LoadSummary). Import rebuilds it after a bulk load.
const levelIndex = `CREATE INDEX initiatives_by_level ON initiatives (domain, level, quarter, status);`

// unfinishedIndex holds the ids, domains and levels of the unfinished
// initiatives, small enough that finding the dependencies between them
// (LoadSummary, for deadlocks) does not read every row.
const unfinishedIndex = `CREATE INDEX initiatives_unfinished ON initiatives (id, domain, level) WHERE ` + unfinishedSQL + `;`

// migrate2 adds unfinishedIndex.
func migrate2(tx *sql.Tx, _ *Store) error {
	_, err := tx.Exec(unfinishedIndex)
	return err
}

// doneIndex holds, for the done initiatives, their domain, level and
// when they were done, so that the levels reached at a past moment
// (Store.LoadLevels) are asked of it a level at a time instead of counted
// over every row.
const doneIndex = `CREATE INDEX initiatives_done_by_level ON initiatives (domain, level, done_at) WHERE status = 'done';`

// migrate4 adds doneIndex.
func migrate4(tx *sql.Tx, _ *Store) error {
	_, err := tx.Exec(doneIndex)
	return err
}

// migrate applies the missing migrations, each in its own immediate
// transaction that re-reads the version, so two processes opening a new
// database at once do not both run a step.
func (s *Store) migrate(ctx context.Context) error {
	// Nearly every open finds the schema up to date: look in a read
	// transaction first, so that a command that only reads never takes
	// the write lock (which a read-only -wal or -shm file refuses).
	var version, appID int
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
			return dbError(err)
		}
		return dbError(tx.QueryRow(`PRAGMA application_id`).Scan(&appID))
	})
	if err == nil && appID == ApplicationID && version == len(migrations) {
		return nil
	}
	if ro := (*readOnlyError)(nil); errors.As(err, &ro) {
		return err // not even readable: writing cannot do better
	}
	for {
		done := false
		err := s.tx(ctx, func(tx *sql.Tx) error {
			var version, appID int
			if err := tx.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
				return dbError(err)
			}
			if err := tx.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
				return dbError(err)
			}
			if appID != ApplicationID && (appID != 0 || version != 0) {
				return fmt.Errorf("%s is an SQLite database of another application, not a maturity database; nothing was changed", s.path)
			}
			if version > len(migrations) {
				return newerError(s.path, version)
			}
			if version == len(migrations) {
				done = true
				return nil
			}
			if version == 0 {
				var n int
				if err := tx.QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
					return dbError(err)
				}
				if n > 0 {
					return fmt.Errorf("%s is an SQLite database of another application, not a maturity database; nothing was changed", s.path)
				}
			}
			if err := migrations[version](tx, s); err != nil {
				return fmt.Errorf("upgrade database schema to %d: %w", version+1, err)
			}
			if _, err := tx.Exec(fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID)); err != nil {
				return dbError(err)
			}
			_, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, version+1))
			return dbError(err)
		})
		if err != nil || done {
			return err
		}
	}
}

func migrate1(tx *sql.Tx, s *Store) error {
	const schema = `
CREATE TABLE model (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	document   TEXT NOT NULL,  -- the model as YAML, as roadmap.WriteModel writes it
	updated_at INTEGER NOT NULL  -- Unix nanoseconds, as every timestamp here
);
CREATE TABLE initiatives (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused
	title       TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	domain      TEXT NOT NULL,
	level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
	quarter     TEXT NOT NULL DEFAULT '',  -- YYYY-QN, '' for the backlog
	status      TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
	owner       TEXT NOT NULL DEFAULT '',
	effort      REAL,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	done_at     INTEGER NOT NULL DEFAULT 0  -- 0 unless done
);
CREATE TABLE dependencies (
	initiative_id INTEGER NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
	depends_on    INTEGER NOT NULL REFERENCES initiatives (id),
	PRIMARY KEY (initiative_id, depends_on),
	CHECK (initiative_id <> depends_on)
) WITHOUT ROWID;
CREATE INDEX dependencies_by_target ON dependencies (depends_on);
CREATE TABLE assessments (
	id     INTEGER PRIMARY KEY AUTOINCREMENT,
	domain TEXT NOT NULL,
	level  INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
	note   TEXT NOT NULL DEFAULT '',
	actor  TEXT NOT NULL,
	at     INTEGER NOT NULL
);
CREATE TABLE history (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	at            INTEGER NOT NULL,
	actor         TEXT NOT NULL,
	initiative_id INTEGER,            -- no foreign key: history outlives deletes
	action        TEXT NOT NULL,
	field         TEXT NOT NULL DEFAULT '',
	old           TEXT NOT NULL DEFAULT '',
	new           TEXT NOT NULL DEFAULT '',
	reason        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX history_by_initiative ON history (initiative_id, id);
`
	if _, err := tx.Exec(schema + levelIndex); err != nil {
		return err
	}
	var doc bytes.Buffer
	if err := roadmap.WriteModel(&doc, roadmap.DefaultModel()); err != nil {
		return err
	}
	_, err := tx.Exec(`INSERT INTO model (id, document, updated_at) VALUES (1, ?, ?)`, doc.String(), formatTime(s.now()))
	return err
}
