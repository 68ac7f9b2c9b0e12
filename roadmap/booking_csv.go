package roadmap

import (
	"io"
	"strings"
)

// BookingCSVHeader is the header of the bookings CSV.
var BookingCSVHeader = []string{"quarter", "owner", "capacity", "booked", "free", "over", "not_estimated"}

// WriteBookingsCSV writes each booking as rows for spreadsheets: the
// team's (owner empty) then each person's, with the capacity and what is
// free left empty where nothing limits them, over "yes" or "no", and on
// the team's row the ids of the initiatives not estimated, separated by
// spaces. Names a spreadsheet would run as a formula are defused, as in
// the roadmap CSV.
func WriteBookingsCSV(w io.Writer, bookings []Booking) error {
	cw := newCSVWriter(w)
	cw.str(strings.Join(BookingCSVHeader, ","))
	if err := cw.endRow(); err != nil {
		return err
	}
	row := func(q Quarter, owner string, l Load, notEstimated []int64) error {
		cw.str(q.String())
		cw.comma()
		cw.text(owner)
		cw.comma()
		if l.Limited {
			cw.str(FormatEffort(l.Capacity))
		}
		cw.comma()
		cw.str(FormatEffort(l.Booked))
		cw.comma()
		if l.Limited {
			cw.str(FormatEffort(l.Free()))
		}
		cw.comma()
		if l.Over() {
			cw.str("yes")
		} else {
			cw.str("no")
		}
		cw.comma()
		cw.str(FormatIDs(notEstimated, " "))
		return cw.endRow()
	}
	for i := range bookings {
		b := &bookings[i]
		if err := row(b.Quarter, "", b.Load, b.NotEstimated); err != nil {
			return err
		}
		for _, p := range b.People {
			if err := row(b.Quarter, p.Name, p.Load, nil); err != nil {
				return err
			}
		}
	}
	return cw.flush()
}
