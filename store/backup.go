package store

import (
	"context"
	"fmt"

	"maturity/internal/atomicfile"
)

// Backup writes a consistent copy of the database to path (VACUUM INTO):
// a compact, ordinary database file, taken from one read snapshot while
// other processes keep reading and writing. The copy is made in a
// temporary file of mode 0600 next to path, synced to disk and renamed
// over path, and the folder is synced: path is never half-written, and a
// crash leaves at most the hidden temporary file. An existing path is
// refused unless force; a replaced file keeps its mode, and a symbolic
// link is followed. The database and the files SQLite keeps next to it,
// and what is not a regular file, are refused.
func (s *Store) Backup(ctx context.Context, path string, force bool) error {
	t, err := atomicfile.Resolve(path, atomicfile.Options{Perm: 0o600, Protect: s.Files()})
	if err != nil {
		return err
	}
	if t.Replaces() && !force {
		return fmt.Errorf("%s exists: choose another name, or replace it with --force", path)
	}
	return t.Create(func(tmp string) error {
		// VACUUM INTO fills the empty file Create made.
		if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
			return fmt.Errorf("backup to %s: %v", path, dbError(err))
		}
		return nil
	})
}
