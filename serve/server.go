// Package serve serves one roadmap database to a team over SSH (maturity
// serve): every session gets its own dashboard, or runs one command of
// the command line, as the user its public key names, with that user's
// role checked by the store on every write.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/recover"
	gossh "golang.org/x/crypto/ssh"

	"maturity/store"
)

// Defaults of the server's limits.
const (
	DefaultListen      = "127.0.0.1:23234"
	DefaultIdleTimeout = 30 * time.Minute
	DefaultMaxSessions = 32
	// MaxAuthTries is how many keys a connection may offer before it is
	// dropped.
	MaxAuthTries = 6
	// handshakeTimeout bounds a connection that never finishes logging in.
	handshakeTimeout = 30 * time.Second
)

// Config says how the server runs.
type Config struct {
	// HostKey is the server's private host key (PEM).
	HostKey []byte
	// IdleTimeout ends a connection without traffic for so long; none
	// when 0.
	IdleTimeout time.Duration
	// MaxSessions is the most sessions open at once; more are refused.
	MaxSessions int
	// Anonymous, when set (only store.RoleViewer is offered), lets in an
	// unknown key as "anonymous" with that role.
	Anonymous store.Role
	// Today is the clock that decides today for the dashboards and
	// commands; time.Now when nil.
	Today func() time.Time
	// Log receives a line per server event (start, refusal, shutdown);
	// io.Discard when nil.
	Log io.Writer
}

// Server is the SSH server of one store.
type Server struct {
	st   *store.Store
	cfg  Config
	ssh  *ssh.Server
	hub  *hub
	host gossh.PublicKey

	// refusedKeys remembers, per remote address, the last key an
	// unfinished login offered and was refused, for the access log's
	// entry when the connection gives up.
	refusedKeys sync.Map

	mu       sync.Mutex
	sessions map[*session]struct{}
	draining bool
	drained  chan struct{} // closed when draining and no session is left
}

// New makes a server for st. It does not listen yet (Serve).
func New(st *store.Store, cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Today == nil {
		cfg.Today = time.Now
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.Anonymous != "" && cfg.Anonymous != store.RoleViewer {
		return nil, fmt.Errorf("anonymous users may only be viewers, not %ss", cfg.Anonymous)
	}
	signer, err := gossh.ParsePrivateKey(cfg.HostKey)
	if err != nil {
		return nil, fmt.Errorf("host key: %v", err)
	}
	s := &Server{st: st, cfg: cfg, hub: newHub(), host: signer.PublicKey(), sessions: map[*session]struct{}{}, drained: make(chan struct{})}
	s.ssh, err = wish.NewServer(
		wish.WithHostKeyPEM(cfg.HostKey),
		wish.WithPublicKeyAuth(s.publicKey),
		wish.WithIdleTimeout(cfg.IdleTimeout),
		// Every panic of a session is caught and ends that session
		// only. admit runs first, then handle.
		wish.WithMiddleware(recover.MiddlewareWithLogger(logger{cfg.Log}, s.handle, s.admit)),
		func(srv *ssh.Server) error {
			srv.HandshakeTimeout = handshakeTimeout
			srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
				return &gossh.ServerConfig{MaxAuthTries: MaxAuthTries}
			}
			srv.ConnectionFailedCallback = s.connectionFailed
			return nil
		},
	)
	if err != nil {
		return nil, err
	}
	st.OnCommit = s.hub.broadcast
	return s, nil
}

// HostKeyFingerprint is the SHA256 fingerprint of the server's host key,
// as ssh shows it when it first connects.
func (s *Server) HostKeyFingerprint() string { return gossh.FingerprintSHA256(s.host) }

// Serve accepts connections on l until Shutdown; it then returns nil.
func (s *Server) Serve(l net.Listener) error {
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops taking connections and drains the sessions: each
// dashboard is told "server shutting down" and ends, each command runs
// to its end, so that every write under way commits or rolls back
// whole. Once no session is left, or ctx ends, the connections are
// closed. The store stays open: its owner closes it after.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.draining = true
	for sess := range s.sessions {
		sess.stop()
	}
	if len(s.sessions) == 0 {
		s.closeDrained()
	}
	s.mu.Unlock()
	fmt.Fprintln(s.cfg.Log, "maturity serve: shutting down: no new connections; waiting for the sessions to end")
	// Closing the listeners first: Shutdown of the ssh server waits for
	// the connections, which the sessions end.
	done := make(chan error, 1)
	go func() { done <- s.ssh.Shutdown(ctx) }()
	select {
	case <-s.drained:
	case <-ctx.Done():
	}
	err := s.ssh.Close()
	if e := <-done; err == nil && !errors.Is(e, ssh.ErrServerClosed) && !errors.Is(e, context.Canceled) && !errors.Is(e, context.DeadlineExceeded) {
		err = e
	}
	if errors.Is(err, ssh.ErrServerClosed) {
		err = nil
	}
	return err
}

// closeDrained closes drained once; s.mu is held.
func (s *Server) closeDrained() {
	select {
	case <-s.drained:
	default:
		close(s.drained)
	}
}

// logger adapts the server's log to recover's Printf.
type logger struct{ w io.Writer }

func (l logger) Printf(format string, v ...any) {
	fmt.Fprintf(l.w, "maturity serve: "+format+"\n", v...)
}
