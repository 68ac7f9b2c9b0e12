package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"maturity/roadmap"
)

// tableTitle is the initiatives table's title.
const tableTitle = "Initiatives"

// readyMark follows the status of a ready initiative.
const readyMark = " ✓"

type tableKeys struct {
	moveKeys
	Filter, Clear, Sort, Reverse key.Binding
	// selectHelp stands for up and down in the short help.
	selectHelp key.Binding
}

func (k tableKeys) ShortHelp() []key.Binding { return []key.Binding{k.selectHelp, k.Filter, k.Sort} }
func (k tableKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(k.vertical(), k.Filter, k.Clear, k.Sort, k.Reverse)}
}

// filterKeys are the keys while the filter has the keyboard; every other
// key (but ctrl+c) is typed into it.
type filterKeys struct {
	Keep, Clear key.Binding
	// typeHelp says that other keys type: it matches no key.
	typeHelp key.Binding
}

func newFilterKeys() filterKeys {
	return filterKeys{
		Keep:     key.NewBinding(key.WithKeys("enter", "up", "down"), key.WithHelp("enter/↑↓", "keep filter")),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),
		typeHelp: key.NewBinding(key.WithKeys("other keys"), key.WithHelp("other keys", "type")),
	}
}

func (k filterKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Keep, k.Clear, k.typeHelp} }
func (k filterKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// column is one column of the initiatives table.
type column struct {
	title    string
	priority int // lower numbers are dropped last when the terminal is narrow
	cell     func(s *snapshot, in *roadmap.Initiative) string
	less     func(s *snapshot, a, b *roadmap.Initiative) int
	// need measures the widest cell of the column (see widths.go).
	need func(s *snapshot) int
	// cutTo is the narrowest a column whose cells may be cut gets; 0 for
	// a column always shown in full.
	cutTo int
	// rest marks the column that takes the room left: the title.
	rest bool
}

var tableColumns = []column{
	{title: "ID", cell: func(_ *snapshot, in *roadmap.Initiative) string { return fmt.Sprintf("#%d", in.ID) },
		less: func(_ *snapshot, a, b *roadmap.Initiative) int { return cmp.Compare(a.ID, b.ID) },
		need: idNeed},
	{title: "TITLE", rest: true, cell: func(_ *snapshot, in *roadmap.Initiative) string { return roadmap.Printable(in.Title) },
		less: func(_ *snapshot, a, b *roadmap.Initiative) int {
			return cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title))
		}},
	{title: "DOMAIN", priority: 1, cutTo: 15, cell: func(_ *snapshot, in *roadmap.Initiative) string { return in.Domain },
		less: func(s *snapshot, a, b *roadmap.Initiative) int {
			return cmp.Compare(s.domainIndex(a), s.domainIndex(b))
		}, need: domainNeed},
	{title: "LEVEL", priority: 2, cutTo: 16, cell: func(s *snapshot, in *roadmap.Initiative) string {
		return fmt.Sprintf("%d %s", in.Level, s.r.Model.LevelName(in.Domain, in.Level))
	}, less: func(_ *snapshot, a, b *roadmap.Initiative) int { return cmp.Compare(a.Level, b.Level) },
		need: levelNeed},
	{title: "QUARTER", priority: 1, cell: func(_ *snapshot, in *roadmap.Initiative) string { return in.Quarter.Label() },
		less: func(_ *snapshot, a, b *roadmap.Initiative) int { return a.Quarter.Compare(b.Quarter) },
		need: quarterNeed},
	// A ready initiative (one that done would accept now) is marked ✓.
	{title: "STATUS", priority: 1, cell: func(s *snapshot, in *roadmap.Initiative) string {
		if s.ready[in.ID] {
			return string(in.Status) + readyMark
		}
		return string(in.Status)
	},
		less: func(_ *snapshot, a, b *roadmap.Initiative) int {
			return cmp.Compare(slices.Index(roadmap.Statuses, a.Status), slices.Index(roadmap.Statuses, b.Status))
		}, need: statusNeed},
	{title: "OWNER", priority: 3, cutTo: 12, cell: func(_ *snapshot, in *roadmap.Initiative) string { return roadmap.Printable(in.Owner) },
		less: func(_ *snapshot, a, b *roadmap.Initiative) int {
			return cmp.Compare(strings.ToLower(a.Owner), strings.ToLower(b.Owner))
		}, need: ownerNeed},
	{title: "EFFORT", priority: 4, cutTo: 8, cell: func(_ *snapshot, in *roadmap.Initiative) string { return in.Effort.String() },
		less: func(_ *snapshot, a, b *roadmap.Initiative) int {
			return cmp.Compare(effortKey(a.Effort), effortKey(b.Effort))
		}, need: effortNeed},
	{title: "WARN", priority: 2, cell: func(s *snapshot, in *roadmap.Initiative) string {
		if n := s.byInit[in.ID].n; n > 0 {
			return strconv.Itoa(n)
		}
		return ""
	}, less: func(s *snapshot, a, b *roadmap.Initiative) int {
		return cmp.Compare(s.byInit[a.ID].n, s.byInit[b.ID].n)
	}, need: warnNeed},
}

