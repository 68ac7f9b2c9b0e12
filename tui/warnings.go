package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"maturity/roadmap"
)

// warningsTitle is the warnings view's title.
const warningsTitle = "Warnings"

type warningKeys struct {
	moveKeys
	Jump key.Binding
	// selectHelp stands for up and down in the short help.
	selectHelp key.Binding
}

func (k warningKeys) ShortHelp() []key.Binding { return []key.Binding{k.selectHelp, k.Jump} }
func (k warningKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(k.vertical(), k.Jump)}
}

// warningList is the warnings view: every warning from check, errors
// first, each with its code and message.
type warningList struct {
	styles        *Styles
	keys          warningKeys
	snap          *snapshot
	width, height int
	scroll
}

func newWarningList(s *Styles) *warningList {
	v := &warningList{styles: s, keys: warningKeys{
		moveKeys:   newMoveKeys(),
		Jump:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show on the dashboard")),
		selectHelp: selectHelpVertical(),
	}}
	v.clamp()
	return v
}

func (v *warningList) Title() string     { return warningsTitle }
func (v *warningList) Keys() help.KeyMap { return v.keys }
func (v *warningList) Typing() bool      { return false }

// Badge counts the warnings.
func (v *warningList) Badge() string {
	if v.snap == nil || len(v.snap.warnings) == 0 {
		return ""
	}
	return strconv.Itoa(len(v.snap.warnings))
}

// SetSize sets the area the view draws in.
func (v *warningList) SetSize(w, h int) {
	v.width, v.height = w, h
	v.clamp()
}

// SetSnapshot shows the warnings of a new roadmap.
func (v *warningList) SetSnapshot(s *snapshot) {
	v.snap = s
	v.clamp()
}

// Selected returns the initiative the selected warning is about, or nil
// for a warning about a domain.
func (v *warningList) Selected() *roadmap.Initiative {
	if w, ok := v.selectedWarning(); ok {
		if in, ok := v.snap.r.Get(w.Subject.ID()); ok {
			return in
		}
	}
	return nil
}

func (v *warningList) selectedWarning() (roadmap.Warning, bool) {
	if v.snap == nil || v.cursor < 0 || v.cursor >= len(v.snap.warnings) {
		return roadmap.Warning{}, false
	}
	return v.snap.warnings[v.cursor], true
}

// warningLines is the lines a warning takes: severity and code, then the
// message wrapped on up to two lines.
const warningLines = 3

func (v *warningList) visible() int { return max((v.height-2)/warningLines, 1) }

// clamp keeps the cursor on a warning, and enter enabled only while it is
// about no initiative (a domain, a metric): on one about an initiative,
// enter is the root's, and opens the initiative's detail.
func (v *warningList) clamp() {
	n := 0
	if v.snap != nil {
		n = len(v.snap.warnings)
	}
	v.scroll.clamp(n, v.visible())
	_, ok := v.selectedWarning()
	v.keys.Jump.SetEnabled(ok && v.Selected() == nil)
}

// Update moves the cursor, and asks the root to show the dashboard for a
// warning about no initiative.
func (v *warningList) Update(msg tea.Msg) (view, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || v.snap == nil {
		return v, nil
	}
	if key.Matches(k, v.keys.Jump) {
		return v, intent(showMsg{view: dashboardTitle})
	}
	v.move(k, v.keys.moveKeys, len(v.snap.warnings), v.visible())
	v.clamp()
	return v, nil
}

// View draws the visible warnings.
func (v *warningList) View() string {
	st, s := v.styles, v.snap
	if s == nil {
		return ""
	}
	var b strings.Builder
	if len(s.warnings) == 0 {
		return st.OK.Render("No warnings: every scheduled initiative has what it needs in time.")
	}
	b.WriteString(st.Muted.Render(fmt.Sprintf("%s, %s · enter shows what it is about",
		plural(s.errors, "error"), plural(len(s.warnings)-s.errors, "warning"))))
	b.WriteString("\n\n")
	start, end := v.window(len(s.warnings), v.visible())
	for i := start; i < end; i++ {
		w := s.warnings[i]
		sev := st.Warning.Render("warning")
		if w.Severity == roadmap.SeverityError {
			sev = st.Error.Render("error  ")
		}
		cursor := "  "
		if i == v.cursor {
			cursor = st.Info.Render("▌ ")
		}
		head := cursor + sev + " " + st.Bold.Render(w.Code)
		if i == v.cursor {
			head = st.Selected.Render(pad("▌ "+w.Severity.String()+" "+w.Code, v.width))
		}
		msg := strings.Split(ansi.Wrap(roadmap.Printable(w.Message()), v.width-4, " "), "\n")
		for len(msg) < warningLines-1 {
			msg = append(msg, "")
		}
		if len(msg) > warningLines-1 {
			msg = msg[:warningLines-1]
			msg[len(msg)-1] = truncate(msg[len(msg)-1]+" …", v.width-4)
		}
		b.WriteString(head + "\n    " + strings.Join(msg, "\n    "))
		if i < end-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}
