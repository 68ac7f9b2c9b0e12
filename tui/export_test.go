package tui

import (
	"os"
	"strings"
	"testing"
)

// TestExportNeverReplacesTheDatabase: the dashboard's export goes through
// the same guard as the command line's -o, so neither the database nor
// the files SQLite keeps next to it can be overwritten with CSV, even by
// pressing enter twice.
func TestExportNeverReplacesTheDatabase(t *testing.T) {
	h := demoHarness(t)
	db := h.st.Path()
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{db, "it is the database itself"},
		{db + "-wal", "it is the database's write-ahead log"},
		{db + "-shm", "it is the database's shared-memory index"},
		{"-", "there is no standard output here"},
	} {
		t.Run(c.path, func(t *testing.T) {
			h.press("E", "ctrl+u")
			h.typeText(c.path)
			h.press("enter", "enter")
			if k := h.dialogKind(); k != "prompt" {
				t.Fatalf("dialog %q, want the prompt with the refusal", k)
			}
			if got := h.dialogError(); !strings.Contains(got, c.want) {
				t.Errorf("prompt error %q, want %q", got, c.want)
			}
			h.press("esc")
			after, err := os.ReadFile(db)
			if err != nil {
				t.Fatal(err)
			}
			if string(after) != string(before) {
				t.Fatal("the database file changed")
			}
			if len(h.reload().Initiatives) != len(h.snapshot().r.Initiatives) {
				t.Error("the roadmap changed")
			}
		})
	}
}
