package store

import (
	"strings"
)

// batchRows is how many rows one multi-row INSERT carries. SQLite runs one
// statement of a hundred rows far faster than a hundred statements.
const batchRows = 250

// batch collects rows for one table and inserts them a batch at a time
// through the transaction's prepared statements.
type batch struct {
	t      *txn
	prefix string // "INSERT INTO table (a, b) VALUES "
	tuple  string // "(?, ?)"
	width  int
	args   []any
}

func (t *txn) newBatch(table string, cols ...string) *batch {
	return &batch{
		t:      t,
		prefix: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ",
		tuple:  "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")",
		width:  len(cols),
	}
}

// add queues one row; its values must match the columns.
func (b *batch) add(values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) >= batchRows*b.width {
		return b.flush()
	}
	return nil
}

// flush inserts the queued rows.
func (b *batch) flush() error {
	n := len(b.args) / b.width
	if n == 0 {
		return nil
	}
	query := b.prefix + strings.TrimSuffix(strings.Repeat(b.tuple+", ", n), ", ")
	_, err := b.t.exec(query, b.args...)
	b.args = b.args[:0]
	return err
}
