package roadmap

import (
	"strings"
	"testing"
	"time"
)

// day is a moment on a date, in UTC.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

func answer(id int64, key string, st CriterionState, at string) Answer {
	return Answer{ID: id, Criterion: key, State: st, At: day(at), Evidence: "evidence " + key}
}

func value(id int64, metric, quarter string, v float64) MetricValue {
	return MetricValue{ID: id, Metric: metric, Quarter: qtr(quarter), Value: v, At: day("2026-01-01").Add(time.Duration(id) * time.Minute)}
}

func smallAssessModel(t *testing.T) *Model {
	t.Helper()
	m, err := ParseModel([]byte(assessModel))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCriterionStates(t *testing.T) {
	m := smallAssessModel(t)
	const d = 86400.0
	now := AsOfToday(day("2026-08-15")) // 2026-Q3; the window is 2026-Q1..Q3
	tests := []struct {
		name string
		ev   Evidence
		at   AsOf
		key  string
		want CriterionState
	}{
		{"a check never answered is unknown", Evidence{}, now, "a1", Unknown},
		{"a check is its latest answer", Evidence{Answers: []Answer{answer(1, "a1", Met, "2026-01-01"), answer(2, "a1", Unmet, "2026-02-01")}}, now, "a1", Unmet},
		{"latest by time, whatever the order given", Evidence{Answers: []Answer{answer(2, "a1", Unmet, "2026-02-01"), answer(1, "a1", Met, "2026-03-01")}}, now, "a1", Met},
		{"at the same moment, the later id", Evidence{Answers: []Answer{answer(2, "a1", Met, "2026-02-01"), answer(1, "a1", Unmet, "2026-02-01")}}, now, "a1", Met},
		{"an answer of unknown makes it unknown", Evidence{Answers: []Answer{answer(1, "a1", Met, "2026-01-01"), answer(2, "a1", Unknown, "2026-02-01")}}, now, "a1", Unknown},
		{"at the end of a quarter, later answers do not count", Evidence{Answers: []Answer{answer(1, "a1", Met, "2026-03-31"), answer(2, "a1", Unmet, "2026-04-01")}}, AsOfEnd(qtr("2026-Q1")), "a1", Met},
		{"a metric without a value is unknown", Evidence{}, now, "a2", Unknown},
		{"a metric value in the current quarter that meets the threshold", Evidence{Values: []MetricValue{value(1, "lead", "2026-Q3", 3*d)}}, now, "a2", Met},
		{"one that does not", Evidence{Values: []MetricValue{value(1, "lead", "2026-Q3", 4*d)}}, now, "a2", Unmet},
		{"the latest quarter with a value counts", Evidence{Values: []MetricValue{value(1, "lead", "2026-Q1", 1*d), value(2, "lead", "2026-Q2", 5*d)}}, now, "a2", Unmet},
		{"two quarters back is still in the window", Evidence{Values: []MetricValue{value(1, "lead", "2026-Q1", 1*d)}}, now, "a2", Met},
		{"three quarters back is not", Evidence{Values: []MetricValue{value(1, "lead", "2025-Q4", 1*d)}}, now, "a2", Unknown},
		{"a later quarter's value does not count", Evidence{Values: []MetricValue{value(1, "lead", "2026-Q4", 1*d)}}, now, "a2", Unknown},
		{"a value recorded again for a quarter replaces it", Evidence{Values: []MetricValue{value(1, "lead", "2026-Q3", 1*d), value(2, "lead", "2026-Q3", 9*d)}}, now, "a2", Unmet},
		{"at the end of a quarter, values of later quarters do not count", Evidence{Values: []MetricValue{value(1, "lead", "2026-Q1", 1*d), value(2, "lead", "2026-Q2", 9*d)}}, AsOfEnd(qtr("2026-Q1")), "a2", Met},
		{"at the end of a quarter, a value typed later still counts for its quarter", Evidence{Values: []MetricValue{{ID: 1, Metric: "lead", Quarter: qtr("2026-Q1"), Value: d, At: day("2026-09-01")}}}, AsOfEnd(qtr("2026-Q1")), "a2", Met},
		{"an at-least threshold is met at the threshold", Evidence{Values: []MetricValue{value(1, "survey", "2026-Q3", 4)}}, now, "a3", Met},
		{"and not below it", Evidence{Values: []MetricValue{value(1, "survey", "2026-Q3", 3.999)}}, now, "a3", Unmet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := tt.ev
			a := m.Assess(nil, &ev, tt.at)
			if got := a.Status(tt.key).State; got != tt.want {
				t.Errorf("%s is %s, want %s", tt.key, got, tt.want)
			}
		})
	}
}

