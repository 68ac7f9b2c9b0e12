package roadmap

import (
	"fmt"
	"strings"
	"testing"
)

// warningLines renders warnings compactly for comparison.
func warningLines(ws []Warning) []string {
	var out []string
	for _, w := range ws {
		subject := fmt.Sprintf("#%d", w.Subject.ID())
		if w.Subject.Kind != SubjectInitiative {
			subject = w.Subject.Kind.String() + " " + w.Subject.Key
		}
		out = append(out, fmt.Sprintf("%s %s %s: %s", w.Severity, w.Code, subject, w.Message()))
	}
	return out
}

func TestCheckCodes(t *testing.T) {
	tests := []struct {
		name     string
		today    string
		baseline map[string]int
		ins      []Initiative
		want     []string
	}{
		{name: "prerequisite-late: a cross-domain prerequisite is reached only in a later quarter", today: "2026-Q1",
			ins: []Initiative{
				titled(ini(1, "automation", 1, Planned, "2026-Q2"), "Script deploys"),
				titled(ini(2, "standardization", 1, Planned, "2026-Q3"), "Put infra in Git"),
			},
			want: []string{`error prerequisite-late #1: #1 "Script deploys" (automation 1 Scripted, 2026-Q2) needs standardization ≥ 1 (Version-Controlled), which the plan reaches only in 2026-Q3`}},
		{name: "prerequisite-late: the previous level of its own domain is reached only in a later quarter", today: "2026-Q1",
			ins: []Initiative{
				titled(ini(1, "standardization", 2, InProgress, "2026-Q2"), "Templates"),
				ini(2, "standardization", 1, Planned, "2026-Q4"),
			},
			want: []string{`error prerequisite-late #1: #1 "Templates" (standardization 2 Templated, 2026-Q2) needs standardization ≥ 1 (Version-Controlled), which the plan reaches only in 2026-Q4`}},
		{name: "prerequisite-unplanned: no quarter reaches a cross-domain prerequisite", today: "2026-Q1",
			ins: []Initiative{
				titled(ini(1, "automation", 1, Planned, "2026-Q2"), "Script deploys"),
				ini(2, "standardization", 1, Planned, ""), // in the backlog
			},
			want: []string{`error prerequisite-unplanned #1: #1 "Script deploys" (automation 1 Scripted, 2026-Q2) needs standardization ≥ 1 (Version-Controlled), which no quarter of the plan reaches: #2 "Initiative 2" is in the backlog`}},
		{name: "prerequisite-unplanned: no initiative targets the previous level of its own domain", today: "2026-Q1",
			ins:  []Initiative{titled(ini(1, "observability", 2, Planned, "2026-Q2"), "Central logs")},
			want: []string{`error prerequisite-unplanned #1: #1 "Central logs" (observability 2 Centralized, 2026-Q2) needs observability ≥ 1 (Metrics), which no quarter of the plan reaches: no initiative targets it`}},
		{name: "prerequisite-same-quarter: a prerequisite is reached only in the same quarter", today: "2026-Q1",
			ins: []Initiative{
				titled(ini(1, "automation", 1, Planned, "2026-Q2"), "Script deploys"),
				ini(2, "standardization", 1, Planned, "2026-Q2"),
			},
			want: []string{`warning prerequisite-same-quarter #1: #1 "Script deploys" (automation 1 Scripted, 2026-Q2) needs standardization ≥ 1 (Version-Controlled), which the plan reaches only in the same quarter`}},
		{name: "dependency-late: a dependency is scheduled in a later quarter", today: "2026-Q1",
			ins: []Initiative{
				titled(ini(1, "standardization", 1, Planned, "2026-Q2", 2), "Put infra in Git"),
				titled(ini(2, "observability", 1, Planned, "2026-Q3"), "Metrics"),
			},
			want: []string{`error dependency-late #1: #1 "Put infra in Git" (2026-Q2) depends on #2 "Metrics", which is scheduled later, in 2026-Q3`}},
		{name: "dependency-late: a dependency is unfinished and in the backlog", today: "2026-Q1",
			ins: []Initiative{
				titled(ini(1, "standardization", 1, InProgress, "2026-Q2", 2), "Put infra in Git"),
				titled(ini(2, "observability", 1, InProgress, ""), "Metrics"),
			},
			want: []string{`error dependency-late #1: #1 "Put infra in Git" (2026-Q2) depends on #2 "Metrics", which is unfinished and not scheduled`}},
		{name: "dependency-dropped: a scheduled initiative depends on a dropped one", today: "2026-Q1",
			ins: []Initiative{
				titled(ini(1, "standardization", 1, Planned, "2026-Q2", 2), "Put infra in Git"),
				titled(ini(2, "observability", 1, Dropped, "2026-Q1"), "Metrics"),
			},
			want: []string{`error dependency-dropped #1: #1 "Put infra in Git" depends on #2 "Metrics", which was dropped`}},
		{name: "dependency-dropped: a backlog initiative depends on a dropped one", today: "2026-Q1",
			ins: []Initiative{
				titled(ini(1, "standardization", 1, InProgress, "", 2), "Put infra in Git"),
				titled(ini(2, "observability", 1, Dropped, ""), "Metrics"),
			},
			want: []string{`error dependency-dropped #1: #1 "Put infra in Git" depends on #2 "Metrics", which was dropped`}},
		{name: "overdue: a planned initiative's quarter has passed", today: "2026-Q3",
			ins:  []Initiative{titled(ini(1, "standardization", 1, Planned, "2026-Q2"), "Put infra in Git")},
			want: []string{`warning overdue #1: #1 "Put infra in Git" is still planned, but its quarter 2026-Q2 has passed`}},
		{name: "overdue: an in-progress initiative's quarter has passed", today: "2027-Q1",
			ins:  []Initiative{titled(ini(1, "standardization", 1, InProgress, "2026-Q4"), "Put infra in Git")},
			want: []string{`warning overdue #1: #1 "Put infra in Git" is still in-progress, but its quarter 2026-Q4 has passed`}},
		{name: "unmet-prerequisite: done although a cross-domain prerequisite is not reached", today: "2026-Q1",
			ins:  []Initiative{titled(ini(1, "automation", 1, Done, "2026-Q1"), "Script deploys")},
			want: []string{`error unmet-prerequisite #1: #1 "Script deploys" (automation 1 Scripted) is done but requires standardization ≥ 1 (Version-Controlled), now 0 (Ad-Hoc)`}},
		{name: "unmet-prerequisite: one warning per unmet prerequisite", today: "2026-Q1",
			baseline: map[string]int{"automation": 2, "governance": 1, "standardization": 2},
			ins:      []Initiative{titled(ini(7, "automation", 3, Done, ""), "Adopt Argo CD")},
			want: []string{
				`error unmet-prerequisite #7: #7 "Adopt Argo CD" (automation 3 GitOps) is done but requires governance ≥ 2 (Static Checks), now 1 (Audits)`,
				`error unmet-prerequisite #7: #7 "Adopt Argo CD" (automation 3 GitOps) is done but requires observability ≥ 2 (Centralized), now 0 (Log Files)`,
			}},

		// The negative cases.
		{name: "a backlog initiative gets no schedule warnings", today: "2026-Q3",
			ins: []Initiative{
				ini(1, "automation", 3, Planned, "", 2, 3), // prerequisites unplanned, dependencies later and unscheduled
				ini(2, "governance", 1, Planned, "2027-Q1"),
				ini(3, "governance", 1, Planned, ""),
			}},
		{name: "a done initiative gets no schedule warnings", today: "2027-Q1",
			baseline: map[string]int{"standardization": 2, "governance": 1, "automation": 1},
			ins: []Initiative{
				ini(1, "automation", 2, Done, "2026-Q1", 3), // overdue quarter, a done dependency
				ini(3, "observability", 1, Done, "2027-Q4"),
			}},
		{name: "dependency-unfinished: a done initiative depends on one that is not done", today: "2027-Q1",
			baseline: map[string]int{"standardization": 2, "governance": 1, "automation": 1},
			ins: []Initiative{
				titled(ini(1, "automation", 2, Done, "2026-Q1", 2, 3), "Self-service"),
				ini(2, "governance", 1, Dropped, ""),
				ini(3, "observability", 1, InProgress, "2027-Q4"),
			},
			want: []string{
				`error dependency-unfinished #1: #1 "Self-service" is done but depends on #2 "Initiative 2", which is dropped`,
				`error dependency-unfinished #1: #1 "Self-service" is done but depends on #3 "Initiative 3", which is in-progress`,
			}},
		{name: "dependency-unknown: a dependency on an initiative that does not exist", today: "2026-Q1",
			ins:  []Initiative{ini(1, "standardization", 1, Done, "2026-Q2", 99)},
			want: []string{`error dependency-unknown #1: #1 "Initiative 1" depends on #99, which does not exist`}},
		{name: "dependency-cycle: dependencies that lead back, whatever the statuses", today: "2026-Q1",
			ins: []Initiative{ini(1, "standardization", 1, Done, "", 2), ini(2, "standardization", 1, Done, "", 1), ini(3, "governance", 1, Done, "", 3)},
			want: []string{
				`error dependency-cycle #1: #1 "Initiative 1" depends on #2 "Initiative 2", which depends on #1 "Initiative 1"`,
				`error dependency-cycle #2: #2 "Initiative 2" depends on #1 "Initiative 1", which depends on #2 "Initiative 2"`,
				`error dependency-cycle #3: #3 "Initiative 3" depends on #3 "Initiative 3"`,
			}},
		{name: "deadlock: a plan that can never finish, on each initiative of the loop", today: "2026-Q4",
			baseline: map[string]int{"standardization": 1, "automation": 1, "governance": 1, "observability": 1},
			ins: []Initiative{
				ini(1, "standardization", 2, Planned, "2027-Q1"),
				titled(ini(2, "automation", 2, Planned, "2027-Q2"), "Self-service envs"),
				titled(ini(3, "standardization", 2, Planned, "2027-Q2", 2), "Template docs"),
			},
			want: []string{
				`error deadlock #2: #2 "Self-service envs" needs standardization ≥ 2 (Templated), which waits for #3 "Template docs", which waits for #2 "Self-service envs"`,
				`error deadlock #3: #3 "Template docs" waits for #2 "Self-service envs", which needs standardization ≥ 2 (Templated), which waits for #3 "Template docs"`,
			}},
		{name: "deadlock: what waits on a deadlock from outside it is unplanned, and says why", today: "2026-Q4",
			baseline: map[string]int{"standardization": 1, "automation": 1, "governance": 1, "observability": 1},
			ins: []Initiative{
				ini(2, "automation", 2, Planned, "2027-Q2"),
				ini(3, "standardization", 2, Planned, "2027-Q2", 2),
				ini(4, "observability", 3, Planned, "2027-Q3"),
				ini(5, "observability", 2, Done, ""),
			},
			want: []string{
				`error deadlock #2: #2 "Initiative 2" needs standardization ≥ 2 (Templated), which waits for #3 "Initiative 3", which waits for #2 "Initiative 2"`,
				`error deadlock #3: #3 "Initiative 3" waits for #2 "Initiative 2", which needs standardization ≥ 2 (Templated), which waits for #3 "Initiative 3"`,
				`error prerequisite-unplanned #4: #4 "Initiative 4" (observability 3 Cross-Service, 2027-Q3) needs standardization ≥ 2 (Templated), which no quarter of the plan reaches: it waits on a deadlock`,
			}},
		{name: "dependency-deadlocked: work outside a loop that depends on work in or behind one", today: "2026-Q4",
			baseline: map[string]int{"standardization": 1, "automation": 1, "governance": 1, "observability": 1},
			ins: []Initiative{
				ini(2, "automation", 2, Planned, "2027-Q2"),
				ini(3, "standardization", 2, Planned, "2027-Q2", 2),
				ini(4, "governance", 1, Planned, "2027-Q3", 3),
				ini(5, "observability", 1, Planned, "", 4),
			},
			want: []string{
				`error deadlock #2: #2 "Initiative 2" needs standardization ≥ 2 (Templated), which waits for #3 "Initiative 3", which waits for #2 "Initiative 2"`,
				`error deadlock #3: #3 "Initiative 3" waits for #2 "Initiative 2", which needs standardization ≥ 2 (Templated), which waits for #3 "Initiative 3"`,
				`error dependency-deadlocked #4: #4 "Initiative 4" depends on #3 "Initiative 3", which is in a deadlock`,
				`error dependency-deadlocked #5: #5 "Initiative 5" depends on #4 "Initiative 4", which waits on a deadlock`,
			}},
		{name: "assessment-inconsistent: an assessed level whose prerequisites are not reached", today: "2026-Q1",
			baseline: map[string]int{"automation": 3, "governance": 1, "observability": 1, "standardization": 2},
			want:     []string{`warning assessment-inconsistent domain automation: automation is assessed at 3 GitOps, but GitOps requires governance ≥ 2 (Static Checks), now 1 (Audits); observability ≥ 2 (Centralized), now 1 (Metrics)`}},
		{name: "assessment-inconsistent: the levels below the assessed one count too", today: "2026-Q1",
			baseline: map[string]int{"automation": 2, "governance": 1},
			want:     []string{`warning assessment-inconsistent domain automation: automation is assessed at 2 Self-Service, but Self-Service requires standardization ≥ 2 (Templated), now 0 (Ad-Hoc); Scripted requires standardization ≥ 1 (Version-Controlled), now 0 (Ad-Hoc)`}},
		{name: "a dropped initiative gets no warnings at all", today: "2027-Q1",
			ins: []Initiative{
				ini(1, "automation", 4, Dropped, "2026-Q1", 2), // unmet, unplanned, overdue, dropped dependency
				ini(2, "governance", 1, Dropped, ""),
			}},
		{name: "a prerequisite reached now gives no warning", today: "2026-Q1",
			baseline: map[string]int{"standardization": 1},
			ins:      []Initiative{ini(1, "automation", 1, Planned, "2026-Q1")}},
		{name: "a prerequisite reached in an earlier quarter gives no warning", today: "2026-Q1",
			ins: []Initiative{ini(1, "automation", 1, Planned, "2026-Q3"), ini(2, "standardization", 1, Planned, "2026-Q2")}},
		{name: "level 1 of a domain without cross-domain rules needs nothing", today: "2026-Q1",
			ins: []Initiative{ini(1, "observability", 1, Planned, "2026-Q2")}},
		{name: "a dependency in the same quarter is not late", today: "2026-Q1",
			ins: []Initiative{ini(1, "standardization", 1, Planned, "2026-Q2", 2), ini(2, "observability", 1, Planned, "2026-Q2")}},
		{name: "a dependency in an earlier quarter is not late", today: "2026-Q1",
			ins: []Initiative{ini(1, "standardization", 1, Planned, "2026-Q2", 2), ini(2, "observability", 1, Planned, "2026-Q1")}},
		{name: "a done dependency is not late even if scheduled later or unscheduled", today: "2026-Q1",
			ins: []Initiative{ini(1, "standardization", 1, Planned, "2026-Q2", 2, 3),
				ini(2, "observability", 1, Done, "2027-Q1"), ini(3, "governance", 1, Done, "")}},
		{name: "an initiative in today's quarter is not overdue", today: "2026-Q2",
			ins: []Initiative{ini(1, "standardization", 1, InProgress, "2026-Q2")}},
		{name: "nothing is overdue without a today", today: "",
			ins: []Initiative{ini(1, "standardization", 1, InProgress, "1999-Q2")}},
		{name: "a done initiative whose prerequisites are reached is fine", today: "2026-Q1",
			ins: []Initiative{ini(1, "automation", 1, Done, ""), ini(2, "standardization", 1, Done, "")}},
		{name: "a done initiative below its domain's baseline with met prerequisites is fine", today: "2026-Q1",
			baseline: map[string]int{"automation": 3, "standardization": 2, "governance": 2, "observability": 2},
			ins:      []Initiative{ini(1, "automation", 1, Done, "")}},
		{name: "an initiative of an unknown domain is ignored", today: "2026-Q3",
			ins: []Initiative{ini(1, "security", 3, Done, "2026-Q1"), ini(2, "security", 3, Planned, "2026-Q1", 3), ini(3, "governance", 1, Dropped, "")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRoadmap(tt.baseline, tt.ins...)
			got := r.Check(qtr(tt.today))
			mustEqual(t, "Check", warningLines(got), tt.want)
			for _, w := range got {
				sev := Severity(-1)
				for _, c := range Codes {
					if c.Code == w.Code {
						sev = c.Severity
					}
				}
				if w.Severity != sev {
					t.Errorf("%s has severity %s, but Codes says %s", w.Code, w.Severity, sev)
				}
			}
		})
	}
}

