package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"maturity/internal/atomicfile"
	"maturity/roadmap"
	"maturity/store"
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
depends_on and warnings hold ';'-separated ids and warning codes; every
cell holding ',' or ';' is quoted. version is the initiative's version,
which import uses to refuse rows that would undo a later change. A cell
that a spreadsheet would run as a formula starts with an apostrophe, which
import removes again. 'maturity import' reads this format back.

markdown: a report for reviews: where each domain stands, one table per
quarter with the levels projected at its end, the backlog, the warnings.
Text in it is escaped, so no HTML, link or image in a title takes effect.

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
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			defer newMemoryBudget(st.Path(), 3).restore()
			r, err := st.LoadContent(cmd.Context())
			if err != nil {
				return err
			}
			if format == "markdown" {
				rep := markdownReport(r, a.Today())
				return a.writeOutput(out, 0o666, func(w io.Writer) error { return writeMarkdown(w, rep) })
			}
			// The CSV needs only each row's warning codes.
			codes := r.CodesOf(a.Quarter())
			return a.writeOutput(out, 0o666, func(w io.Writer) error { return roadmap.WriteCSVCodes(w, r, codes) })
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
	var opts roadmap.ImportOptions
	cmd := &cobra.Command{
		Use:   "import FILE [--dry-run] [--overwrite] [--allow-duplicates] [--format csv|json]",
		Short: "Create and update initiatives from a roadmap CSV (all rows or none), or restore a JSON dump",
		Long: `import reads a CSV in the format export writes ('-' reads standard input).
The header is required; columns are matched by name regardless of case and
order; level_name and warnings are ignored; unknown columns are refused.
Cells may be separated by ';' instead of ',' (as spreadsheets write in
some locales); the header tells which.

A row whose id exists updates that initiative (columns the file lacks keep
their values); a row with a new id creates an initiative with that id; a
row without an id creates one with a new id. Any bad row fails the whole
import with its line number, and nothing is written.

Two refusals keep a file from undoing newer work. A row whose version
column is older than the initiative's (it changed since the file was
exported) is refused; --overwrite applies it anyway. A row without an id
whose title, domain and level are those of an existing initiative (the
same file imported twice) is refused; --allow-duplicates creates it anyway.

--dry-run lists every change the import would make, a line each, and
writes nothing.

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
				if opts.Overwrite || opts.AllowDuplicates {
					return usageError{"--overwrite and --allow-duplicates apply to a CSV file, not to a JSON dump"}
				}
				return a.restore(cmd, args[0], in, dryRun) // bounded by MaxDumpSize as it parses
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			budget := newMemoryBudget(st.Path(), 2)
			defer budget.restore()
			csv := &limitedReader{r: in, left: MaxImportSize, progress: budget.read}
			return a.importCSV(cmd, args[0], csv, store.ImportOptions{ImportOptions: opts, DryRun: dryRun})
		}),
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "list what the import would change, a line each, without writing")
	cmd.Flags().BoolVar(&opts.Overwrite, "overwrite", false, "apply rows to initiatives that changed since the file was exported")
	cmd.Flags().BoolVar(&opts.AllowDuplicates, "allow-duplicates", false, "create rows without an id even when an initiative with the same title, domain and level exists")
	cmd.Flags().StringVar(&format, "format", "csv", "csv, or json for a dump written by 'export --format json'")
	return cmd
}

// importCSV imports a roadmap CSV read from in, row by row. A dry run
// lists each change on standard output; both say what was done on
// standard error.
func (a *App) importCSV(cmd *cobra.Command, name string, in io.Reader, opts store.ImportOptions) error {
	st, err := a.Store(cmd.Context())
	if err != nil {
		return err
	}
	m, err := st.Model(cmd.Context())
	if err != nil {
		return err
	}
	src, err := roadmap.NewCSVReader(in, m)
	if err != nil {
		return fmt.Errorf("%s: %v", inputName(name), err)
	}
	var list *roadmap.ChangeList
	var listed *os.File
	if opts.DryRun {
		// The list goes to a temporary file first, so that a file refused
		// at its last row prints no list, however long the list is.
		var out io.Writer = a.Stdout
		if listed, err = os.CreateTemp("", "maturity-dry-run-*"); err == nil {
			defer os.Remove(listed.Name())
			defer listed.Close()
			out = listed
		}
		list = roadmap.NewChangeList(out, m)
		opts.Changes = list
	}
	n, err := st.ImportRows(cmd.Context(), src, opts)
	if err != nil {
		return fmt.Errorf("%s: %v", inputName(name), err)
	}
	if opts.DryRun {
		if err := list.Flush(); err != nil {
			return fmt.Errorf("cannot list the changes: %v", unwrapPathError(err))
		}
		if listed != nil {
			if _, err := listed.Seek(0, io.SeekStart); err != nil {
				return fmt.Errorf("cannot list the changes: %v", unwrapPathError(err))
			}
			if _, err := io.Copy(a.Stdout, listed); err != nil {
				return err
			}
		}
		a.notef("dry run: would create %d, update %d, leave %d unchanged; nothing was written", n.Created, n.Updated, n.Unchanged)
		return nil
	}
	a.notef("imported %s: created %d, updated %d, unchanged %d", inputName(name), n.Created, n.Updated, n.Unchanged)
	return nil
}

// limitedReader reads r up to left bytes, and fails if r has more.
type limitedReader struct {
	r        io.Reader
	left     int64
	read     int64
	progress func(read int64) // at every MiB, if set
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		if n, err := l.r.Read(one[:]); n == 0 {
			return 0, err
		}
		return 0, fmt.Errorf("the file is larger than %d MiB", MaxImportSize>>20)
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.progress != nil && (l.read+int64(n))>>20 != l.read>>20 {
		l.progress(l.read + int64(n))
	}
	l.read += int64(n)
	return n, err
}
