package roadmap

import (
	"bufio"
	"io"
	"strconv"
)

// ChangeList is an ImportSink that writes what an import does, a line per
// change, in the order of the file's rows: a line per field an update
// changes, as the history will record it, and a line per initiative
// created:
//
//	#12 quarter 2027-Q1 → 2027-Q2
//	#7 owner "sam" → "kim"
//	create #20 "Tracing" (observability 1 Metrics)
//	create "Alerts" (observability 2 Centralized)
//
// Text is quoted with Go escapes, so nothing in it reaches a terminal raw.
// Call Flush at the end.
type ChangeList struct {
	w *bufio.Writer
	m *Model
}

// NewChangeList writes the changes of an import into w; m names levels.
func NewChangeList(w io.Writer, m *Model) *ChangeList {
	return &ChangeList{w: bufio.NewWriterSize(w, 1<<16), m: m}
}

// Create writes a line for a new initiative.
func (l *ChangeList) Create(_ int, in *Initiative) error {
	l.w.WriteString("create ")
	if in.ID != 0 {
		l.w.WriteString("#" + strconv.FormatInt(in.ID, 10) + " ")
	}
	_, err := l.w.WriteString(strconv.Quote(in.Title) + " (" + l.m.TargetName(in) + ")\n")
	return err
}

// Update writes a line per changed field.
func (l *ChangeList) Update(c Change) error {
	for _, f := range Diff(*c.Old, *c.New) {
		if _, err := l.w.WriteString("#" + strconv.FormatInt(c.New.ID, 10) + " " + f.Field + " " +
			showValue(f.Field, f.Old) + " → " + showValue(f.Field, f.New) + "\n"); err != nil {
			return err
		}
	}
	return nil
}

// Flush writes what is buffered.
func (l *ChangeList) Flush() error { return l.w.Flush() }

// showValue shows a field's value in a change: text quoted (a long
// description cut to its start), the backlog and empty values named.
func showValue(field, v string) string {
	switch field {
	case "title", "owner":
		return strconv.Quote(v)
	case "description":
		const most = 40
		n := 0
		for i := range v {
			if n == most {
				v = v[:i] + "…"
				break
			}
			n++
		}
		return strconv.Quote(v)
	case "quarter":
		if v == "" {
			return "backlog"
		}
	}
	if v == "" {
		return "none"
	}
	return v
}
