package e2e

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// writers is how many processes of the concurrency test change the
// roadmap in a loop at once (for the stress budget's writeFor), while one
// more reads it.
const writers = 5

// TestConcurrentWritersLoseNothing runs several maturity processes at once
// on one database, each adding, editing, moving, finishing and linking its
// own initiatives (and linking to the others'). Every command must succeed
// without "database is locked"; afterwards every acknowledged change is in
// the database, and the history holds exactly one entry for each.
func TestConcurrentWritersLoseNothing(t *testing.T) {
	writeFor := stress(t).writeFor
	db := filepath.Join(t.TempDir(), "shared.db")
	newRunner(t, "setup").must(t, "--db", db, "init")

	shared := &idPool{}
	logs := make([]*workerLog, writers)
	var wg sync.WaitGroup
	deadline := time.Now().Add(writeFor)
	for w := range writers {
		logs[w] = &workerLog{user: fmt.Sprintf("worker-%d", w), want: map[int64]*expected{}}
		rn := newRunner(t, logs[w].user)
		wg.Add(1)
		go func() {
			defer wg.Done()
			logs[w].work(rn, db, w, deadline, shared)
		}()
	}
	var reads []result
	wg.Add(1)
	go func() {
		defer wg.Done()
		rn := newRunner(t, "reader")
		for i := 0; time.Now().Before(deadline); i++ {
			switch i % 4 {
			case 0:
				reads = append(reads, rn.run("--db", db, "list", "--format", "json"))
			case 1:
				reads = append(reads, rn.run("--db", db, "check"))
			case 2:
				reads = append(reads, rn.run("--db", db, "log", "--format", "json", "--limit", "5"))
			case 3:
				reads = append(reads, rn.run("--db", db, "export", "--format", "json"))
			}
		}
	}()
	wg.Wait()

	acked, kinds := 0, map[string]int{}
	for _, l := range logs {
		for _, r := range l.failed {
			t.Errorf("%s: a command failed: %v", l.user, r)
		}
		for _, r := range l.acked {
			if s := strings.ToLower(r.stderr); strings.Contains(s, "database is locked") || strings.Contains(s, "busy") ||
				strings.Contains(s, "maturity: ") {
				t.Errorf("%s: %v", l.user, r)
			}
			kinds[r.args[2]]++
		}
		acked += len(l.acked)
	}
	for _, r := range reads {
		// check exits 1 when the plan has errors; it must still say nothing
		// on stderr.
		if (r.code != 0 && !(r.code == 1 && r.args[2] == "check")) || r.stderr != "" {
			t.Errorf("reader: %v", r)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	if acked == 0 {
		t.Fatal("no command was acknowledged")
	}

	d := readDump(t, newRunner(t, "verify"), db)
	byID := map[int64]int{}
	for i, in := range d.Initiatives {
		byID[in.ID] = i
	}
	for _, l := range logs {
		for id, w := range l.want {
			i, ok := byID[id]
			if !ok {
				t.Errorf("%s: acknowledged #%d %q is missing", l.user, id, w.title)
				continue
			}
			in := d.Initiatives[i]
			effort := ""
			if in.Effort != nil {
				effort = strconv.FormatFloat(*in.Effort, 'f', -1, 64)
			}
			got := expected{in.Title, in.Domain, strconv.Itoa(in.Level), in.Quarter, in.Owner, effort, in.Status, formatIDs(in.DependsOn)}
			if got != *w {
				t.Errorf("%s: #%d is\n  %+v\nwant the last acknowledged\n  %+v", l.user, id, got, *w)
			}
		}
	}

	// The history, entry by entry: each acknowledged change exactly once,
	// and nothing else.
	got := map[string]int{}
	for _, e := range d.History {
		if e.Action == "force" {
			if !strings.HasPrefix(e.Reason, "e2e override by "+e.Actor+" (overrode: ") {
				t.Errorf("history entry %d: forced with reason %q", e.ID, e.Reason)
			}
		} else if e.Reason != "" {
			t.Errorf("history entry %d: unexpected reason %q", e.ID, e.Reason)
		}
		got[eventKey(e.Actor, e.Initiative, e.Action, e.Field, e.New)]++
	}
	want := map[string]int{}
	for _, l := range logs {
		for _, k := range l.events {
			want[k]++
		}
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if got[k] != want[k] {
			t.Errorf("history: %d entries %s, want %d", got[k], k, want[k])
		}
	}
	events := 0
	for _, n := range want {
		events += n
	}
	if len(d.History) != events {
		t.Errorf("history has %d entries, want %d", len(d.History), events)
	}
	t.Logf("%d writer processes and 1 reader: %d commands acknowledged (%v), %d reads, %d initiatives, %d history entries checked one by one",
		writers, acked, kinds, len(reads), len(d.Initiatives), len(d.History))
}

// TestProcessesCreatingTheDatabaseAtOnce starts several processes on a
// database file that does not exist yet, round after round: each must
// succeed (none may be told the database is locked while another sets it
// up), and the database must end with every one of their initiatives.
func TestProcessesCreatingTheDatabaseAtOnce(t *testing.T) {
	rounds := stress(t).createRounds
	const procs = 5
	dir := t.TempDir()
	rn := newRunner(t, "creator")
	for round := range rounds {
		db := filepath.Join(dir, fmt.Sprintf("new-%02d", round), "roadmap.db")
		results := make([]result, procs)
		var wg sync.WaitGroup
		for i := range procs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = rn.run("--db", db, "add", fmt.Sprintf("First %d", i), "--domain", "automation", "--level", "1")
			}()
		}
		wg.Wait()
		for _, r := range results {
			if r.code != 0 {
				t.Errorf("round %d: %v", round, r)
			}
		}
		if t.Failed() {
			return
		}
		if d := readDump(t, rn, db); len(d.Initiatives) != procs || len(d.History) != procs {
			t.Fatalf("round %d: %d initiatives and %d history entries, want %d of each", round, len(d.Initiatives), len(d.History), procs)
		}
	}
	t.Logf("%d rounds of %d processes creating a new database at once: all %d succeeded", rounds, procs, rounds*procs)
}