func TestEvidencedLevels(t *testing.T) {
	m := smallAssessModel(t)
	now := AsOfToday(day("2026-08-15"))
	all := []Answer{answer(1, "a1", Met, "2026-01-01"), answer(2, "a4", Met, "2026-01-01")}
	values := []MetricValue{value(1, "lead", "2026-Q3", 86400), value(2, "survey", "2026-Q3", 4.5)}
	tests := []struct {
		name   string
		ev     Evidence
		manual map[string]int
		want   int // evidenced level of a
		base   int // a's baseline
	}{
		{"nothing recorded", Evidence{}, nil, 0, 0},
		{"every criterion met", Evidence{Answers: all, Values: values}, nil, 4, 4},
		{"met at 1 only", Evidence{Answers: all[:1]}, nil, 1, 1},
		{"met at 3 but not 2 means 1", Evidence{Answers: all, Values: values[1:]}, nil, 1, 1},
		{"met at 2 to 4 but not 1 means 0", Evidence{Answers: all[1:], Values: values}, nil, 0, 0},
		{"a manual assessment above the evidence is the baseline", Evidence{Answers: all[:1]}, map[string]int{"a": 3}, 1, 3},
		{"evidence above a manual assessment is the baseline", Evidence{Answers: all, Values: values}, map[string]int{"a": 2}, 4, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := tt.ev
			a := m.Assess(tt.manual, &ev, now)
			got, has := a.Evidenced("a")
			if got != tt.want || !has {
				t.Errorf("evidenced %d (criteria %v), want %d", got, has, tt.want)
			}
			if b := a.Baselines()["a"]; b != tt.base {
				t.Errorf("baseline %d, want %d", b, tt.base)
			}
			if _, has := a.Evidenced("b"); has {
				t.Error("b has no criteria but says it has")
			}
			r := NewAssessed(a, nil)
			if lv := r.Levels(); lv[0] != tt.base {
				t.Errorf("level of a %d, want the baseline %d", lv[0], tt.base)
			}
			st := r.State().Domains[0]
			if st.Evidenced != tt.want || !st.HasCriteria || st.Baseline != tt.base {
				t.Errorf("state %+v", st)
			}
			if st.Next != 0 && (st.Criteria != 1 || st.CriteriaMet > 1) {
				t.Errorf("progress toward %d: %d/%d", st.Next, st.CriteriaMet, st.Criteria)
			}
		})
	}
}

func TestManualAt(t *testing.T) {
	as := []Assessed{{"a", 1, day("2026-01-01")}, {"a", 3, day("2026-05-01")}, {"b", 2, day("2026-02-01")}}
	mustEqual(t, "now", ManualAt(as, time.Time{}), map[string]int{"a": 3, "b": 2})
	mustEqual(t, "end of Q1", ManualAt(as, AsOfEnd(qtr("2026-Q1")).Until), map[string]int{"a": 1, "b": 2})
	mustEqual(t, "end of 2025", ManualAt(as, AsOfEnd(qtr("2025-Q4")).Until), map[string]int{})
}

func TestAsOfEnd(t *testing.T) {
	at := AsOfEnd(qtr("2026-Q4"))
	mustEqual(t, "quarter", at.Quarter, qtr("2026-Q4"))
	mustEqual(t, "today", at.Today.Format(time.DateOnly), "2026-12-31")
	if !at.Until.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, time.Local)) {
		t.Errorf("until %v", at.Until)
	}
}

