package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"maturity/internal/progname"
	"maturity/roadmap"
	"maturity/store"
)

func (a *App) demoCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Open the dashboard on a sample roadmap in a temporary database, removed on exit",
		Long: `demo opens the dashboard on the sample roadmap that 'init --demo' makes,
in a new database in a private temporary folder. Everything works as on
a real roadmap; when the dashboard closes (q, ctrl+c, or the signals
SIGINT, SIGTERM and SIGHUP) the folder and the database are removed.
Your own database (--db, $MATURITY_DB or the default) is never opened.

To keep a sample roadmap to work on, run 'maturity init --demo' (or
'maturity --db PATH init --demo' to keep it apart from your own).`,
		Example: "  maturity demo\n  maturity demo --today 2027-01-15",
		Args:    args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			return a.demo(cmd)
		}),
	}
}

// demo runs the dashboard on the sample roadmap in a temporary database,
// and removes the database with its folder whatever ends the dashboard.
// Only SIGKILL (or a crash of the machine) leaves the folder behind, as
// maturity-demo-* in the temporary folder.
func (a *App) demo(cmd *cobra.Command) (err error) {
	if cmd.Flags().Changed("db") {
		return usageError{fmt.Sprintf("demo: --db does not apply: the demo makes a temporary database of its own; to keep a sample roadmap, run '%s'",
			a.command("init --demo"))}
	}
	// Before anything is made: a demo that cannot be shown leaves nothing.
	if err := a.canOpenDashboard(); err != nil {
		return err
	}
	// From here on the signals that would end the process at once end
	// the dashboard instead (stoppable), so that the folder is removed.
	// (In the dashboard ctrl+c is a key, not a signal.)
	ctx, stopped, release := stoppable(cmd.Context(), stopGrace)
	defer release()
	closed := false
	dir, err := os.MkdirTemp("", "maturity-demo-") // mode 0700: only its user can read it
	if err != nil {
		return fmt.Errorf("cannot make a temporary folder for the demo: %v", err)
	}
	defer func() {
		// The database is closed before its folder is removed, so that
		// the -wal and -shm files are gone as well (and Windows lets go).
		if a.st != nil {
			a.st.Close()
			a.st = nil
		}
		switch rmErr := os.RemoveAll(dir); {
		case rmErr != nil && err == nil:
			err = fmt.Errorf("cannot remove the demo database: %v", rmErr)
		case rmErr == nil && closed:
			a.notef("the demo's database is removed; to keep a sample roadmap to work on, run '%s'", progname.Command("init --demo"))
		}
	}()
	a.dbPath = filepath.Join(dir, "roadmap.db")
	st, err := a.Store(ctx)
	if err != nil {
		return err
	}
	if _, err := a.fillDemo(ctx, st); err != nil {
		return err
	}
	if stopped() {
		return nil // asked to stop before the dashboard opened
	}
	if err := runTUI(ctx, stopped, st, Dashboard{Today: a.Today}); err != nil {
		return err
	}
	closed = !stopped() // the user closed it: say what became of the data
	return nil
}

// demoFilled counts what fillDemo added.
type demoFilled struct{ initiatives, answers, values, figures int }

// fillDemo fills an empty database with the sample roadmap, as of today:
// the initiatives, the assessment's answers and metric values, and the
// capacity figures. init --demo and demo both make it here.
func (a *App) fillDemo(ctx context.Context, st *store.Store) (demoFilled, error) {
	plan, err := st.Import(ctx, roadmap.ImportOf(roadmap.Demo(a.Quarter())), false)
	if err != nil {
		return demoFilled{}, err
	}
	ev := roadmap.DemoEvidence(a.Today())
	if err := st.AddEvidence(ctx, ev); err != nil {
		return demoFilled{}, err
	}
	figs := roadmap.DemoCapacity(a.Quarter())
	for _, f := range figs {
		if err := st.SetCapacity(ctx, f); err != nil {
			return demoFilled{}, err
		}
	}
	return demoFilled{len(plan.Create), len(ev.Answers), len(ev.Values), len(figs)}, nil
}
