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
			ins[i].DoneAt = time.Date(q.Year, time.Month(q.Q*3-1), 15, 9, 0, 0, 0, time.UTC)
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