// assessedRoadmap is the default model with the evidence and levels given.
func assessedRoadmap(manual map[string]int, ev Evidence, at AsOf, ins ...Initiative) *Roadmap {
	return NewAssessed(testModel.Assess(manual, &ev, at), ins)
}

func TestEvidenceWarnings(t *testing.T) {
	now := AsOfToday(day("2026-08-15"))
	metWithEvidence := func(id int64, key, at string) Answer { return answer(id, key, Met, at) }
	tests := []struct {
		name   string
		r      *Roadmap
		stale  int // StaleAfter; 0 for the default
		want   []string
		absent []string // codes that must not appear
	}{
		{name: "a level assessed by hand whose criteria are not met",
			r: assessedRoadmap(map[string]int{"standardization": 2},
				Evidence{Answers: []Answer{metWithEvidence(1, "std-1-config-in-git", "2026-08-01"), answer(2, "std-2-service-templates", Unmet, "2026-08-01")},
					Values: []MetricValue{value(3, "environment-drift", "2026-Q3", 30)}}, now),
			want: []string{"warning level-unevidenced standardization: standardization has reached 2 Templated, but its criteria support 0 Ad-Hoc: " +
				"std-1-reviewed-changes (level 1) is unknown (never answered); std-2-service-templates (level 2) is unmet; " +
				"std-2-shared-toolchain (level 2) is unknown (never answered); std-2-drift (level 2) is unmet (30% in 2026-Q3, want at most 20%)"}},
		{name: "a level reached by initiatives is held to its criteria too",
			r: assessedRoadmap(nil, Evidence{Answers: []Answer{metWithEvidence(1, "std-1-config-in-git", "2026-08-01")}}, now,
				ini(1, "standardization", 1, Done, "2026-Q2")),
			want: []string{"warning level-unevidenced standardization: standardization has reached 1 Version-Controlled, but its criteria support 0 Ad-Hoc: " +
				"std-1-reviewed-changes (level 1) is unknown (never answered)"}},
		{name: "a domain whose assessment has not begun gets none",
			r: assessedRoadmap(map[string]int{"governance": 2}, Evidence{}, now), absent: []string{CodeLevelUnevidenced, CodeAssessmentStale}},
		{name: "nor does one whose reached levels are all evidenced",
			r: assessedRoadmap(map[string]int{"standardization": 1},
				Evidence{Answers: []Answer{metWithEvidence(1, "std-1-config-in-git", "2026-08-01"), metWithEvidence(2, "std-1-reviewed-changes", "2026-08-01")}}, now),
			absent: []string{CodeLevelUnevidenced}},
		{name: "a metric in a worse band than the quarter before",
			r:    assessedRoadmap(nil, Evidence{Values: []MetricValue{value(1, "deployment-frequency", "2026-Q1", 2.0/7), value(2, "deployment-frequency", "2026-Q3", 3.0/30)}}, now),
			want: []string{"warning metric-regressed metric deployment-frequency: deployment-frequency fell from high to medium: 3/month in 2026-Q3, after 2/week in 2026-Q1"}},
		{name: "a better band is no regression, nor the same band",
			r: assessedRoadmap(nil, Evidence{Values: []MetricValue{value(1, "change-lead-time", "2026-Q1", 5*86400), value(2, "change-lead-time", "2026-Q2", 3600),
				value(3, "change-fail-rate", "2026-Q2", 11), value(4, "change-fail-rate", "2026-Q3", 14.9)}}, now),
			absent: []string{CodeMetricRegressed}},
		{name: "a metric without bands 25% worse",
			r: assessedRoadmap(nil, Evidence{Values: []MetricValue{value(1, "automation-coverage", "2026-Q2", 60), value(2, "automation-coverage", "2026-Q3", 45),
				value(3, "provisioning-time", "2026-Q2", 4*3600), value(4, "provisioning-time", "2026-Q3", 4.9*3600),
				value(5, "critical-outages", "2026-Q2", 0), value(6, "critical-outages", "2026-Q3", 1)}}, now),
			want: []string{"warning metric-regressed metric automation-coverage: automation-coverage got 25% worse: 45% in 2026-Q3, after 60% in 2026-Q2",
				"warning metric-regressed metric critical-outages: critical-outages got worse: 1 in 2026-Q3, after 0 in 2026-Q2"}},
		{name: "a value of a later quarter is not the latest",
			r:      assessedRoadmap(nil, Evidence{Values: []MetricValue{value(1, "automation-coverage", "2026-Q3", 60), value(2, "automation-coverage", "2026-Q4", 10)}}, now),
			absent: []string{CodeMetricRegressed}},
		{name: "a domain answered more than 120 days ago",
			r:    assessedRoadmap(nil, Evidence{Answers: []Answer{answer(1, "gov-1-periodic-audit", Met, "2026-04-16"), answer(2, "obs-1-alerting", Met, "2026-04-17")}}, now),
			want: []string{"warning assessment-stale governance: governance's criteria were last answered on 2026-04-16, 121 days ago (more than 120)"}},
		{name: "--stale-after moves the line",
			r: assessedRoadmap(nil, Evidence{Answers: []Answer{answer(1, "gov-1-periodic-audit", Met, "2026-08-01")}}, now), stale: 10,
			want: []string{"warning assessment-stale governance: governance's criteria were last answered on 2026-08-01, 14 days ago (more than 10)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.stale != 0 {
				tt.r.Assessment.StaleAfter = tt.stale
			}
			var got []string
			for _, w := range tt.r.Check(now.Quarter) {
				if w.Subject.Kind != SubjectInitiative {
					got = append(got, w.Severity.String()+" "+w.Code+" "+subjectText(w.Subject)+": "+w.Message())
				}
			}
			if tt.want != nil {
				mustEqual(t, "warnings", got, tt.want)
			}
			for _, code := range tt.absent {
				for _, g := range got {
					if strings.Contains(g, " "+code+" ") {
						t.Errorf("unexpected %s", g)
					}
				}
			}
		})
	}
}

