// Package progname says how the user started this program, so that a hint
// naming a command can be typed as it reads: a program started with
// `go run .` has no maturity binary on the PATH, and "run 'maturity
// check'" would send that user to a command that does not exist.
package progname

import (
	"os"
	"regexp"
	"sync"
)

// Name is the program's name in messages and hints.
const Name = "maturity"

// goRun is what a user of `go run` types instead of the program's name.
const goRun = "go run ."

// Command returns the command line that runs the program with args, as
// the user would type it: "maturity add TITLE" for a built or installed
// binary, "go run . add TITLE" for one that `go run` built. With no args
// it is the program alone.
func Command(args string) string {
	if args == "" {
		return invoked()
	}
	return invoked() + " " + args
}

var invoked = sync.OnceValue(func() string { return of(os.Args[0]) })

var (
	// `go run` links the program into a temporary folder,
	// $TMPDIR/go-buildNNN/bNNN/exe/NAME, or (Go 1.24 on) into the build
	// cache, $GOCACHE/XX/HASH-d/NAME, and runs it from there.
	tempBuild  = regexp.MustCompile(`(^|[/\\])go-build[0-9]+[/\\]b[0-9]+[/\\]exe[/\\][^/\\]+$`)
	cacheBuild = regexp.MustCompile(`(^|[/\\])[0-9a-f]{2}[/\\][0-9a-f]{64}-d[/\\][^/\\]+$`)
)

// of tells from the path the program was started as (os.Args[0]) how the
// user ran it: `go run .` when the go command built it to run it, else
// the program's name. A renamed or uninstalled binary (./maturity) is
// still named maturity, as its help pages name it.
func of(arg0 string) string {
	if tempBuild.MatchString(arg0) || cacheBuild.MatchString(arg0) {
		return goRun
	}
	return Name
}
