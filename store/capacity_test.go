package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"maturity/roadmap"
)

var (
	q3    = roadmap.Quarter{Year: 2027, Q: 3}
	q4    = roadmap.Quarter{Year: 2027, Q: 4}
	noQtr = roadmap.Quarter{}
)

func mustSetCapacity(t testing.TB, s *Store, q roadmap.Quarter, owner string, effort float64) {
	t.Helper()
	if err := s.SetCapacity(context.Background(), roadmap.CapacityFigure{Quarter: q, Owner: owner, Effort: effort}); err != nil {
		t.Fatalf("SetCapacity(%v, %q, %v): %v", q, owner, effort, err)
	}
}

// figures lists the figures of the roadmap as Load reads them.
func figures(t testing.TB, s *Store) []string {
	t.Helper()
	var out []string
	for _, f := range mustLoad(t, s).Capacity.Figures() {
		out = append(out, f.When()+" "+f.Who()+" "+roadmap.FormatEffort(f.Effort))
	}
	return out
}

func capacityEvents(t testing.TB, s *Store) []string {
	t.Helper()
	var out []string
	for _, e := range history(t, s, HistoryFilter{}) {
		if e.Action == ActionCapacity {
			out = append(out, eventText(e))
		}
	}
	slices.Reverse(out)
	return out
}

func TestSetAndUnsetCapacity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	mustSetCapacity(t, s, noQtr, "", 30)
	mustSetCapacity(t, s, q3, "", 25)
	mustSetCapacity(t, s, q3, " Sam ", 10)
	mustSetCapacity(t, s, q3, "SAM", 12) // the same person: replaced, new spelling kept
	mustSetCapacity(t, s, q3, "", 25)    // the same figure: nothing recorded
	if err := s.UnsetCapacity(ctx, noQtr, ""); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "figures", figures(t, s), []string{"2027-Q3 team 25", "2027-Q3 SAM 12"})
	mustEqual(t, "history", capacityEvents(t, s), []string{
		`#0 capacity default ""→"30"`,
		`#0 capacity 2027-Q3 ""→"25"`,
		`#0 capacity 2027-Q3 Sam ""→"10"`,
		`#0 capacity 2027-Q3 SAM "10"→"12" (the name was written Sam)`,
		`#0 capacity default "30"→""`,
	})
	if got := rowCount(t, s, "capacity"); got != 2 {
		t.Errorf("%d rows, want 2", got)
	}
	if err := s.UnsetCapacity(ctx, q3, "sam"); err != nil {
		t.Fatalf("unset in another case: %v", err)
	}
	mustEqual(t, "figures", figures(t, s), []string{"2027-Q3 team 25"})
}

func TestCapacityEventText(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		field, old, new, want string
	}{
		{"2027-Q3", "30", "25", "capacity of 2027-Q3 (team): 30 → 25"},
		{"default sam lee", "", "10", "capacity of default (sam lee): - → 10"},
		{"2027-Q3 kim", "8", "", "capacity of 2027-Q3 (kim): 8 → -"},
	} {
		got := Event{Action: ActionCapacity, Field: tt.field, Old: tt.old, New: tt.new, Actor: "dana"}.Text()
		if !strings.HasSuffix(got, "  dana  "+tt.want) {
			t.Errorf("%q: %q, want it to end with %q", tt.field, got, tt.want)
		}
	}
}

func TestCapacityChangeIsNotRowsOnly(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	var ch Change
	if err := s.SetCapacity(WithChange(context.Background(), &ch), roadmap.CapacityFigure{Quarter: q3, Effort: 5}); err != nil {
		t.Fatal(err)
	}
	if !ch.Capacity || ch.RowsOnly() {
		t.Errorf("change %+v: want Capacity set and not RowsOnly", ch)
	}
	ch = Change{}
	if err := s.UnsetCapacity(WithChange(context.Background(), &ch), q3, ""); err != nil {
		t.Fatal(err)
	}
	if !ch.Capacity || ch.RowsOnly() {
		t.Errorf("unset change %+v: want Capacity set and not RowsOnly", ch)
	}
}

func TestCapacityRefusalsWriteNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	mustSetCapacity(t, s, q3, "sam", 10)
	before, rows := snapshot(t, s), rowCount(t, s, "capacity")
	for _, tt := range []struct {
		name string
		do   func() error
		want string
	}{
		{"a negative capacity", func() error {
			return s.SetCapacity(ctx, roadmap.CapacityFigure{Quarter: q3, Effort: -1})
		}, "invalid capacity -1"},
		{"a capacity past the largest effort", func() error {
			return s.SetCapacity(ctx, roadmap.CapacityFigure{Quarter: q3, Effort: roadmap.MaxEffort + 1})
		}, "from 0 to 100000"},
		{"two people in one figure", func() error {
			return s.SetCapacity(ctx, roadmap.CapacityFigure{Quarter: q3, Owner: "sam, kim", Effort: 1})
		}, "for one person"},
		{"an owner with a control character", func() error {
			return s.SetCapacity(ctx, roadmap.CapacityFigure{Quarter: q3, Owner: "s\x1bm", Effort: 1})
		}, "owner"},
		{"unsetting a figure never set", func() error { return s.UnsetCapacity(ctx, q4, "") }, "no capacity is set for 2027-Q4 (team)"},
		{"unsetting another person's", func() error { return s.UnsetCapacity(ctx, q3, "kim") }, "no capacity is set for 2027-Q3 (kim)"},
		{"unsetting the default never set", func() error { return s.UnsetCapacity(ctx, noQtr, "sam") }, "no capacity is set for default (sam)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantErr(t, tt.do(), tt.want)
			unchanged(t, s, before, nil)
			if got := rowCount(t, s, "capacity"); got != rows {
				t.Errorf("%d capacity rows, want %d", got, rows)
			}
		})
	}
}

// Every way of reading the roadmap carries the figures, the brief one
// with the owners and efforts the bookings weigh.
func TestLoadsAttachCapacity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	in := ini("Pipelines", "automation", 1)
	in.Quarter, in.Owner, in.Effort = q3, "sam, kim", roadmap.Effort{Value: 12, Set: true}
	mustAdd(t, s, in)
	mustSetCapacity(t, s, noQtr, "", 10)
	mustSetCapacity(t, s, q3, "sam", 4)
	r1, err := s.LoadBrief(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r2, _, err := s.LoadWithAssessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r3, _, err := s.LoadWithHistory(ctx, HistoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range []*roadmap.Roadmap{mustLoad(t, s), r1, r2, r3} {
		b := r.Bookings([]roadmap.Quarter{q3})[0]
		p, ok := b.Person("sam")
		if !b.Over() || !ok || p.Booked != 6 || !p.Over() {
			t.Errorf("load %d: booking %+v: want the team over (12 of 10) and sam over (6 of 4)", i, b)
		}
	}
	var codes []string
	for _, w := range r1.Check(q3) {
		if w.Subject.Kind == roadmap.SubjectQuarter {
			codes = append(codes, w.Code+" "+w.Subject.Owner)
		}
	}
	mustEqual(t, "warnings of the brief load", codes, []string{"over-capacity ", "owner-over-capacity sam"})
}

func TestBadCapacityRowIsNamed(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, sql, want string }{
		{"text in effort", `INSERT INTO capacity VALUES ('2027-Q3', '', '', 'lots')`, `effort "lots" is not a number`},
		{"a negative effort", `INSERT INTO capacity VALUES ('2027-Q3', '', '', -3)`, "invalid capacity -3"},
		{"an impossible quarter", `INSERT INTO capacity VALUES ('2027-Q9', '', '', 3)`, `quarter "2027-Q9"`},
		{"a key that is not the owner's", `INSERT INTO capacity VALUES ('', 'Sam', 'kim', 3)`, `does not match its key`},
		{"a NULL owner", `INSERT INTO capacity VALUES ('', NULL, '', 3)`, "must be text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := dbPath(t)
			s := openAt(t, path)
			db := rawDB(t, path)
			mustExec(t, db, `PRAGMA writable_schema = ON`,
				`UPDATE sqlite_schema SET sql = replace(sql, 'NOT NULL', '') WHERE name = 'capacity'`,
				`PRAGMA writable_schema = OFF`)
			db.Close()
			s.Close()
			s = openAt(t, path)
			mustExec(t, s.db, tt.sql)
			_, err := s.Load(context.Background())
			wantErr(t, err, "capacity figure 1 in the database holds a value maturity did not write", tt.want, "restore a backup")
		})
	}
}

