package roadmap

import (
	"strings"
	"testing"
)

// effortOf returns in with an effort and an owner.
func effortOf(in Initiative, effort float64, owner string) Initiative {
	in.Effort, in.Owner = Effort{Value: effort, Set: true}, owner
	return in
}

func TestCapacityOf(t *testing.T) {
	c := NewCapacity([]CapacityFigure{
		{Effort: 30},
		{Quarter: qtr("2027-Q1"), Effort: 20},
		{Owner: "Sam", Effort: 10},
		{Quarter: qtr("2027-Q2"), Owner: " sam ", Effort: 4},
		{Quarter: qtr("2027-Q1"), Effort: 25}, // replaces the 20
	})
	tests := []struct {
		q, owner string
		want     float64
		ok       bool
	}{
		{"2027-Q1", "", 25, true},
		{"2027-Q2", "", 30, true},
		{"2027-Q2", "SAM", 4, true},
		{"2027-Q3", "sam", 10, true},
		{"2027-Q3", "kim", 0, false},
		{"2027-Q3", "samantha", 0, false},
	}
	for _, tt := range tests {
		got, ok := c.Of(qtr(tt.q), tt.owner)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Of(%s, %q) = %v, %v; want %v, %v", tt.q, tt.owner, got, ok, tt.want, tt.ok)
		}
	}
	mustEqual(t, "people", c.People(), []string{"Sam"})
	mustEqual(t, "figures", len(c.Figures()), 4)
	if got, ok := (*Capacity)(nil).Of(qtr("2027-Q1"), ""); ok || got != 0 {
		t.Errorf("nil capacity limits: %v", got)
	}
}

