package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
)

// globalKeys work in every view.
type globalKeys struct {
	// Views opens a view by its number: 1 the first, up to the ninth.
	Views                           key.Binding
	Next, Prev                      key.Binding
	Add, Export, Reload, Help, Quit key.Binding
	// Report writes the HTML report into the current folder.
	Report key.Binding
}

// newGlobalKeys builds the global keys for n views.
func newGlobalKeys(n int) globalKeys {
	n = min(n, 9)
	digits := make([]string, n)
	for i := range digits {
		digits[i] = strconv.Itoa(i + 1)
	}
	return globalKeys{
		Views:  key.NewBinding(key.WithKeys(digits...), key.WithHelp(fmt.Sprintf("1-%d", n), "views")),
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next view")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous view")),
		Add:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Export: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export CSV")),
		Report: key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "write the HTML report")),
		Reload: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		Help:   key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:   key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

func (k globalKeys) all() []key.Binding {
	return []key.Binding{k.Views, k.Next, k.Prev, k.Add, k.Export, k.Report, k.Reload, k.Help, k.Quit}
}

// actionKeys act on the selected initiative, in every view that has one.
type actionKeys struct {
	Open, Edit, Start, Stop, Done, Drop, Reopen, Delete, Depend key.Binding
}

func newActionKeys() actionKeys {
	return actionKeys{
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Edit:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Start:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "start")),
		Stop:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "stop (back to planned)")),
		Done:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "done")),
		Drop:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "drop")),
		Reopen: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "reopen")),
		Delete: key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete")),
		Depend: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "dependencies")),
	}
}

func (k actionKeys) all() []key.Binding {
	return []key.Binding{k.Open, k.Edit, k.Start, k.Stop, k.Done, k.Drop, k.Reopen, k.Delete, k.Depend}
}

// in returns the action keys as they work in view v: enabled while it
// has an initiative selected, and without the keys that v's own key map
// has, which mean there what v says (a test's list view shows its
// initiative on the roadmap with enter, so there only e edits). So no key
// means two things in one view, in what it does or in the help.
func (k actionKeys) in(v view) actionKeys {
	own := map[string]bool{}
	for _, group := range v.Keys().FullHelp() {
		for _, b := range group {
			if b.Enabled() {
				for _, s := range b.Keys() {
					own[s] = true
				}
			}
		}
	}
	on := v.Selected() != nil
	for _, b := range []*key.Binding{&k.Open, &k.Edit, &k.Start, &k.Stop, &k.Done, &k.Drop, &k.Reopen, &k.Delete, &k.Depend} {
		if slices.ContainsFunc(b.Keys(), func(s string) bool { return own[s] }) {
			keep := slices.DeleteFunc(slices.Clone(b.Keys()), func(s string) bool { return own[s] })
			*b = key.NewBinding(key.WithKeys(keep...), key.WithHelp(strings.Join(keep, "/"), b.Help().Desc))
		}
		b.SetEnabled(on && len(b.Keys()) > 0)
	}
	return k
}

// moveKeys move a selection around a list or board.
type moveKeys struct {
	Up, Down, Left, Right, PageUp, PageDown, Home, End key.Binding
}

func newMoveKeys() moveKeys {
	return moveKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Left:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "left")),
		Right:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "right")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		End:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
	}
}

// vertical returns the keys that move up and down a list.
func (k moveKeys) vertical() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
}

// all returns every key, those of a board's columns too.
func (k moveKeys) all() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Left, k.Right, k.PageUp, k.PageDown, k.Home, k.End}
}

// selectHelp stands for the arrow keys in the short help.
func selectHelp() key.Binding {
	return key.NewBinding(key.WithKeys("up", "down", "left", "right"), key.WithHelp("←↑↓→", "select"))
}

// selectHelpVertical stands for up and down in the short help.
func selectHelpVertical() key.Binding {
	return key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "select"))
}

// helpKeys is what the help shows for the active view: its own keys,
// then the root's; short is the help line's head, tail its end, which
// always shows.
type helpKeys struct {
	short, tail []key.Binding
	full        [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding {
	return append(append([]key.Binding{}, h.short...), h.tail...)
}
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }
