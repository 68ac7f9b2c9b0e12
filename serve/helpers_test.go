package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"maturity/store"
)

// The helpers of the server's tests: a server on a random loopback port
// over a fresh database, and users with their own keys.

// testTimeout bounds every test's wait on the network.
const testTimeout = 20 * time.Second

type testServer struct {
	t    testing.TB
	st   *store.Store
	srv  *Server
	addr string
	db   string
	log  *syncBuffer

	served chan error
	once   sync.Once
}

// startServer serves a fresh database on 127.0.0.1 at a random port
// until the test ends.
func startServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	db := filepath.Join(t.TempDir(), "roadmap.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	_, pem, _, err := HostKey(filepath.Join(t.TempDir(), "host_key"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.HostKey = pem
	log := &syncBuffer{}
	cfg.Log = log
	srv, err := New(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	ts := &testServer{t: t, st: st, srv: srv, addr: l.Addr().String(), db: db, log: log, served: served}
	t.Cleanup(func() {
		ts.shutdown()
		st.Close()
	})
	return ts
}

// shutdown drains the server (Server.Shutdown), once.
func (ts *testServer) shutdown() {
	ts.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
		defer cancel()
		if err := ts.srv.Shutdown(ctx); err != nil {
			ts.t.Errorf("Shutdown: %v", err)
		}
		if err := <-ts.served; err != nil {
			ts.t.Errorf("Serve: %v", err)
		}
	})
}

// user adds a user with a new key and returns the key.
func (ts *testServer) user(name string, role store.Role) gossh.Signer {
	ts.t.Helper()
	signer, line := newKey(ts.t, name+"@test")
	if _, err := ts.st.AddUser(context.Background(), name, role, []string{line}); err != nil {
		ts.t.Fatal(err)
	}
	return signer
}

// newKey makes a new ed25519 key: its signer and its public key line.
func newKey(t testing.TB, comment string) (gossh.Signer, string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return signer, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " " + comment
}

// dial connects with the given ways to log in.
func (ts *testServer) dial(auth ...gossh.AuthMethod) (*gossh.Client, error) {
	cfg := &gossh.ClientConfig{
		User:            "whoever",
		Auth:            auth,
		HostKeyCallback: gossh.FixedHostKey(ts.srv.host),
		Timeout:         testTimeout,
	}
	return gossh.Dial("tcp", ts.addr, cfg)
}

// connect logs in with key, failing the test if it cannot.
func (ts *testServer) connect(key gossh.Signer) *gossh.Client {
	ts.t.Helper()
	c, err := ts.dial(gossh.PublicKeys(key))
	if err != nil {
		ts.t.Fatalf("login: %v", err)
	}
	ts.t.Cleanup(func() { c.Close() })
	return c
}

// result is what a remote command gave.
type result struct {
	stdout, stderr string
	status         int
}

// exec runs one command line in a new session, with stdin as its input.
func (ts *testServer) exec(c *gossh.Client, stdin, cmd string) result {
	ts.t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		ts.t.Fatal(err)
	}
	defer sess.Close()
	var out, errb bytes.Buffer
	sess.Stdout, sess.Stderr, sess.Stdin = &out, &errb, strings.NewReader(stdin)
	done := make(chan error, 1)
	go func() { done <- sess.Run(cmd) }()
	var runErr error
	select {
	case runErr = <-done:
	case <-time.After(testTimeout):
		ts.t.Fatalf("%q did not end", cmd)
	}
	r := result{stdout: out.String(), stderr: errb.String()}
	var exit *gossh.ExitError
	switch {
	case errors.As(runErr, &exit):
		r.status = exit.ExitStatus()
	case runErr != nil:
		ts.t.Fatalf("%q: %v", cmd, runErr)
	}
	return r
}

// accessLog is the access log's events as "event user detail".
func (ts *testServer) accessLog() []string {
	ts.t.Helper()
	evs, err := ts.st.AccessLog(context.Background(), time.Time{})
	if err != nil {
		ts.t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, e.Event+" "+e.User+" "+e.Detail)
	}
	return out
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	wrote chan struct{} // signalled (without blocking) after each write, once made by grown
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	if b.wrote != nil {
		select {
		case b.wrote <- struct{}{}:
		default:
		}
	}
	return n, err
}

// Len is how many bytes were written, without copying them.
func (b *syncBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

// grown waits until more than mark bytes were written, or timeout; it
// reports whether they were. It waits on the writes themselves rather
// than polling, so that a benchmark of many sessions measures the server,
// not its own busy loops.
func (b *syncBuffer) grown(mark int, timeout time.Duration) bool {
	b.mu.Lock()
	if b.wrote == nil {
		b.wrote = make(chan struct{}, 1)
	}
	wrote := b.wrote
	b.mu.Unlock()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for b.Len() <= mark {
		select {
		case <-wrote:
		case <-deadline.C:
			return b.Len() > mark
		}
	}
	return true
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// openSessions counts the sessions the server runs.
func (s *Server) openSessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// waitFor waits until cond holds, failing the test after testTimeout.
func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(testTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// terminal is a session with a terminal: a dashboard, as ssh -t opens it.
type terminal struct {
	t    testing.TB
	sess *gossh.Session
	in   io.WriteCloser
	out  *syncBuffer
	done chan error // the session's end
}

// openTerminal opens a dashboard session of w×h on c.
func openTerminal(t testing.TB, c *gossh.Client, w, h int) *terminal {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	sess.Stdout, sess.Stderr = out, out
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, sess: sess, in: in, out: out, done: make(chan error, 1)}
	go func() { term.done <- sess.Wait() }()
	t.Cleanup(func() { sess.Close() })
	return term
}

// screen is everything the session printed, without escape sequences.
func (term *terminal) screen() string { return ansi.Strip(term.out.String()) }

// waitFor waits until the session has printed text (after from, a length
// of screen), and returns how long it took.
func (term *terminal) waitFor(text string, from int) time.Duration {
	term.t.Helper()
	start := time.Now()
	deadline := start.Add(testTimeout)
	for {
		s := term.screen()
		if from <= len(s) && strings.Contains(s[from:], text) {
			return time.Since(start)
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("%q did not show; the screen:\n%s", text, s[min(from, len(s)):])
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// send types keys into the session.
func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := io.WriteString(term.in, keys); err != nil {
		term.t.Fatal(err)
	}
}
