// Package atomicfile writes output files, for the command line and the
// dashboard alike. A regular file is written whole or not at all: readers
// see either the old content or the whole new content, never a part, and
// a crash leaves at most a hidden temporary file next to it. A device,
// FIFO or socket is written in place, as a shell's ">" would. A file that
// must not be written (the open database and the files SQLite keeps next
// to it) is refused before anything is written.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Protected is a file that output must never replace, and what to call it
// in the refusal ("the database itself").
type Protected struct {
	Path string
	What string
}

// Options say how to write an output file.
type Options struct {
	// Perm is the mode of a new file before the umask applies: 0666 for
	// what anyone may read, 0600 for files that hold the whole database.
	// A replaced file keeps its own mode.
	Perm os.FileMode
	// Stdout receives what is written to "-" or "/dev/stdout"; when nil,
	// those names are refused.
	Stdout io.Writer
	// Protect lists files never to write, compared as files (after
	// following symbolic links, by device and inode) where they exist and
	// by path where they do not yet.
	Protect []Protected
}

// Kind says how a target is written.
type Kind int

// The kinds of target.
const (
	NewFile Kind = iota // nothing there yet: created whole
	Regular             // an existing regular file: replaced whole
	Special             // a device, FIFO or socket: written in place
	Stdout              // standard output
)

// Target is where an output path leads, checked and ready to write.
type Target struct {
	// Name is the path as given, for messages.
	Name string
	// Path is the file written: Name with symbolic links followed, so that
	// a link stays a link and the file it points to is replaced.
	Path string
	Kind Kind
	mode os.FileMode // the replaced file's
	info os.FileInfo // the replaced file's
	opt  Options
}

// Write resolves path and writes it with fn (see Target.Write).
func Write(path string, opt Options, fn func(w io.Writer) error) error {
	t, err := Resolve(path, opt)
	if err != nil {
		return err
	}
	return t.Write(fn)
}

// Resolve finds where path leads and refuses what must not be written: a
// folder, a protected file, standard output when there is none.
func Resolve(path string, opt Options) (Target, error) {
	t := Target{Name: path, Path: path, opt: opt}
	if path == "-" || filepath.Clean(path) == "/dev/stdout" {
		if opt.Stdout == nil {
			return t, fmt.Errorf("cannot write %s: there is no standard output here; give a file name", path)
		}
		t.Kind = Stdout
		return t, nil
	}
	if path == "" {
		return t, errors.New("cannot write a file without a name")
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return t, fmt.Errorf("cannot write %s: it is a folder", path)
	case err == nil && !st.Mode().IsRegular():
		// Writing in place is what the user asked of a device or a pipe;
		// renaming over it would replace the device node itself.
		t.Kind = Special
		return t, nil
	case err == nil:
		t.Kind, t.mode, t.info = Regular, st.Mode().Perm(), st
	case !errors.Is(err, fs.ErrNotExist):
		return t, fmt.Errorf("cannot write %s: %v", path, unwrap(err))
	}
	if t.Path, err = followLinks(path); err != nil {
		return t, fmt.Errorf("cannot write %s: %v", path, err)
	}
	for _, p := range opt.Protect {
		if sameFile(t.Path, t.info, p.Path) {
			return t, fmt.Errorf("cannot write %s: it is %s", path, p.What)
		}
	}
	return t, nil
}

// Replaces reports whether writing the target replaces an existing file.
func (t Target) Replaces() bool { return t.Kind == Regular }

// Write calls fn with a writer on the target. A regular file is written to
// a temporary file in the same folder, which is synced to disk and renamed
// over the target once fn has succeeded, and the folder is synced; on any
// error the target is left as it was. A special file is opened and written
// in place; standard output is written directly.
func (t Target) Write(fn func(w io.Writer) error) error {
	switch t.Kind {
	case Stdout:
		return fn(t.opt.Stdout)
	case Special:
		f, err := os.OpenFile(t.Path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("cannot write %s: %v", t.Name, unwrap(err))
		}
		if err := t.run(f, fn); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("cannot write %s: %v", t.Name, unwrap(err))
		}
		return nil
	}
	return t.replace(func(f *os.File) error { return t.run(f, fn) })
}

