package e2e

import (
	"os"
	"sync"
	"testing"
	"time"
)

// stressBudget sizes the stress tests: the kill tests, the concurrent
// writers and the rounds of processes creating a database at once. Each
// budget proves the same properties; a larger one tries more moments.
type stressBudget struct {
	name                    string
	importRows, importKills int // TestImportSurvivesSIGKILL
	backupRows, backupKills int // TestBackupSurvivesSIGKILL
	writeFor                time.Duration
	createRounds            int
}

var budgets = map[string]stressBudget{
	// CI's: .ci/run sets MATURITY_STRESS=full.
	"full": {name: "full", importRows: 20000, importKills: 24, backupRows: 20000, backupKills: 16,
		writeFor: 3 * time.Second, createRounds: 25},
	// go test ./...: the same tests on a smaller database with fewer
	// kills, to stay under a minute on a 2-core machine.
	"standard": {name: "standard", importRows: 5000, importKills: 12, backupRows: 5000, backupKills: 8,
		writeFor: 2 * time.Second, createRounds: 10},
	// go test -short ./...: the quick loop.
	"short": {name: "short", importRows: 1000, importKills: 4, backupRows: 1000, backupKills: 3,
		writeFor: 500 * time.Millisecond, createRounds: 3},
}

var stressOnce sync.Once
var stressChosen stressBudget

// stress returns the budget of this run: $MATURITY_STRESS (full,
// standard or short) when set, else short under -short, else standard.
func stress(t *testing.T) stressBudget {
	t.Helper()
	stressOnce.Do(func() {
		name := os.Getenv("MATURITY_STRESS")
		switch {
		case name != "":
		case testing.Short():
			name = "short"
		default:
			name = "standard"
		}
		stressChosen = budgets[name]
	})
	if stressChosen.name == "" {
		t.Fatalf("MATURITY_STRESS=%s: want full, standard or short", os.Getenv("MATURITY_STRESS"))
	}
	return stressChosen
}
