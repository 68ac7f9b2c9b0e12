package store

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	"maturity/roadmap"
)

func TestAnswer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	a, err := s.Answer(ctx, " Std-1-Config-In-Git ", "Met", "  repo list: https://git.example.com  ", "reviewed\r\nin March")
	if err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "answer", [4]string{a.Criterion, string(a.State), a.Evidence, a.Note},
		[4]string{"std-1-config-in-git", "met", "repo list: https://git.example.com", "reviewed\nin March"})
	if _, err := s.Answer(ctx, "std-1-config-in-git", "unmet", "", ""); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "history", eventTexts(history(t, s, HistoryFilter{})), []string{
		`#0 answer std-1-config-in-git "met"→"unmet"`,
		`#0 answer std-1-config-in-git "unknown"→"met" (repo list: https://git.example.com — reviewed` + "\n" + `in March)`})
	r := mustLoad(t, s)
	if st := r.Assessment.Status("std-1-config-in-git"); st.State != roadmap.Unmet || st.Answer == nil {
		t.Errorf("the latest answer does not count: %+v", st)
	}

	before, r0 := snapshot(t, s), mustLoad(t, s)
	for _, tt := range []struct{ key, state, evidence, note, err string }{
		{"auto-2-provisioning-time", "met", "", "", "auto-2-provisioning-time is met by the value of metric provisioning-time (provisioning-time at most 1d), not by an answer: record one with 'maturity metric record provisioning-time VALUE'"},
		{"std-9", "met", "", "", `unknown criterion "std-9": 'assess' lists them`},
		{"std-1-config-in-git", "done", "", "", `invalid state "done": want met, unmet or unknown`},
		{"std-1-config-in-git", "met", "bad \x1b", "", "evidence contains a control character (U+001B)"},
		{"std-1-config-in-git", "met", "", "bad \xff", "note is not valid UTF-8"},
	} {
		_, err := s.Answer(ctx, tt.key, tt.state, tt.evidence, tt.note)
		if err == nil || err.Error() != tt.err {
			t.Errorf("Answer(%q, %q): %v, want %s", tt.key, tt.state, err, tt.err)
		}
	}
	unchanged(t, s, before, r0)
}

func TestRecordValues(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	q3 := roadmap.Quarter{Year: 2026, Q: 3}
	c, err := s.RecordValue(ctx, ValueInput{Metric: "change-lead-time", Quarter: q3, Value: "36h", Source: "DevLake"})
	if err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "value", [2]any{c.Value, c.Old}, [2]any{36 * 3600.0, ""})
	c, err = s.RecordValue(ctx, ValueInput{Metric: "change-lead-time", Quarter: q3, Value: "1.5d", Source: "DevLake"})
	if err != nil || c != (ValueChange{}) {
		t.Errorf("the same value again changed something: %+v, %v", c, err)
	}
	if c, err = s.RecordValue(ctx, ValueInput{Metric: "change-lead-time", Quarter: q3, Value: "2d", Note: "after the freeze"}); err != nil || c.Old != "36h" {
		t.Errorf("replacing: %+v, %v", c, err)
	}
	mustEqual(t, "history", eventTexts(history(t, s, HistoryFilter{})), []string{
		`#0 metric change-lead-time 2026-Q3 "36h"→"2d" (after the freeze)`,
		`#0 metric change-lead-time 2026-Q3 ""→"36h" (DevLake)`})
	all, err := s.ValueHistory(ctx)
	if err != nil || len(all) != 2 {
		t.Fatalf("ValueHistory: %d, %v", len(all), err)
	}
	e, err := s.LoadEvidence(ctx)
	if err != nil || len(e.Evidence.Values) != 1 || e.Evidence.Values[0].Value != 2*86400 {
		t.Fatalf("LoadEvidence: %+v, %v", e, err)
	}

	before, r0 := snapshot(t, s), mustLoad(t, s)
	for _, tt := range []struct {
		ins []ValueInput
		err string
	}{
		{[]ValueInput{{Metric: "change-lead-time", Quarter: q3, Value: "fast"}}, `invalid value "fast" for change-lead-time: want a duration such as 4h, 3d or 2w`},
		{[]ValueInput{{Metric: "lead-time", Quarter: q3, Value: "1d"}}, `unknown metric "lead-time": want deployment-frequency, change-lead-time, change-fail-rate, failed-deployment-recovery-time, deployment-rework-rate, automation-coverage, environment-drift, critical-outages, incident-auto-remediation, provisioning-time, audit-failures, developer-satisfaction`},
		{[]ValueInput{{Metric: "change-lead-time", Value: "1d"}}, "a value is for a quarter, such as 2026-Q3"},
		{[]ValueInput{{Metric: "change-lead-time", Quarter: q3, Value: "1d", Source: "two\nlines"}}, "source contains a control character (U+000A)"},
		{[]ValueInput{{Metric: "critical-outages", Quarter: q3, Value: "1", Line: 2}, {Metric: "critical-outages", Quarter: q3, Value: "2", Line: 3}},
			"line 3: critical-outages has a value for 2026-Q3 already (at line 2)"},
		{[]ValueInput{{Metric: "critical-outages", Quarter: q3, Value: "1", Line: 2}, {Metric: "audit-failures", Quarter: q3, Value: "1.5", Line: 3}},
			`line 3: invalid value "1.5" for audit-failures: a count is a whole number; want a whole number of at least 0 such as 3`},
	} {
		if _, err := s.RecordValues(ctx, tt.ins, false); err == nil || err.Error() != tt.err {
			t.Errorf("RecordValues: %v, want %s", err, tt.err)
		}
	}
	changes, err := s.RecordValues(ctx, []ValueInput{{Metric: "critical-outages", Quarter: q3, Value: "1"}, {Metric: "change-lead-time", Quarter: q3, Value: "1w"}}, true)
	if err != nil || len(changes) != 2 || changes[1].Old != "2d" {
		t.Errorf("dry run: %+v, %v", changes, err)
	}
	unchanged(t, s, before, r0)
}

