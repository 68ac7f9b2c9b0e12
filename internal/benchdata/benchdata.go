// Package benchdata generates the large roadmaps that the benchmarks and
// the memory measurements run on, so that every figure in the README comes
// from the same data.
package benchdata

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
)

// Header is the header line WriteCSV writes.
const Header = "id,title,domain,level,quarter,status,owner,effort,depends_on,description\n"

// WriteCSV writes a deterministic roadmap CSV of n initiatives: the same n
// gives the same bytes. Four domains, levels 1-4, twelve quarters and a
// backlog, every status, a third with a dependency on an earlier one (so
// there is no cycle). At a million rows it is about 90 MB.
func WriteCSV(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	domains := []string{"standardization", "automation", "governance", "observability"}
	statuses := []string{"planned", "planned", "planned", "in-progress", "done", "done", "dropped"}
	if _, err := bw.WriteString(Header); err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		q := ""
		if rng.IntN(8) > 0 {
			q = fmt.Sprintf("%d-Q%d", 2026+rng.IntN(3), 1+rng.IntN(4))
		}
		deps := ""
		if i > 1 && rng.IntN(3) == 0 {
			deps = fmt.Sprint(1 + rng.IntN(i-1))
		}
		if _, err := fmt.Fprintf(bw, "%d,Initiative %d,%s,%d,%s,%s,team-%d,%d,%s,Generated for benchmarks\n",
			i, i, domains[rng.IntN(4)], 1+rng.IntN(4), q, statuses[rng.IntN(len(statuses))], i%40, 1+rng.IntN(20), deps); err != nil {
			return err
		}
	}
	return bw.Flush()
}
