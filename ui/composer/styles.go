package composer

import (
	"charm.land/lipgloss/v2"

	"github.com/hsx-dev/hsx/ui/theme"
)

// styles holds what the composer draws with, derived once from a theme.
type styles struct {
	text, muted, subtle lipgloss.Style
	method              lipgloss.Style
	label, labelFocused lipgloss.Style
	name                lipgloss.Style
	err                 lipgloss.Style
	rule                lipgloss.Style
}

func newStyles(th theme.Theme) styles {
	return styles{
		text:         lipgloss.NewStyle().Foreground(th.Fg),
		muted:        lipgloss.NewStyle().Foreground(th.Muted),
		subtle:       lipgloss.NewStyle().Foreground(th.Subtle),
		method:       lipgloss.NewStyle().Foreground(th.Accent).Bold(true),
		label:        lipgloss.NewStyle().Foreground(th.Muted),
		labelFocused: lipgloss.NewStyle().Foreground(th.Accent).Bold(true),
		name:         lipgloss.NewStyle().Foreground(th.Accent),
		err:          lipgloss.NewStyle().Foreground(th.Error).Bold(true),
		rule:         lipgloss.NewStyle().Foreground(th.Subtle),
	}
}
