package roadmap

import (
	"bufio"
	"bytes"
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
var CSVHeader = []string{"id", "title", "domain", "level", "level_name", "quarter", "status", "owner", "effort", "depends_on", "description", "warnings", "version"}

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

// MaxCSVLine bounds a line of a roadmap CSV. The longest row a roadmap
// has (a description of MaxDescription four-byte characters, quotes
// doubled) is far shorter; a longer line means a file of another kind,
// refused before it fills the memory.
const MaxCSVLine = 1 << 20

// NewCSVReader reads the header of a roadmap CSV from rd.
func NewCSVReader(rd io.Reader, m *Model) (*CSVReader, error) {
	br := bufio.NewReaderSize(&lineLimit{r: rd, line: 1}, 1<<16)
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

// lineLimit reads r and fails once a line is longer than MaxCSVLine.
type lineLimit struct {
	r    io.Reader
	line int // the line being read
	n    int // its bytes so far
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for b := p[:n]; ; {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			l.n += len(b)
			break
		}
		if l.n+i > MaxCSVLine {
			l.n += i
			break
		}
		l.line++
		l.n = 0
		b = b[i+1:]
	}
	if l.n > MaxCSVLine {
		return 0, fmt.Errorf("line %d: longer than %d KiB, which no row of a roadmap is", l.line, MaxCSVLine>>10)
	}
	return n, err
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
			in.Domain, err = c.m.ParseDomain(v)
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
