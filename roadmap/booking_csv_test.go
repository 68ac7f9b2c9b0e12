package roadmap

import (
	"strings"
	"testing"
)

func TestWriteBookingsCSV(t *testing.T) {
	q := qtr("2027-Q1")
	bs := []Booking{{
		Quarter:      q,
		Load:         Load{Capacity: 30, Limited: true, Booked: 35},
		People:       []PersonLoad{{Name: "=sam", Load: Load{Capacity: 10, Limited: true, Booked: 13}}, {Name: "kim, jr", Load: Load{Booked: 8}}},
		NotEstimated: []int64{14, 19},
	}}
	var b strings.Builder
	if err := WriteBookingsCSV(&b, bs); err != nil {
		t.Fatal(err)
	}
	want := "quarter,owner,capacity,booked,free,over,not_estimated\n" +
		"2027-Q1,,30,35,-5,yes,14 19\n" +
		"2027-Q1,'=sam,10,13,-3,yes,\n" +
		"2027-Q1,\"kim, jr\",,8,,no,\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestCleanCapacityFigure(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   CapacityFigure
		want string // the error, or the owner as stored
	}{
		{"an owner is trimmed", CapacityFigure{Owner: "  Sam Lee ", Effort: 3}, "Sam Lee"},
		{"the team", CapacityFigure{Effort: 0}, ""},
		{"two people", CapacityFigure{Owner: "sam,kim", Effort: 3}, "a capacity figure is for one person"},
		{"a negative effort", CapacityFigure{Effort: -0.5}, "invalid capacity -0.5"},
		{"too much", CapacityFigure{Effort: MaxEffort + 1}, "from 0 to 100000"},
		{"a long name", CapacityFigure{Owner: strings.Repeat("o", MaxOwner+1)}, "owner is 101 characters long"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Clean()
			if err != nil {
				if !strings.Contains(err.Error(), tt.want) || tt.want == "" {
					t.Errorf("error %q, want %q", err, tt.want)
				}
				return
			}
			if got.Owner != tt.want {
				t.Errorf("owner %q, want %q", got.Owner, tt.want)
			}
		})
	}
}
