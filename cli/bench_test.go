package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maturity/internal/benchdata"
)

// The command benchmarks run whole commands in process, from parsing the
// arguments to the last byte written, on databases of 1k, 10k and 100k
// initiatives. They are what the README's speed figures come from;
// process start-up (a few milliseconds) comes on top.

var benchSizes = []int{1000, 10000, 100000}

// benchCSV writes the generated roadmap CSV of n initiatives
// (benchdata.WriteCSV) into dir, once.
func benchCSV(tb testing.TB, dir string, n int) string {
	tb.Helper()
	path := filepath.Join(dir, fmt.Sprintf("roadmap-%d.csv", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	var b bytes.Buffer
	if err := benchdata.WriteCSV(&b, n); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// runQuiet runs one command line in process and fails on a status above 1
// (check exits 1 when it finds errors, which generated data has).
func runQuiet(tb testing.TB, args ...string) {
	tb.Helper()
	a := &App{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	if st := a.Run(context.Background(), args); st > 1 {
		tb.Fatalf("maturity %s: exit status %d", strings.Join(args, " "), st)
	}
}

// benchDB returns a database holding the generated roadmap of n
// initiatives, built once per size.
func benchDB(b *testing.B, dir string, n int) string {
	db := filepath.Join(dir, fmt.Sprintf("roadmap-%d.db", n))
	if _, err := os.Stat(db); err != nil {
		runQuiet(b, "--db", db, "import", benchCSV(b, dir, n))
	}
	return db
}

func BenchmarkCommand(b *testing.B) {
	dir := b.TempDir()
	for _, n := range benchSizes {
		name := fmt.Sprintf("%dk", n/1000)
		b.Run("import/"+name, func(b *testing.B) {
			csv := benchCSV(b, dir, n)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := filepath.Join(b.TempDir(), "import.db")
				runQuiet(b, "--db", db, "init")
				b.StartTimer()
				runQuiet(b, "--db", db, "import", csv)
			}
		})
		for _, cmd := range [][]string{
			{"export", "-o", filepath.Join(dir, "out.csv")},
			{"check"},
			{"levels"},
			{"plan"},
			{"list", "--ready"},
			{"report", "-o", filepath.Join(dir, "report.html")},
		} {
			b.Run(cmd[0]+"/"+name, func(b *testing.B) {
				db := benchDB(b, dir, n)
				args := append([]string{"--db", db, "--today", "2026-11-15"}, cmd...)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					runQuiet(b, args...)
				}
			})
		}
	}
}
