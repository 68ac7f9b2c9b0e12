package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"maturity/roadmap"
)

func TestImport(t *testing.T) {
	t.Parallel()
	ctx := WithActor(context.Background(), "tester")

	t.Run("creates rows with their ids and numbers the rest above the largest", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustAdd(t, s, ini("Existing", "automation", 1))
		imp := readCSV(t, s, `id,title,domain,level,quarter,status,owner,effort,depends_on,description
,First without id,automation,2,2026-Q3,,,,,
20,Twenty,governance,1,,done,gov,3,1,"multi
line"
,Second without id,observability,1,,,,,20,
10,Ten,standardization,1,2026-Q2,in-progress,,0.5,,
`)
		plan, err := s.Import(ctx, imp, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Create) != 4 || len(plan.Update) != 0 {
			t.Errorf("plan creates %d and updates %d, want 4 and 0", len(plan.Create), len(plan.Update))
		}
		r := mustLoad(t, s)
		if got, want := ids(r), []int64{1, 10, 20, 21, 22}; !reflect.DeepEqual(got, want) {
			t.Fatalf("ids %v, want %v", got, want)
		}
		byTitle := map[string]roadmap.Initiative{}
		for _, in := range r.Initiatives {
			byTitle[in.Title] = in
		}
		if in := byTitle["First without id"]; in.ID != 21 {
			t.Errorf("first row without an id got #%d, want 21 (file order)", in.ID)
		}
		if in := byTitle["Second without id"]; in.ID != 22 || !reflect.DeepEqual(in.DependsOn, []int64{20}) {
			t.Errorf("second row without an id: %+v", in)
		}
		tw := byTitle["Twenty"]
		if tw.Status != roadmap.Done || tw.DoneAt.IsZero() || tw.Owner != "gov" || tw.Effort.String() != "3" ||
			tw.Description != "multi\nline" || !reflect.DeepEqual(tw.DependsOn, []int64{1}) || tw.Version != 1 {
			t.Errorf("#20 %+v", tw)
		}
		if tn := byTitle["Ten"]; tn.Status != roadmap.InProgress || !tn.DoneAt.IsZero() || tn.Quarter.String() != "2026-Q2" {
			t.Errorf("#10 %+v", tn)
		}
		// The ids the import took are used up: the next add continues.
		if in := mustAdd(t, s, ini("After", "automation", 1)); in.ID != 23 {
			t.Errorf("next id %d, want 23", in.ID)
		}
		// Each created row has its create event, marked as an import.
		evs := history(t, s, HistoryFilter{Initiative: 20})
		if len(evs) != 1 || evs[0].Action != ActionCreate || evs[0].New != "Twenty" || evs[0].Reason != "import" || evs[0].Actor != "tester" {
			t.Errorf("history of #20: %q", eventTexts(evs))
		}
	})

	t.Run("numbers rows without ids after the largest id ever used", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		for i := 0; i < 3; i++ {
			mustAdd(t, s, ini("Existing", "automation", 1))
		}
		if _, err := s.Delete(ctx, 3, Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(ctx, readCSV(t, s, "title,domain,level\nNew,automation,1\n"), false); err != nil {
			t.Fatal(err)
		}
		if got := ids(mustLoad(t, s)); !reflect.DeepEqual(got, []int64{1, 2, 4}) {
			t.Errorf("ids %v, want [1 2 4]", got)
		}
	})

	t.Run("dependencies may point forward within the file", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		imp := readCSV(t, s, `id,title,domain,level,depends_on
1,Needs later rows,automation,3,2;3
2,Middle,automation,2,3
3,Last,automation,1,
,Needs the first,governance,1,1
`)
		if _, err := s.Import(ctx, imp, false); err != nil {
			t.Fatal(err)
		}
		r := mustLoad(t, s)
		want := map[int64][]int64{1: {2, 3}, 2: {3}, 3: nil, 4: {1}}
		for id, deps := range want {
			in, err := r.Find(id)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(in.DependsOn, deps) {
				t.Errorf("#%d depends on %v, want %v", id, in.DependsOn, deps)
			}
		}
		// The dependencies hold: #3 cannot be deleted.
		_, err := s.Delete(ctx, 3, Options{})
		wantErr(t, err, `#1 "Needs later rows" and #2 "Middle" depend on it`)
	})

	t.Run("updates existing initiatives, keeping the columns the file lacks", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		a := mustAdd(t, s, roadmap.Initiative{Title: "Templates", Domain: "standardization", Level: 1, Owner: "platform", Description: "keep me"})
		mustAdd(t, s, ini("Scripts", "automation", 1))
		mustAdd(t, s, ini("Untouched", "automation", 2))
		imp := readCSV(t, s, "id,title,quarter,depends_on\n1,Shared templates,2026-Q4,2\n2,Scripts,,\n")
		plan, err := s.Import(ctx, imp, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Update) != 1 || plan.Unchanged != 1 || len(plan.Create) != 0 {
			t.Errorf("plan: %d updates, %d unchanged, %d creates; want 1, 1, 0", len(plan.Update), plan.Unchanged, len(plan.Create))
		}
		got := mustGet(t, s, a.ID)
		if got.Title != "Shared templates" || got.Quarter.String() != "2026-Q4" || !reflect.DeepEqual(got.DependsOn, []int64{2}) ||
			got.Owner != "platform" || got.Description != "keep me" || got.Version != 2 {
			t.Errorf("#1 after the import: %+v", got)
		}
		if v := mustGet(t, s, 2).Version; v != 1 {
			t.Errorf("the unchanged row's version is %d, want 1", v)
		}
		evs := eventTexts(history(t, s, HistoryFilter{Initiative: 1, Limit: 3}))
		want := []string{
			`#1 edit depends_on ""→"2" (import)`,
			`#1 edit quarter ""→"2026-Q4" (import)`,
			`#1 edit title "Templates"→"Shared templates" (import)`,
		}
		if !reflect.DeepEqual(evs, want) {
			t.Errorf("history\n got  %q\n want %q", evs, want)
		}
	})

	t.Run("a dry run reports the plan and writes nothing", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		mustAdd(t, s, ini("Templates", "standardization", 1))
		before, r0 := snapshot(t, s), mustLoad(t, s)
		imp := readCSV(t, s, "id,title,domain,level\n1,Renamed,standardization,1\n,New,automation,1\n7,Seven,automation,2\n")
		plan, err := s.Import(ctx, imp, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Create) != 2 || len(plan.Update) != 1 {
			t.Errorf("plan creates %d and updates %d, want 2 and 1", len(plan.Create), len(plan.Update))
		}
		unchanged(t, s, before, r0)
		// Not even the id sequence moved.
		if in := mustAdd(t, s, ini("Next", "automation", 1)); in.ID != 2 {
			t.Errorf("next id %d, want 2", in.ID)
		}
	})

	refusals := []struct {
		name string
		csv  string
		want string
	}{
		{"a dependency on an unknown id fails the whole file", "id,title,domain,level,depends_on\n5,A,automation,1,\n6,B,automation,1,99\n", "line 3: depends on unknown initiative #99"},
		{"a dependency cycle fails the whole file", "id,title,domain,level,depends_on\n5,A,automation,1,6\n6,B,automation,1,5\n", "dependency cycle"},
		{"a cycle through an existing initiative fails the whole file", "id,depends_on\n1,2\n", "dependency cycle"},
		{"a repeated id fails the whole file", "id,title,domain,level\n5,A,automation,1\n5,B,automation,1\n", "id 5 appears twice"},
		{"a new row without a level column fails the whole file", "id,title,domain\n5,A,automation\n", "needs a level column"},
		{"an empty title fails the whole file", "id,title,domain,level\n5,A,automation,1\n6, ,automation,1\n", "line 3: title is empty"},
	}
	for _, tc := range refusals {
		t.Run(tc.name+" and nothing is written", func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			mustAdd(t, s, ini("First", "automation", 1))
			mustAdd(t, s, ini("Second", "automation", 1, 1))
			before, r0 := snapshot(t, s), mustLoad(t, s)
			_, err := s.Import(ctx, readCSV(t, s, tc.csv), false)
			wantErr(t, err, tc.want)
			unchanged(t, s, before, r0)
		})
	}

	t.Run("a failure after some batches are written rolls them all back", func(t *testing.T) {
		t.Parallel()
		// A trigger fails the row after several batches of rows, history
		// and dependencies have gone in.
		s := newStore(t)
		mustAdd(t, s, ini("Existing", "automation", 1))
		mustExec(t, s.db, `CREATE TRIGGER refuse_row BEFORE INSERT ON initiatives WHEN NEW.title = 'Row 900'
			BEGIN SELECT RAISE(ABORT, 'row refused'); END`)
		before, r0 := snapshot(t, s), mustLoad(t, s)
		var b strings.Builder
		b.WriteString("id,title,domain,level,depends_on\n1,Existing renamed,automation,1,\n")
		for i := 2; i <= 1000; i++ {
			fmt.Fprintf(&b, "%d,Row %d,automation,1,%d\n", i, i, i-1)
		}
		_, err := s.Import(ctx, readCSV(t, s, b.String()), false)
		wantErr(t, err, "row refused")
		unchanged(t, s, before, r0)
		if in := mustAdd(t, s, ini("Next", "automation", 1)); in.ID != 2 {
			t.Errorf("next id %d, want 2", in.ID)
		}
	})

	t.Run("export, import and export again give the same bytes", func(t *testing.T) {
		t.Parallel()
		src := newStore(t)
		populate(t, src)
		first := exportCSV(t, mustLoad(t, src))

		dst := newStore(t)
		plan, err := dst.Import(ctx, readCSV(t, dst, first), false)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Create) != len(mustLoad(t, src).Initiatives) {
			t.Errorf("plan creates %d", len(plan.Create))
		}
		second := exportCSV(t, mustLoad(t, dst))
		if first != second {
			t.Errorf("the second export differs:\n first\n%s\n second\n%s", first, second)
		}

		// Importing the export back into its source changes nothing.
		before := snapshot(t, src)
		plan, err = src.Import(ctx, readCSV(t, src, first), false)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Create) != 0 || len(plan.Update) != 0 || plan.Unchanged != len(mustLoad(t, src).Initiatives) {
			t.Errorf("re-import plan: %d creates, %d updates, %d unchanged", len(plan.Create), len(plan.Update), plan.Unchanged)
		}
		unchanged(t, src, before, nil)
	})
}

