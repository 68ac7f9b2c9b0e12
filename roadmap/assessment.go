package roadmap

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// CriterionState is where a criterion stands: met, unmet or unknown.
type CriterionState string

// The states of a criterion.
const (
	Met     CriterionState = "met"
	Unmet   CriterionState = "unmet"
	Unknown CriterionState = "unknown"
)

// ParseCriterionState reads met, unmet or unknown (any case, surrounding
// space ignored).
func ParseCriterionState(s string) (CriterionState, error) {
	switch st := CriterionState(strings.ToLower(strings.TrimSpace(s))); st {
	case Met, Unmet, Unknown:
		return st, nil
	}
	return "", fmt.Errorf("invalid state %q: want met, unmet or unknown", Printable(s))
}

// Mark is the state as compact views show it: ✓, ✗ or ?.
func (s CriterionState) Mark() string {
	switch s {
	case Met:
		return "✓"
	case Unmet:
		return "✗"
	}
	return "?"
}

// Answer is a recorded judgement of a check criterion, with the evidence
// for it.
type Answer struct {
	ID        int64
	Criterion string
	State     CriterionState
	Evidence  string
	Note      string
	Actor     string
	At        time.Time
}

// MetricValue is a metric's value for one quarter, whenever it was typed.
type MetricValue struct {
	ID      int64
	Metric  string
	Quarter Quarter
	Value   float64 // in the unit's own terms (Scale.Parse)
	Note    string
	Source  string
	Actor   string
	At      time.Time
}

// Evidence is everything recorded about the criteria and metrics: every
// answer, and for each metric and quarter the value that counts (the one
// recorded last; the store keeps the ones it replaced in its history).
type Evidence struct {
	Answers []Answer
	Values  []MetricValue
}

// AsOf is the moment an assessment judges.
type AsOf struct {
	// Today is the day staleness is counted from.
	Today time.Time
	// Quarter is the current quarter: a metric criterion reads the value
	// of the latest quarter that has one, from two quarters before it up
	// to it; values of later quarters do not count.
	Quarter Quarter
	// Until, when set, leaves out the answers recorded at or after it.
	Until time.Time
}

// AsOfToday is the moment of the current state: today's quarter and every
// answer recorded.
func AsOfToday(today time.Time) AsOf { return AsOf{Today: today, Quarter: QuarterOf(today)} }

// AsOfEnd is the moment at the end of quarter q: the answers recorded on
// or before its last day (in the local time zone), and the values
// recorded for it and earlier quarters.
func AsOfEnd(q Quarter) AsOf {
	next := time.Date(q.Year, time.Month(q.Q*3+1), 1, 0, 0, 0, 0, time.Local)
	return AsOf{Today: next.AddDate(0, 0, -1), Quarter: q, Until: next}
}

// DefaultStaleAfter is how many days after a domain's newest answer its
// assessment counts as stale.
const DefaultStaleAfter = 120

// Assessment is where the evidence stands at one moment: the state of
// every criterion, the level each domain's criteria support, and the
// latest manual assessments. It is computed by Model.Assess and read by
// the level rules (Baselines) and the warnings.
type Assessment struct {
	Model *Model
	At    AsOf
	// StaleAfter is the number of days after which a domain's newest
	// answer makes its assessment stale (DefaultStaleAfter unless set).
	StaleAfter int
	// Manual holds the latest manual assessment of each domain assessed.
	Manual map[string]int
	// Criteria holds the state of each of the model's criteria, in the
	// order of Model.Criteria.
	Criteria []CriterionStatus
	// Domains holds what the evidence says of each domain, model order.
	Domains []DomainEvidence

	series map[string][]MetricValue // per metric, the values up to At.Quarter, oldest quarter first
}

// CriterionStatus is where one criterion stands and why.
type CriterionStatus struct {
	Criterion *Criterion
	State     CriterionState
	// Answer is the answer that counts for a check, nil when none.
	Answer *Answer
	// Value is the value that counts for a metric criterion, nil when no
	// quarter of the window has one.
	Value *MetricValue
}

// DomainEvidence is what the evidence says of one domain.
type DomainEvidence struct {
	Domain      string
	HasCriteria bool
	// Evidenced is the highest level k such that every criterion of
	// levels 1..k is met; 0 when level 1 has one that is not, or the
	// domain has no criteria.
	Evidenced int
	// Answered is set when one of its criteria has an answer, or a
	// metric one of them reads has a value: the domain's assessment has
	// begun.
	Answered bool
	// Newest is when its newest answer was recorded, zero when none.
	Newest time.Time
}

