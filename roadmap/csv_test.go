package roadmap

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// csvRoadmap is a small roadmap that exercises every CSV column, quoting
// and formula defusing.
func csvRoadmap() *Roadmap {
	return newRoadmap(nil,
		Initiative{ID: 1, Title: "Put infra in Git", Domain: "standardization", Level: 1, Status: Done,
			Quarter: qtr("2026-Q1"), Owner: "ana", Effort: Effort{3, true}, Description: "All Terraform in one repo.", Version: 3},
		Initiative{ID: 2, Title: "Script deploys", Domain: "automation", Level: 1, Status: InProgress,
			Quarter: qtr("2026-Q2"), Owner: "ben", Effort: Effort{2.5, true}, DependsOn: []int64{1}},
		Initiative{ID: 3, Title: "=SUM(A1)", Domain: "governance", Level: 1, Status: Planned,
			Description: "- first\n- second"},
		Initiative{ID: 4, Title: "Central logs, metrics", Domain: "observability", Level: 2, Status: Planned,
			Quarter: qtr("2026-Q2"), DependsOn: []int64{2, 3}},
		Initiative{ID: 5, Title: "'quoted", Domain: "standardization", Level: 2, Status: Planned,
			Quarter: qtr("2026-Q2"), Owner: "@ops", Version: 7},
		Initiative{ID: 6, Title: "'=already defused", Domain: "governance", Level: 2, Status: Dropped,
			Owner: `say "hi"`, Effort: Effort{0, true}, Description: "+1 from @ana\n-- ben"},
	)
}

const csvRoadmapText = `id,title,domain,level,level_name,quarter,status,owner,effort,depends_on,description,warnings,version
1,Put infra in Git,standardization,1,Version-Controlled,2026-Q1,done,ana,3,,All Terraform in one repo.,,3
5,'quoted,standardization,2,Templated,2026-Q2,planned,'@ops,,,,overdue,7
2,Script deploys,automation,1,Scripted,2026-Q2,in-progress,ben,2.5,1,,overdue,
4,"Central logs, metrics",observability,2,Centralized,2026-Q2,planned,,,"2;3",,"prerequisite-unplanned;dependency-late;overdue",
3,'=SUM(A1),governance,1,Audits,,planned,,,,"'- first
- second",,
6,''=already defused,governance,2,Static Checks,,dropped,"say ""hi""",0,,"'+1 from @ana
-- ben",,
`

func writeCSV(t testing.TB, r *Roadmap, ws []Warning) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, r, ws); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteCSV(t *testing.T) {
	r := csvRoadmap()
	t.Run("a small roadmap is written exactly", func(t *testing.T) {
		got := string(writeCSV(t, r, r.Check(qtr("2026-Q3"))))
		if got != csvRoadmapText {
			t.Errorf("WriteCSV:\n%s\nwant:\n%s", got, csvRoadmapText)
		}
	})
	t.Run("an empty roadmap is the header alone", func(t *testing.T) {
		got := string(writeCSV(t, newRoadmap(nil), nil))
		mustEqual(t, "WriteCSV", got, strings.Join(CSVHeader, ",")+"\n")
	})
	t.Run("the header is exactly the documented one", func(t *testing.T) {
		mustEqual(t, "header", strings.Join(CSVHeader, ","), "id,title,domain,level,level_name,quarter,status,owner,effort,depends_on,description,warnings,version")
	})
}

func TestDefuse(t *testing.T) {
	tests := []struct {
		name, cell, written string
	}{
		{"an equals sign gets an apostrophe", "=1+1", "'=1+1"},
		{"a plus sign gets an apostrophe", "+1", "'+1"},
		{"a minus sign gets an apostrophe", "-1", "'-1"},
		{"an at sign gets an apostrophe", "@SUM(A1)", "'@SUM(A1)"},
		{"a tab gets an apostrophe", "\tx", "'\tx"},
		{"a carriage return gets an apostrophe", "\rx", "'\rx"},
		{"a cell starting with an apostrophe before a formula gets one more", "'=x", "''=x"},
		{"a cell of apostrophes before a formula gets one more", "'''+x", "''''+x"},
		{"a cell starting with an apostrophe before text is left alone", "'quoted", "'quoted"},
		{"a lone apostrophe is left alone", "'", "'"},
		{"plain text is left alone", "a=b", "a=b"},
		{"a space before an equals sign is left alone", " =x", " =x"},
		{"a newline first is left alone", "\n=x", "\n=x"},
		{"an empty cell is left alone", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := defuse(tt.cell); got != tt.written {
				t.Errorf("defuse(%q) = %q, want %q", tt.cell, got, tt.written)
			}
			if got := rearm(tt.written); got != tt.cell {
				t.Errorf("rearm(%q) = %q, want %q", tt.written, got, tt.cell)
			}
		})
	}
}

