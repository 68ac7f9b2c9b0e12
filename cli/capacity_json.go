package cli

import (
	"strconv"

	"maturity/roadmap"
)

// capacityJSON is the JSON of `capacity`: the figures as set, then the
// bookings of each quarter shown.
type capacityJSON struct {
	Figures  []figureJSON  `json:"figures"`
	Quarters []bookingJSON `json:"quarters"`
}

// figureJSON is one figure: quarter "default" or YYYY-QN, owner "" for
// the team.
type figureJSON struct {
	Quarter string  `json:"quarter"`
	Owner   string  `json:"owner"`
	Effort  float64 `json:"effort"`
}

// loadJSON is booked effort against a capacity; capacity and free are null
// where nothing limits it.
type loadJSON struct {
	Capacity    *float64    `json:"capacity"`
	Booked      float64     `json:"booked"`
	Free        *float64    `json:"free"`
	Over        bool        `json:"over"`
	Initiatives []shareJSON `json:"initiatives"`
}

type shareJSON struct {
	ID     int64   `json:"id"`
	Effort float64 `json:"effort"`
}

type bookingJSON struct {
	Quarter string `json:"quarter"`
	loadJSON
	NotEstimated []int64      `json:"not_estimated"`
	People       []personJSON `json:"people"`
}

type personJSON struct {
	Owner string `json:"owner"`
	loadJSON
}

func toLoadJSON(l roadmap.Load) loadJSON {
	// Figures as they are shown (FormatEffort's precision), so that 0.1
	// and 0.2 book 0.3.
	round := func(v float64) float64 {
		x, _ := strconv.ParseFloat(roadmap.FormatEffort(v), 64)
		return x
	}
	j := loadJSON{Booked: round(l.Booked), Over: l.Over(), Initiatives: []shareJSON{}}
	if l.Limited {
		c, f := round(l.Capacity), round(l.Free())
		j.Capacity, j.Free = &c, &f
	}
	for _, s := range l.Initiatives {
		j.Initiatives = append(j.Initiatives, shareJSON{s.ID, round(s.Effort)})
	}
	return j
}

func toCapacityJSON(c *roadmap.Capacity, bs []roadmap.Booking) capacityJSON {
	out := capacityJSON{Figures: []figureJSON{}, Quarters: []bookingJSON{}}
	for _, f := range c.Figures() {
		out.Figures = append(out.Figures, figureJSON{Quarter: f.When(), Owner: f.Owner, Effort: f.Effort})
	}
	for _, b := range bs {
		j := bookingJSON{Quarter: b.Quarter.String(), loadJSON: toLoadJSON(b.Load), NotEstimated: b.NotEstimated, People: []personJSON{}}
		if j.NotEstimated == nil {
			j.NotEstimated = []int64{}
		}
		for _, p := range b.People {
			j.People = append(j.People, personJSON{Owner: p.Name, loadJSON: toLoadJSON(p.Load)})
		}
		out.Quarters = append(out.Quarters, j)
	}
	return out
}
