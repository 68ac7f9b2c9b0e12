package roadmap

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultModel(t *testing.T) {
	m := DefaultModel()
	t.Run("it has five stages named in order", func(t *testing.T) {
		var got []string
		for i, s := range m.Stages {
			if s.Level != i {
				t.Errorf("stage %d has level %d", i, s.Level)
			}
			if s.Description == "" {
				t.Errorf("stage %d has no description", i)
			}
			got = append(got, s.Name)
		}
		mustEqual(t, "stages", got, []string{"Ad-Hoc and Manual Execution", "Standardized Foundations",
			"Automated Delivery Pipelines", "Self-Service Platforms", "Continuous Evolution"})
	})
	t.Run("it has four domains in display order with five levels each", func(t *testing.T) {
		mustEqual(t, "domain keys", m.DomainKeys(), "standardization, automation, governance, observability")
		for _, d := range m.Domains {
			if len(d.Levels) != MaxLevel+1 {
				t.Errorf("domain %s has %d levels", d.Key, len(d.Levels))
			}
			for i, l := range d.Levels {
				if l.Level != i || l.Name == "" || l.Description == "" {
					t.Errorf("domain %s level %d is %+v", d.Key, i, l)
				}
			}
		}
	})
	t.Run("its rules are exactly those of the specification", func(t *testing.T) {
		want := []Rule{
			{"standardization", 3, "automation", 2},
			{"automation", 1, "standardization", 1},
			{"automation", 2, "standardization", 2},
			{"automation", 2, "governance", 1},
			{"automation", 3, "governance", 2},
			{"automation", 3, "observability", 2},
			{"automation", 4, "observability", 3},
			{"governance", 2, "automation", 1},
			{"governance", 3, "automation", 2},
			{"governance", 4, "observability", 3},
			{"observability", 3, "standardization", 2},
			{"observability", 4, "automation", 3},
		}
		mustEqual(t, "rules", m.Rules, want)
	})
	t.Run("every call returns an equal model", func(t *testing.T) {
		if !reflect.DeepEqual(m, DefaultModel()) {
			t.Error("two calls of DefaultModel differ")
		}
	})
}

func TestModelLookups(t *testing.T) {
	m := testModel
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"a known domain is there", m.HasDomain("governance"), true},
		{"an unknown domain is not", m.HasDomain("security"), false},
		{"domain keys are case-sensitive", m.HasDomain("Governance"), false},
		{"the domain index follows display order", fmt.Sprint(m.DomainIndex("observability")), "3 true"},
		{"an unknown domain has no index", fmt.Sprint(m.DomainIndex("security")), "0 false"},
		{"a domain is found by key", m.Domain("automation").Name, "Automation"},
		{"an unknown domain is nil", m.Domain("security") == nil, true},
		{"a level has a name", m.LevelName("automation", 3), "GitOps"},
		{"level 0 has a name", m.LevelName("observability", 0), "Log Files"},
		{"a level above 4 has no name", m.LevelName("automation", 5), ""},
		{"a negative level has no name", m.LevelName("automation", -1), ""},
		{"a level of an unknown domain has no name", m.LevelName("security", 1), ""},
		{"a stage has a name", m.StageName(2), "Automated Delivery Pipelines"},
		{"a stage above 4 has no name", m.StageName(5), ""},
		{"a negative stage has no name", m.StageName(-1), ""},
		{"a prerequisite is described with its level name", m.DescribeLevel(Prerequisite{"governance", 2}), "governance ≥ 2 (Static Checks)"},
		{"a target is named by domain, level and level name", m.TargetName(&Initiative{Domain: "automation", Level: 3}), "automation 3 GitOps"},
		{"prerequisites are the previous level, then the rules in model order", m.Prerequisites("automation", 3),
			[]Prerequisite{{"automation", 2}, {"governance", 2}, {"observability", 2}}},
		{"level 1 without rules has no prerequisites", m.Prerequisites("standardization", 1), []Prerequisite(nil)},
		{"a level above 1 without rules has the previous level", m.Prerequisites("observability", 2), []Prerequisite{{"observability", 1}}},
		{"an unknown domain has no prerequisites", m.Prerequisites("security", 1), []Prerequisite(nil)},
		{"an out-of-range level has no prerequisites", m.Prerequisites("automation", 5), []Prerequisite(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustEqual(t, tt.name, tt.got, tt.want)
		})
	}
}

