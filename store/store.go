// Package store keeps a roadmap in an SQLite database file. It knows SQL and
// nothing of terminals: callers load a roadmap.Roadmap to compute on and
// call the store's operations to change it. Every operation runs in one
// transaction that begins immediately, validates against the data inside
// that transaction, records history, and commits or changes nothing.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"

	"maturity/internal/atomicfile"
)

// ApplicationID marks a maturity database in the SQLite header
// (PRAGMA application_id): "MATR".
const ApplicationID = 0x4d415452

// Store is an open roadmap database. It is safe for use by one goroutine at
// a time per operation; operations from several goroutines are serialised
// by its single connection.
type Store struct {
	db   *sql.DB
	path string
	file os.FileInfo // the database file as opened: its device and inode

	// Now is the clock for timestamps; time.Now when nil.
	Now func() time.Time
	// Today is the day the evidence is judged as of (the metrics' current
	// quarter, staleness) in every roadmap the store loads; the system
	// clock's when nil.
	Today func() time.Time
	// OnCommit, when set, is called after each commit of a change made
	// through this store (logins aside): the SSH server tells its other
	// dashboards, which PRAGMA data_version does not.
	OnCommit func()

	// writes counts the commits made through this store (Version).
	writes atomic.Int64
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Files lists the database file and the files SQLite keeps next to it:
// what no output file may replace.
func (s *Store) Files() []atomicfile.Protected {
	return []atomicfile.Protected{
		{Path: s.path, What: "the database itself"},
		{Path: s.path + "-wal", What: "the database's write-ahead log"},
		{Path: s.path + "-shm", What: "the database's shared-memory index"},
		{Path: s.path + "-journal", What: "the database's rollback journal"},
	}
}

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// OpenOptions qualify how a database file is opened.
type OpenOptions struct {
	// InitEmpty sets up an empty (0-byte) file as a new database, as
	// 'maturity init' does; otherwise such a file is refused, as it is
	// more likely a mistake (a truncated copy, the wrong path) than a
	// wish for a new roadmap.
	InitEmpty bool
}

// Open opens the roadmap database at path with no options (see OpenWith).
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, OpenOptions{})
}

// OpenWith opens the roadmap database at path, creating it and its folder
// when missing (folder mode 0700, file mode 0600) and bringing its schema
// up to date. A new database is set up whole in a temporary file and then
// linked into place, so that no process ever sees it half made. A file
// that is not a maturity database, an empty one (unless opt.InitEmpty),
// or one written by a newer version, is refused and left untouched.
func OpenWith(ctx context.Context, path string, opt OpenOptions) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database path %q: %w", path, err)
	}
	if err := prepareFile(ctx, abs, opt); err != nil {
		return nil, err
	}
	s, err := openFile(ctx, abs)
	if err != nil {
		return nil, err
	}
	if s.file, err = os.Stat(abs); err != nil {
		s.Close()
		return nil, fmt.Errorf("database %s: %w", abs, err)
	}
	return s, nil
}