func TestReadCSV(t *testing.T) {
	t.Run("what WriteCSV writes is read back", func(t *testing.T) {
		imp, err := ReadCSV(strings.NewReader(csvRoadmapText), testModel)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range CSVHeader {
			if !imp.Columns[c] {
				t.Errorf("column %s missing", c)
			}
		}
		want := csvRoadmap().Sorted()
		if len(imp.Rows) != len(want) {
			t.Fatalf("%d rows, want %d", len(imp.Rows), len(want))
		}
		lines := []int{2, 3, 4, 5, 6, 8}
		for i, row := range imp.Rows {
			in := row.Initiative
			if len(in.DependsOn) == 0 {
				in.DependsOn = nil
			}
			mustEqual(t, "row", in, *want[i])
			if !row.HasID || row.Line != lines[i] {
				t.Errorf("row %d: HasID %v, Line %d, want line %d", i, row.HasID, row.Line, lines[i])
			}
		}
	})
	t.Run("columns may come in any order and any case, and may be missing", func(t *testing.T) {
		imp, err := ReadCSV(strings.NewReader("Level, TITLE ,domain,Quarter\n2,Templates,standardization,2026q3\n"), testModel)
		if err != nil {
			t.Fatal(err)
		}
		mustEqual(t, "columns", imp.Columns, map[string]bool{"level": true, "title": true, "domain": true, "quarter": true})
		mustEqual(t, "rows", imp.Rows, []CSVRow{{Line: 2, Initiative: Initiative{Title: "Templates", Domain: "standardization", Level: 2, Quarter: qtr("2026-Q3")}}})
	})
	t.Run("a byte order mark and CRLF line ends are accepted", func(t *testing.T) {
		imp, err := ReadCSV(strings.NewReader("\xef\xbb\xbfid,title,domain,level\r\n1,A,automation,1\r\n2,\"B\r\nC\",automation,2\r\n"), testModel)
		if err != nil {
			t.Fatal(err)
		}
		if len(imp.Rows) != 2 || !imp.Columns["id"] || imp.Rows[1].Initiative.Title != "B\nC" || imp.Rows[1].Line != 3 {
			t.Fatalf("rows = %+v", imp.Rows)
		}
	})
	t.Run("level_name and warnings are ignored", func(t *testing.T) {
		imp, err := ReadCSV(strings.NewReader("title,domain,level,level_name,warnings\nA,automation,1,Nonsense,no-such-code\n"), testModel)
		if err != nil {
			t.Fatal(err)
		}
		mustEqual(t, "row", imp.Rows[0].Initiative, Initiative{Title: "A", Domain: "automation", Level: 1})
	})
	t.Run("cells are parsed leniently", func(t *testing.T) {
		imp, err := ReadCSV(strings.NewReader("id,domain,level,status,effort,depends_on,quarter\n#9, Automation ,+3,Started,1e1,\"#2, 1;1\",backlog\n"), testModel)
		if err != nil {
			t.Fatal(err)
		}
		mustEqual(t, "row", imp.Rows[0], CSVRow{Line: 2, HasID: true, Initiative: Initiative{ID: 9, Domain: "automation", Level: 3,
			Status: InProgress, Effort: Effort{10, true}, DependsOn: []int64{1, 2}}})
	})
	t.Run("an empty id means a new initiative", func(t *testing.T) {
		imp, err := ReadCSV(strings.NewReader("id,title,domain,level\n ,A,automation,1\n"), testModel)
		if err != nil {
			t.Fatal(err)
		}
		if imp.Rows[0].HasID {
			t.Error("HasID for an empty id")
		}
	})
	t.Run("a header without rows is no rows", func(t *testing.T) {
		imp, err := ReadCSV(strings.NewReader("id,title\n"), testModel)
		if err != nil || len(imp.Rows) != 0 {
			t.Fatalf("ReadCSV = %+v, %v", imp, err)
		}
	})
}