func TestCheckOrder(t *testing.T) {
	r := newRoadmap(nil,
		// #1: overdue (warning) and dependency-late (error).
		ini(1, "standardization", 1, Planned, "2026-Q1", 4),
		// #2: prerequisite-same-quarter (warning), overdue (warning),
		// dependency-dropped (error), prerequisite-late (error).
		ini(2, "automation", 2, Planned, "2026-Q1", 3),
		ini(3, "observability", 1, Dropped, ""),
		ini(4, "observability", 1, Planned, "2026-Q2"),
		ini(5, "automation", 1, Planned, "2026-Q1"),
		ini(6, "standardization", 2, Planned, "2026-Q3"),
		ini(7, "governance", 1, Done, ""),
	)
	got := r.Check(qtr("2026-Q2"))
	var keys []string
	for _, w := range got {
		keys = append(keys, fmt.Sprintf("%s #%d %s", w.Severity, w.Subject.ID(), w.Code))
	}
	mustEqual(t, "order", keys, []string{
		"error #1 dependency-late",
		"error #2 prerequisite-late",
		"error #2 dependency-dropped",
		"warning #1 overdue",
		"warning #2 prerequisite-same-quarter",
		"warning #2 overdue",
		"warning #5 prerequisite-same-quarter",
		"warning #5 overdue",
	})
	t.Run("errors and warnings are counted", func(t *testing.T) {
		e, w := CountBySeverity(got)
		if e != 3 || w != 5 {
			t.Errorf("CountBySeverity = %d, %d", e, w)
		}
	})
	t.Run("warnings are grouped by initiative in order", func(t *testing.T) {
		by := ByInitiative(got)
		mustEqual(t, "#2", WarningCodes(by[2], ";"), "prerequisite-late;dependency-dropped;prerequisite-same-quarter;overdue")
		mustEqual(t, "#4", WarningCodes(by[4], ";"), "")
	})
}

