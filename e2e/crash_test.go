package e2e

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var importSeed = flag.Uint64("import-seed", 0, "seed of TestImportSurvivesSIGKILL's kill times (0: from the clock)")

// TestImportSurvivesSIGKILL kills a large CSV import at random moments and
// shows that every time the database is intact and holds either none or all
// of the import: the initiatives, their dependencies and the history
// entries, never a part. The real program then reads it without complaint.
//
// Its size is the run's stress budget: a roadmap CSV of importRows new
// initiatives (plus an update of every base initiative), imported and
// killed importKills times.
func TestImportSurvivesSIGKILL(t *testing.T) {
	budget := stress(t)
	bulkRows, kills := budget.importRows, budget.importKills
	t.Logf("stress budget %s: %d rows, %d kills", budget.name, bulkRows, kills)
	dir := t.TempDir()
	rn := newRunner(t, "crash-test")
	base := filepath.Join(dir, "base.db")
	baseCount := makeBaseRoadmap(t, rn, base)
	csvPath := filepath.Join(dir, "big.csv")
	updates := writeBigCSV(t, rn, base, csvPath, bulkRows)
	csvSize := fileSize(csvPath)

	before := fingerprint(t, base)
	beforeHash := dumpHash(t, rn, base)
	if before.Initiatives != baseCount || before.History == 0 {
		t.Fatalf("base roadmap: %+v, want %d initiatives and some history", before, baseCount)
	}

	// Uninterrupted imports: the expected result, and how long one takes,
	// to spread the kills over. The shorter of two runs, as other work on
	// the machine only ever makes a run slower.
	full := filepath.Join(dir, "full.db")
	var took time.Duration
	var after state
	for i := range 2 {
		copyFile(t, base, full)
		os.Remove(full + "-wal")
		start := time.Now()
		r := rn.must(t, "--db", full, "import", csvPath)
		if d := time.Since(start); i == 0 || d < took {
			took = d
		}
		after = fingerprint(t, full)
		want := state{Initiatives: baseCount + bulkRows, History: before.History + bulkRows + updates}
		if after.Initiatives != want.Initiatives || after.History != want.History {
			t.Fatalf("uninterrupted import: %d initiatives and %d history entries, want %d and %d\n%v",
				after.Initiatives, after.History, want.Initiatives, want.History, r)
		}
	}
	t.Logf("an uninterrupted import of %d rows (%d KiB) takes %v", bulkRows+updates, csvSize>>10, took.Round(time.Millisecond))

	seed := *importSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay with -import-seed=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	outcomes := map[string]int{}
	retried := false
	span := took + took/8 // some kills land after the import has finished
	for i := range kills {
		// Stratified: one random moment in each slice of the span, so the
		// kills cover it evenly.
		delay := time.Duration((float64(i) + rng.Float64()) / float64(kills) * float64(span))
		db := filepath.Join(dir, fmt.Sprintf("kill-%02d.db", i))
		copyFile(t, base, db)
		outcome := killImport(t, db, csvPath, csvSize, delay)
		walSize := fileSize(db + "-wal")

		got := fingerprint(t, db)
		switch {
		case got.Integrity != "ok":
			t.Errorf("kill %d after %v (%s): integrity_check: %s", i, delay, outcome, got.Integrity)
		case len(got.ForeignKeys) > 0:
			t.Errorf("kill %d after %v (%s): foreign key violations: %v", i, delay, outcome, got.ForeignKeys)
		case got.sameContent(before):
			if outcome == "finished" {
				t.Errorf("kill %d: the import exited 0 but the database holds none of it", i)
			}
			if h := dumpHash(t, rn, db); h != beforeHash {
				t.Errorf("kill %d after %v (%s): the dump differs from the base database though the counts match", i, delay, outcome)
			}
			if walSize > 0 {
				outcome = "mid-import, while writing the WAL"
			}
		case got.sameContent(after):
			if outcome != "finished" {
				outcome = "after the commit"
			}
		default:
			t.Errorf("kill %d after %v (%s): the database holds part of the import: %d initiatives, %d history entries, %d dependencies; want %d/%d/%d or %d/%d/%d",
				i, delay, outcome, got.Initiatives, got.History, got.Dependencies,
				before.Initiatives, before.History, before.Dependencies, after.Initiatives, after.History, after.Dependencies)
		}
		outcomes[outcome]++
		// A run that exited by itself was not interrupted: checking the
		// program on its result once is enough.
		if outcome != "finished" || outcomes[outcome] == 1 {
			checkStillWorks(t, rn, db, got.Initiatives)
		}
		// Once, the import is run again on a database whose import was
		// killed: it must now give exactly the uninterrupted result.
		if !retried && strings.HasPrefix(outcome, "mid-import") && !t.Failed() {
			retried = true
			rn.must(t, "--db", db, "import", csvPath)
			if again := fingerprint(t, db); !again.sameContent(after) || again.Integrity != "ok" {
				t.Errorf("kill %d: importing again after the kill gives %d initiatives, %d history entries (integrity %s); want %d and %d",
					i, again.Initiatives, again.History, again.Integrity, after.Initiatives, after.History)
			}
		}
		if t.Failed() {
			break
		}
		os.Remove(db)
		os.Remove(db + "-wal")
		os.Remove(db + "-shm")
	}
	mid := 0
	for k, n := range outcomes {
		if strings.HasPrefix(k, "mid-import") {
			mid += n
		}
	}
	t.Logf("%d kills: %d mid-import; outcomes: %v", kills, mid, outcomes)
}

