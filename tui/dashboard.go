package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"maturity/report"
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
// What it says of the stage and each domain comes from the snapshot's
// standing (report.Standing), as the report says it.
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

func (d *dashboard) Title() string     { return dashboardTitle }
func (d *dashboard) Badge() string     { return "" }
func (d *dashboard) Keys() help.KeyMap { return d.keys }
func (d *dashboard) SetSize(w, h int)  { d.width, d.height = w, h }

// SetSnapshot shows s; w is offered only while there are warnings to
// review.
func (d *dashboard) SetSnapshot(s *snapshot) {
	d.snap = s
	d.keys.Warnings.SetEnabled(s != nil && len(s.warnings) > 0)
}

func (d *dashboard) Selected() *roadmap.Initiative { return nil }
func (d *dashboard) Typing() bool                  { return false }

// Update handles the dashboard's one key: w opens the warnings.
func (d *dashboard) Update(msg tea.Msg) (view, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, d.keys.Warnings) {
		return d, intent(showMsg{view: warningsTitle})
	}
	return d, nil
}

// View draws the dashboard. Its layout is set by the width and height
// alone: a ladder row per domain, its dates row when there is room, its
// progress line, a blank line between domains when there is room. The
// rows left over then let what would be cut wrap, in this order: each
// domain's progress (its blockers and reasons), its dates (each in its
// column), and "Coming up".
func (d *dashboard) View() string {
	s, st := d.snap, d.styles
	if s == nil {
		return ""
	}
	doms := s.standing.Domains
	labelW := 0
	for _, dom := range doms {
		labelW = max(labelW, lipgloss.Width(dom.Name))
	}
	labelW = min(labelW+1, 18)

	// Each domain takes its ladder row and its progress line; the dates
	// row ("reached on", "expected in") when there is room.
	linesPer := 2
	showDates := d.height >= 4+3*len(doms) && d.width >= 80 && len(s.r.Initiatives) > 0
	if showDates {
		linesPer = 3
	}

	// The levels' columns share the width by what their names (and
	// dates) need; what the evidence says of a domain goes under its
	// name, on a line of its own when there is room for it.
	needs := d.ladderNeeds(showDates, maxDateNeed)
	sum := len(needs) + total(needs)
	evidenceW := 0
	for di := range doms {
		if reached, evidence, _ := evidenceLabel(s, di); evidence != "" {
			evidenceW = max(evidenceW, lipgloss.Width(reached+" · "+evidence)+1)
		}
	}
	// Only when nothing else is cut for it: the ladder and the progress
	// lines keep what they need.
	if evidenceW > labelW && evidenceW+max(sum, d.progressNeed()+1) <= d.width {
		labelW = evidenceW
	}
	// Without a dates row the evidence shares the progress line's row:
	// that row's label column widens for "reached N · evidenced N" (the
	// progress line gives way), so neither is dropped.
	progLabelW := labelW
	if !showDates && evidenceW > labelW {
		progLabelW = evidenceW
	}
	room := d.width - labelW - 1 - roadmap.MaxLevel
	if whole := d.ladderNeeds(showDates, d.width); showDates && total(whole) <= room {
		needs = whole // the dates in full too
	}
	cols := shareByNeed(needs, room)
	progW := d.width - progLabelW - 1
	barW := d.barWidth(progW)

	// The rows to spare, given out in order.
	gaps := d.height >= 6+linesPer*len(doms)
	spare := d.height - 3 - linesPer*len(doms)
	if gaps {
		spare -= len(doms)
	}
	take := func(n int) int {
		n = min(n, max(spare, 0))
		spare -= n
		return n
	}
	progress := make([][]string, len(doms))
	for di, dom := range doms {
		n := 1 + take(len(d.progressLines(dom, progW, barW, 0))-1)
		progress[di] = d.progressLines(dom, progW, barW, n)
	}
	// "Coming up" keeps the rows it had before the dates wrap into them.
	// (None when it has no room anyway.)
	reserve := 0
	if len(s.r.Initiatives) > 0 && spare >= 3 {
		reserve = min(spare, 2+len(d.comingUpEntries()))
	}
	spare -= reserve
	dates := make([][][]string, len(doms))
	if showDates {
		for di := range doms {
			cells := d.dateCells(di, cols)
			rows := 1 + take(min(tallest(cells), maxDateRows)-1)
			for l, c := range cells {
				if rows == 1 {
					// One row: the head of a sentence, as it always was.
					cells[l] = []string{truncateSentence(d.dateText(di, l), cols[l])}
				} else {
					cells[l] = wrapped(c, rows, cols[l])
				}
			}
			dates[di] = cells
		}
	}

	// Last, with the rows still left: the report's summary of what the
	// plan reaches by when and what the errors hold up, under the title.
	var summary []string
	if len(s.r.Initiatives) > 0 && reserve > 0 && spare > 0 {
		lines := strings.Split(wrapWords(roadmap.Printable(s.standing.Outlook+" "+s.standing.Attention), min(d.width, summaryWidth)), "\n")
		if len(lines) <= spare-max(d.comingUpNeed()-reserve, 0) {
			summary = lines
		}
	}

	var b strings.Builder
	stage := s.standing.Stage
	b.WriteString(st.Title.Render(fmt.Sprintf("Overall stage %d · %s", stage.N, stage.Name)))
	b.WriteString("   ")
	b.WriteString(d.warningSummary())
	for _, l := range summary {
		b.WriteString("\n" + l)
	}
	b.WriteString("\n\n")

	// Header: the level numbers.
	b.WriteString(strings.Repeat(" ", labelW))
	for l := 0; l <= roadmap.MaxLevel; l++ {
		b.WriteString(" " + st.Header.Render(pad(truncate(fmt.Sprintf("Level %d", l), cols[l]), cols[l])))
	}
	b.WriteString("\n")

	for di, dom := range doms {
		labels := d.evidenceLines(di, labelW-1, linesPer-1)
		if !showDates {
			labels = d.evidenceLines(di, progLabelW-1, 1)
		}
		b.WriteString(st.Domain(di).Bold(true).Render(pad(truncate(dom.Name, labelW-1), labelW)))
		for l := 0; l <= roadmap.MaxLevel; l++ {
			w := cols[l]
			cell := d.levelText(dom, l)
			switch {
			case l == dom.Level.N:
				cell = st.Current.Render(pad(truncate(cell, w), w))
			case l < dom.Level.N:
				cell = st.Reached.Render(pad(truncate(cell, w), w))
			case dom.Next != nil && l == dom.Next.N:
				cell = st.Next.Render(pad(truncate(cell, w), w))
			default:
				cell = st.Unreached.Render(pad(truncate(cell, w), w))
			}
			b.WriteString(" " + cell)
		}
		b.WriteString("\n")
		if showDates {
			for r := range tallest(dates[di]) {
				label := ""
				if r == 0 {
					label = labels[0]
				}
				b.WriteString(pad(label, labelW))
				for l := 0; l <= roadmap.MaxLevel; l++ {
					cell := ""
					if r < len(dates[di][l]) {
						cell = dates[di][l][r]
					}
					b.WriteString(" " + st.Muted.Render(pad(cell, cols[l])))
				}
				b.WriteString("\n")
			}
		}
		for r, line := range progress[di] {
			label := ""
			if r == 0 {
				label = labels[len(labels)-1]
			}
			b.WriteString(pad(label, progLabelW) + " " + line + "\n")
		}
		if gaps {
			b.WriteString("\n")
		}
	}
	if len(s.r.Initiatives) == 0 {
		b.WriteString("\n" + st.Info.Render(wrapWords(emptyHint(s.hintCommand("init --demo")), d.width)))
		return b.String()
	}
	used := strings.Count(b.String(), "\n")
	if room := d.height - used - 2; room > 0 {
		b.WriteString("\n" + st.Title.Render("Coming up, if the plan holds") + "\n")
		b.WriteString(strings.Join(d.comingUp(room), "\n"))
	}
	return b.String()
}

