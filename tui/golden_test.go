package tui

import (
	"fmt"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
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
				// The keys are sent once the roadmap has arrived. Waiting for
				// the screen to show it is not enough: the renderer writes
				// only the cells that changed, so no one string of the
				// loaded screen is sure to appear in the output.
				loaded := make(chan struct{})
				var once sync.Once
				seen := func(_ tea.Model, msg tea.Msg) tea.Msg {
					if l, ok := msg.(loadedMsg); ok && l.snap != nil {
						once.Do(func() { close(loaded) })
					}
					return msg
				}
				tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(size.w, size.h),
					teatest.WithProgramOptions(tea.WithFilter(seen)))
				select {
				case <-loaded:
				case <-time.After(10 * time.Second):
					t.Fatal("the roadmap did not load")
				}
				for _, k := range s.keys {
					tm.Send(keyMsg(k))
				}
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
				final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
				golden.RequireEqual(t, []byte(ansi.Strip(final.View().Content)))
			})
		}
	}
}
