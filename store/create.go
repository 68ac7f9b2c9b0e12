package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"maturity/internal/atomicfile"
)

// create makes a new database at path: set up whole (schema, model) in a
// temporary file in the same folder, closed, then hard-linked to path.
// The link fails if path exists meanwhile: another process made the
// database first, and that one is used. So no process ever sees a new
// database before it is whole (which it would refuse as an empty file).
func create(ctx context.Context, path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create database folder: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.new")
	if err != nil {
		return fmt.Errorf("create database: %w", err)
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"} {
			os.Remove(p)
		}
	}()
	s, err := openFile(ctx, tmp)
	if err != nil {
		return err
	}
	// Closing the only connection folds the WAL into the file.
	if err := s.Close(); err != nil {
		return fmt.Errorf("create database: %w", dbError(err))
	}
	err = os.Link(tmp, path)
	switch {
	case err == nil, errors.Is(err, os.ErrExist):
	case linkUnsupported(err):
		// Without hard links (some network and FUSE file systems) a
		// rename must do, checked first; two processes creating the
		// same database at the same instant there may race.
		if _, serr := os.Lstat(path); errors.Is(serr, os.ErrNotExist) {
			if err := os.Rename(tmp, path); err != nil {
				return fmt.Errorf("create database: %w", err)
			}
		}
	default:
		return fmt.Errorf("create database: %w", err)
	}
	if err := atomicfile.SyncDir(dir); err != nil {
		return fmt.Errorf("create database: %w", err)
	}
	return nil
}

// linkUnsupported reports whether a failed os.Link means the file system
// has no hard links, rather than that linking failed.
func linkUnsupported(err error) bool {
	return errors.Is(err, errors.ErrUnsupported) || errors.Is(err, os.ErrPermission)
}
