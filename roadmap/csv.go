package roadmap

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CSVHeader is the header of the roadmap CSV, in column order.
var CSVHeader = []string{"id", "title", "domain", "level", "level_name", "quarter", "status", "owner", "effort", "depends_on", "description", "warnings"}

// Sorted returns the initiatives in roadmap order: by quarter (backlog
// last), then domain in model order, then level, then id. The pointers are
// into the roadmap.
func (r *Roadmap) Sorted() []*Initiative {
	type keyed struct {
		key uint64 // quarter, domain and level packed, so most comparisons are one
		in  *Initiative
	}
	ks := make([]keyed, len(r.Initiatives))
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		d := r.dom[i]
		if d < 0 {
			d = len(r.Model.Domains)
		}
		ks[i] = keyed{uint64(in.Quarter.index())<<24 | uint64(d)<<8 | uint64(in.Level&0xff), in}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if a.key != b.key {
			return cmp.Compare(a.key, b.key)
		}
		return cmp.Compare(a.in.ID, b.in.ID)
	})
	out := make([]*Initiative, len(ks))
	for i, k := range ks {
		out[i] = k.in
	}
	return out
}

// WarningCodes joins the distinct codes of ws with sep, errors first.
func WarningCodes(ws []Warning, sep string) string {
	var c CodeSet
	for _, w := range ws {
		c.Add(w.Code)
	}
	return c.Join(sep)
}

// WriteCSV writes the roadmap as CSV: CSVHeader, then one row per
// initiative in roadmap order, with the codes of its warnings. Cells that a
// spreadsheet would run as a formula get a leading apostrophe.
func WriteCSV(w io.Writer, r *Roadmap, warnings []Warning) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	codes := CodesByInitiative(warnings)
	row := make([]string, len(CSVHeader))
	for _, in := range r.Sorted() {
		row[0] = strconv.FormatInt(in.ID, 10)
		row[1] = in.Title
		row[2] = in.Domain
		row[3] = strconv.Itoa(in.Level)
		row[4] = r.Model.LevelName(in.Domain, in.Level)
		row[5] = in.Quarter.String()
		row[6] = string(in.Status)
		row[7] = in.Owner
		row[8] = in.Effort.String()
		row[9] = FormatIDs(in.DependsOn, ";")
		row[10] = in.Description
		row[11] = codes[in.ID].Join(";")
		for i := range row {
			row[i] = defuse(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// formulaStart reports whether a spreadsheet would read s as a formula once
// any leading apostrophes are taken off.
func formulaStart(s string) bool {
	if s == "" || !strings.ContainsRune("'=+-@\t\r", rune(s[0])) {
		return false // most cells: one comparison
	}
	t := strings.TrimLeft(s, "'")
	return t != "" && strings.ContainsRune("=+-@\t\r", rune(t[0]))
}

// defuse puts an apostrophe before a cell a spreadsheet would run as a
// formula. A cell that is only apostrophes before such a character gets one
// more, so that rearm can always take exactly one off.
func defuse(s string) string {
	if formulaStart(s) {
		return "'" + s
	}
	return s
}

// rearm undoes defuse.
func rearm(s string) string {
	if strings.HasPrefix(s, "'") && formulaStart(s) {
		return s[1:]
	}
	return s
}

// CSVRow is one initiative read from a roadmap CSV.
type CSVRow struct {
	Line       int // line in the file where the row starts
	HasID      bool
	Initiative Initiative // only the fields whose columns are present are set
}

// CSVImport is a parsed roadmap CSV.
type CSVImport struct {
	Columns map[string]bool // the columns the header names
	Rows    []CSVRow
}

// ReadCSV parses a roadmap CSV. The header is required; columns are matched
// by name regardless of case and may come in any order; level_name and
// warnings are ignored; unknown or repeated columns are refused. A UTF-8
// byte order mark and CRLF line ends are accepted. Each row is validated on
// its own (references to other initiatives are checked by Roadmap.Import);
// the first bad row fails the whole file with "line N: ...".
func ReadCSV(rd io.Reader, m *Model) (*CSVImport, error) {
	br := bufio.NewReaderSize(rd, 1<<16)
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("line 1: the file is empty: a header is required (%s)", strings.Join(CSVHeader, ","))
	}
	if err != nil {
		return nil, csvError(err)
	}
	imp := &CSVImport{Columns: map[string]bool{}}
	cols := make([]string, len(header))
	for i, h := range header {
		if !utf8.ValidString(h) {
			return nil, fmt.Errorf("line 1: column %d's name is not valid UTF-8", i+1)
		}
		name := strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, c := range CSVHeader {
			known = known || c == name
		}
		if !known {
			return nil, fmt.Errorf("line 1: unknown column %q (want %s)", h, strings.Join(CSVHeader, ","))
		}
		if imp.Columns[name] {
			return nil, fmt.Errorf("line 1: column %q appears twice", name)
		}
		imp.Columns[name] = true
		cols[i] = name
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		row, err := parseRow(cols, rec, m)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		row.Line = line
		imp.Rows = append(imp.Rows, row)
	}
	return imp, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return fmt.Errorf("line %d: wrong number of fields: every row needs one per header column", pe.StartLine)
		}
		return fmt.Errorf("line %d: %v", pe.Line, pe.Err)
	}
	return err
}

func parseRow(cols, rec []string, m *Model) (CSVRow, error) {
	var row CSVRow
	in := &row.Initiative
	for i, raw := range rec {
		if !utf8.ValidString(raw) {
			return row, fmt.Errorf("%s is not valid UTF-8", cols[i])
		}
		v := rearm(raw)
		var err error
		switch cols[i] {
		case "id":
			if strings.TrimSpace(v) != "" {
				in.ID, err = ParseID(v)
				row.HasID = err == nil
			}
		case "title":
			in.Title = v
		case "domain":
			in.Domain = strings.ToLower(strings.TrimSpace(v))
			if !m.HasDomain(in.Domain) {
				err = fmt.Errorf("unknown domain %q: want %s", v, m.DomainKeys())
			}
		case "level":
			in.Level, err = ParseLevel(v)
		case "quarter":
			in.Quarter, err = ParseQuarter(v)
		case "status":
			in.Status, err = ParseStatus(v)
		case "owner":
			in.Owner = v
		case "effort":
			in.Effort, err = ParseEffort(v)
		case "depends_on":
			in.DependsOn, err = ParseIDs(v)
		case "description":
			in.Description = v
		}
		if err != nil {
			return row, err
		}
	}
	return row, nil
}
