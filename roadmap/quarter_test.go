package roadmap

import (
	"strings"
	"testing"
	"time"
)

func TestParseQuarter(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Quarter
		err  string
	}{
		{name: "the canonical form is accepted", in: "2026-Q3", want: Quarter{2026, 3}},
		{name: "a lower-case q without dash is accepted", in: "2026q3", want: Quarter{2026, 3}},
		{name: "an upper-case Q without dash is accepted", in: "2026Q3", want: Quarter{2026, 3}},
		{name: "a lower-case q with dash is accepted", in: "2026-q3", want: Quarter{2026, 3}},
		{name: "surrounding space is trimmed", in: "  2026-Q1\t\n", want: Quarter{2026, 1}},
		{name: "the first year is accepted", in: "1970-Q1", want: Quarter{1970, 1}},
		{name: "the last year is accepted", in: "2999-Q4", want: Quarter{2999, 4}},
		{name: "the empty string is the backlog", in: "", want: Backlog},
		{name: "blank space is the backlog", in: "   ", want: Backlog},
		{name: "backlog is the backlog", in: "backlog", want: Backlog},
		{name: "backlog in any case is the backlog", in: " Backlog ", want: Backlog},
		{name: "quarter 0 is refused", in: "2026-Q0", err: `invalid quarter "2026-Q0": want YYYY-QN, e.g. 2026-Q3`},
		{name: "quarter 5 is refused", in: "2026-Q5", err: `invalid quarter "2026-Q5": want YYYY-QN, e.g. 2026-Q3`},
		{name: "a year before 1970 is refused", in: "1969-Q4", err: `invalid quarter "1969-Q4": year must be between 1970 and 2999`},
		{name: "a year after 2999 is refused", in: "3000-Q1", err: `invalid quarter "3000-Q1": year must be between 1970 and 2999`},
		{name: "year 0000 is refused", in: "0000-Q1", err: "year must be between"},
		{name: "a two-digit year is refused", in: "26-Q3", err: "want YYYY-QN"},
		{name: "a five-digit year is refused", in: "20260-Q3", err: "want YYYY-QN"},
		{name: "a space instead of the dash is refused", in: "2026 Q3", err: "want YYYY-QN"},
		{name: "a slash instead of the dash is refused", in: "2026/Q3", err: "want YYYY-QN"},
		{name: "two dashes are refused", in: "2026--3", err: "want YYYY-QN"},
		{name: "a missing Q is refused", in: "2026-3", err: "want YYYY-QN"},
		{name: "the quarter before the year is refused", in: "Q3-2026", err: "want YYYY-QN"},
		{name: "a month is refused", in: "2026-07", err: "want YYYY-QN"},
		{name: "trailing text is refused", in: "2026-Q3x", err: "want YYYY-QN"},
		{name: "a trailing NUL is refused", in: "2026-Q3\x00", err: "want YYYY-QN"},
		{name: "full-width digits are refused", in: "２０２６-Q3", err: "want YYYY-QN"},
		{name: "a sign in the year is refused", in: "+026-Q3", err: "want YYYY-QN"},
		{name: "a word is refused", in: "someday", err: `invalid quarter "someday"`},
		{name: "the error quotes the input untrimmed", in: " 2026-Q9 ", err: `invalid quarter " 2026-Q9 "`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseQuarter(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseQuarter(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseQuarter(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestQuarterStringAndLabel(t *testing.T) {
	tests := []struct {
		name       string
		q          Quarter
		str, label string
		isBacklog  bool
	}{
		{name: "a scheduled quarter is written YYYY-QN", q: Quarter{2026, 3}, str: "2026-Q3", label: "2026-Q3"},
		{name: "the year is written with four digits", q: Quarter{1970, 1}, str: "1970-Q1", label: "1970-Q1"},
		{name: "the backlog is written empty and labelled backlog", q: Backlog, str: "", label: "backlog", isBacklog: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			if got := tt.q.Label(); got != tt.label {
				t.Errorf("Label() = %q, want %q", got, tt.label)
			}
			if got := tt.q.IsBacklog(); got != tt.isBacklog {
				t.Errorf("IsBacklog() = %v, want %v", got, tt.isBacklog)
			}
			if back, err := ParseQuarter(tt.q.String()); err != nil || back != tt.q {
				t.Errorf("ParseQuarter(String()) = %v, %v; want %v", back, err, tt.q)
			}
			if back, err := ParseQuarter(tt.q.Label()); err != nil || back != tt.q {
				t.Errorf("ParseQuarter(Label()) = %v, %v; want %v", back, err, tt.q)
			}
		})
	}
}

func TestQuarterOf(t *testing.T) {
	tests := []struct {
		date string
		want Quarter
	}{
		{"2026-01-01", Quarter{2026, 1}},
		{"2026-03-31", Quarter{2026, 1}},
		{"2026-04-01", Quarter{2026, 2}},
		{"2026-06-30", Quarter{2026, 2}},
		{"2026-07-15", Quarter{2026, 3}},
		{"2026-09-30", Quarter{2026, 3}},
		{"2026-10-01", Quarter{2026, 4}},
		{"2026-12-31", Quarter{2026, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.date+" is in "+tt.want.String(), func(t *testing.T) {
			d, err := time.Parse(time.DateOnly, tt.date)
			if err != nil {
				t.Fatal(err)
			}
			if got := QuarterOf(d); got != tt.want {
				t.Errorf("QuarterOf(%s) = %v, want %v", tt.date, got, tt.want)
			}
		})
	}
}

func TestQuarterNextAndPrev(t *testing.T) {
	tests := []struct {
		name       string
		q          Quarter
		next, prev Quarter
	}{
		{name: "inside a year the quarter number moves", q: Quarter{2026, 2}, next: Quarter{2026, 3}, prev: Quarter{2026, 1}},
		{name: "after Q4 comes Q1 of the next year", q: Quarter{2026, 4}, next: Quarter{2027, 1}, prev: Quarter{2026, 3}},
		{name: "before Q1 comes Q4 of the previous year", q: Quarter{2026, 1}, next: Quarter{2026, 2}, prev: Quarter{2025, 4}},
		{name: "the backlog has no neighbours", q: Backlog, next: Backlog, prev: Backlog},
		{name: "the last quarter has no next", q: Quarter{2999, 4}, next: Quarter{2999, 4}, prev: Quarter{2999, 3}},
		{name: "the first quarter has no previous", q: Quarter{1970, 1}, next: Quarter{1970, 2}, prev: Quarter{1970, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.Next(); got != tt.next {
				t.Errorf("%v.Next() = %v, want %v", tt.q, got, tt.next)
			}
			if got := tt.q.Prev(); got != tt.prev {
				t.Errorf("%v.Prev() = %v, want %v", tt.q, got, tt.prev)
			}
		})
	}
}

func TestQuarterOrder(t *testing.T) {
	tests := []struct {
		name    string
		a, b    Quarter
		compare int
	}{
		{name: "an earlier quarter of the same year comes first", a: Quarter{2026, 1}, b: Quarter{2026, 2}, compare: -1},
		{name: "Q4 comes before Q1 of the next year", a: Quarter{2026, 4}, b: Quarter{2027, 1}, compare: -1},
		{name: "a later year comes after", a: Quarter{2027, 1}, b: Quarter{2026, 4}, compare: 1},
		{name: "a quarter equals itself", a: Quarter{2026, 3}, b: Quarter{2026, 3}, compare: 0},
		{name: "the backlog sorts after the last scheduled quarter", a: Backlog, b: Quarter{2999, 4}, compare: 1},
		{name: "a scheduled quarter sorts before the backlog", a: Quarter{1970, 1}, b: Backlog, compare: -1},
		{name: "the backlog equals itself", a: Backlog, b: Backlog, compare: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Compare(tt.b); got != tt.compare {
				t.Errorf("%v.Compare(%v) = %d, want %d", tt.a.Label(), tt.b.Label(), got, tt.compare)
			}
			if got := tt.b.Compare(tt.a); got != -tt.compare {
				t.Errorf("%v.Compare(%v) = %d, want %d", tt.b.Label(), tt.a.Label(), got, -tt.compare)
			}
			if got := tt.a.Before(tt.b); got != (tt.compare < 0) {
				t.Errorf("%v.Before(%v) = %v, want %v", tt.a.Label(), tt.b.Label(), got, tt.compare < 0)
			}
			if got := tt.b.Before(tt.a); got != (tt.compare > 0) {
				t.Errorf("%v.Before(%v) = %v, want %v", tt.b.Label(), tt.a.Label(), got, tt.compare > 0)
			}
		})
	}
}

func TestQuartersBetween(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want []string
	}{
		{name: "one quarter is a range of one", a: "2026-Q3", b: "2026-Q3", want: []string{"2026-Q3"}},
		{name: "the range crosses a year end without gaps", a: "2026-Q3", b: "2027-Q2", want: []string{"2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"}},
		{name: "a reversed range is empty", a: "2027-Q1", b: "2026-Q4"},
		{name: "a range from the backlog is empty", a: "", b: "2026-Q4"},
		{name: "a range to the backlog is empty", a: "2026-Q4", b: ""},
		{name: "the range can end at the last quarter", a: "2999-Q3", b: "2999-Q4", want: []string{"2999-Q3", "2999-Q4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range QuartersBetween(qtr(tt.a), qtr(tt.b)) {
				got = append(got, q.String())
			}
			mustEqual(t, "QuartersBetween", got, tt.want)
		})
	}
	t.Run("the whole calendar is consecutive", func(t *testing.T) {
		qs := QuartersBetween(Quarter{1970, 1}, Quarter{2999, 4})
		if len(qs) != (2999-1970+1)*4 {
			t.Fatalf("got %d quarters, want %d", len(qs), (2999-1970+1)*4)
		}
		for i := 1; i < len(qs); i++ {
			if qs[i-1].Next() != qs[i] || qs[i].Prev() != qs[i-1] {
				t.Fatalf("%v is not followed by %v", qs[i-1], qs[i])
			}
		}
	})
}

func FuzzParseQuarter(f *testing.F) {
	for _, s := range []string{"2026-Q3", "2026q3", "2026Q3", "2026-q3", " 2026-Q4 ", "", "backlog", "BACKLOG",
		"1970-Q1", "2999-Q4", "1969-Q4", "3000-Q1", "2026-Q5", "2026--3", "26-Q3", "2026-Q3x", "２０２６-Q3", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuarter(s)
		if err != nil {
			if q != (Quarter{}) {
				t.Fatalf("ParseQuarter(%q) failed but returned %v", s, q)
			}
			return
		}
		if !q.IsBacklog() && (q.Year < 1970 || q.Year > 2999 || q.Q < 1 || q.Q > 4) {
			t.Fatalf("ParseQuarter(%q) = %#v, outside 1970-Q1..2999-Q4", s, q)
		}
		back, err := ParseQuarter(q.String())
		if err != nil || back != q {
			t.Fatalf("ParseQuarter(%q) = %#v, but its String %q parses to %#v, %v", s, q, q.String(), back, err)
		}
		if !q.IsBacklog() && q.Next() != q && q.Next().Prev() != q {
			t.Fatalf("%v.Next().Prev() = %v", q, q.Next().Prev())
		}
	})
}
