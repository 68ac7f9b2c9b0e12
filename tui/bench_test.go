package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"maturity/roadmap"
	"maturity/store"
)

// benchSizes are the roadmap sizes the benchmarks run at.
var benchSizes = []struct {
	name string
	n    int
}{{"1k", 1000}, {"10k", 10000}, {"100k", 100000}}

// sharedDir holds the databases made once per run: the demo template and
// the generated benchmark databases, one per size, shared by every
// benchmark (generating 100k initiatives is not what they measure).
var sharedDir string

// tempDir returns sharedDir, creating it on first use.
func tempDir() (string, error) {
	if sharedDir == "" {
		dir, err := os.MkdirTemp("", "maturity-tui-test-")
		if err != nil {
			return "", err
		}
		sharedDir = dir
	}
	return sharedDir, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// benchStore opens the database of n generated initiatives, creating it on
// first use.
func benchStore(b *testing.B, n int) *store.Store {
	b.Helper()
	dir, err := tempDir()
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("%d.db", n))
	_, statErr := os.Stat(path)
	st, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if os.IsNotExist(statErr) {
		start := time.Now()
		if _, err := st.Import(context.Background(), roadmap.ImportOf(genInitiatives(n)), false); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d initiatives in %s", n, time.Since(start).Round(time.Millisecond))
	}
	return st
}

// genInitiatives makes a deterministic roadmap of n initiatives: every
// domain and level, spread over sixteen quarters around 2026-Q4 with a
// twentieth in the backlog, the past mostly done, a few dropped, and each
// initiative depending on up to two earlier ones.
func genInitiatives(n int) []roadmap.Initiative {
	domains := []string{"standardization", "automation", "governance", "observability"}
	owners := []string{"platform-core", "sre", "secops", "devex", "finops", "data-platform"}
	words := []string{"pipelines", "clusters", "policies", "dashboards", "templates", "secrets", "alerts", "images", "quotas", "runbooks"}
	start := roadmap.Quarter{Year: 2025, Q: 1}
	today := roadmap.QuarterOf(testToday)
	out := make([]roadmap.Initiative, n)
	for i := range out {
		id := int64(i + 1)
		in := roadmap.Initiative{
			ID:     id,
			Title:  fmt.Sprintf("Initiative %d: %s for %s", id, words[i%len(words)], words[(i/7)%len(words)]),
			Domain: domains[i%len(domains)],
			Level:  1 + (i/len(domains))%roadmap.MaxLevel,
			Status: roadmap.Planned,
			Owner:  owners[(i/3)%len(owners)],
			Effort: roadmap.Effort{Value: float64(1 + i%13), Set: true},
		}
		if i%20 == 19 {
			in.Quarter = roadmap.Backlog
		} else {
			q := start
			for range (i * 16 / n) % 16 {
				q = q.Next()
			}
			in.Quarter = q
			switch {
			case i%31 == 0:
				in.Status = roadmap.Dropped
			case q.Before(today) && i%5 != 0:
				in.Status = roadmap.Done
			case q == today && i%3 == 0:
				in.Status = roadmap.InProgress
			}
		}
		if i > 0 && i%4 != 0 {
			in.DependsOn = append(in.DependsOn, id-1-int64(i*7%min(i, 50)))
		}
		if i > 100 && i%9 == 0 {
			in.DependsOn = append(in.DependsOn, id-100)
		}
		in.DependsOn = roadmap.SortIDs(in.DependsOn)
		out[i] = in
	}
	return out
}

// firstFrame builds the dashboard, runs Init's load and draws the result.
func firstFrame(b *testing.B, st *store.Store) *Model {
	m := New(st, Options{Today: fixedToday})
	m.noTimers = true
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	settle(m, m.Init())
	if m.snap == nil {
		b.Fatalf("not loaded: %v", m.loadErr)
	}
	_ = m.View()
	return m
}

// settle runs cmd and every command that the messages it leads to return,
// in order, as the program would, but on this goroutine.
func settle(m *Model, cmd tea.Cmd) {
	for rest := []tea.Cmd{cmd}; len(rest) > 0; {
		rest = runUntil(m, rest, func(tea.Msg) bool { return false })
	}
}

// runUntil runs commands as settle does until Update has handled a message
// that stop accepts, and returns the commands left to run.
func runUntil(m *Model, cmds []tea.Cmd, stop func(tea.Msg) bool) []tea.Cmd {
	for len(cmds) > 0 {
		c := cmds[0]
		cmds = cmds[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			cmds = append(cmds, msg...)
		default:
			_, next := m.Update(msg)
			cmds = append(cmds, next)
			if stop(msg) {
				return cmds
			}
		}
	}
	return nil
}

// BenchmarkFirstFrame measures opening the dashboard: loading the roadmap,
// computing the snapshot and drawing the first screen.
func BenchmarkFirstFrame(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			st := benchStore(b, s.n)
			b.ReportAllocs()
			for b.Loop() {
				firstFrame(b, st)
			}
		})
	}
}

