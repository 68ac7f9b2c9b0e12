package cli_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	_ "modernc.org/sqlite"

	"maturity/cli"
	"maturity/store"
)

// update rewrites the files that cmp compares against in the scripts, from
// what the commands print now: go test ./cli -run TestScripts -update.
// Review the diff before committing it.
var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"maturity":         maturityMain,
		"maturity-faketui": fakeTUIMain,
	})
}

// maturityMain is the program maturity of the scripts: the command line
// as main.go builds it, with a dashboard that must never open (the
// scripts have no terminal).
func maturityMain() {
	cli.TUI = func(context.Context, *store.Store, cli.Dashboard) error {
		return errors.New("the dashboard opened without a terminal")
	}
	os.Exit(cli.Main())
}

// TestScripts runs the command-line stories in testdata/script. Each runs
// in its own folder with HOME, XDG_DATA_HOME and MATURITY_DB inside it, so
// no script touches a real database; MATURITY_USER makes the history's
// actor predictable.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, ".data"))
			env.Setenv("MATURITY_DB", filepath.Join(env.WorkDir, "roadmap.db"))
			env.Setenv("MATURITY_USER", "tester")
			env.Setenv("TZ", "UTC")
			// A binary built with -race sleeps a second as it exits, unless
			// told not to; the stories run hundreds of commands.
			env.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
			// Text that a script file cannot hold as it is.
			env.Setenv("INVALID_UTF8", "bad \xff byte")
			env.Setenv("ESC", "\x1b")
			env.Setenv("NL", "\n")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitcode,
			"sha256":   cmdSha256,
			"unescape": cmdUnescape,
			"sqlite":   cmdSQLite,
			"empty":    cmdEmpty,
		},
		RequireExplicitExec: false,
		UpdateScripts:       *update,
	})
}

// cmdExitcode runs a program like exec and checks its exact exit status,
// which `! exec` cannot tell apart (1 for an error, 2 for wrong usage). Its
// stdout and stderr are kept for the stdout and stderr commands. It also
// fails on a Go stack trace: the program must never show one.
//
//	exitcode N program [args...]
func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode (give the status instead)")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: bad status %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	stderr := ts.ReadFile("stderr")
	for _, trace := range []string{"panic:", "goroutine ", "internal error"} {
		if strings.Contains(stderr, trace) {
			ts.Fatalf("stderr shows a crash (%q)", trace)
		}
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// cmdSha256 writes the SHA-256 of a file, with its SQLite write-ahead log if
// there is one, to another file: compare two with cmp to prove that a
// refused command wrote nothing to the database.
//
//	sha256 FILE OUT
func cmdSha256(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sha256 FILE OUT")
	}
	h := sha256.New()
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	h.Write(data)
	if wal, err := os.ReadFile(path + "-wal"); err == nil {
		h.Write(wal)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), fmt.Appendf(nil, "%x\n", h.Sum(nil)), 0o644))
}

// cmdUnescape rewrites files in place, turning each \xNN into the byte NN
// and each \r into a carriage return, so that a script can hold byte order
// marks, CRLF line ends and invalid UTF-8 in its files.
//
//	unescape FILE...
func cmdUnescape(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: unescape FILE...")
	}
	for _, name := range args {
		path := ts.MkAbs(name)
		data, err := os.ReadFile(path)
		ts.Check(err)
		var out []byte
		for i := 0; i < len(data); i++ {
			switch {
			case data[i] == '\\' && i+1 < len(data) && data[i+1] == 'r':
				out = append(out, '\r')
				i++
			case data[i] == '\\' && i+3 < len(data) && data[i+1] == 'x':
				b, err := strconv.ParseUint(string(data[i+2:i+4]), 16, 8)
				if err != nil {
					ts.Fatalf("unescape %s: bad escape %q", name, data[i:i+4])
				}
				out = append(out, byte(b))
				i += 3
			default:
				out = append(out, data[i])
			}
		}
		ts.Check(os.WriteFile(path, out, 0o644))
	}
}

// cmdSQLite runs SQL statements on a database file, creating it if needed,
// to make files the program must refuse: another application's database,
// or one from a newer schema.
//
//	sqlite FILE STATEMENT...
func cmdSQLite(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: sqlite FILE STATEMENT...")
	}
	db, err := sql.Open("sqlite", ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	for _, stmt := range args[1:] {
		_, err := db.Exec(stmt)
		ts.Check(err)
	}
}
