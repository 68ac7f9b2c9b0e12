// Package report holds the report model: everything a review of the
// roadmap needs for one date and one "since" point, worked out once from
// a roadmap.Roadmap and the changes recorded since. The HTML report, the
// Markdown export and the JSON outputs render from it, so that they show
// the same facts in the same sentences. It imports only roadmap and the
// standard library: the history comes in as Changes, converted by the
// caller.
package report

import (
	"strconv"
	"time"

	"maturity/roadmap"
)

// DefaultQuarters is how many quarters after today's a report looks
// ahead unless told otherwise.
const DefaultQuarters = 4

// MaxQuarters is the most quarters ahead a report may look.
const MaxQuarters = 20

// Options say what a report is about.
type Options struct {
	// Title heads the report; DefaultTitle when empty.
	Title string
	// Today is the date the report is made for; its quarter is the
	// current one.
	Today time.Time
	// Since is the start of the period whose changes the report lists.
	Since time.Time
	// Quarters is how many quarters after today's the report looks
	// ahead (DefaultQuarters when 0).
	Quarters int
	// Changes are the changes recorded since Since, in any order.
	Changes []Change
	// Assessed are the manual assessments, for the dates levels were
	// reached (roadmap.LevelDates); the initiatives' DoneAt give the rest.
	Assessed []roadmap.Assessed
}

// DefaultSince is the since point of a report unless told otherwise:
// three months before today, at midnight local time, about when the last
// quarterly review was.
func DefaultSince(today time.Time) time.Time {
	t := today.AddDate(0, -3, 0)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
}

// FileName is the name a report is written to unless told otherwise:
// maturity-report-2026-11-20.html, dated by today.
func FileName(today time.Time) string {
	return "maturity-report-" + today.Format(time.DateOnly) + ".html"
}

// DefaultTitle heads a report without a title of its own.
const DefaultTitle = "Platform maturity roadmap"

// Level is a level of a domain, or a stage, with its name.
type Level struct {
	N    int
	Name string
}

// String writes the level as the tables show it: "2 Templated".
func (l Level) String() string { return strconv.Itoa(l.N) + " " + l.Name }

// Named writes the level as sentences name it: "2 (Templated)".
func (l Level) Named() string { return strconv.Itoa(l.N) + " (" + l.Name + ")" }

// Report is the report model.
type Report struct {
	Title   string
	Today   time.Time
	Quarter roadmap.Quarter // today's
	Since   time.Time
	Model   *roadmap.Model

	// Empty is set when the roadmap has no initiative and no evidence:
	// the report then says how to start instead of drawing empty charts.
	Empty bool

	// Standing is where the roadmap stands: the stage, each domain, the
	// errors, and the summary's sentences.
	Standing

	// Plan holds every quarter a plan view shows (roadmap.Span), each
	// with its initiatives in roadmap order, then Backlog.
	Plan    []QuarterPlan
	Backlog QuarterPlan
	// Window is the part of Plan the report's charts and sections look
	// at: from the earliest quarter that still has open work (or the one
	// before today's) to Quarters after today's, as indexes into Plan.
	Window [2]int
	// Later counts the initiatives scheduled after the window.
	Later int

	// RadarSeries holds the levels the radar shows, one series each.
	RadarSeries []Series

	// Warnings are the roadmap's warnings, errors first (roadmap.Check);
	// Standing.Errors says how many of them are errors.
	Warnings []roadmap.Warning

	// Changes are the changes since Since, oldest first, with the levels
	// reached in that time among them.
	Changes []ChangeLine

	// Metrics are the model's metrics that have values, over the last
	// six quarters up to today's.
	Metrics []Metric

	// Capacity says whether capacity figures are set; Bookings are the
	// window's quarters against them.
	Capacity bool
	Bookings []roadmap.Booking

	// Criteria are the model's criteria, per domain and level, with where
	// each stands; nil when the model has none.
	Criteria []DomainCriteria

	// Summary is the one-paragraph summary in plain words: the day, then
	// the standing's sentences.
	Summary string

	r      *roadmap.Roadmap
	byInit map[int64][]int32 // indexes into Warnings, by initiative
}

