package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// shade is one colour of the palette in its two versions: for terminals
// with a light background and for those with a dark one.
type shade struct{ light, dark string }

// palette holds every colour the dashboard uses. No view names a colour of
// its own.
var palette = struct {
	text, muted, faint, accent, accentText, selected shade
	errorC, warnC, okC, reached, reachedText         shade
	domains                                          []shade
}{
	text:        shade{light: "#1f2328", dark: "#e6edf3"},
	muted:       shade{light: "#59636e", dark: "#9198a1"},
	faint:       shade{light: "#d1d9e0", dark: "#3d444d"},
	accent:      shade{light: "#0969da", dark: "#4493f8"},
	accentText:  shade{light: "#ffffff", dark: "#0d1117"},
	selected:    shade{light: "#ddf4ff", dark: "#1f2d3d"},
	errorC:      shade{light: "#cf222e", dark: "#f85149"},
	warnC:       shade{light: "#9a6700", dark: "#d29922"},
	okC:         shade{light: "#1a7f37", dark: "#3fb950"},
	reached:     shade{light: "#1a7f37", dark: "#238636"},
	reachedText: shade{light: "#ffffff", dark: "#ffffff"},
	domains: []shade{
		{light: "#8250df", dark: "#ab7df8"}, // violet
		{light: "#0969da", dark: "#4493f8"}, // blue
		{light: "#bc4c00", dark: "#f0883e"}, // orange
		{light: "#1a7f37", dark: "#3fb950"}, // green
		{light: "#bf3989", dark: "#db61a2"}, // pink
		{light: "#0a7b83", dark: "#39c5cf"}, // teal
	},
}

// Styles is every style the views use, built from the palette for one
// terminal's background. The model owns its Styles: nothing here is
// package state, so each terminal a process serves can have its own.
type Styles struct {
	Title, Muted, Faint, Bold         lipgloss.Style
	Tab, ActiveTab                    lipgloss.Style
	Error, Warning, OK, Info          lipgloss.Style
	Selected, Header, SelectedCard    lipgloss.Style
	Reached, Current, Next, Unreached lipgloss.Style
	// Modal is a bordered box: as everywhere in Lip Gloss v2, the width
	// it is given counts the border and the padding.
	Modal, Label lipgloss.Style
	Domains      []lipgloss.Style

	// Bar is the colour of the filled part of a progress bar.
	Bar color.Color
	// Help styles the key help.
	Help help.Styles

	dark bool
}

// NewStyles builds the styles for a terminal with a dark background, or a
// light one.
func NewStyles(dark bool) Styles {
	p := palette
	c := func(s shade) color.Color {
		return lipgloss.LightDark(dark)(lipgloss.Color(s.light), lipgloss.Color(s.dark))
	}
	s := Styles{
		Title:        lipgloss.NewStyle().Bold(true).Foreground(c(p.text)),
		Muted:        lipgloss.NewStyle().Foreground(c(p.muted)),
		Faint:        lipgloss.NewStyle().Foreground(c(p.faint)),
		Bold:         lipgloss.NewStyle().Bold(true),
		Tab:          lipgloss.NewStyle().Foreground(c(p.muted)).Padding(0, 1),
		ActiveTab:    lipgloss.NewStyle().Bold(true).Foreground(c(p.accentText)).Background(c(p.accent)).Padding(0, 1),
		Error:        lipgloss.NewStyle().Foreground(c(p.errorC)),
		Warning:      lipgloss.NewStyle().Foreground(c(p.warnC)),
		OK:           lipgloss.NewStyle().Foreground(c(p.okC)),
		Info:         lipgloss.NewStyle().Foreground(c(p.accent)),
		Selected:     lipgloss.NewStyle().Background(c(p.selected)).Bold(true),
		Header:       lipgloss.NewStyle().Bold(true).Foreground(c(p.muted)),
		Reached:      lipgloss.NewStyle().Foreground(c(p.reachedText)).Background(c(p.reached)),
		Current:      lipgloss.NewStyle().Bold(true).Foreground(c(p.reachedText)).Background(c(p.reached)),
		Next:         lipgloss.NewStyle().Foreground(c(p.accent)),
		Unreached:    lipgloss.NewStyle().Foreground(c(p.muted)),
		SelectedCard: lipgloss.NewStyle().Background(c(p.selected)),
		Modal:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(c(p.accent)).Padding(0, 1),
		Label:        lipgloss.NewStyle().Foreground(c(p.muted)),
		Bar:          c(p.okC),
		Help:         help.DefaultStyles(dark),
		dark:         dark,
	}
	for _, d := range p.domains {
		s.Domains = append(s.Domains, lipgloss.NewStyle().Foreground(c(d)))
	}
	return s
}

// Domain returns the style of the domain at model index d.
func (s Styles) Domain(d int) lipgloss.Style {
	if d < 0 || len(s.Domains) == 0 {
		return s.Muted
	}
	return s.Domains[d%len(s.Domains)]
}

// TextInput returns the styles of a one-line field: bubbles' own for this
// background, with a cursor that does not blink (a blinking cursor redraws
// the screen twice a second for nothing), a value that looks the same
// whether the field has the focus or not, and a placeholder and a
// suggested completion drawn faint, which NO_COLOR keeps.
func (s Styles) TextInput() textinput.Styles {
	ts := textinput.DefaultStyles(s.dark)
	ts.Blurred.Text = ts.Focused.Text
	for _, st := range []*textinput.StyleState{&ts.Focused, &ts.Blurred} {
		st.Placeholder = st.Placeholder.Faint(true)
		st.Suggestion = st.Suggestion.Faint(true)
	}
	ts.Cursor.Blink = false
	return ts
}

// TextArea returns the styles of a text of several lines, made as
// TextInput's are.
func (s Styles) TextArea() textarea.Styles {
	ts := textarea.DefaultStyles(s.dark)
	ts.Cursor.Blink = false
	return ts
}