func effortKey(e roadmap.Effort) float64 {
	if !e.Set {
		return -1
	}
	return e.Value
}

// table is the initiatives view: every initiative in a sortable table,
// filtered as you type.
type table struct {
	styles        *Styles
	keys          tableKeys
	filterKeys    filterKeys
	snap          *snapshot
	width, height int

	filter  textinput.Model
	search  *search               // the filter's index of the snapshot; nil until the filter is used
	needs   []int                 // per column, the width of its widest cell; nil until drawn
	rows    []*roadmap.Initiative // filtered and sorted
	sortCol int
	desc    bool
	scroll
}

func newTable(s *Styles) *table {
	f := textinput.New()
	f.Prompt = "/ "
	f.Placeholder = "filter: words of title, owner, domain, level, quarter, status, #id"
	f.SetStyles(s.TextInput())
	f.CharLimit = 200
	t := &table{styles: s, filter: f, sortCol: -1, filterKeys: newFilterKeys(), keys: tableKeys{
		moveKeys:   newMoveKeys(),
		Filter:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Clear:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Sort:       key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "sort")),
		Reverse:    key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "reverse order")),
		selectHelp: selectHelpVertical(),
	}}
	t.clamp()
	return t
}

func (t *table) Title() string { return tableTitle }
func (t *table) Badge() string { return "" }

// Keys returns the table's keys, or the filter's while it has the keyboard.
func (t *table) Keys() help.KeyMap {
	if t.filter.Focused() {
		return t.filterKeys
	}
	return t.keys
}

// Typing reports whether the filter has the keyboard.
func (t *table) Typing() bool { return t.filter.Focused() }

// SetSize sets the area the view draws in.
func (t *table) SetSize(w, h int) {
	t.width, t.height = w, h
	t.filter.SetWidth(max(w-24, 10)) // room for the match count
	t.clamp()
}

// SetSnapshot shows a new roadmap, filtered and sorted as before.
func (t *table) SetSnapshot(s *snapshot) {
	t.keepSelection(func() {
		t.snap = s
		t.search, t.needs = nil, nil
		t.refilter()
	})
}

// keepSelection runs change, which rebuilds the rows, and keeps the
// cursor on the initiative it was on when that is still a row.
func (t *table) keepSelection(change func()) {
	var keep int64
	if in := t.Selected(); in != nil {
		keep = in.ID
	}
	change()
	if keep != 0 {
		t.selectID(keep)
	}
}

// refilter rebuilds the rows from the filter and the sort order.
func (t *table) refilter() {
	if t.snap == nil {
		return
	}
	q := t.filter.Value()
	if strings.TrimSpace(q) != "" && t.search == nil {
		// Built on first use: most snapshots are never filtered.
		t.search = newSearch(t.snap, t.snap.sorted)
	}
	t.rows = t.rows[:0]
	if hits, all := t.search.match(q); all {
		t.rows = append(t.rows, t.snap.sorted...)
	} else {
		for _, i := range hits {
			t.rows = append(t.rows, t.snap.sorted[i])
		}
	}
	if t.sortCol >= 0 {
		c := tableColumns[t.sortCol]
		s := t.snap
		slices.SortStableFunc(t.rows, func(a, b *roadmap.Initiative) int {
			r := c.less(s, a, b)
			if t.desc {
				r = -r
			}
			return r
		})
	} else if t.desc {
		slices.Reverse(t.rows)
	}
	t.clamp()
}

// Selected returns the initiative of the row under the cursor, or nil.
func (t *table) Selected() *roadmap.Initiative {
	if t.cursor < 0 || t.cursor >= len(t.rows) {
		return nil
	}
	return t.rows[t.cursor]
}

func (t *table) selectID(id int64) {
	for i, in := range t.rows {
		if in.ID == id {
			t.cursor = i
			t.clamp()
			return
		}
	}
}

func (t *table) visibleRows() int { return max(t.height-3, 1) }

// clamp keeps the cursor on a row, and esc enabled only while there is
// a filter to clear.
func (t *table) clamp() {
	t.scroll.clamp(len(t.rows), t.visibleRows())
	t.keys.Clear.SetEnabled(t.filter.Value() != "")
}

