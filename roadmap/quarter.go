package roadmap

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Quarter is a calendar quarter such as 2026-Q3. The zero Quarter is the
// backlog: not scheduled in any quarter.
type Quarter struct {
	Year int // 1970..2999 when scheduled
	Q    int // 1..4 when scheduled
}

// Backlog is the zero Quarter: an initiative that is not scheduled.
var Backlog = Quarter{}

const (
	minYear = 1970
	maxYear = 2999
)

// ParseQuarter reads a quarter written as YYYY-QN or YYYYqN (any case, the
// dash optional, surrounding space ignored). The empty string and "backlog"
// give Backlog.
func ParseQuarter(s string) (Quarter, error) {
	t := strings.TrimSpace(s)
	if t == "" || strings.EqualFold(t, "backlog") {
		return Backlog, nil
	}
	bad := func() (Quarter, error) {
		return Quarter{}, fmt.Errorf("invalid quarter %q: want YYYY-QN, e.g. 2026-Q3", s)
	}
	if len(t) != 6 && len(t) != 7 {
		return bad()
	}
	year := 0
	for i := 0; i < 4; i++ {
		c := t[i]
		if c < '0' || c > '9' {
			return bad()
		}
		year = year*10 + int(c-'0')
	}
	rest := t[4:]
	if len(rest) == 3 {
		if rest[0] != '-' {
			return bad()
		}
		rest = rest[1:]
	}
	if rest[0] != 'q' && rest[0] != 'Q' || rest[1] < '1' || rest[1] > '4' {
		return bad()
	}
	if year < minYear || year > maxYear {
		return Quarter{}, fmt.Errorf("invalid quarter %q: year must be between %d and %d", s, minYear, maxYear)
	}
	return Quarter{Year: year, Q: int(rest[1] - '0')}, nil
}

// QuarterOf returns the quarter that contains t.
func QuarterOf(t time.Time) Quarter {
	return Quarter{Year: t.Year(), Q: (int(t.Month())-1)/3 + 1}
}

// IsBacklog reports whether q is the backlog (not scheduled).
func (q Quarter) IsBacklog() bool { return q.Year == 0 }

// String returns the canonical form, YYYY-QN, or "" for the backlog.
func (q Quarter) String() string {
	if q.IsBacklog() {
		return ""
	}
	return strconv.Itoa(q.Year) + "-Q" + strconv.Itoa(q.Q) // years have four digits
}

// appendTo appends String to b.
func (q Quarter) appendTo(b []byte) []byte {
	if q.IsBacklog() {
		return b
	}
	b = strconv.AppendInt(b, int64(q.Year), 10)
	b = append(b, "-Q"...)
	return strconv.AppendInt(b, int64(q.Q), 10)
}

// Label is String, but "backlog" for the backlog: for messages and headers.
func (q Quarter) Label() string {
	if q.IsBacklog() {
		return "backlog"
	}
	return q.String()
}

// index orders quarters; the backlog sorts after every scheduled quarter.
func (q Quarter) index() int {
	if q.IsBacklog() {
		return 1 << 30
	}
	return q.Year*4 + q.Q - 1
}

// quarterAt is the quarter of an index (index's inverse, for scheduled
// quarters).
func quarterAt(i int) Quarter {
	if i == 1<<30 {
		return Backlog
	}
	return Quarter{Year: i / 4, Q: i%4 + 1}
}

// Before reports whether q comes before o; the backlog comes after all
// scheduled quarters.
func (q Quarter) Before(o Quarter) bool { return q.index() < o.index() }

// Compare returns -1, 0 or +1 as q is before, equal to or after o, the
// backlog last.
func (q Quarter) Compare(o Quarter) int {
	a, b := q.index(), o.index()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Next returns the quarter after q. The backlog has no neighbours: Next
// returns it unchanged.
func (q Quarter) Next() Quarter {
	if q.IsBacklog() || (q.Year == maxYear && q.Q == 4) {
		return q
	}
	if q.Q == 4 {
		return Quarter{Year: q.Year + 1, Q: 1}
	}
	return Quarter{Year: q.Year, Q: q.Q + 1}
}

// Prev returns the quarter before q; the backlog is returned unchanged.
func (q Quarter) Prev() Quarter {
	if q.IsBacklog() || (q.Year == minYear && q.Q == 1) {
		return q
	}
	if q.Q == 1 {
		return Quarter{Year: q.Year - 1, Q: 4}
	}
	return Quarter{Year: q.Year, Q: q.Q - 1}
}

// QuartersBetween returns every quarter from a to b inclusive, in order; it
// is empty when either is the backlog or b is before a.
func QuartersBetween(a, b Quarter) []Quarter {
	if a.IsBacklog() || b.IsBacklog() || b.Before(a) {
		return nil
	}
	out := make([]Quarter, 0, b.index()-a.index()+1)
	for i := a.index(); i <= b.index(); i++ {
		out = append(out, quarterAt(i))
	}
	return out
}
