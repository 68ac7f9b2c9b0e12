package cli

import (
	"os"
	"runtime/debug"
)

// importBudget bounds the memory an import lets the Go runtime use. Main
// lets the heap grow to five times what is live before collecting, which
// makes short commands fast but lets an import that writes a million
// rows pile up gigabytes of garbage. The bound is a soft limit (the
// collector works harder near it) that follows what an import must hold:
// 64 MiB and twice the database file (the roadmap it merges into), or
// eight times the input read so far, whichever is more. It never refuses
// anything.
type importBudget struct {
	base, set, prev int64
}

const budgetFloor = 64 << 20

// newImportBudget sets the limit for an import into the database at
// dbPath; restore puts the previous one back.
func newImportBudget(dbPath string) *importBudget {
	size := int64(0)
	for _, p := range []string{dbPath, dbPath + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			size += st.Size()
		}
	}
	b := &importBudget{base: budgetFloor + 2*size}
	b.set = b.base
	b.prev = debug.SetMemoryLimit(b.set)
	return b
}

// read raises the limit as the input grows.
func (b *importBudget) read(total int64) {
	if b == nil {
		return
	}
	if l := 8 * total; l > b.set {
		b.set = l
		debug.SetMemoryLimit(l)
	}
}

func (b *importBudget) restore() { debug.SetMemoryLimit(b.prev) }
