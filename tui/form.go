package tui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"maturity/roadmap"
	"maturity/store"
)

// The form's fields, in tab order.
const (
	fieldTitle = iota
	fieldDomain
	fieldLevel
	fieldQuarter
	fieldOwner
	fieldEffort
	fieldDepends
	fieldDescription
	fieldCount
)

var fieldLabels = [fieldCount]string{"Title", "Domain", "Level", "Quarter", "Owner", "Effort", "Depends on", "Description"}

// form adds or edits an initiative. Every field is checked as it is typed,
// with the same parsers and rules as the command line; the store has the
// last word when saving (cycles, a change made elsewhere meanwhile).
//
// Editing sends only the fields the user changed (a roadmap.Patch), judged
// against what each field showed when the form opened: a field left alone
// is not sent, so what it cannot show exactly (a tab in the description,
// a control character written by another tool) stays as stored.
//
// The form never loses what was typed without asking: esc on a changed
// form asks first, and a save refused because the initiative changed
// elsewhere keeps the user's changes and offers to save them on top of
// the current version (see form_merge.go).
type form struct {
	styles *Styles
	// snap returns the snapshot on screen, which the fields are checked
	// against: a newer one after a reload.
	snap func() *snapshot
	// height returns how many lines the screen has for the form.
	height  func() int
	editing *roadmap.Initiative // nil when adding; the version edited
	inputs  [fieldDescription]textinput.Model
	desc    textarea.Model
	initial [fieldCount]string // each field's text when the form opened
	// domainHints are the domain's placeholder: the list of domains, or
	// one example where the list does not fit.
	domainHints [2]string
	domains     []string // the model's domain keys
	focus       int
	errs        [fieldCount]string
	saveErr     string
	waiting     bool
	// step says what the keys do: edit the fields, or answer the
	// question at the foot of the form.
	step formStep
	// merge is what a save refused as stale left to settle (form_merge.go).
	merge merge
	// note, when set, replaces the key hint at the foot until the next
	// save.
	note string
	// add saves a new initiative; edit saves a patch of the one being
	// edited, expecting it at version; unchanged closes a form that
	// changes nothing.
	add       func(in roadmap.Initiative) tea.Cmd
	edit      func(p roadmap.Patch, version int64) tea.Cmd
	unchanged func() tea.Cmd
}

// formStep is what the form's keys do.
type formStep int

const (
	stepEdit     formStep = iota // edit the fields
	stepDiscard                  // esc on a changed form: discard the changes?
	stepConflict                 // a field changed here and elsewhere: which value?
	stepMerge                    // save the changes on top of the current version?
)

// inputLimit is how many characters a field takes when validation accepts
// max: twice as many, so that a value over the limit is refused with the
// validation's message instead of being cut without a word.
func inputLimit(max int) int { return 2 * max }

// maxDependsText is the length of the longest valid dependency list as
// the form writes it: MaxDependsOn ids of the most digits, ", " between.
var maxDependsText = roadmap.MaxDependsOn * (len(strconv.FormatInt(roadmap.MaxID, 10)) + len(", "))