// killImport starts the import, kills it with SIGKILL after delay unless it
// has exited, and says when the kill landed: "finished" (it exited 0
// first), "before reading the whole file" or "mid-import", judged from the
// bytes the process had read (on Linux; "killed" elsewhere). The caller
// refines this from what the database holds.
func killImport(t *testing.T, db, csvPath string, csvSize int64, delay time.Duration) string {
	t.Helper()
	cmd := exec.Command(binary, "--db", db, "import", csvPath)
	cmd.Env = []string{"HOME=" + filepath.Dir(db), "MATURITY_USER=crash-test", "TZ=UTC"}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the import failed before it was killed: %v\n%s", err, stderr.String())
		}
		return "finished"
	case <-time.After(delay):
	}
	read := bytesRead(cmd.Process.Pid)
	cmd.Process.Kill() // SIGKILL: no chance to clean up
	err := <-done
	if err == nil {
		return "finished"
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != -1 {
		t.Fatalf("the import failed on its own: %v\n%s", err, stderr.String())
	}
	switch {
	case read < 0:
		return "killed"
	case read < csvSize:
		return "before reading the whole file"
	}
	return "mid-import"
}

// bytesRead returns how many bytes a process has read so far (rchar in
// /proc/PID/io), or -1 when that cannot be known.
func bytesRead(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/io", pid))
	if err != nil {
		return -1
	}
	m := regexp.MustCompile(`(?m)^rchar: (\d+)$`).FindSubmatch(data)
	if m == nil {
		return -1
	}
	n, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return n
}

// checkStillWorks runs check and list on a database that was killed
// mid-write: both must read it as usual.
func checkStillWorks(t *testing.T, rn *runner, db string, initiatives int) {
	t.Helper()
	r := rn.run("--db", db, "check")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if (r.code != 0 && r.code != 1) || r.stderr != "" ||
		!regexp.MustCompile(`^\d+ errors?, \d+ warnings?$`).MatchString(lines[len(lines)-1]) {
		t.Errorf("check after the kill: %v", r)
	}
	r = rn.run("--db", db, "list", "--format", "csv")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("list after the kill: %v", r)
		return
	}
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != initiatives+1 {
		t.Errorf("list after the kill: %d rows (%v), want %d initiatives and a header", len(rows), err, initiatives)
	}
}