// Assess works out where the evidence stands at a moment: each check
// criterion's state is its latest answer (unknown when it has none); each
// metric criterion is met when its metric's value in the latest quarter
// that has one, within the window, meets its threshold (unknown when no
// quarter of the window has a value); and each domain's evidenced level
// stacks: level k counts only when every criterion of levels 1..k is met.
// manual holds the latest manual assessments.
func (m *Model) Assess(manual map[string]int, ev *Evidence, at AsOf) *Assessment {
	a := &Assessment{Model: m, At: at, StaleAfter: DefaultStaleAfter, Manual: manual,
		Criteria: make([]CriterionStatus, len(m.Criteria)), Domains: make([]DomainEvidence, len(m.Domains)),
		series: map[string][]MetricValue{}}
	if a.Manual == nil {
		a.Manual = map[string]int{}
	}
	if ev == nil {
		ev = &Evidence{}
	}
	for _, v := range ev.Values {
		if m.Metric(v.Metric) != nil && !v.Quarter.IsBacklog() && !at.Quarter.Before(v.Quarter) {
			a.series[v.Metric] = append(a.series[v.Metric], v)
		}
	}
	for k, s := range a.series {
		slices.SortStableFunc(s, func(x, y MetricValue) int { return x.Quarter.Compare(y.Quarter) })
		// One value per quarter: the last recorded.
		out := s[:0]
		for _, v := range s {
			if n := len(out); n > 0 && out[n-1].Quarter == v.Quarter {
				if v.At.Before(out[n-1].At) || v.At.Equal(out[n-1].At) && v.ID < out[n-1].ID {
					continue
				}
				out[n-1] = v
				continue
			}
			out = append(out, v)
		}
		a.series[k] = out
	}
	latest := map[string]*Answer{}
	for i := range ev.Answers {
		an := &ev.Answers[i]
		if !at.Until.IsZero() && !an.At.Before(at.Until) {
			continue
		}
		if p := latest[an.Criterion]; p == nil || laterAnswer(an, p) {
			latest[an.Criterion] = an
		}
	}
	from := at.Quarter.Prev().Prev()
	for i := range m.Criteria {
		c := &m.Criteria[i]
		st := CriterionStatus{Criterion: c, State: Unknown}
		d := m.index[c.Domain]
		de := &a.Domains[d]
		if c.IsCheck() {
			if an := latest[c.Key]; an != nil {
				st.State, st.Answer = an.State, an
				de.Answered = true
				if an.At.After(de.Newest) {
					de.Newest = an.At
				}
			}
		} else if s := a.series[c.Metric]; len(s) > 0 {
			de.Answered = true
			if v := &s[len(s)-1]; !v.Quarter.Before(from) {
				st.Value = v
				st.State = Unmet
				if c.satisfied(m.Metric(c.Metric), v.Value) {
					st.State = Met
				}
			}
		}
		a.Criteria[i] = st
	}
	for d, dom := range m.Domains {
		de := &a.Domains[d]
		de.Domain = dom.Key
		de.HasCriteria = m.HasCriteria(dom.Key)
		for k := 1; de.HasCriteria && k <= MaxLevel && a.allMet(d, k); k++ {
			de.Evidenced = k
		}
	}
	return a
}

// laterAnswer reports whether a was recorded after b: by time, then by id.
func laterAnswer(a, b *Answer) bool {
	if c := a.At.Compare(b.At); c != 0 {
		return c > 0
	}
	return a.ID > b.ID
}

// allMet reports whether every criterion of level k of domain d is met.
func (a *Assessment) allMet(d, k int) bool {
	met, total := a.progress(d, k)
	return total > 0 && met == total
}

// progress counts the criteria of level k of domain d that are met, and
// all of them.
func (a *Assessment) progress(d, k int) (met, total int) {
	if a == nil || k < 1 || k > MaxLevel {
		return 0, 0
	}
	r := a.Model.criteriaAt[d][k]
	for i := r[0]; i < r[1]; i++ {
		if a.Criteria[i].State == Met {
			met++
		}
	}
	return met, r[1] - r[0]
}

// Status returns where the criterion with the given key stands, or nil.
func (a *Assessment) Status(key string) *CriterionStatus {
	if i, ok := a.Model.criterionIndex[key]; ok {
		return &a.Criteria[i]
	}
	return nil
}

// Evidenced returns the domain's evidenced level and whether the model
// gives it criteria.
func (a *Assessment) Evidenced(domain string) (int, bool) {
	if d, ok := a.Model.index[domain]; ok {
		return a.Domains[d].Evidenced, a.Domains[d].HasCriteria
	}
	return 0, false
}

// Baselines returns each domain's baseline: the higher of its latest
// manual assessment and its evidenced level. It is the one place the two
// meet; the level rules climb from it.
func (a *Assessment) Baselines() map[string]int {
	out := make(map[string]int, len(a.Manual)+len(a.Domains))
	for k, v := range a.Manual {
		out[k] = v
	}
	for _, de := range a.Domains {
		if de.Evidenced > out[de.Domain] {
			out[de.Domain] = de.Evidenced
		}
	}
	return out
}

// Series returns a metric's values for quarters up to the assessment's,
// one per quarter, oldest first. The caller must not modify the result.
func (a *Assessment) Series(metric string) []MetricValue { return a.series[metric] }

// NewAssessed builds a Roadmap on the assessment's model whose baseline is
// the assessment's (Baselines), with the assessment attached for the
// warnings and views that read it.
func NewAssessed(a *Assessment, initiatives []Initiative) *Roadmap {
	r := New(a.Model, a.Baselines(), initiatives)
	r.Assessment = a
	return r
}

// ManualAt returns the latest manual assessment of each domain: the last,
// in the order given (the order they were recorded), of those recorded
// before until, or of all when until is zero.
func ManualAt(assessed []Assessed, until time.Time) map[string]int {
	out := map[string]int{}
	for _, x := range assessed {
		if until.IsZero() || x.At.Before(until) {
			out[x.Domain] = x.Level
		}
	}
	return out
}
