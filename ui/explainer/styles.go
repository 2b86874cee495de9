package explainer

import (
	"charm.land/lipgloss/v2"

	"github.com/hsx-dev/hsx/ui/theme"
)

// styles are the lipgloss styles the pane draws with, derived from a theme.
type styles struct {
	title, muted, subtle, note, err, marker, thumb, track lipgloss.Style
}

func newStyles(th theme.Theme) styles {
	s := lipgloss.NewStyle()
	return styles{
		title:  s.Bold(true).Foreground(th.Fg),
		muted:  s.Foreground(th.Muted),
		subtle: s.Foreground(th.Subtle),
		note:   s.Foreground(th.Muted).Italic(true),
		err:    s.Foreground(th.Error),
		marker: s.Foreground(th.Accent).Bold(true),
		thumb:  s.Foreground(th.Accent),
		track:  s.Foreground(th.Subtle),
	}
}
