package serve

import (
	"maturity/cli"
)

// runCommand runs the session's command line as the command line runs it
// locally (cli.RunRemote), as the session's user, and ends the session
// with its exit status. Standard error is the session's own stream, even
// with a terminal, where the client shows both.
func (s *Server) runCommand(ss *session, args []string) {
	status := cli.RunRemote(ss.ctx, cli.Remote{Store: s.st, Stdin: ss, Stdout: ss, Stderr: ss.Stderr(), Today: s.cfg.Today}, args)
	_ = ss.Exit(status)
}