// Create makes the target with fill, which must create the file at the
// path it is given (an empty file is there already, with the right mode),
// as SQLite's VACUUM INTO does. Like Write, the target is replaced whole,
// only once fill has succeeded. Only a regular file can be created so.
func (t Target) Create(fill func(path string) error) error {
	if t.Kind == Stdout || t.Kind == Special {
		return fmt.Errorf("cannot write %s: it is not a regular file", t.Name)
	}
	return t.replace(func(f *os.File) error {
		if err := fill(f.Name()); err != nil {
			return err
		}
		// fill wrote through its own handle: reopen to sync what it wrote.
		g, err := os.Open(f.Name())
		if err != nil {
			return fmt.Errorf("cannot write %s: %v", t.Name, unwrap(err))
		}
		defer g.Close()
		if err := g.Sync(); err != nil {
			return fmt.Errorf("cannot write %s: %v", t.Name, unwrap(err))
		}
		return nil
	})
}

// run calls fn on f, naming the target in an error that writing to f
// caused.
func (t Target) run(f *os.File, fn func(w io.Writer) error) error {
	w := &recordingWriter{w: f}
	err := fn(w)
	if err != nil && w.err != nil && errors.Is(err, w.err) {
		return fmt.Errorf("cannot write %s: %v", t.Name, unwrap(w.err))
	}
	return err
}

// replace fills a new temporary file next to the target with fn, then
// renames it over the target.
func (t Target) replace(fn func(f *os.File) error) error {
	fail := func(err error) error { return fmt.Errorf("cannot write %s: %v", t.Name, unwrap(err)) }
	dir := filepath.Dir(t.Path)
	perm := t.opt.Perm
	if perm == 0 {
		perm = 0o666
	}
	tmp, err := createTemp(dir, filepath.Base(t.Path), perm)
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := fn(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if t.Kind == Regular {
		if err := os.Chmod(tmp.Name(), t.mode); err != nil {
			return fail(err)
		}
		keepOwner(tmp.Name(), t.info)
	}
	if err := os.Rename(tmp.Name(), t.Path); err != nil {
		return fail(err)
	}
	// The rename is on disk only once the folder is.
	if err := SyncDir(dir); err != nil {
		return fail(err)
	}
	return nil
}

// createTemp creates a new, empty, hidden file in dir whose name starts
// with base, with mode perm less the umask (os.CreateTemp would give
// 0600 whatever the umask).
func createTemp(dir, base string, perm os.FileMode) (*os.File, error) {
	for range 100 {
		var b [6]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, "."+base+"."+hex.EncodeToString(b[:])+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, errors.New("cannot find a free temporary file name")
}

// SyncDir makes the entries of dir durable (a file created or renamed
// in it), where the file system can sync folders.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !dirSyncUnsupported(err) {
		return err
	}
	return nil
}

// followLinks follows path through symbolic links to the file they end at,
// which need not exist (a dangling link names the file to create).
func followLinks(path string) (string, error) {
	for range 64 {
		st, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", unwrap(err)
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", unwrap(err)
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return "", errors.New("too many levels of symbolic links")
}

// sameFile reports whether the target (with its FileInfo when it exists)
// is the file at protected: the same device and inode when both exist,
// else the same path once symbolic links are followed.
func sameFile(target string, info os.FileInfo, protected string) bool {
	pinfo, err := os.Stat(protected)
	if info != nil || err == nil {
		return info != nil && err == nil && os.SameFile(info, pinfo)
	}
	return canonical(target) == canonical(protected)
}

// canonical returns an absolute path with the symbolic links of its
// folders and of the file itself followed.
func canonical(path string) string {
	if p, err := followLinks(path); err == nil {
		path = p
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return abs
	}
	return filepath.Join(dir, filepath.Base(abs))
}

// recordingWriter keeps the first error of the writer it wraps, so that
// an error of the file can be told from one of the content.
type recordingWriter struct {
	w   io.Writer
	err error
}

func (r *recordingWriter) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil && r.err == nil {
		r.err = err
	}
	return n, err
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