// Update moves the cursor, sorts, and types (or pastes) into the filter.
// Sorting, reversing and clearing the filter keep the selected
// initiative selected; a filter typed selects its first match.
func (t *table) Update(msg tea.Msg) (view, tea.Cmd) {
	var k tea.KeyPressMsg
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if t.filter.Focused() {
			return t.typeFilter(msg)
		}
		return t, nil
	case selectMsg:
		t.selectID(msg.id)
		return t, nil
	case tea.BackgroundColorMsg:
		// The field holds a copy of its styles: give it the new ones.
		t.filter.SetStyles(t.styles.TextInput())
		return t, nil
	case tea.KeyPressMsg:
		k = msg
	default:
		return t, nil
	}
	if t.filter.Focused() {
		switch {
		case key.Matches(k, t.filterKeys.Keep):
			t.filter.Blur()
			return t, nil
		case key.Matches(k, t.filterKeys.Clear):
			t.filter.Blur()
			t.keepSelection(func() {
				t.filter.SetValue("")
				t.refilter()
			})
			return t, nil
		}
		return t.typeFilter(k)
	}
	switch {
	case key.Matches(k, t.keys.Filter):
		return t, t.filter.Focus()
	case key.Matches(k, t.keys.Clear):
		if t.filter.Value() != "" {
			t.keepSelection(func() {
				t.filter.SetValue("")
				t.refilter()
			})
		}
	case key.Matches(k, t.keys.Sort):
		t.keepSelection(func() {
			t.sortCol = (t.sortCol+2)%(len(tableColumns)+1) - 1
			t.refilter()
		})
	case key.Matches(k, t.keys.Reverse):
		t.keepSelection(func() {
			t.desc = !t.desc
			t.refilter()
		})
	default:
		t.move(k, t.keys.moveKeys, len(t.rows), t.visibleRows())
	}
	t.clamp()
	return t, nil
}

// typeFilter hands a key or a paste to the filter and filters again when
// its text changed.
func (t *table) typeFilter(msg tea.Msg) (view, tea.Cmd) {
	var cmd tea.Cmd
	before := t.filter.Value()
	t.filter, cmd = t.filter.Update(msg)
	if t.filter.Value() != before {
		t.cursor = 0
		t.refilter()
	}
	return t, cmd
}

// gutter is the room before each row: the selection bar "▌ " on the
// selected row, as on the board and the warnings, so that the selection
// shows without colour (NO_COLOR) too.
const gutter = 2

// layout picks the columns that fit and their widths (see widths.go),
// measuring the snapshot's cells once.
func (t *table) layout() ([]int, []int) {
	if t.needs == nil {
		t.needs = columnNeeds(tableColumns, t.snap)
	}
	return shareWidths(tableColumns, sortedNeeds(tableColumns, t.needs, t.sortCol), t.width-gutter)
}

// View draws the filter line, the header and the visible rows.
func (t *table) View() string {
	st, s := t.styles, t.snap
	if s == nil {
		return ""
	}
	var b strings.Builder
	if t.filter.Focused() || t.filter.Value() != "" {
		b.WriteString(t.filter.View())
	} else {
		b.WriteString(st.Muted.Render(fmt.Sprintf("%d initiatives · / to filter · S to sort", len(s.sorted))))
	}
	if t.filter.Value() != "" {
		b.WriteString(st.Muted.Render(fmt.Sprintf("  (%d of %d)", len(t.rows), len(s.sorted))))
	}
	b.WriteString("\n")
	idx, widths := t.layout()
	var head []string
	for j, i := range idx {
		title := tableColumns[i].title
		if i == t.sortCol {
			if t.desc {
				title += " ↓"
			} else {
				title += sortArrow
			}
		}
		head = append(head, pad(truncate(title, widths[j]), widths[j]))
	}
	b.WriteString(st.Header.Render(strings.Repeat(" ", gutter) + strings.Join(head, " ")))
	b.WriteString("\n")
	if len(t.rows) == 0 {
		if len(s.sorted) == 0 {
			b.WriteString(st.Info.Render(wrapWords(emptyHint(s.hintCommand("init --demo")), t.width)))
		} else {
			b.WriteString(st.Muted.Render("nothing matches the filter"))
		}
		return b.String()
	}
	start, end := t.window(len(t.rows), t.visibleRows())
	for r := start; r < end; r++ {
		in := t.rows[r]
		selected := r == t.cursor
		cells := make([]string, len(idx))
		for j, i := range idx {
			text := pad(truncate(tableColumns[i].cell(s, in), widths[j]), widths[j])
			// The selected row has one style throughout: a colour inside
			// it would end its highlight.
			switch title := tableColumns[i].title; {
			case selected:
			case title == "DOMAIN":
				text = st.Domain(s.domainIndex(in)).Render(text)
			case title == "WARN":
				if w := s.worst(in.ID); w == 2 {
					text = st.Error.Render(text)
				} else if w == 1 {
					text = st.Warning.Render(text)
				}
			}
			cells[j] = text
		}
		line := "  " + strings.Join(cells, " ")
		if selected {
			line = st.Selected.Render(pad("▌ "+strings.Join(cells, " "), t.width))
		}
		b.WriteString(line)
		if r < end-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}
