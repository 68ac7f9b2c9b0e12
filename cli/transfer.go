package cli

import (
	"bufio"
	"bytes"
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
				d, err := st.Dump(cmd.Context())
				if err != nil {
					return err
				}
				return a.writeOutput(out, func(w io.Writer) error { return store.WriteDump(w, d) })
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
			ws := r.Check(a.Quarter())
			return a.writeOutput(out, func(w io.Writer) error {
				switch format {
				case "markdown":
					return writeMarkdown(w, r, ws, a.Today(), a.Quarter())
				}
				return roadmap.WriteCSV(w, r, ws)
			})
		}),
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv, json or markdown")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output (replaced whole, never half-written)")
	return cmd
}

// writeOutput runs fn on standard output, or writes path whole: it is
// replaced only once fn has succeeded.
func (a *App) writeOutput(path string, fn func(w io.Writer) error) error {
	if path == "" || path == "-" {
		return fn(a.Stdout)
	}
	// Replacing the open database with an export would lose the roadmap.
	if a.st != nil {
		if out, err := os.Stat(path); err == nil {
			if db, err := os.Stat(a.st.Path()); err == nil && os.SameFile(out, db) {
				return fmt.Errorf("cannot write %s: it is the database itself", path)
			}
		}
	}
	if err := atomicfile.Write(path, 0o644, fn); err != nil {
		return err
	}
	a.notef("wrote %s", path)
	return nil
}

// inputName names a FILE argument in messages.
func inputName(path string) string {
	if path == "-" {
		return "standard input"
	}
	return path
}

// readInput reads a whole file, or standard input for "-".
func (a *App) readInput(path string) ([]byte, error) {
	var rd io.Reader = a.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %v", path, unwrapPathError(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("cannot read %s: it is a folder", path)
		}
		rd = f
	}
	data, err := io.ReadAll(io.LimitReader(rd, MaxImportSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", path, unwrapPathError(err))
	}
	if len(data) > MaxImportSize {
		return nil, fmt.Errorf("%s is larger than %d MiB", path, MaxImportSize>>20)
	}
	return data, nil
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
			var budget *memoryBudget
			in, closeInput, err := a.openInput(args[0], func(read int64) { budget.read(read) })
			if err != nil {
				return err
			}
			defer closeInput()
			if !cmd.Flags().Changed("format") && startsJSON(in) {
				format = "json"
			}
			if format == "json" {
				if opts.Overwrite || opts.AllowDuplicates {
					return usageError{"--overwrite and --allow-duplicates apply to a CSV file, not to a JSON dump"}
				}
				data, err := io.ReadAll(in)
				if err != nil {
					return fmt.Errorf("%s: %v", inputName(args[0]), unwrapPathError(err))
				}
				return a.restore(cmd, args[0], data, dryRun)
			}
			st, err := a.Store(cmd.Context())
			if err != nil {
				return err
			}
			budget = newMemoryBudget(st.Path(), 2)
			defer budget.restore()
			return a.importCSV(cmd, args[0], in, store.ImportOptions{ImportOptions: opts, DryRun: dryRun})
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

// openInput opens a FILE argument, or standard input for "-", for reading
// from start to end; reading fails once the input is larger than
// MaxImportSize, so a wrong file cannot fill the memory. progress is told
// how many bytes were read, at every MiB.
func (a *App) openInput(path string, progress func(read int64)) (*bufio.Reader, func(), error) {
	var rd io.Reader = a.Stdin
	closer := func() {}
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read %s: %v", path, unwrapPathError(err))
		}
		if st, err := f.Stat(); err == nil && st.IsDir() {
			f.Close()
			return nil, nil, fmt.Errorf("cannot read %s: it is a folder", path)
		}
		rd, closer = f, func() { f.Close() }
	}
	return bufio.NewReaderSize(&limitedReader{r: rd, left: MaxImportSize, progress: progress}, 1<<16), closer, nil
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

// startsJSON reports whether the input's first character, after a byte
// order mark and white space, is '{'.
func startsJSON(br *bufio.Reader) bool {
	head, _ := br.Peek(br.Size())
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(head) > 0 && head[0] == '{'
}

// restore loads a JSON dump into an empty database.
func (a *App) restore(cmd *cobra.Command, name string, data []byte, dryRun bool) error {
	d, m, err := store.ParseDump(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	if dryRun {
		a.notef("dry run: %s is a valid dump of %d initiatives, %d assessments and %d history entries; nothing was written",
			name, len(d.Initiatives), len(d.Assessments), len(d.History))
		return nil
	}
	st, err := a.Store(cmd.Context())
	if err != nil {
		return err
	}
	if err := st.Restore(cmd.Context(), d, m); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	a.notef("restored %s: %d initiatives, %d assessments, %d history entries", name, len(d.Initiatives), len(d.Assessments), len(d.History))
	return nil
}
