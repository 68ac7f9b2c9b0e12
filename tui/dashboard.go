package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"maturity/roadmap"
)

// dashboardTitle is the dashboard's title.
const dashboardTitle = "Dashboard"

type dashboardKeys struct {
	Warnings key.Binding
}

func (k dashboardKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Warnings} }
func (k dashboardKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Warnings}} }

// dashboard shows the maturity ladder: a row per domain, a column per
// level, the reached levels filled; under each domain the progress toward
// its next level and what blocks it; the overall stage; the warning count.
type dashboard struct {
	styles        *Styles
	keys          dashboardKeys
	snap          *snapshot
	width, height int
	bar           progress.Model
}

func newDashboard(s *Styles) *dashboard {
	return &dashboard{
		styles: s,
		keys: dashboardKeys{
			Warnings: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "review warnings")),
		},
		// Whole blocks, as the bar always had: bubbles' default half
		// blocks are for colour blends, and one colour reads as stripes.
		bar: progress.New(progress.WithFillCharacters(progress.DefaultFullCharFullBlock, progress.DefaultEmptyCharBlock), progress.WithoutPercentage()),
	}
}

func (d *dashboard) Title() string                 { return dashboardTitle }
func (d *dashboard) Badge() string                 { return "" }
func (d *dashboard) Keys() help.KeyMap             { return d.keys }
func (d *dashboard) SetSize(w, h int)              { d.width, d.height = w, h }
func (d *dashboard) SetSnapshot(s *snapshot)       { d.snap = s }
func (d *dashboard) Selected() *roadmap.Initiative { return nil }
func (d *dashboard) Typing() bool                  { return false }

// Update handles the dashboard's one key: w opens the warnings.
func (d *dashboard) Update(msg tea.Msg) (view, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, d.keys.Warnings) {
		return d, intent(showMsg{view: warningsTitle})
	}
	return d, nil
}

// View draws the dashboard.
func (d *dashboard) View() string {
	s, st := d.snap, d.styles
	if s == nil {
		return ""
	}
	m := s.r.Model
	labelW := 0
	for _, dom := range m.Domains {
		labelW = max(labelW, lipgloss.Width(dom.Name))
	}
	labelW = min(labelW+1, 18)
	cellW := max((d.width-labelW-1)/(roadmap.MaxLevel+1), 6)

	var b strings.Builder
	stage := s.state.Stage
	b.WriteString(st.Title.Render(fmt.Sprintf("Overall stage %d · %s", stage, m.StageName(stage))))
	b.WriteString("   ")
	b.WriteString(d.warningSummary())
	b.WriteString("\n\n")

	// Header: the level numbers.
	b.WriteString(strings.Repeat(" ", labelW))
	for l := 0; l <= roadmap.MaxLevel; l++ {
		b.WriteString(" " + st.Header.Render(pad(fmt.Sprintf("Level %d", l), cellW-1)))
	}
	b.WriteString("\n")

	// Each domain takes its ladder row and its progress line; the dates
	// row ("reached on", "expected in") when there is room.
	linesPer := 2
	showDates := d.height >= 4+3*len(s.state.Domains) && cellW >= 12 && len(s.r.Initiatives) > 0
	if showDates {
		linesPer = 3
	}
	for di, ds := range s.state.Domains {
		dom := m.Domains[di]
		b.WriteString(st.Domain(di).Bold(true).Render(pad(truncate(dom.Name, labelW-1), labelW)))
		for l := 0; l <= roadmap.MaxLevel; l++ {
			name := dom.Levels[l].Name
			var cell string
			switch {
			case l == ds.Level:
				cell = st.Current.Render(pad(truncate("▶ "+name, cellW-1), cellW-1))
			case l < ds.Level:
				cell = st.Reached.Render(pad(truncate("✓ "+name, cellW-1), cellW-1))
			case l == ds.Next:
				cell = st.Next.Render(pad(truncate("· "+name, cellW-1), cellW-1))
			default:
				cell = st.Unreached.Render(pad(truncate("  "+name, cellW-1), cellW-1))
			}
			b.WriteString(" " + cell)
		}
		b.WriteString("\n")
		if showDates {
			b.WriteString(strings.Repeat(" ", labelW))
			for l := 0; l <= roadmap.MaxLevel; l++ {
				b.WriteString(" " + st.Muted.Render(pad(truncateSentence(roadmap.Printable(s.dates[di][l].Text(l, s.today)), cellW-1), cellW-1)))
			}
			b.WriteString("\n")
		}
		b.WriteString(strings.Repeat(" ", labelW) + " " + d.progressLine(ds, d.width-labelW-1))
		b.WriteString("\n")
		if d.height >= 6+linesPer*len(s.state.Domains) {
			b.WriteString("\n")
		}
	}
	if len(s.r.Initiatives) == 0 {
		b.WriteString("\n" + st.Info.Render(ansi.Wrap(emptyHint(), d.width, " ")))
		return b.String()
	}
	used := strings.Count(b.String(), "\n")
	if room := d.height - used - 3; room > 0 {
		b.WriteString("\n" + st.Title.Render("Coming up, if the plan holds") + "\n")
		b.WriteString(strings.Join(d.comingUp(room), "\n"))
	}
	return b.String()
}

