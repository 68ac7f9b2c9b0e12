package e2e

import (
	"os"
	"strings"

	"maturity/roadmap"
	"maturity/store"
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

	// Crafted dumps whose ids, history ids, versions or id counter would
	// leave a database where writes fail or ids no command can name; each
	// is refused whole, into an empty database where a good one restores.
	const big = int64(1<<63 - 1)
	for _, d := range []struct {
		name   string
		change func(d *store.Dump)
	}{
		{"the largest int64 as initiative id", func(d *store.Dump) { d.Initiatives[0].ID, d.LastID = big, big }},
		{"an initiative id past 2^53-1", func(d *store.Dump) { d.Initiatives[0].ID, d.LastID = 1<<53, 1<<53 }},
		{"the largest int64 as id counter", func(d *store.Dump) { d.LastID = big }},
		{"the largest int64 as history id", func(d *store.Dump) { d.History[0].ID = big }},
		{"the largest int64 as version", func(d *store.Dump) { d.Initiatives[0].Version = big }},
		{"the largest int64 as assessment id", func(d *store.Dump) { d.Assessments[0].ID = big }},
		{"a history entry of initiative 2^53", func(d *store.Dump) { d.History[0].Initiative = 1 << 53 }},
		{"an actor with an escape sequence", func(d *store.Dump) { d.History[0].Actor = escape }},
		{"a history entry with an unknown field", func(d *store.Dump) { d.History[1].Field = "colour" }},
		{"a history entry with a control character", func(d *store.Dump) { d.History[1].New = control }},
		{"a history entry without a time", func(d *store.Dump) { d.History[1].At = "" }},
		{"a negative capacity figure", func(d *store.Dump) { d.Capacity = []store.DumpCapacity{{Quarter: "2027-Q1", Effort: -1}} }},
		{"a capacity figure for two people", func(d *store.Dump) { d.Capacity = []store.DumpCapacity{{Owner: "sam, kim", Effort: 1}} }},
		{"a capacity figure for the backlog", func(d *store.Dump) { d.Capacity = []store.DumpCapacity{{Quarter: "backlog", Effort: 1}} }},
		{"one person's capacity twice in a quarter", func(d *store.Dump) {
			d.Capacity = []store.DumpCapacity{{Owner: "sam", Effort: 1}, {Owner: "SAM", Effort: 2}}
		}},
		{"capacity figures in a version 2 dump", func(d *store.Dump) {
			d.Version, d.Capacity = 2, []store.DumpCapacity{{Effort: 1}}
		}},
		{"a capacity entry of an unknown quarter", func(d *store.Dump) {
			d.History = append(d.History, store.DumpEvent{ID: 99, At: d.History[0].At, Actor: "dana", Action: store.ActionCapacity, Field: "2027-Q9", New: "3"})
		}},
	} {
		cs = append(cs, badCase{name: "import json/of a dump with " + d.name, args: []string{"import", "-"},
			stdin: craftedDump(d.change), code: 1, on: onEmpty})
	}
	cs = append(cs, badCase{name: "import/of a CSV row creating id 2^53-1", args: []string{"import", "-"},
		stdin: "id,title,domain,level\n9007199254740991,At the end,automation,1\n", code: 1})
	if _, err := os.Stat("/dev/zero"); err == nil {
		// Refused after reading 1 MiB, not 512.
		add(1, "model import/of an endless file", "model", "import", "/dev/zero")
		add(1, "import json/of an endless file", "import", "--format", "json", "/dev/zero")
	}
	return cs
}

// craftedDump is a small valid dump (the default model, an assessment, an
// initiative created and edited) after change.
func craftedDump(change func(d *store.Dump)) string {
	def := roadmap.DefaultModel()
	d := &store.Dump{Format: store.DumpFormat, Version: store.DumpVersion, LastID: 1, ModelUpdated: "2026-04-01T09:00:00Z"}
	level := func(l int, name, desc string) store.DumpLevel {
		return store.DumpLevel{Level: l, Name: name, Description: desc}
	}
	for _, st := range def.Stages {
		d.Model.Stages = append(d.Model.Stages, level(st.Level, st.Name, st.Description))
	}
	for _, dom := range def.Domains {
		dd := store.DumpDomain{Key: dom.Key, Name: dom.Name, Description: dom.Description}
		for _, l := range dom.Levels {
			dd.Levels = append(dd.Levels, level(l.Level, l.Name, l.Description))
		}
		d.Model.Domains = append(d.Model.Domains, dd)
	}
	for _, r := range def.Rules {
		d.Model.Rules = append(d.Model.Rules, store.DumpRule{Domain: r.Domain, Level: r.Level, Requires: r.Requires, AtLeast: r.AtLeast})
	}
	at := "2026-04-01T10:00:00Z"
	d.Assessments = []store.DumpAssessment{{ID: 1, Domain: "governance", Level: 1, Note: "audits", Actor: "dana", At: at}}
	d.Answers, d.Values, d.Capacity = []store.DumpAnswer{}, []store.DumpValue{}, []store.DumpCapacity{}
	d.Initiatives = []store.DumpInitiative{{ID: 1, Title: "Scripted provisioning", Domain: "automation", Level: 1,
		Status: "planned", Owner: "sam", DependsOn: []int64{}, Version: 2, Created: at, Updated: at}}
	d.History = []store.DumpEvent{
		{ID: 1, At: at, Actor: "dana", Initiative: 1, Action: store.ActionCreate, New: "Scripted provisioning"},
		{ID: 2, At: at, Actor: "dana", Initiative: 1, Action: store.ActionEdit, Field: "owner", New: "sam"},
		{ID: 3, At: at, Actor: "dana", Action: store.ActionAssess, Field: "governance", Old: "0", New: "1", Reason: "audits"},
	}
	change(d)
	b, err := encodeDump(d)
	if err != nil {
		panic(err)
	}
	return string(b)
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
	m, err := roadmap.NewModelOf(roadmap.Parts{Stages: def.Stages, Domains: domains, Rules: rules})
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	if err := roadmap.WriteModel(&b, m); err != nil {
		panic(err)
	}
	return b.String()
}
