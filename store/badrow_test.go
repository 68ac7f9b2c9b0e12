package store

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"maturity/roadmap"
)

// handEdit changes the database as a person with the sqlite3 shell
// could: with check constraints off, and with the NOT NULL constraints of
// the initiatives table removed when the change needs it.
func handEdit(t *testing.T, s *Store, notNull bool, stmt string) {
	t.Helper()
	if notNull {
		var v int
		if err := s.db.QueryRow(`PRAGMA schema_version`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		mustExec(t, s.db, `PRAGMA writable_schema = ON`,
			`UPDATE sqlite_schema SET sql = replace(sql, 'NOT NULL', '') WHERE name = 'initiatives'`,
			fmt.Sprintf(`PRAGMA schema_version = %d`, v+1), `PRAGMA writable_schema = OFF`)
	}
	mustExec(t, s.db, `PRAGMA ignore_check_constraints = ON`, stmt, `PRAGMA ignore_check_constraints = OFF`)
}

// TestBadRows edits a row by hand in each way a person could break it
// and shows that every read names the initiative, the column and the fix
// instead of failing with the driver's text or crashing, that the edit
// setting the bad column repairs it (with history), and that rm works.
func TestBadRows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	q3 := roadmap.Quarter{Year: 2026, Q: 3}
	cases := []struct {
		name    string
		notNull bool
		stmt    string
		want    string
		brief   bool          // LoadBrief reads the column too
		repair  roadmap.Patch // sets the bad columns; empty: rm only
		old     string        // the history's old value of the repair
		field   string
		newText string
	}{
		{name: "text in effort", stmt: `UPDATE initiatives SET effort = 'abc' WHERE id = 1`,
			want:   `#1: column effort holds "abc", not a number; fix it with 'maturity edit 1 --effort …' or 'maturity rm 1'`,
			repair: roadmap.Patch{Effort: &roadmap.Effort{Value: 3, Set: true}}, field: "effort", old: "abc", newText: "3"},
		{name: "a negative effort", stmt: `UPDATE initiatives SET effort = -2 WHERE id = 1`,
			want:   `#1: column effort holds -2, not an effort from 0 to 100000; fix it with 'maturity edit 1 --effort …'`,
			repair: roadmap.Patch{Effort: &roadmap.Effort{}}, field: "effort", old: "-2", newText: ""},
		{name: "a bad quarter", stmt: `UPDATE initiatives SET quarter = '2026-Q9' WHERE id = 1`, brief: true,
			want:   `#1: column quarter holds "2026-Q9", not a quarter from 1970-Q1 to 2999-Q4, nor empty for the backlog; fix it with 'maturity edit 1 --quarter …' or 'maturity rm 1'`,
			repair: roadmap.Patch{Quarter: &q3}, field: "quarter", old: "2026-Q9", newText: "2026-Q3"},
		{name: "an impossible level", stmt: `UPDATE initiatives SET level = 9 WHERE id = 1`, brief: true,
			want:   `#1: column level holds 9, not a level from 1 to 4; fix it with 'maturity edit 1 --level …'`,
			repair: roadmap.Patch{Level: ptr(2)}, field: "level", old: "9", newText: "2"},
		{name: "text in level", stmt: `UPDATE initiatives SET level = 'two' WHERE id = 1`, brief: true,
			want:   `#1: column level holds "two", not a level from 1 to 4`,
			repair: roadmap.Patch{Level: ptr(2)}, field: "level", old: "two", newText: "2"},
		{name: "an unknown domain", stmt: `UPDATE initiatives SET domain = 'security' WHERE id = 1`, brief: true,
			want:   `#1: column domain holds "security", not a domain of the model (standardization, automation, governance, observability); fix it with 'maturity edit 1 --domain …'`,
			repair: roadmap.Patch{Domain: ptr("governance")}, field: "domain", old: "security", newText: "governance"},
		{name: "an unknown status", stmt: `UPDATE initiatives SET status = 'finished' WHERE id = 1`, brief: true,
			want: `#1: column status holds "finished", not a status (planned, in-progress, done or dropped); the row was changed outside maturity: remove it with 'maturity rm 1'`},
		{name: "NULL in the title", notNull: true, stmt: `UPDATE initiatives SET title = NULL WHERE id = 1`, brief: true,
			want:   `#1: column title holds NULL, not text; fix it with 'maturity edit 1 --title …' or 'maturity rm 1'`,
			repair: roadmap.Patch{Title: ptr("Fixed")}, field: "title", old: "", newText: "Fixed"},
		{name: "NULL in the version", notNull: true, stmt: `UPDATE initiatives SET version = NULL WHERE id = 1`, brief: true,
			want: `#1: column version holds NULL, not a version (a whole number from 1); the row was changed outside maturity: remove it with 'maturity rm 1'`},
		{name: "text in a timestamp", stmt: `UPDATE initiatives SET created_at = 'yesterday' WHERE id = 1`,
			want: `#1: column created_at holds "yesterday", not a time (Unix nanoseconds); the row was changed outside maturity: remove it with 'maturity rm 1'`},
		{name: "two bad columns", stmt: `UPDATE initiatives SET effort = 'abc', quarter = 'soon' WHERE id = 1`, brief: true,
			want:   `#1: column quarter holds "soon", not a quarter from 1970-Q1 to 2999-Q4, nor empty for the backlog, column effort holds "abc", not a number; fix it with 'maturity edit 1 --quarter … --effort …' or 'maturity rm 1'`,
			repair: roadmap.Patch{Quarter: &q3, Effort: &roadmap.Effort{Value: 1, Set: true}}, field: "quarter", old: "soon", newText: "2026-Q3"},
	}
	setup := func(t *testing.T, notNull bool, stmt string) *Store {
		s := newStore(t)
		mustAdd(t, s, ini("Broken by hand", "automation", 1))
		mustAdd(t, s, ini("Fine", "governance", 1))
		handEdit(t, s, notNull, stmt)
		return s
	}
	for _, tc := range cases {
		t.Run(tc.name+" is named by every read", func(t *testing.T) {
			t.Parallel()
			s := setup(t, tc.notNull, tc.stmt)
			_, err := s.Load(ctx)
			wantErr(t, err, tc.want)
			_, err = s.LoadBrief(ctx)
			if tc.brief {
				wantErr(t, err, "#1: column")
				_, err = s.LoadSummary(ctx)
				if tc.name != "NULL in the title" && tc.name != "NULL in the version" {
					wantErr(t, err, "#1: column")
				}
			} else if err != nil {
				t.Errorf("LoadBrief, which does not read the column: %v", err)
			}
			_, err = s.Dump(ctx)
			wantErr(t, err, tc.want)
			wantErr(t, s.ExportDump(ctx, io.Discard), tc.want)
			// An edit that leaves the bad column refuses with the same words.
			_, err = s.Edit(ctx, 1, roadmap.Patch{Owner: ptr("dana")}, Options{})
			wantErr(t, err, tc.want)
			// A change of status reads the initiative, its dependencies
			// and, when its level has prerequisites, the levels reached:
			// #2 needs none of the broken row, which is left alone.
			if _, err = s.SetStatus(ctx, 2, roadmap.Start, Options{}); err != nil {
				t.Errorf("SetStatus of another initiative, which reads nothing of the broken row: %v", err)
			}
		})
		t.Run(tc.name+" can be deleted", func(t *testing.T) {
			t.Parallel()
			s := setup(t, tc.notNull, tc.stmt)
			if _, err := s.Delete(ctx, 1, Options{}); err != nil {
				t.Fatal(err)
			}
			r := mustLoad(t, s)
			if len(r.Initiatives) != 1 || r.Initiatives[0].ID != 2 {
				t.Errorf("after rm: %+v", r.Initiatives)
			}
			if e := history(t, s, HistoryFilter{Limit: 1})[0]; e.Action != ActionDelete || e.Initiative != 1 {
				t.Errorf("the last history entry is %+v, want the delete", e)
			}
			restores(t, s)
		})
		if tc.repair.Empty() {
			continue
		}
		t.Run(tc.name+" is repaired by the edit that sets it", func(t *testing.T) {
			t.Parallel()
			s := setup(t, tc.notNull, tc.stmt)
			if tc.name == "two bad columns" {
				_, err := s.Edit(ctx, 1, roadmap.Patch{Effort: tc.repair.Effort}, Options{})
				wantErr(t, err, tc.want)
			}
			in, err := s.Edit(ctx, 1, tc.repair, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if in.Version != 2 {
				t.Errorf("version %d after the repair, want 2", in.Version)
			}
			r := mustLoad(t, s)
			got, _ := r.Get(1)
			if got.Version != 2 || got.Updated.IsZero() {
				t.Errorf("the repaired row: %+v", got)
			}
			found := false
			for _, e := range history(t, s, HistoryFilter{Initiative: 1}) {
				if e.Action == ActionEdit && e.Field == tc.field {
					found = true
					if e.Old != tc.old || e.New != tc.newText {
						t.Errorf("the repair is recorded as %q → %q, want %q → %q", e.Old, e.New, tc.old, tc.newText)
					}
				}
			}
			if !found {
				t.Errorf("the repair of %s is not in the history", tc.field)
			}
			restores(t, s)
		})
	}

	t.Run("a repair with a bad value is refused and writes nothing", func(t *testing.T) {
		t.Parallel()
		s := setup(t, false, `UPDATE initiatives SET level = 9 WHERE id = 1`)
		before := snapshot(t, s)
		_, err := s.Edit(ctx, 1, roadmap.Patch{Level: ptr(7)}, Options{})
		wantErr(t, err, "invalid level 7")
		unchanged(t, s, before, nil)
	})

	t.Run("a bad level of the latest assessment is named", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		if _, err := s.Assess(ctx, "governance", 1, ""); err != nil {
			t.Fatal(err)
		}
		handEdit(t, s, false, `UPDATE assessments SET level = 9`)
		_, err := s.Load(ctx)
		wantErr(t, err, "the latest assessment of governance holds level 9, not a level from 0 to 4; record a new one with 'maturity assess governance LEVEL'")
		if _, err := s.Assess(ctx, "governance", 2, "fixed"); err != nil {
			t.Fatal(err)
		}
		if got := mustLoad(t, s).Level("governance"); got != 2 {
			t.Errorf("governance at %d after the new assessment, want 2", got)
		}
	})
}

