package tui

import "github.com/charmbracelet/lipgloss"

// palette holds every colour the dashboard uses, each adapted to light and
// dark terminals. No view names a colour of its own.
var palette = struct {
	text, muted, faint, accent, accentText, selected lipgloss.AdaptiveColor
	errorC, warnC, okC, reached, reachedText         lipgloss.AdaptiveColor
	domains                                          []lipgloss.AdaptiveColor
}{
	text:        lipgloss.AdaptiveColor{Light: "#1f2328", Dark: "#e6edf3"},
	muted:       lipgloss.AdaptiveColor{Light: "#59636e", Dark: "#9198a1"},
	faint:       lipgloss.AdaptiveColor{Light: "#d1d9e0", Dark: "#3d444d"},
	accent:      lipgloss.AdaptiveColor{Light: "#0969da", Dark: "#4493f8"},
	accentText:  lipgloss.AdaptiveColor{Light: "#ffffff", Dark: "#0d1117"},
	selected:    lipgloss.AdaptiveColor{Light: "#ddf4ff", Dark: "#1f2d3d"},
	errorC:      lipgloss.AdaptiveColor{Light: "#cf222e", Dark: "#f85149"},
	warnC:       lipgloss.AdaptiveColor{Light: "#9a6700", Dark: "#d29922"},
	okC:         lipgloss.AdaptiveColor{Light: "#1a7f37", Dark: "#3fb950"},
	reached:     lipgloss.AdaptiveColor{Light: "#1a7f37", Dark: "#238636"},
	reachedText: lipgloss.AdaptiveColor{Light: "#ffffff", Dark: "#ffffff"},
	domains: []lipgloss.AdaptiveColor{
		{Light: "#8250df", Dark: "#ab7df8"}, // violet
		{Light: "#0969da", Dark: "#4493f8"}, // blue
		{Light: "#bc4c00", Dark: "#f0883e"}, // orange
		{Light: "#1a7f37", Dark: "#3fb950"}, // green
		{Light: "#bf3989", Dark: "#db61a2"}, // pink
		{Light: "#0a7b83", Dark: "#39c5cf"}, // teal
	},
}

// Styles is every style the views use, built once from the palette.
type Styles struct {
	Title, Muted, Faint, Bold         lipgloss.Style
	Tab, ActiveTab, TabBar            lipgloss.Style
	Error, Warning, OK, Info          lipgloss.Style
	Selected, Header                  lipgloss.Style
	Reached, Current, Next, Unreached lipgloss.Style
	Card, SelectedCard, Column        lipgloss.Style
	Modal, Label, Input               lipgloss.Style
	Domains                           []lipgloss.Style
}

// NewStyles builds the styles.
func NewStyles() Styles {
	p := palette
	s := Styles{
		Title:        lipgloss.NewStyle().Bold(true).Foreground(p.text),
		Muted:        lipgloss.NewStyle().Foreground(p.muted),
		Faint:        lipgloss.NewStyle().Foreground(p.faint),
		Bold:         lipgloss.NewStyle().Bold(true),
		Tab:          lipgloss.NewStyle().Foreground(p.muted).Padding(0, 1),
		ActiveTab:    lipgloss.NewStyle().Bold(true).Foreground(p.accentText).Background(p.accent).Padding(0, 1),
		TabBar:       lipgloss.NewStyle(),
		Error:        lipgloss.NewStyle().Foreground(p.errorC),
		Warning:      lipgloss.NewStyle().Foreground(p.warnC),
		OK:           lipgloss.NewStyle().Foreground(p.okC),
		Info:         lipgloss.NewStyle().Foreground(p.accent),
		Selected:     lipgloss.NewStyle().Background(p.selected).Bold(true),
		Header:       lipgloss.NewStyle().Bold(true).Foreground(p.muted),
		Reached:      lipgloss.NewStyle().Foreground(p.reachedText).Background(p.reached),
		Current:      lipgloss.NewStyle().Bold(true).Foreground(p.reachedText).Background(p.reached),
		Next:         lipgloss.NewStyle().Foreground(p.accent),
		Unreached:    lipgloss.NewStyle().Foreground(p.muted),
		Card:         lipgloss.NewStyle(),
		SelectedCard: lipgloss.NewStyle().Background(p.selected),
		Column:       lipgloss.NewStyle(),
		Modal:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(0, 1),
		Label:        lipgloss.NewStyle().Foreground(p.muted),
		Input:        lipgloss.NewStyle().Foreground(p.text),
	}
	for _, c := range p.domains {
		s.Domains = append(s.Domains, lipgloss.NewStyle().Foreground(c))
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
