package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"maturity/internal/progname"
	"maturity/store"
)

// dashboard opens the terminal dashboard, which needs a terminal.
func (a *App) dashboard(cmd *cobra.Command) error {
	if err := a.canOpenDashboard(); err != nil {
		return err
	}
	st, err := a.Store(cmd.Context())
	if err != nil {
		return err
	}
	ctx, stopped, release := stoppable(cmd.Context(), stopGrace)
	defer release()
	return runTUI(ctx, stopped, st, a.dashboardOptions())
}

// dashboardOptions gives the dashboard today's clock and the command that
// fills the open roadmap with the sample.
func (a *App) dashboardOptions() Dashboard {
	return Dashboard{Today: a.Today, Command: a.command}
}

// canOpenDashboard says why the dashboard cannot open, if it cannot: this
// build has none, or standard input or output is not a terminal.
func (a *App) canOpenDashboard() error {
	if TUI == nil {
		return fmt.Errorf("this build has no dashboard; run '%s' for the commands", progname.Command("--help"))
	}
	w := a.Stdout
	if c, ok := w.(*checkedWriter); ok {
		w = c.w
	}
	if !isTerminal(a.Stdin, w) {
		return fmt.Errorf("the dashboard needs a terminal; run '%s' for the commands", progname.Command("--help"))
	}
	return nil
}

// isTerminal reports whether both streams are terminals. Tests that run
// the dashboard's commands with a fake TUI replace it.
var isTerminal = func(in io.Reader, out io.Writer) bool {
	i, inOK := in.(*os.File)
	o, outOK := out.(*os.File)
	return inOK && outOK && term.IsTerminal(i.Fd()) && term.IsTerminal(o.Fd())
}

// runTUI runs the dashboard until it ends. When a stop was asked
// (stoppable) the dashboard's error, if any, is the stop's and is not
// reported: a dashboard ended by a signal ends the command quietly.
func runTUI(ctx context.Context, stopped func() bool, st *store.Store, opts Dashboard) error {
	err := TUI(ctx, st, opts)
	if stopped() {
		return nil
	}
	return err
}

// stopGrace is how long the dashboard has to end by itself after SIGINT
// or SIGTERM before its context is cancelled.
const stopGrace = 2 * time.Second

// stoppable returns the context for the dashboard, and for the work
// around it that must finish (the demo's clean-up), with the signals that
// end a program caught until release is called, so that none ends the
// process before that work is done. SIGHUP (the terminal closed) cancels
// the context at once. SIGINT, SIGTERM or the end of parent cancel it
// after grace: Bubble Tea ends on SIGINT and SIGTERM by itself, restoring
// the terminal, and a context cancelled at the same moment deadlocks it
// (v1.3: its signal goroutine then blocks on an event loop that has
// stopped, and the program never exits). stopped reports whether a stop
// was asked.
func stoppable(parent context.Context, grace time.Duration) (ctx context.Context, stopped func() bool, release func()) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	var asked atomic.Bool
	done := make(chan struct{})
	go func() {
		parentDone := parent.Done()
		var after <-chan time.Time
		for {
			select {
			case <-done:
				return
			case s := <-sigs:
				asked.Store(true)
				if s == syscall.SIGHUP {
					cancel()
					return
				}
			case <-parentDone:
				asked.Store(true)
				parentDone = nil
			case <-after:
				cancel()
				return
			}
			if after == nil {
				after = time.After(grace)
			}
		}
	}()
	return ctx, asked.Load, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
	}
}