// openForm opens the form: empty to add, filled to edit in.
func (m *Model) openForm(in *roadmap.Initiative) tea.Cmd {
	f := &form{styles: &m.styles, editing: in,
		snap:   func() *snapshot { return m.snap },
		height: m.bodyHeight}
	for i := range f.inputs {
		t := textinput.New()
		t.Prompt = ""
		t.CharLimit = inputLimit(roadmap.MaxTitle)
		f.inputs[i] = t
	}
	keys := make([]string, len(m.snap.r.Model.Domains))
	for i, d := range m.snap.r.Model.Domains {
		keys[i] = d.Key
	}
	// The domain suggests a completion only when one domain starts with
	// what was typed, and tab takes it (see completion); the field's own
	// tab, which takes the first of several, is off.
	f.domains = keys
	f.inputs[fieldDomain].ShowSuggestions = true
	f.inputs[fieldDomain].KeyMap.AcceptSuggestion.SetEnabled(false)
	// Placeholders read as hints, never as values, even as text alone
	// (NO_COLOR; a screen reader): each says "e.g." or "one of".
	f.domainHints = [2]string{"one of " + strings.Join(keys, ", "), "e.g. " + keys[0]}
	f.inputs[fieldLevel].Placeholder = fmt.Sprintf("e.g. 2 (1 to %d)", roadmap.MaxLevel)
	f.inputs[fieldQuarter].Placeholder = "e.g. " + m.todayQuarter().Next().String() + " (empty: the backlog)"
	f.inputs[fieldEffort].Placeholder = "e.g. 3 (person-weeks)"
	f.inputs[fieldDepends].Placeholder = "e.g. 3, 5 (ids)"
	f.inputs[fieldOwner].CharLimit = inputLimit(roadmap.MaxOwner)
	f.inputs[fieldDepends].CharLimit = inputLimit(maxDependsText)
	f.desc = textarea.New()
	f.desc.ShowLineNumbers = false
	f.desc.Prompt = ""
	f.desc.CharLimit = inputLimit(roadmap.MaxDescription)
	f.desc.MaxHeight = 0 // as many lines as the length allows
	f.desc.SetHeight(3)
	f.restyle()

	if in != nil {
		for i, t := range fieldTexts(in) {
			f.setText(i, t)
		}
		id, ref := in.ID, roadmap.Printable(in.Ref())
		f.edit = func(p roadmap.Patch, version int64) tea.Cmd {
			return m.startChange(m.change("saved %s", func(ctx context.Context, st *store.Store) (roadmap.Initiative, error) {
				return st.Edit(ctx, id, p, store.Options{ExpectVersion: version})
			}))
		}
		f.unchanged = func() tea.Cmd { return m.notify(statusInfo, "nothing changed in "+ref) }
	} else {
		f.inputs[fieldQuarter].SetValue(m.addQuarter().String())
		f.add = func(next roadmap.Initiative) tea.Cmd {
			return m.startChange(m.change("added %s", func(ctx context.Context, st *store.Store) (roadmap.Initiative, error) {
				return st.Add(ctx, next)
			}))
		}
	}
	for i := range f.inputs {
		f.inputs[i].CursorEnd()
	}
	for i := range fieldCount {
		f.initial[i] = f.text(i)
	}
	m.dialog = f
	return f.setFocus(fieldTitle)
}

// restyle gives the fields the styles of the terminal's background.
func (f *form) restyle() {
	for i := range f.inputs {
		f.inputs[i].SetStyles(f.styles.TextInput())
	}
	f.desc.SetStyles(f.styles.TextArea())
}

// fieldTexts returns what each field shows of in. Text from the file may
// hold control characters that another tool wrote: they show as spaces,
// as everywhere else, so the form never sends them to the terminal. Only
// a field the user changes is saved, so they are not rewritten otherwise.
func fieldTexts(in *roadmap.Initiative) [fieldCount]string {
	lines := strings.Split(in.Description, "\n")
	for i, l := range lines {
		lines[i] = roadmap.Printable(l)
	}
	return [fieldCount]string{
		fieldTitle:       roadmap.Printable(in.Title),
		fieldDomain:      in.Domain,
		fieldLevel:       itoa(in.Level),
		fieldQuarter:     in.Quarter.String(),
		fieldOwner:       roadmap.Printable(in.Owner),
		fieldEffort:      in.Effort.String(),
		fieldDepends:     roadmap.FormatIDs(in.DependsOn, ", "),
		fieldDescription: strings.Join(lines, "\n"),
	}
}

// text returns what field i holds now.
func (f *form) text(i int) string {
	if i == fieldDescription {
		return f.desc.Value()
	}
	return f.inputs[i].Value()
}

// changed reports whether field i is to be saved: every field of a new
// initiative, and the fields of an edited one whose text the user changed.
func (f *form) changed(i int) bool {
	return f.editing == nil || f.text(i) != f.initial[i]
}

