package roadmap

import (
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sorted returns the initiatives in roadmap order: by quarter (backlog
// last), then domain in model order, then level, then id. The pointers are
// into the roadmap.
func (r *Roadmap) Sorted() []*Initiative { return r.InOrder(r.Order()) }

// InOrder returns pointers to the initiatives at the given indexes, in
// turn: InOrder(Order()) is Sorted().
func (r *Roadmap) InOrder(order []int32) []*Initiative {
	out := make([]*Initiative, len(order))
	for k, i := range order {
		out[k] = &r.Initiatives[i]
	}
	return out
}

// Reorder returns what Order returns, given the order of the roadmap r
// was made from (prev.Order(), when r is prev.With some initiatives put
// in or taken out): the initiatives that kept their place in the order
// keep it, and only those that are new or moved are placed, by binary
// search, so that a few changed initiatives cost a pass, not a sort. When
// many changed, it sorts.
func (r *Roadmap) Reorder(prev *Roadmap, prevOrder []int32) []int32 {
	const most = 64
	if len(prevOrder) != len(prev.Initiatives) {
		return r.Order()
	}
	// Both are sorted by id: one pass pairs each initiative of prev with
	// its index in r, or -1 when it is gone or moved.
	at := make([]int32, len(prev.Initiatives))
	var moved []int32 // indexes in r to place
	j := 0
	for i := range prev.Initiatives {
		id := prev.Initiatives[i].ID
		for ; j < len(r.Initiatives) && r.Initiatives[j].ID < id; j++ {
			moved = append(moved, int32(j))
		}
		at[i] = -1
		if j < len(r.Initiatives) && r.Initiatives[j].ID == id {
			if r.sortKey(j) == prev.sortKey(i) {
				at[i] = int32(j)
			} else {
				moved = append(moved, int32(j))
			}
			j++
		}
		if len(moved) > most {
			return r.Order()
		}
	}
	for ; j < len(r.Initiatives); j++ {
		moved = append(moved, int32(j))
	}
	if len(moved) > most {
		return r.Order()
	}
	out := make([]int32, 0, len(r.Initiatives))
	for _, i := range prevOrder {
		if k := at[i]; k >= 0 {
			out = append(out, k)
		}
	}
	for _, k := range moved {
		pos, _ := slices.BinarySearchFunc(out, k, func(a, b int32) int { return r.compareOrder(int(a), int(b)) })
		out = slices.Insert(out, pos, k)
	}
	return out
}

// sortKey packs the quarter, domain and level of Initiatives[i] into one
// number, in roadmap order, so that most comparisons are one.
func (r *Roadmap) sortKey(i int) uint64 {
	in := &r.Initiatives[i]
	d := r.dom[i]
	if d < 0 {
		d = len(r.Model.Domains)
	}
	return uint64(in.Quarter.index())<<24 | uint64(d)<<8 | uint64(in.Level&0xff)
}

// compareOrder compares Initiatives[i] and [j] in roadmap order.
func (r *Roadmap) compareOrder(i, j int) int {
	if c := cmp.Compare(r.sortKey(i), r.sortKey(j)); c != 0 {
		return c
	}
	return cmp.Compare(r.Initiatives[i].ID, r.Initiatives[j].ID)
}

// Order returns the indexes into Initiatives in roadmap order: where the
// pointers of Sorted point.
func (r *Roadmap) Order() []int32 {
	type keyed struct {
		key uint64
		id  int64
		i   int32
	}
	ks := make([]keyed, len(r.Initiatives))
	for i := range r.Initiatives {
		ks[i] = keyed{r.sortKey(i), r.Initiatives[i].ID, int32(i)}
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
	return WriteCSVCodes(w, r, initiativeCodes(r, warnings))
}

// WriteCSVCodes is WriteCSV with the warning codes of each initiative, by
// its index in r.Initiatives (Roadmap.CodesOf).
func WriteCSVCodes(w io.Writer, r *Roadmap, codes []CodeSet) error {
	cw := newCSVWriter(w)
	for i, h := range CSVHeader {
		if i > 0 {
			cw.comma()
		}
		cw.str(h)
	}
	if err := cw.endRow(); err != nil {
		return err
	}
	joined := map[CodeSet]string{} // CodeSet.Join(";") of each set, once
	levelNames := make([][MaxLevel + 1]string, len(r.Model.Domains))
	for d, dom := range r.Model.Domains {
		for l := range levelNames[d] {
			levelNames[d][l] = r.Model.LevelName(dom.Key, l)
		}
	}
	for _, i := range r.Order() {
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
			cw.str("-Q")
			cw.int(int64(in.Quarter.Q))
		}
		cw.comma()
		cw.text(string(in.Status))
		cw.comma()
		cw.text(in.Owner)
		cw.comma()
		if in.Effort.Set { // Effort.String, without the allocation
			cw.float(in.Effort.Value)
		}
		cw.comma()
		if len(in.DependsOn) > 1 {
			cw.byte('"') // the ';' between ids
		}
		for k, d := range in.DependsOn {
			if k > 0 {
				cw.byte(';')
			}
			cw.int(d)
		}
		if len(in.DependsOn) > 1 {
			cw.byte('"')
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
		if err := cw.endRow(); err != nil {
			return err
		}
	}
	return cw.flush()
}

// initiativeCodes returns the codes of each initiative's warnings, by its
// index in r.Initiatives: what the warnings cell of its CSV row shows.
func initiativeCodes(r *Roadmap, warnings []Warning) []CodeSet {
	codes := make([]CodeSet, len(r.Initiatives))
	for _, w := range warnings {
		if i, ok := r.byID[w.Subject.ID()]; ok { // warnings about domains have no row
			codes[i].Add(w.Code)
		}
	}
	return codes
}

// csvWriter writes RFC 4180 cells with ',' between them, appending to a
// buffer that it writes out a row at a time once it holds 64 KiB.
type csvWriter struct {
	w   io.Writer
	buf []byte
}

const csvChunk = 1 << 16

func newCSVWriter(w io.Writer) *csvWriter {
	return &csvWriter{w: w, buf: make([]byte, 0, csvChunk+csvChunk/4)}
}

func (cw *csvWriter) comma()          { cw.buf = append(cw.buf, ',') }
func (cw *csvWriter) byte(b byte)     { cw.buf = append(cw.buf, b) }
func (cw *csvWriter) str(s string)    { cw.buf = append(cw.buf, s...) }
func (cw *csvWriter) int(n int64)     { cw.buf = strconv.AppendInt(cw.buf, n, 10) }
func (cw *csvWriter) float(f float64) { cw.buf = strconv.AppendFloat(cw.buf, f, 'f', -1, 64) }

// endRow ends a row, writing the buffer out once it is full.
func (cw *csvWriter) endRow() error {
	cw.buf = append(cw.buf, '\n')
	if len(cw.buf) < csvChunk {
		return nil
	}
	return cw.flush()
}

func (cw *csvWriter) flush() error {
	_, err := cw.w.Write(cw.buf)
	cw.buf = cw.buf[:0]
	return err
}

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
			cw.byte('\'')
		}
		cw.str(c)
		return
	}
	cw.byte('"')
	if defused {
		cw.byte('\'')
	}
	for {
		j := strings.IndexByte(c, '"')
		if j < 0 {
			break
		}
		cw.str(c[:j+1])
		cw.byte('"')
		c = c[j+1:]
	}
	cw.str(c)
	cw.byte('"')
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

// rearm undoes defuse.
func rearm(s string) string {
	if strings.HasPrefix(s, "'") && formulaStart(s) {
		return s[1:]
	}
	return s
}
