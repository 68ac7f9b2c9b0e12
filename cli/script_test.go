package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"maturity/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"maturity": func() { os.Exit(cli.Main()) },
	})
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
			return nil
		},
		RequireExplicitExec: false,
	})
}