func TestEvidenceRaisesTheBaselineInEveryLoad(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	s.Today = func() time.Time { return time.Date(2026, 8, 15, 0, 0, 0, 0, time.UTC) }
	for _, key := range []string{"std-1-config-in-git", "std-1-reviewed-changes"} {
		if _, err := s.Answer(ctx, key, "met", "", ""); err != nil {
			t.Fatal(err)
		}
	}
	mustAdd(t, s, ini("Deploy scripts", "automation", 1))
	r, err := s.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	brief, err := s.LoadBrief(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.LoadSummary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for name, lv := range map[string]roadmap.Levels{"Load": r.Levels(), "LoadBrief": brief.Levels(), "LoadSummary": sum.Levels()} {
		if lv[0] != 1 {
			t.Errorf("%s: standardization is at %d, want 1 from its criteria", name, lv[0])
		}
	}
	mustEqual(t, "state", sum.State(), r.State())
	// The transaction's rules read it too: automation 1 needs
	// standardization 1, which only the evidence gives.
	if _, err := s.SetStatus(ctx, 1, roadmap.Start, Options{}); err != nil {
		t.Errorf("start refused although the evidence reaches the prerequisite: %v", err)
	}
	// The metric window follows Today.
	if _, err := s.RecordValue(ctx, ValueInput{Metric: "automation-coverage", Quarter: roadmap.Quarter{Year: 2026, Q: 3}, Value: "30%"}); err != nil {
		t.Fatal(err)
	}
	s.Today = func() time.Time { return time.Date(2027, 8, 15, 0, 0, 0, 0, time.UTC) }
	if st := mustLoad(t, s).Assessment.Status("auto-1-coverage"); st.State != roadmap.Unknown {
		t.Errorf("a value five quarters old still counts: %+v", st)
	}
}

func TestModelImportKeepsWhatEvidenceBelongsTo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.Answer(ctx, "obs-1-alerting", "met", "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordValues(ctx, []ValueInput{{Metric: "developer-satisfaction", Quarter: roadmap.Quarter{Year: 2026, Q: 1}, Value: "4.5"},
		{Metric: "critical-outages", Quarter: roadmap.Quarter{Year: 2026, Q: 1}, Value: "2"}}, false); err != nil {
		t.Fatal(err)
	}
	def := roadmap.DefaultModel()
	change := func(edit func(p *roadmap.Parts)) *roadmap.Model {
		p := def.Parts()
		edit(&p)
		m, err := roadmap.NewModelOf(p)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	criterion := func(p *roadmap.Parts, key string) *roadmap.Criterion {
		for i := range p.Criteria {
			if p.Criteria[i].Key == key {
				return &p.Criteria[i]
			}
		}
		t.Fatalf("no criterion %s", key)
		return nil
	}
	metric := func(p *roadmap.Parts, key string) *roadmap.Metric {
		for i := range p.Metrics {
			if p.Metrics[i].Key == key {
				return &p.Metrics[i]
			}
		}
		t.Fatalf("no metric %s", key)
		return nil
	}
	before := snapshot(t, s)
	for _, tt := range []struct {
		name string
		m    *roadmap.Model
		err  string
	}{
		{"a model without the answered criterion", change(func(p *roadmap.Parts) {
			c := criterion(p, "obs-1-alerting")
			c.Key = "obs-1-paging"
		}), `the new model drops criterion "obs-1-alerting" (answered 1 time)`},
		{"a model that makes it a threshold", change(func(p *roadmap.Parts) {
			c := criterion(p, "obs-1-alerting")
			c.Check, c.Metric, c.Op, c.Threshold = "", "critical-outages", roadmap.AtMost, 3
		}), `the new model makes criterion "obs-1-alerting" a metric threshold (answered 1 time)`},
		{"a model without a metric that has values", modelWithoutMetric(t, "critical-outages"), `the new model drops metric "critical-outages" (1 value recorded)`},
		{"a model that changes its unit", change(func(p *roadmap.Parts) {
			metric(p, "critical-outages").Unit = roadmap.UnitPercent
		}), `the new model changes the unit of metric "critical-outages" from count to percent (1 value recorded)`},
		{"a score range that leaves a value out", change(func(p *roadmap.Parts) {
			metric(p, "developer-satisfaction").Max = 4
			criterion(p, "std-3-satisfaction").Threshold = 3
		}), `the new model gives metric "developer-satisfaction" a range of 1 to 4, which leaves out recorded values (4.5 to 4.5)`},
	} {
		err := s.ReplaceModel(ctx, tt.m)
		wantErr(t, err, tt.err, "answers and values are kept for good")
	}
	unchanged(t, s, before, nil)
	// A reworded check and a moved threshold are fine.
	if err := s.ReplaceModel(ctx, change(func(p *roadmap.Parts) {
		criterion(p, "obs-1-alerting").Check = "Someone is paged when a service stops answering."
		criterion(p, "obs-3-critical-outages").Threshold = 1
	})); err != nil {
		t.Error(err)
	}
}