func subjectText(s Subject) string {
	if s.Kind == SubjectMetric {
		return "metric " + s.Key
	}
	return s.Key
}

func TestStateText(t *testing.T) {
	m := smallAssessModel(t)
	ev := Evidence{Answers: []Answer{answer(1, "a1", Met, "2026-01-01")}, Values: []MetricValue{value(1, "lead", "2026-Q2", 86400*4)}}
	a := m.Assess(nil, &ev, AsOfToday(day("2026-08-15")))
	mustEqual(t, "a1", a.StateText(a.Status("a1")), "met")
	mustEqual(t, "a2", a.StateText(a.Status("a2")), "unmet (4d in 2026-Q2, want at most 3d)")
	mustEqual(t, "a3", a.StateText(a.Status("a3")), "unknown (no value from 2026-Q1 to 2026-Q3)")
	mustEqual(t, "a4", a.StateText(a.Status("a4")), "unknown (never answered)")
	mustEqual(t, "marks", Met.Mark()+Unmet.Mark()+Unknown.Mark(), "✓✗?")
	for _, s := range []string{"met", " UNMET ", "unknown"} {
		if _, err := ParseCriterionState(s); err != nil {
			t.Error(err)
		}
	}
	if _, err := ParseCriterionState("done"); errText(err) != `invalid state "done": want met, unmet or unknown` {
		t.Errorf("ParseCriterionState(done): %v", err)
	}
}

func TestLevelDatesCountEvidence(t *testing.T) {
	ev := Evidence{Answers: []Answer{answer(1, "std-1-config-in-git", Met, "2026-03-02"), answer(2, "std-1-reviewed-changes", Met, "2026-05-04")}}
	r := assessedRoadmap(map[string]int{"standardization": 0}, ev, AsOfToday(day("2026-08-15")))
	dates := r.LevelDates([]Assessed{{"standardization", 0, day("2026-06-01")}}, r.Project(qtr("2026-Q3")))
	ld := dates[0][1]
	if !ld.Reached || !ld.Assessed || ld.At.Format(time.DateOnly) != "2026-05-04" {
		t.Errorf("standardization 1: %+v", ld)
	}
	if lv := r.Levels(); lv[0] != 1 {
		t.Errorf("levels %v", lv)
	}
}