// comingUp lists, quarter by quarter, the levels the projection reaches:
// at most n lines.
func (d *dashboard) comingUp(n int) []string {
	s, st := d.snap, d.styles
	m := s.r.Model
	var lines []string
	prev := s.proj.Now
	for i, q := range s.proj.Quarters {
		lv := s.proj.At[i]
		var parts []string
		for di, dom := range m.Domains {
			if lv[di] > prev[di] {
				parts = append(parts, st.Domain(di).Render(fmt.Sprintf("%s → %d %s", dom.Key, lv[di], m.LevelName(dom.Key, lv[di]))))
			}
		}
		if lv.Stage() > prev.Stage() {
			parts = append(parts, st.Bold.Render(fmt.Sprintf("stage → %d %s", lv.Stage(), m.StageName(lv.Stage()))))
		}
		prev = lv
		if len(parts) == 0 {
			continue
		}
		label := q.String()
		if q.Before(s.today) {
			label += " (late)"
		}
		lines = append(lines, truncate(st.Muted.Render(pad(label, 16))+strings.Join(parts, st.Muted.Render(", ")), d.width))
	}
	if len(lines) == 0 {
		lines = append(lines, st.Muted.Render("no level is reached by the quarters planned so far"))
	}
	if len(lines) > n {
		more := len(lines) - n + 1
		lines = append(lines[:n-1], st.Muted.Render(fmt.Sprintf("… and %d more quarters", more)))
	}
	return lines
}

// progressLine shows how far a domain is toward its next level.
func (d *dashboard) progressLine(ds roadmap.DomainState, width int) string {
	st, m := d.styles, d.snap.r.Model
	if ds.AtTop() {
		return st.OK.Render("top level reached")
	}
	head := fmt.Sprintf("next %d %s ", ds.Next, m.LevelName(ds.Domain, ds.Next))
	count := fmt.Sprintf(" %d/%d", ds.Done, ds.Total)
	if ds.Total == 0 {
		count = " nothing planned"
	}
	barW := min(20, max(width-lipgloss.Width(head)-lipgloss.Width(count)-30, 6))
	bar := d.bar
	bar.SetWidth(barW)
	bar.FullColor = st.Bar
	frac := 0.0
	if ds.Total > 0 {
		frac = float64(ds.Done) / float64(ds.Total)
	}
	line := st.Muted.Render(head) + bar.ViewAs(frac) + st.Muted.Render(count)
	if len(ds.Blockers) > 0 {
		line += "  " + st.Warning.Render(m.BlockerText(ds.Blockers))
	}
	// Planned work that can never reach the level: say why, in full.
	if di, ok := m.DomainIndex(ds.Domain); ok {
		if reach := d.snap.proj.When(di, ds.Next); !reach.Planned && !reach.Why.Unwanted() {
			line += "  " + st.Error.Render(roadmap.Printable(reach.Text(d.snap.today)))
		}
	}
	return truncate(line, width)
}

func (d *dashboard) warningSummary() string {
	s, st := d.snap, d.styles
	nErr := s.errors
	nWarn := len(s.warnings) - nErr
	if nErr+nWarn == 0 {
		return st.OK.Render("no warnings")
	}
	text := fmt.Sprintf("%s, %s", plural(nErr, "error"), plural(nWarn, "warning"))
	style := st.Warning
	if nErr > 0 {
		style = st.Error
	}
	return style.Render(text) + st.Muted.Render(" (w to review)")
}
