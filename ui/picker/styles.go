package picker

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/theme"
)

// styles are the lipgloss styles the picker draws with.
type styles struct {
	border, heading, title, muted, selected, cursor, plain, note lipgloss.Style
}

func newStyles(th theme.Theme) styles {
	s := lipgloss.NewStyle()
	return styles{
		border:   s.Foreground(th.FocusBorder),
		heading:  s.Foreground(th.Accent).Bold(true),
		title:    s.Foreground(th.Fg).Bold(true),
		muted:    s.Foreground(th.Muted),
		selected: s.Background(th.SelectionBg),
		cursor:   s.Reverse(true),
		plain:    s,
		note:     s.Foreground(th.Warning),
	}
}

// topBorder is the top border with the title set into it, for an inner width of w.
func (s styles) topBorder(title string, w int) string {
	t := " " + title + " "
	if ansi.StringWidth(t) > w-2 {
		t = ansi.Truncate(t, max(w-2, 0), "…")
	}
	rest := max(w-1-ansi.StringWidth(t), 0)
	return s.border.Render("╭─") + s.heading.Render(t) + s.border.Render(strings.Repeat("─", rest)+"╮") + "\n"
}

// rule is a horizontal line inside the box.
func (s styles) rule(w int) string {
	return s.border.Render("├"+strings.Repeat("─", w)+"┤") + "\n"
}

// bottomBorder closes the box.
func (s styles) bottomBorder(w int) string {
	return s.border.Render("╰" + strings.Repeat("─", w) + "╯")
}
