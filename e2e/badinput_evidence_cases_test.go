package e2e

// evidenceBadCases are bad answers, metric values, metric files and flags
// of the assessment commands: each one error line, nothing written.
func evidenceBadCases() []badCase {
	var cs []badCase
	add := func(code int, name string, args ...string) {
		cs = append(cs, badCase{name: name, args: args, code: code})
	}
	addIn := func(stdin string, code int, name string, args ...string) {
		cs = append(cs, badCase{name: name, args: args, code: code, stdin: stdin})
	}
	const check = "std-1-config-in-git"
	for _, st := range []string{"", "done", "yes", "met!", escape, invalidUTF} {
		add(1, "assess set/with state "+printableName(st), "assess", "set", check, st)
	}
	for _, key := range []string{"", "std-9", "standardization", escape, invalidUTF, tooLong} {
		add(1, "assess set/of criterion "+printableName(key), "assess", "set", key, "met")
	}
	add(1, "assess set/of a metric criterion", "assess", "set", "auto-2-provisioning-time", "met")
	for _, v := range []string{escape, control, invalidUTF, bidi} {
		add(1, "assess set/with evidence "+printableName(v), "assess", "set", check, "met", "--evidence", v)
		add(1, "assess set/with a note "+printableName(v), "assess", "set", check, "met", "--note", v)
	}
	add(1, "assess set/with 1001 characters of evidence", "assess", "set", check, "met", "--evidence", tooLong+tooLong+tooLong+tooLong+tooLong+"x")
	add(2, "assess set/without a state", "assess", "set", check)
	add(2, "assess set/with one argument too many", "assess", "set", check, "met", "now")
	add(2, "assess set/with an unknown flag", "assess", "set", check, "met", "--reason", "x")
	add(2, "assess/with --note and no level", "assess", "--note", "x")
	add(2, "assess/with --quarter and a level", "assess", "governance", "1", "--quarter", "2026-Q3")
	for _, q := range []string{"2026-Q5", "backlog", "26q1", escape, invalidUTF} {
		add(1, "assess/at quarter "+printableName(q), "assess", "--quarter", q)
		add(1, "metric record/for quarter "+printableName(q), "metric", "record", "change-lead-time", "1d", "--quarter", q)
	}
	add(1, "assess/as yaml", "assess", "--format", "yaml")
	add(2, "assess export/with an argument", "assess", "export", "answers.csv")

	for _, v := range []struct{ metric, value string }{
		{"change-lead-time", "fast"}, {"change-lead-time", "4"}, {"change-lead-time", "1e3h"},
		{"change-lead-time", "5201w"}, {"change-lead-time", "4h30m"}, {"change-lead-time", ""},
		{"deployment-frequency", "3"}, {"deployment-frequency", "3/year"}, {"deployment-frequency", "NaN/day"},
		{"change-fail-rate", "101%"}, {"change-fail-rate", "12 percent"}, {"change-fail-rate", "Inf"},
		{"critical-outages", "1.5"}, {"developer-satisfaction", "6"}, {"developer-satisfaction", "0.5"},
		{"change-lead-time", escape}, {"change-lead-time", invalidUTF},
	} {
		add(1, "metric record/"+v.metric+" "+printableName(v.value), "metric", "record", v.metric, v.value)
	}
	// A value that starts with '-' is a flag unless after "--".
	add(2, "metric record/of a negative duration", "metric", "record", "change-lead-time", "-1h")
	add(1, "metric record/of a negative duration after --", "metric", "record", "change-lead-time", "--", "-1h")
	add(1, "metric record/of a negative count after --", "metric", "record", "critical-outages", "--", "-1")
	for _, key := range []string{"", "lead-time", escape, invalidUTF} {
		add(1, "metric record/of metric "+printableName(key), "metric", "record", key, "1d")
	}
	for _, v := range []string{escape, control, invalidUTF, bidi} {
		add(1, "metric record/with a note "+printableName(v), "metric", "record", "change-lead-time", "1d", "--note", v)
		add(1, "metric record/with a source "+printableName(v), "metric", "record", "change-lead-time", "1d", "--source", v)
	}
	add(1, "metric record/with a source of two lines", "metric", "record", "change-lead-time", "1d", "--source", "two\nlines")
	add(2, "metric record/without a value", "metric", "record", "change-lead-time")
	add(2, "metric/without a subcommand", "metric")
	add(2, "metric/with an unknown subcommand", "metric", "frob")
	for _, n := range []string{"0", "-1", "401"} {
		add(1, "metric show/over "+n+" quarters", "metric", "show", "--quarters", n)
	}
	add(2, "metric show/over abc quarters", "metric", "show", "--quarters", "abc")
	add(1, "metric show/of an unknown metric", "metric", "show", "lead-time")
	add(1, "metric show/as yaml", "metric", "show", "--format", "yaml")
	add(2, "metric show/of two metrics", "metric", "show", "change-lead-time", "deployment-frequency")
	add(2, "metric list/with an argument", "metric", "list", "x")
	add(2, "metric import/without a file", "metric", "import")
	add(1, "metric import/of a missing file", "metric", "import", "{dir}/missing.csv")
	for _, f := range []struct{ name, csv string }{
		{"an empty file", ""},
		{"a bad value after good ones", "quarter,metric,value\n2026-Q1,change-fail-rate,3%\n2026-Q2,change-lead-time,fast\n"},
		{"a bad quarter", "quarter,metric,value\n2026-Q5,change-fail-rate,3%\n"},
		{"the backlog as quarter", "quarter,metric,value\n,change-fail-rate,3%\n"},
		{"an unknown metric", "quarter,metric,value\n2026-Q1,mttr,1h\n"},
		{"one metric twice in a quarter", "quarter,metric,value\n2026-Q1,change-lead-time,1d\n2026-Q1,change-lead-time,2d\n"},
		{"an unknown column", "quarter,metric,value,team\n"},
		{"no value column", "quarter,metric\n"},
		{"a short row", "quarter,metric,value\n2026-Q1,change-lead-time\n"},
		{"invalid UTF-8 in a note", "quarter,metric,value,note\n2026-Q1,change-lead-time,1d,bad \xff\n"},
		{"an escape sequence in a source", "quarter,metric,value,source\n2026-Q1,change-lead-time,1d," + escape + "\n"},
		{"a line longer than 1 MiB", "quarter,metric,value,note\n2026-Q1,change-lead-time,1d," + tooLong[:1] + string(make([]byte, 1<<20)) + "\n"},
	} {
		addIn(f.csv, 1, "metric import/of a file with "+f.name, "metric", "import", "-")
		addIn(f.csv, 1, "metric import --dry-run/of a file with "+f.name, "metric", "import", "--dry-run", "-")
	}
	add(1, "check/with --stale-after -1", "check", "--stale-after", "-1")
	add(1, "check/with --stale-after 36501", "check", "--stale-after", "36501")
	add(2, "check/with --stale-after soon", "check", "--stale-after", "soon")
	return cs
}