// dirty reports whether the user changed any field since the form opened
// (or since it was set on the current version, see rebase).
func (f *form) dirty() bool {
	for i := range fieldCount {
		if f.text(i) != f.initial[i] {
			return true
		}
	}
	return false
}

// setText puts s in field i, the cursor at its end.
func (f *form) setText(i int, s string) {
	if i == fieldDescription {
		f.desc.SetValue(s)
		return
	}
	f.inputs[i].SetValue(s)
	f.inputs[i].CursorEnd()
	if i == fieldDomain {
		f.suggest()
	}
}

// completion returns the domain key that what the domain field holds is
// the start of, when exactly one is (in any case) and the field does
// not hold it whole already; else "".
func (f *form) completion() string {
	typed := strings.ToLower(f.inputs[fieldDomain].Value())
	if typed == "" {
		return ""
	}
	match := ""
	for _, k := range f.domains {
		if !strings.HasPrefix(strings.ToLower(k), typed) {
			continue
		}
		if match != "" {
			return "" // two domains start so
		}
		match = k
	}
	if match == typed {
		return ""
	}
	return match
}

// suggest shows the domain's completion, if there is one, after what was
// typed: the one tab takes.
func (f *form) suggest() {
	var s []string
	if c := f.completion(); c != "" {
		s = []string{c}
	}
	f.inputs[fieldDomain].SetSuggestions(s)
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return string(rune('0' + n))
}

func (f *form) setFocus(i int) tea.Cmd {
	f.focus = (i + fieldCount) % fieldCount
	for j := range f.inputs {
		f.inputs[j].Blur()
	}
	f.desc.Blur()
	if f.focus == fieldDescription {
		return f.desc.Focus()
	}
	return f.inputs[f.focus].Focus()
}

// values parses the fields to be saved, recording an error per field. It
// returns the initiative as it would be, the patch that makes it from the
// one being edited (nothing when adding), and whether all are valid.
func (f *form) values() (roadmap.Initiative, roadmap.Patch, bool) {
	f.errs = [fieldCount]string{}
	var in roadmap.Initiative
	if f.editing != nil {
		in = *f.editing
	}
	var p roadmap.Patch
	snap := f.snap()
	m := snap.r.Model
	var err error
	fail := func(field int, e error) { f.errs[field] = e.Error() }
	if f.changed(fieldTitle) {
		if in.Title, err = roadmap.CleanLine(f.text(fieldTitle), "title", roadmap.MaxTitle, true); err != nil {
			fail(fieldTitle, err)
		}
		p.Title = &in.Title
	}
	if f.changed(fieldDomain) {
		if in.Domain, err = m.ParseDomain(f.text(fieldDomain)); err != nil {
			fail(fieldDomain, err)
		}
		p.Domain = &in.Domain
	}
	if f.changed(fieldLevel) {
		if in.Level, err = roadmap.ParseLevel(f.text(fieldLevel)); err != nil {
			fail(fieldLevel, err)
		}
		p.Level = &in.Level
	}
	if f.changed(fieldQuarter) {
		if in.Quarter, err = roadmap.ParseQuarter(f.text(fieldQuarter)); err != nil {
			fail(fieldQuarter, err)
		}
		p.Quarter = &in.Quarter
	}
	if f.changed(fieldOwner) {
		if in.Owner, err = roadmap.CleanLine(f.text(fieldOwner), "owner", roadmap.MaxOwner, false); err != nil {
			fail(fieldOwner, err)
		}
		p.Owner = &in.Owner
	}
	if f.changed(fieldEffort) {
		if in.Effort, err = roadmap.ParseEffort(f.text(fieldEffort)); err != nil {
			fail(fieldEffort, err)
		}
		p.Effort = &in.Effort
	}
	if f.changed(fieldDepends) {
		if in.DependsOn, err = roadmap.ParseIDs(f.text(fieldDepends)); err != nil {
			fail(fieldDepends, err)
		} else if err := snap.r.CheckDependencies(in.ID, in.DependsOn); err != nil {
			fail(fieldDepends, err)
		}
		p.DependsOn = &in.DependsOn
	}
	if f.changed(fieldDescription) {
		if in.Description, err = roadmap.CleanText(f.text(fieldDescription), "description", roadmap.MaxDescription); err != nil {
			fail(fieldDescription, err)
		}
		p.Description = &in.Description
	}
	for _, e := range f.errs {
		if e != "" {
			return in, p, false
		}
	}
	return in, p, true
}

