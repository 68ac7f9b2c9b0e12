package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
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
type form struct {
	styles  *Styles
	snap    *snapshot
	editing *roadmap.Initiative // nil when adding
	inputs  [fieldDescription]textinput.Model
	desc    textarea.Model
	focus   int
	errs    [fieldCount]string
	saveErr string
	waiting bool
	save    func(in roadmap.Initiative) tea.Cmd
}

// openForm opens the form: empty to add, filled to edit in.
func (m *Model) openForm(in *roadmap.Initiative) tea.Cmd {
	f := &form{styles: &m.styles, snap: m.snap, editing: in}
	for i := range f.inputs {
		t := textinput.New()
		t.Prompt = ""
		t.CharLimit = roadmap.MaxTitle
		t.Cursor.SetMode(cursor.CursorStatic)
		f.inputs[i] = t
	}
	keys := make([]string, len(m.snap.r.Model.Domains))
	for i, d := range m.snap.r.Model.Domains {
		keys[i] = d.Key
	}
	f.inputs[fieldDomain].SetSuggestions(keys)
	f.inputs[fieldDomain].ShowSuggestions = true
	f.inputs[fieldDomain].Placeholder = strings.Join(keys, ", ")
	f.inputs[fieldLevel].Placeholder = "1-4"
	f.inputs[fieldQuarter].Placeholder = "YYYY-QN, empty for the backlog"
	f.inputs[fieldEffort].Placeholder = "e.g. person-weeks"
	f.inputs[fieldDepends].Placeholder = "ids, e.g. 3, 5"
	f.inputs[fieldOwner].CharLimit = roadmap.MaxOwner
	f.desc = textarea.New()
	f.desc.ShowLineNumbers = false
	f.desc.Prompt = ""
	f.desc.CharLimit = roadmap.MaxDescription
	f.desc.SetHeight(3)
	f.desc.Cursor.SetMode(cursor.CursorStatic)

	if in != nil {
		// Text from the file may hold control characters that another
		// tool wrote: show them as spaces, as everywhere else, so the
		// form neither sends them to the terminal nor refuses to save
		// what it cannot show.
		f.inputs[fieldTitle].SetValue(roadmap.Printable(in.Title))
		f.inputs[fieldDomain].SetValue(in.Domain)
		f.inputs[fieldLevel].SetValue(itoa(in.Level))
		f.inputs[fieldQuarter].SetValue(in.Quarter.String())
		f.inputs[fieldOwner].SetValue(roadmap.Printable(in.Owner))
		f.inputs[fieldEffort].SetValue(in.Effort.String())
		f.inputs[fieldDepends].SetValue(roadmap.FormatIDs(in.DependsOn, ", "))
		lines := strings.Split(in.Description, "\n")
		for i, l := range lines {
			lines[i] = roadmap.Printable(l)
		}
		f.desc.SetValue(strings.Join(lines, "\n"))
		id, version := in.ID, in.Version
		f.save = func(next roadmap.Initiative) tea.Cmd {
			p := roadmap.Patch{Title: &next.Title, Description: &next.Description, Domain: &next.Domain,
				Level: &next.Level, Quarter: &next.Quarter, Owner: &next.Owner, Effort: &next.Effort, DependsOn: &next.DependsOn}
			return m.startChange(m.change("saved %s", func(ctx context.Context, st *store.Store) (roadmap.Initiative, error) {
				return st.Edit(ctx, id, p, store.Options{ExpectVersion: version})
			}))
		}
	} else {
		f.inputs[fieldQuarter].SetValue(m.todayQuarter().String())
		f.save = func(next roadmap.Initiative) tea.Cmd {
			return m.startChange(m.change("added %s", func(ctx context.Context, st *store.Store) (roadmap.Initiative, error) {
				return st.Add(ctx, next)
			}))
		}
	}
	for i := range f.inputs {
		f.inputs[i].CursorEnd()
	}
	m.dialog = f
	return f.setFocus(fieldTitle)
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

// values parses every field, recording an error per field; it returns the
// initiative when all are valid.
func (f *form) values() (roadmap.Initiative, bool) {
	f.errs = [fieldCount]string{}
	var in roadmap.Initiative
	if f.editing != nil {
		in = *f.editing
	}
	m := f.snap.r.Model
	var err error
	fail := func(field int, e error) { f.errs[field] = e.Error() }
	if in.Title, err = roadmap.CleanLine(f.inputs[fieldTitle].Value(), "title", roadmap.MaxTitle, true); err != nil {
		fail(fieldTitle, err)
	}
	in.Domain = strings.ToLower(strings.TrimSpace(f.inputs[fieldDomain].Value()))
	if !m.HasDomain(in.Domain) {
		f.errs[fieldDomain] = "want one of " + m.DomainKeys()
	}
	if in.Level, err = roadmap.ParseLevel(f.inputs[fieldLevel].Value()); err != nil {
		fail(fieldLevel, err)
	}
	if in.Quarter, err = roadmap.ParseQuarter(f.inputs[fieldQuarter].Value()); err != nil {
		fail(fieldQuarter, err)
	}
	if in.Owner, err = roadmap.CleanLine(f.inputs[fieldOwner].Value(), "owner", roadmap.MaxOwner, false); err != nil {
		fail(fieldOwner, err)
	}
	if in.Effort, err = roadmap.ParseEffort(f.inputs[fieldEffort].Value()); err != nil {
		fail(fieldEffort, err)
	}
	if in.DependsOn, err = roadmap.ParseIDs(f.inputs[fieldDepends].Value()); err != nil {
		fail(fieldDepends, err)
	} else if err := f.snap.r.CheckDependencies(in.ID, in.DependsOn); err != nil {
		fail(fieldDepends, err)
	}
	if in.Description, err = roadmap.CleanText(f.desc.Value(), "description", roadmap.MaxDescription); err != nil {
		fail(fieldDescription, err)
	}
	for _, e := range f.errs {
		if e != "" {
			return in, false
		}
	}
	return in, true
}

func (f *form) Update(msg tea.Msg) (dialog, tea.Cmd) {
	if f.waiting {
		return f, nil
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.String() {
		case "esc":
			return nil, nil
		case "ctrl+s":
			return f, f.submit()
		case "tab":
			if f.focus == fieldDomain && f.inputs[fieldDomain].CurrentSuggestion() != "" &&
				f.inputs[fieldDomain].Value() != f.inputs[fieldDomain].CurrentSuggestion() {
				break // tab completes the domain first
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
					return f, f.submit()
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
	if f.errs != [fieldCount]string{} {
		f.values() // keep the messages in step while fixing
	}
	return f, cmd
}

func (f *form) submit() tea.Cmd {
	in, ok := f.values()
	if !ok {
		f.saveErr = "fix the fields marked above"
		return nil
	}
	f.saveErr, f.waiting = "", true
	return f.save(in)
}

func (f *form) failed(err error) bool {
	f.waiting, f.saveErr = false, err.Error()
	return true
}

func (f *form) View(width int) string {
	st := f.styles
	w := min(width, 80)
	labelW := 13
	fieldW := w - labelW - 6
	title := "Add an initiative"
	if f.editing != nil {
		title = "Edit " + roadmap.Printable(f.editing.Ref())
	}
	var b strings.Builder
	b.WriteString(st.Title.Render(truncate(title, w-4)) + "\n\n")
	for i := 0; i < fieldCount; i++ {
		label := fieldLabels[i]
		style := st.Label
		if i == f.focus {
			style = st.Info.Bold(true)
		}
		b.WriteString(style.Render(pad(label, labelW)))
		if i == fieldDescription {
			f.desc.SetWidth(fieldW)
			lines := strings.Split(f.desc.View(), "\n")
			b.WriteString(lines[0])
			for _, l := range lines[1:] {
				b.WriteString("\n" + strings.Repeat(" ", labelW) + l)
			}
		} else {
			f.inputs[i].Width = fieldW - 1
			if i == fieldLevel {
				f.inputs[i].Width = 4 // the level's name follows
			}
			b.WriteString(f.inputs[i].View())
			if i == fieldLevel {
				if l, err := roadmap.ParseLevel(f.inputs[i].Value()); err == nil {
					d := strings.ToLower(strings.TrimSpace(f.inputs[fieldDomain].Value()))
					if name := f.snap.r.Model.LevelName(d, l); name != "" {
						b.WriteString(st.Muted.Render("  " + name))
					}
				}
			}
		}
		b.WriteString("\n")
		if f.errs[i] != "" {
			b.WriteString(strings.Repeat(" ", labelW) + st.Error.Render(truncate(f.errs[i], fieldW)) + "\n")
		}
	}
	b.WriteString("\n")
	switch {
	case f.waiting:
		b.WriteString(st.Muted.Render("saving…"))
	case f.saveErr != "":
		b.WriteString(st.Error.Render(ansi.Wrap(f.saveErr, w-4, " ")))
	default:
		b.WriteString(st.Muted.Render("tab/↓ next · shift+tab/↑ previous · ctrl+s save · esc cancel"))
	}
	return st.Modal.Width(w - 2).Render(lipgloss.NewStyle().Render(b.String()))
}
