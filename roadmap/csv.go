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
	"unicode"
	"unicode/utf8"
)

// CSVHeader is the header of the roadmap CSV, in column order.
var CSVHeader = []string{"id", "title", "domain", "level", "level_name", "quarter", "status", "owner", "effort", "depends_on", "description", "warnings", "version"}

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
// initiative in roadmap order, with the codes of its warnings and its
// version. Cells that a spreadsheet would run as a formula get a leading
// apostrophe; cells holding a comma, a semicolon, a quote or a line break
// are quoted, so that the file reads the same whichever of ',' and ';' a
// spreadsheet splits on.
func WriteCSV(w io.Writer, r *Roadmap, warnings []Warning) error {
	cw := newCSVWriter(w)
	cw.record(CSVHeader)
	codes := CodesByInitiative(warnings)
	row := make([]string, len(CSVHeader))
	var num [3][24]byte // the numbers of a row, formatted without allocating
	for _, in := range r.Sorted() {
		row[0] = string(strconv.AppendInt(num[0][:0], in.ID, 10))
		row[1] = in.Title
		row[2] = in.Domain
		row[3] = string(strconv.AppendInt(num[1][:0], int64(in.Level), 10))
		row[4] = r.Model.LevelName(in.Domain, in.Level)
		row[5] = in.Quarter.String()
		row[6] = string(in.Status)
		row[7] = in.Owner
		row[8] = in.Effort.String()
		row[9] = FormatIDs(in.DependsOn, ";")
		row[10] = in.Description
		row[11] = warningsCell(codes, in)
		row[12] = ""
		if in.Version > 0 {
			row[12] = string(strconv.AppendInt(num[2][:0], in.Version, 10))
		}
		cw.record(row)
		if cw.err != nil {
			return cw.err
		}
	}
	return cw.flush()
}

// warningsCell is the warnings cell of an initiative's row: the codes of
// its warnings, errors first, separated by ';'.
func warningsCell(codes map[int64]CodeSet, in *Initiative) string {
	return codes[in.ID].Join(";")
}

// csvWriter writes RFC 4180 records with ',' between cells, defusing
// formulas; it remembers the first write error.
type csvWriter struct {
	w   *bufio.Writer
	err error
}

func newCSVWriter(w io.Writer) *csvWriter {
	return &csvWriter{w: bufio.NewWriterSize(w, 1<<16)}
}

func (cw *csvWriter) record(cells []string) {
	if cw.err != nil {
		return
	}
	for i, c := range cells {
		if i > 0 {
			cw.w.WriteByte(',')
		}
		if formulaStart(c) {
			c = "'" + c
		}
		if !needsQuotes(c) {
			cw.w.WriteString(c)
			continue
		}
		cw.w.WriteByte('"')
		for {
			j := strings.IndexByte(c, '"')
			if j < 0 {
				break
			}
			cw.w.WriteString(c[:j+1])
			cw.w.WriteByte('"')
			c = c[j+1:]
		}
		cw.w.WriteString(c)
		cw.w.WriteByte('"')
	}
	_, cw.err = cw.w.WriteString("\n")
}

func (cw *csvWriter) flush() error {
	if cw.err != nil {
		return cw.err
	}
	return cw.w.Flush()
}

// needsQuotes reports whether a cell must be quoted: it holds a separator
// (',' or ';'), a quote or a line break, starts with a space (which some
// readers trim), or is \. (which some read as the end of data).
func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', ';', '"', '\r', '\n':
			return true
		}
	}
	if s == `\.` {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
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
	Line  int // line in the file where the row starts
	HasID bool
	// Initiative holds the fields whose columns are present; its Version
	// is the one the file was exported at, 0 when not given.
	Initiative Initiative
}

// CSVImport is a parsed roadmap CSV held in memory.
type CSVImport struct {
	Columns map[string]bool // the columns the header names
	Rows    []CSVRow
}

// Source returns the rows of imp for PlanImport, from the first.
func (imp *CSVImport) Source() RowSource { return &importCursor{imp: imp} }

type importCursor struct {
	imp  *CSVImport
	next int
}

func (c *importCursor) HasColumn(name string) bool { return c.imp.Columns[name] }

func (c *importCursor) NextRow() (CSVRow, error) {
	if c.next >= len(c.imp.Rows) {
		return CSVRow{}, io.EOF
	}
	c.next++
	return c.imp.Rows[c.next-1], nil
}

// CSVReader reads a roadmap CSV one row at a time, so that a large file
// never has to be in memory whole. The header is required; columns are
// matched by name regardless of case and may come in any order; level_name
// and warnings are ignored; unknown or repeated columns are refused. A
// UTF-8 byte order mark and CRLF line ends are accepted, and so is ';'
// between cells instead of ',' (what spreadsheets write in locales whose
// decimal separator is a comma): the header tells which. Each row is
// validated on its own (references to other initiatives are checked by
// PlanImport); a bad row is refused with "line N: ...".
type CSVReader struct {
	Columns map[string]bool // the columns the header names
	// Comma is the separator the header uses: ',' or ';'.
	Comma rune

	cr   *csv.Reader
	cols []string
	m    *Model
}

