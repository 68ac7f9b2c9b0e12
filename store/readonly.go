package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// readOnlyError is SQLite refusing to write because a file it needs is
// read-only (dbError makes one); the store explains which (explain).
type readOnlyError struct{ err error }

func (e *readOnlyError) Error() string { return "the database is read-only: " + e.err.Error() }
func (e *readOnlyError) Unwrap() error { return e.err }

// explain turns a read-only refusal into a message naming the file at
// fault and what to do: the folder (SQLite creates files next to the
// database, even to read it), the database file, or -wal and -shm files
// left read-only from a time the database itself was (SQLite gives them
// the database's mode, and nothing changes them back). doing says what
// was refused: "change" or "read". Other errors pass unchanged.
func (s *Store) explain(err error, doing string) error {
	var ro *readOnlyError
	var done *explainedError
	if !errors.As(err, &ro) || errors.As(err, &done) {
		return err
	}
	dir := filepath.Dir(s.path)
	switch {
	case !folderWritable(dir):
		return explained(ro, "cannot %s the roadmap: the folder %s is read-only, and SQLite needs to create files next to the database even to read it; make it writable (chmod u+w %s); nothing was changed", doing, dir, dir)
	case !fileWritable(s.path):
		return explained(ro, "cannot %s the roadmap: %s is read-only; make it writable (chmod u+w %s) to change it; nothing was changed", doing, s.path, s.path)
	}
	var stale []string
	for _, side := range []string{s.path + "-wal", s.path + "-shm"} {
		if !fileWritable(side) {
			stale = append(stale, side)
		}
	}
	switch len(stale) {
	case 1:
		return explained(ro, "cannot %s the roadmap: %s is read-only, left from a time the database was read-only; make it writable (chmod u+w %s), or delete it while no maturity is running; nothing was changed", doing, stale[0], stale[0])
	case 2:
		return explained(ro, "cannot %s the roadmap: %s and %s are read-only, left from a time the database was read-only; make them writable (chmod u+w %s %s), or delete them while no maturity is running; nothing was changed", doing, stale[0], stale[1], stale[0], stale[1])
	}
	return err
}

// explainedError is a read-only refusal with its explanation; it still
// unwraps to the refusal.
type explainedError struct {
	msg string
	ro  *readOnlyError
}

func (e *explainedError) Error() string { return e.msg }
func (e *explainedError) Unwrap() error { return e.ro }

func explained(ro *readOnlyError, format string, args ...any) error {
	return &explainedError{msg: fmt.Sprintf(format, args...), ro: ro}
}

// fileWritable reports whether path can be opened for writing; a file
// that is not there is no obstacle.
func fileWritable(path string) bool {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return !errors.Is(err, os.ErrPermission)
	}
	f.Close()
	return true
}

// folderWritable reports whether a file can be created in dir.
func folderWritable(dir string) bool {
	f, err := os.CreateTemp(dir, ".maturity-probe-*")
	if err != nil {
		return !errors.Is(err, os.ErrPermission)
	}
	f.Close()
	os.Remove(f.Name())
	return true
}