func TestSortWarnings(t *testing.T) {
	ws := []Warning{
		{Code: CodeOverdue, Severity: SeverityWarning, Subject: Subject{Kind: SubjectInitiative, Initiative: 1}},
		{Code: CodeDependencyLate, Severity: SeverityError, Subject: Subject{Kind: SubjectInitiative, Initiative: 2}, facts: facts{other: &Initiative{ID: 9}}},
		{Code: CodeDependencyLate, Severity: SeverityError, Subject: Subject{Kind: SubjectInitiative, Initiative: 2}, facts: facts{other: &Initiative{ID: 8}}},
		{Code: CodePrerequisiteLate, Severity: SeverityError, Subject: Subject{Kind: SubjectInitiative, Initiative: 2}},
		{Code: CodeUnmetPrerequisite, Severity: SeverityError, Subject: Subject{Kind: SubjectInitiative, Initiative: 1}},
		{Code: CodePrerequisiteSameQ, Severity: SeverityWarning, Subject: Subject{Kind: SubjectInitiative, Initiative: 1}},
		{Code: "unknown-code", Severity: SeverityError, Subject: Subject{Kind: SubjectInitiative, Initiative: 1}},
	}
	testModel.SortWarnings(ws)
	var got []string
	for _, w := range ws {
		got = append(got, fmt.Sprintf("%d %s", w.Subject.ID(), w.Code))
		if w.facts.other != nil {
			got[len(got)-1] += fmt.Sprint(" on #", w.facts.other.ID)
		}
	}
	mustEqual(t, "sorted", got, []string{
		"1 unmet-prerequisite", "1 unknown-code",
		"2 prerequisite-late", "2 dependency-late on #9", "2 dependency-late on #8",
		"1 prerequisite-same-quarter", "1 overdue",
	})
}