// Migration 5 gives a database of schema 4 the capacity table, and its
// initiatives stay as they were.
func TestMigration5AddsCapacity(t *testing.T) {
	t.Parallel()
	path := dbPath(t)
	s := openAt(t, path)
	mustAdd(t, s, ini("Kept", "standardization", 1))
	s.Close()
	db := rawDB(t, path)
	mustExec(t, db, `DROP TABLE capacity`, `PRAGMA user_version = 4`)
	db.Close()
	s = openAt(t, path)
	if v := pragma(t, s, "user_version"); v != 5 {
		t.Errorf("user_version %d, want 5", v)
	}
	mustSetCapacity(t, s, q3, "", 20)
	mustEqual(t, "figures", figures(t, s), []string{"2027-Q3 team 20"})
	if r := mustLoad(t, s); len(r.Initiatives) != 1 || r.Initiatives[0].Title != "Kept" {
		t.Errorf("initiatives after the upgrade: %+v", r.Initiatives)
	}
}

func TestCapacityDumpRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t)
	mustSetCapacity(t, s, noQtr, "", 30)
	mustSetCapacity(t, s, q3, "Ölund", 7.5)
	mustSetCapacity(t, s, q3, "", 25)
	text := dumpText(t, s)
	if !strings.Contains(text, `"capacity": [`+"\n"+`    {"quarter": "", "owner": "", "effort": 30}`) &&
		!strings.Contains(text, `"quarter": "2027-Q3"`) {
		t.Fatalf("the dump holds no capacity figures:\n%s", text)
	}
	d, m, err := ParseDump(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "dumped figures", d.Capacity, []DumpCapacity{{"", "", 30}, {"2027-Q3", "", 25}, {"2027-Q3", "Ölund", 7.5}})
	dst := newStore(t)
	if err := dst.Restore(ctx, d, m); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "restored figures", figures(t, dst), figures(t, s))
	mustEqual(t, "restored history", capacityEvents(t, dst), capacityEvents(t, s))
	if again := dumpText(t, dst); again != text {
		t.Errorf("the restored database dumps differently: %s", firstDifference(text, again))
	}
	// Restoring into a database that holds a figure is refused.
	wantErr(t, s.Restore(ctx, d, m), "only be restored into an empty database")
}

func TestDumpCapacityRefusals(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	mustSetCapacity(t, s, q3, "sam", 10)
	text := dumpText(t, s)
	for _, tt := range []struct{ name, from, to, want string }{
		{"a version 2 dump with figures", `"version": 3,`, `"version": 2,`, "a version 2 dump has no capacity figures"},
		{"a negative figure", `"effort": 10`, `"effort": -10`, "capacity figure 1: invalid capacity -10"},
		{"a quarter not in canonical form", `"quarter": "2027-Q3"`, `"quarter": "2027q3"`, `capacity figure 1: invalid quarter "2027q3"`},
		{"two people in a figure", `"owner": "sam"`, `"owner": "sam, kim"`, "for one person"},
		{"an owner with surrounding space", `"owner": "sam"`, `"owner": " sam"`, "surrounding space"},
		{"a bad capacity entry in the history", `"field": "2027-Q3 sam"`, `"field": "2027-Q5 sam"`, `a capacity entry has field "2027-Q5 sam"`},
		{"a bad effort in the history", `"new": "10"`, `"new": "ten"`, `a capacity entry has effort "ten"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(text, tt.from, tt.to, 1)
			if bad == text {
				t.Fatalf("%q is not in the dump", tt.from)
			}
			_, _, err := ParseDump(strings.NewReader(bad))
			wantErr(t, err, tt.want)
		})
	}
	t.Run("the same person twice in a quarter, in another case", func(t *testing.T) {
		d, _, err := ParseDump(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		d.Capacity = append(d.Capacity, DumpCapacity{Quarter: "2027-Q3", Owner: "SAM", Effort: 1})
		_, err = d.validate()
		wantErr(t, err, "capacity figure 2: 2027-Q3 (SAM) has a figure already")
	})
}
