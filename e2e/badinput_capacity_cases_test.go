package e2e

// capacityBadCases are bad figures, quarters, owners and flags of the
// capacity commands: each one error line, nothing written.
func capacityBadCases() []badCase {
	var cs []badCase
	add := func(code int, name string, args ...string) {
		cs = append(cs, badCase{name: name, args: args, code: code})
	}
	for _, e := range []string{"", "abc", "NaN", "Inf", "1e309", "100001", "0x10p", escape, invalidUTF} {
		add(1, "capacity set/with capacity "+printableName(e), "capacity", "set", "default", e)
	}
	add(1, "capacity set/with a negative capacity", "capacity", "set", "default", "--", "-3")
	add(2, "capacity set/with a negative capacity taken for a flag", "capacity", "set", "default", "-3")
	for _, q := range []string{"", " ", "2027-Q5", "backlog", "someday", "27q1", escape, invalidUTF} {
		add(1, "capacity set/for quarter "+printableName(q), "capacity", "set", q, "10")
		add(1, "capacity unset/for quarter "+printableName(q), "capacity", "unset", q)
		add(1, "capacity/from quarter "+printableName(q), "capacity", "--from", q)
		add(1, "capacity/to quarter "+printableName(q), "capacity", "--to", q)
	}
	for _, o := range []string{"sam,kim", "sam, kim", tooLong, escape, control, invalidUTF, bidi} {
		add(1, "capacity set/for owner "+printableName(o), "capacity", "set", "default", "10", "--owner", o)
		add(1, "capacity unset/for owner "+printableName(o), "capacity", "unset", "default", "--owner", o)
	}
	add(1, "capacity unset/of a figure never set", "capacity", "unset", "2027-Q3")
	add(1, "capacity unset/of a person's figure never set", "capacity", "unset", "default", "--owner", "sam")
	add(1, "capacity/from after to", "capacity", "--from", "2027-Q3", "--to", "2027-Q1")
	add(1, "capacity/as yaml", "capacity", "--format", "yaml")
	add(2, "capacity set/without an effort", "capacity", "set", "default")
	add(2, "capacity set/with an argument too many", "capacity", "set", "default", "10", "20")
	add(2, "capacity unset/without a quarter", "capacity", "unset")
	add(2, "capacity unset/with an argument too many", "capacity", "unset", "default", "2027-Q1")
	add(2, "capacity/with an unknown subcommand", "capacity", "reset")
	add(2, "capacity set/with an unknown flag", "capacity", "set", "default", "10", "--team", "x")
	return cs
}
