package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"maturity/roadmap"
)

type checkJSON struct {
	Today    string        `json:"today"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
	Items    []warningJSON `json:"items"`
}

func (a *App) checkCommand() *cobra.Command {
	var format, failOn string
	var staleAfter int
	cmd := &cobra.Command{
		Use:   "check",
		Short: "List every warning in the plan; exit status 1 when any is at or above --fail-on",
		Long: `check lists every warning about the plan, errors first. Each has a stable
code and a severity:

` + codeTable() + `
The schedule warnings (prerequisite-*, dependency-late, overdue) concern
planned or in-progress initiatives with a quarter; the backlog gets none.
The exit status is 0 when no warning at or above --fail-on was found, else 1.`,
		Example: "  maturity check\n  maturity check --fail-on warning --format json\n  maturity check --stale-after 90",
		Args:    args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := formatFlag(format, "text", "json"); err != nil {
				return err
			}
			threshold, err := roadmap.ParseSeverity(failOn)
			if err != nil {
				return fmt.Errorf("--fail-on: %v", err)
			}
			if staleAfter < 0 || staleAfter > 36500 {
				return fmt.Errorf("invalid --stale-after %d: want a number of days from 0 to 36500", staleAfter)
			}
			_, r, err := a.loadBrief(cmd.Context())
			if err != nil {
				return err
			}
			if r.Assessment != nil {
				r.Assessment.StaleAfter = staleAfter
			}
			ws := r.Check(a.Quarter())
			nErr, nWarn := roadmap.CountBySeverity(ws)
			if format == "json" {
				err = writeJSON(a.Stdout, checkJSON{Today: a.Today().Format("2006-01-02"), Errors: nErr, Warnings: nWarn, Items: toWarningJSON(ws)})
			} else {
				err = writeWarnings(a.Stdout, ws, nErr, nWarn)
			}
			if err != nil {
				return err
			}
			for _, w := range ws {
				if w.Severity >= threshold {
					return exitStatus(ExitError)
				}
			}
			return nil
		}),
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&failOn, "fail-on", "error", "lowest severity that makes the exit status 1: error or warning")
	cmd.Flags().IntVar(&staleAfter, "stale-after", roadmap.DefaultStaleAfter, "days after a domain's newest answer when assessment-stale warns")
	return cmd
}

// writeWarnings prints the warnings as a table and a count. The first two
// columns come from short, fixed words, so the lines are streamed as they
// are made: a large plan has a hundred thousand of them.
func writeWarnings(w io.Writer, ws []roadmap.Warning, nErr, nWarn int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if len(ws) > 0 {
		codeW := len("CODE")
		for _, x := range ws {
			codeW = max(codeW, len(x.Code))
		}
		// One line buffer for every row: a large plan has a hundred
		// thousand of them.
		var line []byte
		spaces := strings.Repeat(" ", codeW+2)
		head := func(sev, code string) {
			line = append(line[:0], sev...)
			line = append(line, spaces[:len("SEVERITY")-len(sev)+2]...)
			line = append(line, code...)
			line = append(line, spaces[:codeW-len(code)+2]...)
		}
		head("SEVERITY", "CODE")
		bw.Write(append(line, "MESSAGE\n"...))
		for _, x := range ws {
			head(x.Severity.String(), x.Code)
			n := len(line)
			line = x.AppendMessage(line)
			line = append(line[:n], roadmap.MakePrintable(line[n:])...)
			bw.Write(append(line, '\n'))
		}
	}
	fmt.Fprintf(bw, "%s, %s\n", plural(nErr, "error"), plural(nWarn, "warning"))
	return bw.Flush()
}

func codeTable() string {
	s := ""
	for _, c := range roadmap.Codes {
		s += fmt.Sprintf("  %-26s %-8s %s\n", c.Code, c.Severity, c.Meaning)
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
