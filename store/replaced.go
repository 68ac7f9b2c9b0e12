package store

import (
	"errors"
	"fmt"
	"os"
)

// ErrReplaced is the kind of error (errors.Is) of a write refused because
// the database file at the store's path is no longer the one it opened:
// deleted, or another file moved in its place. SQLite would go on writing
// into the file it has open, and every change would be lost when it
// closes; so nothing more is written.
var ErrReplaced = errors.New("the database file was deleted or replaced")

// ReplacedError says what became of the database file.
type ReplacedError struct {
	Path    string
	Deleted bool // else another file is at Path
}

func (e *ReplacedError) Error() string {
	if e.Deleted {
		return fmt.Sprintf("the database file %s was deleted while it was open; nothing more is saved", e.Path)
	}
	return fmt.Sprintf("the database file %s was replaced by another file while it was open; nothing more is saved", e.Path)
}

// Is makes errors.Is(err, ErrReplaced) hold.
func (e *ReplacedError) Is(target error) bool { return target == ErrReplaced }

// retire empties the store's write-ahead log into the file it has open,
// once its path leads elsewhere: the log stays at the path, and left full
// it would be read as part of whatever database is there next.
func (s *Store) retire() {
	_, _ = s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
}

// checkFile compares the file at the store's path with the one it opened,
// by device and inode: one stat.
func (s *Store) checkFile() error {
	if s.file == nil {
		return nil // still opening
	}
	st, err := os.Stat(s.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return &ReplacedError{Path: s.path, Deleted: true}
	case err != nil:
		return fmt.Errorf("database %s: %w", s.path, err)
	case !os.SameFile(s.file, st):
		return &ReplacedError{Path: s.path}
	}
	return nil
}