func TestReadCSVErrors(t *testing.T) {
	const head = "id,title,domain,level,quarter,status,effort,depends_on\n"
	tests := []struct {
		name string
		csv  string
		err  string
	}{
		{name: "an empty file is refused", csv: "",
			err: "line 1: the file is empty: a header is required (id,title,domain,level,level_name,quarter,status,owner,effort,depends_on,description,warnings,version)"},
		{name: "a file with only a byte order mark is refused as empty", csv: "\xef\xbb\xbf",
			err: "line 1: the file is empty: a header is required (id,title,domain,level,level_name,quarter,status,owner,effort,depends_on,description,warnings,version)"},
		{name: "a file without a header is refused", csv: "1,A,automation,1\n",
			err: `line 1: unknown column "1" (want id,title,domain,level,level_name,quarter,status,owner,effort,depends_on,description,warnings,version)`},
		{name: "an unknown column is refused", csv: "id,title,colour\n",
			err: `line 1: unknown column "colour" (want id,title,domain,level,level_name,quarter,status,owner,effort,depends_on,description,warnings,version)`},
		{name: "an empty column name is refused", csv: "id,title,\n",
			err: `line 1: unknown column "" (want id,title,domain,level,level_name,quarter,status,owner,effort,depends_on,description,warnings,version)`},
		{name: "a duplicate column is refused", csv: "id,title,Title\n",
			err: `line 1: column "title" appears twice`},
		{name: "a column name that is not UTF-8 is refused", csv: "id,ti\xfftle\n",
			err: `line 1: column 2's name is not valid UTF-8`},
		{name: "a row with too few fields is refused", csv: head + "1,A,automation,1,,,,\n2,B,automation\n",
			err: "line 3: wrong number of fields: every row needs one per header column"},
		{name: "a row with too many fields is refused", csv: head + "1,A,automation,1,,,,,extra\n",
			err: "line 2: wrong number of fields: every row needs one per header column"},
		{name: "a bad quarter is refused", csv: head + "1,A,automation,1,2026-Q5,,,\n",
			err: `line 2: invalid quarter "2026-Q5": want YYYY-QN, e.g. 2026-Q3`},
		{name: "an unknown domain is refused", csv: head + "1,A,security,1,,,,\n",
			err: `line 2: unknown domain "security": want standardization, automation, governance, observability`},
		{name: "an empty domain is refused", csv: head + "1,A,,1,,,,\n",
			err: `line 2: unknown domain "": want standardization, automation, governance, observability`},
		{name: "level 0 is refused", csv: head + "1,A,automation,0,,,,\n",
			err: `line 2: invalid level "0": want a number from 1 to 4`},
		{name: "level 5 is refused", csv: head + "1,A,automation,5,,,,\n",
			err: `line 2: invalid level "5": want a number from 1 to 4`},
		{name: "an empty level is refused", csv: head + "1,A,automation,,,,,\n",
			err: `line 2: invalid level "": want a number from 1 to 4`},
		{name: "a bad status is refused", csv: head + "1,A,automation,1,,finished,,\n",
			err: `line 2: invalid status "finished": want planned, in-progress, done or dropped`},
		{name: "a bad effort is refused", csv: head + "1,A,automation,1,,,-2,\n",
			err: `line 2: invalid effort "-2": want a number from 0 to 100000`},
		{name: "a bad id is refused", csv: head + "x1,A,automation,1,,,,\n",
			err: `line 2: invalid id "x1": want a positive number`},
		{name: "a bad dependency is refused", csv: head + "1,A,automation,1,,,,2;zero\n",
			err: `line 2: invalid id "zero": want a positive number`},
		{name: "a title that is not UTF-8 is refused", csv: head + "1,A\xc3,automation,1,,,,\n",
			err: `line 2: title is not valid UTF-8`},
		{name: "an ignored column that is not UTF-8 is refused too", csv: "title,domain,level,warnings\nA,automation,1,\xff\n",
			err: `line 2: warnings is not valid UTF-8`},
		{name: "the line is where the bad row starts after a multi-line cell", csv: "title,domain,level,quarter,description\n" +
			"A,automation,1,,\"two\nlines\"\nB,automation,1,2026-Q9,\n",
			err: `line 4: invalid quarter "2026-Q9": want YYYY-QN, e.g. 2026-Q3`},
		{name: "a version that is not a number is refused", csv: "id,version\n1,abc\n",
			err: `line 2: invalid version "abc": want a whole number from 1 to 9007199254740991, as export writes it`},
		{name: "version 0 is refused", csv: "id,version\n1,0\n",
			err: `line 2: invalid version "0": want a whole number from 1 to 9007199254740991, as export writes it`},
		{name: "a version past the largest id is refused", csv: "id,version\n1,9007199254740992\n",
			err: `line 2: invalid version "9007199254740992": want a whole number from 1 to 9007199254740991, as export writes it`},
		{name: "a header line longer than 1 MiB is refused", csv: "title" + strings.Repeat(" ", MaxCSVLine) + "\n",
			err: "line 1: longer than 1024 KiB, which no row of a roadmap is"},
		{name: "a row longer than 1 MiB is refused with its line", csv: "title,description\nA,ok\nB,\"" + strings.Repeat("x", MaxCSVLine) + "\"\n",
			err: "line 3: longer than 1024 KiB, which no row of a roadmap is"},
		{name: "a bare quote is refused with its line", csv: head + "1,A \"B\",automation,1,,,,\n",
			err: `line 2: bare " in non-quoted-field`},
		{name: "an unterminated quote is refused", csv: head + "1,\"A,automation,1,,,,\n",
			err: `line 2: extraneous or missing " in quoted-field`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp, err := ReadCSV(strings.NewReader(tt.csv), testModel)
			if !errIs(err, tt.err) {
				t.Fatalf("ReadCSV:\n got  %v (%+v)\n want %s", err, imp, tt.err)
			}
		})
	}
}