// summaryWidth is the widest the summary's lines get: a paragraph reads
// best at about this measure.
const summaryWidth = 100

// levelText is a level's cell on a domain's ladder: its mark and name.
func (d *dashboard) levelText(dom report.Domain, l int) string {
	mark := "  "
	switch {
	case l == dom.Level.N:
		mark = "▶ "
	case l < dom.Level.N:
		mark = "✓ "
	case dom.Next != nil && l == dom.Next.N:
		mark = "· "
	}
	return mark + dom.Dates[l].Name
}

// dateText says when a domain reached a level, or when the plan expects
// it.
func (d *dashboard) dateText(di, l int) string {
	return roadmap.Printable(d.snap.standing.Domains[di].Dates[l].Text)
}

// maxDateNeed is the most a level's column asks for its dates: enough
// for "on 2026-06-10", not for the whole of a "not planned: …".
const maxDateNeed = 16

// ladderNeeds is the width each level's column asks for: its header, the
// longest of its names with their marks, and its dates when shown, up to
// dateW of them.
func (d *dashboard) ladderNeeds(dates bool, dateW int) []int {
	s := d.snap
	needs := make([]int, roadmap.MaxLevel+1)
	for l := range needs {
		needs[l] = lipgloss.Width(fmt.Sprintf("Level %d", l))
		for di, dom := range s.standing.Domains {
			needs[l] = max(needs[l], lipgloss.Width(d.levelText(dom, l)))
			if dates {
				needs[l] = max(needs[l], min(lipgloss.Width(d.dateText(di, l)), dateW))
			}
		}
	}
	return needs
}

