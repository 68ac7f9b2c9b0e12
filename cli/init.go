package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"maturity/roadmap"
)

func (a *App) initCommand() *cobra.Command {
	var demo bool
	cmd := &cobra.Command{
		Use:   "init [--demo]",
		Short: "Create the database and print its path (any command creates it on first use)",
		Long: `init creates the database if it is missing and prints its path. An
empty file (0 bytes) is set up as a new database; every other command
refuses one.

With --demo it fills an empty database with a sample roadmap: about thirty
initiatives over six quarters around today's, in every domain, some done,
a few with warnings, and an assessment (answers with evidence over three
quarters, DORA's metrics for six quarters), capacity figures with one
quarter over-booked, to keep and try changes on. To look around without
keeping anything, 'maturity demo' opens the dashboard on the same sample
in a temporary database.`,
		Example: "  maturity init --demo\n  maturity --db /tmp/try.db init --demo",
		Args:    args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			// init is the one command that takes an empty file for a new
			// database.
			a.open.InitEmpty = true
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			if demo {
				r, err := st.LoadBrief(cmd.Context())
				if err != nil {
					return err
				}
				if n := len(r.Initiatives); n > 0 {
					return fmt.Errorf("%s already has %d initiatives: --demo fills only an empty database (try --db with a new file)", st.Path(), n)
				}
				n, err := a.fillDemo(cmd.Context(), st)
				if err != nil {
					return err
				}
				a.notef("added %d sample initiatives, %s, %s and %s; open the dashboard with '%s' or try '%s'",
					n.initiatives, plural(n.answers, "answer"), plural(n.values, "metric value"), plural(n.figures, "capacity figure"),
					a.command(""), a.command("check"))
			}
			// The path as given may hold anything a file name can, escape
			// sequences included.
			fmt.Fprintln(a.Stdout, roadmap.Printable(st.Path()))
			return nil
		}),
	}
	cmd.Flags().BoolVar(&demo, "demo", false, "fill an empty database with a sample roadmap")
	return cmd
}
