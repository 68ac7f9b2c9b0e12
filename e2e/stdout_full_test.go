package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// stdoutRuns says, for each command of the command tree, how to make it
// print to standard output, or why it prints nothing there. A command
// missing from both fails the test, so a new command cannot escape it.
var (
	stdoutRuns = map[string][][]string{
		"add":                   {{"add", "Printed id", "--domain", "automation", "--level", "1"}},
		"assess":                {{"assess"}, {"assess", "--format", "json"}, {"assess", "--quarter", "2026-Q1"}},
		"assess export":         {{"assess", "export"}},
		"metric list":           {{"metric", "list"}, {"metric", "list", "--format", "json"}},
		"metric show":           {{"metric", "show"}, {"metric", "show", "change-lead-time"}, {"metric", "show", "--format", "csv"}},
		"metric export":         {{"metric", "export"}},
		"check":                 {{"check"}, {"check", "--format", "json"}},
		"capacity":              {{"capacity"}, {"capacity", "--format", "json"}, {"capacity", "--format", "csv"}},
		"completion":            {{"completion"}},
		"completion bash":       {{"completion", "bash"}},
		"completion fish":       {{"completion", "fish"}},
		"completion powershell": {{"completion", "powershell"}},
		"completion zsh":        {{"completion", "zsh"}},
		"export":                {{"export"}, {"export", "--format", "json"}, {"export", "--format", "markdown"}, {"export", "-o", "-"}},
		"help":                  {{"help"}, {"help", "add"}},
		"init":                  {{"init"}},
		"levels":                {{"levels"}, {"levels", "--history"}, {"levels", "--format", "json"}},
		"list":                  {{"list"}, {"list", "--format", "csv"}, {"list", "--format", "json"}},
		"log":                   {{"log"}, {"log", "1"}, {"log", "--format", "json"}},
		"model export":          {{"model", "export"}},
		"model show":            {{"model", "show"}},
		"plan":                  {{"plan"}, {"plan", "--format", "json"}},
		"report":                {{"report", "-o", "-"}},
		"schedule":              {{"schedule"}, {"schedule", "--format", "json"}, {"schedule", "--apply"}},
		"show":                  {{"show", "1"}, {"show", "1", "--format", "json"}},
		"version":               {{"version"}, {"--version"}},
		// cobra's hidden command behind shell completion.
		"__complete": {{"__complete", "l"}},
	}
	stdoutSilent = map[string]string{
		"":               "opens the dashboard, which refuses a standard output that is not a terminal",
		"tui":            "opens the dashboard, which refuses a standard output that is not a terminal",
		"demo":           "opens the dashboard, which refuses a standard output that is not a terminal",
		"assess set":     "confirms on stderr",
		"metric":         "only groups its subcommands",
		"capacity set":   "confirms on stderr",
		"capacity unset": "confirms on stderr",
		"metric record":  "confirms on stderr",
		"metric import":  "confirms on stderr; the list of --dry-run, which needs a file, is on stdout through the same writer (cli/testdata/script/metrics.txtar)",
		"backup":         "confirms on stderr",
		"depend":         "confirms on stderr",
		"done":           "confirms on stderr",
		"drop":           "confirms on stderr",
		"edit":           "confirms on stderr",
		"import":         "confirms on stderr",
		"model":          "only groups its subcommands",
		"model import":   "confirms on stderr",
		"move":           "confirms on stderr",
		"reopen":         "confirms on stderr",
		"stop":           "confirms on stderr",
		"rm":             "confirms on stderr",
		"start":          "confirms on stderr",
	}
)

// TestStdoutWriteErrorsFail runs every command that prints to standard
// output, and every command's --help, with standard output on /dev/full
// (every write fails: no space left on device). Each must exit 1 with
// one error line on stderr that says so, not 0 as if the output had been
// written (nor 2, as completion did).
func TestStdoutWriteErrorsFail(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	rn := newRunner(t, "full")
	fixtures := t.TempDir()
	demo := filepath.Join(fixtures, "demo.db")
	rn.must(t, "--db", demo, "init", "--demo")

	all := commands(t, rn)
	if len(all) < 30 || !slices.Contains(all, "model import") || !slices.Contains(all, "completion zsh") {
		t.Fatalf("the command tree has only %q", all)
	}
	var runs [][]string
	for _, c := range append(all, "__complete") {
		_, silent := stdoutSilent[c]
		got, prints := stdoutRuns[c]
		if silent == prints {
			t.Errorf("command %q: say in stdoutRuns how it prints to standard output, or in stdoutSilent why it does not", c)
		}
		runs = append(runs, got...)
		if c != "__complete" {
			runs = append(runs, append(strings.Fields(c), "--help"))
		}
	}
	for _, args := range runs {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			db := filepath.Join(t.TempDir(), "roadmap.db")
			copyFile(t, demo, db)
			r := runToFull(t, rn, append([]string{"--db", db}, args...))
			// What a command confirms on stderr (add's "added #32 …") may
			// come first: the change was made.
			lines := stderrLines(r.stderr)
			errors := 0
			for _, l := range lines {
				if strings.HasPrefix(l, "maturity: ") {
					errors++
				}
			}
			if r.code != 1 || errors != 1 || lines[len(lines)-1] != "maturity: cannot write to standard output: no space left on device" {
				t.Errorf("want exit 1 and one last line \"maturity: cannot write to standard output: no space left on device\"\n%v", r)
			}
		})
	}
	for c := range stdoutRuns {
		if c != "__complete" && !slices.Contains(all, c) {
			t.Errorf("stdoutRuns names %q, which is not a command", c)
		}
	}
}

// runToFull runs the binary with standard output on /dev/full.
func runToFull(t *testing.T, rn *runner, args []string) result {
	t.Helper()
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = rn.env
	cmd.Stdout = full
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err = cmd.Run()
	r := result{args: args, stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}
