package tui

import (
	"context"
	"testing"

	"maturity/store"
)

// The dashboard's writes carry the actor of its context: two dashboards
// on one store write under their own names.
func TestDashboardWritesUnderItsActor(t *testing.T) {
	st := openDemoStore(t)
	for i, name := range []string{"dana", "sam"} {
		h := newHarnessWith(t, st, 120, 40, Options{Context: store.WithActor(context.Background(), name)})
		id := int64(11 + i)
		h.selectIn(boardTitle, id)
		h.press("]")
		evs, err := st.History(context.Background(), store.HistoryFilter{Initiative: id, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1 || evs[0].Actor != name || evs[0].Field != "quarter" {
			t.Errorf("last change of #%d: %+v, want a move by %s", id, evs, name)
		}
	}
}