// BenchmarkKeyPress measures a navigation key and the frame after it, in
// each view.
func BenchmarkKeyPress(b *testing.B) {
	cases := []struct {
		name string
		view string   // the number key that opens it
		keys []string // pressed in turn
	}{
		{"dashboard/down", "1", []string{"down"}},
		{"roadmap/down", "2", []string{"down"}},
		{"roadmap/right", "2", []string{"right", "right", "left"}},
		{"initiatives/down", "3", []string{"down"}},
		{"warnings/down", "4", []string{"down"}},
		{"assessment/down", "5", []string{"down"}},
		{"capacity/down", "6", []string{"down"}},
		{"roadmap/owner", "2", []string{"O"}},
		{"filter/type", "3", []string{"e", "backspace"}},
		// The filter's search text is built on the first key typed
		// into it after each new snapshot.
		{"filter/first-key", "3", []string{"e", "backspace"}},
		// Typing two words and erasing them, a key at a time.
		{"filter/words", "3", append(strings.Split("2027-q3 sre", ""), slices.Repeat([]string{"backspace"}, 11)...)},
	}
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			st := benchStore(b, s.n)
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					m := firstFrame(b, st)
					m.Update(keyMsg(c.view))
					tbl := m.views[2].(*table)
					if c.view == "3" && c.name != "initiatives/down" {
						m.Update(keyMsg("/"))
						m.Update(keyMsg("e"))
						m.Update(keyMsg("backspace"))
					}
					msgs := make([]tea.KeyPressMsg, len(c.keys))
					for i, k := range c.keys {
						msgs[i] = keyMsg(k)
					}
					b.ReportAllocs()
					i := 0
					for b.Loop() {
						if c.name == "filter/first-key" && i%len(msgs) == 0 {
							tbl.search = nil
						}
						m.Update(msgs[i%len(msgs)])
						_ = m.View()
						i++
					}
				})
			}
		})
	}
}

// BenchmarkSave measures a save from the key to the frame that shows it:
// the key, the change through the real store, the next snapshot with the
// rows the store committed, and the frame. What follows from the change
// (levels, warnings, readiness) is computed after that frame, off the key
// path, outside the timer; BenchmarkSaveSettled includes it. Each case
// presses its keys in turn on one initiative, so that every press saves
// and the roadmap returns to where it was.
func BenchmarkSave(b *testing.B) { benchSave(b, false) }

// BenchmarkSaveSettled is BenchmarkSave until the snapshot is settled:
// everything computed from the change, and the frame after that.
func BenchmarkSaveSettled(b *testing.B) { benchSave(b, true) }

func benchSave(b *testing.B, settled bool) {
	cases := []struct {
		name string
		keys [][]string // each press: keys, the last of which saves
	}{
		{"move", [][]string{{"]"}, {"["}}},
		{"start-stop", [][]string{{"s"}, {"p"}}},
		{"done-reopen", [][]string{{"d"}, {"o"}}},
		{"dependencies", [][]string{{"b", "ctrl+u", "1", "enter"}, {"b", "ctrl+u", "enter"}}},
		{"edit-title", [][]string{{"e", "ctrl+u", "A", "ctrl+s"}, {"e", "ctrl+u", "B", "ctrl+s"}}},
		// Adds an initiative, which the board then selects, and deletes it.
		{"add-delete", [][]string{{"a", "N", "tab", "g", "o", "v", "e", "r", "n", "a", "n", "c", "e", "tab", "2", "ctrl+s"}, {"D", "y"}}},
	}
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			st := benchStore(b, s.n)
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					m := firstFrame(b, st)
					id := saveTarget(b, m)
					m.Update(showMsg{view: boardTitle, id: id})
					if in := m.activeView().Selected(); in == nil || in.ID != id {
						b.Fatalf("cannot select #%d on the board", id)
					}
					msgs := make([][]tea.KeyPressMsg, len(c.keys))
					for i, keys := range c.keys {
						for _, k := range keys {
							msgs[i] = append(msgs[i], keyMsg(k))
						}
					}
					press := func(keys []tea.KeyPressMsg) tea.Cmd {
						var cmd tea.Cmd
						for _, k := range keys {
							_, cmd = m.Update(k)
						}
						return cmd
					}
					b.ReportAllocs()
					i := 0
					saved := func(msg tea.Msg) bool { _, ok := msg.(savedMsg); return ok }
					for b.Loop() {
						cmd := press(msgs[i%len(msgs)])
						if settled {
							settle(m, cmd)
							_ = m.View()
						} else {
							rest := runUntil(m, []tea.Cmd{cmd}, saved)
							_ = m.View()
							b.StopTimer()
							for ; len(rest) > 0; rest = runUntil(m, rest, saved) {
							}
							b.StartTimer()
						}
						i++
					}
					b.StopTimer()
					for ; i%len(msgs) != 0; i++ { // put it back for the next case
						settle(m, press(msgs[i%len(msgs)]))
					}
					if m.statusKind == statusError || m.dialog != nil {
						b.Fatalf("the save failed: %s", m.status)
					}
					if sel := m.activeView().Selected(); c.name != "add-delete" && (sel == nil || sel.ID != id) {
						b.Fatalf("selected %v, want #%d", sel, id)
					}
				})
			}
		})
	}
}

// saveTarget picks an initiative that every case of BenchmarkSave can
// change back and forth: planned, in the current quarter, of a level with
// no prerequisites, depending on nothing.
func saveTarget(b *testing.B, m *Model) int64 {
	b.Helper()
	for _, in := range m.snap.sorted {
		if in.Status == roadmap.Planned && in.Quarter == m.snap.today && in.Domain == "standardization" &&
			in.Level == 1 && len(in.DependsOn) == 0 {
			return in.ID
		}
	}
	b.Fatal("no initiative to change")
	return 0
}
