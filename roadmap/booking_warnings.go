package roadmap

import "strconv"

// loadFacts are what the sentence of an over-booked quarter or person
// needs.
type loadFacts struct {
	quarter Quarter
	owner   string // "" for the team
	load    Load
	r       *Roadmap // for the titles of the largest contributors
}

// topShares is how many of the largest contributors a capacity warning
// names.
const topShares = 3

// appendText writes the sentence: `2027-Q3 is booked 35 of its capacity
// 30 (5 over): #12 "X" 13, #4 "Y" 8, #9 "Z" 5 and 2 more` or, for a
// person, `sam is booked 13 of 10 in 2027-Q3 (3 over): …`.
func (f *loadFacts) appendText(b []byte) []byte {
	l := f.load
	if f.owner == "" {
		b = f.quarter.appendTo(b)
		b = append(b, " is booked "...)
		b = append(b, FormatEffort(l.Booked)...)
		b = append(b, " of its capacity "...)
		b = append(b, FormatEffort(l.Capacity)...)
	} else {
		b = append(b, f.owner...)
		b = append(b, " is booked "...)
		b = append(b, FormatEffort(l.Booked)...)
		b = append(b, " of "...)
		b = append(b, FormatEffort(l.Capacity)...)
		b = append(b, " in "...)
		b = f.quarter.appendTo(b)
	}
	b = append(b, " ("...)
	b = append(b, FormatEffort(-l.Free())...)
	b = append(b, " over)"...)
	for i, s := range l.Initiatives {
		if i == topShares {
			b = append(b, " and "...)
			b = strconv.AppendInt(b, int64(len(l.Initiatives)-topShares), 10)
			b = append(b, " more"...)
			break
		}
		if i == 0 {
			b = append(b, ": "...)
		} else {
			b = append(b, ", "...)
		}
		if in, ok := f.r.Get(s.ID); ok {
			b = in.AppendRef(b)
		} else {
			b = strconv.AppendInt(append(b, '#'), s.ID, 10)
		}
		b = append(b, ' ')
		b = append(b, FormatEffort(s.Effort)...)
	}
	return b
}

// capacityWarnings finds the coming quarters (today's and later; every
// quarter when today is the zero Quarter) that have more booked than
// their capacity, for the team (over-capacity) and for each person with
// a figure (owner-over-capacity), in quarter order, the team's first.
func (r *Roadmap) capacityWarnings(today Quarter) []Warning {
	if r.Capacity.Empty() {
		return nil
	}
	var quarters []Quarter
	for _, q := range r.Span(today) {
		if today.IsBacklog() || !q.Before(today) {
			quarters = append(quarters, q)
		}
	}
	var out []Warning
	for _, bk := range r.Bookings(quarters) {
		key := bk.Quarter.String()
		if bk.Over() {
			out = append(out, Warning{Code: CodeOverCapacity, Severity: SeverityWarning,
				Subject: Subject{Kind: SubjectQuarter, Key: key},
				facts:   facts{m: r.Model, load: &loadFacts{quarter: bk.Quarter, load: bk.Load, r: r}}})
		}
		for _, p := range bk.People {
			if p.Over() {
				out = append(out, Warning{Code: CodeOwnerOverCapacity, Severity: SeverityWarning,
					Subject: Subject{Kind: SubjectQuarter, Key: key, Owner: p.Name},
					facts:   facts{m: r.Model, load: &loadFacts{quarter: bk.Quarter, owner: p.Name, load: p.Load, r: r}}})
			}
		}
	}
	return out
}
