package roadmap

import (
	"cmp"
	"slices"
)

// Booking is what one quarter has booked against its capacity: every
// non-dropped initiative scheduled in it, done ones included (they used
// the capacity), for the team and for each person.
type Booking struct {
	Quarter Quarter
	Load
	// People holds one Load per person who has effort booked in the
	// quarter or a capacity figure that applies to it, in name order.
	People []PersonLoad
	// NotEstimated are the initiatives booked in the quarter without an
	// effort, in id order: they use no capacity, and the figures cannot
	// say how much they will take.
	NotEstimated []int64
}

// Load is booked effort against a capacity.
type Load struct {
	// Capacity is the figure that applies; Limited is false when none
	// does, and then nothing is too much.
	Capacity float64
	Limited  bool
	// Booked is the effort booked: each initiative's whole effort for the
	// team, its share (OwnerShares) for each of its owners.
	Booked float64
	// Initiatives are those with effort booked, largest share first, then
	// by id.
	Initiatives []Share
}

// Share is the effort one initiative books in a Load.
type Share struct {
	ID     int64
	Effort float64
}

// PersonLoad is one person's Load in a quarter.
type PersonLoad struct {
	Name string
	Load
}

// Free is the capacity left, negative when over; 0 without a limit.
func (l Load) Free() float64 {
	if !l.Limited {
		return 0
	}
	return float64(milli(l.Capacity)-milli(l.Booked)) / 1000
}

// Over reports whether more is booked than the capacity allows.
func (l Load) Over() bool { return l.Limited && Exceeds(l.Booked, l.Capacity) }

// Person returns the load of one person (as HasOwner compares names), and
// false when the quarter has none for them.
func (b *Booking) Person(name string) (*PersonLoad, bool) {
	for i := range b.People {
		if ownerKey(b.People[i].Name) == ownerKey(name) {
			return &b.People[i], true
		}
	}
	return nil, false
}

// Bookings returns the booking of each of the quarters, in their order;
// backlog quarters are skipped.
func (r *Roadmap) Bookings(quarters []Quarter) []Booking {
	at := make(map[Quarter]int, len(quarters))
	var out []Booking
	for _, q := range quarters {
		if q.IsBacklog() {
			continue
		}
		if _, dup := at[q]; dup {
			continue
		}
		at[q] = len(out)
		out = append(out, Booking{Quarter: q})
	}
	people := make([]map[string]int, len(out)) // per booking, the index in People by ownerKey
	person := func(k int, name string) *PersonLoad {
		if people[k] == nil {
			people[k] = map[string]int{}
		}
		b := &out[k]
		i, ok := people[k][ownerKey(name)]
		if !ok {
			i = len(b.People)
			people[k][ownerKey(name)] = i
			b.People = append(b.People, PersonLoad{Name: name})
		}
		return &b.People[i]
	}
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		k, ok := at[in.Quarter]
		if !ok || in.Status == Dropped {
			continue
		}
		b := &out[k]
		if !in.Effort.Set {
			b.NotEstimated = append(b.NotEstimated, in.ID)
			continue
		}
		b.Booked += in.Effort.Value
		b.Initiatives = append(b.Initiatives, Share{in.ID, in.Effort.Value})
		names, share := in.OwnerShares()
		for _, name := range names {
			p := person(k, name)
			p.Booked += share
			p.Initiatives = append(p.Initiatives, Share{in.ID, share})
		}
	}
	for k := range out {
		b := &out[k]
		b.Capacity, b.Limited = r.Capacity.Of(b.Quarter, "")
		for _, name := range r.Capacity.People() {
			if _, ok := r.Capacity.Of(b.Quarter, name); ok {
				person(k, name).Name = name // a figure's spelling names the person
			}
		}
		for i := range b.People {
			p := &b.People[i]
			p.Capacity, p.Limited = r.Capacity.Of(b.Quarter, p.Name)
			sortShares(p.Initiatives)
		}
		sortShares(b.Initiatives)
		slices.SortFunc(b.People, func(x, y PersonLoad) int { return compareNames(x.Name, y.Name) })
	}
	return out
}

func sortShares(s []Share) {
	slices.SortStableFunc(s, func(a, b Share) int {
		if c := cmp.Compare(milli(b.Effort), milli(a.Effort)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}
