package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

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
	// heights caches the lines each warning takes at this width: 0 until
	// measured. Only the warnings drawn, or near the cursor, are.
	heights []int32
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
	if w != v.width {
		v.heights = nil
	}
	v.width, v.height = w, h
	v.clamp()
}

// SetSnapshot shows the warnings of a new roadmap.
func (v *warningList) SetSnapshot(s *snapshot) {
	v.snap = s
	v.heights = nil
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

// lines is the lines the warnings are drawn in: all but the summary and
// the blank line under it.
func (v *warningList) lines() int { return max(v.height-2, 2) }

// messageWidth is the width a message is wrapped to, under its head.
func (v *warningList) messageWidth() int { return max(v.width-4, 10) }

// message returns warning i's message wrapped to the width, in full.
func (v *warningList) message(i int) []string {
	return strings.Split(wrapWords(roadmap.Printable(v.snap.warnings[i].Message()), v.messageWidth()), "\n")
}

// itemHeight is the lines warning i takes: its head, then its message in
// full, unless it is taller than the screen.
func (v *warningList) itemHeight(i int) int {
	if v.heights == nil {
		v.heights = make([]int32, len(v.snap.warnings))
	}
	if v.heights[i] == 0 {
		v.heights[i] = int32(1 + len(v.message(i)))
	}
	return min(int(v.heights[i]), v.lines())
}

// count is how many warnings there are.
func (v *warningList) count() int {
	if v.snap == nil {
		return 0
	}
	return len(v.snap.warnings)
}

// clamp keeps the cursor on a warning, drawn whole, and enter enabled only
// while it is about no initiative (a domain, a metric): on one about an
// initiative, enter is the root's, and opens the initiative's detail.
func (v *warningList) clamp() {
	v.scroll.clampLines(v.count(), v.lines(), v.itemHeight)
	w, ok := v.selectedWarning()
	v.keys.Jump.SetEnabled(ok && v.Selected() == nil)
	if ok {
		v.keys.Jump.SetHelp("enter", "show on the "+strings.ToLower(aboutView(w)))
	}
}

// aboutView is the view that shows what a warning about no initiative is
// about: the assessment for the evidence's (a metric, a level its
// criteria do not support, an assessment gone stale), the capacity for a
// quarter's, else the dashboard.
func aboutView(w roadmap.Warning) string {
	switch {
	case w.Subject.Kind == roadmap.SubjectQuarter:
		return capacityTitle
	case w.Subject.Kind == roadmap.SubjectMetric, w.Code == roadmap.CodeLevelUnevidenced, w.Code == roadmap.CodeAssessmentStale:
		return assessmentTitle
	}
	return dashboardTitle
}

// aboutKey is what to select in the assessment for a warning about the
// evidence: the metric that regressed, the first criterion not met of a
// level its criteria do not support, the domain whose answers are stale;
// in the capacity, the quarter over (and the person).
func aboutKey(w roadmap.Warning) selectKeyMsg {
	switch {
	case w.Subject.Kind == roadmap.SubjectQuarter:
		return selectKeyMsg{quarter: w.Subject.Key, owner: w.Subject.Owner}
	case w.Subject.Kind == roadmap.SubjectMetric:
		return selectKeyMsg{metric: w.Subject.Key}
	case w.Code == roadmap.CodeLevelUnevidenced && w.Criterion() != "":
		return selectKeyMsg{criterion: w.Criterion()}
	case w.Code == roadmap.CodeLevelUnevidenced, w.Code == roadmap.CodeAssessmentStale:
		return selectKeyMsg{domain: w.Subject.Key}
	}
	return selectKeyMsg{}
}

// Update moves the cursor, and asks the root to show what a warning about
// no initiative is about (aboutView).
func (v *warningList) Update(msg tea.Msg) (view, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || v.snap == nil {
		return v, nil
	}
	if key.Matches(k, v.keys.Jump) {
		w, _ := v.selectedWarning()
		return v, intent(showMsg{view: aboutView(w), key: aboutKey(w)})
	}
	// A page is the warnings on the screen.
	if v.move(k, v.keys.moveKeys, v.count(), v.fitting(v.count(), v.lines(), v.itemHeight)) {
		v.clamp()
	}
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
	left := v.lines()
	for i := v.offset; i < len(s.warnings) && left > 0; i++ {
		h := v.itemHeight(i)
		if h > left {
			break // drawn whole or not at all
		}
		left -= h
		b.WriteString(v.item(i, h))
		if left > 0 && i < len(s.warnings)-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// item draws warning i in h lines: the severity and code, then the
// message under it, cut only when it is taller than the screen. The
// selected warning is marked with the selection bar down its side.
func (v *warningList) item(i, h int) string {
	st, w := v.styles, v.snap.warnings[i]
	selected := i == v.cursor
	var head string
	if selected {
		head = st.Selected.Render(pad("▌ "+w.Severity.String()+" "+w.Code, v.width))
	} else {
		sev := st.Warning.Render("warning")
		if w.Severity == roadmap.SeverityError {
			sev = st.Error.Render("error  ")
		}
		head = "  " + sev + " " + st.Bold.Render(w.Code)
	}
	msg := v.message(i)
	if len(msg) > h-1 {
		msg = msg[:h-1]
		msg[len(msg)-1] = truncate(msg[len(msg)-1]+" …", v.messageWidth())
	}
	indent := "    "
	if selected {
		indent = st.Info.Render("▌") + "   "
	}
	return head + "\n" + indent + strings.Join(msg, "\n"+indent)
}