// populate fills a store with a varied roadmap: every status, quarters and
// the backlog, owners, efforts, dependencies, descriptions with commas,
// quotes and newlines, text a spreadsheet would run as a formula, and gaps
// in the ids.
func populate(t testing.TB, s *Store) {
	t.Helper()
	ctx := context.Background()
	q := func(y, n int) roadmap.Quarter { return roadmap.Quarter{Year: y, Q: n} }
	add := func(in roadmap.Initiative) roadmap.Initiative { return mustAdd(t, s, in) }
	std1 := add(roadmap.Initiative{Title: "Configuration in Git", Domain: "standardization", Level: 1, Quarter: q(2026, 1), Owner: "platform", Effort: roadmap.Effort{Value: 3, Set: true}})
	gone := add(ini("Deleted later", "automation", 1))
	auto1 := add(roadmap.Initiative{Title: "Deploy scripts, v2", Domain: "automation", Level: 1, Quarter: q(2026, 2), Description: `Say "hello",` + "\nthen wait", DependsOn: []int64{std1.ID}})
	gov1 := add(roadmap.Initiative{Title: "=SUM(A1:A9)", Domain: "governance", Level: 1, Quarter: q(2026, 3), Owner: "+sec", Effort: roadmap.Effort{Value: 0.25, Set: true}})
	obs2 := add(roadmap.Initiative{Title: "Central logs", Domain: "observability", Level: 2, Description: "-- backlog item", DependsOn: []int64{gov1.ID, auto1.ID}})
	std2 := add(roadmap.Initiative{Title: "Templates for services", Domain: "standardization", Level: 2, Quarter: q(2025, 4), Owner: "Ünïcødé team"})
	auto2 := add(roadmap.Initiative{Title: "Self-service pipelines", Domain: "automation", Level: 2, Quarter: q(2026, 3), DependsOn: []int64{std2.ID, auto1.ID}})
	add(roadmap.Initiative{Title: "GitOps everywhere", Domain: "automation", Level: 3, Quarter: q(2026, 2), DependsOn: []int64{auto2.ID}})
	dropped := add(roadmap.Initiative{Title: "Home-grown tracing", Domain: "observability", Level: 3, Quarter: q(2026, 1)})
	if _, err := s.Delete(ctx, gone.ID, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, st := range []struct {
		id int64
		to roadmap.Transition
	}{{std1.ID, roadmap.MarkDone}, {auto1.ID, roadmap.Start}, {dropped.ID, roadmap.Drop}, {gov1.ID, roadmap.MarkDone}} {
		if _, err := s.SetStatus(ctx, st.id, st.to, Options{Force: true, Reason: "test data"}); err != nil {
			t.Fatal(err)
		}
	}
	_ = obs2
}
