package tui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// dialog is a box over the active view that has the keyboard until it
// closes: the form, a question, a prompt.
type dialog interface {
	// Update handles a message; a nil dialog means it closed.
	Update(msg tea.Msg) (dialog, tea.Cmd)
	// View draws the box at most width cells wide.
	View(width int) string
	// failed tells the dialog that the change it asked for failed; it
	// returns false when the dialog does not show such errors itself.
	failed(err error) bool
	// restyle gives the dialog's text fields the styles of the terminal's
	// background, after the terminal said what it is.
	restyle()
}

// confirm asks a yes/no question; yes runs the command and waits for its
// outcome, showing an error if it fails. Without yes it only tells: y
// does nothing, and esc, enter, n or q close it.
type confirm struct {
	styles   *Styles
	question string
	yes      func() tea.Cmd
	waiting  bool
	err      string
}

func (c *confirm) Update(msg tea.Msg) (dialog, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return c, nil
	}
	if c.waiting {
		return c, nil
	}
	if c.yes == nil {
		switch k.String() {
		case "n", "N", "esc", "q", "enter":
			return nil, nil
		}
		return c, nil
	}
	switch k.String() {
	case "y", "Y":
		c.waiting, c.err = true, ""
		return c, c.yes()
	case "n", "N", "esc", "q":
		return nil, nil
	}
	if c.err != "" && k.String() == "enter" {
		return nil, nil
	}
	return c, nil
}

func (c *confirm) restyle() {}

func (c *confirm) failed(err error) bool {
	c.waiting, c.err = false, err.Error()
	return true
}

func (c *confirm) View(width int) string {
	w := min(width, 70)
	body := wrapWords(c.question, w-4) + "\n\n"
	switch {
	case c.waiting:
		body += c.styles.Muted.Render("working…")
	case c.err != "":
		body += c.styles.Error.Render(wrapWords(c.err, w-4)) + "\n\n" + c.styles.Muted.Render("esc closes")
	case c.yes == nil:
		body += c.styles.Muted.Render("esc closes")
	default:
		body += c.styles.Muted.Render("y yes · n no")
	}
	return c.styles.Modal.Width(w).Render(body)
}

// prompt asks for one line of text. submit validates it and returns the
// command that acts on it; an error is shown under the field.
type prompt struct {
	styles *Styles
	title  string
	detail string
	input  textinput.Model
	submit func(value string) (tea.Cmd, error)
	// about, if set, says under the field what its value stands for, as
	// it is typed, in lines of at most width cells.
	about   func(value string, width int) string
	waiting bool
	err     string
}

// newPrompt builds a prompt whose field starts with value and takes at
// most limit characters.
func newPrompt(s *Styles, title, detail, value, placeholder string, limit int, submit func(string) (tea.Cmd, error)) *prompt {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = placeholder
	in.CharLimit = limit
	in.SetValue(value)
	in.CursorEnd()
	in.Focus()
	p := &prompt{styles: s, title: title, detail: detail, input: in, submit: submit}
	p.restyle()
	return p
}

func (p *prompt) restyle() { p.input.SetStyles(p.styles.TextInput()) }

func (p *prompt) Update(msg tea.Msg) (dialog, tea.Cmd) {
	if p.waiting {
		return p, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			return nil, nil
		case "enter":
			cmd, err := p.submit(p.input.Value())
			if err != nil {
				p.err = err.Error()
				return p, nil
			}
			if cmd == nil {
				return nil, nil
			}
			p.waiting, p.err = true, ""
			return p, cmd
		}
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return p, cmd
}

func (p *prompt) failed(err error) bool {
	p.waiting, p.err = false, err.Error()
	return true
}

func (p *prompt) View(width int) string {
	w := min(width, 76)
	p.input.SetWidth(w - 8)
	var b strings.Builder
	b.WriteString(p.styles.Title.Render(p.title))
	b.WriteString("\n")
	if p.detail != "" {
		b.WriteString(p.styles.Muted.Render(wrapWords(p.detail, w-4)))
		b.WriteString("\n")
	}
	b.WriteString("\n" + p.input.View() + "\n")
	if p.about != nil {
		if about := p.about(p.input.Value(), w-4); about != "" {
			b.WriteString(about + "\n")
		}
	}
	switch {
	case p.waiting:
		b.WriteString(p.styles.Muted.Render("saving…"))
	case p.err != "":
		b.WriteString(p.styles.Error.Render(wrapWords(p.err, w-4)))
	default:
		b.WriteString(p.styles.Muted.Render("enter confirms · esc cancels"))
	}
	return p.styles.Modal.Width(w).Render(b.String())
}
