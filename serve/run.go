package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"maturity/cli"
	"maturity/store"
)

// drainTimeout is how long Run waits for the sessions to end after it
// was asked to stop.
const drainTimeout = 30 * time.Second

// Run is 'maturity serve': it reads or makes the host key, listens, and
// serves st until ctx ends, then drains (Server.Shutdown).
func Run(ctx context.Context, st *store.Store, opts cli.ServeOptions) error {
	_, pem, created, err := HostKey(opts.HostKey)
	if err != nil {
		return err
	}
	srv, err := New(st, Config{HostKey: pem, IdleTimeout: opts.IdleTimeout, MaxSessions: opts.MaxSessions,
		Anonymous: opts.Anonymous, Today: opts.Today, Log: opts.Stderr})
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", opts.Listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v", opts.Listen, err)
	}
	w := opts.Stderr
	made := ""
	if created {
		made = ", new"
	}
	fmt.Fprintf(w, "maturity serve: serving %s on %s\n", st.Path(), l.Addr())
	fmt.Fprintf(w, "maturity serve: host key %s (%s%s)\n", srv.HostKeyFingerprint(), opts.HostKey, made)
	if host, port, err := net.SplitHostPort(l.Addr().String()); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			fmt.Fprintf(w, "maturity serve: listening beyond this host: anyone who can reach %s may try to log in\n", l.Addr())
		}
		if users, err := st.Users(ctx); err == nil && len(users) == 0 && opts.Anonymous == "" {
			fmt.Fprintln(w, "maturity serve: no users yet, so nobody can log in: add one with 'maturity users add NAME --key …'")
		}
		fmt.Fprintf(w, "maturity serve: connect with: ssh -p %s %s\n", port, host)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), drainTimeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	if serr := <-served; err == nil {
		err = serr
	}
	if err == nil || errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintln(w, "maturity serve: stopped")
		return nil
	}
	return err
}
