package e2e

// demoBadCases are the bad inputs of maturity demo (issue 9, item 8). The
// table gives every case --db, which demo refuses: the demo never opens a
// database of the user's. Without a terminal it is refused too, and in
// every case it makes nothing.
func demoBadCases() []badCase {
	return []badCase{
		{name: "demo/with --db", args: []string{"demo"}, code: 2},
		{name: "demo/with an argument", args: []string{"demo", "extra"}, code: 2},
		{name: "demo/with --db on an empty database", args: []string{"demo"}, code: 2, on: onEmpty},
	}
}
