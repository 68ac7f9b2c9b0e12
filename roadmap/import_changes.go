package roadmap

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"
)

// WriteChanges writes what the plan does, a line per change, in the order
// of the file's rows: a line per field an update changes, as the history
// will record it, and a line per initiative created:
//
//	#12 quarter 2027-Q1 → 2027-Q2
//	#7 owner "sam" → "kim"
//	create #20 "Tracing" (observability 1 Metrics)
//	create "Alerts" (observability 2 Centralized)
//
// Text is quoted with Go escapes, so nothing in it reaches a terminal raw.
func (p *ImportPlan) WriteChanges(w io.Writer, m *Model) error {
	bw := bufio.NewWriter(w)
	u := 0
	for c := 0; c < len(p.Create) || u < len(p.Update); {
		if u < len(p.Update) && (c == len(p.Create) || p.Update[u].Line < p.createLines[c]) {
			ch := p.Update[u]
			for _, f := range Diff(*ch.Old, *ch.New) {
				bw.WriteString("#" + strconv.FormatInt(ch.New.ID, 10) + " " + f.Field + " " +
					showValue(f.Field, f.Old) + " → " + showValue(f.Field, f.New) + "\n")
			}
			u++
			continue
		}
		in := p.Create[c]
		bw.WriteString("create ")
		if in.ID != 0 {
			bw.WriteString("#" + strconv.FormatInt(in.ID, 10) + " ")
		}
		bw.WriteString(strconv.Quote(in.Title) + " (" + m.TargetName(in) + ")\n")
		c++
	}
	return bw.Flush()
}

// showValue shows a field's value in a change: text quoted (a long
// description cut to its start), the backlog and empty values named.
func showValue(field, v string) string {
	switch field {
	case "title", "owner":
		return strconv.Quote(v)
	case "description":
		const most = 40
		if utf8.RuneCountInString(v) > most {
			n := 0
			for i := range v {
				if n == most {
					v = v[:i] + "…"
					break
				}
				n++
			}
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
