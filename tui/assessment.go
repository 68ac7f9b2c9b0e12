package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"maturity/roadmap"
	"maturity/store"
)

// assessmentTitle is the assessment view's title.
const assessmentTitle = "Assessment"

// metricQuarters is how many quarters the metrics show, up to the
// current one.
const metricQuarters = 6

type assessmentKeys struct {
	Up, Down, Left, Right, Home, End key.Binding
	Met, Unmet, Unknown, Record      key.Binding
	// selectHelp and answerHelp stand for the arrows and for m/u/n in
	// the short help.
	selectHelp, answerHelp key.Binding
}

func (k assessmentKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.selectHelp, k.answerHelp, k.Record}
}

// FullHelp lists every key, those that do nothing where the cursor is
// too, saying where they work.
func (k assessmentKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Left, k.Right, k.Home, k.End},
		{listed(k.Met, "on a check"), listed(k.Unmet, "on a check"), listed(k.Unknown, "on a check"), listed(k.Record, "on a metric")}}
}

// listed returns b for the full help: as it is while enabled, else
// enabled with where it works after its help.
func listed(b key.Binding, where string) key.Binding {
	if !b.Enabled() {
		b.SetEnabled(true)
		b.SetHelp(b.Help().Key, b.Help().Desc+" ("+where+")")
	}
	return b
}

// assessmentView shows the evidence: per domain its levels 1–4 with each
// criterion met ✓, unmet ✗ or unknown ?, and the level they support;
// the selected criterion in full; and the metrics over the last six
// quarters, each value with its band and trend, and a sparkline. One
// cursor moves over the criteria, and down past them over the metrics.
// m, u and n answer the selected check (with an evidence prompt); v
// records a value of the selected metric for the selected quarter. Both
// write through the store, and the dashboard then reads the roadmap
// again.
type assessmentView struct {
	styles        *Styles
	keys          assessmentKeys
	snap          *snapshot
	width, height int

	inMetrics bool
	// The criteria cursor: a domain (model index) and a position in its
	// criteria, levels 1 to 4 in order; crit keeps it on the same
	// criterion across snapshots.
	domain, pos int
	crit        string
	// The metrics cursor: a row (metrics, model order) and a quarter (an
	// index in quarters(), the current one last).
	rows    scroll
	quarter int
	metric  string

	ew evidenceWarnings
}

func newAssessmentView(s *Styles) *assessmentView {
	mk := newMoveKeys()
	v := &assessmentView{styles: s, quarter: metricQuarters - 1, keys: assessmentKeys{
		Up: mk.Up, Down: mk.Down,
		Left:       key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "domain or quarter")),
		Right:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "domain or quarter")),
		Home:       mk.Home,
		End:        mk.End,
		Met:        key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "answer met")),
		Unmet:      key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "answer unmet")),
		Unknown:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "answer unknown")),
		Record:     key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "record a value")),
		selectHelp: selectHelp(),
		answerHelp: key.NewBinding(key.WithKeys("m", "u", "n"), key.WithHelp("m/u/n", "met/unmet/unknown")),
	}}
	v.enable()
	return v
}

func (v *assessmentView) Title() string                 { return assessmentTitle }
func (v *assessmentView) Keys() help.KeyMap             { return v.keys }
func (v *assessmentView) SetSize(w, h int)              { v.width, v.height = w, h; v.clamp() }
func (v *assessmentView) Selected() *roadmap.Initiative { return nil }
func (v *assessmentView) Typing() bool                  { return false }

// Badge is empty: the view's head counts the criteria.
func (v *assessmentView) Badge() string { return "" }

// assessment is the evidence of the snapshot, or nil.
func (v *assessmentView) assessment() *roadmap.Assessment {
	if v.snap == nil {
		return nil
	}
	return v.snap.r.Assessment
}

// SetSnapshot shows a new assessment, keeping the cursor on the same
// criterion and metric.
func (v *assessmentView) SetSnapshot(s *snapshot) {
	v.snap = s
	a := v.assessment()
	if a == nil {
		return
	}
	m := a.Model
	if c := m.Criterion(v.crit); c != nil {
		if d, ok := m.DomainIndex(c.Domain); ok {
			for i, x := range v.criteriaOf(d) {
				if x.Key == c.Key {
					v.domain, v.pos = d, i
				}
			}
		}
	}
	for i := range m.Metrics {
		if m.Metrics[i].Key == v.metric {
			v.rows.cursor = i
		}
	}
	v.clamp()
}