func TestParseCapacity(t *testing.T) {
	for _, tt := range []struct {
		in, err string
		want    float64
	}{
		{"30", "", 30},
		{" 12.5 ", "", 12.5},
		{"0", "", 0},
		{"-1", "invalid capacity", 0},
		{"many", "invalid capacity", 0},
		{"", "invalid capacity", 0},
		{"1e9", "invalid capacity", 0},
	} {
		got, err := ParseCapacity(tt.in)
		if tt.err == "" && (err != nil || got != tt.want) || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("ParseCapacity(%q) = %v, %v; want %v, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
	for _, tt := range []struct {
		in   string
		want Quarter
		err  bool
	}{
		{"default", Quarter{}, false},
		{"DEFAULT", Quarter{}, false},
		{"2027q1", qtr("2027-Q1"), false},
		{"", Quarter{}, true},
		{"2027-Q5", Quarter{}, true},
		{"backlog", Quarter{}, true}, // the backlog has no capacity; it is not the default
		{" Backlog ", Quarter{}, true},
	} {
		got, err := ParseCapacityQuarter(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseCapacityQuarter(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestBookings(t *testing.T) {
	r := newRoadmap(nil,
		effortOf(ini(1, "automation", 1, Done, "2027-Q1"), 10, "sam"),
		effortOf(ini(2, "automation", 2, Planned, "2027-Q1"), 0.1, "sam, kim"),
		effortOf(ini(3, "automation", 2, Planned, "2027-Q1"), 0.2, "Kim"),
		effortOf(ini(4, "automation", 2, Dropped, "2027-Q1"), 50, "sam"),
		ini(5, "automation", 3, Planned, "2027-Q1"),
		effortOf(ini(6, "automation", 3, Planned, ""), 7, "sam"),
		effortOf(ini(7, "automation", 3, InProgress, "2027-Q2"), 9, ""),
	)
	r.Capacity = NewCapacity([]CapacityFigure{{Quarter: qtr("2027-Q1"), Effort: 10}, {Owner: "lee", Effort: 5}})
	bs := r.Bookings([]Quarter{qtr("2027-Q1"), {}, qtr("2027-Q2"), qtr("2027-Q3")})
	if len(bs) != 3 {
		t.Fatalf("%d bookings, want 3", len(bs))
	}
	q1 := bs[0]
	mustEqual(t, "booked", FormatEffort(q1.Booked), "10.3")
	mustEqual(t, "free", FormatEffort(q1.Free()), "-0.3")
	mustEqual(t, "over", q1.Over(), true)
	mustEqual(t, "not estimated", q1.NotEstimated, []int64{5})
	mustEqual(t, "order", q1.Initiatives, []Share{{1, 10}, {3, 0.2}, {2, 0.1}})
	var names []string
	for _, p := range q1.People {
		names = append(names, p.Name+"="+FormatEffort(p.Booked))
	}
	mustEqual(t, "people", names, []string{"kim=0.25", "lee=0", "sam=10.05"})
	if lee, ok := q1.Person("LEE"); !ok || !lee.Limited || lee.Capacity != 5 {
		t.Errorf("lee: %+v %v", lee, ok)
	}
	if sam, _ := q1.Person("sam"); sam.Limited || sam.Over() {
		t.Errorf("sam has no figure, so no limit: %+v", sam)
	}
	q2 := bs[1]
	mustEqual(t, "q2 limited", q2.Limited, false)
	mustEqual(t, "q2 over", q2.Over(), false)
	mustEqual(t, "q3 empty", bs[2].Booked, 0.0)
}

func TestCapacityWarnings(t *testing.T) {
	ins := []Initiative{
		effortOf(titled(ini(1, "automation", 1, Done, "2026-Q4"), "Old"), 40, "sam"),
		effortOf(titled(ini(2, "automation", 2, Planned, "2027-Q1"), "Argo"), 13, "sam, kim"),
		effortOf(titled(ini(3, "automation", 2, Planned, "2027-Q1"), "Gates"), 8, "kim"),
		effortOf(titled(ini(4, "automation", 2, Planned, "2027-Q1"), "Logs"), 5, ""),
		effortOf(titled(ini(5, "automation", 2, Planned, "2027-Q1"), "Docs"), 5, ""),
		effortOf(titled(ini(6, "automation", 2, Planned, "2027-Q2"), "Fits"), 30, "kim"),
	}
	tests := []struct {
		name    string
		figures []CapacityFigure
		want    []string
	}{
		{"no figures", nil, nil},
		{"fits", []CapacityFigure{{Effort: 31}}, nil},
		{"team over, past quarter ignored", []CapacityFigure{{Effort: 30}}, []string{
			`over-capacity 2027-Q1: 2027-Q1 is booked 31 of its capacity 30 (1 over): #2 "Argo" 13, #3 "Gates" 8, #4 "Logs" 5 and 1 more`,
		}},
		{"person over", []CapacityFigure{{Owner: "Kim", Effort: 14}, {Quarter: qtr("2027-Q2"), Owner: "kim", Effort: 30}}, []string{
			`owner-over-capacity 2027-Q1 Kim: Kim is booked 14.5 of 14 in 2027-Q1 (0.5 over): #3 "Gates" 8, #2 "Argo" 6.5`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRoadmap(map[string]int{"standardization": 4, "governance": 4, "observability": 4}, ins...)
			r.Capacity = NewCapacity(tt.figures)
			var got []string
			for _, w := range r.Check(qtr("2027-Q1")) {
				if w.Subject.Kind != SubjectQuarter {
					continue
				}
				s := w.Code + " " + w.Subject.Key
				if w.Subject.Owner != "" {
					s += " " + w.Subject.Owner
				}
				got = append(got, s+": "+w.Message())
			}
			mustEqual(t, "warnings", got, tt.want)
		})
	}
}

// The demo's figures book one quarter over (the one after today's, the
// team's) and no person over.
func TestDemoCapacityOverbooksOneQuarter(t *testing.T) {
	today := qtr("2026-Q3")
	r := New(DefaultModel(), nil, Demo(today))
	r.Capacity = NewCapacity(DemoCapacity(today))
	var got []string
	for _, w := range r.capacityWarnings(today) {
		got = append(got, w.Code+" "+w.Subject.Key+" "+w.Subject.Owner)
	}
	mustEqual(t, "capacity warnings", got, []string{"over-capacity 2026-Q4 "})
}
