package e2e

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
	return cs
}