// modelWithoutMetric is the default model without a metric and the
// criteria that read it (each level keeps another).
func modelWithoutMetric(t *testing.T, key string) *roadmap.Model {
	t.Helper()
	p := roadmap.DefaultModel().Parts()
	var metrics []roadmap.Metric
	for _, x := range p.Metrics {
		if x.Key != key {
			metrics = append(metrics, x)
		}
	}
	var criteria []roadmap.Criterion
	for _, c := range p.Criteria {
		if c.Metric != key {
			criteria = append(criteria, c)
		}
	}
	p.Metrics, p.Criteria = metrics, criteria
	m, err := roadmap.NewModelOf(p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMigrationGivesAnOldModelTheDefaultEvidence(t *testing.T) {
	t.Parallel()
	def := roadmap.DefaultModel()
	for _, tt := range []struct {
		name     string
		domains  []roadmap.Domain
		criteria int // how many the migrated model has
	}{
		{"the old default model", def.Domains, len(def.Criteria)},
		{"a model without governance", []roadmap.Domain{def.Domains[0], def.Domains[1], def.Domains[3]}, len(def.Criteria) - 11},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var rules []roadmap.Rule
			keep := map[string]bool{}
			for _, d := range tt.domains {
				keep[d.Key] = true
			}
			for _, r := range def.Rules {
				if keep[r.Domain] && keep[r.Requires] {
					rules = append(rules, r)
				}
			}
			old, err := roadmap.NewModelOf(roadmap.Parts{Stages: def.Stages, Domains: tt.domains, Rules: rules})
			if err != nil {
				t.Fatal(err)
			}
			var doc bytes.Buffer
			if err := roadmap.WriteModel(&doc, old); err != nil {
				t.Fatal(err)
			}
			path := dbPath(t)
			s := openAt(t, path)
			s.Close()
			// Back to schema 2, as a database of the last release is.
			db := rawDB(t, path)
			mustExec(t, db, `DROP TABLE answers`, `DROP TABLE metric_values`, `DROP INDEX initiatives_done_by_level`, dropUsers, `PRAGMA user_version = 2`)
			if _, err := db.Exec(`UPDATE model SET document = ?`, doc.String()); err != nil {
				t.Fatal(err)
			}
			db.Close()
			s = openAt(t, path)
			m, err := s.Model(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Metrics) != len(def.Metrics) || len(m.Criteria) != tt.criteria {
				t.Errorf("the migrated model has %d metrics and %d criteria, want %d and %d", len(m.Metrics), len(m.Criteria), len(def.Metrics), tt.criteria)
			}
			if got := pragma(t, s, "user_version"); got != int64(len(migrations)) {
				t.Errorf("user_version %d", got)
			}
		})
	}
}

func mustEqual[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}
