// Package cli is maturity's command line: one cobra command per verb, each
// a thin layer that parses flags, calls the store to load or change the
// roadmap and the roadmap package to compute, and prints the result.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"maturity/internal/progname"
	"maturity/roadmap"
	"maturity/store"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1 // the command failed, or check found warnings
	ExitUsage = 2 // unknown command or flag, missing argument
)

// Version is the program's version, set at build time with
// -ldflags "-X maturity/cli.Version=...".
var Version = "dev"

// TUI starts the terminal dashboard on an open store. main sets it, so
// that this package does not depend on the tui package.
var TUI func(ctx context.Context, st *store.Store, opts Dashboard) error

// Dashboard is what the dashboard is given besides the store.
type Dashboard struct {
	// Today is the clock that decides today.
	Today func() time.Time
	// Command writes a maturity command as the user would type it to run
	// it on the open roadmap (with their --db): what the dashboard's hints
	// name.
	Command func(args string) string
}

// App holds what every command shares: the streams, the global flags and
// the store, opened on first use.
type App struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string

	dbPath string
	today  string
	clock  func() time.Time
	st     *store.Store
	open   store.OpenOptions // how Store opens the database (init sets InitEmpty)
	// remote is set for a command run over SSH (RunRemote): st is the
	// server's, shared, and the context carries the user's identity.
	remote bool
	// actorErr is why the actor cannot be named (an invalid
	// $MATURITY_USER): Store reports it, so that only commands that use
	// the database fail.
	actorErr error
}

// Main runs the command line with the process's arguments and streams and
// returns the exit status.
func Main() int {
	// A command runs for a moment and exits: trade memory for less
	// collection work on large roadmaps.
	debug.SetGCPercent(400)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	a := &App{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	return a.Run(ctx, os.Args[1:])
}

// checkedWriter passes writes to w and remembers the first error, after
// which it refuses every write.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	c.err = err
	return n, err
}

// runError marks an error that a command returned while running, as
// opposed to a usage error found by cobra before it ran.
type runError struct{ err error }

func (e runError) Error() string { return e.err.Error() }
func (e runError) Unwrap() error { return e.err }

// usageError is wrong usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// exitStatus is a quiet failure with a chosen status (check's findings).
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// Run executes one command line and returns the exit status.
func (a *App) Run(ctx context.Context, args []string) (status int) {
	if a.Getenv == nil {
		a.Getenv = os.Getenv
	}
	if a.clock == nil {
		a.clock = time.Now
	}
	defer func() {
		if a.st != nil && !a.remote {
			a.st.Close()
		}
		// A bug must not surface as a stack trace: report it on one line.
		if r := recover(); r != nil {
			fmt.Fprintf(a.Stderr, "maturity: internal error: %v\n", r)
			status = ExitError
		}
	}()
	// Every command writes standard output through out, which keeps the
	// first write error: a command that could not print what it was asked
	// for has failed, whatever it returned.
	out := &checkedWriter{w: a.Stdout}
	a.Stdout = out
	defer func() { a.Stdout = out.w }()
	ctx = a.identify(ctx)
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(a.Stdin)
	root.SetOut(a.Stdout)
	root.SetErr(a.Stderr)
	err := root.ExecuteContext(ctx)
	if out.err != nil {
		a.errorf("cannot write to standard output: %v", unwrapPathError(out.err))
		return ExitError
	}
	if err == nil {
		return ExitOK
	}
	var st exitStatus
	if errors.As(err, &st) {
		return int(st)
	}
	var re runError
	if errors.As(err, &re) {
		var ue usageError
		if errors.As(re.err, &ue) {
			a.errorf("%s", ue.msg)
			return ExitUsage
		}
		a.errorf("%v", re.err)
		return ExitError
	}
	// Anything cobra returns itself is wrong usage.
	a.errorf("%s", usageText(err))
	return ExitUsage
}

func usageText(err error) string {
	var ue usageError
	if errors.As(err, &ue) {
		return ue.msg
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "unknown command") {
		if i := strings.Index(msg, "\n"); i >= 0 {
			msg = msg[:i]
		}
		return msg + "; run '" + progname.Command("--help") + "' for the list"
	}
	return msg
}

// errorf prints one error line: "maturity: ...".
func (a *App) errorf(format string, args ...any) {
	// Printable also turns the newlines into spaces, and disarms escape
	// sequences that cobra echoes from the command line (an unknown flag).
	msg := roadmap.Printable(strings.TrimSpace(fmt.Sprintf(format, args...)))
	fmt.Fprintf(a.Stderr, "maturity: %s\n", msg)
}

// notef prints a confirmation for a person on stderr, keeping stdout for
// what scripts read. Like errorf it disarms control characters, which
// paths and titles in the message may hold.
func (a *App) notef(format string, args ...any) {
	fmt.Fprintln(a.Stderr, roadmap.Printable(fmt.Sprintf(format, args...)))
}

