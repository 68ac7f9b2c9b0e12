package tui

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestGolden runs the dashboard as a program on the demo roadmap and
// compares the final screen of each view, and of the add form, with
// testdata/TestGolden/*.golden. Regenerate with: go test ./tui -update
func TestGolden(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"dashboard", nil},
		{"roadmap", []string{"2"}},
		{"initiatives", []string{"3"}},
		{"warnings", []string{"4"}},
		{"add_form", []string{"a"}},
	}
	for _, size := range []struct{ w, h int }{{100, 30}, {80, 24}} {
		for _, s := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", s.name, size.w, size.h), func(t *testing.T) {
				st := openDemoStore(t)
				m := New(st, Options{Today: fixedToday})
				m.noTimers = true
				tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(size.w, size.h))
				// The warning count in the tab bar appears once loaded.
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Warnings (7)")) },
					teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
				for _, k := range s.keys {
					tm.Send(keyMsg(k))
				}
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
				final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
				golden.RequireEqual(t, []byte(final.View()))
			})
		}
	}
}
