package e2e

import (
	"strings"

	"maturity/roadmap"
)

// dumpsBadCases are the bad inputs of dumps, ids, the history and the
// actor (issue 8, items 6, 7, 12 and 15).
func dumpsBadCases() []badCase {
	var cs []badCase
	add := func(code int, name string, args ...string) {
		cs = append(cs, badCase{name: name, args: args, code: code})
	}
	// log --since outside the years a plan can have (1970-2999).
	for _, d := range []string{"1677-01-01", "1969-12-31", "3000-01-01", "9999-12-31", "0001-01-01"} {
		add(1, "log/since "+d, "log", "--since", d)
	}

	// model import of a model that drops governance, which has an
	// initiative and an assessment: a dump could not restore the
	// assessment.
	cs = append(cs, badCase{name: "model import/of a model that drops an assessed domain", args: []string{"model", "import", "-"},
		stdin: modelWithout("governance"), code: 1})
	return cs
}

// modelWithout is the default model's YAML without a domain and its rules.
func modelWithout(domain string) string {
	def := roadmap.DefaultModel()
	var domains []roadmap.Domain
	for _, d := range def.Domains {
		if d.Key != domain {
			domains = append(domains, d)
		}
	}
	var rules []roadmap.Rule
	for _, r := range def.Rules {
		if r.Domain != domain && r.Requires != domain {
			rules = append(rules, r)
		}
	}
	m, err := roadmap.NewModel(def.Stages, domains, rules)
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	if err := roadmap.WriteModel(&b, m); err != nil {
		panic(err)
	}
	return b.String()
}