// total adds up widths.
func total(ws []int) int {
	n := 0
	for _, w := range ws {
		n += w
	}
	return n
}

// shareByNeed shares total cells among columns that need needs: each
// gets what it needs and an even share of what is left when all fit;
// else those that need less than an even share get what they need, and
// the others share the rest evenly.
func shareByNeed(needs []int, total int) []int {
	n := len(needs)
	out := make([]int, n)
	sum := 0
	for _, x := range needs {
		sum += x
	}
	if sum <= total {
		extra := total - sum
		for i, x := range needs {
			out[i] = x + extra/n
			if i < extra%n {
				out[i]++
			}
		}
		return out
	}
	left, open := total, n
	fixed := make([]bool, n)
	for changed := true; changed && open > 0; {
		changed = false
		share := left / open
		for i, x := range needs {
			if !fixed[i] && x <= share {
				out[i], fixed[i] = x, true
				left -= x
				open--
				changed = true
			}
		}
	}
	k := 0
	for i := range needs {
		if !fixed[i] {
			out[i] = max(left/max(open, 1), 1)
			if k < left%max(open, 1) {
				out[i]++
			}
			k++
		}
	}
	return out
}

// evidenceLines are the lines under a domain's name, n of them (one or
// two), at most w wide: "reached 2 · evidenced 1 ⚠" on the last when it
// fits; else "reached 2" and "evidenced 1 ⚠" on two, or the evidence
// alone on one (the ladder shows the level reached). Empty when the
// model gives the domain no criteria.
func (d *dashboard) evidenceLines(di, w, n int) []string {
	reached, evidence, warn := evidenceLabel(d.snap, di)
	out := make([]string, n)
	if evidence == "" {
		return out
	}
	style := d.styles.Muted
	if warn {
		style = d.styles.Warning
	}
	switch full := reached + " · " + evidence; {
	case lipgloss.Width(full) <= w:
		out[n-1] = style.Render(full)
	case n >= 2:
		out[n-2], out[n-1] = style.Render(truncate(reached, w)), style.Render(truncate(evidence, w))
	default:
		out[n-1] = style.Render(truncate(evidence, w))
	}
	return out
}

// comingUp lists, quarter by quarter, the levels the projection reaches:
// at most n lines. A quarter too long for the width goes on further
// lines while there are lines to spare.
func (d *dashboard) comingUp(n int) []string {
	st := d.styles
	entries := d.comingUpEntries()
	if len(entries) == 0 {
		return []string{st.Muted.Render("no level is reached by the quarters planned so far")}
	}
	if len(entries) > n {
		lines := make([]string, 0, n)
		for _, e := range entries[:n-1] {
			lines = append(lines, d.comingUpLines(e, 1)...)
		}
		return append(lines, st.Muted.Render(fmt.Sprintf("… and %d more quarters", len(entries)-n+1)))
	}
	spare := n - len(entries)
	var lines []string
	for _, e := range entries {
		whole := d.comingUpLines(e, 0)
		extra := min(len(whole)-1, spare)
		spare -= extra
		lines = append(lines, d.comingUpLines(e, 1+extra)...)
	}
	return lines
}