// Domain is where one domain stands.
type Domain struct {
	Key, Name string
	Level     Level
	// Evidenced is the level its criteria support; nil when the model
	// gives it none.
	Evidenced *Level
	// Next is the level above Level; nil at the top.
	Next *Level
	// Done and Total count the initiatives that target Next.
	Done, Total int
	// Criteria says how many criteria of Next are met ("criteria 1/4
	// met"), Blockers what keeps Next from being reached ("needs …"),
	// Expected when the plan reaches it ("in 2027-Q2", "late: 2026-Q3",
	// "not planned: …"); each "" when it does not apply.
	Criteria, Blockers, Expected string
	// Late is set when the plan reaches Next only in a quarter already
	// past; Unplanned when no quarter does.
	Late, Unplanned bool
	// Unreachable is set when planned work can never reach Next (it is
	// in the backlog, waits on a deadlock or on a level nothing targets):
	// Expected then says why. Unplanned alone may mean no initiative
	// targets Next.
	Unreachable bool
	// Answered is set when anything is recorded for the domain's
	// criteria; Unevidenced while the level-unevidenced warning is about
	// it (the evidence supports less than Level).
	Answered, Unevidenced bool
	// Dates says, for each level from 0, when it was reached or when the
	// plan expects it (roadmap.LevelDate.Text; "" for level 0 reached
	// from the start).
	Dates []LevelDate
}

// LevelDate is when a level was reached, or is expected.
type LevelDate struct {
	Level
	Reached bool
	Text    string
}

// QuarterPlan is one quarter of the plan, or the backlog.
type QuarterPlan struct {
	Quarter roadmap.Quarter // roadmap.Backlog for the backlog
	// Levels are the levels projected at the quarter's end; nil for the
	// backlog and for a quarter before the projection starts.
	Levels roadmap.Levels
	// Initiatives are the quarter's initiatives in roadmap order.
	Initiatives []*roadmap.Initiative
	// Status counts them by status, in roadmap.Statuses order.
	Status []StatusCount
	// Past and Current place the quarter against today's.
	Past, Current bool
	// Spanned is set for the quarters of roadmap.Span, which the
	// Markdown export lists; the window may add others, with nothing in
	// them.
	Spanned bool
}

// StatusCount is how many initiatives have a status.
type StatusCount struct {
	Status roadmap.Status
	N      int
}

// Series is one set of levels the radar draws.
type Series struct {
	Name   string // "reached now", "evidenced now", "end of 2027-Q2"
	Levels []int  // model order; nil when the series does not apply
}

// Metric is a metric's values over the last quarters.
type Metric struct {
	Metric *roadmap.Metric
	// Quarters are the last six quarters up to today's, Cells the value
	// of each (roadmap.Assessment.Cells).
	Quarters []roadmap.Quarter
	Cells    []roadmap.MetricCell
	// Latest is the newest cell that has a value.
	Latest roadmap.MetricCell
}

// MetricQuarters is how many quarters a metric's chart covers.
const MetricQuarters = 6

// DomainCriteria are one domain's criteria, by level.
type DomainCriteria struct {
	Domain string
	Name   string
	Levels []LevelCriteria
}

// LevelCriteria are the criteria of one level.
type LevelCriteria struct {
	Level
	Met, Total int
	Criteria   []Criterion
}

// Criterion is where one criterion stands and why.
type Criterion struct {
	Key       string
	Statement string // what it asks (roadmap.Model.Statement)
	State     roadmap.CriterionState
	Detail    string // the evidence (roadmap.Assessment.Detail)
}

