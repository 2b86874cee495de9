package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/layout"
	"github.com/hsx-dev/hsx/ui/picker"
	"github.com/hsx-dev/hsx/ui/theme"
)

// helpMaxWidth is the widest the help box gets: three columns of keys.
const helpMaxWidth = 150

// helpStyles are the hint bar's styles for th.
func helpStyles(th theme.Theme) help.Styles {
	s := help.DefaultStyles(th.Dark)
	s.ShortKey = lipgloss.NewStyle().Foreground(th.Accent)
	s.ShortDesc = lipgloss.NewStyle().Foreground(th.Muted)
	s.ShortSeparator = lipgloss.NewStyle().Foreground(th.Subtle)
	s.Ellipsis = s.ShortSeparator
	return s
}

// helpGroup is one titled block of the full help.
type helpGroup struct {
	title string
	keys  []key.Binding
}

// helpGroups lists every key of the explorer, the focused pane's first after the global ones.
func (m Model) helpGroups() []helpGroup {
	flat := func(groups [][]key.Binding) []key.Binding {
		var out []key.Binding
		for _, g := range groups {
			out = append(out, g...)
		}
		return out
	}
	panes := []helpGroup{
		{"Request (composer)", flat(m.composer.KeyMap.FullHelp())},
		{"Response", flat(m.results.KeyMap.FullHelp())},
		{"Explainer", flat(m.explainer.KeyMap.FullHelp())},
	}
	first := panes[m.focus]
	rest := append(append([]helpGroup(nil), panes[:m.focus]...), panes[m.focus+1:]...)
	out := []helpGroup{{"Everywhere", flat(m.Keys.FullHelp())}, {"Request options (any pane)", m.composer.KeyMap.OptionKeys()}, first}
	out = append(out, rest...)
	hk := m.HistoryKeys
	out = append(out, helpGroup{"History list (f4)", []key.Binding{hk.Delete, hk.Clear, hk.All}})
	out = append(out, helpGroup{"Search, explainer history", append(m.Keys.FindHelp(), flat(m.find.KeyMap.FullHelp())...)})
	return append(out, helpGroup{"Lists (codes, lab, history)", flat(picker.DefaultKeyMap().FullHelp())})
}

// helpLines lays the help groups out in as many columns as fit in width w.
func (m Model) helpLines(w int) []string {
	keyStyle := lipgloss.NewStyle().Foreground(m.th.Accent)
	descStyle := lipgloss.NewStyle().Foreground(m.th.Fg)
	titleStyle := lipgloss.NewStyle().Foreground(m.th.Fg).Bold(true).Underline(true)
	var blocks [][]string
	colW := 0
	for _, g := range m.helpGroups() {
		kw := 0
		for _, b := range g.keys {
			if b.Enabled() {
				kw = max(kw, ansi.StringWidth(b.Help().Key))
			}
		}
		block := []string{titleStyle.Render(g.title)}
		for _, b := range g.keys {
			if !b.Enabled() {
				continue
			}
			h := b.Help()
			line := keyStyle.Render(h.Key+strings.Repeat(" ", kw-ansi.StringWidth(h.Key))) + "  " + descStyle.Render(h.Desc)
			block = append(block, line)
			colW = max(colW, ansi.StringWidth(line))
		}
		blocks = append(blocks, append(block, ""))
	}
	colW = min(colW, w)
	cols := max(1, (w+3)/(colW+3))
	return flowColumns(blocks, cols, colW)
}

// flowColumns puts blocks into cols columns of width colW, top to bottom then left to right,
// keeping the tallest column as short as the order of the blocks allows.
func flowColumns(blocks [][]string, cols, colW int) []string {
	total := 0
	for _, b := range blocks {
		total += len(b)
	}
	target := (total + cols - 1) / cols
	for target < total && columnsAt(blocks, target) > cols {
		target++
	}
	columns := make([][]string, 1, cols)
	for _, b := range blocks {
		c := &columns[len(columns)-1]
		if len(*c) > 0 && len(*c)+len(b) > target && len(columns) < cols {
			columns = append(columns, nil)
			c = &columns[len(columns)-1]
		}
		*c = append(*c, b...)
	}
	rows := 0
	for _, c := range columns {
		rows = max(rows, len(c))
	}
	out := make([]string, rows)
	for r := range out {
		var b strings.Builder
		for i, c := range columns {
			cell := ""
			if r < len(c) {
				cell = c[r]
			}
			if i > 0 {
				b.WriteString("   ")
			}
			b.WriteString(fit(cell, colW))
		}
		out[r] = strings.TrimRight(b.String(), " ")
	}
	return out
}

// columnsAt is how many columns blocks take when a column ends before the block that would
// take it past target lines.
func columnsAt(blocks [][]string, target int) int {
	n, h := 1, 0
	for _, b := range blocks {
		if h > 0 && h+len(b) > target {
			n, h = n+1, 0
		}
		h += len(b)
	}
	return n
}

// helpPage returns the lines of the full help at the current size, and how many of them the
// help box shows at once.
func (m Model) helpPage() (lines []string, visible int) {
	lines = m.helpLines(min(m.width-4, helpMaxWidth) - 4)
	return lines, max(min(len(lines)+2, m.height-3)-2, 1)
}

// helpBox is the full help screen: a box of key lists, scrolled to helpTop.
func (m Model) helpBox() (string, layout.Rect) {
	lines, visible := m.helpPage()
	w := 0
	for _, l := range lines {
		w = max(w, ansi.StringWidth(l))
	}
	w = min(w+4, m.width-2)
	h := min(len(lines)+2, m.height-3)
	top := min(m.helpTop, max(len(lines)-visible, 0))
	body := slices.Clone(lines[top:min(top+visible, len(lines))])
	footer := "esc close"
	if len(lines) > visible {
		footer = "↑↓ scroll · esc close"
	}
	for i, l := range body {
		body[i] = " " + l
	}
	box := m.box("Keys", footer, body, w, h, true)
	return box, layout.Rect{X: (m.width - w) / 2, Y: max((m.height-1-h)/2, 0), W: w, H: h}
}

// helpKey scrolls or closes the help screen.
func (m *Model) helpKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc", "f1", "?", "q", "enter":
		m.helpTop = -1
	case "down", "j":
		m.helpTop++
	case "up", "k":
		m.helpTop = max(m.helpTop-1, 0)
	case "pgdown", "space":
		m.helpTop += 10
	case "pgup":
		m.helpTop = max(m.helpTop-10, 0)
	case "home", "g":
		m.helpTop = 0
	}
	m.clampHelp()
	return nil
}

// helpMouse scrolls the help with the wheel; a click closes it.
func (m *Model) helpMouse(msg tea.MouseMsg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelDown {
			m.helpTop += 3
		} else if msg.Button == tea.MouseWheelUp {
			m.helpTop = max(m.helpTop-3, 0)
		}
		m.clampHelp()
	case tea.MouseClickMsg:
		m.helpTop = -1
	}
	return nil
}

// clampHelp keeps helpTop within the help's lines.
func (m *Model) clampHelp() {
	if m.helpTop < 0 {
		return
	}
	lines, visible := m.helpPage()
	m.helpTop = min(m.helpTop, max(len(lines)-visible, 0))
}
