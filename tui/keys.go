package tui

import "charm.land/bubbles/v2/key"

// globalKeys work in every view.
type globalKeys struct {
	Dashboard, Roadmap, Initiatives, Warnings key.Binding
	Next, Prev                                key.Binding
	Add, Export, Reload, Help, Quit           key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Dashboard:   key.NewBinding(key.WithKeys("1"), key.WithHelp("1-4", "views")),
		Roadmap:     key.NewBinding(key.WithKeys("2")),
		Initiatives: key.NewBinding(key.WithKeys("3")),
		Warnings:    key.NewBinding(key.WithKeys("4")),
		Next:        key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next view")),
		Prev:        key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous view")),
		Add:         key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Export:      key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export CSV")),
		Reload:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:        key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// actionKeys act on the selected initiative, in every view that has one.
type actionKeys struct {
	Edit, Start, Stop, Done, Drop, Reopen, Delete, Depend key.Binding
}

func newActionKeys() actionKeys {
	return actionKeys{
		Edit:   key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e/enter", "edit")),
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
	return []key.Binding{k.Edit, k.Start, k.Stop, k.Done, k.Drop, k.Reopen, k.Delete, k.Depend}
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

// selectHelp stands for the arrow keys in the short help.
var selectHelp = key.NewBinding(key.WithKeys("up", "down", "left", "right"), key.WithHelp("←↑↓→", "select"))

// moveHelp stands for [ and ] in the short help.
var moveHelp = key.NewBinding(key.WithKeys("[", "]"), key.WithHelp("[ ]", "move quarter"))

// selectHelpVertical stands for up and down in the short help.
var selectHelpVertical = key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "select"))

// helpKeys is what a view lists in the help: its own keys, then the
// shared ones.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }
