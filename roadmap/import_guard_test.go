package roadmap

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestPlanImportProtectsNewerWork shows the two refusals that keep a
// spreadsheet round trip from undoing newer work, and the options that
// lift them. In importBase, #1 "Put infra in Git" (standardization 2) is at
// version 4.
func TestPlanImportProtectsNewerWork(t *testing.T) {
	tests := []struct {
		name   string
		csv    string
		opts   ImportOptions
		err    string // "" for accepted
		counts [3]int // creates, updates, unchanged when accepted
	}{
		{name: "a row older than the initiative that changes it is refused",
			csv: "id,quarter,version\n1,2027-Q2,3\n",
			err: "line 2: #1 changed since this file was exported (version 3, now 4); --overwrite to apply anyway"},
		{name: "with --overwrite an older row is applied",
			csv: "id,quarter,version\n1,2027-Q2,3\n", opts: ImportOptions{Overwrite: true}, counts: [3]int{0, 1, 0}},
		{name: "an older row that changes nothing is not a conflict",
			csv: "id,title,quarter,version\n1,Put infra in Git,2026-Q1,2\n", counts: [3]int{0, 0, 1}},
		{name: "a row at the initiative's version is applied",
			csv: "id,quarter,version\n1,2027-Q2,4\n", counts: [3]int{0, 1, 0}},
		{name: "a row newer than the initiative is applied",
			csv: "id,quarter,version\n1,2027-Q2,9\n", counts: [3]int{0, 1, 0}},
		{name: "a row without a version is applied",
			csv: "id,quarter,version\n1,2027-Q2,\n", counts: [3]int{0, 1, 0}},
		{name: "a file without a version column is applied",
			csv: "id,quarter\n1,2027-Q2\n", counts: [3]int{0, 1, 0}},
		{name: "the first stale row of several is named",
			csv: "id,quarter,version\n2,2027-Q1,1\n1,2027-Q2,1\n",
			err: "line 3: #1 changed since this file was exported (version 1, now 4); --overwrite to apply anyway"},
		{name: "a row without an id that matches an existing initiative is refused",
			csv: "title,domain,level\nNew one,automation,2\nPut infra in Git,standardization,2\n",
			err: `line 3: a row without an id matches #1 "Put infra in Git" (standardization 2 Templated): the same title, domain and level; --allow-duplicates to create another`},
		{name: "the match is on the title as trimmed and the domain in any case",
			csv: "title,domain,level\n  Audits ,GOVERNANCE,1\n",
			err: `line 2: a row without an id matches #3 "Audits" (governance 1 Audits): the same title, domain and level; --allow-duplicates to create another`},
		{name: "with --allow-duplicates the row is created",
			csv: "title,domain,level\nPut infra in Git,standardization,2\n", opts: ImportOptions{AllowDuplicates: true}, counts: [3]int{1, 0, 0}},
		{name: "the same title at another level is no duplicate",
			csv: "title,domain,level\nPut infra in Git,standardization,3\n", counts: [3]int{1, 0, 0}},
		{name: "the same title in another domain is no duplicate",
			csv: "title,domain,level\nAudits,observability,1\n", counts: [3]int{1, 0, 0}},
		{name: "a row with a new id is no duplicate: it names what it creates",
			csv: "id,title,domain,level\n10,Audits,governance,1\n", counts: [3]int{1, 0, 0}},
		{name: "two id-less rows alike in one file are both created",
			csv: "title,domain,level\nTwice,automation,1\nTwice,automation,1\n", counts: [3]int{2, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp, err := ReadCSV(strings.NewReader(tt.csv), testModel)
			if err != nil {
				t.Fatal(err)
			}
			plan, err := importBase().PlanImport(imp.Source(), tt.opts)
			if tt.err != "" {
				if errText(err) != tt.err {
					t.Fatalf("PlanImport:\n got  %v\n want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := [3]int{len(plan.Create), len(plan.Update), plan.Unchanged}; got != tt.counts {
				t.Fatalf("creates, updates, unchanged = %v, want %v", got, tt.counts)
			}
		})
	}
	t.Run("a created initiative keeps the version its row gives", func(t *testing.T) {
		imp, err := ReadCSV(strings.NewReader("id,title,domain,level,version\n10,A,automation,1,7\n,B,automation,1,\n"), testModel)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := importBase().PlanImport(imp.Source(), ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if plan.Create[0].Version != 7 || plan.Create[1].Version != 0 {
			t.Fatalf("versions %d and %d, want 7 and 0", plan.Create[0].Version, plan.Create[1].Version)
		}
	})
}

func TestWriteChanges(t *testing.T) {
	const file = "id,title,domain,level,quarter,owner,effort,depends_on,description,status\n" +
		"3,Audits,governance,1,2026-Q4,,,2,,planned\n" +
		",Alerts,observability,2,2027-Q1,,,,,planned\n" +
		"1,\"Put \"\"infra\"\" in Git\",standardization,2,,kim,,,\"A long description that goes on and on, well past forty characters\",done\n" +
		"20,Tracing,observability,1,2027-Q1,,,,,planned\n" +
		"2,Script deploys,automation,1,2026-Q2,,,1,,in-progress\n"
	imp, err := ReadCSV(strings.NewReader(file), testModel)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	list := NewChangeList(&b, testModel)
	counts, err := importBase().StreamImport(imp.Source(), ImportOptions{}, list)
	if err != nil {
		t.Fatal(err)
	}
	if err := list.Flush(); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "changes", b.String(), `#3 quarter backlog → 2026-Q4
create "Alerts" (observability 2 Centralized)
#1 title "Put infra in Git" → "Put \"infra\" in Git"
#1 description "All of it." → "A long description that goes on and on, …"
#1 quarter 2026-Q1 → backlog
#1 owner "ana" → "kim"
#1 effort 3 → none
create #20 "Tracing" (observability 1 Metrics)
`)
	mustEqual(t, "counts", counts, ImportCounts{Created: 2, Updated: 2, Unchanged: 1})
}

func TestReadCSVSemicolons(t *testing.T) {
	t.Run("a file with ';' between cells is read like one with ','", func(t *testing.T) {
		semi := "id;title;domain;level;effort;depends_on;description;version\n" +
			"7;\"Git; everywhere\";automation;2;2,5;\"1;2\";\"a, b\";3\n" +
			"8;Plain;governance;1;3;;;\n"
		imp, err := ReadCSV(strings.NewReader(semi), testModel)
		if err != nil {
			t.Fatal(err)
		}
		mustEqual(t, "rows", imp.Rows, []CSVRow{
			{Line: 2, HasID: true, Initiative: Initiative{ID: 7, Title: "Git; everywhere", Domain: "automation", Level: 2,
				Effort: Effort{2.5, true}, DependsOn: []int64{1, 2}, Description: "a, b", Version: 3}},
			{Line: 3, HasID: true, Initiative: Initiative{ID: 8, Title: "Plain", Domain: "governance", Level: 1,
				Effort: Effort{3, true}, DependsOn: []int64{}}},
		})
	})
	t.Run("the header decides, not a semicolon inside a quoted name", func(t *testing.T) {
		if _, err := ReadCSV(strings.NewReader("\"a;b;c\",title\n"), testModel); errText(err) != `line 1: unknown column "a;b;c" (want id,title,domain,level,level_name,quarter,status,owner,effort,depends_on,description,warnings,version)` {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("a ';' file with a byte order mark and CRLF is read", func(t *testing.T) {
		imp, err := ReadCSV(strings.NewReader("\xef\xbb\xbftitle;domain;level\r\nA;automation;1\r\n"), testModel)
		if err != nil || len(imp.Rows) != 1 || imp.Rows[0].Initiative.Title != "A" {
			t.Fatalf("ReadCSV = %+v, %v", imp, err)
		}
	})
	t.Run("a bad row of a ';' file is named by its line", func(t *testing.T) {
		if _, err := ReadCSV(strings.NewReader("title;domain;level\nA;automation;1\nB;automation;9\n"), testModel); errText(err) != `line 3: invalid level "9": want a number from 1 to 4` {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("in a ',' file a decimal comma is no number", func(t *testing.T) {
		if _, err := ReadCSV(strings.NewReader("title,domain,level,effort\nA,automation,1,\"2,5\"\n"), testModel); errText(err) != `line 2: invalid effort "2,5": want a number such as 3 or 2.5` {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("a written roadmap read as a ';' file after a spreadsheet swapped the separators reads back the same", func(t *testing.T) {
		r := csvRoadmap()
		comma := writeCSV(t, r, r.Check(qtr("2026-Q3")))
		a, err := ReadCSV(bytes.NewReader(comma), testModel)
		if err != nil {
			t.Fatal(err)
		}
		// Every cell that holds ',' or ';' is quoted, so swapping the
		// separators outside quotes is what a spreadsheet does.
		semi := swapSeparators(comma)
		b, err := ReadCSV(bytes.NewReader(semi), testModel)
		if err != nil {
			t.Fatalf("%v\n%s", err, semi)
		}
		mustEqual(t, "rows", b.Rows, a.Rows)
	})
}

// swapSeparators turns the ',' between cells into ';', leaving quoted
// cells alone.
func swapSeparators(data []byte) []byte {
	out := bytes.Clone(data)
	quoted := false
	for i, c := range out {
		switch {
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			out[i] = ';'
		}
	}
	return out
}

// stepSource hands out rows one at a time and counts how many it gave.
type stepSource struct {
	imp  *CSVImport
	read int
}

func (s *stepSource) HasColumn(name string) bool { return s.imp.Columns[name] }

func (s *stepSource) NextRow() (CSVRow, error) {
	if s.read == len(s.imp.Rows) {
		return CSVRow{}, io.EOF
	}
	s.read++
	return s.imp.Rows[s.read-1], nil
}

// stepSink checks that each change arrives before the next row is read.
type stepSink struct {
	t    *testing.T
	src  *stepSource
	seen int
}

func (s *stepSink) Create(line int, in *Initiative) error { return s.check(line) }
func (s *stepSink) Update(c Change) error                 { return s.check(c.Line) }

func (s *stepSink) check(line int) error {
	s.seen++
	if s.src.read != line-1 { // row k is on line k+1
		s.t.Errorf("the change of line %d came after %d rows were read", line, s.src.read)
	}
	return nil
}

func TestStreamImportTellsEachChangeBeforeReadingOn(t *testing.T) {
	imp, err := ReadCSV(strings.NewReader("id,title,domain,level,depends_on\n1,Renamed,standardization,2,\n10,A,automation,1,11\n11,B,automation,1,\n,C,governance,2,10\n3,Audits,governance,1,2\n"), testModel)
	if err != nil {
		t.Fatal(err)
	}
	src := &stepSource{imp: imp}
	sink := &stepSink{t: t, src: src}
	counts, err := importBase().StreamImport(src, ImportOptions{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "counts", counts, ImportCounts{Created: 3, Updated: 1, Unchanged: 1})
	mustEqual(t, "changes told", sink.seen, 4)
}