func (f *form) Update(msg tea.Msg) (dialog, tea.Cmd) {
	if f.waiting {
		return f, nil
	}
	if f.step != stepEdit {
		// A question has the keyboard; a paste is no answer.
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return f.answer(k.String())
		}
		return f, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			if f.dirty() {
				f.step = stepDiscard
				return f, nil
			}
			return nil, nil
		case "ctrl+s":
			return f.submit()
		case "tab":
			if c := f.completion(); f.focus == fieldDomain && c != "" {
				f.setText(fieldDomain, c)
				return f, nil
			}
			return f, f.setFocus(f.focus + 1)
		case "shift+tab", "up":
			if k.String() == "up" && f.focus == fieldDescription && f.desc.Line() > 0 {
				break
			}
			return f, f.setFocus(f.focus - 1)
		case "down":
			if f.focus != fieldDescription {
				return f, f.setFocus(f.focus + 1)
			}
		case "enter":
			if f.focus != fieldDescription {
				if f.focus == fieldDepends {
					return f.submit()
				}
				return f, f.setFocus(f.focus + 1)
			}
		}
	}
	var cmd tea.Cmd
	if f.focus == fieldDescription {
		f.desc, cmd = f.desc.Update(msg)
	} else {
		f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	}
	if f.focus == fieldDomain {
		f.suggest()
	}
	if f.errs != [fieldCount]string{} {
		f.values() // keep the messages in step while fixing
	}
	return f, cmd
}

// submit saves the form when every field to be saved is valid; an edit
// that changes nothing closes it without writing.
func (f *form) submit() (dialog, tea.Cmd) {
	in, p, ok := f.values()
	if !ok {
		f.saveErr = "fix the fields marked above"
		// The cursor goes to the first field to fix.
		for i, e := range f.errs {
			if e != "" {
				return f, f.setFocus(i)
			}
		}
		return f, nil
	}
	if f.editing != nil && p.Empty() {
		return nil, f.unchanged()
	}
	f.saveErr, f.note, f.waiting = "", "", true
	if f.editing != nil {
		return f, f.edit(p, f.editing.Version)
	}
	return f, f.add(in)
}

// answer handles a key while the form asks a question: only the keys
// the question names do anything.
func (f *form) answer(key string) (dialog, tea.Cmd) {
	switch f.step {
	case stepDiscard:
		switch key {
		case "y", "Y":
			return nil, nil
		case "n", "N", "esc":
			f.step = stepEdit
		}
	case stepConflict:
		f.choose(key)
	case stepMerge:
		switch key {
		case "y", "Y":
			f.step = stepEdit
			return f.submit()
		case "n", "N", "esc":
			f.backToEditing()
		}
	}
	return f, nil
}

// failed shows why a save failed; a save refused because the initiative
// changed elsewhere sets the form on the current version instead, with
// the user's changes kept (rebase).
func (f *form) failed(err error) bool {
	f.waiting, f.saveErr = false, err.Error()
	var stale *store.StaleError
	if f.editing != nil && errors.As(err, &stale) {
		f.saveErr = roadmap.Printable(stale.Error())
		f.rebase(stale.Initiative)
	}
	return true
}

// labelW is the width of the form's labels, with the focus marker.
const labelW = 15

// focusMark marks the focused field's label: a character, so that it
// shows without colour.
const focusMark = "› "

