package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maturity/store"
)

// Bad values that apply to text fields.
var (
	tooLong    = strings.Repeat("x", 201)
	escape     = "\x1b[31mred"
	control    = "bell\x07"
	invalidUTF = "bad \xff\xfe utf-8"
	bidi       = "evil\u202etxt.exe"
)

// badCases is the table: for each command, each kind of bad value that
// applies to it.
func badCases() []badCase {
	var cs []badCase
	add := func(code int, name string, args ...string) {
		cs = append(cs, badCase{name: name, args: args, code: code})
	}
	addOn := func(on, code int, name string, args ...string) {
		cs = append(cs, badCase{name: name, args: args, code: code, on: on})
	}
	addIn := func(stdin string, code int, name string, args ...string) {
		cs = append(cs, badCase{name: name, args: args, code: code, stdin: stdin})
	}
	newInit := func(title string, flags ...string) []string {
		return append([]string{"add", title, "--domain", "automation", "--level", "1"}, flags...)
	}

	// add: the title, every field flag, missing and unknown flags.
	add(2, "add/without a title", "add", "--domain", "automation", "--level", "1")
	add(2, "add/with an empty title", newInit("")...)
	add(2, "add/with a blank title", newInit("   ")...)
	add(1, "add/with a 201-character title", newInit(tooLong)...)
	add(1, "add/with an escape sequence in the title", newInit(escape)...)
	add(1, "add/with a control character in the title", newInit(control)...)
	add(1, "add/with a newline in the title", newInit("two\nlines")...)
	add(1, "add/with invalid UTF-8 in the title", newInit(invalidUTF)...)
	add(1, "add/with a bidi override in the title", newInit(bidi)...)
	add(2, "add/without --domain", "add", "T", "--level", "1")
	add(2, "add/without --level", "add", "T", "--domain", "automation")
	add(1, "add/with an empty domain", "add", "T", "--domain", "", "--level", "1")
	add(1, "add/with an unknown domain", "add", "T", "--domain", "security", "--level", "1")
	add(1, "add/with an escape sequence as domain", "add", "T", "--domain", escape, "--level", "1")
	add(1, "add/with invalid UTF-8 as domain", "add", "T", "--domain", invalidUTF, "--level", "1")
	for _, l := range []string{"", "abc", "0", "5", "-1", "1.5", "NaN", "1e309", "99999999999999999999", escape} {
		add(1, "add/with level "+printableName(l), "add", "T", "--domain", "automation", "--level", l)
	}
	add(2, "add/with --level and no value", "add", "T", "--domain", "automation", "--level")
	for _, e := range []string{"abc", "-1", "NaN", "Inf", "-Inf", "1e309", "100001", "0x10p", invalidUTF} {
		add(1, "add/with effort "+printableName(e), newInit("T", "--effort", e)...)
	}
	for _, q := range []string{"2026-Q5", "2026-Q0", "1969-Q4", "3000-Q1", "2026", "someday", escape} {
		add(1, "add/with quarter "+printableName(q), newInit("T", "--quarter", q)...)
	}
	add(1, "add/with a 101-character owner", newInit("T", "--owner", strings.Repeat("o", 101))...)
	add(1, "add/with an escape sequence in the owner", newInit("T", "--owner", escape)...)
	add(1, "add/with invalid UTF-8 in the owner", newInit("T", "--owner", invalidUTF)...)
	add(1, "add/with a 10001-character description", newInit("T", "--description", strings.Repeat("d", 10001))...)
	add(1, "add/with an escape sequence in the description", newInit("T", "--description", escape)...)
	add(1, "add/with invalid UTF-8 in the description", newInit("T", "--description", invalidUTF)...)
	for _, d := range []string{"999", "abc", "0", "1,abc", "1;-2", escape} {
		add(1, "add/depending on "+printableName(d), newInit("T", "--depends-on", d)...)
	}
	add(1, "add/with 101 dependencies", newInit("T", "--depends-on", manyIDs(101))...)
	add(2, "add/with an unknown flag", newInit("T", "--colour", "red")...)
	add(2, "add/with an escape sequence as a flag", newInit("T", "--"+escape)...)

	// edit: ids, every field, dependencies that make no sense.
	add(2, "edit/without an id", "edit", "--owner", "x")
	add(2, "edit/with nothing to change", "edit", "1")
	add(2, "edit/with two ids", "edit", "1", "2", "--owner", "x")
	for _, id := range []string{"abc", "0", "1.5", "999", "99999999999999999999", "", escape, invalidUTF} {
		add(1, "edit/with id "+printableName(id), "edit", id, "--owner", "x")
	}
	add(2, "edit/with a negative id", "edit", "-1", "--owner", "x")
	add(1, "edit/with an empty title", "edit", "1", "--title", "")
	add(1, "edit/with a 201-character title", "edit", "1", "--title", tooLong)
	add(1, "edit/with an escape sequence in the title", "edit", "1", "--title", escape)
	add(1, "edit/with invalid UTF-8 in the title", "edit", "1", "--title", invalidUTF)
	add(1, "edit/with an unknown domain", "edit", "1", "--domain", "security")
	for _, l := range []string{"0", "5", "abc", "NaN", "1e309"} {
		add(1, "edit/with level "+printableName(l), "edit", "1", "--level", l)
	}
	for _, e := range []string{"-1", "NaN", "1e309", "abc"} {
		add(1, "edit/with effort "+printableName(e), "edit", "1", "--effort", e)
	}
	add(1, "edit/with quarter 2026-Q5", "edit", "1", "--quarter", "2026-Q5")
	add(1, "edit/making an initiative depend on itself", "edit", "1", "--depends-on", "1")
	add(1, "edit/making a dependency cycle", "edit", "1", "--depends-on", "2")
	add(1, "edit/depending on an unknown initiative", "edit", "1", "--depends-on", "999")
	add(2, "edit/with --force and no reason", "edit", "1", "--owner", "x", "--force")
	add(2, "edit/with a reason and no --force", "edit", "1", "--owner", "x", "--reason", "why")
	add(1, "edit/with an escape sequence in the reason", "edit", "1", "--owner", "x", "--force", "--reason", escape)
	add(1, "edit/with a 501-character reason", "edit", "1", "--owner", "x", "--force", "--reason", strings.Repeat("r", 501))
	add(2, "edit/with an unknown flag", "edit", "1", "--colour", "red")

	// move.
	add(2, "move/without arguments", "move")
	add(2, "move/without a quarter", "move", "1")
	add(2, "move/with an extra argument", "move", "1", "2026-Q3", "2026-Q4")
	for _, q := range []string{"", "2026-Q5", "1969-Q4", "next", escape, invalidUTF} {
		add(1, "move/to quarter "+printableName(q), "move", "1", q)
	}
	for _, id := range []string{"abc", "0", "999"} {
		add(1, "move/with id "+printableName(id), "move", id, "2026-Q3")
	}

	// start, done, drop, reopen.
	for _, verb := range []string{"start", "done", "drop", "reopen"} {
		add(2, verb+"/without an id", verb)
		add(2, verb+"/with two ids", verb, "1", "2")
		for _, id := range []string{"abc", "0", "999", "1e309", escape} {
			add(1, verb+"/with id "+printableName(id), verb, id)
		}
	}
	add(1, "start/when its prerequisites are unmet", "start", "4")
	add(1, "done/when its prerequisites are unmet", "done", "4")
	add(1, "done/when it is done already", "done", "3")
	add(1, "start/when it is done", "start", "3")
	add(1, "start/when it is dropped", "start", "5")
	add(1, "drop/when it is done", "drop", "3")
	add(1, "drop/when it is dropped already", "drop", "5")
	add(1, "reopen/when it is planned", "reopen", "1")
	add(2, "done/with --force and no reason", "done", "4", "--force")
	add(2, "done/with --force and a blank reason", "done", "4", "--force", "--reason", "  ")
	add(2, "start/with a reason and no --force", "start", "4", "--reason", "why")
	add(1, "done/with an escape sequence in the reason", "done", "4", "--force", "--reason", escape)
	add(1, "done/with invalid UTF-8 in the reason", "done", "4", "--force", "--reason", invalidUTF)
	add(2, "drop/with --force", "drop", "1", "--force", "--reason", "x")
	add(2, "reopen/with an unknown flag", "reopen", "3", "--colour", "red")

	// rm.
	add(2, "rm/without an id", "rm")
	add(2, "rm/with two ids", "rm", "3", "4")
	for _, id := range []string{"abc", "0", "999", escape} {
		add(1, "rm/with id "+printableName(id), "rm", id)
	}
	add(1, "rm/of an initiative others depend on", "rm", "1")

	// depend.
	add(2, "depend/without an id", "depend", "--on", "1")
	add(2, "depend/without --on", "depend", "2")
	add(1, "depend/on nothing", "depend", "2", "--on", "")
	add(1, "depend/on abc", "depend", "2", "--on", "abc")
	add(1, "depend/on itself", "depend", "2", "--on", "2")
	add(1, "depend/making a cycle", "depend", "1", "--on", "2")
	add(1, "depend/on an unknown initiative", "depend", "2", "--on", "999")
	add(1, "depend/of an unknown initiative", "depend", "999", "--on", "1")
	add(1, "depend/of id abc", "depend", "abc", "--on", "1")
	add(1, "depend/on 101 initiatives", "depend", "4", "--on", manyIDs(101))
	add(2, "depend/with --remove taking a value", "depend", "2", "--on", "1", "--remove=maybe")

	// assess.
	add(2, "assess/without a level", "assess", "governance")
	add(2, "assess/with an extra argument", "assess", "governance", "1", "2")
	for _, l := range []string{"", "abc", "5", "1.5", "NaN", "1e309", escape} {
		add(1, "assess/at level "+printableName(l), "assess", "governance", l)
	}
	add(1, "assess/at level -1", "assess", "governance", "--", "-1")
	add(1, "assess/an unknown domain", "assess", "security", "1")
	add(1, "assess/an empty domain", "assess", "", "1")
	add(1, "assess/an escape sequence as domain", "assess", escape, "1")
	add(1, "assess/with a 1001-character note", "assess", "governance", "2", "--note", strings.Repeat("n", 1001))
	add(1, "assess/with an escape sequence in the note", "assess", "governance", "2", "--note", escape)
	add(1, "assess/with invalid UTF-8 in the note", "assess", "governance", "2", "--note", invalidUTF)

	// import of a CSV: every file is refused whole.
	add(2, "import/without a file", "import")
	add(1, "import/of a missing file", "import", "{in}/missing.csv")
	add(1, "import/of a folder", "import", "{in}")
	add(1, "import/with an unknown format", "import", "--format", "xml", "{in}/good.csv")
	add(1, "import/of a CSV as a JSON dump", "import", "--format", "json", "{in}/good.csv")
	for _, f := range csvFiles {
		add(1, "import/"+f.name, "import", "{in}/"+f.file)
		add(1, "import/--dry-run "+f.name, "import", "--dry-run", "{in}/"+f.file)
	}
	addIn("title,domain,level\nA,automation,9\n", 1, "import/of a bad CSV on standard input", "import", "-")
	addIn("", 1, "import/of nothing on standard input", "import", "-")

	// import of a JSON dump: into an empty database, where a good dump
	// would restore, so only the badness refuses it.
	add(1, "import json/of a good dump into a database that has initiatives", "import", "{in}/dump.json")
	for _, f := range dumpFiles {
		addOn(onEmpty, 1, "import json/"+f.name, "import", "--format", "json", "{in}/"+f.file)
	}
	addOn(onEmpty, 1, "import json/of a dump with a cycle, detected from its first brace", "import", "{in}/dump-cycle.json")

	// model import.
	add(2, "model import/without a file", "model", "import")
	add(1, "model import/of a missing file", "model", "import", "{in}/missing.yaml")
	for _, f := range modelFiles {
		add(1, "model import/"+f.name, "model", "import", "{in}/"+f.file)
	}
	add(2, "model/with an unknown subcommand", "model", "replace", "{in}/model-small.yaml")

	// backup and export to places that cannot be written.
	add(2, "backup/without a path", "backup")
	add(1, "backup/into a missing folder", "backup", "{dir}/missing/backup.db")
	add(1, "backup/over an existing file", "backup", "{dir}/existing.db")
	add(1, "backup/onto a folder", "backup", "{dir}/sub")
	add(1, "backup/onto the database itself", "backup", "{dir}/roadmap.db")
	add(1, "backup/onto the database itself, forced", "backup", "--force", "{dir}/roadmap.db")
	add(1, "export/into a missing folder", "export", "-o", "{dir}/missing/roadmap.csv")
	add(1, "export/as JSON into a missing folder", "export", "--format", "json", "-o", "{dir}/missing/dump.json")
	add(1, "export/as Markdown onto a folder", "export", "--format", "markdown", "-o", "{dir}/sub")
	add(1, "export/with an unknown format", "export", "--format", "xml")
	add(2, "export/with -o and no file", "export", "-o")
	add(1, "model export/into a missing folder", "model", "export", "-o", "{dir}/missing/model.yaml")

	// Views with bad flags.
	add(1, "list/with an unknown format", "list", "--format", "xml")
	add(1, "list/with a bad quarter", "list", "--quarter", "2026-Q9")
	add(1, "list/with an unknown domain", "list", "--domain", "security")
	add(1, "list/with an unknown status", "list", "--status", "finished")
	add(1, "list/with an empty status in the list", "list", "--status", "done,")
	add(1, "list/with an escape sequence as status", "list", "--status", escape)
	add(2, "list/with an unknown flag", "list", "--colour")
	add(2, "list/with an argument", "list", "all")
	add(2, "list/with --ready taking a value", "list", "--ready=soon")
	add(2, "show/without an id", "show")
	for _, id := range []string{"abc", "0", "999", escape} {
		add(1, "show/with id "+printableName(id), "show", id)
	}
	add(1, "show/with an unknown format", "show", "1", "--format", "xml")
	add(1, "levels/with an unknown format", "levels", "--format", "xml")
	add(2, "levels/with an unknown flag", "levels", "--colour")
	add(2, "levels/with an argument", "levels", "now")
	add(2, "levels/with --history taking a value", "levels", "--history=all")
	add(1, "plan/with an unknown format", "plan", "--format", "xml")
	add(1, "check/with an unknown format", "check", "--format", "xml")
	add(1, "check/failing on an unknown severity", "check", "--fail-on", "fatal")
	add(2, "check/with an unknown flag", "check", "--strict")
	add(2, "check/with an argument", "check", "everything")
	add(1, "log/of id abc", "log", "abc")
	add(2, "log/with two ids", "log", "1", "2")
	add(1, "log/since a bad date", "log", "--since", "yesterday")
	add(1, "log/with a negative limit", "log", "--limit=-1")
	add(2, "log/with limit abc", "log", "--limit", "abc")
	add(1, "log/with an unknown format", "log", "--format", "xml")
	add(1, "list/with a bad --today", "list", "--today", "2026-13-01")
	add(1, "check/with an escape sequence as --today", "check", "--today", escape)
	add(2, "an unknown command", "frobnicate")
	add(2, "an escape sequence as command", escape)
	add(1, "init --demo/on a database that has initiatives", "init", "--demo")

	// --db that is not a usable maturity database.
	for _, on := range []struct {
		on   int
		what string
	}{{onText, "a text file"}, {onForeign, "another application's SQLite database"}, {onFolder, "a folder"}} {
		addOn(on.on, 1, "db/"+on.what+" for list", "list")
		addOn(on.on, 1, "db/"+on.what+" for add", newInit("T")...)
		addOn(on.on, 1, "db/"+on.what+" for import", "import", "{in}/good.csv")
	}
	addOn(onReadOnly, 1, "db/read-only file for add", newInit("T")...)
	addOn(onReadOnly, 1, "db/read-only file for edit", "edit", "1", "--owner", "x")
	addOn(onReadOnly, 1, "db/read-only file for import", "import", "{in}/good.csv")
	addOn(onReadOnly, 1, "db/read-only file for model import", "model", "import", "{in}/model-renamed.yaml")
	addOn(onLocked, 1, "db/read-only file in a read-only folder for add", newInit("T")...)
	addOn(onLocked, 1, "db/read-only file in a read-only folder for import", "import", "{in}/good.csv")
	cs = append(cs, dumpsBadCases()...)
	cs = append(cs, outputBadCases()...)
	cs = append(cs, textBadCases()...)
	cs = append(cs, csvBadCases()...)
	cs = append(cs, demoBadCases()...)
	cs = append(cs, evidenceBadCases()...)
	cs = append(cs, capacityBadCases()...)
	return cs
}

