package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"maturity/store"
)

// Remote is what one command line run over SSH (maturity serve) works
// with: the served store, the session's streams and the server's clock.
// The user's identity travels in the context given to RunRemote.
type Remote struct {
	Store  *store.Store
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Today  func() time.Time
}

// RunRemote runs one command line for a user over SSH, as Run runs one
// locally: the same commands, output and exit status, against the served
// store, as the identity in ctx (store.WithIdentity), whose role the
// store checks on every write. A leading "maturity" is dropped. What
// only makes sense on the server's own machine is refused (localOnly,
// --db, -o FILE); a FILE to read is read from the session's standard
// input. The store stays open for the next session.
func RunRemote(ctx context.Context, r Remote, args []string) int {
	if len(args) > 0 && args[0] == "maturity" {
		args = args[1:]
	}
	a := &App{Stdin: r.Stdin, Stdout: r.Stdout, Stderr: r.Stderr, clock: r.Today, st: r.Store, remote: true,
		// The server's environment is its own: nothing of it reaches a
		// user's command.
		Getenv: func(string) string { return "" }}
	return a.Run(ctx, args)
}

// localOnly are the commands that act on the server's own machine, with
// why they are not offered over SSH.
var localOnly = map[string]string{
	"serve":  "the server is already running",
	"init":   "the served database exists already",
	"backup": "it writes a file on the server; run it there",
	"demo":   "it opens a dashboard on a database of its own; connect without a command for the served roadmap's",
	"tui":    "connect without a command (ssh -t) for the dashboard",
}

// checkRemote refuses, for a command run over SSH, what the server alone
// may do: the commands of localOnly, --db, and -o FILE.
func (a *App) checkRemote(cmd *cobra.Command) error {
	if !a.remote {
		return nil
	}
	if cmd.Flags().Changed("db") {
		return usageError{"--db is not offered over SSH: the server's database is the only one"}
	}
	top := cmd
	for top.HasParent() && top.Parent().HasParent() {
		top = top.Parent()
	}
	if why, ok := localOnly[top.Name()]; ok && top.HasParent() {
		return usageError{fmt.Sprintf("%s is not offered over SSH: %s", top.Name(), why)}
	}
	if f := cmd.Flags().Lookup("output"); f != nil && f.Changed && f.Value.String() != "-" {
		return usageError{fmt.Sprintf("-o %s would write on the server: over SSH the output comes back on standard output; leave out -o and redirect it (ssh … > %s)",
			f.Value.String(), strings.TrimSpace(f.Value.String()))}
	}
	return nil
}
