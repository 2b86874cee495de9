package search

import (
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/theme"
)

// Styles are what the search line and the matches it finds are drawn with.
type Styles struct {
	// Prompt is the "/" before the query; Count the "3/7"; NoMatch the word that says
	// nothing was found; Hint the keys beside the count.
	Prompt, Count, NoMatch, Hint lipgloss.Style
	// Match is a match in a pane, Current the match the last jump went to. Both are in
	// reverse video, so that they show without colour too (NO_COLOR, a monochrome screen).
	// They are SGR styles rather than lipgloss ones: a match is drawn as one run, its spaces
	// included, inside text that has styles of its own.
	Match, Current ansi.Style
}

// NewStyles returns the styles for th.
func NewStyles(th theme.Theme) Styles {
	s := lipgloss.NewStyle()
	return Styles{
		Prompt:  s.Foreground(th.Accent).Bold(true),
		Count:   s.Foreground(th.Fg),
		NoMatch: s.Foreground(th.Error).Bold(true),
		Hint:    s.Foreground(th.Muted),
		Match:   ansi.Style{}.Reverse(true),
		Current: ansi.Style{}.ForegroundColor(th.Warning).Reverse(true).Bold().Underline(true),
	}
}
