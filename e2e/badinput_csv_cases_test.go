package e2e

import "strings"

// csvBadCases are CSV files that would undo newer work or that a
// spreadsheet in a ';' locale writes with bad rows, given on standard
// input. The roadmap they run against has #3 and #5 at version 2 and
// #1 "Version-control everything" (standardization 1).
func csvBadCases() []badCase {
	var cs []badCase
	for _, f := range []struct{ name, csv string }{
		{"a row older than the initiative it changes", "id,quarter,version\n3,2027-Q1,1\n"},
		{"a stale row after good ones", "id,owner,version\n1,bea,1\n2,cem,1\n5,dan,1\n"},
		{"a row without an id that matches an initiative", "title,domain,level\nVersion-control everything,standardization,1\n"},
		{"a row without an id that matches an initiative in other case and spacing", "title,domain,level\n  Version-control everything ,STANDARDIZATION,1\n"},
		{"version abc", "id,version\n1,abc\n"},
		{"version 0", "id,version\n1,0\n"},
		{"a negative version", "id,version\n1,-3\n"},
		{"a version past 2^53-1", "id,version\n1,9007199254740992\n"},
		{"';' between cells and level 9", "title;domain;level\nA;automation;9\n"},
		{"';' between cells and an unknown column", "title;colour\nA;red\n"},
		{"';' between cells and a bad decimal comma", "title;domain;level;effort\nA;automation;1;2,5,1\n"},
		{"';' between cells and a list that is not quoted", "id;title;domain;level;depends_on\n10;A;automation;1;1;2\n"},
		{"a line longer than 1 MiB", "title,domain,level\n" + strings.Repeat("x", 1<<20+1) + ",automation,1\n"},
	} {
		cs = append(cs,
			badCase{name: "import/of a CSV with " + f.name, code: 1, args: []string{"import", "-"}, stdin: f.csv},
			badCase{name: "import --dry-run/of a CSV with " + f.name, code: 1, args: []string{"import", "--dry-run", "-"}, stdin: f.csv},
		)
	}
	cs = append(cs,
		badCase{name: "import/of a JSON dump with --overwrite", code: 2, args: []string{"import", "--overwrite", "{in}/dump.json"}},
		badCase{name: "import/of a JSON dump with --allow-duplicates", code: 2, args: []string{"import", "--format", "json", "--allow-duplicates", "{in}/dump.json"}},
		badCase{name: "import/with --overwrite taking a value", code: 2, args: []string{"import", "--overwrite=always", "{in}/good.csv"}},
	)
	return cs
}