// Build works out the report model of r as of opt.Today.
func Build(r *roadmap.Roadmap, opt Options) *Report {
	m := r.Model
	q := roadmap.QuarterOf(opt.Today)
	rep := &Report{Title: opt.Title, Today: opt.Today, Quarter: q, Since: opt.Since, Model: m, r: r}
	if rep.Title == "" {
		rep.Title = DefaultTitle
	}
	ahead := opt.Quarters
	if ahead <= 0 {
		ahead = DefaultQuarters
	}
	p := r.Project(q)
	st := r.State()
	rep.Warnings = r.CheckWith(q, p)
	rep.byInit = make(map[int64][]int32, len(r.Initiatives)/4)
	for i, w := range rep.Warnings {
		if id := w.Subject.ID(); id != 0 {
			rep.byInit[id] = append(rep.byInit[id], int32(i))
		}
	}
	dates := r.LevelDates(opt.Assessed, p)
	rep.Standing = NewStanding(r, st, p, rep.Warnings, dates, q)
	rep.plan(r, p, q, ahead)
	rep.radar(m, st, p, q)
	rep.metrics(r.Assessment, q)
	rep.criteria(r.Assessment)
	if !r.Capacity.Empty() {
		rep.Capacity = true
		rep.Bookings = r.Bookings(rep.WindowQuarters())
	}
	rep.Changes = changes(r, opt.Changes, dates, opt.Since)
	rep.Empty = len(r.Initiatives) == 0 && len(rep.Metrics) == 0 && !rep.answered(r.Assessment)
	rep.Summary = rep.summary()
	return rep
}

func (rep *Report) answered(a *roadmap.Assessment) bool {
	if a == nil {
		return false
	}
	for _, d := range a.Domains {
		if d.Answered {
			return true
		}
	}
	return len(a.Manual) > 0
}

// plan splits the initiatives by quarter (roadmap order: quarter, then
// as Sorted gives them) and sets the window.
func (rep *Report) plan(r *roadmap.Roadmap, p roadmap.Projection, q roadmap.Quarter, ahead int) {
	sorted := r.Sorted()
	i := 0
	take := func(match func(*roadmap.Initiative) bool) QuarterPlan {
		start := i
		for i < len(sorted) && match(sorted[i]) {
			i++
		}
		qp := QuarterPlan{Initiatives: sorted[start:i:i]}
		qp.Status = statusCounts(qp.Initiatives)
		return qp
	}
	for _, quarter := range r.Span(q) {
		qp := take(func(in *roadmap.Initiative) bool { return in.Quarter == quarter })
		qp.Quarter, qp.Levels = quarter, p.LevelsAt(quarter)
		qp.Past, qp.Current, qp.Spanned = quarter.Before(q), quarter == q, true
		rep.Plan = append(rep.Plan, qp)
	}
	rep.Backlog = take(func(*roadmap.Initiative) bool { return true })

	// The window starts at the quarter before today's, or earlier where
	// open work remains, and ends ahead quarters after today's: its
	// quarters are all there even when Span is shorter.
	first, last := q.Prev(), q
	for range ahead {
		last = last.Next()
	}
	for _, qp := range rep.Plan {
		if qp.Quarter.Before(first) && open(qp.Initiatives) {
			first = qp.Quarter
			break
		}
	}
	var plan []QuarterPlan
	for _, quarter := range roadmap.QuartersBetween(first, last) {
		if k := rep.planIndex(quarter); k >= 0 {
			plan = append(plan, rep.Plan[k])
			continue
		}
		plan = append(plan, QuarterPlan{Quarter: quarter, Levels: p.LevelsAt(quarter), Past: quarter.Before(q), Current: quarter == q,
			Status: statusCounts(nil)})
	}
	// Plan keeps Span's quarters before and after the window for the
	// export; the window's own are merged in, in order.
	var merged []QuarterPlan
	for _, qp := range rep.Plan {
		if qp.Quarter.Before(first) {
			merged = append(merged, qp)
		}
	}
	rep.Window[0] = len(merged)
	merged = append(merged, plan...)
	rep.Window[1] = len(merged)
	for _, qp := range rep.Plan {
		if last.Before(qp.Quarter) {
			merged = append(merged, qp)
			rep.Later += len(qp.Initiatives)
		}
	}
	rep.Plan = merged
}

// WarningsOf returns the warnings about initiative id, in report order.
func (rep *Report) WarningsOf(id int64) []roadmap.Warning {
	idx := rep.byInit[id]
	if len(idx) == 0 {
		return nil
	}
	out := make([]roadmap.Warning, len(idx))
	for k, i := range idx {
		out[k] = rep.Warnings[i]
	}
	return out
}

// planIndex returns the index in Plan of quarter, or -1.
func (rep *Report) planIndex(quarter roadmap.Quarter) int {
	for k, qp := range rep.Plan {
		if qp.Quarter == quarter {
			return k
		}
	}
	return -1
}

