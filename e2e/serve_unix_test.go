//go:build unix

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// The real binary serves a demo roadmap on a random loopback port: it
// makes its host key next to the database and prints its fingerprint; a
// user's key runs remote commands under the user's name; SIGTERM ends a
// dashboard with "server shutting down", the server exits 0 and the
// database is whole.
func TestServeBinary(t *testing.T) {
	t.Parallel()
	rn := newRunner(t, "local-admin")
	dir := t.TempDir()
	db := filepath.Join(dir, "roadmap.db")
	rn.must(t, "--db", db, "init", "--demo")
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " dana@e2e"
	rn.must(t, "--db", db, "users", "add", "dana", "--role", "planner", "--key", line)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	srv := exec.CommandContext(ctx, binary, "--db", db, "serve", "--listen", "127.0.0.1:0")
	srv.Env = rn.env
	stderr, err := srv.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	var logMu sync.Mutex
	var log bytes.Buffer
	addrCh, fpCh := make(chan string, 1), make(chan string, 1)
	logDone := make(chan struct{})
	go func() {
		defer close(logDone)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logMu.Lock()
			log.WriteString(sc.Text() + "\n")
			logMu.Unlock()
			if m := regexp.MustCompile(` on (127\.0\.0\.1:\d+)$`).FindStringSubmatch(sc.Text()); m != nil {
				addrCh <- m[1]
			}
			if m := regexp.MustCompile(`host key (SHA256:\S+) `).FindStringSubmatch(sc.Text()); m != nil {
				fpCh <- m[1]
			}
		}
	}()
	var addr, fp string
	select {
	case addr = <-addrCh:
	case <-ctx.Done():
		t.Fatal("the server did not say where it listens")
	}
	fp = <-fpCh

	keyFile := filepath.Join(dir, "maturity_host_ed25519_key")
	st, err := os.Stat(keyFile)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("host key file %v (%v)", st, err)
	}
	data, _ := os.ReadFile(keyFile)
	host, err := gossh.ParsePrivateKey(data)
	if err != nil || gossh.FingerprintSHA256(host.PublicKey()) != fp {
		t.Fatalf("printed fingerprint %s, key file's %v (%v)", fp, host, err)
	}
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.FixedHostKey(host.PublicKey()), Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	remote := func(cmd string) (string, int) {
		t.Helper()
		s, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		out, err := s.Output(cmd)
		var exit *gossh.ExitError
		if errors.As(err, &exit) {
			return string(out), exit.ExitStatus()
		}
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		return string(out), 0
	}
	if out, code := remote("maturity check --format json"); code != 1 || !strings.Contains(out, `"code"`) {
		t.Errorf("check: exit %d, %s", code, clip(out))
	}
	if _, code := remote("edit 14 --owner dana"); code != 0 {
		t.Errorf("edit: exit %d", code)
	}

	// A dashboard is open when SIGTERM comes.
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var screen syncedBuffer
	sess.Stdout = &screen
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	for !strings.Contains(screen.String(), "Dashboard") {
		if ctx.Err() != nil {
			t.Fatalf("no dashboard:\n%s", screen.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := srv.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	sess.Wait()
	<-logDone
	if err := srv.Wait(); err != nil {
		t.Errorf("the server ended with %v", err)
	}
	logMu.Lock()
	defer logMu.Unlock()
	if !strings.Contains(screen.String(), "server shutting down") || !strings.Contains(log.String(), "maturity serve: stopped") {
		t.Errorf("screen:\n%s\nserver log:\n%s", clip(screen.String()), log.String())
	}
	out := rn.must(t, "--db", db, "log", "14", "--limit", "1", "--format", "json").stdout
	var evs []struct{ Actor, Field, New string }
	if err := json.Unmarshal([]byte(out), &evs); err != nil || len(evs) != 1 || evs[0].Actor != "dana" || evs[0].New != "dana" {
		t.Errorf("last change of #14: %s (%v)", out, err)
	}
	if r := rn.run("--db", db, "users", "log"); r.code != 0 || !strings.Contains(r.stdout, "login  dana") || !strings.Contains(r.stdout, "logout  dana") {
		t.Errorf("users log: %v", r)
	}
}

// syncedBuffer is a bytes.Buffer safe for the session's goroutine.
type syncedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