// comingUpNeed is how many rows "Coming up" takes with every quarter in
// full: a blank row, its title and its lines.
func (d *dashboard) comingUpNeed() int {
	n := 2
	for _, e := range d.comingUpEntries() {
		n += len(d.comingUpLines(e, 0))
	}
	return n
}

// comingUpEntries are the quarters of "Coming up": each its label, then
// the levels and the stage it reaches.
func (d *dashboard) comingUpEntries() [][]string {
	s, st := d.snap, d.styles
	m := s.r.Model
	var entries [][]string
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
		entries = append(entries, append([]string{st.Muted.Render(pad(label, comingUpLabelW))}, parts...))
	}
	return entries
}

// comingUpLabelW is the width of a quarter's label in "Coming up".
const comingUpLabelW = 16

// comingUpLines lays a quarter of "Coming up" out: its label, then its
// parts joined by commas, a part that does not fit starting a line of its
// own under the first part; at most n lines (0: as many as it takes), the
// last cut to the width.
func (d *dashboard) comingUpLines(entry []string, n int) []string {
	sep := d.styles.Muted.Render(", ")
	indent := strings.Repeat(" ", comingUpLabelW)
	lines := []string{entry[0] + entry[1]}
	for _, p := range entry[2:] {
		last := &lines[len(lines)-1]
		if lipgloss.Width(*last+sep+p) <= d.width || n > 0 && len(lines) == n {
			*last += sep + p
			continue
		}
		*last += d.styles.Muted.Render(",")
		lines = append(lines, indent+p)
	}
	for i := range lines {
		lines[i] = truncate(lines[i], d.width)
	}
	return lines
}

// minBar is the narrowest a progress bar gets.
const minBar = 6

// barWidth is the width of every domain's progress bar: what the rest of
// the longest progress line leaves, from minBar to 20 cells. A line that
// is cut even with the narrowest bar keeps at least its count beside the
// bar.
func (d *dashboard) barWidth(width int) int {
	w := 20
	for _, dom := range d.snap.standing.Domains {
		if dom.Next != nil {
			head, parts := d.progressParts(dom)
			left := width - lipgloss.Width(head) - partsWidth(parts)
			if left < minBar {
				// And a cell for the "…" that says the rest is cut.
				left = max(width-lipgloss.Width(head)-partsWidth(parts[:1])-1, minBar)
			}
			w = min(w, left)
		}
	}
	return w
}

// progressLines show how far a domain is toward its next level: the
// initiatives done of those planned for it (a bar barW wide), its
// criteria met, what blocks it and why the plan never reaches it, in at
// most n lines (0: as many as it takes). On one line, all of it, cut to
// the width; on more, the first line has what fits of it and each part
// that does not follows on lines of its own, wrapped, the last line cut.
func (d *dashboard) progressLines(dom report.Domain, width, barW, n int) []string {
	st := d.styles
	if dom.Next == nil {
		return []string{st.OK.Render("top level reached")}
	}
	head, parts := d.progressParts(dom)
	bar := d.bar
	bar.SetWidth(barW)
	bar.FullColor = st.Bar
	frac := 0.0
	if dom.Total > 0 {
		frac = float64(dom.Done) / float64(dom.Total)
	}
	line := st.Muted.Render(head) + bar.ViewAs(frac)
	if n == 1 {
		for _, p := range parts {
			line += p.render(st)
		}
		return []string{truncate(line, width)}
	}
	// The lines after the first, plain: each of part (its index) of
	// parts, drawn in its style.
	type cont struct {
		text string
		part int
	}
	var conts []cont
	for i, p := range parts {
		// The count stays with the bar, cut or not.
		if i == 0 || len(conts) == 0 && lipgloss.Width(line+p.sep+p.text) <= width {
			line += p.render(st)
			continue
		}
		for _, l := range wrapText(p.text, width) {
			conts = append(conts, cont{l, i})
		}
	}
	if n > 0 && 1+len(conts) > n {
		// The last line takes what follows on, cut: "…" says so.
		last := conts[n-2]
		prev := last.part
		for _, c := range conts[n-1:] {
			sep := " "
			if c.part != prev {
				sep = "  "
			}
			last.text += sep + c.text
			prev = c.part
		}
		last.text = truncate(last.text, width)
		conts = append(conts[:n-2], last)
	}
	lines := []string{truncate(line, width)}
	for _, c := range conts {
		lines = append(lines, parts[c.part].style(st).Render(c.text))
	}
	return lines
}

