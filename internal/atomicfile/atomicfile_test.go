package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeString(s string) func(w io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// entries lists a folder's file names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteCreatesAndReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := Write(path, Options{Perm: 0o666}, writeString("one\n")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != "one\n" {
		t.Errorf("new file holds %q", got)
	}
	if err := Write(path, Options{Perm: 0o666}, writeString("two\n")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != "two\n" {
		t.Errorf("replaced file holds %q", got)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("the folder holds %q, want only the file", got)
	}
}

func TestAFailedWriteLeavesTheFileAsItWas(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(path, Options{Perm: 0o666}, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want fn's", err)
	}
	if got := read(t, path); got != "old\n" {
		t.Errorf("the file holds %q after a failed write", got)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("the folder holds %q, want no temporary file left", got)
	}
}

func TestAReplacedFileKeepsItsMode(t *testing.T) {
	for _, mode := range []os.FileMode{0o600, 0o640, 0o644, 0o664} {
		t.Run(mode.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out.csv")
			if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, mode); err != nil {
				t.Fatal(err)
			}
			// A dump asks for 0600: that is for new files only.
			if err := Write(path, Options{Perm: 0o600}, writeString("new\n")); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != mode {
				t.Errorf("mode %v after replacing, want %v", st.Mode().Perm(), mode)
			}
		})
	}
}

func TestASymlinkIsFollowedAndStaysALink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "roadmap.csv")
	if err := os.Mkdir(filepath.Dir(real), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A relative link to a relative link.
	mid := filepath.Join(dir, "data", "current.csv")
	if err := os.Symlink("roadmap.csv", mid); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	link := filepath.Join(dir, "out.csv")
	if err := os.Symlink(filepath.Join("data", "current.csv"), link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, Options{Perm: 0o666}, writeString("new\n")); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, mid} {
		if st, err := os.Lstat(l); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link (%v)", l, err)
		}
	}
	if got := read(t, real); got != "new\n" {
		t.Errorf("the file the links point to holds %q", got)
	}
	if got := entries(t, filepath.Dir(real)); len(got) != 2 {
		t.Errorf("the folder of the file holds %q", got)
	}

	t.Run("a dangling link creates the file it names", func(t *testing.T) {
		target := filepath.Join(dir, "data", "new.csv")
		dangling := filepath.Join(dir, "dangling.csv")
		if err := os.Symlink(target, dangling); err != nil {
			t.Fatal(err)
		}
		if err := Write(dangling, Options{Perm: 0o666}, writeString("made\n")); err != nil {
			t.Fatal(err)
		}
		if got := read(t, target); got != "made\n" {
			t.Errorf("the target holds %q", got)
		}
		if st, err := os.Lstat(dangling); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was replaced (%v)", err)
		}
	})
}

func TestStandardOutput(t *testing.T) {
	// Should /dev/stdout ever be taken for a file, renaming over it (as
	// root) would break it for the whole machine: put it back.
	if target, err := os.Readlink("/dev/stdout"); err == nil {
		t.Cleanup(func() {
			if now, err := os.Readlink("/dev/stdout"); err != nil || now != target {
				t.Errorf("/dev/stdout was replaced; putting the link back")
				os.Remove("/dev/stdout")
				os.Symlink(target, "/dev/stdout")
			}
		})
	}
	for _, name := range []string{"-", "/dev/stdout"} {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			if err := Write(name, Options{Perm: 0o666, Stdout: &out}, writeString("to stdout\n")); err != nil {
				t.Fatal(err)
			}
			if out.String() != "to stdout\n" {
				t.Errorf("standard output got %q", out.String())
			}
			err := Write(name, Options{Perm: 0o666}, writeString("x"))
			if err == nil || !strings.Contains(err.Error(), "there is no standard output here") {
				t.Errorf("without a standard output: %v", err)
			}
		})
	}
}

func TestAFolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	err := Write(dir, Options{Perm: 0o666}, writeString("x"))
	if err == nil || !strings.Contains(err.Error(), "it is a folder") {
		t.Errorf("writing a folder: %v", err)
	}
}

func TestProtectedFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "roadmap.db")
	if err := os.WriteFile(db, []byte("the database"), 0o600); err != nil {
		t.Fatal(err)
	}
	protect := []Protected{
		{Path: db, What: "the database itself"},
		{Path: db + "-wal", What: "the database's write-ahead log"},
		{Path: db + "-shm", What: "the database's shared-memory index"},
	}
	link := filepath.Join(dir, "link.db")
	hard := filepath.Join(dir, "hard.db")
	walLink := filepath.Join(dir, "wal-link")
	other := filepath.Join(dir, "other")
	if err := os.Symlink(db, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(db+"-wal", walLink); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(other, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(other, "up")); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(mustGetwd(t), db)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, path, want string }{
		{"the database", db, "it is the database itself"},
		{"the database by a relative path", rel, "it is the database itself"},
		{"the database through a symbolic link", link, "it is the database itself"},
		{"a hard link to the database", hard, "it is the database itself"},
		{"the database through a linked folder", filepath.Join(other, "up", "roadmap.db"), "it is the database itself"},
		{"the write-ahead log, not there yet", db + "-wal", "it is the database's write-ahead log"},
		{"a dangling link to the write-ahead log", walLink, "it is the database's write-ahead log"},
		{"the shared-memory index through a linked folder", filepath.Join(other, "up", "roadmap.db-shm"), "it is the database's shared-memory index"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Write(c.path, Options{Perm: 0o666, Protect: protect}, writeString("csv"))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
			if got := read(t, db); got != "the database" {
				t.Errorf("the database holds %q", got)
			}
			for _, f := range []string{db + "-wal", db + "-shm"} {
				if _, err := os.Lstat(f); err == nil {
					t.Errorf("%s was created", f)
				}
			}
		})
	}
	t.Run("another file in the folder is fine", func(t *testing.T) {
		if err := Write(filepath.Join(dir, "roadmap.csv"), Options{Perm: 0o666, Protect: protect}, writeString("csv")); err != nil {
			t.Error(err)
		}
	})
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func TestCreateFillsATemporaryFileFirst(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.db")
	tgt, err := Resolve(path, Options{Perm: 0o600})
	if err != nil {
		t.Fatal(err)
	}
	var seen string
	err = tgt.Create(func(tmp string) error {
		seen = tmp
		if filepath.Dir(tmp) != dir {
			t.Errorf("temporary file %s is not in the target's folder", tmp)
		}
		if st, err := os.Stat(tmp); err != nil || st.Size() != 0 {
			t.Errorf("the temporary file is not there and empty: %v", err)
		}
		if _, err := os.Stat(path); err == nil {
			t.Error("the target exists before the copy is whole")
		}
		return os.WriteFile(tmp, []byte("copy"), 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != "copy" {
		t.Errorf("target holds %q", got)
	}
	if _, err := os.Stat(seen); err == nil {
		t.Error("the temporary file is left")
	}

	t.Run("a failed fill leaves nothing", func(t *testing.T) {
		path := filepath.Join(dir, "failed.db")
		tgt, err := Resolve(path, Options{Perm: 0o600})
		if err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		if err := tgt.Create(func(tmp string) error { return boom }); !errors.Is(err, boom) {
			t.Fatalf("error %v", err)
		}
		if got := entries(t, dir); len(got) != 1 {
			t.Errorf("the folder holds %q", got)
		}
	})
}
