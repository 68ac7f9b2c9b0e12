package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the database to path (VACUUM INTO):
// a compact, ordinary database file with mode 0600, taken from one read
// snapshot while other processes keep reading and writing. An existing
// path is refused unless force; then the copy is made next to it and
// renamed over it, so path is never half-written.
func (s *Store) Backup(ctx context.Context, path string, force bool) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if abs == s.path {
		return errors.New("the backup cannot replace the database itself")
	}
	st, err := os.Stat(abs)
	switch {
	case err == nil && st.IsDir():
		return fmt.Errorf("%s is a folder", path)
	case err == nil && !force:
		return fmt.Errorf("%s exists: choose another name, or replace it with --force", path)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	tmp := abs
	if err == nil {
		f, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".*.tmp")
		if err != nil {
			return fmt.Errorf("cannot write %s: %v", path, err)
		}
		tmp = f.Name()
		f.Close()
		os.Remove(tmp) // VACUUM INTO wants a name that does not exist
		defer os.Remove(tmp)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %v", path, dbError(err))
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return fmt.Errorf("backup to %s: %v", path, err)
	}
	// Make sure the copy is on disk before anyone relies on it.
	if f, err := os.Open(tmp); err == nil {
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("backup to %s: %v", path, err)
		}
	}
	if tmp != abs {
		if err := os.Rename(tmp, abs); err != nil {
			return fmt.Errorf("backup to %s: %v", path, err)
		}
	}
	return nil
}