// progressPart is a piece of a progress line after its bar: its text, the
// separator before it on the first line, and its kind (for its style).
type progressPart struct {
	sep, text string
	kind      int // 0 muted, 1 warning, 2 error
}

func (p progressPart) style(st *Styles) lipgloss.Style {
	switch p.kind {
	case 1:
		return st.Warning
	case 2:
		return st.Error
	}
	return st.Muted
}

// render draws the part with its separator.
func (p progressPart) render(st *Styles) string {
	return st.Muted.Render(p.sep) + p.style(st).Render(p.text)
}

// progressParts are the progress line's text before its bar, and the
// parts after it: the count, the criteria met, the blockers and the
// reason the plan never reaches the level (of a domain not at the top).
func (d *dashboard) progressParts(dom report.Domain) (head string, parts []progressPart) {
	head = "next " + dom.Next.String() + " "
	count := fmt.Sprintf("%d/%d", dom.Done, dom.Total)
	if dom.Total == 0 {
		count = "nothing planned"
	}
	parts = append(parts, progressPart{sep: " ", text: count})
	if dom.Criteria != "" {
		parts = append(parts, progressPart{sep: " · ", text: dom.Criteria})
	}
	if dom.Blockers != "" {
		parts = append(parts, progressPart{sep: "  ", text: dom.Blockers, kind: 1})
	}
	// Planned work that can never reach the level: say why, in full.
	if dom.Unreachable {
		parts = append(parts, progressPart{sep: "  ", text: roadmap.Printable(dom.Expected), kind: 2})
	}
	return head, parts
}

// partsWidth is how wide the parts are on one line.
func partsWidth(parts []progressPart) int {
	w := 0
	for _, p := range parts {
		w += lipgloss.Width(p.sep + p.text)
	}
	return w
}

// progressNeed is the width the progress lines need, with the narrowest
// bar.
func (d *dashboard) progressNeed() int {
	need := 0
	for _, dom := range d.snap.standing.Domains {
		if dom.Next == nil {
			continue
		}
		head, parts := d.progressParts(dom)
		need = max(need, lipgloss.Width(head)+minBar+partsWidth(parts))
	}
	return need
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

// evidenceWarnings are the metrics the metric-regressed warnings of a
// snapshot are about. The views find them once per snapshot, not per
// frame: a large roadmap has many warnings.
type evidenceWarnings struct {
	snap      *snapshot
	regressed map[string]bool
}

// of returns the evidence's warnings of s, found again when s is not the
// snapshot they were found in.
func (e *evidenceWarnings) of(s *snapshot) *evidenceWarnings {
	if e.snap == s && e.regressed != nil {
		return e
	}
	*e = evidenceWarnings{snap: s, regressed: map[string]bool{}}
	if s == nil {
		return e
	}
	for _, w := range s.warnings {
		if w.Code == roadmap.CodeMetricRegressed && w.Subject.Kind == roadmap.SubjectMetric {
			e.regressed[w.Subject.Key] = true
		}
	}
	return e
}

// evidenceLabel says where domain d of s stands on the evidence, beside
// the level it reached (its standing's row): "reached 2" and "evidenced
// 1", warn set while the level-unevidenced warning is about it; "no
// evidence yet" before anything is recorded for the domain; evidence is
// "" when the model gives it no criteria.
func evidenceLabel(s *snapshot, d int) (reached, evidence string, warn bool) {
	dom := s.standing.Domains[d]
	reached = fmt.Sprintf("reached %d", dom.Level.N)
	switch {
	case dom.Evidenced == nil:
		return reached, "", false
	case !dom.Answered:
		return reached, "no evidence yet", false
	}
	evidence = fmt.Sprintf("evidenced %d", dom.Evidenced.N)
	if dom.Unevidenced {
		return reached, evidence + " ⚠", true
	}
	return reached, evidence, false
}