// WindowPlan returns the quarters of the window, oldest first.
func (rep *Report) WindowPlan() []QuarterPlan { return rep.Plan[rep.Window[0]:rep.Window[1]] }

// WindowQuarters returns the window's quarters.
func (rep *Report) WindowQuarters() []roadmap.Quarter {
	var out []roadmap.Quarter
	for _, qp := range rep.WindowPlan() {
		out = append(out, qp.Quarter)
	}
	return out
}

// SpanPlan returns the quarters of roadmap.Span, as the Markdown export
// lists them.
func (rep *Report) SpanPlan() []QuarterPlan {
	var out []QuarterPlan
	for _, qp := range rep.Plan {
		if qp.Spanned {
			out = append(out, qp)
		}
	}
	return out
}

func open(ins []*roadmap.Initiative) bool {
	for _, in := range ins {
		if !in.Status.Finished() {
			return true
		}
	}
	return false
}

func statusCounts(ins []*roadmap.Initiative) []StatusCount {
	out := make([]StatusCount, len(roadmap.Statuses))
	for i, s := range roadmap.Statuses {
		out[i].Status = s
	}
	for _, in := range ins {
		for i := range out {
			if out[i].Status == in.Status {
				out[i].N++
				break
			}
		}
	}
	return out
}

// radar sets the radar's series: reached now, evidenced now (when any
// domain has criteria), and projected at the end of the second and
// fourth quarter after today's.
func (rep *Report) radar(m *roadmap.Model, st roadmap.State, p roadmap.Projection, q roadmap.Quarter) {
	rep.RadarSeries = append(rep.RadarSeries, Series{Name: "reached now", Levels: st.Levels})
	var ev []int
	for _, d := range st.Domains {
		if d.HasCriteria {
			ev = make([]int, len(st.Domains))
			break
		}
	}
	if ev != nil {
		for i, d := range st.Domains {
			ev[i] = d.Evidenced
		}
		rep.RadarSeries = append(rep.RadarSeries, Series{Name: "evidenced now", Levels: ev})
	}
	at := q
	for n := 1; n <= 4; n++ {
		at = at.Next()
		if n == 2 || n == 4 {
			lv := p.LevelsAt(at)
			if lv == nil {
				lv = st.Levels
			}
			rep.RadarSeries = append(rep.RadarSeries, Series{Name: "planned by end of " + at.String(), Levels: lv})
		}
	}
}

func (rep *Report) metrics(a *roadmap.Assessment, q roadmap.Quarter) {
	if a == nil {
		return
	}
	quarters := roadmap.LastQuarters(q, MetricQuarters)
	for i := range a.Model.Metrics {
		x := &a.Model.Metrics[i]
		cells := a.Cells(x, quarters)
		mt := Metric{Metric: x, Quarters: quarters, Cells: cells}
		for _, c := range cells {
			if c.Value != nil {
				mt.Latest = c
			}
		}
		if mt.Latest.Value != nil {
			rep.Metrics = append(rep.Metrics, mt)
		}
	}
}

func (rep *Report) criteria(a *roadmap.Assessment) {
	if a == nil || len(a.Criteria) == 0 {
		return
	}
	m := a.Model
	for _, dom := range m.Domains {
		dc := DomainCriteria{Domain: dom.Key, Name: dom.Name}
		for l := 1; l <= roadmap.MaxLevel; l++ {
			lc := LevelCriteria{Level: Level{l, m.LevelName(dom.Key, l)}}
			for i := range a.Criteria {
				cs := &a.Criteria[i]
				if cs.Criterion.Domain != dom.Key || cs.Criterion.Level != l {
					continue
				}
				lc.Total++
				if cs.State == roadmap.Met {
					lc.Met++
				}
				lc.Criteria = append(lc.Criteria, Criterion{Key: cs.Criterion.Key, Statement: m.Statement(cs.Criterion),
					State: cs.State, Detail: a.Detail(cs)})
			}
			if lc.Total > 0 {
				dc.Levels = append(dc.Levels, lc)
			}
		}
		if len(dc.Levels) > 0 {
			rep.Criteria = append(rep.Criteria, dc)
		}
	}
}
