package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"maturity/roadmap"
)

// schedule reads the store's version, then the roadmap, and schedules it
// from 2026-Q2 over four quarters (today 2026-Q2), as the command does.
func schedule(t testing.TB, s *Store, includePlanned bool) (Version, *roadmap.Schedule) {
	t.Helper()
	ctx := context.Background()
	v, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sch, err := mustLoad(t, s).Schedule(roadmap.ScheduleOptions{From: today, Horizon: 4, IncludePlanned: includePlanned, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	return v, sch
}

// backlogStore holds a chain across domains in the backlog: standardization
// 1, then automation 1 (which needs it), then automation 2 (needing
// standardization 2 and governance 1 too), with their prerequisites.
func backlogStore(t testing.TB) *Store {
	s := newStore(t)
	mustAdd(t, s, ini("Repos in Git", "standardization", 1))
	mustAdd(t, s, ini("Scripts", "automation", 1))
	mustAdd(t, s, ini("Templates", "standardization", 2))
	mustAdd(t, s, ini("Audits", "governance", 1))
	mustAdd(t, s, ini("Pipelines", "automation", 2, 2))
	return s
}

func TestApplyScheduleWritesEveryMoveWithItsReason(t *testing.T) {
	s := backlogStore(t)
	v, sch := schedule(t, s, false)
	if len(sch.Moves) != 5 {
		t.Fatalf("moves: %+v", sch.Moves)
	}
	var ch Change
	got, err := s.ApplySchedule(WithChange(context.Background(), &ch), v, sch.Moves)
	if err != nil {
		t.Fatal(err)
	}
	r := mustLoad(t, s)
	for i, mv := range sch.Moves {
		in, _ := r.Get(mv.ID)
		if in.Quarter != mv.To || in.Version != mv.Version+1 || got[i].ID != mv.ID || got[i].Quarter != mv.To {
			t.Errorf("move %+v: stored %s (version %d), returned %+v", mv, in.Quarter.Label(), in.Version, got[i])
		}
	}
	if len(ch.Initiatives) != 5 || !ch.RowsOnly() || ch.After == ch.Before {
		t.Errorf("change: %+v", ch)
	}
	evs := history(t, s, HistoryFilter{Initiative: 5})
	mustEqualText(t, eventText(evs[0]), `#5 schedule quarter ""→"2026-Q4" (needs automation ≥ 1 (Scripted) and standardization ≥ 2 (Templated), reached in 2026-Q3; waits for #2 "Scripts", placed in 2026-Q3)`)
	if text := evs[0].Text(); !strings.Contains(text, `#5 moved by the scheduler: backlog → 2026-Q4 — needs automation ≥ 1 (Scripted)`) {
		t.Errorf("event text: %s", text)
	}
	// The plan the store now holds is the schedule's: nothing moves again.
	if _, again := schedule(t, s, false); len(again.Moves) != 0 {
		t.Errorf("scheduling again moves %+v", again.Moves)
	}
}

func mustEqualText(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("\n got  %s\n want %s", got, want)
	}
}

func TestApplyScheduleRefusesAChangedRoadmapAndWritesNothing(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		change func(t *testing.T, s *Store, moves []roadmap.Move) []roadmap.Move
		want   string
	}{
		{"a write through the store since", func(t *testing.T, s *Store, moves []roadmap.Move) []roadmap.Move {
			mustAdd(t, s, ini("Late idea", "observability", 1))
			return moves
		}, "the roadmap changed since the schedule was made; run schedule again"},
		{"a write through another connection since", func(t *testing.T, s *Store, moves []roadmap.Move) []roadmap.Move {
			mustExec(t, rawDB(t, s.Path()), `UPDATE initiatives SET title = 'Renamed' WHERE id = 4`)
			return moves
		}, "the roadmap changed since the schedule was made; run schedule again"},
		{"an initiative at another version than the move's", func(t *testing.T, s *Store, moves []roadmap.Move) []roadmap.Move {
			moves[len(moves)-1].Version++
			return moves
		}, `the roadmap changed since the schedule was made; run schedule again: #5 "Pipelines" is at version 1, the schedule has 2`},
		{"an initiative no longer where the move takes it from", func(t *testing.T, s *Store, moves []roadmap.Move) []roadmap.Move {
			moves[len(moves)-1].From = roadmap.Quarter{Year: 2026, Q: 1}
			return moves
		}, `#5 "Pipelines" is planned in backlog, the schedule moves it from 2026-Q1`},
		{"a move into the backlog", func(t *testing.T, s *Store, moves []roadmap.Move) []roadmap.Move {
			moves[len(moves)-1].To = roadmap.Backlog
			return moves
		}, `cannot schedule #5 "Pipelines" into "backlog"`},
		{"an initiative that is gone", func(t *testing.T, s *Store, moves []roadmap.Move) []roadmap.Move {
			return append(moves, roadmap.Move{ID: 99, Version: 1, To: today})
		}, "cannot schedule #99: no such initiative"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := backlogStore(t)
			v, sch := schedule(t, s, false)
			moves := c.change(t, s, sch.Moves)
			before, r0 := snapshot(t, s), mustLoad(t, s)
			_, err := s.ApplySchedule(ctx, v, moves)
			wantErr(t, err, c.want)
			unchanged(t, s, before, r0)
		})
	}
	t.Run("an initiative started since", func(t *testing.T) {
		s := backlogStore(t)
		_, sch := schedule(t, s, false)
		mustExec(t, rawDB(t, s.Path()), `UPDATE initiatives SET status = 'in-progress' WHERE id = 1`)
		// With the version of now, only the initiative's status tells.
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		before, r0 := snapshot(t, s), mustLoad(t, s)
		_, err = s.ApplySchedule(ctx, v, sch.Moves)
		if !errors.Is(err, ErrScheduleStale) {
			t.Errorf("got %v, want ErrScheduleStale", err)
		}
		wantErr(t, err, `#1 "Repos in Git" is in-progress in backlog`)
		unchanged(t, s, before, r0)
	})
}

