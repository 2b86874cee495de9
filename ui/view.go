package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/internal/cells"
	"github.com/hsx-dev/hsx/ui/layout"
	"github.com/hsx-dev/hsx/ui/theme"
)

// View draws the screen: the panes in their boxes, the hint bar, and on top the open overlay
// or help, and the key badge of presentation mode.
func (m Model) View() tea.View {
	return frame(m.screen())
}

// frame is the view of a screen's text, with the terminal modes the explorer runs in.
func frame(screen string) tea.View {
	v := tea.NewView(screen)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "hsx"
	return v
}

// screen renders the whole screen as text: exactly height lines of exactly width cells.
func (m Model) screen() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.lay.TooSmall {
		return m.tooSmall()
	}
	c := newCanvas(m.width, m.height)
	for _, p := range m.lay.PanesByX() {
		r := m.lay.Pane(p)
		c.put(r.X, r.Y, strings.Split(m.pane(p, r), "\n"))
	}
	c.put(0, m.lay.Hint.Y, []string{m.hintBar()})
	switch {
	case m.helpTop >= 0:
		box, r := m.helpBox()
		c.overlay(r.X, r.Y, strings.Split(box, "\n"))
	case m.overlay.open():
		r := m.overlayRect()
		c.overlay(r.X, r.Y, strings.Split(m.overlay.p.View(), "\n"))
	}
	if b := m.badgeView(); b != "" {
		lines := strings.Split(b, "\n")
		w := ansi.StringWidth(lines[0])
		c.overlay(max(m.width-w-3, 0), max(m.height-5, 0), lines)
	}
	return c.String()
}

// paneTitle is the title set into the border of pane p.
func paneTitle(p layout.Pane) string {
	switch p {
	case layout.Composer:
		return "Request"
	case layout.Results:
		return "Response"
	}
	return "Explainer"
}

// pane draws pane p in its box of outer rectangle r.
func (m Model) pane(p layout.Pane, r layout.Rect) string {
	var content string
	switch p {
	case layout.Composer:
		content = m.composer.View()
	case layout.Results:
		content = m.results.View()
	case layout.Explainer:
		content = m.explainer.View()
	}
	if m.find.IsOpen() && p == m.findPane && !m.inner(p).Empty() && m.inner(p).H > 2 {
		content += "\n" + m.searchLine()
	}
	title := paneTitle(p)
	if m.zoom {
		title += " (zoomed: esc)"
	}
	return m.box(title, m.paneFooter(p, r), strings.Split(content, "\n"), r.W, r.H, p == m.focus)
}

// shortExplainer is the outer height below which a stacked explainer without focus says how to
// give it more room.
const shortExplainer = 12

// paneFooter is the text set into the bottom border of pane p of outer rectangle r: for a short
// explainer below the response, the key that gives it the larger share.
func (m Model) paneFooter(p layout.Pane, r layout.Rect) string {
	if p != layout.Explainer || m.lay.Wide || m.zoom || m.focus == layout.Explainer || r.H >= shortExplainer {
		return ""
	}
	next := m.Keys.Next.Help().Key
	if m.focus == layout.Composer {
		next = "shift+tab"
	}
	return next + ": read here, with more room"
}

// box draws lines in a rounded box of w×h cells with title (and footer) set into the border.
// Lines are padded or cut to the inside width, and the inside is filled to its height, so that a
// box never breaks however its content misbehaves.
func (m Model) box(title, footer string, lines []string, w, h int, focused bool) string {
	if w < 2 || h < 2 {
		return ""
	}
	border := lipgloss.NewStyle().Foreground(m.th.Border)
	head := lipgloss.NewStyle().Foreground(m.th.Muted)
	if focused {
		border = border.Foreground(m.th.FocusBorder)
		head = head.Foreground(m.th.Accent).Bold(true)
	}
	padX := 0
	if m.opts.Present {
		padX = 1
	}
	inner := w - 2
	out := make([]string, 0, h)
	out = append(out, edge(border, head, "╭", "╮", title, inner))
	side := border.Render("│")
	gap := strings.Repeat(" ", padX)
	for i := 0; i < h-2; i++ {
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		out = append(out, side+gap+fit(l, inner-2*padX)+gap+side)
	}
	out = append(out, edge(border, lipgloss.NewStyle().Foreground(m.th.Muted), "╰", "╯", footer, inner))
	return strings.Join(out, "\n")
}