func (f *form) View(width int) string {
	st := f.styles
	w := min(width, 84) // wide enough for the four domains' names
	fieldW := w - labelW - 6
	title := "Add an initiative"
	if f.editing != nil {
		title = "Edit " + roadmap.Printable(f.editing.Ref())
	}
	var fields []string
	focusTop, focusEnd := 0, 0 // the focused field's lines
	for i := range fieldCount {
		if i == f.focus {
			focusTop = len(fields)
		}
		fields = append(fields, strings.Split(f.fieldView(i, fieldW), "\n")...)
		if f.errs[i] != "" { // in full, under the field
			for _, line := range strings.Split(wrapWords(f.errs[i], fieldW), "\n") {
				fields = append(fields, strings.Repeat(" ", labelW)+st.Error.Render(truncate(line, fieldW)))
			}
		}
		if i == f.focus {
			focusEnd = len(fields)
		}
	}
	foot := strings.Split(f.footView(w-4), "\n")

	// The box fits the screen's height: the blank lines go first, then
	// the fields farthest from the focused one. The foot stays whole: it
	// may ask a question.
	room := f.height() - 3 // the border and the title
	blank := f.height() <= 0 || len(fields)+len(foot)+2 <= room
	if !blank && len(fields)+len(foot) > room {
		n := max(room-len(foot), 1)
		start := focusTop - (n-(focusEnd-focusTop))/2
		start = max(0, min(start, len(fields)-n))
		fields = fields[start : start+n]
	}
	lines := []string{st.Title.Render(truncate(title, w-4))}
	if blank {
		lines = append(lines, "")
	}
	lines = append(lines, fields...)
	if blank {
		lines = append(lines, "")
	}
	lines = append(lines, foot...)
	return st.Modal.Width(w).Render(strings.Join(lines, "\n"))
}

// fieldView draws field i with its label, fieldW cells wide.
func (f *form) fieldView(i, fieldW int) string {
	st := f.styles
	label := "  " + fieldLabels[i]
	style := st.Label
	if i == f.focus {
		label, style = focusMark+fieldLabels[i], st.Info.Bold(true)
	}
	var b strings.Builder
	b.WriteString(style.Render(pad(label, labelW)))
	if i == fieldDescription {
		f.desc.SetWidth(fieldW)
		lines := strings.Split(f.desc.View(), "\n")
		b.WriteString(lines[0])
		for _, l := range lines[1:] {
			b.WriteString("\n" + strings.Repeat(" ", labelW) + l)
		}
		return b.String()
	}
	in := &f.inputs[i]
	in.SetWidth(fieldW - 1)
	switch {
	case i == fieldDomain:
		in.Placeholder = f.domainHints[0]
		if ansi.StringWidth(in.Placeholder) > fieldW-1 {
			in.Placeholder = f.domainHints[1]
		}
	case i == fieldLevel && in.Value() != "":
		in.SetWidth(4) // the level's name follows
	}
	b.WriteString(in.View())
	if i == fieldLevel {
		if l, err := roadmap.ParseLevel(in.Value()); err == nil {
			d := roadmap.DomainKey(f.inputs[fieldDomain].Value())
			if name := f.snap().r.Model.LevelName(d, l); name != "" {
				b.WriteString(st.Muted.Render("  " + name))
			}
		}
	}
	return b.String()
}

// footView draws the foot of the form, w cells wide: what is happening,
// the question asked, or the keys.
func (f *form) footView(w int) string {
	st := f.styles
	wrap := func(s string) string { return wrapWords(s, w) }
	switch {
	case f.waiting:
		return st.Muted.Render("saving…")
	case f.step == stepDiscard:
		return wrap(st.Warning.Render("Discard your changes?") + st.Muted.Render(" y discards · n keeps editing"))
	case f.step == stepConflict || f.step == stepMerge:
		return f.mergeView(w)
	case f.saveErr != "":
		return st.Error.Render(wrap(f.saveErr))
	case f.note != "":
		return st.Info.Render(wrap(f.note))
	case f.focus == fieldDomain:
		return st.Muted.Render(wrap("tab completes a unique match, or next · ctrl+s save · esc cancel"))
	}
	return st.Muted.Render(wrap("tab/↓ next · shift+tab/↑ previous · ctrl+s save · esc cancel"))
}
