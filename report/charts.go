package report

import (
	"math"
	"strconv"
	"strings"

	"maturity/roadmap"
)

// The charts are laid out here, as plain shapes with coordinates and
// labels; the HTML template draws them as SVG, so that every label goes
// through html/template's escaping like any other text.

// num writes a coordinate with at most one decimal.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

type point struct{ X, Y string }

func pt(x, y float64) point { return point{num(x), num(y)} }

func points(ps []point) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p.X + "," + p.Y)
	}
	return b.String()
}

// label is a text placed on a chart.
type label struct {
	X, Y   string
	Anchor string // start, middle or end
	Text   string
	Class  string
}

// line is a straight line on a chart.
type line struct {
	X1, Y1, X2, Y2 string
	Class          string
}

// box is a rectangle on a chart.
type box struct {
	X, Y, W, H string
	Class      string
	Title      string // a tooltip, "" for none
}

// radarChart is the radar of the domains.
type radarChart struct {
	W, H   int
	Rings  []string // polygon points, level 1 to MaxLevel
	Axes   []line
	Labels []label
	Series []radarSeries
}

type radarSeries struct {
	Name   string
	Class  string // s0..s3: colour, dash and mark differ
	Points string
	Marks  []point
}

// Radar lays out the radar: one axis per domain, a ring per level, a
// polygon per series.
func (rep *Report) Radar() radarChart {
	const w, h, r = 820, 360, 128.0
	cx, cy := 300.0, float64(h)/2
	n := len(rep.Domains)
	c := radarChart{W: w, H: h}
	at := func(i int, level float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(max(n, 1))
		return cx + r*level/roadmap.MaxLevel*math.Cos(a), cy + r*level/roadmap.MaxLevel*math.Sin(a)
	}
	for l := 1; l <= roadmap.MaxLevel; l++ {
		var ps []point
		for i := range n {
			ps = append(ps, pt(at(i, float64(l))))
		}
		c.Rings = append(c.Rings, points(ps))
		x, y := at(0, float64(l))
		c.Labels = append(c.Labels, label{X: num(x + 4), Y: num(y + 4), Anchor: "start", Text: strconv.Itoa(l), Class: "tick"})
	}
	for i, d := range rep.Domains {
		x, y := at(i, roadmap.MaxLevel)
		c.Axes = append(c.Axes, line{X1: num(cx), Y1: num(cy), X2: num(x), Y2: num(y), Class: "axis"})
		lx, ly := at(i, roadmap.MaxLevel+0.35)
		anchor := "middle"
		switch {
		case lx > cx+5:
			anchor = "start"
		case lx < cx-5:
			anchor = "end"
		}
		c.Labels = append(c.Labels, label{X: num(lx), Y: num(ly + 4), Anchor: anchor, Text: d.Name + " " + strconv.Itoa(d.Level.N), Class: "axis-label"})
	}
	for si, s := range rep.RadarSeries {
		rs := radarSeries{Name: s.Name, Class: "s" + strconv.Itoa(si)}
		var ps []point
		for i, l := range s.Levels {
			ps = append(ps, pt(at(i, float64(l))))
		}
		rs.Points, rs.Marks = points(ps), ps
		c.Series = append(c.Series, rs)
	}
	return c
}

// timelineChart is the plan as a timeline.
type timelineChart struct {
	W, H    int
	Columns []label // quarter headings
	Rows    []label // domain names
	Cells   []box
	Levels  []label // the level in each cell
	Marks   []timelineMark
	Today   line
	Grid    []line
}

// timelineMark marks a level the plan reaches in a quarter.
type timelineMark struct {
	Points string // a diamond
	Class  string // reach, late or blocked
	Label  label
	Note   label // "late", "blocked", or empty
}

