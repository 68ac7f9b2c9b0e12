// Command maturity plans and tracks a platform engineering maturity
// roadmap: a terminal dashboard and a scriptable command line over one
// SQLite database, which 'maturity serve' serves to a team over SSH.
package main

import (
	"context"
	"os"

	"maturity/cli"
	"maturity/serve"
	"maturity/store"
	"maturity/tui"
)

func main() {
	cli.TUI = func(ctx context.Context, st *store.Store, opts cli.Dashboard) error {
		return tui.Run(ctx, st, tui.Options{Today: opts.Today, Command: opts.Command})
	}
	cli.Serve = serve.Run
	os.Exit(cli.Main())
}