func TestCodesAndSeverities(t *testing.T) {
	t.Run("every code is listed once, errors first", func(t *testing.T) {
		want := []string{CodePrerequisiteLate, CodePrerequisiteUnplanned, CodeDeadlock, CodeDependencyDeadlocked, CodeDependencyLate, CodeDependencyDropped,
			CodeDependencyUnfinished, CodeDependencyUnknown, CodeDependencyCycle, CodeUnmetPrerequisite,
			CodeAssessmentInconsistent, CodeLevelUnevidenced, CodeMetricRegressed, CodeAssessmentStale, CodePrerequisiteSameQ, CodeOverdue,
			CodeOverCapacity, CodeOwnerOverCapacity}
		var got []string
		for i, c := range Codes {
			got = append(got, c.Code)
			if c.Meaning == "" {
				t.Errorf("%s has no meaning", c.Code)
			}
			if i > 0 && c.Severity > Codes[i-1].Severity {
				t.Errorf("%s (an error) comes after a warning", c.Code)
			}
		}
		mustEqual(t, "codes", got, want)
	})
	t.Run("severities are written and read by name", func(t *testing.T) {
		for _, s := range []Severity{SeverityWarning, SeverityError} {
			back, err := ParseSeverity(s.String())
			if err != nil || back != s {
				t.Errorf("ParseSeverity(%q) = %v, %v", s, back, err)
			}
		}
		mustEqual(t, "names", SeverityError.String()+","+SeverityWarning.String(), "error,warning")
		if _, err := ParseSeverity("fatal"); errText(err) != `invalid severity "fatal": want error or warning` {
			t.Errorf("ParseSeverity(fatal) error = %v", err)
		}
	})
	t.Run("warning codes are joined once each, errors first, in code order", func(t *testing.T) {
		ws := []Warning{{Code: CodeOverdue}, {Code: CodeDependencyLate}, {Code: CodeOverdue}, {Code: CodePrerequisiteLate}}
		mustEqual(t, "codes", WarningCodes(ws, ";"), "prerequisite-late;dependency-late;overdue")
		mustEqual(t, "none", WarningCodes(nil, ";"), "")
	})
}