// Timeline lays out the plan: the window's quarters across, the domains
// down, each cell the level projected at the quarter's end; a diamond
// where a level is first reached, marked late when its quarter is past
// and blocked when an error is on an initiative of that domain and
// quarter.
func (rep *Report) Timeline() timelineChart {
	plan := rep.WindowPlan()
	const left, top, colW, rowH = 150, 34, 118, 52
	c := timelineChart{W: left + colW*len(plan) + 10, H: top + rowH*len(rep.Domains) + 10}
	for qi, qp := range plan {
		x := float64(left + colW*qi)
		text := qp.Quarter.String()
		if qp.Current {
			text += " (now)"
		}
		c.Columns = append(c.Columns, label{X: num(x + colW/2), Y: "20", Anchor: "middle", Text: text, Class: "col"})
		if qp.Current {
			c.Today = line{X1: num(x), Y1: num(top - 6), X2: num(x), Y2: num(float64(c.H - 6)), Class: "today"}
		}
		c.Grid = append(c.Grid, line{X1: num(x), Y1: num(top), X2: num(x), Y2: num(float64(c.H - 10)), Class: "grid"})
	}
	for di, d := range rep.Domains {
		y := float64(top + rowH*di)
		c.Rows = append(c.Rows, label{X: num(left - 10), Y: num(y + rowH/2 + 4), Anchor: "end", Text: d.Name, Class: "row"})
		prev := d.Level.N
		for qi, qp := range plan {
			x := float64(left + colW*qi)
			lv := d.Level.N
			if qp.Levels != nil {
				lv = qp.Levels[di]
			} else if qp.Past {
				lv = -1 // before the projection: only finished work
			}
			if lv < 0 {
				continue
			}
			c.Cells = append(c.Cells, box{X: num(x + 2), Y: num(y + 6), W: num(colW - 4), H: num(rowH - 12), Class: "lv" + strconv.Itoa(lv)})
			if lv <= prev {
				c.Levels = append(c.Levels, label{X: num(x + colW/2), Y: num(y + rowH/2 + 4), Anchor: "middle", Text: strconv.Itoa(lv), Class: "lvtext"})
				continue
			}
			mx, my := x+22, y+rowH/2
			m := timelineMark{Class: "reach",
				Points: points([]point{pt(mx, my-11), pt(mx+11, my), pt(mx, my+11), pt(mx-11, my)}),
				Label:  label{X: num(mx + 16), Y: num(my + 4), Anchor: "start", Text: "→ " + strconv.Itoa(lv), Class: "marktext"}}
			switch {
			case rep.blockedIn(d.Key, qp):
				m.Class = "blocked"
				m.Note = label{X: num(x + colW - 6), Y: num(y + 18), Anchor: "end", Text: "blocked", Class: "note"}
			case qp.Past:
				m.Class = "late"
				m.Note = label{X: num(x + colW - 6), Y: num(y + 18), Anchor: "end", Text: "late", Class: "note"}
			}
			c.Marks = append(c.Marks, m)
			prev = lv
		}
	}
	return c
}

// blockedIn reports whether an initiative of the domain in the quarter
// has an error.
func (rep *Report) blockedIn(domain string, qp QuarterPlan) bool {
	for _, in := range qp.Initiatives {
		if in.Domain != domain || in.Status.Finished() {
			continue
		}
		for _, w := range rep.WarningsOf(in.ID) {
			if w.Severity == roadmap.SeverityError {
				return true
			}
		}
	}
	return false
}

// Transition is a level the plan reaches in a quarter of the window, as
// the timeline's text equivalent lists it.
type Transition struct {
	Domain  string
	Level   Level
	Quarter roadmap.Quarter
	Late    bool
	Blocked bool
}

// Transitions lists the levels the timeline marks, domain by domain.
func (rep *Report) Transitions() []Transition {
	var out []Transition
	for di, d := range rep.Domains {
		prev := d.Level.N
		for _, qp := range rep.WindowPlan() {
			if qp.Levels == nil || qp.Levels[di] <= prev {
				continue
			}
			for l := prev + 1; l <= qp.Levels[di]; l++ {
				out = append(out, Transition{Domain: d.Name, Level: Level{l, rep.Model.LevelName(d.Key, l)}, Quarter: qp.Quarter,
					Late: qp.Past, Blocked: rep.blockedIn(d.Key, qp)})
			}
			prev = qp.Levels[di]
		}
	}
	return out
}

// barChart is booked effort against capacity, per quarter.
type barChart struct {
	W, H     int
	Bars     []box
	Caps     []line
	Labels   []label
	Baseline line
}

