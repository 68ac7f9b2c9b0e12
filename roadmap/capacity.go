package roadmap

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Capacity is how much effort the team, and any one person, can deliver
// in a quarter, in the unit of initiative effort (person-weeks by
// convention). A figure for a quarter applies to it alone; the default
// figure (Quarter zero) to every quarter without its own. A quarter with
// neither has no limit. This file is the one home of how figures apply
// and of what a quarter has booked.
type Capacity struct {
	figures []CapacityFigure // in Less order, one per (quarter, owner)
}

// CapacityFigure is one figure: the effort the team (Owner "") or one
// person can deliver in Quarter, or, when Quarter is the zero value, in
// every quarter without a figure of its own.
type CapacityFigure struct {
	Quarter Quarter
	Owner   string
	Effort  float64
}

// IsDefault reports whether the figure is the default one.
func (f CapacityFigure) IsDefault() bool { return f.Quarter.IsBacklog() }

// When names the figure's quarter: "2027-Q1", or "default".
func (f CapacityFigure) When() string {
	if f.IsDefault() {
		return "default"
	}
	return f.Quarter.String()
}

// Who names whose figure it is: the owner, or "team".
func (f CapacityFigure) Who() string {
	if f.Owner == "" {
		return "team"
	}
	return f.Owner
}

// NewCapacity holds the figures. Of two for the same quarter and owner
// (owners compared as HasOwner does) the later one counts. Owners are
// trimmed.
func NewCapacity(figures []CapacityFigure) *Capacity {
	c := &Capacity{}
	for _, f := range figures {
		f.Owner = strings.TrimSpace(f.Owner)
		if i, ok := c.find(f.Quarter, f.Owner); ok {
			c.figures[i] = f
			continue
		}
		c.figures = append(c.figures, f)
	}
	slices.SortFunc(c.figures, compareFigures)
	return c
}

// compareFigures orders figures: the default first, then by quarter; the
// team before people, people by name ignoring case.
func compareFigures(a, b CapacityFigure) int {
	if a.IsDefault() != b.IsDefault() {
		if a.IsDefault() {
			return -1
		}
		return 1
	}
	if c := a.Quarter.Compare(b.Quarter); c != 0 {
		return c
	}
	if (a.Owner == "") != (b.Owner == "") {
		if a.Owner == "" {
			return -1
		}
		return 1
	}
	return cmp.Compare(strings.ToLower(a.Owner), strings.ToLower(b.Owner))
}

func (c *Capacity) find(q Quarter, owner string) (int, bool) {
	for i, f := range c.figures {
		if f.Quarter == q && sameOwner(f.Owner, owner) {
			return i, true
		}
	}
	return 0, false
}

func sameOwner(a, b string) bool { return ownerKey(a) == ownerKey(b) }

// Figures returns every figure, the default ones first, then by quarter;
// within one, the team's before people's, people by name. The slice is the
// capacity's own: do not modify it.
func (c *Capacity) Figures() []CapacityFigure {
	if c == nil {
		return nil
	}
	return c.figures
}

// Empty reports whether there is no figure at all.
func (c *Capacity) Empty() bool { return c == nil || len(c.figures) == 0 }

// Of returns the capacity of the team (owner "") or of one person in
// quarter q: the quarter's own figure, else the default one; ok is false
// when neither is set, and then nothing limits it.
func (c *Capacity) Of(q Quarter, owner string) (effort float64, ok bool) {
	if c == nil {
		return 0, false
	}
	owner = strings.TrimSpace(owner)
	if i, found := c.find(q, owner); found {
		return c.figures[i].Effort, true
	}
	if i, found := c.find(Quarter{}, owner); found {
		return c.figures[i].Effort, true
	}
	return 0, false
}

// People returns the names that have a figure of their own, each once in
// the spelling of its first figure (default first, then by quarter), in
// name order.
func (c *Capacity) People() []string {
	if c == nil {
		return nil
	}
	var out []string
	for _, f := range c.figures {
		if f.Owner != "" && !hasName(out, f.Owner) {
			out = append(out, f.Owner)
		}
	}
	slices.SortFunc(out, compareNames)
	return out
}

// ParseCapacityQuarter reads the quarter a figure is for: "default" (any
// case) or a quarter as ParseQuarter reads it; the empty string and
// "backlog" are refused (they would be the default by accident).
func ParseCapacityQuarter(s string) (Quarter, error) {
	t := strings.TrimSpace(s)
	if strings.EqualFold(t, "default") {
		return Quarter{}, nil
	}
	if t == "" {
		return Quarter{}, fmt.Errorf("invalid quarter %q: want a quarter such as 2027-Q1, or default", Printable(s))
	}
	q, err := ParseQuarter(t)
	if err != nil {
		return Quarter{}, err
	}
	if q.IsBacklog() {
		// ParseQuarter reads "backlog" as the zero Quarter, which here
		// would be the default figure.
		return Quarter{}, fmt.Errorf("invalid quarter %q: the backlog has no capacity; want a quarter such as 2027-Q1, or default", Printable(s))
	}
	return q, nil
}

// ParseCapacity reads a capacity figure's effort: a number from 0 to
// MaxEffort, as an initiative's effort.
func ParseCapacity(s string) (float64, error) {
	e, err := ParseEffort(s)
	if err != nil {
		return 0, errors.New(strings.Replace(err.Error(), "invalid effort", "invalid capacity", 1))
	}
	if !e.Set {
		return 0, fmt.Errorf("invalid capacity %q: want a number such as 30 or 12.5", Printable(s))
	}
	return e.Value, nil
}

// milli is an amount of effort in thousandths, the precision figures and
// sums are compared and shown at, so that 0.1+0.2 books exactly 0.3.
func milli(v float64) int64 { return int64(math.Round(v * 1000)) }

// FormatEffort writes an amount of effort as figures show it: at most
// three decimals, no trailing zeros ("30", "12.5", "0.333").
func FormatEffort(v float64) string {
	return strconv.FormatFloat(float64(milli(v))/1000, 'f', -1, 64)
}

// Exceeds reports whether booked is more than capacity, at the precision
// figures are shown at.
func Exceeds(booked, capacity float64) bool { return milli(booked) > milli(capacity) }

// OwnerKey is the key under which two spellings of a name are the same
// person, as HasOwner compares them: a store keeps one figure per key.
func OwnerKey(name string) string { return ownerKey(name) }

// Clean checks a figure as it would be stored and returns it in stored
// form: the owner trimmed, valid one-line text of at most MaxOwner
// characters naming one person (no comma: a figure is one person's); the
// effort from 0 to MaxEffort.
func (f CapacityFigure) Clean() (CapacityFigure, error) {
	owner, err := CleanLine(f.Owner, "owner", MaxOwner, false)
	if err != nil {
		return f, err
	}
	if strings.Contains(owner, ",") {
		return f, fmt.Errorf("invalid owner %q: a capacity figure is for one person, without commas", Printable(owner))
	}
	if math.IsNaN(f.Effort) || f.Effort < 0 || f.Effort > MaxEffort {
		return f, fmt.Errorf("invalid capacity %v: want a number from 0 to %d", f.Effort, MaxEffort)
	}
	f.Owner = owner
	return f, nil
}
