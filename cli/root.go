package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"maturity/internal/progname"
	"maturity/roadmap"
)

const rootLong = `maturity plans and tracks an organisation's climb up the platform
engineering maturity model. Initiatives each advance one domain
(standardization, automation, governance, observability) to one level;
maturity works out the level each domain has reached, projects the levels
quarter by quarter, enforces the cross-domain prerequisites and flags every
problem in the plan.

Run without a command to open the dashboard. The database is --db, else
$MATURITY_DB, else $XDG_DATA_HOME/maturity/roadmap.db
(~/.local/share/maturity/roadmap.db); it is created on first use.`

func (a *App) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "maturity",
		Short:         "Plan and track a platform maturity roadmap",
		Long:          rootLong,
		Version:       Version,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          commandArgs,
		PersistentPreRunE: run(func(cmd *cobra.Command, _ []string) error {
			if a.today != "" {
				if _, err := parseDate("today", a.today, time.UTC); err != nil {
					return err
				}
			}
			return nil
		}),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			return a.dashboard(cmd)
		}),
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError{fmt.Sprintf("%s%v (see '%s')", where(cmd), err, commandLine(cmd, "--help"))}
	})
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return usageError{fmt.Sprintf("help: unknown command %q; run '%s' for the list", strings.Join(args, " "), progname.Command("--help"))}
			}
			return target.Help()
		},
	})
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbPath, "db", "", "database file (default $MATURITY_DB, else the XDG data folder)")
	pf.StringVar(&a.today, "today", "", "take this date (YYYY-MM-DD) as today, for reproducible reports")

	root.AddGroup(&cobra.Group{ID: "plan", Title: "Plan initiatives:"},
		&cobra.Group{ID: "view", Title: "See where you stand:"},
		&cobra.Group{ID: "data", Title: "Data and model:"})
	plan := []*cobra.Command{a.addCommand(), a.editCommand(), a.moveCommand(), a.scheduleCommand()}
	for _, t := range roadmap.Transitions {
		plan = append(plan, a.statusCommand(t))
	}
	for _, c := range append(plan, a.rmCommand(), a.dependCommand()) {
		c.GroupID = "plan"
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{a.listCommand(), a.showCommand(), a.levelsCommand(), a.planCommand(),
		a.checkCommand(), a.capacityCommand(), a.tuiCommand(), a.demoCommand()} {
		c.GroupID = "view"
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{a.initCommand(), a.assessCommand(), a.metricCommand(), a.exportCommand(), a.reportCommand(), a.importCommand(),
		a.modelCommand(), a.logCommand(), a.backupCommand(), a.versionCommand()} {
		c.GroupID = "data"
		root.AddCommand(c)
	}
	return root
}

// parseDate reads the YYYY-MM-DD value of a date flag (--today, --since)
// as midnight in loc. The date must fall in the years quarters run over,
// 1970 to 2999: a plan cannot be seen from outside them, and beyond 2262
// Unix nanoseconds, which the history keeps, overflow.
func parseDate(flag, value string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, value, loc)
	if err != nil {
		return t, fmt.Errorf("invalid --%s %q: want YYYY-MM-DD", flag, value)
	}
	if _, err := roadmap.ParseQuarter(roadmap.QuarterOf(t).String()); err != nil {
		return t, fmt.Errorf("invalid --%s %q: want a date from 1970 to 2999", flag, value)
	}
	return t, nil
}

func (a *App) tuiCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "tui",
		Short: "Open the terminal dashboard (the default without a command)",
		Args:  args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			return a.dashboard(cmd)
		}),
	}
}

func (a *App) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(a.Stdout, "maturity %s\n", Version)
			return err
		}),
	}
}
