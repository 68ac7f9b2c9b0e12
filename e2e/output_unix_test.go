//go:build unix

package e2e

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// outputCommands are the commands that write an output file with -o, and
// the mode a new file of theirs gets under umask 022.
var outputCommands = []struct {
	name string
	args []string
	mode os.FileMode
}{
	{"export", []string{"export"}, 0o644},
	{"export as Markdown", []string{"export", "--format", "markdown"}, 0o644},
	{"export as JSON", []string{"export", "--format", "json"}, 0o600},
	{"model export", []string{"model", "export"}, 0o644},
}

// TestOutputFiles runs every command that writes an output file against
// each kind of target: what it must write, and what must stay as it was.
func TestOutputFiles(t *testing.T) {
	rn := newRunner(t, "output-test")
	dir := t.TempDir()
	db := filepath.Join(dir, "roadmap.db")
	makeBadInputRoadmap(t, rn, db)

	for _, c := range outputCommands {
		want := rn.must(t, append([]string{"--db", db}, c.args...)...).stdout
		with := func(out string) []string { return append(append([]string{"--db", db}, c.args...), "-o", out) }
		t.Run(c.name, func(t *testing.T) {
			t.Run("to standard output", func(t *testing.T) {
				guardDevStdout(t)
				for _, name := range []string{"-", "/dev/stdout"} {
					r := rn.must(t, with(name)...)
					if r.stdout != want {
						t.Errorf("-o %s wrote %d bytes to standard output, want %d", name, len(r.stdout), len(want))
					}
					if r.stderr != "" {
						t.Errorf("-o %s: stderr %q", name, r.stderr)
					}
				}
			})

			t.Run("a new file gets its mode from the umask", func(t *testing.T) {
				for _, u := range []struct {
					umask string
					mode  os.FileMode
				}{{"022", c.mode}, {"077", 0o600}, {"002", c.mode | (c.mode&0o040)>>1}} {
					out := filepath.Join(t.TempDir(), "out")
					r := runUmask(t, u.umask, with(out)...)
					if r.code != 0 {
						t.Fatalf("%v", r)
					}
					if got := modeOf(t, out); got != u.mode {
						t.Errorf("umask %s: mode %v, want %v", u.umask, got, u.mode)
					}
					if r.stderr != "wrote "+out+"\n" {
						t.Errorf("stderr %q", r.stderr)
					}
				}
			})

			t.Run("a replaced file keeps its mode", func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out")
				if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(out, 0o640); err != nil {
					t.Fatal(err)
				}
				rn.must(t, with(out)...)
				if got := modeOf(t, out); got != 0o640 {
					t.Errorf("mode %v, want 0640 as before", got)
				}
				if got := fileText(t, out); got != want {
					t.Errorf("the file holds %d bytes, want %d", len(got), len(want))
				}
			})

			t.Run("a symbolic link is followed and stays a link", func(t *testing.T) {
				d := t.TempDir()
				real := filepath.Join(d, "real")
				link := filepath.Join(d, "link")
				if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink("real", link); err != nil {
					t.Fatal(err)
				}
				rn.must(t, with(link)...)
				if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
					t.Errorf("the link was replaced: %v", err)
				}
				if got := fileText(t, real); got != want {
					t.Errorf("the linked file holds %d bytes, want %d", len(got), len(want))
				}
			})

			t.Run("a FIFO is written in place", func(t *testing.T) {
				fifo := filepath.Join(t.TempDir(), "pipe")
				if err := syscall.Mkfifo(fifo, 0o600); err != nil {
					t.Skip("cannot make a FIFO:", err)
				}
				got := make(chan string, 1)
				go func() {
					f, err := os.Open(fifo)
					if err != nil {
						got <- err.Error()
						return
					}
					defer f.Close()
					b, _ := io.ReadAll(f)
					got <- string(b)
				}()
				rn.must(t, with(fifo)...)
				if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
					// The reader still waits on the FIFO that was replaced.
					t.Fatalf("the FIFO was replaced: %v", err)
				}
				if s := <-got; s != want {
					t.Errorf("the reader got %d bytes, want %d", len(s), len(want))
				}
			})

			t.Run("a device is written in place", func(t *testing.T) {
				dev := nullDevice(t)
				before, err := os.Stat(dev)
				if err != nil {
					t.Fatal(err)
				}
				rn.must(t, with(dev)...)
				after, err := os.Stat(dev)
				if err != nil || !os.SameFile(before, after) || after.Mode()&os.ModeCharDevice == 0 {
					t.Errorf("%s is no longer the device: %v", dev, err)
				}
			})
		})
	}
}