func TestProgressSentences(t *testing.T) {
	ev := Evidence{Answers: []Answer{answer(1, "std-1-config-in-git", Met, "2026-03-02"), answer(2, "std-1-reviewed-changes", Met, "2026-05-04"),
		answer(3, "std-2-service-templates", Met, "2026-05-04")}}
	r := assessedRoadmap(nil, ev, AsOfToday(day("2026-08-15")))
	st := r.State().Domains[0]
	mustEqual(t, "criteria", st.CriteriaText(), "criteria 1/3 met")
	mustEqual(t, "evidenced", r.Model.EvidencedText(st), "evidenced 1 (Version-Controlled)")
	mustEqual(t, "without criteria", DomainState{}.CriteriaText()+testModel.EvidencedText(DomainState{}), "")
}

func TestEvidenceText(t *testing.T) {
	ev := Evidence{Answers: []Answer{answer(1, "auto-1-scripted-provisioning", Met, "2026-03-02")},
		Values: []MetricValue{value(1, "automation-coverage", "2026-Q3", 60)}}
	r := assessedRoadmap(map[string]int{"standardization": 1}, ev, AsOfToday(day("2026-08-15")))
	st := r.State()
	mustEqual(t, "automation", r.Model.EvidenceText(st.Domains[1]), "evidenced 1 (Scripted), criteria 1/3 met for 2 (Self-Service)")
	top := assessedRoadmap(map[string]int{"standardization": 4}, Evidence{}, AsOfToday(day("2026-08-15"))).State()
	mustEqual(t, "at the top", r.Model.EvidenceText(top.Domains[0]), "evidenced 0 (Ad-Hoc)")
}

func TestDemoEvidenceShowsEveryWarningOfTheEvidence(t *testing.T) {
	for _, today := range []time.Time{day("2026-10-01"), day("2026-11-15"), day("2027-03-31")} {
		q := QuarterOf(today)
		ev := DemoEvidence(today)
		for _, a := range ev.Answers {
			if a.At.After(today) {
				t.Errorf("%s: answer to %s dated %v, after today", today.Format(time.DateOnly), a.Criterion, a.At)
			}
		}
		quarters := map[Quarter]bool{}
		for _, a := range ev.Answers {
			quarters[QuarterOf(a.At)] = true
		}
		if len(quarters) != 3 {
			t.Errorf("%s: answers in %d quarters, want 3", today.Format(time.DateOnly), len(quarters))
		}
		r := assessedRoadmap(nil, ev, AsOfToday(today), Demo(q)...)
		var got []string
		for _, w := range r.Check(q) {
			if w.Subject.Kind != SubjectInitiative {
				got = append(got, w.Code+" "+w.Subject.Key)
			}
		}
		mustEqual(t, today.Format(time.DateOnly)+" warnings", got,
			[]string{"level-unevidenced standardization", "assessment-stale governance", "metric-regressed deployment-frequency"})
		if n := len(r.Assessment.Series("change-lead-time")); n != 6 {
			t.Errorf("%d quarters of lead time, want 6", n)
		}
	}
}

// Criterion names the first criterion not met of a level its criteria do
// not support, and nothing for any other warning.
func TestWarningCriterion(t *testing.T) {
	now := AsOfToday(day("2026-08-15"))
	r := assessedRoadmap(map[string]int{"standardization": 2},
		Evidence{Answers: []Answer{answer(1, "std-1-config-in-git", Met, "2026-08-01"), answer(2, "std-1-reviewed-changes", Met, "2026-08-01"),
			answer(3, "std-2-service-templates", Met, "2026-08-01"), answer(4, "gov-1-periodic-audit", Met, "2026-01-01")}}, now)
	seen := map[string]string{}
	for _, w := range r.Check(now.Quarter) {
		seen[w.Code] = w.Criterion()
	}
	mustEqual(t, "criteria", seen, map[string]string{CodeLevelUnevidenced: "std-2-shared-toolchain", CodeAssessmentStale: ""})
}