func TestCheckGeneratedRoadmap(t *testing.T) {
	// Properties that hold for any roadmap, on a large generated one.
	r := genRoadmap(3000)
	today := qtr("2027-Q1")
	ws := r.Check(today)
	// Codes that valid data cannot produce (only a hand-edited database
	// or a forced change can), that the generator's baseline avoids, and
	// those of the evidence, which it has none of (assessment_test.go).
	rare := map[string]bool{CodeDependencyUnknown: true, CodeDependencyCycle: true, CodeAssessmentInconsistent: true,
		CodeLevelUnevidenced: true, CodeMetricRegressed: true, CodeAssessmentStale: true}
	for _, c := range Codes {
		if !rare[c.Code] && !strings.Contains(","+WarningCodes(ws, ",")+",", ","+c.Code+",") {
			t.Errorf("the generated roadmap has no %s warning; the generator is too tidy to test with", c.Code)
		}
	}
	for i, w := range ws {
		if w.Subject.Kind == SubjectQuarter {
			continue // booking_test.go
		}
		in, ok := r.Get(w.Subject.ID())
		if !ok {
			t.Fatalf("warning about unknown #%d", w.Subject.ID())
		}
		if !strings.HasPrefix(w.Message(), in.Ref()+" ") {
			t.Errorf("message %q does not start with %s", w.Message(), in.Ref())
		}
		switch {
		case in.Status == Dropped:
			t.Errorf("dropped %s has warning %s", in.Ref(), w.Code)
		case in.Status == Done && w.Code != CodeUnmetPrerequisite && w.Code != CodeDependencyUnfinished:
			t.Errorf("done %s has warning %s", in.Ref(), w.Code)
		case in.Quarter.IsBacklog() && in.Status != Done && w.Code != CodeDependencyDropped && w.Code != CodeDeadlock &&
			w.Code != CodeDependencyDeadlocked:
			t.Errorf("backlog %s has warning %s", in.Ref(), w.Code)
		}
		if i > 0 {
			a, b := ws[i-1], w
			if testModel.less(b, a) {
				t.Fatalf("warnings out of order at %d: %+v before %+v", i, a, b)
			}
		}
	}
}
