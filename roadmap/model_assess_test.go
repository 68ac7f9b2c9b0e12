package roadmap

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// assessModel is smallModel with two metrics and criteria on every level
// of domain a; the line numbers in the tests below count from it.
const assessModel = smallModel + `metrics:
  - key: lead
    name: Lead time
    unit: duration
    direction: lower-is-better
    domain: a
    bands:
      edition: "2023"
      source: a test
      table:
        - {name: elite, below: 1d}
        - {name: low}
  - key: survey
    name: Survey
    unit: score
    direction: higher-is-better
criteria:
  - key: a1
    domain: a
    level: 1
    check: Something is true.
  - key: a2
    domain: a
    level: 2
    metric: lead
    at_most: 3d
  - key: a3
    domain: a
    level: 3
    metric: survey
    at_least: 4
  - key: a4
    domain: a
    level: 4
    check: Something else is true.
`

func TestParseModelReadsMetricsAndCriteria(t *testing.T) {
	m, err := ParseModel([]byte(assessModel))
	if err != nil {
		t.Fatal(err)
	}
	lead := m.Metric("lead")
	mustEqual(t, "lead", *lead, Metric{Key: "lead", Name: "Lead time", Unit: UnitDuration, Direction: LowerIsBetter, Domain: "a",
		Bands: &Bands{Edition: "2023", Source: "a test", Table: []Band{
			{Name: "elite", Upper: Bound{Set: true, Value: 86400}}, {Name: "low"}}}})
	mustEqual(t, "survey's default range", [2]float64{m.Metric("survey").Min, m.Metric("survey").Max}, [2]float64{1, 5})
	mustEqual(t, "a2", *m.Criterion("a2"), Criterion{Key: "a2", Domain: "a", Level: 2, Metric: "lead", Op: AtMost, Threshold: 3 * 86400})
	mustEqual(t, "statement", m.Statement(m.Criterion("a3")), "survey at least 4")
	mustEqual(t, "criteria of a 1", len(m.CriteriaOf("a", 1)), 1)
	mustEqual(t, "b has criteria", m.HasCriteria("b"), false)
	var buf bytes.Buffer
	if err := WriteModel(&buf, m); err != nil {
		t.Fatal(err)
	}
	back, err := ParseModel(buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	if !reflect.DeepEqual(back, m) {
		t.Errorf("the model read back differs:\n%s", buf.Bytes())
	}
	for _, want := range []string{"        - {name: elite, below: 1d}\n", "    metric: lead\n    at_most: 3d\n", "    min: 1\n    max: 5\n"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the written model lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestParseModelRefusesBadMetricsAndCriteria(t *testing.T) {
	edit := func(old, new string) string {
		if strings.Count(assessModel, old) != 1 {
			panic("edit: " + old + " does not occur exactly once")
		}
		return strings.Replace(assessModel, old, new, 1)
	}
	tests := []struct {
		name, yaml, err string
	}{
		{"an unknown metric in a criterion", edit("metric: survey", "metric: surveys"),
			`line 53: criterion a3 names unknown metric "surveys"`},
		{"a threshold in the wrong unit", edit("at_most: 3d", "at_most: 5%"),
			`line 48: criterion a2: threshold is not a value of lead (duration): invalid value "5%": want a duration such as 4h, 3d or 2w`},
		{"a threshold out of the score's range", edit("at_least: 4", "at_least: 7"),
			`line 53: criterion a3: threshold is not a value of survey (score): invalid value "7": want a score from 1 to 5 such as 3`},
		{"a criterion on an unknown domain", edit("domain: a\n    level: 4", "domain: c\n    level: 4"),
			`line 58: criterion a4 names unknown domain "c"`},
		{"a criterion on level 0", edit("level: 4\n    check: Something else", "level: 0\n    check: Something else"),
			`line 58: criterion a4: level 0 is out of range: want 1..4`},
		{"a criterion on level 5", edit("level: 4\n    check: Something else", "level: 5\n    check: Something else"),
			`line 58: criterion a4: level 5 is out of range: want 1..4`},
		{"a duplicate criterion key", edit("key: a4", "key: a1"),
			`line 58: criterion "a1" is defined twice (first at line 44)`},
		{"a duplicate metric key", edit("key: survey", "key: lead"),
			`line 39: metric "lead" is defined twice (first at line 28)`},
		{"a domain with criteria missing a level", edit("level: 4\n    check: Something else", "level: 3\n    check: Something else"),
			`line 44: domain a has criteria but none at level 4: a domain has criteria on every level 1..4 or on none`},
		{"a criterion with a check and a metric", edit("check: Something is true.", "check: Something is true.\n    metric: lead"),
			`line 44: criterion a1 has both a check and a metric: give one`},
		{"a criterion with neither", edit("    check: Something is true.\n", ""),
			`line 44: criterion a1 has neither a check nor a metric: give one`},
		{"a metric criterion without a threshold", edit("    at_most: 3d\n", ""),
			`line 48: criterion a2: a metric criterion needs at_least or at_most`},
		{"a metric criterion with both thresholds", edit("at_most: 3d", "at_most: 3d\n    at_least: 1d"),
			`line 52: criterion a2 has both at_least and at_most: give one`},
		{"an unknown key in a criterion", edit("at_most: 3d", "at_most: 3d\n    weight: 2"),
			`line 53: unknown key "weight" in criterion (want key, domain, level, check, metric, at_least, at_most)`},
		{"an unknown unit", edit("unit: duration", "unit: hours"),
			`line 28: metric lead: unknown unit "hours": want duration, rate, percent, count or score`},
		{"an unknown direction", edit("direction: lower-is-better", "direction: down"),
			`line 28: metric lead: unknown direction "down": want higher-is-better or lower-is-better`},
		{"a metric on an unknown domain", edit("domain: a\n    bands", "domain: z\n    bands"),
			`line 28: metric lead names unknown domain "z"`},
		{"a range for a unit that has none", edit("unit: duration", "unit: duration\n    min: 1"),
			`line 31: metric lead: min and max are for scores only, not a duration`},
		{"an empty score range", edit("direction: higher-is-better", "direction: higher-is-better\n    min: 5\n    max: 5"),
			`line 39: metric survey: min 5 must be below max 5`},
		{"a band bound in the wrong unit", edit("below: 1d", "below: 1/day"),
			`line 37: metric lead: band elite: invalid value "1/day": want a duration such as 4h, 3d or 2w`},
		{"a band with both lower bounds", edit("{name: low}", "{name: low, at_least: 1d, above: 2d}"),
			`line 38: band low has both at_least and above: give one`},
		{"a band that holds no value", edit("{name: low}", "{name: low, above: 2d, below: 1d}"),
			`line 38: metric lead: band low holds no value: above 2d and below 1d`},
		{"two bands of one name", edit("{name: low}", "{name: elite}"),
			`line 38: metric lead: band "elite" is given twice (first at line 37)`},
		{"two bands of one initial", edit("{name: low}", "{name: excellent}"),
			`line 38: metric lead: bands "elite" and "excellent" share the initial E, which compact views show`},
		{"a band table without a source", edit("      source: a test\n", ""),
			`line 34: bands has no "source"`},
		{"an empty band table", edit("        - {name: elite, below: 1d}\n        - {name: low}\n", "        []\n"),
			`line 28: metric lead: bands list no band`},
		{"a metric key that is not a key", edit("key: lead", "key: Lead"),
			`line 28: metric key "Lead": use lower-case letters, digits, '-' and '_', starting with a letter`},
		{"a check with a control character", edit("check: Something is true.", "check: \"Something\\e is true.\""),
			`line 44: criterion a1: check contains a control character (U+001B)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseModel([]byte(tt.yaml))
			if err == nil {
				t.Fatalf("ParseModel succeeded; want %s", tt.err)
			}
			if err.Error() != tt.err {
				t.Errorf("ParseModel:\n got  %s\n want %s", err, tt.err)
			}
		})
	}
}

func TestNewModelOfChecksMetricsAndCriteria(t *testing.T) {
	p := DefaultModel().Parts()
	p.Criteria[0].Threshold = 1
	p.Criteria[0].Op = AtLeast
	if _, err := NewModelOf(p); err == nil || err.Error() != "criterion std-1-config-in-git has both a check and a metric: give one" {
		t.Errorf("NewModelOf: %v", err)
	}
	p = DefaultModel().Parts()
	p.Metrics[0].Bands.Table[0].Lower.Value = -1
	if _, err := NewModelOf(p); err == nil || !strings.HasPrefix(err.Error(), "metric deployment-frequency: band elite: invalid value") {
		t.Errorf("NewModelOf: %v", err)
	}
	if DefaultModel().Metrics[0].Bands.Table[0].Lower.Value != 1 {
		t.Error("Parts shares the band tables with the model")
	}
}

func TestTheDefaultModelsMetricsAndCriteria(t *testing.T) {
	m := DefaultModel()
	var keys []string
	for _, x := range m.Metrics {
		keys = append(keys, x.Key+" "+string(x.Unit))
	}
	mustEqual(t, "metrics", keys, []string{
		"deployment-frequency rate", "change-lead-time duration", "change-fail-rate percent",
		"failed-deployment-recovery-time duration", "deployment-rework-rate percent",
		"automation-coverage percent", "environment-drift percent", "critical-outages count",
		"incident-auto-remediation percent", "provisioning-time duration", "audit-failures count",
		"developer-satisfaction score"})
	t.Run("the 2023 DORA bands as DevLake encodes them", func(t *testing.T) {
		tests := []struct {
			metric, value, band string
		}{
			{"deployment-frequency", "2/day", "elite"}, {"deployment-frequency", "1/day", "elite"},
			{"deployment-frequency", "6/week", "high"}, {"deployment-frequency", "1/week", "high"},
			{"deployment-frequency", "3/month", "medium"}, {"deployment-frequency", "1/month", "medium"},
			{"deployment-frequency", "0.9/month", "low"},
			{"change-lead-time", "23h", "elite"}, {"change-lead-time", "1d", "high"}, {"change-lead-time", "6d", "high"},
			{"change-lead-time", "1w", "medium"}, {"change-lead-time", "29d", "medium"}, {"change-lead-time", "30d", "low"},
			{"change-fail-rate", "0%", "elite"}, {"change-fail-rate", "5%", "elite"}, {"change-fail-rate", "5.001%", "high"},
			{"change-fail-rate", "10%", "high"}, {"change-fail-rate", "15%", "medium"}, {"change-fail-rate", "15.5%", "low"},
			{"failed-deployment-recovery-time", "59m", "elite"}, {"failed-deployment-recovery-time", "1h", "high"},
			{"failed-deployment-recovery-time", "23h", "high"}, {"failed-deployment-recovery-time", "1d", "medium"},
			{"failed-deployment-recovery-time", "6d", "medium"}, {"failed-deployment-recovery-time", "1w", "low"},
			{"deployment-rework-rate", "50%", ""},
		}
		for _, tt := range tests {
			x := m.Metric(tt.metric)
			v, err := x.ParseValue(tt.value)
			if err != nil {
				t.Fatal(err)
			}
			if got := x.BandName(v); got != tt.band {
				t.Errorf("%s %s is in band %q, want %q", tt.metric, tt.value, got, tt.band)
			}
		}
		for _, x := range m.Metrics {
			if x.Bands != nil && (x.Bands.Edition != "2023" || !strings.Contains(x.Bands.Source, "DevLake")) {
				t.Errorf("%s: bands of edition %q from %q", x.Key, x.Bands.Edition, x.Bands.Source)
			}
		}
	})
	t.Run("every level of every domain has two criteria or more, and eight levels or more a metric threshold", func(t *testing.T) {
		withMetric := 0
		for _, d := range m.Domains {
			for k := 1; k <= MaxLevel; k++ {
				cs := m.CriteriaOf(d.Key, k)
				if len(cs) < 2 {
					t.Errorf("%s %d has %d criteria", d.Key, k, len(cs))
				}
				for _, c := range cs {
					if !c.IsCheck() {
						withMetric++
						break
					}
				}
			}
		}
		if withMetric < 8 {
			t.Errorf("%d levels have a metric threshold", withMetric)
		}
	})
}

func TestBands(t *testing.T) {
	s := Scale{Unit: UnitPercent}
	// A later edition's clusters, not ordered as the bands are: the high
	// band lies above the medium one.
	nonMonotonic := &Metric{Key: "cfr", Unit: UnitPercent, Direction: LowerIsBetter, Bands: &Bands{Table: []Band{
		{Name: "elite", Upper: Bound{Set: true, Value: 5, Inclusive: true}},
		{Name: "high", Lower: Bound{Set: true, Value: 15}, Upper: Bound{Set: true, Value: 20, Inclusive: true}},
		{Name: "medium", Lower: Bound{Set: true, Value: 5}, Upper: Bound{Set: true, Value: 15, Inclusive: true}},
		{Name: "low", Lower: Bound{Set: true, Value: 20}},
	}}}
	gaps := &Metric{Key: "g", Unit: UnitPercent, Direction: HigherIsBetter, Bands: &Bands{Table: []Band{
		{Name: "high", Lower: Bound{Set: true, Value: 50, Inclusive: true}},
		{Name: "low", Upper: Bound{Set: true, Value: 10}},
	}}}
	tests := []struct {
		x    *Metric
		v    float64
		band string
	}{
		{nonMonotonic, 0, "elite"}, {nonMonotonic, 5, "elite"}, {nonMonotonic, 5.001, "medium"},
		{nonMonotonic, 15, "medium"}, {nonMonotonic, 15.001, "high"}, {nonMonotonic, 20, "high"},
		{nonMonotonic, 20.001, "low"}, {nonMonotonic, 100, "low"},
		{gaps, 60, "high"}, {gaps, 50, "high"}, {gaps, 49.999, ""}, {gaps, 10, ""}, {gaps, 9.999, "low"},
		{&Metric{Unit: UnitPercent}, 3, ""},
	}
	for _, tt := range tests {
		if got := tt.x.BandName(tt.v); got != tt.band {
			t.Errorf("%s: %v is in band %q, want %q", tt.x.Key, tt.v, got, tt.band)
		}
	}
	mustEqual(t, "describe", nonMonotonic.Bands.Table[1].Describe(s), "above 15% and at most 20%")
	mustEqual(t, "describe a catch-all", Band{Name: "low"}.Describe(s), "any other value")
	mustEqual(t, "letter", nonMonotonic.Bands.Table[2].Letter(), "M")
}

func TestWithDefaultEvidence(t *testing.T) {
	def := DefaultModel()
	bare, err := NewModel(def.Stages, def.Domains[:2], nil)
	if err != nil {
		t.Fatal(err)
	}
	m := WithDefaultEvidence(bare)
	if len(m.Metrics) != len(def.Metrics) || m.Metric("audit-failures").Domain != "" || m.Metric("provisioning-time").Domain != "automation" {
		t.Errorf("metrics %+v", m.Metrics)
	}
	for _, c := range m.Criteria {
		if c.Domain != "standardization" && c.Domain != "automation" {
			t.Errorf("criterion %s of domain %s, which the model lacks", c.Key, c.Domain)
		}
	}
	if len(m.Criteria) == 0 {
		t.Error("no criteria")
	}
	if WithDefaultEvidence(def) != def || WithDefaultEvidence(m) != m {
		t.Error("a model with metrics or criteria was changed")
	}
}

func TestTrends(t *testing.T) {
	m := DefaultModel()
	lead, freq := m.Metric("change-lead-time"), m.Metric("deployment-frequency")
	mustEqual(t, "trends", []Trend{lead.TrendOf(3600, 7200), lead.TrendOf(7200, 3600), lead.TrendOf(3600, 3600.0000001), freq.TrendOf(2, 1), freq.TrendOf(1, 2)},
		[]Trend{Better, Worse, Same, Better, Worse})
	mustEqual(t, "arrows", NoTrend.Arrow()+Better.Arrow()+Worse.Arrow()+Same.Arrow(), "↑↓=")
	mustEqual(t, "names", Better.String()+" "+Worse.String()+" "+Same.String()+NoTrend.String(), "better worse same")
}