// Store opens the database on first use.
func (a *App) Store(ctx context.Context) (*store.Store, error) {
	if a.st != nil {
		return a.st, nil
	}
	if a.actorErr != nil {
		return nil, a.actorErr
	}
	path := a.dbPath
	if path == "" {
		var err error
		if path, err = DefaultDBPath(a.Getenv); err != nil {
			return nil, err
		}
	}
	st, err := store.OpenWith(ctx, path, a.open)
	if err != nil {
		return nil, err
	}
	st.Today = a.Today // the evidence is judged as of --today too
	a.st = st
	return st, nil
}

// identify returns ctx carrying who acts, for the history: the actor
// that Actor names (store.WithActor); over SSH, the user the session's
// key names, already in ctx. Every write of every command runs
// under it, the dashboard's too.
func (a *App) identify(ctx context.Context) context.Context {
	if a.remote {
		return ctx // the server's session says who
	}
	actor, err := Actor(a.Getenv)
	if err != nil {
		a.actorErr = err
		return ctx
	}
	return store.WithActor(ctx, actor)
}

// Today returns today's date: --today when given, else the clock's.
func (a *App) Today() time.Time {
	if a.today != "" {
		t, _ := time.Parse(time.DateOnly, a.today) // validated in PersistentPreRunE
		return t
	}
	return a.clock()
}

// Quarter returns today's quarter.
func (a *App) Quarter() roadmap.Quarter { return roadmap.QuarterOf(a.Today()) }

// load opens the store and loads the roadmap.
func (a *App) load(ctx context.Context) (*store.Store, *roadmap.Roadmap, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return nil, nil, err
	}
	r, err := st.Load(ctx)
	return st, r, err
}

// model opens the store and reads the maturity model.
func (a *App) model(ctx context.Context) (*roadmap.Model, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return nil, err
	}
	return st.Model(ctx)
}

// loadBrief opens the store and loads the roadmap without the fields only
// people read (store.LoadBrief): enough for levels, plans and warnings.
func (a *App) loadBrief(ctx context.Context) (*store.Store, *roadmap.Roadmap, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return nil, nil, err
	}
	r, err := st.LoadBrief(ctx)
	return st, r, err
}

// loadSummary opens the store and counts the initiatives: all that levels
// and projections use (store.LoadSummary).
func (a *App) loadSummary(ctx context.Context) (roadmap.Summary, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return roadmap.Summary{}, err
	}
	return st.LoadSummary(ctx)
}

// run wraps a command's body so its errors count as run-time failures.
func run(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := fn(cmd, args); err != nil {
			var st exitStatus
			if errors.As(err, &st) {
				return err
			}
			return runError{err}
		}
		return nil
	}
}

// commandArgs refuses arguments to a command that only groups others (the
// root, model): a word there is an unknown or mistyped command, not an
// argument.
func commandArgs(cmd *cobra.Command, got []string) error {
	if len(got) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q", got[0])
	if cmd.HasParent() {
		msg += fmt.Sprintf(" for '%s'", cmd.CommandPath())
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	if s := cmd.SuggestionsFor(got[0]); len(s) > 0 {
		for i := range s {
			s[i] = strconv.Quote(s[i])
		}
		alt := s[len(s)-1]
		if len(s) > 1 {
			alt = strings.Join(s[:len(s)-1], ", ") + " or " + alt
		}
		msg += " (did you mean " + alt + "?)"
	}
	return usageError{fmt.Sprintf("%s; run '%s' for the list", msg, commandLine(cmd, "--help"))}
}

// commandLine is the command line of cmd followed by more, as the user
// types it (progname.Command): "maturity list --help", or "go run . list
// --help" in a program that go run started. Every hint that names a
// command is written with it, or with progname.Command.
func commandLine(cmd *cobra.Command, more string) string {
	words := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name())
	return progname.Command(strings.TrimSpace(words + " " + more))
}

// command is a command line for the database this one works on, as the
// user types it: with --db PATH when they gave --db, so that the command
// reaches the same database. A path that holds control characters shows
// them as spaces (roadmap.Printable), as every message does.
func (a *App) command(words string) string {
	if a.dbPath != "" {
		words = strings.TrimSpace("--db " + shellQuote(roadmap.Printable(a.dbPath)) + " " + words)
	}
	return progname.Command(words)
}

// shellQuote quotes s for a POSIX shell when it holds more than letters,
// digits and the punctuation that needs no quotes.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@%+=:,./_-", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// where names a subcommand at the start of a message, "add: ", so that
// the line reads "maturity: add: ..."; the root needs no name.
func where(cmd *cobra.Command) string {
	if !cmd.HasParent() {
		return ""
	}
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ") + ": "
}

// args checks the positional arguments: the names of the required ones,
// and whether more may follow.
func args(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, got []string) error {
		if len(got) < len(names) {
			return usageError{fmt.Sprintf("%smissing %s (usage: %s)", where(cmd), names[len(got)], cmd.UseLine())}
		}
		if len(got) > len(names) {
			return usageError{fmt.Sprintf("%sunexpected argument %q (usage: %s)", where(cmd), got[len(names)], cmd.UseLine())}
		}
		return nil
	}
}
