package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"maturity/store"
)

// Serve runs the SSH server on an open store until ctx ends. main sets
// it, as it sets TUI, so that this package depends on neither.
var Serve func(ctx context.Context, st *store.Store, opts ServeOptions) error

// ServeOptions are what 'maturity serve' is given.
type ServeOptions struct {
	Listen      string
	HostKey     string // the private host key's file
	IdleTimeout time.Duration
	MaxSessions int
	Anonymous   store.Role // "" refuses unknown keys
	Today       func() time.Time
	// Stderr receives the server's messages.
	Stderr io.Writer
}

// Defaults of serve's flags (serve.Default* hold the same).
const (
	defaultListen      = "127.0.0.1:23234"
	defaultIdleTimeout = 30 * time.Minute
	defaultMaxSessions = 32
)

// HostKeyFile is the host key's default file: next to the database.
func HostKeyFile(db string) string {
	return filepath.Join(filepath.Dir(db), "maturity_host_ed25519_key")
}

func (a *App) serveCommand() *cobra.Command {
	opts := ServeOptions{}
	var anonymous string
	cmd := &cobra.Command{
		Use:   "serve [--listen ADDR] [--host-key PATH] [--idle-timeout D] [--max-sessions N] [--allow-anonymous viewer]",
		Short: "Serve the roadmap to a team over SSH",
		Long: `serve lets the people that 'maturity users' lists reach this database with
ssh: 'ssh -p 23234 HOST' opens the dashboard, in the terminal's own size
and colours; 'ssh -p 23234 HOST maturity COMMAND…' (or without the word
maturity) runs one command, with its output and exit status as if run
here. Every change is recorded under the user's name, and refused unless
their role allows it. The dashboards show each other's changes at once.

Only public keys log in, and only those of a user (unless
--allow-anonymous viewer). It listens on the loopback address unless
--listen says otherwise. The host key is made on first start (ed25519,
mode 0600, next to the database unless --host-key); its fingerprint is
printed, for the users to check when ssh first asks. Every login, refusal
and logout is recorded ('maturity users log'). SIGINT or SIGTERM drains:
the dashboards end with "server shutting down", commands under way
finish, and the database is closed.`,
		Example: "  maturity serve\n  maturity serve --listen 0.0.0.0:2222 --max-sessions 64",
		Args:    args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if Serve == nil {
				return errors.New("this build has no server")
			}
			if anonymous != "" {
				if anonymous != string(store.RoleViewer) {
					return fmt.Errorf("invalid --allow-anonymous %q: only viewer is offered", anonymous)
				}
				opts.Anonymous = store.RoleViewer
			}
			if opts.MaxSessions < 1 {
				return fmt.Errorf("invalid --max-sessions %d: want 1 or more", opts.MaxSessions)
			}
			if opts.IdleTimeout < 0 {
				return fmt.Errorf("invalid --idle-timeout %s: want 0 (none) or more", opts.IdleTimeout)
			}
			if _, _, err := net.SplitHostPort(opts.Listen); err != nil {
				return fmt.Errorf("invalid --listen %q: want HOST:PORT, such as %s", opts.Listen, defaultListen)
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			if opts.HostKey == "" {
				opts.HostKey = HostKeyFile(st.Path())
			}
			opts.Today, opts.Stderr = a.Today, a.Stderr
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return Serve(ctx, st, opts)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&opts.Listen, "listen", defaultListen, "address to listen on, HOST:PORT")
	f.StringVar(&opts.HostKey, "host-key", "", "the server's private host key (default: next to the database; made when missing)")
	f.DurationVar(&opts.IdleTimeout, "idle-timeout", defaultIdleTimeout, "end a connection idle for so long (0: never)")
	f.IntVar(&opts.MaxSessions, "max-sessions", defaultMaxSessions, "the most sessions open at once")
	f.StringVar(&anonymous, "allow-anonymous", "", "let unknown keys in as this role (only viewer)")
	return cmd
}
