package roadmap

import (
	"fmt"
	"strings"
)

// Direction says which way a metric improves.
type Direction string

// The directions of a metric.
const (
	HigherIsBetter Direction = "higher-is-better"
	LowerIsBetter  Direction = "lower-is-better"
)

// ParseDirection reads a direction's name.
func ParseDirection(s string) (Direction, error) {
	switch d := Direction(s); d {
	case HigherIsBetter, LowerIsBetter:
		return d, nil
	}
	return "", fmt.Errorf("unknown direction %q: want higher-is-better or lower-is-better", s)
}

// Metric is an outcome the model measures each quarter, such as deployment
// frequency: a value per quarter, recorded by hand, banded and compared
// with the quarter before.
type Metric struct {
	Key         string // lower-case identifier used in commands and files
	Name        string
	Description string
	Unit        Unit
	Direction   Direction
	// Domain is the domain the metric mostly speaks for, or "".
	Domain string
	// Min and Max are a score's range (1 and 5 unless the model says
	// otherwise); zero for the other units.
	Min, Max float64
	// Bands grade the values, or nil when the metric has none.
	Bands *Bands
}

// Scale is what the metric's values are read against.
func (m *Metric) Scale() Scale { return Scale{Unit: m.Unit, Min: m.Min, Max: m.Max} }

// ParseValue reads a value for the metric; the error names the metric and
// says what to write: `invalid value "fast" for change-lead-time: want a
// duration such as 4h, 3d or 2w`.
func (m *Metric) ParseValue(text string) (float64, error) {
	v, err := m.Scale().Parse(text)
	if err != nil {
		msg := err.Error()
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[:i] + " for " + m.Key + msg[i:]
		}
		return 0, fmt.Errorf("%s", msg)
	}
	return v, nil
}

// Format writes a value of the metric in its canonical form.
func (m *Metric) Format(v float64) string { return m.Scale().Format(v) }

// Better reports whether a is better than b, by the metric's direction, on
// the unit's exact grid.
func (m *Metric) Better(a, b float64) bool {
	c := m.Scale().Compare(a, b)
	if m.Direction == LowerIsBetter {
		return c < 0
	}
	return c > 0
}

// Bands grade a metric's values: a table from a published benchmark, with
// the edition and the source it comes from.
type Bands struct {
	Edition string // the report's edition, such as "2023"
	Source  string // where the table comes from
	// Table lists the bands best first. A value is in the first band
	// whose bounds it meets; a band without bounds takes every value. The
	// bounds need not be ordered as the bands are: later editions of a
	// benchmark are not.
	Table []Band
}

// Band is one grade of a metric's values, such as elite, with the bounds a
// value must meet.
type Band struct {
	Name string // lower-case: elite, high, medium, low
	// Lower and Upper bound the values; an unset bound does not limit.
	Lower, Upper Bound
}

// Bound limits values on one side: at least (or above) for a lower bound,
// at most (or below) for an upper one.
type Bound struct {
	Set       bool
	Value     float64
	Inclusive bool // at least / at most, rather than above / below

	text string // the value as a model file wrote it, until validation reads it
}

// Letter is the band's initial in capitals, as compact views show it:
// E, H, M, L.
func (b Band) Letter() string { return strings.ToUpper(b.Name[:1]) }

// holds reports whether v meets the band's bounds on the scale's grid.
func (b Band) holds(s Scale, v float64) bool {
	if b.Lower.Set {
		c := s.Compare(v, b.Lower.Value)
		if c < 0 || c == 0 && !b.Lower.Inclusive {
			return false
		}
	}
	if b.Upper.Set {
		c := s.Compare(v, b.Upper.Value)
		if c > 0 || c == 0 && !b.Upper.Inclusive {
			return false
		}
	}
	return true
}

// Describe writes the band's bounds for people: "at least 1/week", "below
// 1d", "above 5% and at most 10%", "any other value".
func (b Band) Describe(s Scale) string {
	var parts []string
	if b.Lower.Set {
		word := "above "
		if b.Lower.Inclusive {
			word = "at least "
		}
		parts = append(parts, word+s.Format(b.Lower.Value))
	}
	if b.Upper.Set {
		word := "below "
		if b.Upper.Inclusive {
			word = "at most "
		}
		parts = append(parts, word+s.Format(b.Upper.Value))
	}
	if len(parts) == 0 {
		return "any other value"
	}
	return strings.Join(parts, " and ")
}

// Band returns the index in m.Bands.Table of the band v is in, or -1 when
// the metric has no bands or v meets no band's bounds.
func (m *Metric) Band(v float64) int {
	if m.Bands == nil {
		return -1
	}
	s := m.Scale()
	for i, b := range m.Bands.Table {
		if b.holds(s, v) {
			return i
		}
	}
	return -1
}

// BandName returns the name of the band v is in, or "".
func (m *Metric) BandName(v float64) string {
	if i := m.Band(v); i >= 0 {
		return m.Bands.Table[i].Name
	}
	return ""
}

// Metric returns the metric with the given key, or nil.
func (m *Model) Metric(key string) *Metric {
	if i, ok := m.metricIndex[key]; ok {
		return &m.Metrics[i]
	}
	return nil
}

// FindMetric is Metric with an error that lists the model's metrics.
func (m *Model) FindMetric(key string) (*Metric, error) {
	if x := m.Metric(strings.ToLower(strings.TrimSpace(key))); x != nil {
		return x, nil
	}
	keys := make([]string, len(m.Metrics))
	for i, x := range m.Metrics {
		keys[i] = x.Key
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("unknown metric %q: the model has no metrics", Printable(key))
	}
	return nil, fmt.Errorf("unknown metric %q: want %s", Printable(key), strings.Join(keys, ", "))
}

// Trend says how a metric's value compares with an earlier one, by its
// direction.
type Trend int

// The trends of a value.
const (
	NoTrend Trend = iota // nothing to compare with
	Better
	Worse
	Same
)

// TrendOf compares now with before, by the metric's direction, on the
// unit's exact grid.
func (m *Metric) TrendOf(now, before float64) Trend {
	switch {
	case m.Better(now, before):
		return Better
	case m.Better(before, now):
		return Worse
	}
	return Same
}

// Arrow is the trend as compact views show it: ↑ better, ↓ worse, =
// the same, "" for nothing to compare with.
func (t Trend) Arrow() string {
	return [...]string{"", "↑", "↓", "="}[t]
}

// String is "better", "worse", "same" or "".
func (t Trend) String() string {
	return [...]string{"", "better", "worse", "same"}[t]
}