// criteriaOf returns the criteria of domain d, levels 1 to 4 in order.
func (v *assessmentView) criteriaOf(d int) []*roadmap.Criterion {
	m := v.assessment().Model
	if d < 0 || d >= len(m.Domains) {
		return nil
	}
	var out []*roadmap.Criterion
	for k := 1; k <= roadmap.MaxLevel; k++ {
		cs := m.CriteriaOf(m.Domains[d].Key, k)
		for i := range cs {
			out = append(out, &cs[i])
		}
	}
	return out
}

// clamp keeps both cursors on something there is, remembers what they
// are on, and enables the keys that work there.
func (v *assessmentView) clamp() {
	defer v.enable()
	a := v.assessment()
	if a == nil {
		return
	}
	m := a.Model
	if len(v.criteriaOf(v.domain)) == 0 {
		// The first domain that has criteria, if any.
		for d := range m.Domains {
			if len(v.criteriaOf(d)) > 0 {
				v.domain = d
				break
			}
		}
	}
	n := len(v.criteriaOf(v.domain))
	v.pos = min(max(v.pos, 0), max(n-1, 0))
	// The selected quarter is one drawn.
	v.quarter = min(max(v.quarter, v.columns(v.cells()).first), metricQuarters-1)
	v.rows.cursor = min(max(v.rows.cursor, 0), max(len(m.Metrics)-1, 0))
	switch {
	case n == 0 && len(m.Metrics) > 0:
		v.inMetrics = true
	case len(m.Metrics) == 0:
		v.inMetrics = false
	}
	if c := v.criterion(); c != nil {
		v.crit = c.Key
	}
	if x := v.selectedMetric(); x != nil {
		v.metric = x.Key
	}
	// The rows that fit depend on the detail of what is now selected.
	v.rows.clamp(len(m.Metrics), v.metricRows())
}

// enable turns on the keys that do something where the cursor is.
func (v *assessmentView) enable() {
	c, x := v.criterion(), v.selectedMetric()
	onCriterion := !v.inMetrics && c != nil
	for _, b := range []*key.Binding{&v.keys.Met, &v.keys.Unmet, &v.keys.Unknown} {
		b.SetEnabled(onCriterion) // on a metric criterion they say what to do instead
	}
	v.keys.answerHelp.SetEnabled(onCriterion && c.IsCheck())
	v.keys.Record.SetEnabled(v.inMetrics && x != nil || !v.inMetrics && c != nil && !c.IsCheck())
}

// criterion returns the criterion under the cursor, or nil.
func (v *assessmentView) criterion() *roadmap.Criterion {
	if v.assessment() == nil {
		return nil
	}
	cs := v.criteriaOf(v.domain)
	if v.pos < 0 || v.pos >= len(cs) {
		return nil
	}
	return cs[v.pos]
}

// selectedMetric returns the metric of the row under the metrics cursor,
// or nil.
func (v *assessmentView) selectedMetric() *roadmap.Metric {
	a := v.assessment()
	if a == nil || v.rows.cursor < 0 || v.rows.cursor >= len(a.Model.Metrics) {
		return nil
	}
	return &a.Model.Metrics[v.rows.cursor]
}

// quarters are the metrics' columns: the last six up to the current one.
func (v *assessmentView) quarters() []roadmap.Quarter {
	return roadmap.LastQuarters(v.assessment().At.Quarter, metricQuarters)
}

// focus puts the cursor on the criterion, the metric (in the current
// quarter) or the domain's first criterion that msg names, if there is
// one.
func (v *assessmentView) focus(msg selectKeyMsg) {
	m := v.assessment().Model
	crit := msg.criterion
	if d, ok := m.DomainIndex(msg.domain); ok && msg.domain != "" {
		if cs := v.criteriaOf(d); len(cs) > 0 {
			crit = cs[0].Key
		}
	}
	if c := m.Criterion(crit); c != nil && crit != "" {
		if d, ok := m.DomainIndex(c.Domain); ok {
			for i, x := range v.criteriaOf(d) {
				if x.Key == c.Key {
					v.inMetrics, v.domain, v.pos = false, d, i
				}
			}
		}
	}
	for i := range m.Metrics {
		if m.Metrics[i].Key == msg.metric && msg.metric != "" {
			v.inMetrics, v.rows.cursor, v.quarter = true, i, metricQuarters-1
		}
	}
	v.clamp()
}

