package store

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"maturity/roadmap"
)

// modelWithout returns the default model without one domain and the rules
// that mention it.
func modelWithout(t testing.TB, drop string) *roadmap.Model {
	t.Helper()
	def := roadmap.DefaultModel()
	var domains []roadmap.Domain
	for _, d := range def.Domains {
		if d.Key != drop {
			domains = append(domains, d)
		}
	}
	var rules []roadmap.Rule
	for _, r := range def.Rules {
		if r.Domain != drop && r.Requires != drop {
			rules = append(rules, r)
		}
	}
	p := roadmap.Parts{Stages: def.Stages, Domains: domains, Rules: rules}
	for _, x := range def.Metrics {
		if x.Domain == drop {
			x.Domain = ""
		}
		p.Metrics = append(p.Metrics, x)
	}
	for _, c := range def.Criteria {
		if c.Domain != drop {
			p.Criteria = append(p.Criteria, c)
		}
	}
	m, err := roadmap.NewModelOf(p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// modelWith returns the default model with one more domain.
func modelWith(t testing.TB, key string) *roadmap.Model {
	t.Helper()
	def := roadmap.DefaultModel()
	d := roadmap.Domain{Key: key, Name: strings.ToUpper(key[:1]) + key[1:]}
	for l := 0; l <= roadmap.MaxLevel; l++ {
		d.Levels = append(d.Levels, roadmap.Level{Level: l, Name: "Level " + string(rune('0'+l))})
	}
	p := def.Parts()
	p.Domains = append(p.Domains, d)
	m, err := roadmap.NewModelOf(p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func modelText(t testing.TB, m *roadmap.Model) string {
	t.Helper()
	var b bytes.Buffer
	if err := roadmap.WriteModel(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestAssess(t *testing.T) {
	t.Parallel()
	ctx := WithActor(context.Background(), "tester")

	t.Run("the latest assessment per domain is the baseline", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		steps := []struct {
			domain string
			level  int
		}{{"automation", 2}, {"governance", 1}, {"automation", 1}, {"observability", 3}, {"observability", 0}}
		for _, st := range steps {
			if _, err := s.Assess(ctx, st.domain, st.level, ""); err != nil {
				t.Fatal(err)
			}
		}
		r := mustLoad(t, s)
		want := map[string]int{"automation": 1, "governance": 1, "observability": 0}
		if !reflect.DeepEqual(r.Baseline, want) {
			t.Errorf("baseline %v, want %v", r.Baseline, want)
		}
		if got := r.Level("automation"); got != 1 {
			t.Errorf("automation is at %d, want 1", got)
		}
		if rb, err := s.LoadBrief(ctx); err != nil || !reflect.DeepEqual(rb.Baseline, want) {
			t.Errorf("LoadBrief baseline %v (%v), want %v", rb.Baseline, err, want)
		}
	})

	t.Run("returns and keeps the assessment with its note, actor and time", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a, err := s.Assess(ctx, "automation", 2, "  pipelines everywhere\r\n")
		if err != nil {
			t.Fatal(err)
		}
		want := Assessment{ID: 1, Domain: "automation", Level: 2, Note: "pipelines everywhere", Actor: "tester", At: t0}
		if !reflect.DeepEqual(a, want) {
			t.Errorf("Assess returned %+v, want %+v", a, want)
		}
		b, err := s.Assess(ctx, "automation", 3, "")
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.Assessments(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(all, []Assessment{a, b}) {
			t.Errorf("Assessments\n got  %+v\n want %+v", all, []Assessment{a, b})
		}
		evs := eventTexts(history(t, s, HistoryFilter{}))
		wantEvs := []string{`#0 assess automation "2"→"3"`, `#0 assess automation "0"→"2" (pipelines everywhere)`}
		if !reflect.DeepEqual(evs, wantEvs) {
			t.Errorf("history\n got  %q\n want %q", evs, wantEvs)
		}
	})

	t.Run("a higher baseline lifts a cross-domain block", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a := mustAdd(t, s, ini("Scripts", "automation", 1))
		if _, err := s.SetStatus(ctx, a.ID, roadmap.Start, Options{}); err == nil {
			t.Fatal("start succeeded before standardization reached 1")
		}
		if _, err := s.Assess(ctx, "standardization", 1, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetStatus(ctx, a.ID, roadmap.Start, Options{}); err != nil {
			t.Errorf("start after the assessment: %v", err)
		}
	})

	t.Run("a domain key is read whatever its case, as on the command line", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a, err := s.Assess(ctx, " Automation", 1, "")
		if err != nil || a.Domain != "automation" {
			t.Fatalf("Assess = %+v, %v", a, err)
		}
	})

	for _, tc := range []struct {
		name   string
		domain string
		level  int
		note   string
		want   string
	}{
		{"an unknown domain is refused", "security", 1, "", `unknown domain "security"`},
		{"a negative level is refused", "automation", -1, "", `invalid level "-1"`},
		{"a level above the top is refused", "automation", 5, "", `invalid level "5"`},
		{"a note that is too long is refused", "automation", 1, strings.Repeat("x", MaxNote+1), "at most 1000"},
		{"a note with a control character is refused", "automation", 1, "bell\a", "control character"},
	} {
		t.Run(tc.name+" and nothing is written", func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			if _, err := s.Assess(ctx, "automation", 2, ""); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, s)
			_, err := s.Assess(ctx, tc.domain, tc.level, tc.note)
			wantErr(t, err, tc.want)
			unchanged(t, s, before, nil)
			if got := mustLoad(t, s).Baseline; !reflect.DeepEqual(got, map[string]int{"automation": 2}) {
				t.Errorf("baseline %v", got)
			}
		})
	}
}

func TestReplaceModel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("is refused while initiatives use a domain it drops, naming both", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustAdd(t, s, ini("Dashboards", "observability", 1))
		mustAdd(t, s, ini("Scripts", "automation", 1))
		mustAdd(t, s, ini("Tracing", "observability", 3))
		before, r0 := snapshot(t, s), mustLoad(t, s)
		err := s.ReplaceModel(ctx, modelWithout(t, "observability"))
		wantErr(t, err, `the new model drops domain "observability" (used by #1, #3)`)
		unchanged(t, s, before, r0)
		if m, _ := s.Model(ctx); !m.HasDomain("observability") {
			t.Errorf("the model lost observability")
		}
	})

	t.Run("names every dropped domain and shortens long lists", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		for i := 0; i < 7; i++ {
			mustAdd(t, s, ini("Dashboards", "observability", 1))
		}
		mustAdd(t, s, ini("Policies", "governance", 1))
		def := roadmap.DefaultModel()
		var rules []roadmap.Rule
		for _, r := range def.Rules {
			if r.Domain != "observability" && r.Requires != "observability" && r.Domain != "governance" && r.Requires != "governance" {
				rules = append(rules, r)
			}
		}
		m, err := roadmap.NewModelOf(roadmap.Parts{Stages: def.Stages, Domains: def.Domains[:2], Rules: rules})
		if err != nil {
			t.Fatal(err)
		}
		err = s.ReplaceModel(ctx, m)
		wantErr(t, err, `drops domain "governance" (used by #8), domain "observability" (used by #1, #2, #3, #4, #5 and 2 more)`)
	})

	t.Run("is refused while a domain it drops has assessments, as a dump could not restore them", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustAdd(t, s, ini("Scripts", "automation", 1))
		for _, l := range []int{2, 1} {
			if _, err := s.Assess(ctx, "observability", l, ""); err != nil {
				t.Fatal(err)
			}
		}
		mustAdd(t, s, ini("Dashboards", "observability", 1))
		before, r0 := snapshot(t, s), mustLoad(t, s)
		err := s.ReplaceModel(ctx, modelWithout(t, "observability"))
		wantErr(t, err, `the new model drops domain "observability" (used by #2; assessed 2 times); move or delete those initiatives first; a domain once assessed stays in the model, as its assessments are kept`)
		unchanged(t, s, before, r0)
		if _, err := s.Delete(ctx, 2, Options{}); err != nil {
			t.Fatal(err)
		}
		err = s.ReplaceModel(ctx, modelWithout(t, "observability"))
		wantErr(t, err, `the new model drops domain "observability" (assessed 2 times); a domain once assessed stays in the model, as its assessments are kept`)
	})

	t.Run("is accepted when no initiative or assessment uses a dropped domain, and Load returns it", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustAdd(t, s, ini("Scripts", "automation", 1))
		if _, err := s.Assess(ctx, "governance", 2, ""); err != nil {
			t.Fatal(err)
		}
		m := modelWithout(t, "observability")
		if err := s.ReplaceModel(ctx, m); err != nil {
			t.Fatal(err)
		}
		r := mustLoad(t, s)
		if got, want := modelText(t, r.Model), modelText(t, m); got != want {
			t.Errorf("Load's model\n%s\nwant\n%s", got, want)
		}
		if len(r.Initiatives) != 1 {
			t.Errorf("%d initiatives, want 1", len(r.Initiatives))
		}
		stored, err := s.Model(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if modelText(t, stored) != modelText(t, m) {
			t.Errorf("Model() differs from the model stored")
		}
		e := history(t, s, HistoryFilter{Limit: 1})[0]
		if e.Action != ActionModel || e.Old != modelText(t, roadmap.DefaultModel()) || e.New != modelText(t, m) {
			t.Errorf("event %s %q, want a model event with both documents", e.Action, e.Field)
		}
		// The model now refuses the dropped domain.
		_, err = s.Add(ctx, ini("Dashboards", "observability", 1))
		wantErr(t, err, `unknown domain "observability"`)
		_, err = s.Assess(ctx, "observability", 1, "")
		wantErr(t, err, `unknown domain "observability"`)
	})

	t.Run("a new domain can be used at once", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		if err := s.ReplaceModel(ctx, modelWith(t, "security")); err != nil {
			t.Fatal(err)
		}
		mustAdd(t, s, ini("Threat models", "security", 1))
		if _, err := s.Assess(ctx, "security", 2, ""); err != nil {
			t.Fatal(err)
		}
		if got := mustLoad(t, s).Level("security"); got != 2 {
			t.Errorf("security is at %d, want 2", got)
		}
	})

	t.Run("replacing the model with the same model writes nothing", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		before := snapshot(t, s)
		if err := s.ReplaceModel(ctx, roadmap.DefaultModel()); err != nil {
			t.Fatal(err)
		}
		unchanged(t, s, before, nil)
	})
}