// printableName shows a value in a subtest name.
func printableName(s string) string {
	if s == "" {
		return "(empty)"
	}
	b, _ := json.Marshal(s)
	return strings.Trim(string(b), `"`)
}

func manyIDs(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = id(int64(i + 1))
	}
	return strings.Join(ids, ",")
}

// A bad input file: its name in the inputs folder and what is wrong.
type inputFile struct{ name, file, content string }

var csvFiles = []inputFile{
	{"of an empty CSV", "empty.csv", ""},
	{"of a CSV with an unterminated quote", "unterminated.csv", "id,title,domain,level\n10,\"unterminated,automation,1\n"},
	{"of a CSV without a header", "no-header.csv", "Adopt Argo CD,automation,3\n"},
	{"of a CSV with an unknown column", "unknown-column.csv", "title,domain,level,colour\nA,automation,1,red\n"},
	{"of a CSV with a repeated column", "repeated-column.csv", "title,domain,level,title\nA,automation,1,B\n"},
	{"of a CSV with a short row", "short-row.csv", "title,domain,level\nA,automation\n"},
	{"of a CSV without a title column", "no-title.csv", "domain,level\nautomation,1\n"},
	{"of a CSV with level 5", "level-5.csv", "title,domain,level\nA,automation,5\n"},
	{"of a CSV with level abc", "level-abc.csv", "title,domain,level\nA,automation,abc\n"},
	{"of a CSV with level 1e309", "level-huge.csv", "title,domain,level\nA,automation,1e309\n"},
	{"of a CSV with effort NaN", "effort-nan.csv", "title,domain,level,effort\nA,automation,1,NaN\n"},
	{"of a CSV with effort 1e309", "effort-huge.csv", "title,domain,level,effort\nA,automation,1,1e309\n"},
	{"of a CSV with effort -1", "effort-negative.csv", "title,domain,level,effort\nA,automation,1,-1\n"},
	{"of a CSV with an unknown domain", "domain.csv", "title,domain,level\nA,security,1\n"},
	{"of a CSV with a bad quarter", "quarter.csv", "title,domain,level,quarter\nA,automation,1,2026-Q5\n"},
	{"of a CSV with a bad status", "status.csv", "title,domain,level,status\nA,automation,1,finished\n"},
	{"of a CSV with id abc", "id-abc.csv", "id,title,domain,level\nabc,A,automation,1\n"},
	{"of a CSV with id 0", "id-zero.csv", "id,title,domain,level\n0,A,automation,1\n"},
	{"of a CSV with a repeated id", "repeated-id.csv", "id,title,domain,level\n10,A,automation,1\n10,B,automation,1\n"},
	{"of a CSV with a dependency on an unknown initiative", "unknown-dep.csv", "id,title,domain,level,depends_on\n10,A,automation,1,999\n"},
	{"of a CSV with a self-dependency", "self-dep.csv", "id,title,domain,level,depends_on\n10,A,automation,1,10\n"},
	{"of a CSV with a dependency cycle", "cycle.csv", "id,title,domain,level,depends_on\n10,A,automation,1,11\n11,B,automation,1,10\n"},
	{"of a CSV that closes a cycle with the database", "cycle-existing.csv", "id,depends_on\n1,2\n"},
	{"of a CSV with invalid UTF-8", "invalid-utf8.csv", "title,domain,level\n" + invalidUTF + ",automation,1\n"},
	{"of a CSV with an escape sequence", "escape.csv", "title,domain,level\n" + escape + ",automation,1\n"},
	{"of a CSV with a 201-character title", "long-title.csv", "title,domain,level\n" + tooLong + ",automation,1\n"},
	{"of a CSV with an empty title", "empty-title.csv", "title,domain,level\n,automation,1\n"},
	{"of a CSV whose last row is bad", "last-row-bad.csv", "title,domain,level\nA,automation,1\nB,governance,2\nC,observability,3\nD,automation,0\n"},
	{"of a binary file", "binary.csv", "\x00\x01\x02PK\x03\x04\xff\xfe\x00garbage"},
}

