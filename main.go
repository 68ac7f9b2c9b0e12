// Command maturity plans and tracks a platform engineering maturity
// roadmap: a terminal dashboard and a scriptable command line over one
// SQLite database.
package main

import (
	"context"
	"os"
	"time"

	"maturity/cli"
	"maturity/store"
	"maturity/tui"
)

func main() {
	cli.TUI = func(ctx context.Context, st *store.Store, today func() time.Time) error {
		return tui.Run(ctx, st, tui.Options{Today: today})
	}
	os.Exit(cli.Main())
}
