package cli_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"maturity/cli"
	"maturity/store"
)

// fakeTUIMain is the program maturity-faketui of the scripts: maturity
// with a dashboard that reports what it was given instead of drawing it,
// and takes its streams for a terminal. $FAKE_TUI says how it ends:
// "quit" (the default), "error", or a signal that it sends itself
// (SIGTERM, SIGINT, SIGHUP), after which it waits for the command to
// cancel it.
func fakeTUIMain() {
	cli.AssumeTerminal()
	cli.TUI = fakeTUI
	os.Exit(cli.Main())
}

func fakeTUI(ctx context.Context, st *store.Store, opts cli.Dashboard) error {
	dir := filepath.Dir(st.Path())
	where := dir
	if info, err := os.Stat(dir); err == nil && filepath.Dir(dir) == filepath.Clean(os.TempDir()) {
		where = fmt.Sprintf("a folder (%04o) in the temporary folder", info.Mode().Perm())
	}
	fmt.Printf("database: %s\n", where)
	r, err := st.LoadBrief(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("initiatives: %d\n", len(r.Initiatives))
	e, err := st.LoadEvidence(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("answers: %d, metric values: %d\n", len(e.Evidence.Answers), len(e.Evidence.Values))
	fmt.Printf("today: %s\n", opts.Today().Format(time.DateOnly))
	signals := map[string]syscall.Signal{"SIGTERM": syscall.SIGTERM, "SIGINT": syscall.SIGINT, "SIGHUP": syscall.SIGHUP}
	switch do := os.Getenv("FAKE_TUI"); do {
	case "", "quit":
		return nil
	case "error":
		return errors.New("the fake dashboard broke")
	default:
		sig, ok := signals[do]
		if !ok {
			return fmt.Errorf("FAKE_TUI=%s: want quit, error, %s", do, strings.Join([]string{"SIGTERM", "SIGINT", "SIGHUP"}, ", "))
		}
		self, err := os.FindProcess(os.Getpid())
		if err != nil {
			return err
		}
		if err := self.Signal(sig); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			fmt.Printf("cancelled by %s\n", do)
			return ctx.Err()
		case <-time.After(10 * time.Second):
			return fmt.Errorf("%s did not cancel the dashboard", do)
		}
	}
}

// cmdEmpty fails unless each folder is empty: proof that a command left
// nothing behind.
//
//	empty DIR...
func cmdEmpty(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: empty DIR...")
	}
	for _, dir := range args {
		es, err := os.ReadDir(ts.MkAbs(dir))
		ts.Check(err)
		for _, e := range es {
			ts.Logf("left in %s: %s", dir, e.Name())
		}
		if len(es) > 0 {
			ts.Fatalf("%s is not empty", dir)
		}
	}
}
