package tui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"maturity/roadmap"
)

// figure is a capacity figure for the tests: quarter "" is the default.
func figure(quarter, owner string, effort float64) roadmap.CapacityFigure {
	f := roadmap.CapacityFigure{Owner: owner, Effort: effort}
	if quarter != "" {
		q, err := roadmap.ParseQuarter(quarter)
		if err != nil {
			panic(err)
		}
		f.Quarter = q
	}
	return f
}

// TestLoadText: a load reads as booked/capacity and a bar of eight cells,
// full and marked "!" with how much over when over (so it reads without
// colour), as booked alone when no capacity applies.
func TestLoadText(t *testing.T) {
	st := NewStyles(true)
	limited := func(booked, capacity float64) roadmap.Load {
		return roadmap.Load{Booked: booked, Capacity: capacity, Limited: true}
	}
	cases := []struct {
		name string
		load roadmap.Load
		want string
	}{
		{"nothing booked of 30 leaves the bar empty", limited(0, 30), "0/30 ░░░░░░░░"},
		{"a little booked fills one cell", limited(1, 30), "1/30 ▇░░░░░░░"},
		{"28 of 30 fills seven cells", limited(28, 30), "28/30 ▇▇▇▇▇▇▇░"},
		{"half of it fills four", limited(12.5, 25), "12.5/25 ▇▇▇▇░░░░"},
		{"exactly full is not over", limited(30, 30), "30/30 ▇▇▇▇▇▇▇▇"},
		{"under a thousandth more is not over", limited(30.0004, 30), "30/30 ▇▇▇▇▇▇▇▇"},
		{"over is full and says by how much", limited(35, 30), "35/30 ▇▇▇▇▇▇▇▇ ! 5 over"},
		{"anything booked against no capacity is over", limited(5, 0), "5/0 ▇▇▇▇▇▇▇▇ ! 5 over"},
		{"nothing booked against no capacity is not", limited(0, 0), "0/0 ░░░░░░░░"},
		{"without a capacity, the booked effort alone", roadmap.Load{Booked: 28}, "28 booked"},
		{"without a capacity or effort, nothing booked", roadmap.Load{}, "no effort booked"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ansi.Strip(loadText(&st, c.load)); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestBoardHeadersShowTheLoad: each quarter's header says what it has
// booked (roadmap.Bookings) against the capacity that applies to it: a
// quarter's own figure, else the default one, else none; the backlog's
// says nothing of it.
func TestBoardHeadersShowTheLoad(t *testing.T) {
	q := func(s string) roadmap.Quarter {
		v, err := roadmap.ParseQuarter(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// The demo books 22 in 2026-Q4 and 41 in 2027-Q1.
	cases := []struct {
		name    string
		figures []roadmap.CapacityFigure
		want    map[string]string // quarter → its header's load line
	}{
		{"without figures, what is booked", nil,
			map[string]string{"2026-Q4": "22 booked", "2027-Q1": "41 booked"}},
		{"a default applies to every quarter", []roadmap.CapacityFigure{figure("", "", 30)},
			map[string]string{"2026-Q4": "22/30 ▇▇▇▇▇▇░░", "2027-Q1": "41/30 ▇▇▇▇▇▇▇▇ ! 11 over"}},
		{"a quarter's own figure comes before the default", []roadmap.CapacityFigure{figure("", "", 30), figure("2026-Q4", "", 20)},
			map[string]string{"2026-Q4": "22/20 ▇▇▇▇▇▇▇▇ ! 2 over", "2027-Q1": "41/30 ▇▇▇▇▇▇▇▇ ! 11 over"}},
		{"a quarter without a figure when there is no default", []roadmap.CapacityFigure{figure("2027-Q1", "", 50)},
			map[string]string{"2026-Q4": "22 booked", "2027-Q1": "41/50 ▇▇▇▇▇▇▇░"}},
		{"a person's figure leaves the team's headers alone", []roadmap.CapacityFigure{figure("", "sam", 1)},
			map[string]string{"2026-Q4": "22 booked"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := demoHarness(t)
			h.showCapacity(c.figures...)
			h.view(boardTitle)
			for quarter, want := range c.want {
				if got := h.boardHeader(q(quarter))[2]; got != want {
					t.Errorf("%s: the header says %q, want %q", quarter, got, want)
				}
			}
			if got := h.boardHeader(roadmap.Backlog)[2]; got != "" {
				t.Errorf("the backlog's header says %q, want nothing", got)
			}
		})
	}
}

// TestCapacityGolden draws the board and the capacity view on the demo,
// with its capacity figures (the team's 30, 36 in 2027-Q1, which is over,
// and secops's 8), at each size (testdata/TestCapacityGolden; regenerate
// with go test ./tui -update).
func TestCapacityGolden(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"board", []string{"2"}},
		{"board_over", []string{"2", "right"}},
		// data-platform, devex, finops, platform-core, then secops.
		{"board_narrowed", []string{"2", "O", "O", "O", "O", "O"}},
		{"capacity", []string{"6"}},
		{"capacity_over", []string{"6", "down"}},
		{"capacity_person", []string{"6", "down", "right", "right", "right", "right"}},
	}
	for _, size := range []struct{ w, h int }{{64, 16}, {80, 24}, {120, 40}} {
		for _, s := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", s.name, size.w, size.h), func(t *testing.T) {
				h := newHarness(t, openDemoStore(t), size.w, size.h)
				h.press(s.keys...)
				golden.RequireEqual(t, []byte(h.screen()))
			})
		}
	}
}