// makeBaseRoadmap fills a small roadmap through the program itself and
// returns how many initiatives it has.
func makeBaseRoadmap(t *testing.T, rn *runner, db string) int {
	for _, args := range [][]string{
		{"add", "Version-control all infrastructure", "--domain", "standardization", "--level", "1", "--quarter", "2026-Q2", "--owner", "alice", "--effort", "3"},
		{"add", "Scripted provisioning", "--domain", "automation", "--level", "1", "--quarter", "2026-Q3", "--owner", "bob", "--effort", "2.5", "--depends-on", "1"},
		{"add", "Central metrics", "--domain", "observability", "--level", "1", "--owner", "carol", "--description", "RED metrics\nfor every service"},
		{"add", "Policy as code", "--domain", "governance", "--level", "2", "--quarter", "2027-Q1", "--depends-on", "2,3"},
		{"add", "Golden paths", "--domain", "standardization", "--level", "2", "--quarter", "2026-Q4"},
		{"done", "1"},
		{"drop", "5"},
		{"assess", "governance", "1", "--note", "quarterly audits"},
	} {
		rn.must(t, append([]string{"--db", db}, args...)...)
	}
	return 5
}

// writeBigCSV writes a roadmap CSV that changes the owner of every
// initiative of the base roadmap and adds n new ones, with ids from 1001,
// dependencies on earlier rows and on the base roadmap, and every status.
// It returns how many base initiatives it updates.
func writeBigCSV(t *testing.T, rn *runner, base, path string, n int) int {
	t.Helper()
	exported := rn.must(t, "--db", base, "export").stdout
	rows, err := csv.NewReader(strings.NewReader(exported)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	for _, row := range rows[1:] {
		row[col["owner"]] = "owner-after-import-" + row[col["id"]]
		w.Write(row)
	}
	domains := []string{"standardization", "automation", "governance", "observability"}
	statuses := []string{"planned", "planned", "planned", "in-progress", "done", "dropped"}
	for i := 1; i <= n; i++ {
		row := make([]string, len(header))
		id := 1000 + i
		deps := []string{}
		if i > 1 {
			deps = append(deps, strconv.Itoa(1000+i/2))
		}
		if i%7 == 0 {
			deps = append(deps, strconv.Itoa(1000+i-3))
		}
		if i%500 == 0 {
			deps = append(deps, strconv.Itoa(1+i/500%4))
		}
		row[col["id"]] = strconv.Itoa(id)
		row[col["title"]] = fmt.Sprintf("Bulk initiative %05d, \"quoted\"", i)
		row[col["domain"]] = domains[i%4]
		row[col["level"]] = strconv.Itoa(1 + i%4)
		row[col["quarter"]] = fmt.Sprintf("%d-Q%d", 2026+i%12/4, 1+i%4)
		if i%9 == 0 {
			row[col["quarter"]] = ""
		}
		row[col["status"]] = statuses[i%len(statuses)]
		row[col["owner"]] = fmt.Sprintf("team-%d", i%17)
		row[col["effort"]] = strconv.FormatFloat(float64(i%40)/4, 'f', -1, 64)
		row[col["depends_on"]] = strings.Join(deps, ";")
		row[col["description"]] = fmt.Sprintf("Row %d of the bulk import.\nSecond line.", i)
		w.Write(row)
	}
	w.Flush()
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return len(rows) - 1
}

// state is what the crash test looks at in a database file (see
// testdata/dbcheck).
type state struct {
	Integrity    string   `json:"integrity"`
	ForeignKeys  []string `json:"foreign_keys"`
	Initiatives  int      `json:"initiatives"`
	History      int      `json:"history"`
	Dependencies int      `json:"dependencies"`
	Content      string   `json:"content"` // hash of every row, timestamps left out
}

// sameContent reports whether two databases hold the same rows.
func (s state) sameContent(o state) bool {
	return s.Initiatives == o.Initiatives && s.History == o.History && s.Dependencies == o.Dependencies && s.Content == o.Content
}

// fingerprint opens the file with SQLite directly, in the dbcheck helper
// (recovering a WAL left by a killed process, as any opener does), and
// reads its integrity, its counts and a hash of its rows without the
// timestamps, which differ from one import to the next.
func fingerprint(t *testing.T, path string) state {
	t.Helper()
	out, err := exec.Command(dbcheck, path).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("dbcheck %s: %v\n%s", path, err, stderr)
	}
	var s state
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("dbcheck %s: %v\n%s", path, err, out)
	}
	return s
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
