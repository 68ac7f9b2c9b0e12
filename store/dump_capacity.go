package store

import (
	"fmt"
	"strings"

	"maturity/roadmap"
)

// checkCapacity checks a dump's capacity figures as SetCapacity would
// store them: a quarter in canonical form or "" for the default, an owner
// by roadmap.CapacityFigure.Clean and already trimmed, an effort from 0 to
// roadmap.MaxEffort, and one figure per quarter and person (any case).
func (d *Dump) checkCapacity() error {
	seen := map[[2]string]bool{}
	for i, c := range d.Capacity {
		what := fmt.Sprintf("capacity figure %d", i+1)
		q, err := roadmap.ParseQuarter(c.Quarter)
		if err != nil || q.String() != c.Quarter {
			return fmt.Errorf("%s: invalid quarter %q: want YYYY-QN, or \"\" for the default", what, c.Quarter)
		}
		fig, err := roadmap.CapacityFigure{Quarter: q, Owner: c.Owner, Effort: c.Effort}.Clean()
		if err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		if fig.Owner != c.Owner {
			return fmt.Errorf("%s: owner %q has surrounding space", what, c.Owner)
		}
		k := [2]string{c.Quarter, roadmap.OwnerKey(c.Owner)}
		if seen[k] {
			return fmt.Errorf("%s: %s (%s) has a figure already", what, fig.When(), fig.Who())
		}
		seen[k] = true
	}
	return nil
}

// checkCapacityEvent checks the field, old and new of a capacity entry
// of the history: the field as capacityField writes it, the efforts as
// roadmap.FormatEffort writes them or "".
func checkCapacityEvent(e *DumpEvent) error {
	when, who, _ := strings.Cut(e.Field, " ")
	q, err := roadmap.ParseCapacityQuarter(when)
	ok := err == nil && (when == "default" || q.String() == when)
	if ok && who != "" {
		_, err := roadmap.CapacityFigure{Owner: who}.Clean()
		ok = err == nil && strings.TrimSpace(who) == who
	}
	if !ok {
		return fmt.Errorf("a capacity entry has field %q: want a quarter or default, then a person's name if any, such as \"2027-Q3 sam\"", e.Field)
	}
	for _, v := range []string{e.Old, e.New} {
		if v == "" {
			continue
		}
		n, err := roadmap.ParseCapacity(v)
		if err != nil || roadmap.FormatEffort(n) != v {
			return fmt.Errorf("a capacity entry has effort %q: want a number as maturity writes it", v)
		}
	}
	return nil
}
