package roadmap

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// evidenceFacts are the particulars of the warnings the evidence gives.
type evidenceFacts struct {
	a *Assessment
	// level-unevidenced: the domain, its level reached, and its criteria
	// of levels up to it that are not met.
	domain  string
	reached int
	missing []*CriterionStatus
	// metric-regressed: the metric, its latest value and the one of the
	// quarter before that has one.
	metric       *Metric
	latest, prev MetricValue
	// assessment-stale: the newest answer and how many days before today.
	newest time.Time
	days   int
}

// regressed is how much worse, as a share of the earlier value, a metric
// without bands must get for metric-regressed.
const regressed = 0.25

// warnings finds what the evidence contradicts or lacks, given the levels
// reached now: levels counted as reached whose criteria are not all met
// (for domains whose assessment has begun: an answer, or a value of a
// metric their criteria read), metrics whose latest value is worse than
// the quarter before, and domains whose newest answer is older than
// StaleAfter days.
func (a *Assessment) warnings(now Levels) []Warning {
	m := a.Model
	var out []Warning
	for d, de := range a.Domains {
		subject := Subject{Kind: SubjectDomain, Key: de.Domain}
		if de.HasCriteria && de.Answered {
			f := &evidenceFacts{a: a, domain: de.Domain, reached: now[d]}
			for k := 1; k <= now[d]; k++ {
				r := m.criteriaAt[d][k]
				for i := r[0]; i < r[1]; i++ {
					if st := &a.Criteria[i]; st.State != Met {
						f.missing = append(f.missing, st)
					}
				}
			}
			if len(f.missing) > 0 {
				out = append(out, Warning{Code: CodeLevelUnevidenced, Severity: SeverityWarning, Subject: subject, facts: facts{m: m, ev: f}})
			}
		}
		if !de.Newest.IsZero() {
			if days := daysBetween(de.Newest, a.At.Today); days > a.StaleAfter {
				out = append(out, Warning{Code: CodeAssessmentStale, Severity: SeverityWarning, Subject: subject,
					facts: facts{m: m, ev: &evidenceFacts{a: a, domain: de.Domain, newest: de.Newest, days: days}}})
			}
		}
	}
	for i := range m.Metrics {
		x := &m.Metrics[i]
		s := a.series[x.Key]
		if len(s) < 2 {
			continue
		}
		latest, prev := s[len(s)-1], s[len(s)-2]
		if worse(x, latest.Value, prev.Value) {
			out = append(out, Warning{Code: CodeMetricRegressed, Severity: SeverityWarning,
				Subject: Subject{Kind: SubjectMetric, Key: x.Key},
				facts:   facts{m: m, ev: &evidenceFacts{a: a, metric: x, latest: latest, prev: prev}}})
		}
	}
	return out
}

// worse reports whether now is worse than before: in a worse band when
// both are in one, else worse by at least a quarter of before.
func worse(x *Metric, now, before float64) bool {
	if bn, bb := x.Band(now), x.Band(before); bn >= 0 && bb >= 0 {
		return bn > bb
	}
	if !x.Better(before, now) {
		return false
	}
	return math.Abs(now-before) >= regressed*math.Abs(before)
}

// daysBetween counts the calendar days from the date of t (in the local
// time zone) to the date of today (as given).
func daysBetween(t, today time.Time) int {
	t = t.Local()
	from := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	to := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	return int(to.Sub(from).Hours() / 24)
}

// text writes the warning's sentence.
func (f *evidenceFacts) text(m *Model, code string) string {
	switch code {
	case CodeLevelUnevidenced:
		var b strings.Builder
		ev, _ := f.a.Evidenced(f.domain)
		b.WriteString(f.domain + " has reached " + strconv.Itoa(f.reached) + " " + m.LevelName(f.domain, f.reached) +
			", but its criteria support " + strconv.Itoa(ev) + " " + m.LevelName(f.domain, ev) + ": ")
		parts := make([]string, len(f.missing))
		for i, st := range f.missing {
			parts[i] = st.Criterion.Key + " (level " + strconv.Itoa(st.Criterion.Level) + ") is " + f.a.StateText(st)
		}
		b.WriteString(strings.Join(parts, "; "))
		return b.String()
	case CodeMetricRegressed:
		x := f.metric
		now := x.Format(f.latest.Value) + " in " + f.latest.Quarter.String()
		before := x.Format(f.prev.Value) + " in " + f.prev.Quarter.String()
		if bn, bb := x.Band(f.latest.Value), x.Band(f.prev.Value); bn >= 0 && bb >= 0 {
			return x.Key + " fell from " + x.Bands.Table[bb].Name + " to " + x.Bands.Table[bn].Name + ": " + now + ", after " + before
		}
		if f.prev.Value == 0 {
			return x.Key + " got worse: " + now + ", after " + before
		}
		pct := math.Round(math.Abs(f.latest.Value-f.prev.Value) / math.Abs(f.prev.Value) * 100)
		return x.Key + " got " + strconv.FormatFloat(pct, 'f', -1, 64) + "% worse: " + now + ", after " + before
	case CodeAssessmentStale:
		return f.domain + "'s criteria were last answered on " + f.newest.Local().Format(time.DateOnly) + ", " +
			strconv.Itoa(f.days) + " days ago (more than " + strconv.Itoa(f.a.StaleAfter) + ")"
	}
	return code
}

// StateText says where a criterion stands and why: "met", "unmet",
// "unknown (never answered)", "unmet (3d in 2026-Q3, want at most 1d)",
// "unknown (no value from 2026-Q1 to 2026-Q3)".
func (a *Assessment) StateText(st *CriterionStatus) string {
	s := string(st.State)
	c := st.Criterion
	switch {
	case c.IsCheck() && st.Answer == nil:
		return s + " (never answered)"
	case c.IsCheck():
		return s
	case st.Value == nil:
		return s + " (no value from " + a.At.Quarter.Prev().Prev().String() + " to " + a.At.Quarter.String() + ")"
	}
	x := a.Model.Metric(c.Metric)
	return s + " (" + x.Format(st.Value.Value) + " in " + st.Value.Quarter.String() + ", want " + string(c.Op) + " " + x.Format(c.Threshold) + ")"
}

// Criterion returns the key of the criterion a level-unevidenced warning
// points at: the first of its domain's criteria not met, which is of the
// lowest level its criteria do not support. It is empty for any other
// warning.
func (w Warning) Criterion() string {
	if f := w.facts.ev; w.Code == CodeLevelUnevidenced && f != nil && len(f.missing) > 0 {
		return f.missing[0].Criterion.Key
	}
	return ""
}
