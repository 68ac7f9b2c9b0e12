//go:build linux

package e2e

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPeakMemory measures the peak resident memory of the commands that
// read or write a whole database at once: the JSON dump's export and its
// restore, at 100k and 1M initiatives, and a model import of an endless
// input. It is a measuring program, not a test: it runs only with
// MATURITY_MEASURE=1 (it needs several GB of disk and minutes of time),
// asserts nothing and logs the figures the README's "Speed" section
// quotes. MATURITY_MEASURE_SIZES overrides the sizes ("100000,1000000"),
// MATURITY_MEASURE_BINARY measures another build (an older one, for a
// before-and-after comparison).
//
//	MATURITY_MEASURE=1 go test ./e2e -run TestPeakMemory -v -timeout 1h
func TestPeakMemory(t *testing.T) {
	if os.Getenv("MATURITY_MEASURE") != "1" {
		t.Skip("a measuring program: set MATURITY_MEASURE=1 to run it")
	}
	bin := binary
	if b := os.Getenv("MATURITY_MEASURE_BINARY"); b != "" {
		bin = b
	}
	sizes := []int{100_000, 1_000_000}
	if s := os.Getenv("MATURITY_MEASURE_SIZES"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				t.Fatalf("MATURITY_MEASURE_SIZES: %v", err)
			}
			sizes = append(sizes, n)
		}
	}
	rn := newRunner(t, "measure")
	dir := t.TempDir()
	measure := func(args ...string) (rssMiB float64, took time.Duration) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = rn.env
		var stderr strings.Builder
		cmd.Stdout, cmd.Stderr = nil, &stderr
		start := time.Now()
		err := cmd.Run()
		took = time.Since(start)
		if err != nil && cmd.ProcessState == nil {
			t.Fatalf("maturity %q: %v", args, err)
		}
		if err != nil {
			t.Logf("maturity %q: %v: %s", args, err, strings.TrimSpace(stderr.String()))
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		return float64(ru.Maxrss) / 1024, took // Linux reports KiB
	}
	for _, n := range sizes {
		csv := filepath.Join(dir, fmt.Sprintf("roadmap-%d.csv", n))
		writeMeasureCSV(t, csv, n)
		db := filepath.Join(dir, fmt.Sprintf("roadmap-%d.db", n))
		rss, took := measure("--db", db, "import", csv)
		t.Logf("%d initiatives: import of the CSV (%s): peak %.0f MiB, %.1f s", n, size(t, csv), rss, took.Seconds())
		dump := filepath.Join(dir, fmt.Sprintf("dump-%d.json", n))
		rss, took = measure("--db", db, "export", "--format", "json", "-o", dump)
		t.Logf("%d initiatives: export --format json (%s): peak %.0f MiB, %.1f s", n, size(t, dump), rss, took.Seconds())
		restored := filepath.Join(dir, fmt.Sprintf("restored-%d.db", n))
		rss, took = measure("--db", restored, "import", "--format", "json", dump)
		t.Logf("%d initiatives: import --format json: peak %.0f MiB, %.1f s", n, rss, took.Seconds())
		for _, p := range []string{csv, db, dump, restored} {
			os.Remove(p)
			os.Remove(p + "-wal")
			os.Remove(p + "-shm")
		}
	}
	db := filepath.Join(dir, "model.db")
	rn.must(t, "--db", db, "init")
	rss, took := measure("--db", db, "model", "import", "/dev/zero")
	t.Logf("model import /dev/zero: peak %.0f MiB, %.2f s", rss, took.Seconds())
}

func size(t *testing.T, path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "missing"
	}
	return fmt.Sprintf("%.0f MiB", float64(st.Size())/(1<<20))
}

// writeMeasureCSV writes a deterministic roadmap of n initiatives: every
// domain, level and status, twelve quarters and a backlog, owners,
// efforts, one-line descriptions, a third depending on an earlier one.
func writeMeasureCSV(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	domains := []string{"standardization", "automation", "governance", "observability"}
	statuses := []string{"planned", "planned", "planned", "in-progress", "done", "done", "dropped"}
	var b strings.Builder
	b.WriteString("id,title,domain,level,quarter,status,owner,effort,depends_on,description\n")
	for i := 1; i <= n; i++ {
		q := ""
		if rng.IntN(8) > 0 {
			q = fmt.Sprintf("%d-Q%d", 2026+rng.IntN(3), 1+rng.IntN(4))
		}
		deps := ""
		if i > 1 && rng.IntN(3) == 0 {
			deps = fmt.Sprint(1 + rng.IntN(i-1))
		}
		fmt.Fprintf(&b, "%d,Initiative %d,%s,%d,%s,%s,team-%d,%d,%s,Generated for measuring: moves the domain up one level\n",
			i, i, domains[rng.IntN(4)], 1+rng.IntN(4), q, statuses[rng.IntN(len(statuses))], i%40, 1+rng.IntN(20), deps)
		if b.Len() > 1<<20 {
			if _, err := f.WriteString(b.String()); err != nil {
				t.Fatal(err)
			}
			b.Reset()
		}
	}
	if _, err := f.WriteString(b.String()); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