// NewCSVReader reads the header of a roadmap CSV from rd.
func NewCSVReader(rd io.Reader, m *Model) (*CSVReader, error) {
	br := bufio.NewReaderSize(rd, 1<<16)
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	c := &CSVReader{Columns: map[string]bool{}, Comma: headerComma(br), m: m}
	c.cr = csv.NewReader(br)
	c.cr.Comma = c.Comma
	c.cr.ReuseRecord = true
	header, err := c.cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("line 1: the file is empty: a header is required (%s)", strings.Join(CSVHeader, ","))
	}
	if err != nil {
		return nil, csvError(err)
	}
	c.cols = make([]string, len(header))
	for i, h := range header {
		if !utf8.ValidString(h) {
			return nil, fmt.Errorf("line 1: column %d's name is not valid UTF-8", i+1)
		}
		name := strings.ToLower(strings.TrimSpace(h))
		if !slices.Contains(CSVHeader, name) {
			return nil, fmt.Errorf("line 1: unknown column %q (want %s)", h, strings.Join(CSVHeader, ","))
		}
		if c.Columns[name] {
			return nil, fmt.Errorf("line 1: column %q appears twice", name)
		}
		c.Columns[name] = true
		c.cols[i] = name
	}
	return c, nil
}

// headerComma tells the separator from the first line: ';' when it has
// more semicolons than commas outside quotes, else ','. Column names hold
// neither, so a real header has only one of them.
func headerComma(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	commas, semicolons, quoted := 0, 0, false
	for _, b := range head {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == ',':
			commas++
		case b == ';':
			semicolons++
		}
	}
	if semicolons > commas {
		return ';'
	}
	return ','
}

// HasColumn reports whether the header names a column.
func (c *CSVReader) HasColumn(name string) bool { return c.Columns[name] }

// NextRow reads and validates the next row; io.EOF after the last.
func (c *CSVReader) NextRow() (CSVRow, error) {
	rec, err := c.cr.Read()
	if err == io.EOF {
		return CSVRow{}, io.EOF
	}
	if err != nil {
		return CSVRow{}, csvError(err)
	}
	line, _ := c.cr.FieldPos(0)
	row, err := c.parseRow(rec)
	if err != nil {
		return row, fmt.Errorf("line %d: %w", line, err)
	}
	row.Line = line
	return row, nil
}

// ReadCSV reads a whole roadmap CSV into memory (see CSVReader for the
// rules); the first bad row fails the whole file with "line N: ...".
func ReadCSV(rd io.Reader, m *Model) (*CSVImport, error) {
	c, err := NewCSVReader(rd, m)
	if err != nil {
		return nil, err
	}
	imp := &CSVImport{Columns: c.Columns}
	for {
		row, err := c.NextRow()
		if err == io.EOF {
			return imp, nil
		}
		if err != nil {
			return nil, err
		}
		imp.Rows = append(imp.Rows, row)
	}
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

func (c *CSVReader) parseRow(rec []string) (CSVRow, error) {
	var row CSVRow
	in := &row.Initiative
	for i, raw := range rec {
		if !utf8.ValidString(raw) {
			return row, fmt.Errorf("%s is not valid UTF-8", c.cols[i])
		}
		v := rearm(raw)
		var err error
		switch c.cols[i] {
		case "id":
			if strings.TrimSpace(v) != "" {
				in.ID, err = ParseID(v)
				row.HasID = err == nil
			}
		case "title":
			in.Title = v
		case "domain":
			in.Domain = domainKey(c.m, v)
			if in.Domain == "" {
				err = fmt.Errorf("unknown domain %q: want %s", v, c.m.DomainKeys())
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
			if c.Comma == ';' && !strings.Contains(v, ".") {
				// A decimal comma, as the same spreadsheets write numbers.
				v = strings.Replace(v, ",", ".", 1)
			}
			in.Effort, err = ParseEffort(v)
		case "depends_on":
			in.DependsOn, err = ParseIDs(v)
		case "description":
			in.Description = v
		case "version":
			in.Version, err = ParseVersion(v)
		}
		if err != nil {
			return row, err
		}
	}
	return row, nil
}

// domainKey returns the model's own key for a domain written in any case
// and with surrounding space (so that every row shares one string), or ""
// when the model has no such domain.
func domainKey(m *Model, s string) string {
	if i, ok := m.index[strings.ToLower(strings.TrimSpace(s))]; ok {
		return m.Domains[i].Key
	}
	return ""
}

// ParseVersion reads the version column of a CSV row: empty for none (0),
// else a whole number from 1 to MaxID.
func ParseVersion(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, nil
	}
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil || v < 1 || v > MaxID {
		return 0, fmt.Errorf("invalid version %q: want a whole number from 1 to %d, as export writes it", s, int64(MaxID))
	}
	return v, nil
}
