//go:build unix

package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestNewFilesFollowTheUmask(t *testing.T) {
	// The umask is the process's: no parallel tests here.
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	for _, c := range []struct {
		perm, want os.FileMode
	}{
		{0o666, 0o640}, // an export: readable as the umask allows
		{0o600, 0o600}, // a dump or a backup: the owner's only
	} {
		path := filepath.Join(dir, c.perm.String())
		if err := Write(path, Options{Perm: c.perm}, writeString("x")); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != c.want {
			t.Errorf("perm %v under umask 027: mode %v, want %v", c.perm, st.Mode().Perm(), c.want)
		}
	}
	syscall.Umask(0o002)
	path := filepath.Join(dir, "group-writable")
	if err := Write(path, Options{Perm: 0o666}, writeString("x")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o664 {
		t.Errorf("under umask 002: mode %v, want 0664", st.Mode().Perm())
	}
}

func TestAFIFOIsWrittenInPlace(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("cannot make a FIFO here:", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := Write(fifo, Options{Perm: 0o666}, writeString("through the pipe\n")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe\n" {
		t.Errorf("the reader got %q", s)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", st.Mode(), err)
	}
}

func TestADeviceIsWrittenInPlace(t *testing.T) {
	before, err := os.Stat(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	tgt, err := Resolve(os.DevNull, Options{Perm: 0o666})
	if err != nil {
		t.Fatal(err)
	}
	if tgt.Kind != Special || tgt.Replaces() {
		t.Errorf("%s resolves to kind %d", os.DevNull, tgt.Kind)
	}
	if err := tgt.Write(writeString("discarded")); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(os.DevNull)
	if err != nil || !os.SameFile(before, after) || after.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer the device: %v %v", os.DevNull, after.Mode(), err)
	}
	// A device that refuses the data: the error names it.
	if _, err := os.Stat("/dev/full"); err == nil {
		err := Write("/dev/full", Options{Perm: 0o666}, func(w io.Writer) error {
			_, err := w.Write(make([]byte, 1<<16))
			return err
		})
		if err == nil || err.Error() != "cannot write /dev/full: no space left on device" {
			t.Errorf("writing /dev/full: %v", err)
		}
		if st, err := os.Stat("/dev/full"); err != nil || st.Mode()&os.ModeCharDevice == 0 {
			t.Errorf("/dev/full is no longer a device: %v", err)
		}
	}
}
