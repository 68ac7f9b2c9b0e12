//go:build linux

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"maturity/internal/benchdata"
)

// TestMeasureCSVMemory reports the peak memory (resident set size) and the
// time of whole CSV imports and exports of the generated roadmaps
// (benchdata.WriteCSV) at 100k and 1M initiatives: the figures in the
// README's "Speed" section. It measures and asserts nothing, takes minutes
// and a few hundred MB of disk, and so runs only when asked:
//
//	MATURITY_MEASURE=1 go test ./e2e -run TestMeasureCSVMemory -v
//
// MATURITY_MEASURE_SIZES=100000 measures other sizes (comma-separated).
func TestMeasureCSVMemory(t *testing.T) {
	if os.Getenv("MATURITY_MEASURE") == "" {
		t.Skip("set MATURITY_MEASURE=1 to measure the peak memory of CSV import and export (takes minutes)")
	}
	sizes := []int{100_000, 1_000_000}
	if s := os.Getenv("MATURITY_MEASURE_SIZES"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				t.Fatalf("MATURITY_MEASURE_SIZES: bad size %q", f)
			}
			sizes = append(sizes, n)
		}
	}
	rn := newRunner(t, "measure")
	var report strings.Builder
	fmt.Fprintf(&report, "%-10s %-34s %10s %12s %8s\n", "rows", "command", "input MB", "peak RSS MB", "seconds")
	for _, n := range sizes {
		dir := t.TempDir()
		csvPath := filepath.Join(dir, "roadmap.csv")
		f, err := os.Create(csvPath)
		if err != nil {
			t.Fatal(err)
		}
		if err := benchdata.WriteCSV(f, n); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(csvPath)
		if err != nil {
			t.Fatal(err)
		}
		inputMB := float64(st.Size()) / 1e6
		// The same rows with every owner changed: an import that updates
		// every initiative.
		data, err := os.ReadFile(csvPath)
		if err != nil {
			t.Fatal(err)
		}
		changedPath := filepath.Join(dir, "changed.csv")
		if err := os.WriteFile(changedPath, bytes.ReplaceAll(data, []byte(",team-"), []byte(",crew-")), 0o600); err != nil {
			t.Fatal(err)
		}
		data = nil
		db := filepath.Join(dir, "roadmap.db")
		rn.must(t, "--db", db, "init")
		for _, c := range []struct {
			name string
			args []string
		}{
			{"import --dry-run (empty database)", []string{"import", "--dry-run", csvPath}},
			{"import (empty database)", []string{"import", csvPath}},
			{"import again (every row unchanged)", []string{"import", csvPath}},
			{"import (every row changes)", []string{"import", changedPath}},
			{"export (CSV)", []string{"export"}},
		} {
			rss, took := measure(t, rn, append([]string{"--db", db, "--today", "2026-11-15"}, c.args...)...)
			fmt.Fprintf(&report, "%-10d %-34s %10.1f %12.1f %8.2f\n", n, c.name, inputMB, rss, took.Seconds())
		}
	}
	t.Logf("peak memory of whole commands:\n%s", report.String())
}

// measure runs the binary once with standard output thrown away and
// returns its peak resident set size in MB, as the kernel counted it, and
// its wall time.
func measure(t *testing.T, rn *runner, args ...string) (float64, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = rn.env
	cmd.Stdout = devNull
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("maturity %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	took := time.Since(start)
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatal("no resource usage for the finished process")
	}
	return float64(ru.Maxrss) * 1024 / 1e6, took // Maxrss is in KiB on Linux
}
