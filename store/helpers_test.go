package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"maturity/roadmap"
)

// The helpers in this file are shared by the tests and benchmarks of the
// package. Every test works on real database files under t.TempDir().

// today is the quarter the tests judge warnings from, so that results do
// not depend on the date they run.
var today = roadmap.Quarter{Year: 2026, Q: 2}

// t0 is the start of the test clock.
var t0 = time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)

// dbPath returns a path for a new database in a folder that does not
// exist yet.
func dbPath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "data", "maturity", "roadmap.db")
}

// openAt opens the database at path and closes it when the test ends.
func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newStore opens a new database with a clock that ticks one second per
// transaction, starting at t0.
func newStore(t testing.TB) *Store {
	t.Helper()
	s := openAt(t, dbPath(t))
	s.Now = tickingClock(t0, time.Second)
	return s
}

// tickingClock returns a clock that starts at start and advances by step
// each time it is read.
func tickingClock(start time.Time, step time.Duration) func() time.Time {
	var mu sync.Mutex
	next := start
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now := next
		next = next.Add(step)
		return now
	}
}

// rawDB opens a plain connection to the database file, bypassing the
// store's checks, as another program would.
func rawDB(t testing.TB, path string, pragmas ...string) *sql.DB {
	t.Helper()
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	dsn := (&url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// mustExec runs statements on db.
func mustExec(t testing.TB, db interface {
	Exec(string, ...any) (sql.Result, error)
}, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// pragma reads an integer pragma through the store's connection.
func pragma(t testing.TB, s *Store, name string) int64 {
	t.Helper()
	var v int64
	if err := s.db.QueryRow(`PRAGMA ` + name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

// rowCount counts the rows of a table through the store's connection.
func rowCount(t testing.TB, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// counts is the number of rows of every table that changes hold.
type counts struct {
	Initiatives, Dependencies, Assessments, Answers, Values, History int
	Model                                                            string
}

// snapshot counts the rows of every table, and keeps the model document,
// to show that a refused change wrote nothing.
func snapshot(t testing.TB, s *Store) counts {
	t.Helper()
	c := counts{
		Initiatives:  rowCount(t, s, "initiatives"),
		Dependencies: rowCount(t, s, "dependencies"),
		Assessments:  rowCount(t, s, "assessments"),
		Answers:      rowCount(t, s, "answers"),
		Values:       rowCount(t, s, "metric_values"),
		History:      rowCount(t, s, "history"),
	}
	if err := s.db.QueryRow(`SELECT document FROM model`).Scan(&c.Model); err != nil {
		t.Fatal(err)
	}
	return c
}

// unchanged fails the test when the database differs from before.
func unchanged(t testing.TB, s *Store, before counts, r0 *roadmap.Roadmap) {
	t.Helper()
	if after := snapshot(t, s); after != before {
		t.Errorf("the database changed:\n before %+v\n after  %+v", before, after)
	}
	if r0 == nil {
		return
	}
	r1, err := s.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if a, b := exportCSV(t, r0), exportCSV(t, r1); a != b {
		t.Errorf("the initiatives changed:\n before\n%s\n after\n%s", a, b)
	}
	for i := range r0.Initiatives {
		if r0.Initiatives[i].Version != r1.Initiatives[i].Version {
			t.Errorf("#%d: version %d became %d", r0.Initiatives[i].ID, r0.Initiatives[i].Version, r1.Initiatives[i].Version)
		}
	}
}

// fileHash returns the SHA-256 of a file's bytes, "" if it does not exist
// and "folder" for a folder.
func fileHash(t testing.TB, path string) string {
	t.Helper()
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return "folder"
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// noSidecars fails the test when SQLite left a -wal, -shm or -journal file
// next to path.
func noSidecars(t testing.TB, path string) {
	t.Helper()
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("%s%s was created", filepath.Base(path), suffix)
		}
	}
}

// mustAdd adds an initiative.
func mustAdd(t testing.TB, s *Store, in roadmap.Initiative) roadmap.Initiative {
	t.Helper()
	out, err := s.Add(WithActor(context.Background(), "tester"), in)
	if err != nil {
		t.Fatalf("Add(%q): %v", in.Title, err)
	}
	return out
}

// ini builds an initiative to add.
func ini(title, domain string, level int, deps ...int64) roadmap.Initiative {
	return roadmap.Initiative{Title: title, Domain: domain, Level: level, DependsOn: deps}
}

// mustLoad loads the roadmap.
func mustLoad(t testing.TB, s *Store) *roadmap.Roadmap {
	t.Helper()
	r, err := s.Load(context.Background())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return r
}

// mustGet loads the roadmap and returns one initiative.
func mustGet(t testing.TB, s *Store, id int64) roadmap.Initiative {
	t.Helper()
	in, err := mustLoad(t, s).Find(id)
	if err != nil {
		t.Fatal(err)
	}
	return *in
}

// ids lists the ids of the roadmap's initiatives.
func ids(r *roadmap.Roadmap) []int64 {
	out := make([]int64, len(r.Initiatives))
	for i, in := range r.Initiatives {
		out[i] = in.ID
	}
	return out
}

// exportCSV writes the roadmap as the CLI's export does, with warnings
// judged from today.
func exportCSV(t testing.TB, r *roadmap.Roadmap) string {
	t.Helper()
	var b strings.Builder
	if err := roadmap.WriteCSV(&b, r, r.Check(today)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// readCSV parses a roadmap CSV against the store's model.
func readCSV(t testing.TB, s *Store, text string) *roadmap.CSVImport {
	t.Helper()
	m, err := s.Model(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	imp, err := roadmap.ReadCSV(strings.NewReader(text), m)
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	return imp
}

// history returns the matching history, failing the test on error.
func history(t testing.TB, s *Store, f HistoryFilter) []Event {
	t.Helper()
	evs, err := s.History(context.Background(), f)
	if err != nil {
		t.Fatalf("History: %v", err)
	}
	return evs
}

// eventText describes an event without its id and time, for comparisons.
func eventText(e Event) string {
	s := fmt.Sprintf("#%d %s", e.Initiative, e.Action)
	if e.Field != "" {
		s += " " + e.Field
	}
	if e.Old != "" || e.New != "" {
		s += fmt.Sprintf(" %q→%q", e.Old, e.New)
	}
	if e.Reason != "" {
		s += " (" + e.Reason + ")"
	}
	return s
}

func eventTexts(evs []Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = eventText(e)
	}
	return out
}

// wantErr fails the test unless err is an error whose text contains every
// one of parts.
func wantErr(t testing.TB, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one containing %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not contain %q", err, p)
		}
	}
}

func ptr[T any](v T) *T { return &v }
