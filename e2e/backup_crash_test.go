package e2e

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// backupSeed replays a run of the backup kill test: its log names the
// seed it used.
var backupSeed = flag.Uint64("backup-seed", 0, "seed of TestBackupSurvivesSIGKILL's kill times (0: from the clock)")

// TestBackupSurvivesSIGKILL kills backups of a large database at random
// moments and shows that the target is then either missing or a whole,
// intact copy, never a partial file, and that running the backup again
// works.
//
// Its size is the run's stress budget: backupKills backups of a database
// of backupRows initiatives (and the base roadmap).
func TestBackupSurvivesSIGKILL(t *testing.T) {
	budget := stress(t)
	bulkRows, backupKills := budget.backupRows, budget.backupKills
	t.Logf("stress budget %s: %d rows, %d kills", budget.name, bulkRows, backupKills)
	dir := t.TempDir()
	rn := newRunner(t, "backup-crash-test")
	db := filepath.Join(dir, "roadmap.db")
	makeBaseRoadmap(t, rn, db)
	csvPath := filepath.Join(dir, "big.csv")
	writeBigCSV(t, rn, db, csvPath, bulkRows)
	rn.must(t, "--db", db, "import", csvPath)
	want := fingerprint(t, db)

	// One uninterrupted backup: how long one takes, to spread the kills
	// over (the shorter of two runs).
	var took time.Duration
	for i := range 2 {
		out := filepath.Join(dir, fmt.Sprintf("whole-%d.db", i))
		start := time.Now()
		rn.must(t, "--db", db, "backup", out)
		if d := time.Since(start); i == 0 || d < took {
			took = d
		}
		if got := fingerprint(t, out); got.Integrity != "ok" || !got.sameContent(want) {
			t.Fatalf("an uninterrupted backup differs from the database: %+v", got)
		}
	}
	t.Logf("an uninterrupted backup of %d initiatives takes %v", want.Initiatives, took.Round(time.Millisecond))

	seed := *backupSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay with -backup-seed=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 11))
	span := took + took/8
	outcomes := map[string]int{}
	for i := range backupKills {
		delay := time.Duration((float64(i) + rng.Float64()) / float64(backupKills) * float64(span))
		kdir := filepath.Join(dir, fmt.Sprintf("kill-%02d", i))
		if err := os.Mkdir(kdir, 0o700); err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(kdir, "backup.db")
		finished := killBackup(t, db, target, delay)
		_, err := os.Lstat(target)
		switch {
		case err == nil:
			if got := fingerprint(t, target); got.Integrity != "ok" || !got.sameContent(want) {
				t.Errorf("kill %d after %v: the target is there but is not a whole copy: %+v", i, delay, got)
			}
			if st, _ := os.Stat(target); st.Mode().Perm() != 0o600 {
				t.Errorf("kill %d: the backup has mode %v, want 0600", i, st.Mode().Perm())
			}
			outcomes["after the rename"]++
		case finished:
			t.Errorf("kill %d: the backup exited 0 but %s is missing", i, target)
		default:
			left := listDir(t, kdir)
			if len(left) == 0 {
				outcomes["before the copy began"]++
			} else {
				outcomes["mid-copy"]++
			}
			// Only the temporary copy may be left, hidden and 0600.
			for _, e := range left {
				if !strings.HasPrefix(e.Name(), ".backup.db.") {
					t.Errorf("kill %d: the folder holds %s", i, e.Name())
				} else if info, err := e.Info(); err == nil && info.Mode().Perm() != 0o600 {
					t.Errorf("kill %d: the temporary copy %s has mode %v, want 0600", i, e.Name(), info.Mode().Perm())
				}
			}
			// The backup runs again as if nothing had happened.
			rn.must(t, "--db", db, "backup", target)
			if got := fingerprint(t, target); got.Integrity != "ok" || !got.sameContent(want) {
				t.Errorf("kill %d: the backup run again is not a whole copy: %+v", i, got)
			}
		}
		if t.Failed() {
			break
		}
	}
	if got := fingerprint(t, db); got.Integrity != "ok" || !got.sameContent(want) {
		t.Errorf("the database changed while its backups were killed: %+v", got)
	}
	t.Logf("%d kills: %v", backupKills, outcomes)
}

// killBackup starts a backup and kills it with SIGKILL after delay unless
// it has exited; it reports whether the backup finished first.
func killBackup(t *testing.T, db, target string, delay time.Duration) bool {
	t.Helper()
	cmd := exec.Command(binary, "--db", db, "backup", target)
	cmd.Env = []string{"HOME=" + filepath.Dir(target), "MATURITY_USER=backup-crash-test", "TZ=UTC"}
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
			t.Fatalf("the backup failed before it was killed: %v\n%s", err, stderr.String())
		}
		return true
	case <-time.After(delay):
	}
	cmd.Process.Kill()
	err := <-done
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != -1) {
		t.Fatalf("the backup failed on its own: %v\n%s", err, stderr.String())
	}
	return err == nil
}

func listDir(t *testing.T, dir string) []os.DirEntry {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return es
}
