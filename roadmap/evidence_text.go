package roadmap

import (
	"fmt"
	"strings"
	"time"
)

// The sentences and compact forms of the evidence that the command line
// and the dashboard both show: written once, here.

// LocalTime writes a moment as the views show it: "2026-10-16 10:00" in
// the local time zone, "-" for none.
func LocalTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// LastQuarters returns the n quarters up to q, oldest first.
func LastQuarters(q Quarter, n int) []Quarter {
	first := q
	for i := 1; i < n; i++ {
		first = first.Prev()
	}
	return QuartersBetween(first, q)
}

// MetricCell is a metric's value in one quarter, with its band and its
// trend against the quarter before that has a value; Value is nil when
// the quarter has none.
type MetricCell struct {
	Value *MetricValue
	Band  *Band // nil when the metric has no bands or the value meets none
	Trend Trend
}

// Cells lays out a metric's values over the quarters (oldest first), as
// the assessment counts them: one value per quarter, the last recorded.
func (a *Assessment) Cells(x *Metric, quarters []Quarter) []MetricCell {
	series := a.Series(x.Key)
	cells := make([]MetricCell, len(quarters))
	j := 0
	for i, q := range quarters {
		for j < len(series) && series[j].Quarter.Before(q) {
			j++
		}
		if j >= len(series) || series[j].Quarter != q {
			continue
		}
		c := MetricCell{Value: &series[j]}
		if b := x.Band(series[j].Value); b >= 0 {
			c.Band = &x.Bands.Table[b]
		}
		if j > 0 {
			c.Trend = x.TrendOf(series[j].Value, series[j-1].Value)
		}
		cells[i] = c
	}
	return cells
}

// Text writes the cell with its band's initial and its trend: "3d H↑",
// "12% ↓", "-" for no value.
func (c MetricCell) Text(x *Metric) string {
	if c.Value == nil {
		return "-"
	}
	s := x.Format(c.Value.Value)
	if c.Band != nil || c.Trend != NoTrend {
		s += " "
	}
	if c.Band != nil {
		s += c.Band.Letter()
	}
	return s + c.Trend.Arrow()
}

// MetricLegend says what the compact cells' letters and arrows mean.
const MetricLegend = "E elite, H high, M medium, L low; ↑ better, ↓ worse, = the same as the quarter before that has a value"

// Detail says where a criterion's state comes from: the answer's
// evidence, note, when and who; the metric's value, its quarter, source,
// note, when and who; or that there is none. Newlines read as spaces.
func (a *Assessment) Detail(st *CriterionStatus) string {
	var parts []string
	add := func(label, text string) {
		if text != "" {
			parts = append(parts, label+strings.ReplaceAll(text, "\n", " "))
		}
	}
	switch {
	case st.Answer != nil:
		an := st.Answer
		add("evidence: ", an.Evidence)
		add("note: ", an.Note)
		parts = append(parts, "answered "+LocalTime(an.At)+" by "+an.Actor)
	case st.Value != nil:
		v := st.Value
		parts = append(parts, a.Model.Metric(v.Metric).Format(v.Value)+" in "+v.Quarter.String())
		add("source: ", v.Source)
		add("note: ", v.Note)
		parts = append(parts, "recorded "+LocalTime(v.At)+" by "+v.Actor)
	case st.Criterion.IsCheck():
		return "never answered"
	default:
		return "no value of " + st.Criterion.Metric + " from " + a.At.Quarter.Prev().Prev().String() + " to " + a.At.Quarter.String()
	}
	return strings.Join(parts, " · ")
}

// Answerable returns nil for a check criterion. A metric criterion is met
// by its metric's value, never by an answer: the error says so and how to
// record a value, as record names it (the command line's command, the
// dashboard's key).
func (m *Model) Answerable(c *Criterion, record string) error {
	if c.IsCheck() {
		return nil
	}
	return fmt.Errorf("%s is met by the value of metric %s (%s), not by an answer: record one with %s",
		c.Key, c.Metric, m.Statement(c), record)
}

// AnsweredText says what an answer did: "answered auto-2-no-ticket: met;
// automation evidenced 2 (Self-Service), criteria 0/3 met for 3 (GitOps)",
// s being the state of the criterion's domain after it.
func (m *Model) AnsweredText(an Answer, s DomainState) string {
	return fmt.Sprintf("answered %s: %s; %s %s", an.Criterion, an.State, s.Domain, m.EvidenceText(s))
}

// RecordedText says what recording a value did: "recorded
// change-lead-time for 2026-Q4: 2d (high), was 3d"; old is the value it
// replaced, in canonical form, or "".
func (x *Metric) RecordedText(q Quarter, v float64, old string) string {
	msg := fmt.Sprintf("recorded %s for %s: %s", x.Key, q, x.Format(v))
	if band := x.BandName(v); band != "" {
		msg += " (" + band + ")"
	}
	if old != "" {
		msg += ", was " + old
	}
	return msg
}

// UnchangedText says that a value recorded again changed nothing:
// "change-lead-time for 2026-Q4 is 2d already: nothing changed".
func (x *Metric) UnchangedText(q Quarter, v float64) string {
	return fmt.Sprintf("%s for %s is %s already: nothing changed", x.Key, q, x.Format(v))
}
