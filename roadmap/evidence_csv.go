package roadmap

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// MetricCSVHeader is the header of a metric values CSV, the columns in
// the order 'metric export' writes them.
var MetricCSVHeader = []string{"quarter", "metric", "value", "note", "source"}

// MetricRow is one row of a metric values CSV: a value as written, for a
// metric and a quarter.
type MetricRow struct {
	Line    int
	Quarter Quarter
	Metric  string // the model's key
	Value   string // as written; the metric's unit reads it
	Note    string
	Source  string
}

// MetricCSV is a metric values CSV read into memory.
type MetricCSV struct {
	Rows []MetricRow
	// Columns are the columns the header names: a value recorded from a
	// file without a note or source column keeps the one its quarter has.
	Columns map[string]bool
}

// MaxMetricCSV bounds a metric values CSV, far above any real file (a
// hundred metrics over a century of quarters).
const MaxMetricCSV = 16 << 20

// ReadMetricCSV reads a metric values CSV: a header naming quarter,
// metric and value (note and source are optional) in any order and case,
// then one row per value. A UTF-8 byte order mark, CRLF line ends and ';'
// between cells are accepted, and a cell a spreadsheet would run as a
// formula has its leading "'" taken off, as in the roadmap CSV. A row
// with a bad quarter (or none), an unknown metric or invalid UTF-8 fails
// the whole file with "line N: ..."; the values are read by their unit
// where they are recorded.
func ReadMetricCSV(rd io.Reader, m *Model) (*MetricCSV, error) {
	br := bufio.NewReaderSize(&lineLimit{r: rd, line: 1}, 1<<16)
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = headerComma(br)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("line 1: the file is empty: a header is required (%s)", strings.Join(MetricCSVHeader, ","))
	}
	if err != nil {
		return nil, csvError(err)
	}
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.ToValidUTF8(h, "\uFFFD")))
		if !slices.Contains(MetricCSVHeader, name) {
			return nil, fmt.Errorf("line 1: unknown column %q (want %s)", Printable(h), strings.Join(MetricCSVHeader, ","))
		}
		if seen[name] {
			return nil, fmt.Errorf("line 1: column %q appears twice", name)
		}
		seen[name] = true
		cols[i] = name
	}
	for _, need := range MetricCSVHeader[:3] {
		if !seen[need] {
			return nil, fmt.Errorf("line 1: the header has no %q column (want %s)", need, strings.Join(MetricCSVHeader, ","))
		}
	}
	out := &MetricCSV{Columns: seen}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		row := MetricRow{Line: line}
		for i, raw := range rec {
			if !utf8.ValidString(raw) {
				return nil, fmt.Errorf("line %d: %s is not valid UTF-8", line, cols[i])
			}
			v := rearm(raw)
			switch cols[i] {
			case "quarter":
				q, err := ParseQuarter(v)
				if err == nil && q.IsBacklog() {
					err = fmt.Errorf("a value is for a quarter, such as 2026-Q3")
				}
				if err != nil {
					return nil, fmt.Errorf("line %d: %v", line, err)
				}
				row.Quarter = q
			case "metric":
				x, err := m.FindMetric(v)
				if err != nil {
					return nil, fmt.Errorf("line %d: %v", line, err)
				}
				row.Metric = x.Key
			case "value":
				row.Value = v
			case "note":
				row.Note = v
			case "source":
				row.Source = v
			}
		}
		out.Rows = append(out.Rows, row)
	}
}

// WriteMetricCSV writes values as ReadMetricCSV reads them: by quarter,
// then by metric in model order, each value in its unit's canonical form,
// so that equal values always print the same and a file exported,
// imported into an empty database and exported again is the same bytes.
// Values of metrics the model lacks are left out.
func WriteMetricCSV(w io.Writer, m *Model, values []MetricValue) error {
	vs := slices.Clone(values)
	slices.SortStableFunc(vs, func(a, b MetricValue) int {
		if c := a.Quarter.Compare(b.Quarter); c != 0 {
			return c
		}
		return m.metricIndex[a.Metric] - m.metricIndex[b.Metric]
	})
	cw := newCSVWriter(w)
	cw.str(strings.Join(MetricCSVHeader, ","))
	if err := cw.endRow(); err != nil {
		return err
	}
	for _, v := range vs {
		x := m.Metric(v.Metric)
		if x == nil {
			continue
		}
		cw.str(v.Quarter.String())
		cw.comma()
		cw.text(x.Key)
		cw.comma()
		cw.text(x.Format(v.Value))
		cw.comma()
		cw.text(v.Note)
		cw.comma()
		cw.text(v.Source)
		if err := cw.endRow(); err != nil {
			return err
		}
	}
	return cw.flush()
}

// AnswerCSVHeader is the header of the answers CSV.
var AnswerCSVHeader = []string{"answered_at", "criterion", "domain", "level", "state", "evidence", "note", "actor"}

// WriteAnswersCSV writes every answer, in the order given (oldest first),
// for spreadsheets: when (RFC 3339, UTC), the criterion with its domain
// and level, the state, the evidence, the note and who answered.
func WriteAnswersCSV(w io.Writer, m *Model, answers []Answer) error {
	cw := newCSVWriter(w)
	cw.str(strings.Join(AnswerCSVHeader, ","))
	if err := cw.endRow(); err != nil {
		return err
	}
	for _, a := range answers {
		domain, level := "", int64(0)
		if c := m.Criterion(a.Criterion); c != nil {
			domain, level = c.Domain, int64(c.Level)
		}
		cw.str(a.At.UTC().Format(time.RFC3339))
		cw.comma()
		cw.text(a.Criterion)
		cw.comma()
		cw.text(domain)
		cw.comma()
		if level > 0 {
			cw.int(level)
		}
		cw.comma()
		cw.str(string(a.State))
		cw.comma()
		cw.text(a.Evidence)
		cw.comma()
		cw.text(a.Note)
		cw.comma()
		cw.text(a.Actor)
		if err := cw.endRow(); err != nil {
			return err
		}
	}
	return cw.flush()
}
