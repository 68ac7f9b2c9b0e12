package serve

import (
	"errors"
	"io"

	"maturity/cli"
)

// runCommand runs the session's command line as the command line runs it
// locally (cli.RunRemote), as the session's user, and ends the session
// with its exit status. Standard error is the session's own stream, even
// with a terminal, where the client shows both. The command's writes run
// under the session's context, which ends with the connection: a write
// under way when the connection drops rolls back whole.
func (s *Server) runCommand(ss *session, args []string) {
	status := cli.RunRemote(ss.ctx, cli.Remote{Store: s.st, Stdin: input{ss}, Stdout: ss, Stderr: ss.Stderr(), Today: s.cfg.Today}, args)
	_ = ss.Exit(status)
}

// errLost is the end of the input of a session whose connection dropped.
var errLost = errors.New("the connection was lost before the input ended; nothing was read")

// input is a session's standard input that tells a lost connection from
// the end of the input: SSH reports both as the end of the stream, but
// only a client that finished sending keeps its channel open, so that an
// import cut short by a dropped connection fails instead of importing
// the rows that came.
type input struct{ ss *session }

func (in input) Read(p []byte) (int, error) {
	n, err := in.ss.Read(p)
	if errors.Is(err, io.EOF) && !in.ss.connected() {
		return n, errLost
	}
	return n, err
}

// connected reports whether the session's channel and connection are
// still there: a request the client need not answer fails on a closed
// channel.
func (ss *session) connected() bool {
	if ss.ctx.Err() != nil {
		return false
	}
	_, err := ss.SendRequest("keepalive@maturity", false, nil)
	return err == nil
}
