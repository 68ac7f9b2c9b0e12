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
	idx := r.sortedIndexes()
	out := make([]*Initiative, len(idx))
	for k, i := range idx {
		out[k] = &r.Initiatives[i]
	}
	return out
}

// sortedIndexes returns the indexes in r.Initiatives in roadmap order.
func (r *Roadmap) sortedIndexes() []int32 {
	type keyed struct {
		key uint64 // quarter, domain and level packed, so most comparisons are one
		id  int64
		i   int32
	}
	ks := make([]keyed, len(r.Initiatives))
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		d := r.dom[i]
		if d < 0 {
			d = len(r.Model.Domains)
		}
		ks[i] = keyed{uint64(in.Quarter.index())<<24 | uint64(d)<<8 | uint64(in.Level&0xff), in.ID, int32(i)}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if a.key != b.key {
			return cmp.Compare(a.key, b.key)
		}
		return cmp.Compare(a.id, b.id)
	})
	out := make([]int32, len(ks))
	for k, x := range ks {
		out[k] = x.i
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
// spreadsheet splits on. It formats straight into its buffer: an export
// of a hundred thousand rows allocates next to nothing.
func WriteCSV(w io.Writer, r *Roadmap, warnings []Warning) error {
	cw := newCSVWriter(w)
	for i, h := range CSVHeader {
		if i > 0 {
			cw.comma()
		}
		cw.w.WriteString(h)
	}
	cw.w.WriteByte('\n')
	codes := initiativeCodes(r, warnings)
	var joined [1 << 8]string // CodeSet.Join(";") of each set, once
	levelNames := make([][MaxLevel + 1]string, len(r.Model.Domains))
	for d, dom := range r.Model.Domains {
		for l := range levelNames[d] {
			levelNames[d][l] = r.Model.LevelName(dom.Key, l)
		}
	}
	for _, i := range r.sortedIndexes() {
		in := &r.Initiatives[i]
		cw.int(in.ID)
		cw.comma()
		cw.text(in.Title)
		cw.comma()
		cw.text(in.Domain)
		cw.comma()
		cw.int(int64(in.Level))
		cw.comma()
		if d := r.dom[i]; d >= 0 && in.Level >= 0 && in.Level <= MaxLevel {
			cw.text(levelNames[d][in.Level])
		} else {
			cw.text(r.Model.LevelName(in.Domain, in.Level))
		}
		cw.comma()
		if !in.Quarter.IsBacklog() { // Quarter.String, without the allocation
			cw.int(int64(in.Quarter.Year))
			cw.w.WriteString("-Q")
			cw.int(int64(in.Quarter.Q))
		}
		cw.comma()
		cw.text(string(in.Status))
		cw.comma()
		cw.text(in.Owner)
		cw.comma()
		if in.Effort.Set { // Effort.String, without the allocation
			cw.w.Write(strconv.AppendFloat(cw.num[:0], in.Effort.Value, 'f', -1, 64))
		}
		cw.comma()
		if len(in.DependsOn) > 1 {
			cw.w.WriteByte('"') // the ';' between ids
		}
		for k, d := range in.DependsOn {
			if k > 0 {
				cw.w.WriteByte(';')
			}
			cw.int(d)
		}
		if len(in.DependsOn) > 1 {
			cw.w.WriteByte('"')
		}
		cw.comma()
		cw.text(in.Description)
		cw.comma()
		if c := codes[i]; c != 0 {
			if joined[c] == "" {
				joined[c] = c.Join(";")
			}
			cw.text(joined[c])
		}
		cw.comma()
		if in.Version > 0 {
			cw.int(in.Version)
		}
		if _, err := cw.w.WriteString("\n"); err != nil {
			return err
		}
	}
	return cw.w.Flush()
}

// initiativeCodes returns the codes of each initiative's warnings, by its
// index in r.Initiatives: what the warnings cell of its CSV row shows.
func initiativeCodes(r *Roadmap, warnings []Warning) []CodeSet {
	codes := make([]CodeSet, len(r.Initiatives))
	for _, w := range warnings {
		if i, ok := r.byID[w.Initiative]; ok {
			codes[i].Add(w.Code)
		}
	}
	return codes
}

// csvWriter writes RFC 4180 cells with ',' between them into a buffer.
type csvWriter struct {
	w   *bufio.Writer
	num [32]byte
}

func newCSVWriter(w io.Writer) *csvWriter {
	return &csvWriter{w: bufio.NewWriterSize(w, 1<<16)}
}

func (cw *csvWriter) comma() { cw.w.WriteByte(',') }

func (cw *csvWriter) int(n int64) { cw.w.Write(strconv.AppendInt(cw.num[:0], n, 10)) }

// text writes a text cell: defused if a spreadsheet would run it as a
// formula, quoted if it needs to be.
func (cw *csvWriter) text(c string) {
	defused := formulaStart(c)
	quote := needsQuotes(c)
	if defused {
		// After the apostrophe a leading space is no longer leading.
		quote = strings.ContainsAny(c, ",;\"\r\n")
	}
	if !quote {
		if defused {
			cw.w.WriteByte('\'')
		}
		cw.w.WriteString(c)
		return
	}
	cw.w.WriteByte('"')
	if defused {
		cw.w.WriteByte('\'')
	}
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

// needsQuotes reports whether a cell must be quoted: it holds a separator
// (',' or ';'), a quote or a line break, starts with a space (which some
// readers trim), or is \. (which some read as the end of data).
func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if quoted[s[i]] {
			return true
		}
	}
	if s == `\.` {
		return true
	}
	if s[0] < utf8.RuneSelf {
		return s[0] == ' ' || s[0] == '\t' || s[0] == '\v' || s[0] == '\f'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// quoted marks the bytes that make a cell need quotes.
var quoted = [256]bool{',': true, ';': true, '"': true, '\r': true, '\n': true}

// formulaStart reports whether a spreadsheet would read s as a formula once
// any leading apostrophes are taken off.
func formulaStart(s string) bool {
	if s == "" {
		return false
	}
	if s[0] != '\'' {
		return formulaByte(s[0]) // most cells: one comparison
	}
	t := strings.TrimLeft(s, "'")
	return t != "" && formulaByte(t[0])
}

func formulaByte(b byte) bool {
	switch b {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
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