// smallModel is a valid two-domain model; the comments give line numbers
// that the error tests below rely on. Replacements keep one line per line.
const smallModel = `stages:
  - {level: 0, name: S0}
  - {level: 1, name: S1}
  - {level: 2, name: S2}
  - {level: 3, name: S3}
  - {level: 4, name: S4}
domains:
  - key: a
    name: A
    levels:
      - {level: 0, name: A0}
      - {level: 1, name: A1}
      - {level: 2, name: A2}
      - {level: 3, name: A3}
      - {level: 4, name: A4}
  - key: b
    name: B
    description: the second domain
    levels:
      - {level: 0, name: B0}
      - {level: 1, name: B1}
      - {level: 2, name: B2}
      - {level: 3, name: B3}
      - {level: 4, name: B4}
rules:
  - {domain: a, level: 2, requires: b, at_least: 1}
`

func TestParseModelAcceptsTheSmallModel(t *testing.T) {
	m, err := ParseModel([]byte(smallModel))
	if err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "keys", m.DomainKeys(), "a, b")
	mustEqual(t, "rules", m.Rules, []Rule{{"a", 2, "b", 1}})
	mustEqual(t, "description", m.Domain("b").Description, "the second domain")
}

func TestParseModelErrors(t *testing.T) {
	// edit replaces old (which must occur exactly once) in smallModel.
	edit := func(pairs ...string) string {
		s := smallModel
		for i := 0; i < len(pairs); i += 2 {
			if strings.Count(s, pairs[i]) != 1 {
				panic("edit: " + pairs[i] + " does not occur exactly once")
			}
			s = strings.Replace(s, pairs[i], pairs[i+1], 1)
		}
		return s
	}
	tests := []struct {
		name string
		yaml string
		err  string
	}{
		{name: "an unknown top-level key is refused",
			yaml: smallModel + "colour: red\n",
			err:  `line 27: unknown key "colour" in model (want stages, domains, rules, metrics, criteria)`},
		{name: "an unknown key in a stage is refused",
			yaml: edit("{level: 1, name: S1}", "{level: 1, name: S1, colour: red}"),
			err:  `line 3: unknown key "colour" in stage (want level, name, description)`},
		{name: "a misspelt key in a domain is refused",
			yaml: edit("    name: A\n", "    nmae: A\n"),
			err:  `line 9: unknown key "nmae" in domain (want key, name, description, levels)`},
		{name: "an unknown key in a level is refused",
			yaml: edit("{level: 2, name: A2}", "{level: 2, name: A2, label: x}"),
			err:  `line 13: unknown key "label" in level (want level, name, description)`},
		{name: "an unknown key in a rule is refused",
			yaml: edit("at_least: 1}", "at_least: 1, why: because}"),
			err:  `line 26: unknown key "why" in rule (want domain, level, requires, at_least)`},
		{name: "a key given twice in one domain is refused",
			yaml: edit("    name: B\n", "    key: c\n"),
			err:  `line 17: key "key" is given twice in one domain (first at line 16)`},
		{name: "a domain defined twice is refused",
			yaml: edit("  - key: b\n", "  - key: a\n", "requires: b", "requires: a", "{level: 2, name: A2}", "{level: 2, name: A2}"),
			err:  `line 16: domain "a" is defined twice (first at line 8)`},
		{name: "a domain level above 4 is refused",
			yaml: edit("{level: 4, name: A4}", "{level: 5, name: A4}"),
			err:  `line 15: level of domain a 5 is out of range: levels are exactly 0..4`},
		{name: "a negative domain level is refused",
			yaml: edit("{level: 0, name: A0}", "{level: -1, name: A0}"),
			err:  `line 11: level of domain a -1 is out of range: levels are exactly 0..4`},
		{name: "a domain level given twice is refused",
			yaml: edit("{level: 4, name: A4}", "{level: 3, name: A4}"),
			err:  `line 15: level of domain a 3 is defined twice (first at line 14)`},
		{name: "a missing domain level is refused on the domain's line",
			yaml: edit("      - {level: 4, name: B4}\n", "      # no level 4\n"),
			err:  `line 16: level of domain b 4 is missing: levels are exactly 0..4`},
		{name: "a stage above 4 is refused",
			yaml: edit("{level: 4, name: S4}", "{level: 5, name: S4}"),
			err:  `line 6: stage 5 is out of range: levels are exactly 0..4`},
		{name: "a stage given twice is refused",
			yaml: edit("{level: 4, name: S4}", "{level: 0, name: S4}"),
			err:  `line 6: stage 0 is defined twice (first at line 2)`},
		{name: "a missing stage is refused on the line of the stages",
			yaml: edit("  - {level: 4, name: S4}\n", "  # no stage 4\n"),
			err:  `line 1: stage 4 is missing: levels are exactly 0..4`},
		{name: "an empty list of stages is refused on its line",
			yaml: "stages: []\n" + smallModel[strings.Index(smallModel, "domains:"):],
			err:  `line 1: stage 0 is missing: levels are exactly 0..4`},
		{name: "a rule naming an unknown domain is refused",
			yaml: edit("{domain: a, level: 2", "{domain: c, level: 2"),
			err:  `line 26: rule names unknown domain "c"`},
		{name: "a rule requiring an unknown domain is refused",
			yaml: edit("requires: b", "requires: c"),
			err:  `line 26: rule requires unknown domain "c"`},
		{name: "a rule for level 0 is refused",
			yaml: edit("level: 2, requires", "level: 0, requires"),
			err:  `line 26: rule level 0 is out of range: want 1..4`},
		{name: "a rule for level 5 is refused",
			yaml: edit("level: 2, requires", "level: 5, requires"),
			err:  `line 26: rule level 5 is out of range: want 1..4`},
		{name: "a rule requiring level 0 is refused",
			yaml: edit("at_least: 1", "at_least: 0"),
			err:  `line 26: rule at_least 0 is out of range: want 1..4`},
		{name: "a rule requiring level 5 is refused",
			yaml: edit("at_least: 1", "at_least: 5"),
			err:  `line 26: rule at_least 5 is out of range: want 1..4`},
		{name: "a rule requiring its own domain is refused",
			yaml: edit("requires: b", "requires: a"),
			err:  `line 26: rule for a 2 requires its own domain: levels of one domain already come in order`},
		{name: "a rule given twice is refused",
			yaml: smallModel + "  - {domain: a, level: 2, requires: b, at_least: 3}\n",
			err:  `line 27: rule a 2 requires b is given twice (first at line 26)`},
		{name: "two rules that wait for each other are a cycle",
			yaml: smallModel + "  - {domain: b, level: 1, requires: a, at_least: 2}\n",
			err:  `line 27: rule b 1 requires a 2 makes a cycle: a 2 would have to wait for itself`},
		{name: "a rule that waits for a higher level of the other domain is a cycle",
			yaml: smallModel + "  - {domain: b, level: 1, requires: a, at_least: 3}\n",
			err:  `line 27: rule b 1 requires a 3 makes a cycle: a 3 would have to wait for itself`},
		{name: "a rule that waits for a lower level of the other domain is no cycle, so the model parses",
			yaml: smallModel + "  - {domain: b, level: 1, requires: a, at_least: 1}\n" + "  - {domain: b, level: 4, requires: a, at_least: 1}\n"},
		{name: "a stage without a name is refused",
			yaml: edit("{level: 1, name: S1}", "{level: 1}"),
			err:  `line 3: stage has no "name"`},
		{name: "a domain without levels is refused",
			yaml: edit("    levels:\n      - {level: 0, name: A0}\n", "    x-levels:\n      - {level: 0, name: A0}\n"),
			err:  `line 10: unknown key "x-levels" in domain (want key, name, description, levels)`},
		{name: "a level that is not a number is refused",
			yaml: edit("{level: 1, name: S1}", "{level: one, name: S1}"),
			err:  `line 3: level must be a whole number, not "one"`},
		{name: "a level written as text is refused",
			yaml: edit("{level: 1, name: S1}", `{level: "1", name: S1}`),
			err:  `line 3: level must be a whole number, not "1"`},
		{name: "a fractional level is refused",
			yaml: edit("{level: 1, name: S1}", `{level: 1.0, name: S1}`),
			err:  `line 3: level must be a whole number, not "1.0"`},
		{name: "an empty name is refused",
			yaml: edit("{level: 1, name: S1}", "{level: 1, name: ''}"),
			err:  `line 3: stage name is empty`},
		{name: "a name that is a list is refused",
			yaml: edit("    name: A\n", "    name: [A]\n"),
			err:  `line 9: name must be text`},
		{name: "a null description is refused",
			yaml: edit("    description: the second domain\n", "    description: ~\n"),
			err:  `line 18: description must be text`},
		{name: "a name with a control character is refused",
			yaml: edit("    name: A\n", "    name: \"A\\x1b[31m\"\n"),
			err:  `line 8: domain name contains a control character (U+001B)`},
		{name: "an upper-case domain key is refused",
			yaml: edit("  - key: a\n", "  - key: A\n", "domain: a,", "domain: A,"),
			err:  `line 8: domain key "A": use lower-case letters, digits, '-' and '_', starting with a letter`},
		{name: "a domain key starting with a digit is refused",
			yaml: edit("  - key: b\n", "  - key: 2b\n", "requires: b", "requires: 2b"),
			err:  `line 16: domain key "2b": use lower-case letters`},
		{name: "an alias is refused",
			yaml: edit("  - {level: 0, name: S0}\n", "  - &s {level: 0, name: S0}\n", "  - {level: 4, name: S4}\n", "  - *s\n"),
			err:  `line 6: aliases are not supported`},
		{name: "a merge key is refused",
			yaml: edit("{level: 1, name: S1}", "{<<: {level: 1}, name: S1}"),
			err:  `line 3: unknown key "<<" in stage`},
		{name: "stages that are not a list are refused",
			yaml: "stages: {}\n" + smallModel[strings.Index(smallModel, "domains:"):],
			err:  `line 1: stages must be a list`},
		{name: "a stage that is not a mapping is refused",
			yaml: edit("  - {level: 1, name: S1}\n", "  - S1\n"),
			err:  `line 3: stage must be a mapping of keys to values`},
		{name: "missing domains are refused",
			yaml: smallModel[:strings.Index(smallModel, "domains:")],
			err:  `model has no "domains"`},
		{name: "an empty list of domains is refused",
			yaml: smallModel[:strings.Index(smallModel, "domains:")] + "domains: []\n",
			err:  `the model has no domains`},
		{name: "a model without rules is fine",
			yaml: smallModel[:strings.Index(smallModel, "rules:")]},
		{name: "an empty list of rules is fine",
			yaml: smallModel[:strings.Index(smallModel, "rules:")] + "rules: []\n"},
		{name: "a document that is not a mapping is refused",
			yaml: "- a\n- b\n",
			err:  `line 1: model must be a mapping of keys to values`},
		{name: "an empty file is refused",
			yaml: "",
			err:  `model file is empty`},
		{name: "a file of comments is refused as empty",
			yaml: "# nothing here\n",
			err:  `model file is empty`},
		// yaml.v3 names the line before a flow mapping that is not closed.
		{name: "broken YAML is refused with a line",
			yaml: smallModel + "  - {domain: a\n",
			err:  `line 26: did not find expected ',' or '}'`},
		{name: "a file that is not UTF-8 is refused",
			yaml: smallModel + "# \xff\n",
			err:  `model file is not valid UTF-8`},
		{name: "a file over 1 MiB is refused",
			yaml: smallModel + "#" + strings.Repeat("x", MaxModelSize) + "\n",
			err:  `model file is larger than 1048576 bytes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseModel([]byte(tt.yaml))
			if tt.err == "" {
				if err != nil {
					t.Fatalf("ParseModel: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseModel succeeded with %d domains; want error %q", len(m.Domains), tt.err)
			}
			if !strings.HasPrefix(err.Error(), tt.err) {
				t.Fatalf("ParseModel error:\n got  %s\n want %s", err, tt.err)
			}
		})
	}
}

func TestNewModel(t *testing.T) {
	stages := func() []Stage {
		var s []Stage
		for l := MaxLevel; l >= 0; l-- { // out of order on purpose
			s = append(s, Stage{Level: l, Name: fmt.Sprintf("S%d", l)})
		}
		return s
	}
	domain := func(key string) Domain {
		d := Domain{Key: key, Name: strings.ToUpper(key)}
		for l := MaxLevel; l >= 0; l-- {
			d.Levels = append(d.Levels, Level{Level: l, Name: fmt.Sprintf("%s%d", key, l)})
		}
		return d
	}
	t.Run("parts out of order are sorted", func(t *testing.T) {
		m, err := NewModel(stages(), []Domain{domain("x"), domain("y")},
			[]Rule{{"y", 2, "x", 1}, {"x", 3, "y", 2}, {"y", 1, "x", 1}})
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range m.Stages {
			if s.Level != i {
				t.Fatalf("stages not sorted: %+v", m.Stages)
			}
		}
		for _, d := range m.Domains {
			for i, l := range d.Levels {
				if l.Level != i {
					t.Fatalf("levels not sorted: %+v", d.Levels)
				}
			}
		}
		mustEqual(t, "rules", m.Rules, []Rule{{"x", 3, "y", 2}, {"y", 1, "x", 1}, {"y", 2, "x", 1}})
		mustEqual(t, "prerequisites", m.Prerequisites("y", 2), []Prerequisite{{"y", 1}, {"x", 1}})
	})
	t.Run("the caller's slices are not changed", func(t *testing.T) {
		s := stages()
		d := []Domain{domain("x")}
		if _, err := NewModel(s, d, nil); err != nil {
			t.Fatal(err)
		}
		if s[0].Level != MaxLevel || d[0].Levels[0].Level != MaxLevel {
			t.Error("NewModel sorted the caller's slices")
		}
	})
	errs := []struct {
		name    string
		stages  []Stage
		domains []Domain
		rules   []Rule
		err     string
	}{
		{name: "no domains is refused", stages: stages(), err: "the model has no domains"},
		{name: "a duplicate domain is refused without a line number", stages: stages(),
			domains: []Domain{domain("x"), domain("x")}, err: `domain "x" is defined twice`},
		{name: "a missing stage is refused", stages: stages()[1:], domains: []Domain{domain("x")},
			err: "stage 4 is missing: levels are exactly 0..4"},
		{name: "a cycle is refused", stages: stages(), domains: []Domain{domain("x"), domain("y")},
			rules: []Rule{{"x", 1, "y", 1}, {"y", 1, "x", 1}}, err: "rule y 1 requires x 1 makes a cycle: x 1 would have to wait for itself"},
		{name: "a domain key longer than 32 characters is refused", stages: stages(), domains: []Domain{domain(strings.Repeat("k", 33))},
			err: `domain key "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk" is longer than 32 characters`},
		{name: "an empty domain key is refused", stages: stages(), domains: []Domain{{Name: "X", Levels: domain("x").Levels}},
			err: "domain key is empty"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewModel(tt.stages, tt.domains, tt.rules)
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Fatalf("NewModel error = %v, want %q", err, tt.err)
			}
			if strings.Contains(err.Error(), "line") {
				t.Errorf("NewModel error %q names a line, but there is no file", err)
			}
		})
	}
}

func TestWriteModel(t *testing.T) {
	roundTrip := func(t *testing.T, m *Model) []byte {
		t.Helper()
		var buf bytes.Buffer
		if err := WriteModel(&buf, m); err != nil {
			t.Fatal(err)
		}
		back, err := ParseModel(buf.Bytes())
		if err != nil {
			t.Fatalf("ParseModel(WriteModel(m)): %v\n%s", err, buf.Bytes())
		}
		if !reflect.DeepEqual(back, m) {
			t.Fatalf("the model read back differs:\n%s", buf.Bytes())
		}
		return buf.Bytes()
	}
	t.Run("the default model reads back equal", func(t *testing.T) {
		roundTrip(t, DefaultModel())
	})
	t.Run("the small model is written in the documented shape", func(t *testing.T) {
		m, err := ParseModel([]byte(smallModel))
		if err != nil {
			t.Fatal(err)
		}
		out := string(roundTrip(t, m))
		for _, want := range []string{
			"stages:\n  - level: 0\n    name: S0\n",
			"domains:\n  - key: a\n    name: A\n    levels:\n      - level: 0\n        name: A0\n",
			"  - key: b\n    name: B\n    description: the second domain\n",
			"rules:\n  - {domain: a, level: 2, requires: b, at_least: 1}\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "description: \"\"") || strings.Contains(out, "description: ''") {
			t.Errorf("empty descriptions are written:\n%s", out)
		}
	})
	t.Run("text that YAML would read as something else reads back as text", func(t *testing.T) {
		names := []string{"123", "true", "null", "~", "- x", "a: b", "#x", "'q'", `"d"`, "1.5", "0x1F", "2026-01-01",
			" padded ", "*star", "&amp", "!bang", "{x}", "[y]", "%p", "@at", "`tick`", "yes", "NO", "<<", "="}
		stages := make([]Stage, MaxLevel+1)
		for i := range stages {
			stages[i] = Stage{Level: i, Name: names[i], Description: "line one\nline two"}
		}
		// Descriptions as the text rules leave them (CleanText): trimmed,
		// "\n" line ends, tabs kept, no control characters.
		d := Domain{Key: "k", Name: names[5], Description: "leading: space\ttab # not a comment\n  indented\n\n- not a list"}
		for i := 0; i <= MaxLevel; i++ {
			d.Levels = append(d.Levels, Level{Level: i, Name: names[6+i], Description: "first\n" + names[11+i] + "\nlast"})
		}
		d2 := Domain{Key: "k2", Name: names[20], Description: names[21] + names[22] + names[23] + names[24]}
		for i := 0; i <= MaxLevel; i++ {
			d2.Levels = append(d2.Levels, Level{Level: i, Name: names[16+i%4]})
		}
		m, err := NewModel(stages, []Domain{d, d2}, []Rule{{"k2", 1, "k", 4}})
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, m)
	})
}

func FuzzParseModel(f *testing.F) {
	f.Add(defaultModelYAML)
	f.Add([]byte(smallModel))
	f.Add([]byte(smallModel + "  - {domain: b, level: 1, requires: a, at_least: 2}\n"))
	f.Add([]byte(strings.ReplaceAll(smallModel, "name: A\n", "name: \"A\\u0085\"\n    description: |\n      two\n      lines\n")))
	f.Add([]byte("stages: []\ndomains: []\n"))
	f.Add([]byte("- &a [*a]\n"))
	f.Add([]byte("stages: &x\n  - *x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseModel(data)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteModel(&buf, m); err != nil {
			t.Fatalf("WriteModel: %v", err)
		}
		back, err := ParseModel(buf.Bytes())
		if err != nil {
			t.Fatalf("ParseModel(WriteModel(m)): %v\ninput:\n%s\nwritten:\n%s", err, data, buf.Bytes())
		}
		if !reflect.DeepEqual(back, m) {
			t.Fatalf("the model read back differs\ninput:\n%s\nwritten:\n%s", data, buf.Bytes())
		}
	})
}