// edge is a top or bottom border line with an optional label after two dashes.
func edge(border, label lipgloss.Style, left, right, text string, inner int) string {
	if text == "" || inner < 6 {
		return border.Render(left + strings.Repeat("─", max(inner, 0)) + right)
	}
	t := " " + text + " "
	if ansi.StringWidth(t) > inner-2 {
		t = ansi.Truncate(t, inner-2, "…")
	}
	rest := inner - 1 - ansi.StringWidth(t)
	return border.Render(left+"─") + label.Render(t) + border.Render(strings.Repeat("─", rest)+right)
}

// minHintRoom is the least room worth giving the key hints beside a notice.
const minHintRoom = 24

// hintBar is the one-line help at the bottom: the keys that matter now on the left, and at the
// right a transient notice, a warning that stays until seen, or the way to the full help; none
// of these is cut off while it fits the width.
func (m Model) hintBar() string {
	w := m.width
	var right string
	alert := m.notice.text != "" || m.warnHistory
	switch {
	case m.notice.text != "":
		st := lipgloss.NewStyle().Foreground(m.th.Accent)
		if m.notice.level == noticeError {
			st = lipgloss.NewStyle().Foreground(m.th.Error)
		}
		right = st.Render(ansi.Truncate(m.notice.text, max(w-2, 10), "…"))
	case m.warnHistory:
		right = lipgloss.NewStyle().Foreground(m.th.Warning).Render(ansi.Truncate(m.historyWarning(w-2), max(w-2, 10), "…"))
	case m.helpTop < 0:
		right = m.help.ShortHelpView([]key.Binding{m.Keys.Help})
	}
	h := m.help
	room := w - ansi.StringWidth(right) - 3 // a space at each end and one before right
	if alert && room < minHintRoom {
		// A long notice (an error that names what was typed) or warning gets the whole bar:
		// the keys come back when it is gone.
		return " " + fit(right, max(w-1, 0))
	}
	h.SetWidth(max(room, 0))
	return " " + fit(h.ShortHelpView(m.hintKeys()), room) + " " + right + " "
}

// historyWarning is the hint bar's warning about a damaged history file, pointing to the
// history list, which says where the file went: the longer wording when it fits in w cells.
func (m Model) historyWarning(w int) string {
	mark, key := theme.Glyph(check.Warning), m.Keys.History.Keys()[0]
	if s := mark + " history was damaged and set aside · see " + key; ansi.StringWidth(s) <= w {
		return s
	}
	return mark + " history damaged, set aside · " + key
}

// hintKeys are the keys the hint bar offers: the overlay's, or the focused pane's and the
// global ones.
func (m Model) hintKeys() []key.Binding {
	switch {
	case m.helpTop >= 0:
		return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close help"))}
	case m.overlay.open():
		return m.overlay.p.ShortHelp()
	}
	var pane []key.Binding
	switch {
	case m.find.Editing():
		return []key.Binding{m.find.KeyMap.Next, m.find.KeyMap.Close}
	case m.find.IsOpen() && m.focus == m.findPane:
		pane = m.find.KeyMap.ShortHelp()
	case m.focus == layout.Composer:
		pane = m.composer.ShortHelp()
	case m.focus == layout.Results:
		pane = m.results.HintKeys()
	case m.focus == layout.Explainer:
		pane = m.explainer.KeyMap.ShortHelp()
	}
	global := m.Keys.ShortHelp()
	if m.inflight != nil {
		global = append([]key.Binding{m.Keys.Cancel}, global...)
	}
	return append(global[:1:1], append(pane, global[1:]...)...)
}

// badgeView is the last key pressed, boxed, while presenting.
func (m Model) badgeView() string {
	if m.badge.text == "" {
		return ""
	}
	return lipgloss.NewStyle().
		Border(lipgloss.RoundedBorder()).BorderForeground(m.th.Accent).
		Foreground(m.th.Fg).Bold(true).Padding(0, 1).
		Render("⌨ " + m.badge.text)
}

// tooSmall is the screen of a terminal too small for the panes.
func (m Model) tooSmall() string {
	msg := fmt.Sprintf("hsx needs at least %d×%d cells; this terminal has %d×%d.\nEnlarge it, or press ctrl+c to quit.",
		layout.MinWidth, layout.MinHeight, m.width, m.height)
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center,
		lipgloss.NewStyle().Width(max(m.width-2, 1)).Align(lipgloss.Center).Render(msg))
}

// fit pads or cuts s to exactly w cells.
func fit(s string, w int) string { return cells.Fit(s, w, "…") }
