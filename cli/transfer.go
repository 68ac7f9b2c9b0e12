package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"maturity/internal/atomicfile"
	"maturity/roadmap"
)

// MaxImportSize bounds what import reads, so a wrong file fails cleanly.
const MaxImportSize = 512 << 20

func (a *App) exportCommand() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "export [--format csv|json|markdown] [-o FILE]",
		Short: "Write the roadmap as CSV (default) or Markdown, or the whole database as JSON",
		Long: `export writes the roadmap for people and spreadsheets, or the whole database.

csv: every initiative in roadmap order with its warnings. Columns:
` + strings.Join(roadmap.CSVHeader, ",") + `
depends_on and warnings hold ';'-separated ids and warning codes. A cell
that a spreadsheet would run as a formula starts with an apostrophe, which
import removes again. 'maturity import' reads this format back.

markdown: a report for reviews: where each domain stands, one table per
quarter with the levels projected at its end, the backlog, the warnings.

json: a complete, versioned dump of the database (the model, assessments,
initiatives with their timestamps, dependencies and the whole history).
'maturity import --format json' restores it exactly into an empty database.`,
		Example: "  maturity export -o roadmap.csv\n  maturity export --format markdown > ROADMAP.md\n  maturity export --format json -o dump.json",
		Args:    args(),
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := formatFlag(format, "csv", "json", "markdown"); err != nil {
				return err
			}
			if format == "json" {
				st, err := a.Store(cmd.Context())
				if err != nil {
					return err
				}
				// A dump holds the whole database: readable by its owner only.
				return a.writeOutput(out, 0o600, func(w io.Writer) error { return st.ExportDump(cmd.Context(), w) })
			}
			_, r, err := a.load(cmd.Context())
			if err != nil {
				return err
			}
			ws := r.Check(a.Quarter())
			return a.writeOutput(out, 0o666, func(w io.Writer) error {
				switch format {
				case "markdown":
					return writeMarkdown(w, r, ws, a.Today(), a.Quarter())
				}
				return roadmap.WriteCSV(w, r, ws)
			})
		}),
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv, json or markdown")
	cmd.Flags().StringVarP(&out, "output", "o", "", outputHelp)
	return cmd
}

// outputHelp describes the -o flag of every command that has one.
const outputHelp = "write to FILE instead of standard output (a regular file is replaced whole, never half-written; - is standard output)"

// writeOutput writes fn's output to path, or to standard output when path
// is empty, "-" or /dev/stdout (atomicfile: a regular file is replaced
// whole; a device or pipe is written in place; the database and its side
// files are refused). perm is a new file's mode before the umask.
func (a *App) writeOutput(path string, perm os.FileMode, fn func(w io.Writer) error) error {
	if path == "" {
		return fn(a.Stdout)
	}
	opt := atomicfile.Options{Perm: perm, Stdout: a.Stdout}
	if a.st != nil {
		opt.Protect = a.st.Files()
	}
	t, err := atomicfile.Resolve(path, opt)
	if err != nil {
		return err
	}
	if err := t.Write(fn); err != nil {
		return err
	}
	if t.Kind != atomicfile.Stdout {
		a.notef("wrote %s", path)
	}
	return nil
}

// inputName names a FILE argument in messages.
func inputName(path string) string {
	if path == "-" {
		return "standard input"
	}
	return path
}

// readInput reads a whole file, or standard input for "-", refusing one
// of more than limit bytes as soon as it has read that many.
func (a *App) readInput(path string, limit int64) ([]byte, error) {
	in, done, err := a.openInput(path)
	if err != nil {
		return nil, err
	}
	defer done()
	return readLimited(path, in, limit)
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func (a *App) importCommand() *cobra.Command {
	var dryRun bool
	var format string
	cmd := &cobra.Command{
		Use:   "import FILE [--dry-run] [--format csv|json]",
		Short: "Create and update initiatives from a roadmap CSV (all rows or none), or restore a JSON dump",
		Long: `import reads a CSV in the format export writes ('-' reads standard input).
The header is required; columns are matched by name regardless of case and
order; level_name and warnings are ignored; unknown columns are refused.

A row whose id exists updates that initiative (columns the file lacks keep
their values); a row with a new id creates an initiative with that id; a
row without an id creates one with a new id. Any bad row fails the whole
import with its line number, and nothing is written.

With --format json (the default for a file that starts with '{') it
restores a dump written by 'export --format json' into an empty database,
exactly: ids, timestamps, history and all.`,
		Example: "  maturity import roadmap.csv --dry-run\n  maturity import roadmap.csv\n  maturity --db restored.db import --format json dump.json",
		Args:    args("FILE"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("format") {
				if err := formatFlag(format, "csv", "json"); err != nil {
					return err
				}
			}
			in, done, err := a.openInput(args[0])
			if err != nil {
				return err
			}
			defer done()
			if format == "json" || !cmd.Flags().Changed("format") && looksLikeJSON(in) {
				return a.restore(cmd, args[0], in, dryRun)
			}
			data, err := readLimited(args[0], in, MaxImportSize)
			if err != nil {
				return err
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			m, err := st.Model(cmd.Context())
			if err != nil {
				return err
			}
			imp, err := roadmap.ReadCSV(bytes.NewReader(data), m)
			if err != nil {
				return fmt.Errorf("%s: %v", inputName(args[0]), err)
			}
			plan, err := st.Import(cmd.Context(), imp, dryRun)
			if err != nil {
				return fmt.Errorf("%s: %v", inputName(args[0]), err)
			}
			if dryRun {
				a.notef("dry run: would create %d, update %d, leave %d unchanged; nothing was written",
					len(plan.Create), len(plan.Update), plan.Unchanged)
				return nil
			}
			a.notef("imported %s: created %d, updated %d, unchanged %d", inputName(args[0]), len(plan.Create), len(plan.Update), plan.Unchanged)
			return nil
		}),
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "check the file and report what would change, without writing")
	cmd.Flags().StringVar(&format, "format", "csv", "csv, or json for a dump written by 'export --format json'")
	return cmd
}