// expected is an initiative's fields as its last acknowledged command left
// them, in the dump's text forms.
type expected struct {
	title, domain, level, quarter, owner, effort, status, deps string
}

// idPool collects the ids of initiatives that any worker has added, so
// that others can depend on them.
type idPool struct {
	mu  sync.Mutex
	ids []int64
}

func (f *idPool) add(id int64) {
	f.mu.Lock()
	f.ids = append(f.ids, id)
	f.mu.Unlock()
}

// other returns an id some other worker added, or 0.
func (f *idPool) other(mine map[int64]*expected, n int) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.ids {
		id := f.ids[(n+i)%len(f.ids)]
		if mine[id] == nil {
			return id
		}
	}
	return 0
}

// workerLog is what one worker process did: commands acknowledged (exit
// 0) and failed, the fields each of its initiatives must have, and the
// history entries each acknowledged command must have made.
type workerLog struct {
	user   string
	acked  []result
	failed []result
	want   map[int64]*expected
	events []string
}

func eventKey(actor string, id int64, action, field, value string) string {
	return fmt.Sprintf("{%s #%d %s %s=%q}", actor, id, action, field, value)
}

// work runs cycles of eight commands until the deadline: add two
// initiatives, edit both, move one, link one to the other and to another
// worker's, finish the first (its level needs nothing) and force-finish the
// second (automation 4 needs observability 3, which no one plans).
func (l *workerLog) work(rn *runner, db string, w int, deadline time.Time, shared *idPool) {
	quarters := []string{"2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"}
	for c := 0; time.Now().Before(deadline); c++ {
		tag := fmt.Sprintf("w%d-c%d", w, c)
		aDomain := []string{"standardization", "observability"}[c%2]
		aLevel := "1" // level 1 of a domain without rules waits for nothing
		a := &expected{title: "Easy " + tag, domain: aDomain, level: aLevel, quarter: quarters[c%6], owner: "own-" + tag,
			effort: "1.5", status: "planned"}
		aID, ok := l.add(rn, db, a)
		if !ok {
			return
		}
		b := &expected{title: "Forced " + tag, domain: "automation", level: "4", quarter: quarters[(c+1)%6], owner: "own-" + tag,
			effort: "8", status: "planned"}
		bID, ok := l.add(rn, db, b)
		if !ok {
			return
		}
		shared.add(aID)

		a.owner, a.effort = "owner-"+tag+"-edited", strconv.Itoa(2+c)
		if !l.do(rn, db, []string{"edit", id(aID), "--owner", a.owner, "--effort", a.effort},
			eventKey(l.user, aID, "edit", "owner", a.owner), eventKey(l.user, aID, "edit", "effort", a.effort)) {
			return
		}
		b.title = "Forced " + tag + " (renamed)"
		if !l.do(rn, db, []string{"edit", id(bID), "--title", b.title}, eventKey(l.user, bID, "edit", "title", b.title)) {
			return
		}
		a.quarter = quarters[(c+3)%6]
		if !l.do(rn, db, []string{"move", id(aID), a.quarter}, eventKey(l.user, aID, "edit", "quarter", a.quarter)) {
			return
		}
		deps := []int64{aID}
		if o := shared.other(l.want, w+c); o != 0 {
			deps = append(deps, o)
		}
		b.deps = formatIDs(deps)
		if !l.do(rn, db, []string{"depend", id(bID), "--on", b.deps}, eventKey(l.user, bID, "edit", "depends_on", b.deps)) {
			return
		}
		a.status = "done"
		if !l.do(rn, db, []string{"done", id(aID)}, eventKey(l.user, aID, "edit", "status", "done")) {
			return
		}
		b.status = "done"
		if !l.do(rn, db, []string{"done", id(bID), "--force", "--reason", "e2e override by " + l.user},
			eventKey(l.user, bID, "force", "status", "done")) {
			return
		}
	}
}

// add runs add and records the new initiative; it reports success.
func (l *workerLog) add(rn *runner, db string, in *expected) (int64, bool) {
	r := rn.run("--db", db, "add", in.title, "--domain", in.domain, "--level", in.level, "--quarter", in.quarter,
		"--owner", in.owner, "--effort", in.effort)
	if r.code != 0 {
		l.failed = append(l.failed, r)
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(r.stdout), 10, 64)
	if err != nil || l.want[n] != nil {
		r.stderr += "\n(e2e: add printed no new id)"
		l.failed = append(l.failed, r)
		return 0, false
	}
	l.acked = append(l.acked, r)
	l.want[n] = in
	l.events = append(l.events, eventKey(l.user, n, "create", "", in.title))
	return n, true
}

// do runs a command that changes an initiative; when it is acknowledged,
// the history must hold the given entries.
func (l *workerLog) do(rn *runner, db string, args []string, events ...string) bool {
	r := rn.run(append([]string{"--db", db}, args...)...)
	if r.code != 0 {
		l.failed = append(l.failed, r)
		return false
	}
	l.acked = append(l.acked, r)
	l.events = append(l.events, events...)
	return true
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

func formatIDs(ids []int64) string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	parts := make([]string, len(ids))
	for i, n := range ids {
		parts[i] = id(n)
	}
	return strings.Join(parts, ",")
}
