package tui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestGolden draws each view, and the add form, on the demo roadmap at
// each size, and compares the screen with testdata/TestGolden/*.golden.
// It goes through the harness: the keys are pressed once the roadmap has
// loaded and the size is known, so nothing depends on timing. Regenerate
// with: go test ./tui -update
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
		{"assessment", []string{"5"}},
		{"assessment_metric", []string{"5", "G", "down", "down"}},
	}
	for _, size := range []struct{ w, h int }{{80, 24}, {100, 30}, {120, 40}, {200, 50}} {
		for _, s := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", s.name, size.w, size.h), func(t *testing.T) {
				h := newHarness(t, openDemoStore(t), size.w, size.h)
				h.press(s.keys...)
				golden.RequireEqual(t, []byte(h.screen()))
			})
		}
	}
}