func TestApplyScheduleMovesPlannedWorkWithIncludePlanned(t *testing.T) {
	s := newStore(t)
	late := ini("Metrics", "observability", 1)
	late.Quarter = roadmap.Quarter{Year: 2027, Q: 3}
	mustAdd(t, s, late)
	v, sch := schedule(t, s, true)
	if len(sch.Moves) != 1 || sch.Moves[0].From != late.Quarter || sch.Moves[0].To != today {
		t.Fatalf("moves: %+v", sch.Moves)
	}
	if _, err := s.ApplySchedule(context.Background(), v, sch.Moves); err != nil {
		t.Fatal(err)
	}
	mustEqualText(t, eventText(history(t, s, HistoryFilter{Initiative: 1})[0]), `#1 schedule quarter "2027-Q3"→"2026-Q2" (ready from the first quarter)`)
	mustEqualText(t, history(t, s, HistoryFilter{Initiative: 1})[0].Text()[len("2006-01-02 15:04  tester  "):],
		"#1 moved by the scheduler: 2027-Q3 → 2026-Q2 — ready from the first quarter")
}

func TestApplyScheduleWithNoMovesWritesNothing(t *testing.T) {
	s := backlogStore(t)
	before, r0 := snapshot(t, s), mustLoad(t, s)
	v, _ := s.Version(context.Background())
	if got, err := s.ApplySchedule(context.Background(), v, nil); err != nil || got != nil {
		t.Errorf("got %v, %v", got, err)
	}
	unchanged(t, s, before, r0)
}

// scheduleRandomly schedules the store's roadmap from a random quarter
// over a random horizon and applies it, for the random writes.
func scheduleRandomly(ctx context.Context, s *Store, rng *rand.Rand) error {
	v, err := s.Version(ctx)
	if err != nil {
		return err
	}
	r, err := s.Load(ctx)
	if err != nil {
		return err
	}
	from := roadmap.Quarter{Year: 2025 + rng.IntN(3), Q: 1 + rng.IntN(4)}
	sch, err := r.Schedule(roadmap.ScheduleOptions{From: from, Horizon: 1 + rng.IntN(8), IncludePlanned: rng.IntN(2) == 0, Today: from})
	if err != nil {
		return err
	}
	_, err = s.ApplySchedule(ctx, v, sch.Moves)
	return err
}

func TestAScheduledStoreDumpsAndRestores(t *testing.T) {
	s := backlogStore(t)
	v, sch := schedule(t, s, false)
	if _, err := s.ApplySchedule(context.Background(), v, sch.Moves); err != nil {
		t.Fatal(err)
	}
	text := dumpText(t, s)
	d, m, err := ParseDump(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	dst := openAt(t, dbPath(t))
	if err := dst.Restore(context.Background(), d, m); err != nil {
		t.Fatal(err)
	}
	if again := dumpText(t, dst); again != text {
		t.Errorf("the restored database dumps differently: %s", firstDifference(text, again))
	}
	t.Run("a schedule entry of another field than the quarter is refused", func(t *testing.T) {
		var d Dump
		if err := json.Unmarshal([]byte(text), &d); err != nil {
			t.Fatal(err)
		}
		entry(&d, ActionSchedule).Field = "title"
		var b bytes.Buffer
		if err := writeDump(&b, &d); err != nil {
			t.Fatal(err)
		}
		_, _, err := ParseDump(&b)
		wantErr(t, err, `a schedule entry has field "title": want quarter`)
	})
}

// BenchmarkApplySchedule writes the schedule of 10k backlog initiatives
// (every one moved) in one transaction, on a copy of one database per
// run.
func BenchmarkApplySchedule(b *testing.B) {
	var csv strings.Builder
	csv.WriteString("id,title,domain,level,owner,effort\n")
	for i := 1; i <= 10_000; i++ {
		fmt.Fprintf(&csv, "%d,Backlog item %d,observability,1,team-%d,%d\n", i, i, i%7, 1+i%10)
	}
	imp, err := roadmap.ReadCSV(strings.NewReader(csv.String()), roadmap.DefaultModel())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s := benchOpen(b, dbPath(b), imp)
		v, err := s.Version(ctx)
		if err != nil {
			b.Fatal(err)
		}
		r, err := s.LoadContent(ctx)
		if err != nil {
			b.Fatal(err)
		}
		sch, err := r.Schedule(roadmap.ScheduleOptions{From: today, Horizon: 12, Today: today})
		if err != nil || len(sch.Moves) != 10_000 {
			b.Fatal(err, len(sch.Moves))
		}
		b.StartTimer()
		if _, err := s.ApplySchedule(ctx, v, sch.Moves); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
