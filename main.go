// Command maturity plans and tracks a platform engineering maturity
// roadmap: a terminal dashboard and a scriptable command line over one
// SQLite database.
package main

import (
	"os"

	"maturity/cli"
)

func main() { os.Exit(cli.Main()) }