// Capacity lays out the bookings: a bar of booked effort per quarter, a
// mark at its capacity, the figures written above, "over" where it is.
func (rep *Report) CapacityChart() barChart {
	const left, top, colW, plotH = 40, 20, 110, 200
	c := barChart{W: left + colW*len(rep.Bookings) + 10, H: top + plotH + 40}
	most := 1.0
	for _, b := range rep.Bookings {
		most = max(most, b.Booked, b.Capacity)
	}
	most *= 1.15
	y := func(v float64) float64 { return top + plotH - v/most*plotH }
	c.Baseline = line{X1: num(left), Y1: num(y(0)), X2: num(float64(c.W - 10)), Y2: num(y(0)), Class: "axis"}
	for i, b := range rep.Bookings {
		x := float64(left + colW*i)
		class := "bar"
		if b.Over() {
			class = "bar over"
		}
		c.Bars = append(c.Bars, box{X: num(x + 25), Y: num(y(b.Booked)), W: num(colW - 50), H: num(y(0) - y(b.Booked)), Class: class})
		text := roadmap.FormatEffort(b.Booked)
		if b.Limited {
			c.Caps = append(c.Caps, line{X1: num(x + 12), Y1: num(y(b.Capacity)), X2: num(x + colW - 12), Y2: num(y(b.Capacity)), Class: "cap"})
			text += " of " + roadmap.FormatEffort(b.Capacity)
		}
		top := min(y(b.Booked), y(b.Capacity))
		if !b.Limited {
			top = y(b.Booked)
		}
		c.Labels = append(c.Labels, label{X: num(x + colW/2), Y: num(top - 6), Anchor: "middle", Text: text, Class: "value"})
		if b.Over() {
			c.Labels = append(c.Labels, label{X: num(x + colW/2), Y: num(y(0) - 8), Anchor: "middle", Text: "over", Class: "overtext"})
		}
		c.Labels = append(c.Labels, label{X: num(x + colW/2), Y: num(y(0) + 18), Anchor: "middle", Text: b.Quarter.String(), Class: "col"})
	}
	return c
}

// metricChart is one metric's values over the last quarters, with its
// bands as background.
type metricChart struct {
	W, H   int
	Bands  []box
	Names  []label // band names at the right
	Line   string
	Marks  []point
	Values []label
	Cols   []label
	Better label
}

// Chart lays out the metric's chart. Better values are always up: the
// axis of a lower-is-better metric runs downward.
func (x Metric) Chart() metricChart {
	const left, right, top, plotH, colW = 16, 58, 22, 116, 50
	n := len(x.Quarters)
	c := metricChart{W: left + colW*n + right, H: top + plotH + 30}
	var vals []float64
	for _, cell := range x.Cells {
		if cell.Value != nil {
			vals = append(vals, cell.Value.Value)
		}
	}
	lo, hi := vals[0], vals[0]
	for _, v := range vals {
		lo, hi = min(lo, v), max(hi, v)
	}
	pad := (hi - lo) * 0.2
	if pad == 0 {
		pad = math.Max(math.Abs(hi)*0.25, 1)
	}
	lo, hi = lo-pad, hi+pad
	if lo < 0 && vals[0] >= 0 {
		lo = 0
	}
	up := x.Metric.Direction != roadmap.LowerIsBetter
	y := func(v float64) float64 {
		f := (v - lo) / (hi - lo)
		if !up {
			f = 1 - f
		}
		return top + plotH - f*plotH
	}
	vAt := func(py float64) float64 { // the value at a height on the plot
		f := (top + plotH - py) / plotH
		if !up {
			f = 1 - f
		}
		return lo + f*(hi-lo)
	}
	plotR := float64(left + colW*n)
	if x.Metric.Bands != nil {
		const steps = 60
		start, band := float64(top), -2
		flush := func(end float64) {
			if band >= 0 && end > start {
				name := x.Metric.Bands.Table[band].Name
				c.Bands = append(c.Bands, box{X: num(left), Y: num(start), W: num(plotR - left), H: num(end - start), Class: "band b" + strconv.Itoa(min(band, 3))})
				if end-start >= 11 {
					c.Names = append(c.Names, label{X: num(plotR + 4), Y: num((start+end)/2 + 4), Anchor: "start", Text: name, Class: "bandname"})
				}
			}
		}
		for i := 0; i <= steps; i++ {
			py := top + plotH*float64(i)/steps
			b := -1
			if i < steps {
				b = x.Metric.Band(vAt(py + plotH/steps/2))
			}
			if b != band || i == steps {
				flush(py)
				start, band = py, b
			}
		}
	}
	var ps []point
	for i, cell := range x.Cells {
		cx := float64(left + colW*i + colW/2)
		c.Cols = append(c.Cols, label{X: num(cx), Y: num(top + plotH + 16), Anchor: "middle", Text: x.Quarters[i].String()[2:], Class: "col"})
		if cell.Value == nil {
			continue
		}
		p := pt(cx, y(cell.Value.Value))
		ps = append(ps, p)
		// A label above its point, but below one near the top.
		ly := y(cell.Value.Value) - 8
		if ly < top+4 {
			ly = y(cell.Value.Value) + 16
		}
		c.Values = append(c.Values, label{X: p.X, Y: num(ly), Anchor: "middle", Text: cell.Text(x.Metric), Class: "value"})
	}
	c.Line, c.Marks = points(ps), ps
	c.Better = label{X: num(plotR + 4), Y: num(top + plotH + 16), Anchor: "start", Text: "better ↑", Class: "tick"}
	return c
}
