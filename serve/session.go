package serve

import (
	"context"
	"fmt"
	"sync"

	"charm.land/ssh"

	"maturity/store"
)

// session is one SSH session the server runs: a dashboard or a command,
// for one identity.
type session struct {
	ssh.Session
	id  store.Identity
	ctx context.Context // the session's, carrying id (store.WithIdentity)

	mu sync.Mutex
	// quit ends a dashboard; nil for a command, which runs to its end.
	quit    func()
	stopped bool // Shutdown asked the session to end
}

// open registers a new session for id, unless the server is full or
// shutting down: then it says why.
func (s *Server) open(sess ssh.Session, id store.Identity) (*session, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.draining:
		return nil, "server shutting down"
	case len(s.sessions) >= s.cfg.MaxSessions:
		return nil, fmt.Sprintf("the server has %d sessions open, the most it takes; try again later", s.cfg.MaxSessions)
	}
	ss := &session{Session: sess, id: id, ctx: store.WithIdentity(sess.Context(), id)}
	s.sessions[ss] = struct{}{}
	return ss, ""
}

// close unregisters a session that ended.
func (s *Server) close(ss *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, ss)
	if s.draining && len(s.sessions) == 0 {
		s.closeDrained()
	}
}

// run runs the session's handler.
func (ss *session) run(h ssh.Handler) { h(ss) }

// stop asks the session to end, as the server shuts down: a dashboard
// quits at once; a command is left to finish.
func (ss *session) stop() {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.stopped = true
	if ss.quit != nil {
		ss.quit()
	}
}

// setQuit says how to end the session's dashboard; a Shutdown already
// under way ends it at once. It reports whether the session may go on.
func (ss *session) setQuit(quit func()) bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.quit = quit
	return !ss.stopped
}

// handle runs a session: the command it names, else the dashboard.
func (s *Server) handle(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss, ok := sess.(*session)
		if !ok {
			return // admit always gives a *session
		}
		args := ss.Command()
		if len(args) > 0 && args[0] == "maturity" {
			args = args[1:]
		}
		if len(args) > 0 {
			s.runCommand(ss, args)
			return
		}
		s.runDashboard(ss)
	}
}

// runDashboard runs the session's own dashboard; without a terminal it
// says how to get one.
func (s *Server) runDashboard(ss *session) {
	fmt.Fprintf(ss.Stderr(), "maturity: hello %s (%s): the dashboard needs a terminal; connect with 'ssh -t', or give a command such as 'maturity check'\n", ss.id.Name, ss.id.Role)
	_ = ss.Exit(1)
}
