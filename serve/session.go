package serve

import (
	"context"
	"errors"
	"fmt"
	"sync"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2/bubbletea"

	"maturity/store"
	"maturity/tui"
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
		go ss.quit() // it waits for the program to take it
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

// runDashboard runs the session's own dashboard: its size, colour
// profile and background are its terminal's, its filter and selection its
// own, and every change it makes is the session's user's. Without a
// terminal it says how to get one.
func (s *Server) runDashboard(ss *session) {
	_, windows, ok := ss.Pty()
	if !ok {
		fmt.Fprintf(ss.Stderr(), "maturity: hello %s (%s): the dashboard needs a terminal; connect with 'ssh -t', or give a command such as 'maturity check'\n", ss.id.Name, ss.id.Role)
		_ = ss.Exit(1)
		return
	}
	m := tui.New(s.st, tui.Options{Today: s.cfg.Today, Context: ss.ctx})
	p := tea.NewProgram(m, append(bubbletea.MakeOptions(ss), tea.WithContext(ss.ctx))...)
	defer s.hub.add(p)()
	if !ss.setQuit(p.Quit) {
		fmt.Fprintln(ss, "server shutting down")
		_ = ss.Exit(0)
		return
	}
	ctx, cancel := context.WithCancel(ss.ctx)
	defer cancel()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case w := <-windows:
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			}
		}
	}()
	_, err := p.Run()
	p.Kill()
	status := 0
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		fmt.Fprintf(ss.Stderr(), "maturity: %v\r\n", err)
		status = 1
	}
	if ss.isStopped() {
		fmt.Fprint(ss, "server shutting down\r\n")
	}
	_ = ss.Exit(status)
}

// isStopped reports whether Shutdown asked the session to end.
func (ss *session) isStopped() bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.stopped
}
