package cli

import (
	"os"
	"runtime/debug"
)

// memoryBudget bounds the memory a CSV import or export lets the Go
// runtime use. Main lets the heap grow to five times what is live before
// collecting, which makes short commands fast but lets a command that
// reads or writes a million rows pile up gigabytes of garbage. The bound
// is a soft limit (the collector works harder near it) that follows what
// the command must hold: 64 MiB and a few times the database file (the
// roadmap it loads), or, for an import, eight times the input read so
// far, whichever is more. It never refuses anything.
type memoryBudget struct {
	set, prev int64
}

const budgetFloor = 64 << 20

// newMemoryBudget sets the limit for a command on the database at dbPath
// that holds perDBByte bytes of memory for each byte of the database;
// restore puts the previous limit back.
func newMemoryBudget(dbPath string, perDBByte int64) *memoryBudget {
	size := int64(0)
	for _, p := range []string{dbPath, dbPath + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			size += st.Size()
		}
	}
	b := &memoryBudget{set: budgetFloor + perDBByte*size}
	b.prev = debug.SetMemoryLimit(b.set)
	return b
}

// read raises the limit of an import as its input grows.
func (b *memoryBudget) read(total int64) {
	if b == nil {
		return
	}
	if l := 8 * total; l > b.set {
		b.set = l
		debug.SetMemoryLimit(l)
	}
}

func (b *memoryBudget) restore() { debug.SetMemoryLimit(b.prev) }
