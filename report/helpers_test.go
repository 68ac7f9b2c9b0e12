package report

import (
	"testing"
	"time"

	"maturity/roadmap"
)

// demoToday is the fixed date of the demo's tests and golden files.
var demoToday = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

// demoRoadmap is the sample roadmap as a database would load it on
// today: the demo's initiatives, its evidence judged as of today, and
// the done ones marked done on dates of their quarters.
func demoRoadmap(t testing.TB, today time.Time) *roadmap.Roadmap {
	t.Helper()
	m := roadmap.DefaultModel()
	ins := roadmap.Demo(roadmap.QuarterOf(today))
	for i := range ins {
		ins[i].ID = int64(i + 1)
		if ins[i].Status == roadmap.Done {
			q := ins[i].Quarter
			ins[i].DoneAt = time.Date(q.Year, time.Month(q.Q*3), 10, 9, 0, 0, 0, time.UTC)
		}
	}
	ev := roadmap.DemoEvidence(today)
	a := m.Assess(nil, &ev, roadmap.AsOfToday(today))
	return roadmap.NewAssessed(a, ins)
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// demoChanges are changes as the history of a review period holds them,
// for the demo's initiatives.
func demoChanges() []Change {
	at := func(s string) time.Time { return day(s).Add(9 * time.Hour) }
	return []Change{
		{At: at("2026-09-01"), Actor: "devex", Initiative: 12, Kind: Started},
		{At: at("2026-09-03"), Actor: "secops", Initiative: 10, Kind: Started, Forced: true,
			Reason: "the pilot teams need the checks now (overrode: needs automation ≥ 2 (Self-Service), now 1 (Scripted))"},
		{At: day("2026-09-10").Add(9 * time.Hour), Actor: "devex", Initiative: 5, Kind: Finished},
		{At: day("2026-09-10").Add(9 * time.Hour), Actor: "secops", Initiative: 6, Kind: Finished},
		{At: at("2026-09-20"), Actor: "platform-core", Initiative: 15, Kind: Moved, From: "2026-Q4", To: "2027-Q1"},
		{At: at("2026-10-02"), Actor: "secops", Initiative: 28, Kind: Dropped},
		{At: at("2026-10-12"), Actor: "sre", Initiative: 8, Kind: Moved, From: "2026-Q2", To: "2026-Q3"},
	}
}

// The report writes dates in the local time zone: the tests fix it, so
// that the golden files hold wherever they run.
func init() { time.Local = time.UTC }
