package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// TestDemoLeavesNothingBehind runs maturity demo, the real dashboard, in
// a pseudo-terminal, and ends it in every way a user can: q, ctrl+c, and
// the signals SIGINT, SIGTERM and SIGHUP (a closed terminal window). Each
// time the dashboard showed the sample roadmap, and afterwards the
// temporary folder is empty again and no database of the user's was made.
func TestDemoLeavesNothingBehind(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		end  func(p *ptyProcess) error
		note bool // the dashboard closed by itself and says what was removed
	}{
		{"q", func(p *ptyProcess) error { return p.write("q") }, true},
		{"ctrl+c", func(p *ptyProcess) error { return p.write("\x03") }, true},
		{"SIGINT", func(p *ptyProcess) error { return p.cmd.Process.Signal(syscall.SIGINT) }, false},
		{"SIGTERM", func(p *ptyProcess) error { return p.cmd.Process.Signal(syscall.SIGTERM) }, false},
		{"SIGHUP", func(p *ptyProcess) error { return p.cmd.Process.Signal(syscall.SIGHUP) }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			home, tmp := t.TempDir(), t.TempDir()
			p := startInPTY(t, []string{"HOME=" + home, "TMPDIR=" + tmp, "TERM=xterm-256color", "MATURITY_USER=demo", "TZ=UTC"},
				"demo", "--today", "2026-08-01")
			// The stage line shows once the sample is loaded (the first
			// frame says "loading…"; later frames redraw only the cells
			// that change, so a word drawn before may not be written again).
			if !p.waitFor("Overall stage", 20*time.Second) {
				t.Fatalf("the dashboard did not show the sample roadmap; the terminal shows:\n%q", p.output())
			}
			demoDirs, _ := filepath.Glob(filepath.Join(tmp, "maturity-demo-*"))
			if len(demoDirs) != 1 {
				t.Errorf("while the dashboard is open, the temporary folder holds %v, want one maturity-demo-* folder", demoDirs)
			} else if info, err := os.Stat(demoDirs[0]); err != nil || info.Mode().Perm() != 0o700 {
				t.Errorf("the demo's folder: %v, %v; want mode 0700", info, err)
			}
			if err := c.end(p); err != nil {
				t.Fatal(err)
			}
			code, err := p.wait(20 * time.Second)
			if err != nil {
				t.Fatalf("%v; the terminal shows:\n%q", err, p.output())
			}
			if code != 0 {
				t.Errorf("exit status %d, want 0; the terminal shows:\n%q", code, p.output())
			}
			if left := listDir(t, tmp); len(left) > 0 {
				t.Errorf("the temporary folder still holds %v", left)
			}
			if left := listDir(t, home); len(left) > 0 {
				t.Errorf("HOME holds %v: the demo made a database of the user's", left)
			}
			if !strings.Contains(p.output(), leaveAltScreen) {
				t.Errorf("the terminal was not restored (no %q); it shows:\n%q", leaveAltScreen, p.output())
			}
			if got := strings.Contains(p.output(), "the demo's database is removed"); got != c.note {
				t.Errorf("the closing note shown: %v, want %v; the terminal shows:\n%q", got, c.note, p.output())
			}
		})
	}
}

// TestDashboardEndsOnSignals sends the dashboard (maturity tui) each
// signal that asks a program to end: it must restore the terminal and
// exit, as it does on q. (On SIGINT it used to hang: the command line
// cancelled the dashboard's context while Bubble Tea handled the same
// signal, and Bubble Tea deadlocked.)
func TestDashboardEndsOnSignals(t *testing.T) {
	t.Parallel()
	rn := newRunner(t, "signals")
	db := filepath.Join(t.TempDir(), "roadmap.db")
	rn.must(t, "--db", db, "init", "--demo", "--today", "2026-08-01")
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			p := startInPTY(t, append(rn.env, "TERM=xterm-256color"), "--db", db, "--today", "2026-08-01", "tui")
			if !p.waitFor("Overall stage", 20*time.Second) {
				t.Fatalf("the dashboard did not open; the terminal shows:\n%q", p.output())
			}
			if err := p.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			code, err := p.wait(20 * time.Second)
			switch {
			case err != nil:
				t.Fatalf("%v; the terminal shows:\n%q", err, p.output())
			case code != 0:
				t.Errorf("exit status %d, want 0; the terminal shows:\n%q", code, p.output())
			case !strings.Contains(p.output(), leaveAltScreen):
				t.Errorf("the terminal was not restored; it shows:\n%q", p.output())
			}
		})
	}
}

