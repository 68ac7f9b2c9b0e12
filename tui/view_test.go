package tui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"maturity/roadmap"
)

// listView is a view written for this test only, to show what adding a
// view takes: this file, and a line in the list of views. It lists the
// initiatives one per line; ↑/↓ select, n says which is selected, enter
// shows it on the roadmap.
type listView struct {
	snap          *snapshot
	width, height int
	cursor        int
	keys          listKeys
}

type listKeys struct{ Up, Down, Note, Show key.Binding }

func (k listKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Note, k.Show} }
func (k listKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Up, k.Down, k.Note, k.Show}} }

func newListView(*Styles) *listView {
	return &listView{keys: listKeys{
		Up:   key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		Down: key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
		Note: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "say which")),
		Show: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show on the roadmap")),
	}}
}

func (v *listView) Title() string           { return "List" }
func (v *listView) Badge() string           { return fmt.Sprint(len(v.snap.sorted)) }
func (v *listView) Keys() help.KeyMap       { return v.keys }
func (v *listView) SetSize(w, h int)        { v.width, v.height = w, h }
func (v *listView) SetSnapshot(s *snapshot) { v.snap = s }
func (v *listView) Typing() bool            { return false }

func (v *listView) Selected() *roadmap.Initiative {
	if v.snap == nil || v.cursor >= len(v.snap.sorted) {
		return nil
	}
	return v.snap.sorted[v.cursor]
}

func (v *listView) Update(msg tea.Msg) (view, tea.Cmd) {
	switch msg := msg.(type) {
	case selectMsg:
		for i, in := range v.snap.sorted {
			if in.ID == msg.id {
				v.cursor = i
			}
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, v.keys.Up):
			v.cursor = max(v.cursor-1, 0)
		case key.Matches(msg, v.keys.Down):
			v.cursor = min(v.cursor+1, len(v.snap.sorted)-1)
		case key.Matches(msg, v.keys.Note):
			return v, intent(noteMsg{"the list selects " + v.Selected().Ref()})
		case key.Matches(msg, v.keys.Show):
			return v, intent(showMsg{view: boardTitle, id: v.Selected().ID})
		}
	}
	return v, nil
}

func (v *listView) View() string {
	lines := []string{fmt.Sprintf("%d×%d", v.width, v.height)}
	for i, in := range v.snap.sorted {
		mark := "  "
		if i == v.cursor {
			mark = "> "
		}
		lines = append(lines, mark+in.Ref())
	}
	return strings.Join(lines, "\n")
}

// TestAViewIsOneFileAndOneLine adds listView to the dashboard's views, as
// the line in views would, and uses it as a user would: the root routes to
// it, sizes it, hands it the roadmap, shows its tab and its keys, acts on
// its selection and follows its intents, with no other change.
func TestAViewIsOneFileAndOneLine(t *testing.T) {
	withList := func(s *Styles) []view { return append(views(s), newListView(s)) }
	h := newHarnessWith(t, openDemoStore(t), 120, 40, Options{views: withList})

	if !strings.Contains(h.screen(), "7 List (31)") {
		t.Errorf("the tab bar has no tab for the list:\n%s", h.screen())
	}
	h.press("7")
	if h.active() != "List" {
		t.Fatalf("7 opened the %s", h.active())
	}
	first := h.snapshot().sorted[0]
	if s := h.screen(); !strings.Contains(s, "120×37") || !strings.Contains(s, "> "+first.Ref()) {
		t.Errorf("the list is not drawn, in the body's size:\n%s", s)
	}
	// Its enter wins over the root's: e alone edits here.
	if line := h.helpLine(); !strings.Contains(line, "n say which") || !strings.Contains(line, "enter show on the roadmap") ||
		!strings.Contains(line, "e edit") {
		t.Errorf("the help line does not have the list's keys: %s", line)
	}
	h.press("?")
	if s := h.screen(); !strings.Contains(s, "Keys for List") || !strings.Contains(s, "1-7") || !strings.Contains(s, "say which") {
		t.Errorf("the help does not have the list's keys:\n%s", s)
	}
	h.press("esc")

	// Its intents: a note, and a jump to the roadmap.
	h.press("down", "n")
	second := h.selected()
	if got := h.statusText(); !strings.Contains(got, "the list selects "+second.Ref()) {
		t.Errorf("status %q after n, want it to name %s", got, second.Ref())
	}
	h.press("enter")
	if sel := h.selected(); h.active() != "Roadmap" || sel == nil || sel.ID != second.ID {
		t.Errorf("enter opened the %s on %v, want the roadmap on #%d", h.active(), sel, second.ID)
	}

	// The root's keys act on its selection, and the selection follows
	// the change.
	h.selectIn("List", 11) // planned
	h.press("s")
	if got := h.get(11).Status; got != roadmap.InProgress {
		t.Errorf("s on the list stored %s", got)
	}
	if sel := h.selected(); sel == nil || sel.ID != 11 || sel.Status != roadmap.InProgress {
		t.Errorf("after the save the list selects %v", sel)
	}

	// tab goes round all seven.
	var seen []string
	for range 7 {
		h.press("tab")
		seen = append(seen, h.active())
	}
	if got := strings.Join(seen, " "); got != "Dashboard Roadmap Initiatives Warnings Assessment Capacity List" {
		t.Errorf("tab goes %s", got)
	}
}