// importInto reads data and plans its import into r.
func importInto(t testing.TB, r *Roadmap, data []byte) (*ImportPlan, error) {
	t.Helper()
	imp, err := ReadCSV(bytes.NewReader(data), r.Model)
	if err != nil {
		return nil, err
	}
	return r.PlanImport(imp.Source(), ImportOptions{})
}

func TestCSVRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		r     *Roadmap
		today Quarter
	}{
		{"the small roadmap", csvRoadmap(), qtr("2026-Q3")},
		{"the small roadmap without a today", csvRoadmap(), Backlog},
		{"a generated roadmap of 2000 initiatives", genRoadmap(2000), qtr("2027-Q2")},
		{"titles that look like formulas once or twice", newRoadmap(nil,
			titled(ini(1, "automation", 1, Planned, ""), "'"),
			titled(ini(2, "automation", 1, Planned, ""), "''"),
			titled(ini(3, "automation", 1, Planned, ""), "'=1"),
			titled(ini(4, "automation", 1, Planned, ""), "''=1"),
			titled(ini(5, "automation", 1, Planned, ""), "-"),
			titled(ini(6, "automation", 1, Planned, ""), "'@"),
			titled(ini(7, "automation", 1, Planned, ""), "'+'"),
			titled(ini(8, "automation", 1, Planned, ""), `"=""x"""`),
			titled(ini(9, "automation", 1, Planned, ""), "a,b;c"),
			titled(ini(10, "automation", 1, Planned, ""), "日本語 ✓ 👩\u200d💻"),
		), qtr("2026-Q1")},
	}
	for _, tt := range tests {
		t.Run("write, read, import and write again is byte-identical: "+tt.name, func(t *testing.T) {
			first := writeCSV(t, tt.r, tt.r.Check(tt.today))
			plan, err := importInto(t, newRoadmap(tt.r.Baseline), first)
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.Create) != len(tt.r.Initiatives) || len(plan.Update) != 0 || plan.Unchanged != 0 {
				t.Fatalf("plan: %d creates, %d updates, %d unchanged", len(plan.Create), len(plan.Update), plan.Unchanged)
			}
			back := newRoadmap(tt.r.Baseline, created(plan)...)
			for i := range back.Initiatives {
				a, b := back.Initiatives[i], tt.r.Initiatives[i]
				if len(a.DependsOn) == 0 && len(b.DependsOn) == 0 {
					a.DependsOn, b.DependsOn = nil, nil
				}
				if !reflect.DeepEqual(a, b) {
					t.Fatalf("initiative read back differs:\n got  %+v\n want %+v", a, b)
				}
			}
			second := writeCSV(t, back, back.Check(tt.today))
			if !bytes.Equal(first, second) {
				t.Fatalf("the second write differs:\n%s\nfirst:\n%s", second, first)
			}
		})
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(csvRoadmapText))
	f.Add([]byte("title,domain,level\nA,automation,1\n"))
	f.Add([]byte("\xef\xbb\xbfID,Title,Domain,Level,Depends_On\r\n1,A,automation,1,\r\n2,'=B,governance,2,1\r\n"))
	f.Add([]byte("id,title,domain,level,description,owner,effort,quarter,status\n,\"'\t=x\",observability,4,\"'\r\n-\",'@,-0,2999q4,DONE\n"))
	f.Add([]byte("id,title,domain,level,depends_on\n1,A,automation,1,2\n2,B,automation,1,1\n"))
	f.Add([]byte("id,title\n1,\"unterminated\n"))
	f.Add([]byte("id;title;domain;level;effort;depends_on;version\n7;\"a;b\";automation;2;2,5;\"1;2\";3\n1;x;governance;1;;;\n2;y;governance;1;;;1\n"))
	f.Add([]byte("title;domain;level;description\r\n\"multi\r\nline; quoted\";observability;3;\"'=x;y\"\r\n"))
	f.Add([]byte("id,title,domain,level,version\n5,A,automation,1,9007199254740991\n6,B,automation,1,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		plan, err := importInto(t, newRoadmap(nil), data)
		if err != nil {
			return
		}
		// Rows without an id get one after every id the file names.
		next := int64(0)
		for _, in := range plan.Create {
			next = max(next, in.ID)
		}
		first := created(plan)
		for i := range first {
			if first[i].ID == 0 {
				next++
				first[i].ID = next
			}
		}
		r := newRoadmap(nil, first...)
		written := writeCSV(t, r, r.Check(qtr("2026-Q2")))
		again, err := importInto(t, newRoadmap(nil), written)
		if err != nil {
			t.Fatalf("reading back what was written: %v\ninput:\n%q\nwritten:\n%q", err, data, written)
		}
		back := newRoadmap(nil, created(again)...)
		if len(back.Initiatives) != len(r.Initiatives) {
			t.Fatalf("%d initiatives read back, want %d", len(back.Initiatives), len(r.Initiatives))
		}
		for i := range back.Initiatives {
			a, b := back.Initiatives[i], r.Initiatives[i]
			if len(a.DependsOn) == 0 && len(b.DependsOn) == 0 {
				a.DependsOn, b.DependsOn = nil, nil
			}
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("initiative read back differs:\n got  %#v\n want %#v\ninput:\n%q\nwritten:\n%q", a, b, data, written)
			}
		}
		// Export, import, export gives the same bytes, and so does the file
		// a spreadsheet saves with ';' between cells.
		if second := writeCSV(t, back, back.Check(qtr("2026-Q2"))); !bytes.Equal(second, written) {
			t.Fatalf("the second write differs:\n%q\nfirst:\n%q", second, written)
		}
		semi, err := importInto(t, newRoadmap(nil), swapSeparators(written))
		if err != nil {
			t.Fatalf("reading back what was written, with ';' between cells: %v\nwritten:\n%q", err, written)
		}
		sr := newRoadmap(nil, created(semi)...)
		if third := writeCSV(t, sr, sr.Check(qtr("2026-Q2"))); !bytes.Equal(third, written) {
			t.Fatalf("the write after reading with ';' differs:\n%q\nfirst:\n%q", third, written)
		}
	})
}

// defuse is what the writer does to a cell a spreadsheet would run as a
// formula: an apostrophe in front (one more for a cell that is only
// apostrophes before such a character), so that rearm can always take
// exactly one off.
func defuse(s string) string {
	if formulaStart(s) {
		return "'" + s
	}
	return s
}