// writeBadInputFiles writes the bad (and a few good) input files: CSVs,
// JSON dumps derived from a real dump of db, and model files.
func writeBadInputFiles(t *testing.T, rn *runner, db, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range csvFiles {
		write(f.file, []byte(f.content))
	}
	write("good.csv", []byte("title,domain,level\nGood one,automation,1\n"))

	good := rn.must(t, "--db", db, "export", "--format", "json").stdout
	write("dump.json", []byte(good))
	// Each crafted dump is the good one with one change: the good one
	// re-encoded unchanged must read back.
	reencoded := func(change func(d *store.Dump)) []byte {
		d, _, err := store.ParseDump(strings.NewReader(good))
		if err != nil {
			t.Fatal(err)
		}
		change(d)
		data, err := encodeDump(d)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	if _, _, err := store.ParseDump(bytes.NewReader(reencoded(func(*store.Dump) {}))); err != nil {
		t.Fatalf("the good dump, re-encoded unchanged, does not read back: %v", err)
	}
	for _, f := range dumpFiles {
		if f.change == nil {
			write(f.file, []byte(f.raw(good)))
			continue
		}
		write(f.file, reencoded(f.change))
	}

	model := rn.must(t, "--db", db, "model", "export").stdout
	write("model-renamed.yaml", []byte(strings.Replace(model, "name: Standardization", "name: Standardisation", 1)))
	for _, f := range modelFiles {
		content := f.content
		if f.fromDefault != nil {
			content = f.fromDefault(model)
		}
		write(f.file, []byte(content))
	}
}

// A bad dump: either a change to a parsed good dump, or a change to its
// text.
type dumpFile struct {
	name, file string
	change     func(d *store.Dump)
	raw        func(good string) string
}

var dumpFiles = []dumpFile{
	{name: "of a dump with a dependency cycle", file: "dump-cycle.json", change: func(d *store.Dump) { d.Initiatives[0].DependsOn = []int64{2} }},
	{name: "of a dump with a self-dependency", file: "dump-self.json", change: func(d *store.Dump) { d.Initiatives[0].DependsOn = []int64{1} }},
	{name: "of a dump with an unknown dependency", file: "dump-unknown-dep.json", change: func(d *store.Dump) { d.Initiatives[0].DependsOn = []int64{999} }},
	{name: "of a dump with a repeated initiative id", file: "dump-repeated-id.json", change: func(d *store.Dump) { d.Initiatives[1].ID = d.Initiatives[0].ID }},
	{name: "of a dump with initiative id 0", file: "dump-id-zero.json", change: func(d *store.Dump) { d.Initiatives[4].ID = 0 }},
	{name: "of a dump with a bad quarter", file: "dump-quarter.json", change: func(d *store.Dump) { d.Initiatives[0].Quarter = "2026-Q5" }},
	{name: "of a dump with a bad status", file: "dump-status.json", change: func(d *store.Dump) { d.Initiatives[0].Status = "finished" }},
	{name: "of a dump with level 5", file: "dump-level.json", change: func(d *store.Dump) { d.Initiatives[0].Level = 5 }},
	{name: "of a dump with an unknown domain", file: "dump-domain.json", change: func(d *store.Dump) { d.Initiatives[0].Domain = "security" }},
	{name: "of a dump with an escape sequence in a title", file: "dump-escape.json", change: func(d *store.Dump) { d.Initiatives[0].Title = escape }},
	{name: "of a dump with a 201-character title", file: "dump-long-title.json", change: func(d *store.Dump) { d.Initiatives[0].Title = tooLong }},
	{name: "of a dump with a negative effort", file: "dump-effort.json", change: func(d *store.Dump) { e := -1.0; d.Initiatives[0].Effort = &e }},
	{name: "of a dump with version 0 of an initiative", file: "dump-initiative-version.json", change: func(d *store.Dump) { d.Initiatives[0].Version = 0 }},
	{name: "of a dump with a bad timestamp", file: "dump-time.json", change: func(d *store.Dump) { d.Initiatives[0].Created = "yesterday" }},
	{name: "of a dump with a missing timestamp", file: "dump-no-time.json", change: func(d *store.Dump) { d.Initiatives[0].Updated = "" }},
	{name: "of a dump with an id counter below its ids", file: "dump-last-id.json", change: func(d *store.Dump) { d.LastID = 2 }},
	{name: "of a dump with an unknown history action", file: "dump-action.json", change: func(d *store.Dump) { d.History[0].Action = "hack" }},
	{name: "of a dump with a repeated history id", file: "dump-history-id.json", change: func(d *store.Dump) { d.History[1].ID = d.History[0].ID }},
	{name: "of a dump with an assessment of an unknown domain", file: "dump-assessment.json", change: func(d *store.Dump) { d.Assessments[0].Domain = "security" }},
	{name: "of a dump with an assessment at level 5", file: "dump-assessment-level.json", change: func(d *store.Dump) { d.Assessments[0].Level = 5 }},
	{name: "of a dump whose model lacks a domain in use", file: "dump-model.json", change: func(d *store.Dump) {
		d.Model.Domains, d.Model.Rules = d.Model.Domains[:1], nil
	}},
	{name: "of a dump whose model has a rule cycle", file: "dump-rule-cycle.json", change: func(d *store.Dump) {
		d.Model.Rules = append(d.Model.Rules, store.DumpRule{Domain: "standardization", Level: 1, Requires: "automation", AtLeast: 4})
	}},
	{name: "of a dump of another format", file: "dump-format.json", change: func(d *store.Dump) { d.Format = "other-dump" }},
	{name: "of a dump of version 4", file: "dump-version.json", change: func(d *store.Dump) { d.Version = 4 }},
	{name: "of a truncated dump", file: "dump-truncated.json", raw: func(g string) string { return g[:len(g)/2] }},
	{name: "of a dump with an unknown field", file: "dump-unknown-field.json", raw: func(g string) string { return strings.Replace(g, "{", `{"colour": "red",`, 1) }},
	{name: "of a dump with data after it", file: "dump-trailing.json", raw: func(g string) string { return g + "{}\n" }},
	{name: "of a dump with invalid UTF-8", file: "dump-utf8.json", raw: func(g string) string { return strings.Replace(g, "Version-control", "Version\xff-control", 1) }},
	{name: "of a dump with a string for a number", file: "dump-type.json", raw: func(g string) string { return strings.Replace(g, `"level": 1,`, `"level": "abc",`, 1) }},
	{name: "of a dump with level 1e309", file: "dump-huge.json", raw: func(g string) string { return strings.Replace(g, `"level": 1,`, `"level": 1e309,`, 1) }},
	{name: "of a dump with effort NaN", file: "dump-nan.json", raw: func(g string) string { return strings.Replace(g, `"effort": 3,`, `"effort": NaN,`, 1) }},
	{name: "of an empty JSON object", file: "dump-empty-object.json", raw: func(string) string { return "{}\n" }},
	{name: "of a JSON array", file: "dump-array.json", raw: func(string) string { return "[]\n" }},
	{name: "of an empty file", file: "dump-empty.json", raw: func(string) string { return "" }},
}

// A bad model file: given, or made from the default model's YAML.
type modelFile struct {
	name, file, content string
	fromDefault         func(string) string
}

var modelFiles = []modelFile{
	{name: "of an empty file", file: "model-empty.yaml", content: ""},
	{name: "of invalid YAML", file: "model-invalid.yaml", content: "domains: [\n"},
	{name: "of a YAML list", file: "model-list.yaml", content: "- a\n- b\n"},
	{name: "of invalid UTF-8", file: "model-utf8.yaml", content: "stages: [" + invalidUTF + "]\n"},
	{name: "of a model with an unknown key", file: "model-unknown-key.yaml", fromDefault: func(m string) string { return m + "colour: red\n" }},
	{name: "of a model with a repeated domain", file: "model-repeated-domain.yaml", fromDefault: func(m string) string {
		return strings.Replace(m, "key: automation", "key: standardization", 1)
	}},
	{name: "of a model with a level missing", file: "model-level-missing.yaml", content: smallModel("      - {level: 4, name: A4}\n", "")},
	{name: "of a model with a rule cycle", file: "model-rule-cycle.yaml", content: smallModel("",
		"  - {domain: a, level: 2, requires: b, at_least: 2}\n  - {domain: b, level: 2, requires: a, at_least: 2}\n")},
	{name: "of a model with a rule on an unknown domain", file: "model-rule-domain.yaml", content: smallModel("",
		"  - {domain: a, level: 2, requires: c, at_least: 2}\n")},
	{name: "of a model with an escape sequence in a name", file: "model-escape.yaml", fromDefault: func(m string) string {
		return strings.Replace(m, "name: Standardization", `name: "\e[31mStandardization"`, 1)
	}},
	{name: "of a model that drops domains in use", file: "model-small.yaml", content: smallModel("", "")},
	{name: "of a YAML alias bomb", file: "model-bomb.yaml", content: "stages:\n  - &a [x, x, x, x, x, x, x, x, x]\n  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
		"  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n" +
		"  - &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n  - &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n" +
		"  - &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n  - [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"},
}

// smallModel is a valid two-domain model (a and b), less the line drop,
// with extra rules.
func smallModel(drop, rules string) string {
	m := `stages:
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
    levels:
      - {level: 0, name: B0}
      - {level: 1, name: B1}
      - {level: 2, name: B2}
      - {level: 3, name: B3}
      - {level: 4, name: B4}
rules:
` + rules
	if drop != "" {
		m = strings.Replace(m, drop, "", 1)
	}
	if rules == "" {
		m = strings.Replace(m, "rules:\n", "rules: []\n", 1)
	}
	return m
}