// Update moves the cursors and starts an answer or a value.
func (v *assessmentView) Update(msg tea.Msg) (view, tea.Cmd) {
	a := v.assessment()
	if sel, ok := msg.(selectKeyMsg); ok && a != nil {
		v.focus(sel)
		return v, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || a == nil {
		return v, nil
	}
	ks := v.keys
	n := len(v.criteriaOf(v.domain))
	metrics := len(a.Model.Metrics)
	switch {
	case key.Matches(k, ks.Up):
		switch {
		case !v.inMetrics:
			v.pos--
		case v.rows.cursor > 0:
			v.rows.cursor--
		case n > 0:
			v.inMetrics, v.pos = false, n-1
		}
	case key.Matches(k, ks.Down):
		switch {
		case v.inMetrics:
			v.rows.cursor++
		case v.pos < n-1:
			v.pos++
		case metrics > 0:
			v.inMetrics, v.rows.cursor, v.rows.offset = true, 0, 0
		}
	case key.Matches(k, ks.Left), key.Matches(k, ks.Right):
		step := 1
		if key.Matches(k, ks.Left) {
			step = -1
		}
		if v.inMetrics {
			v.quarter += step
			break
		}
		for d := v.domain + step; d >= 0 && d < len(a.Model.Domains); d += step {
			if len(v.criteriaOf(d)) > 0 {
				v.domain = d
				break
			}
		}
	case key.Matches(k, ks.Home):
		if v.inMetrics {
			v.rows.cursor = 0
		} else {
			v.pos = 0
		}
	case key.Matches(k, ks.End):
		if v.inMetrics {
			v.rows.cursor = metrics - 1
		} else {
			v.pos = n - 1
		}
	case key.Matches(k, ks.Met):
		return v, v.answer(roadmap.Met)
	case key.Matches(k, ks.Unmet):
		return v, v.answer(roadmap.Unmet)
	case key.Matches(k, ks.Unknown):
		return v, v.answer(roadmap.Unknown)
	case key.Matches(k, ks.Record):
		return v, v.record()
	default:
		return v, nil
	}
	v.clamp()
	return v, nil
}

// recordKey is how the dashboard says to record a metric's value, in the
// store's refusal to answer a metric criterion.
const recordKey = "v"

// answer asks for the evidence of an answer to the selected check, then
// records it. A metric criterion is refused, with the sentence that
// names the metric to record.
func (v *assessmentView) answer(state roadmap.CriterionState) tea.Cmd {
	c, a := v.criterion(), v.assessment()
	if c == nil || v.inMetrics {
		return nil
	}
	m := a.Model
	if err := m.Answerable(c, recordKey); err != nil {
		return intent(noteMsg{text: err.Error()})
	}
	cur := a.Status(c.Key)
	// The same state again updates its evidence and keeps its note; a new
	// state starts without either.
	evidence, note := "", ""
	keeps := ""
	if an := cur.Answer; an != nil && an.State == state {
		evidence, note = strings.ReplaceAll(an.Evidence, "\n", " "), an.Note
		if note != "" {
			keeps = " Its note stays."
		}
	}
	ck := c.Key
	detail := roadmap.Printable(m.Statement(c)) + "\n\nNow " + a.StateText(cur) + "." + keeps +
		" What shows it: a link, a document, what was checked (or nothing)."
	p := newPrompt(v.styles, fmt.Sprintf("Answer %s: %s", ck, state), detail, evidence,
		"the evidence, e.g. a link", inputLimit(store.MaxEvidence),
		func(value string) (tea.Cmd, error) {
			text, err := roadmap.CleanText(value, "evidence", store.MaxEvidence)
			if err != nil {
				return nil, err
			}
			return intent(writeMsg{op: func(ctx context.Context, st *store.Store) (func(*snapshot) string, error) {
				an, err := st.Answer(ctx, ck, string(state), text, note)
				if err != nil {
					return nil, err
				}
				return func(s *snapshot) string {
					sm := s.r.Model
					if c := sm.Criterion(an.Criterion); c != nil {
						if d, ok := sm.DomainIndex(c.Domain); ok && d < len(s.state.Domains) {
							return sm.AnsweredText(an, s.state.Domains[d])
						}
					}
					return "answered " + an.Criterion + ": " + string(an.State)
				}, nil
			}}), nil
		})
	return intent(askMsg{dialog: p})
}

// record asks for a value of the selected metric for the selected quarter
// (of the selected metric criterion's metric for the current quarter),
// then records it. A value that does not read in the metric's unit is
// refused under the field, and nothing is written.
func (v *assessmentView) record() tea.Cmd {
	a := v.assessment()
	if a == nil {
		return nil
	}
	m := a.Model
	var x *roadmap.Metric
	q := a.At.Quarter
	switch c := v.criterion(); {
	case v.inMetrics:
		x, q = v.selectedMetric(), v.quarters()[v.quarter]
	case c != nil && !c.IsCheck():
		x = m.Metric(c.Metric)
	}
	if x == nil {
		return nil
	}
	value, now, keeps := "", "no value yet", ""
	if cell := a.Cells(x, []roadmap.Quarter{q})[0]; cell.Value != nil {
		value = x.Format(cell.Value.Value)
		now = "now " + value
		if cell.Band != nil {
			now += " (" + cell.Band.Name + ")"
		}
		if cell.Value.Note != "" || cell.Value.Source != "" {
			keeps = " Its note and source stay."
		}
	}
	detail := fmt.Sprintf("%s: %s, %s; %s for %s.", roadmap.Printable(x.Name), x.Unit, x.Direction, now, q)
	if x.Bands != nil {
		detail += "\n" + bandsText(x)
	}
	want := strings.TrimPrefix(x.Scale().Want(), "want ")
	detail += "\n\nThe value: " + want + "." + keeps
	metric := x.Key
	p := newPrompt(v.styles, fmt.Sprintf("Record %s for %s", metric, q), detail, value, want, 64,
		func(text string) (tea.Cmd, error) {
			parsed, err := x.ParseValue(text)
			if err != nil {
				return nil, err
			}
			return intent(writeMsg{op: func(ctx context.Context, st *store.Store) (func(*snapshot) string, error) {
				c, err := st.RecordValue(ctx, store.ValueInput{Metric: metric, Quarter: q, Value: text, KeepNote: true, KeepSource: true})
				if err != nil {
					return nil, err
				}
				return func(*snapshot) string {
					if c.Metric == "" {
						return x.UnchangedText(q, parsed)
					}
					return x.RecordedText(q, c.Value, c.Old)
				}, nil
			}}), nil
		})
	return intent(askMsg{dialog: p})
}

// bandsText lists a metric's bands: "bands (2023): elite at least 1/day;
// high at least 1/week; …".
func bandsText(x *roadmap.Metric) string {
	var parts []string
	for _, b := range x.Bands.Table {
		parts = append(parts, b.Name+" "+b.Describe(x.Scale()))
	}
	return "bands (" + roadmap.Printable(x.Bands.Edition) + "): " + strings.Join(parts, "; ")
}

// assessLayout is how the view shares its height: the lines above the
// criteria, the criteria (a line each, or a mark each), the detail of
// what is selected, the metrics.
type assessLayout struct {
	head   []string
	list   bool // a line per criterion, rather than a mark
	perRow int  // domains side by side
	blockW int
	split  bool // "reached" and "evidenced" on lines of their own
	grid   int  // lines of the criteria
	detail int  // lines of the detail
	rows   int  // metric rows drawn
	legend bool // the legend line, which says how many rows are below
	gaps   int  // blank lines between the parts, up to 3
}

// layout shares the height: the criteria a line each when that leaves
// room for everything else in full, else as marks. Then, in turn: a line
// of the line above (all of it while it says what to do first), of the
// detail, of the metrics' head, one metric row and the legend (which
// counts the rows below); two lines of the detail; the line above in
// full, the detail in full; the other metric rows; and up to three blank
// lines between the parts.
func (v *assessmentView) layout() assessLayout {
	a := v.assessment()
	if a == nil || v.width <= 0 {
		return assessLayout{detail: 3}
	}
	m := a.Model
	nd, nm := len(m.Domains), len(m.Metrics)
	head := v.headLines()
	need := len(v.detail(v.height))
	l := assessLayout{}
	labelW := 0
	for d := range m.Domains {
		reached, evidence, _ := evidenceLabel(v.snap, d)
		labelW = max(labelW, lipgloss.Width(reached+" · "+evidence))
	}
	metricsH := nm + 2
	if nm == 0 {
		metricsH = 1
	}
	for _, list := range []bool{true, false} {
		minW := 15
		if list {
			minW = 26
		}
		l.list = list
		l.perRow = min(max(v.width/minW, 1), max(nd, 1))
		l.blockW = (v.width+1)/l.perRow - 1
		l.split = labelW > l.blockW
		l.grid = (nd + l.perRow - 1) / l.perRow * v.blockHeight(list, l.split)
		if len(head)+l.grid+need+metricsH <= v.height {
			break
		}
	}
	left := v.height - l.grid
	take := func(want int) int {
		n := min(max(want, 0), max(left, 0))
		left -= n
		return n
	}
	heads := take(1)
	if !recorded(a) {
		// What to do first, in full.
		heads += take(len(head) - heads)
	}
	l.detail = take(min(need, 1))
	if nm == 0 {
		take(1) // the sentence that says there are none
	} else {
		take(1) // the metrics' head
		l.rows = take(1)
		l.legend = take(1) == 1
	}
	l.detail += take(min(need, 2) - l.detail)
	heads += take(len(head) - heads)
	l.detail += take(need - l.detail)
	l.rows += take(nm - l.rows)
	l.gaps = take(3)
	l.head = head[:heads]
	if heads < len(head) && heads > 0 {
		// Cut where it goes on: the rest of it on its last line.
		l.head[heads-1] = truncate(strings.Join(head[heads-1:], " "), v.width)
	}
	return l
}

// metricRows is how many metric rows show.
func (v *assessmentView) metricRows() int { return max(v.layout().rows, 1) }

// blockHeight is the height of a domain's block: its name, its evidence
// (on two lines when split), and its levels with their criteria.
func (v *assessmentView) blockHeight(list, split bool) int {
	head := 2
	if split {
		head = 3
	}
	if !list {
		return head + roadmap.MaxLevel
	}
	h := 1
	for d := range v.assessment().Model.Domains {
		if n := len(v.criteriaOf(d)); n > 0 {
			h = max(h, roadmap.MaxLevel+n)
		}
	}
	return head + h
}

// recorded reports whether anything is recorded: an answer, or a value.
func recorded(a *roadmap.Assessment) bool {
	for _, de := range a.Domains {
		if de.Answered {
			return true
		}
	}
	for i := range a.Model.Metrics {
		if len(a.Series(a.Model.Metrics[i].Key)) > 0 {
			return true
		}
	}
	return false
}

// headLines are the lines above the criteria, wrapped to the width: what
// to do first, when nothing is recorded yet; else how the criteria stand.
func (v *assessmentView) headLines() []string {
	a, st := v.assessment(), v.styles
	m := a.Model
	var text string
	switch {
	case len(m.Criteria) == 0 && len(m.Metrics) == 0:
		text = "The model has no criteria and no metrics: a model with them ('model import') makes this view useful."
		return strings.Split(st.Info.Render(wrapWords(text, v.width)), "\n")
	case !recorded(a):
		text = "Nothing is assessed yet: select a criterion and press m, u or n to answer it met, unmet or unknown, " +
			"with its evidence; on a metric below, v records its value."
		return strings.Split(st.Info.Render(wrapWords(text, v.width)), "\n")
	}
	var met, unmet, unknown int
	for _, cs := range a.Criteria {
		switch cs.State {
		case roadmap.Met:
			met++
		case roadmap.Unmet:
			unmet++
		default:
			unknown++
		}
	}
	text = fmt.Sprintf("Criteria: %d met, %d unmet, %d unknown · as of %s, metric values from %s to %s count",
		met, unmet, unknown, a.At.Today.Format("2006-01-02"), a.At.Quarter.Prev().Prev(), a.At.Quarter)
	return strings.Split(st.Muted.Render(wrapWords(text, v.width)), "\n")
}

// View draws the criteria, the detail of the selection and the metrics.
func (v *assessmentView) View() string {
	a := v.assessment()
	if a == nil {
		return ""
	}
	l := v.layout()
	var lines []string
	lines = append(lines, l.head...)
	gap := func(n int) {
		if l.gaps >= n {
			lines = append(lines, "")
		}
	}
	gap(1)
	lines = append(lines, v.grid(l)...)
	gap(2)
	lines = append(lines, v.detail(l.detail)...)
	gap(3)
	lines = append(lines, v.metricsTable(l)...)
	return strings.Join(lines, "\n")
}

// grid draws the domains' blocks side by side, in rows.
func (v *assessmentView) grid(l assessLayout) []string {
	m := v.assessment().Model
	var out []string
	for first := 0; first < len(m.Domains); first += l.perRow {
		var blocks [][]string
		h := 0
		for d := first; d < min(first+l.perRow, len(m.Domains)); d++ {
			b := v.block(d, l)
			blocks = append(blocks, b)
			h = max(h, len(b))
		}
		for i := 0; i < h; i++ {
			var row []string
			for _, b := range blocks {
				cell := ""
				if i < len(b) {
					cell = b[i]
				}
				row = append(row, pad(truncate(cell, l.blockW), l.blockW))
			}
			out = append(out, strings.TrimRight(strings.Join(row, " "), " "))
		}
	}
	return out
}

// markStyle colours a criterion's mark by its state.
func (v *assessmentView) markStyle(s roadmap.CriterionState) lipgloss.Style {
	switch s {
	case roadmap.Met:
		return v.styles.OK
	case roadmap.Unmet:
		return v.styles.Error
	}
	return v.styles.Muted
}

// block draws domain d: its name, the level reached and the one its
// criteria support, then each level with its criteria: a line each
// (list), or a mark each after the level's name.
func (v *assessmentView) block(d int, l assessLayout) []string {
	a, st := v.assessment(), v.styles
	w, list := l.blockW, l.list
	m := a.Model
	dom := m.Domains[d]
	out := []string{st.Domain(d).Bold(true).Render(truncate(roadmap.Printable(dom.Name), w))}
	cs := v.criteriaOf(d)
	if len(cs) == 0 {
		return append(out, st.Muted.Render("no criteria"))
	}
	reached, evidence, warn := evidenceLabel(v.snap, d)
	style := st.Muted
	if warn {
		style = st.Warning
	}
	switch {
	case l.split:
		out = append(out, style.Render(truncate(reached, w)), style.Render(truncate(evidence, w)))
	default:
		out = append(out, style.Render(truncate(reached+" · "+evidence, w)))
	}
	evidenced, _ := a.Evidenced(dom.Key)
	i := 0
	for k := 1; k <= roadmap.MaxLevel; k++ {
		level := m.CriteriaOf(dom.Key, k)
		met := 0
		for _, c := range level {
			if a.Status(c.Key).State == roadmap.Met {
				met++
			}
		}
		num := st.Muted.Render(fmt.Sprint(k))
		if k <= evidenced {
			num = st.OK.Bold(true).Render(fmt.Sprint(k))
		}
		name := roadmap.Printable(m.LevelName(dom.Key, k))
		if list {
			count := fmt.Sprintf(" %d/%d", met, len(level))
			out = append(out, num+" "+st.Bold.Render(truncate(name, w-2-len(count)))+st.Muted.Render(count))
			for range level {
				c := cs[i]
				s := a.Status(c.Key).State
				line := "  " + v.markStyle(s).Render(s.Mark()) + " " + truncate(c.Key, w-4)
				if !v.inMetrics && d == v.domain && i == v.pos {
					line = st.Info.Render("▌ ") + st.Selected.Render(s.Mark()+" "+truncate(c.Key, w-4))
				}
				out = append(out, line)
				i++
			}
			continue
		}
		var marks strings.Builder
		for range level {
			c := cs[i]
			s := a.Status(c.Key).State
			style := v.markStyle(s)
			if !v.inMetrics && d == v.domain && i == v.pos {
				style = style.Reverse(true).Bold(true)
			}
			marks.WriteString(style.Render(s.Mark()))
			i++
		}
		room := w - 2 - len(level) - 1
		out = append(out, num+" "+pad(truncate(name, room), room)+" "+marks.String())
	}
	return out
}

// detail draws what is selected, in at most n lines, each part wrapped:
// a criterion's key, level and state, its statement and evidence; a
// metric's key, name and unit, the selected quarter's value, its bands
// and description.
func (v *assessmentView) detail(n int) []string {
	a, st := v.assessment(), v.styles
	m := a.Model
	var title string
	var body []string
	switch c, x := v.criterion(), v.selectedMetric(); {
	case v.inMetrics && x != nil:
		q := v.quarters()[v.quarter]
		title = st.Bold.Render(x.Key) + st.Muted.Render(" · "+roadmap.Printable(x.Name)+" · "+string(x.Unit)+", "+string(x.Direction))
		cell := a.Cells(x, v.quarters())[v.quarter]
		if cell.Value == nil {
			body = append(body, q.String()+": no value; v records one")
		} else {
			line := q.String() + ": " + x.Format(cell.Value.Value)
			if cell.Band != nil {
				line += " (" + cell.Band.Name + ")"
			}
			if cell.Trend != roadmap.NoTrend {
				line += ", " + cell.Trend.String() + " than before"
			}
			if cell.Value.Source != "" {
				line += " · source: " + cell.Value.Source
			}
			if cell.Value.Note != "" {
				line += " · note: " + strings.ReplaceAll(cell.Value.Note, "\n", " ")
			}
			line += " · recorded " + roadmap.LocalTime(cell.Value.At) + " by " + cell.Value.Actor
			body = append(body, roadmap.Printable(line))
		}
		if x.Bands != nil {
			body = append(body, st.Muted.Render(bandsText(x)))
		}
		if x.Description != "" {
			body = append(body, st.Muted.Render(roadmap.Printable(x.Description)))
		}
	case c != nil:
		cs := a.Status(c.Key)
		title = st.Bold.Render(c.Key) + st.Muted.Render(fmt.Sprintf(" · %s level %d %s · ", c.Domain, c.Level, m.LevelName(c.Domain, c.Level))) +
			v.markStyle(cs.State).Render(cs.State.Mark()+" "+a.StateText(cs))
		body = append(body, roadmap.Printable(m.Statement(c)), st.Muted.Render(roadmap.Printable(a.Detail(cs))))
	default:
		return nil
	}
	var out []string
	for i, line := range paragraphs(append([]string{title}, body...), v.width-2, n) {
		if i == 0 {
			out = append(out, st.Info.Render("▌ ")+line)
		} else {
			out = append(out, "  "+line)
		}
	}
	return out
}

// paragraphs wraps texts to w cells in at most n lines: each text gets a
// line (cut if it must) before any gets a second, and the first ones get
// the lines left over.
func paragraphs(texts []string, w, n int) []string {
	wrapped := make([][]string, len(texts))
	give := make([]int, len(texts))
	left := n
	for i, t := range texts {
		wrapped[i] = strings.Split(wrapWords(t, w), "\n")
		if left > 0 {
			give[i], left = 1, left-1
		}
	}
	for i := range texts {
		more := min(len(wrapped[i])-give[i], left)
		if give[i] > 0 && more > 0 {
			give[i], left = give[i]+more, left-more
		}
	}
	var out []string
	for i, lines := range wrapped {
		if give[i] == 0 {
			break
		}
		if give[i] < len(lines) {
			// Cut where the text goes on: the rest of it on its last line.
			rest := strings.Join(lines[give[i]-1:], " ")
			lines = append(lines[:give[i]-1:give[i]-1], truncate(rest, w))
		}
		out = append(out, lines...)
	}
	return out
}

// bandStyle colours a value by its band: the best green, the next blue,
// the worst red, the others yellow.
func (v *assessmentView) bandStyle(x *roadmap.Metric, c roadmap.MetricCell) lipgloss.Style {
	st := v.styles
	if c.Band == nil || x.Bands == nil {
		return lipgloss.NewStyle()
	}
	n := len(x.Bands.Table)
	for i := range x.Bands.Table {
		if &x.Bands.Table[i] != c.Band {
			continue
		}
		switch {
		case i == 0:
			return st.OK
		case i == n-1:
			return st.Error
		case i == 1:
			return st.Info
		}
		return st.Warning
	}
	return lipgloss.NewStyle()
}

// sparkline draws a metric's values as bars, the better the taller (for
// a lower-is-better metric, the lower value's bar is the taller); a
// quarter without a value is blank.
func sparkline(x *roadmap.Metric, cells []roadmap.MetricCell) string {
	bars := []rune("▁▂▃▄▅▆▇█")
	lo, hi, seen := 0.0, 0.0, false
	for _, c := range cells {
		if c.Value == nil {
			continue
		}
		if !seen || c.Value.Value < lo {
			lo = c.Value.Value
		}
		if !seen || c.Value.Value > hi {
			hi = c.Value.Value
		}
		seen = true
	}
	var b strings.Builder
	for _, c := range cells {
		if c.Value == nil {
			b.WriteRune(' ')
			continue
		}
		f := 0.5
		if hi > lo {
			f = (c.Value.Value - lo) / (hi - lo)
		}
		if x.Direction == roadmap.LowerIsBetter {
			f = 1 - f
		}
		b.WriteRune(bars[int(f*float64(len(bars)-1)+0.5)])
	}
	return b.String()
}

// metricCols is how the metrics share the width: the names, the
// quarters from first to the current one, and the sparkline or not.
type metricCols struct {
	kw    int   // the names' width
	cw    []int // each quarter's width, of all quarters()
	first int   // the first quarter drawn, an index in quarters()
	spark bool
}

// cells returns each metric's cells over quarters().
func (v *assessmentView) cells() [][]roadmap.MetricCell {
	a := v.assessment()
	qs := v.quarters()
	out := make([][]roadmap.MetricCell, len(a.Model.Metrics))
	for i := range a.Model.Metrics {
		out[i] = a.Cells(&a.Model.Metrics[i], qs)
	}
	return out
}

// columns shares the width: the names first, as wide as it takes to tell
// them apart; then the current quarter, the two before it (whose values
// count), the sparkline, the older quarters, each while it fits; what is
// left widens the names up to the longest.
func (v *assessmentView) columns(cells [][]roadmap.MetricCell) metricCols {
	m := v.assessment().Model
	qs := v.quarters()
	c := metricCols{cw: make([]int, len(qs)), first: len(qs) - 1}
	full := len("Metrics")
	keys := make([]string, len(m.Metrics))
	for i := range m.Metrics {
		x := &m.Metrics[i]
		for j, cell := range cells[i] {
			c.cw[j] = max(c.cw[j], len(qs[j].String()), lipgloss.Width(cell.Text(x)))
		}
		full = max(full, len(x.Key)+2) // and a ⚠
		keys[i] = x.Key
	}
	slices.Sort(keys)
	apart := 0 // the characters that tell any two names apart
	for i := 1; i < len(keys); i++ {
		n := 0
		for n < len(keys[i-1]) && n < len(keys[i]) && keys[i-1][n] == keys[i][n] {
			n++
		}
		apart = max(apart, n+1)
	}
	// A name cut to kw shows kw-3 characters before its "… ⚠".
	c.kw = max(len("Metrics"), min(full, apart+3))
	left := v.width - 2 - c.kw - (c.cw[c.first] + 1)
	older := func(upTo int) {
		for c.first > 0 && len(qs)-c.first < upTo && c.cw[c.first-1]+1 <= left {
			c.first--
			left -= c.cw[c.first] + 1
		}
	}
	older(3)
	if spark := metricQuarters + 1; spark <= left {
		c.spark, left = true, left-spark
	}
	older(len(qs))
	c.kw += min(max(left, 0), full-c.kw)
	return c
}

// metricsTable draws the metrics: a row each, its values over the
// quarters that fit with their bands and trends, and its sparkline over
// the last six.
func (v *assessmentView) metricsTable(l assessLayout) []string {
	a, st := v.assessment(), v.styles
	m := a.Model
	if len(m.Metrics) == 0 {
		return []string{st.Muted.Render("The model has no metrics.")}
	}
	qs := v.quarters()
	cells := v.cells()
	c := v.columns(cells)
	kw, cw := c.kw, c.cw
	start, end := v.rows.window(len(m.Metrics), l.rows)

	title := "Metrics"
	if start > 0 {
		title += fmt.Sprintf(" ↑%d", start)
	}
	if more := len(m.Metrics) - end; more > 0 && !l.legend {
		// No legend line to say so.
		title += fmt.Sprintf(" ↓%d", more)
	}
	header := "  " + st.Header.Render(pad(truncate(title, kw), kw))
	for j := c.first; j < len(qs); j++ {
		label := qs[j].String()
		if j == len(qs)-1 {
			label = st.Bold.Render(label)
		}
		header += " " + st.Header.Render(pad(label, cw[j]))
	}
	out := []string{header}
	for i := start; i < end; i++ {
		x := &m.Metrics[i]
		sel := v.inMetrics && i == v.rows.cursor
		gutter := "  "
		if sel {
			gutter = st.Info.Render("▌ ")
		}
		name := x.Key
		if v.ew.of(v.snap).regressed[x.Key] {
			name = truncate(name, kw-2) + " " + st.Warning.Render("⚠")
		}
		line := gutter + pad(truncate(name, kw), kw)
		for j := c.first; j < len(qs); j++ {
			style := v.bandStyle(x, cells[i][j])
			if sel && j == v.quarter {
				style = style.Reverse(true).Bold(true)
			}
			line += " " + style.Render(pad(cells[i][j].Text(x), cw[j]))
		}
		if c.spark {
			line += " " + st.Info.Render(sparkline(x, cells[i]))
		}
		out = append(out, truncate(line, v.width))
	}
	if l.legend {
		legend := roadmap.MetricLegend + "; the line: taller is better"
		if more := len(m.Metrics) - end; more > 0 {
			legend = fmt.Sprintf("↓%d more · ", more) + legend
		}
		out = append(out, st.Muted.Render(truncate(legend, v.width)))
	}
	return out
}
