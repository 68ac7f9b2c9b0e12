package e2e

import (
	"path/filepath"
	"testing"

	"maturity/store"
)

// TestCraftedDumpRestores shows that the dump the bad-input cases change
// restores as it is, so that each of them is refused for its change.
func TestCraftedDumpRestores(t *testing.T) {
	t.Parallel()
	rn := newRunner(t, "crafted")
	db := filepath.Join(t.TempDir(), "roadmap.db")
	rn.stdin = craftedDump(func(*store.Dump) {})
	rn.must(t, "--db", db, "import", "-")
	if d := readDump(t, rn, db); len(d.Initiatives) != 1 || len(d.History) != 3 {
		t.Errorf("restored %d initiatives and %d history entries, want 1 and 3", len(d.Initiatives), len(d.History))
	}
}
