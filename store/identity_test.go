package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"maturity/roadmap"
)

func TestActorPerCall(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	ctx := context.Background()
	const each = 20
	var wg sync.WaitGroup
	for _, name := range []string{"alice", "bob"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			actx := WithActor(ctx, name)
			for i := range each {
				if _, err := s.Add(actx, ini(fmt.Sprintf("%s %d", name, i), "automation", 1)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	r, err := s.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[int64]string{}
	for _, in := range r.Initiatives {
		titles[in.ID] = in.Title
	}
	evs := history(t, s, HistoryFilter{})
	if len(evs) != 2*each {
		t.Fatalf("%d history entries, want %d", len(evs), 2*each)
	}
	for _, e := range evs {
		var name string
		var n int
		if _, err := fmt.Sscanf(titles[e.Initiative], "%s %d", &name, &n); err != nil || e.Actor != name {
			t.Errorf("#%d %q was recorded as made by %q", e.Initiative, titles[e.Initiative], e.Actor)
		}
	}

	t.Run("a write without an actor records none", func(t *testing.T) {
		in, err := s.Add(ctx, roadmap.Initiative{Title: "Nobody's", Domain: "automation", Level: 1})
		if err != nil {
			t.Fatal(err)
		}
		if evs := history(t, s, HistoryFilter{Initiative: in.ID}); len(evs) != 1 || evs[0].Actor != "" {
			t.Errorf("history %+v", evs)
		}
	})
}