// TestBackupFiles: a backup is a new file of mode 0600 whatever the umask,
// follows a symbolic link with --force, and refuses what is not a regular
// file.
func TestBackupFiles(t *testing.T) {
	rn := newRunner(t, "output-test")
	dir := t.TempDir()
	db := filepath.Join(dir, "roadmap.db")
	makeBadInputRoadmap(t, rn, db)
	want := dumpHash(t, rn, db)

	out := filepath.Join(dir, "backup.db")
	if r := runUmask(t, "000", "--db", db, "backup", out); r.code != 0 {
		t.Fatal(r)
	}
	if got := modeOf(t, out); got != 0o600 {
		t.Errorf("backup mode %v under umask 000, want 0600", got)
	}
	if got := dumpHash(t, rn, out); got != want {
		t.Error("the backup does not hold the database")
	}

	real := filepath.Join(dir, "real.db")
	link := filepath.Join(dir, "link.db")
	if err := os.WriteFile(real, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.db", link); err != nil {
		t.Fatal(err)
	}
	if r := rn.run("--db", db, "backup", link); r.code != 1 || !strings.Contains(r.stderr, "exists") {
		t.Errorf("a backup onto a link to an existing file without --force: %v", r)
	}
	rn.must(t, "--db", db, "backup", "--force", link)
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if got := modeOf(t, real); got != 0o640 {
		t.Errorf("the replaced file's mode is %v, want 0640 as before", got)
	}
	if got := dumpHash(t, rn, real); got != want {
		t.Error("the backup through the link does not hold the database")
	}

	dev := nullDevice(t)
	if r := rn.run("--db", db, "backup", "--force", dev); r.code != 1 || !strings.Contains(r.stderr, "not a regular file") {
		t.Errorf("a backup onto a device: %v", r)
	}
	if st, err := os.Stat(dev); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("%s is no longer a device: %v", dev, err)
	}
}

// guardDevStdout makes sure that /dev/stdout is still the link it was
// once the test ends: a program that renamed its output over it (as one
// did, run as root) would break every later use of /dev/stdout on the
// machine. The test fails and the link is put back.
func guardDevStdout(t *testing.T) {
	target, err := os.Readlink("/dev/stdout")
	if err != nil {
		return
	}
	t.Cleanup(func() {
		if now, err := os.Readlink("/dev/stdout"); err == nil && now == target {
			return
		}
		t.Errorf("/dev/stdout was replaced; putting the link to %s back", target)
		os.Remove("/dev/stdout")
		if err := os.Symlink(target, "/dev/stdout"); err != nil {
			t.Errorf("cannot put /dev/stdout back: %v", err)
		}
	})
}

// nullDevice returns a character device that discards what is written to
// it: as root a private copy of /dev/null in a temporary folder (so that
// a program that would replace it cannot break the machine), else
// /dev/null itself, which others cannot replace.
func nullDevice(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		return os.DevNull
	}
	st, err := os.Stat(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	dev := filepath.Join(t.TempDir(), "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(st.Sys().(*syscall.Stat_t).Rdev)); err != nil {
		t.Skip("cannot make a device node:", err)
	}
	if f, err := os.OpenFile(dev, os.O_WRONLY, 0); err != nil {
		t.Skip("the device node cannot be opened here (a nodev mount?):", err)
	} else {
		f.Close()
	}
	return dev
}

// runUmask runs the binary under the given umask (set by a shell, as the
// test process's own is shared by its goroutines).
func runUmask(t *testing.T, umask string, args ...string) result {
	t.Helper()
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	cmd := exec.Command("/bin/sh", "-c", fmt.Sprintf("umask %s && exec '%s' %s", umask, binary, strings.Join(quoted, " ")))
	cmd.Env = []string{"HOME=" + t.TempDir(), "MATURITY_USER=output-test", "TZ=UTC", "PATH=" + os.Getenv("PATH")}
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{args: args, stdout: out.String(), stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}

func modeOf(t *testing.T, path string) os.FileMode {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

func fileText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
