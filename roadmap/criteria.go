package roadmap

import (
	"fmt"
	"strings"
)

// Criterion is one piece of evidence a level of a domain asks for: either
// a check, a statement that is met or not ("a developer gets a standard
// environment without filing a ticket"), or a threshold on a metric
// ("provisioning-time at most 1d").
type Criterion struct {
	Key    string // unique in the model
	Domain string
	Level  int // 1..MaxLevel
	// Check is the statement of a check criterion, "" for a metric one.
	Check string
	// Metric, Op and Threshold make a metric criterion: the metric's
	// latest value must be at least or at most Threshold.
	Metric    string
	Op        Op
	Threshold float64

	text string // the threshold as a model file wrote it, until validation reads it
}

// Op compares a metric's value with a criterion's threshold.
type Op string

// The comparisons of a metric criterion.
const (
	AtLeast Op = "at least"
	AtMost  Op = "at most"
)

// IsCheck reports whether the criterion is a check (answered met or not),
// rather than a metric threshold.
func (c *Criterion) IsCheck() bool { return c.Metric == "" }

// satisfied reports whether v meets the criterion's threshold.
func (c *Criterion) satisfied(x *Metric, v float64) bool {
	cmp := x.Scale().Compare(v, c.Threshold)
	if c.Op == AtLeast {
		return cmp >= 0
	}
	return cmp <= 0
}

// Statement says what the criterion asks: its check, or the threshold
// ("provisioning-time at most 1d").
func (m *Model) Statement(c *Criterion) string {
	if c.IsCheck() {
		return c.Check
	}
	x := m.Metric(c.Metric)
	if x == nil {
		return c.Metric
	}
	return c.Metric + " " + string(c.Op) + " " + x.Format(c.Threshold)
}

// Criterion returns the criterion with the given key, or nil.
func (m *Model) Criterion(key string) *Criterion {
	if i, ok := m.criterionIndex[key]; ok {
		return &m.Criteria[i]
	}
	return nil
}

// FindCriterion is Criterion for a key as typed (surrounding space and
// case ignored), with an error that says how to list them.
func (m *Model) FindCriterion(key string) (*Criterion, error) {
	if c := m.Criterion(strings.ToLower(strings.TrimSpace(key))); c != nil {
		return c, nil
	}
	if len(m.Criteria) == 0 {
		return nil, fmt.Errorf("unknown criterion %q: the model has no criteria", Printable(key))
	}
	return nil, fmt.Errorf("unknown criterion %q: 'assess' lists them", Printable(key))
}

// CriteriaOf returns the criteria of one level of a domain, in model
// order. The caller must not modify the result.
func (m *Model) CriteriaOf(domain string, level int) []Criterion {
	d, ok := m.index[domain]
	if !ok || level < 1 || level > MaxLevel {
		return nil
	}
	r := m.criteriaAt[d][level]
	return m.Criteria[r[0]:r[1]]
}

// HasCriteria reports whether the model gives the domain criteria (on
// every level 1..MaxLevel, as validation holds it to).
func (m *Model) HasCriteria(domain string) bool { return len(m.CriteriaOf(domain, 1)) > 0 }