// leaveAltScreen is what a program sends to leave the alternate screen,
// giving the terminal back as it was.
const leaveAltScreen = "\x1b[?1049l"

// ptyProcess is the maturity binary running on a pseudo-terminal: what it
// draws is collected, and the terminal queries it sends are answered as a
// terminal would.
type ptyProcess struct {
	cmd     *exec.Cmd
	master  *os.File
	done    chan error    // the process's exit
	drained chan struct{} // closed when all it wrote has been read

	mu  sync.Mutex
	out bytes.Buffer
}

// startInPTY starts the binary with args on a new 80×24 pseudo-terminal,
// as the controlling terminal of a new session.
func startInPTY(t *testing.T, env []string, args ...string) *ptyProcess {
	t.Helper()
	master, slave, err := openPTY(24, 80)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	p := &ptyProcess{master: master, done: make(chan error, 1), drained: make(chan struct{})}
	p.cmd = exec.Command(binary, args...)
	p.cmd.Env = env
	p.cmd.Stdin, p.cmd.Stdout, p.cmd.Stderr = slave, slave, slave
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := p.cmd.Start(); err != nil {
		master.Close()
		slave.Close()
		t.Fatal(err)
	}
	slave.Close() // the child holds it now: when it exits, reads of master end
	go p.read()
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
		master.Close()
	})
	return p
}

// read collects the output until the terminal closes, answering the
// background-colour and cursor-position queries that lipgloss sends
// before the dashboard starts.
func (p *ptyProcess) read() {
	defer close(p.drained)
	buf := make([]byte, 4096)
	for {
		n, err := p.master.Read(buf)
		if n > 0 {
			chunk := string(buf[:n])
			p.mu.Lock()
			p.out.WriteString(chunk)
			p.mu.Unlock()
			if strings.Contains(chunk, "\x1b]11;?") {
				p.write("\x1b]11;rgb:0000/0000/0000\x1b\\")
			}
			if strings.Contains(chunk, "\x1b[6n") {
				p.write("\x1b[1;1R")
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *ptyProcess) write(s string) error {
	_, err := p.master.Write([]byte(s))
	return err
}

func (p *ptyProcess) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// waitFor reports whether the output shows s within d.
func (p *ptyProcess) waitFor(s string, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if strings.Contains(p.output(), s) {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// wait waits for the process to exit, and for what it wrote last to be
// read, and returns its exit status.
func (p *ptyProcess) wait(d time.Duration) (int, error) {
	timeout := time.After(d)
	var err error
	select {
	case err = <-p.done:
		p.done <- err // for the cleanup
	case <-timeout:
		return -1, fmt.Errorf("the program did not exit within %v", d)
	}
	select {
	case <-p.drained:
	case <-timeout:
		return -1, fmt.Errorf("the program's last output was not read within %v", d)
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), nil
	}
	return 0, err
}

// openPTY opens a new pseudo-terminal pair of the given size (Linux's
// /dev/ptmx).
func openPTY(rows, cols uint16) (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	fail := func(err error) (*os.File, *os.File, error) {
		master.Close()
		return nil, nil, err
	}
	var unlock int32
	if err := ioctl(master.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); err != nil {
		return fail(fmt.Errorf("unlock the pseudo-terminal: %v", err))
	}
	var n uint32
	if err := ioctl(master.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); err != nil {
		return fail(fmt.Errorf("find the pseudo-terminal's number: %v", err))
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return fail(err)
	}
	ws := struct{ rows, cols, x, y uint16 }{rows, cols, 0, 0}
	if err := ioctl(slave.Fd(), syscall.TIOCSWINSZ, uintptr(unsafe.Pointer(&ws))); err != nil {
		slave.Close()
		return fail(fmt.Errorf("set the pseudo-terminal's size: %v", err))
	}
	return master, slave, nil
}

func ioctl(fd, req, arg uintptr) error {
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, req, arg); e != 0 {
		return e
	}
	return nil
}