// openFile opens an existing (or empty) database file and brings its
// schema up to date.
func openFile(ctx context.Context, abs string) (*Store, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	// 64 MiB of page cache: a 100k-row import stays in memory until commit.
	q.Add("_pragma", "cache_size(-65536)")
	q.Set("_txlock", "immediate")
	dsn := (&url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	// One connection: writes are serialised anyway, and PRAGMA data_version
	// must be read on the same connection each time to mean anything.
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	s := &Store{db: db, path: abs}
	connectWhenFree(ctx, db)
	if err := s.migrate(ctx); err != nil {
		db.Close()
		if strings.Contains(err.Error(), "unable to open database file") {
			return nil, fmt.Errorf("cannot open %s: the file or its folder cannot be written (SQLite needs to create files next to it)", abs)
		}
		return nil, err
	}
	return s, nil
}

// connectWhenFree opens the first connection, retrying for as long as the
// busy timeout while SQLite reports the database locked. The connection's
// journal_mode(WAL) pragma switches a new file to WAL under a lock SQLite
// does not wait for (no busy handler runs), so a process that opens a new
// database while another sets it up would otherwise fail at once. Other
// errors are left for the first transaction to report.
func connectWhenFree(ctx context.Context, db *sql.DB) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := db.PingContext(ctx)
		if err == nil || !strings.Contains(err.Error(), "SQLITE_BUSY") || time.Now().After(deadline) {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// Close closes the database.
func (s *Store) Close() error {
	if errors.Is(s.checkFile(), ErrReplaced) {
		s.retire()
	}
	return s.db.Close()
}

// prepareFile checks an existing file before SQLite touches it, or
// creates a new database at path.
func prepareFile(ctx context.Context, path string, opt OpenOptions) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return create(ctx, path)
	}
	if err != nil {
		return fmt.Errorf("database %s: %w", path, err)
	}
	if st.IsDir() {
		return fmt.Errorf("database %s is a folder, not a file", path)
	}
	if st.Size() == 0 {
		// A database that another process holds open may still have
		// everything in its WAL (one made by an older version, which let
		// SQLite fill the file in place).
		if wal, err := os.Stat(path + "-wal"); opt.InitEmpty || (err == nil && wal.Size() > 0) {
			return nil
		}
		return fmt.Errorf("%s is an empty file, not a maturity database; nothing was changed ('maturity init' sets up an empty file as a new database)", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("database %s: %w", path, err)
	}
	defer f.Close()
	header := make([]byte, 100)
	if _, err := io.ReadFull(f, header); err != nil || !bytes.HasPrefix(header, []byte("SQLite format 3\x00")) {
		return fmt.Errorf("%s is not a maturity database (not an SQLite file); nothing was changed", path)
	}
	userVersion := binary.BigEndian.Uint32(header[60:64])
	appID := binary.BigEndian.Uint32(header[68:72])
	if appID != ApplicationID && (appID != 0 || userVersion != 0) {
		return fmt.Errorf("%s is an SQLite database of another application, not a maturity database; nothing was changed", path)
	}
	if appID == ApplicationID && int(userVersion) > len(migrations) {
		return newerError(path, int(userVersion))
	}
	// A file in WAL mode (header bytes 18 and 19 are 2) may keep its real
	// header and tables in the -wal file, as a new maturity database that
	// another store holds open does; migrate checks it under lock, and
	// opening it changes nothing. Only a rollback-journal file must be
	// looked at first, as opening it would switch it to WAL.
	if appID == 0 && header[18] != 2 {
		return checkForeignTables(path)
	}
	return nil
}

// checkForeignTables refuses an SQLite file without our application id that
// already holds tables, reading it without changing it.
func checkForeignTables(path string) error {
	dsn := (&url.URL{Scheme: "file", Path: path, RawQuery: "mode=ro"}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
		return fmt.Errorf("%s is not a maturity database (%v); nothing was changed", path, err)
	}
	if n > 0 {
		return fmt.Errorf("%s is an SQLite database of another application, not a maturity database; nothing was changed", path)
	}
	return nil
}

func newerError(path string, version int) error {
	return fmt.Errorf("%s was written by a newer version of maturity (schema %d; this one knows up to %d): upgrade maturity to use it; nothing was changed",
		path, version, len(migrations))
}

// DataVersion returns a number that changes when another connection commits
// a change to the database. Poll it to notice changes made elsewhere. It
// fails with ErrReplaced when the database file was deleted or replaced.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	if err := s.checkFile(); err != nil {
		if errors.Is(err, ErrReplaced) {
			s.retire()
		}
		return 0, err
	}
	var v int64
	err := s.db.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v)
	return v, err
}

// tx runs fn in one write transaction (BEGIN IMMEDIATE), committing when fn
// returns nil and rolling back otherwise.
func (s *Store) tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.explain(dbError(err), "change")
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.explain(err, "change")
	}
	if err := tx.Commit(); err != nil {
		return s.explain(dbError(err), "change")
	}
	return nil
}

// readTx runs fn in a read-only transaction: one consistent snapshot that
// does not block writers.
func (s *Store) readTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s.explain(dbError(err), "read")
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to keep
	return s.explain(fn(tx), "read")
}

// dbError turns SQLite failures into messages a user can act on.
func dbError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "readonly"), strings.Contains(msg, "read-only"):
		return &readOnlyError{err}
	case strings.Contains(msg, "SQLITE_BUSY"), strings.Contains(msg, "database is locked"):
		return fmt.Errorf("the database is busy in another process; try again: %v", err)
	}
	return fmt.Errorf("database: %w", err)
}

// Timestamps are stored as Unix nanoseconds (UTC), 0 for none: exact, and
// cheap to read back by the hundred thousand.

func formatTime(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func parseTime(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