// restores dumps the store, restores the dump into a new database and
// compares the two dumps.
func restores(t *testing.T, s *Store) {
	t.Helper()
	var first bytes.Buffer
	if err := s.ExportDump(context.Background(), &first); err != nil {
		t.Fatal(err)
	}
	d, m, err := ParseDump(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatalf("the dump does not parse: %v", err)
	}
	dst := openAt(t, dbPath(t))
	if err := dst.Restore(context.Background(), d, m); err != nil {
		t.Fatal(err)
	}
	var second bytes.Buffer
	if err := dst.ExportDump(context.Background(), &second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("the restored database dumps differently")
	}
}

// A status change that needs the levels reached reads the status of the
// initiatives at the levels it asks about: one edited by hand is named,
// never taken for some status.
func TestStatusChangeNamesABadStatusItDependsOn(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	mustAdd(t, s, ini("Scripts", "standardization", 1))
	broken := mustAdd(t, s, ini("Broken by hand", "automation", 1))
	next := mustAdd(t, s, ini("Runners", "automation", 2))
	handEdit(t, s, false, fmt.Sprintf(`UPDATE initiatives SET status = 'finished' WHERE id = %d`, broken.ID))
	_, err := s.SetStatus(ctx, next.ID, roadmap.Start, Options{})
	wantErr(t, err, fmt.Sprintf(`#%d: column status holds "finished"`, broken.ID))
	var status string
	if err := s.db.QueryRow(`SELECT status FROM initiatives WHERE id = ?`, next.ID).Scan(&status); err != nil || status != "planned" {
		t.Errorf("#%d is %q (%v), want planned", next.ID, status, err)
	}
}
