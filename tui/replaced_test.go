package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maturity/store"
)

// TestADeletedOrReplacedDatabaseStopsTheDashboard: when the database file
// is removed or another is moved in its place, the dashboard notices on its
// next poll, says so for good, and starts no change any more; what it
// shows can still be exported.
func TestADeletedOrReplacedDatabaseStopsTheDashboard(t *testing.T) {
	for _, c := range []struct {
		name string
		do   func(t *testing.T, db string)
		want string
	}{
		{"deleted", func(t *testing.T, db string) {
			for _, p := range []string{db, db + "-wal", db + "-shm"} {
				os.Remove(p)
			}
		}, "was deleted while it was open; nothing more is saved: quit and reopen the dashboard"},
		{"replaced", func(t *testing.T, db string) {
			other := filepath.Join(filepath.Dir(db), "other.db")
			o, err := store.Open(context.Background(), other)
			if err != nil {
				t.Fatal(err)
			}
			o.Close()
			if err := os.Rename(other, db); err != nil {
				t.Fatal(err)
			}
		}, "was replaced by another file while it was open; nothing more is saved: quit and reopen the dashboard"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := demoHarness(t)
			db := h.st.Path()
			shown := len(h.snapshot().r.Initiatives)
			c.do(t, db)
			h.send(pollMsg{})
			if !strings.Contains(h.stopped(), "the database file "+db+" "+c.want) {
				t.Fatalf("stopped = %q", h.stopped())
			}
			if v := flat(h.screen()); !strings.Contains(v, "quit and reopen the dashboard") || !strings.Contains(v, c.want[:20]) {
				t.Errorf("the screen does not say what happened:\n%s", h.screen())
			}
			// It does not expire.
			h.send(statusExpiredMsg{tag: h.statusTag()})
			if !strings.Contains(flat(h.screen()), "quit and reopen the dashboard") {
				t.Error("the message went away")
			}
			// No change starts: no form, no status change.
			h.press("a")
			if k := h.dialogKind(); k != "" {
				t.Errorf("a opened the %s", k)
			}
			h.selectIn("Initiatives", 1)
			h.press("s", "e", "D", "b")
			if saving, _ := h.saving(); h.dialogKind() != "" || saving {
				t.Errorf("a change started: dialog %q, saving %v", h.dialogKind(), saving)
			}
			if len(h.snapshot().r.Initiatives) != shown {
				t.Errorf("the dashboard shows %d initiatives, want the %d it had", len(h.snapshot().r.Initiatives), shown)
			}
			// What is on screen can still be saved elsewhere.
			out := filepath.Join(t.TempDir(), "rescue.csv")
			h.press("E", "ctrl+u")
			h.typeText(out)
			h.press("enter")
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("export after the database went: %v", err)
			}
			if got := strings.Count(string(data), "\n"); got < shown+1 {
				t.Errorf("the export has %d lines, want the %d initiatives and a header", got, shown)
			}
		})
	}
}

// TestARefusedSaveStopsTheDashboard: a save that finds the file gone
// (before any poll did) stops the dashboard the same way.
func TestARefusedSaveStopsTheDashboard(t *testing.T) {
	h := demoHarness(t)
	db := h.st.Path()
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		os.Remove(p)
	}
	h.selectIn("Roadmap", 11)
	h.press("]")
	if !strings.Contains(h.stopped(), "was deleted while it was open") {
		t.Errorf("stopped = %q after a refused save", h.stopped())
	}
	if strings.HasPrefix(h.statusText(), "moved") {
		t.Errorf("status %q", h.statusText())
	}
}
