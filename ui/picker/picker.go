// Package picker is the overlay list of the hsx terminal UI: a titled box with a filter line
// and a list of items that narrows as the user types. The root model uses it to choose a status
// code, a lab scenario, a history entry or a section of the explainer.
//
// A picker reports the outcome as the Action its Update returns: Chosen when an item is chosen
// (enter or a click), Closed when it is dismissed (esc). Both carry the picker's ID, so the
// owner knows which list answered. The owner applies the action in the same Update, so a key
// that follows at once already finds the picker gone.
package picker

import (
	"fmt"
	"image/color"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/probe/termsafe"
	"github.com/hsx-dev/hsx/ui/internal/cells"
	"github.com/hsx-dev/hsx/ui/theme"
)

// Item is one entry of the list.
type Item struct {
	// Title is the main text of the row.
	Title string
	// Detail is shown after the title in a muted color.
	Detail string
	// Filter is extra text the filter matches, not shown.
	Filter string
	// Color, when set, colors the title (a status code's class color, say).
	Color color.Color
}

// Action is what Update reports to the picker's owner: nil when nothing was decided, else a
// Chosen or a Closed.
type Action interface{ pickerAction() }

// Chosen reports the item chosen in the picker with the given ID.
type Chosen struct {
	ID    string
	Index int // index in the items given to New
	Item  Item
}

// Closed reports that the picker with the given ID was dismissed.
type Closed struct{ ID string }

// Pressed reports a key given to SetActions, pressed in the picker with the given ID.
type Pressed struct {
	ID string
	// Action is the index of the key in the bindings given to SetActions.
	Action int
	// Index is the selected item's index in the items given to New, or -1 when none is.
	Index int
}

func (Chosen) pickerAction()  {}
func (Closed) pickerAction()  {}
func (Pressed) pickerAction() {}

// Model is a picker.
type Model struct {
	// KeyMap is the picker's key bindings.
	KeyMap KeyMap

	id, title string
	items     []Item
	matches   []int  // indexes into items, in display order
	cursor    int    // index into matches
	offset    int    // first visible row
	filter    string // what was typed
	titleW    int    // the widest item title, in cells
	detailW   int    // the widest item detail, in cells
	st        styles
	maxW      int
	maxH      int
	empty     string // shown when there are no items at all
	note      []string
	actions   []key.Binding // the owner's keys, reported as Pressed
}

// New returns a picker with the given ID and title over items; it starts with an empty filter
// and the first item selected. Item text is made terminal-safe here.
func New(th theme.Theme, id, title string, items []Item) Model {
	m := Model{KeyMap: DefaultKeyMap(), id: id, title: title, items: make([]Item, len(items)),
		maxW: 80, maxH: 20, empty: "nothing here yet"}
	for i, it := range items {
		it.Title = termsafe.String(it.Title, termsafe.Line)
		it.Detail = termsafe.String(it.Detail, termsafe.Line)
		m.items[i] = it
		m.titleW = max(m.titleW, ansi.StringWidth(it.Title))
		m.detailW = max(m.detailW, ansi.StringWidth(it.Detail))
	}
	m.SetTheme(th)
	m.refilter()
	return m
}

// SetEmptyText sets what the list says when it has no items at all.
func (m *Model) SetEmptyText(s string) { m.empty = s }

// SetNote sets lines to show in a warning color between the filter and the list, each wrapped
// to the box (which widens for them, within its maximum); no lines remove the note. The text is
// made terminal-safe here.
func (m *Model) SetNote(lines ...string) {
	m.note = make([]string, len(lines))
	for i, l := range lines {
		m.note[i] = termsafe.String(l, termsafe.Line)
	}
	m.clampOffset()
}

// SetActions sets keys of the owner's that act on the list (delete the selected item, say):
// Update reports a Pressed for each, and the footer and ShortHelp list them. They are matched
// before the filter sees a key, so they should not be printable characters.
func (m *Model) SetActions(keys ...key.Binding) { m.actions = keys }

// ShortHelp returns the keys for the one-line hint bar: the owner's actions among them.
func (m Model) ShortHelp() []key.Binding {
	k := m.KeyMap.ShortHelp()
	return append(append(k[:len(k)-1:len(k)-1], m.actions...), k[len(k)-1])
}

// SetSize sets the largest box the picker may draw, in cells; it draws a smaller one when its
// items need less.
func (m *Model) SetSize(w, h int) {
	m.maxW, m.maxH = max(w, 20), max(h, 6)
	m.clampOffset()
}

// SetTheme changes the colors.
func (m *Model) SetTheme(th theme.Theme) {
	m.st = newStyles(th)
}

// Select moves the selection to the item with index i in the items given to New, if it is shown.
func (m *Model) Select(i int) {
	for pos, idx := range m.matches {
		if idx == i {
			m.cursor = pos
			m.clampOffset()
			return
		}
	}
}

// Selected returns the index (in the items given to New) of the selected item, or -1.
func (m Model) Selected() int {
	if m.cursor < 0 || m.cursor >= len(m.matches) {
		return -1
	}
	return m.matches[m.cursor]
}

// Filter returns the filter text.
func (m Model) Filter() string { return m.filter }

// SetFilter replaces the filter text.
func (m *Model) SetFilter(s string) {
	m.filter = s
	m.refilter()
}

// Len returns the number of items that match the filter.
func (m Model) Len() int { return len(m.matches) }

// Update handles keys (list movement, choose, close, and everything else typed into the
// filter), pastes, the mouse wheel and clicks, and returns what was decided, if anything. Mouse
// coordinates are relative to the box's top left corner.
func (m Model) Update(msg tea.Msg) (Model, Action) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		m.SetFilter(m.filter + strings.Join(strings.Fields(msg.Content), " "))
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.move(-1)
		case tea.MouseWheelDown:
			m.move(1)
		}
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft {
			return m, nil
		}
		top := m.listTop()
		row := msg.Y - top + m.offset
		if msg.Y >= top && row < len(m.matches) && msg.Y < top+m.listHeight() {
			m.cursor = row
			return m, m.choose()
		}
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (Model, Action) {
	k := m.KeyMap
	for i, a := range m.actions {
		if key.Matches(msg, a) {
			return m, Pressed{ID: m.id, Action: i, Index: m.Selected()}
		}
	}
	switch {
	case key.Matches(msg, k.Close):
		return m, Closed{ID: m.id}
	case key.Matches(msg, k.Choose):
		return m, m.choose()
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-m.listHeight())
	case key.Matches(msg, k.PageDown):
		m.move(m.listHeight())
	default:
		m.edit(msg)
	}
	return m, nil
}

// edit applies a key to the filter text: printable text is appended, backspace removes the last
// character, ctrl+w the last word and ctrl+u everything.
func (m *Model) edit(msg tea.KeyPressMsg) {
	f := m.filter
	switch msg.String() {
	case "backspace", "ctrl+h":
		if r := []rune(f); len(r) > 0 {
			f = string(r[:len(r)-1])
		}
	case "ctrl+w", "alt+backspace":
		f = strings.TrimRight(f, " ")
		f = f[:strings.LastIndex(f, " ")+1]
	case "ctrl+u":
		f = ""
	default:
		if msg.Text == "" || msg.Mod&^tea.ModShift != 0 {
			return
		}
		f += msg.Text
	}
	if f != m.filter {
		m.SetFilter(f)
	}
}

// choose reports the selected item, or nil when nothing matches.
func (m Model) choose() Action {
	i := m.Selected()
	if i < 0 {
		return nil
	}
	return Chosen{ID: m.id, Index: i, Item: m.items[i]}
}

// move moves the selection by n rows, within the list.
func (m *Model) move(n int) {
	if len(m.matches) == 0 {
		return
	}
	m.cursor = max(0, min(m.cursor+n, len(m.matches)-1))
	m.clampOffset()
}

// refilter recomputes the matches and selects the first.
func (m *Model) refilter() {
	m.matches = match(m.items, m.filter)
	m.cursor, m.offset = 0, 0
}

// clampOffset scrolls the list so that the selected row is visible.
func (m *Model) clampOffset() {
	h := m.listHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(0, min(m.offset, len(m.matches)-h))
}

// The box: border, filter line, rule, [note lines, rule,] list rows, rule, footer line, border.
const (
	listTop     = 3 // box row of the first list row, without a note
	chromeLines = 6 // rows that are not list rows, without a note
)

// noteLines is the note wrapped to the box, each line with a margin; none without a note.
func (m Model) noteLines() []string {
	if len(m.note) == 0 {
		return nil
	}
	w := max(m.innerWidth()-2, 1)
	var out []string
	for _, l := range m.note {
		for _, part := range strings.Split(ansi.Wrap(l, w, "/"), "\n") {
			out = append(out, " "+part)
		}
	}
	return out
}

// noteRows is how many rows the note takes, its rule included.
func (m Model) noteRows() int {
	if n := len(m.noteLines()); n > 0 {
		return n + 1
	}
	return 0
}

// listTop is the box row of the first list row.
func (m Model) listTop() int { return listTop + m.noteRows() }

// listHeight is the number of list rows that fit.
func (m Model) listHeight() int {
	return max(1, min(m.maxH-chromeLines-m.noteRows(), max(len(m.items), 1)))
}

// innerWidth is the width inside the border.
func (m Model) innerWidth() int {
	return m.width() - 2
}

// width is the box width: wide enough for the longest row, within the maximum.
func (m Model) width() int {
	want := max(ansi.StringWidth(m.title)+8, m.titleW+m.detailW+8,
		ansi.StringWidth(m.footerText(len(m.items), len(m.items)))+2)
	for _, l := range m.note {
		want = max(want, ansi.StringWidth(l)+4)
	}
	return max(24, min(want, m.maxW))
}

// Size returns the width and height of the box View draws.
func (m Model) Size() (w, h int) {
	return m.width(), m.listHeight() + chromeLines + m.noteRows()
}

// View draws the box.
func (m Model) View() string {
	w := m.innerWidth()
	var b strings.Builder
	b.WriteString(m.st.topBorder(m.title, w))
	m.line(&b, m.filterLine(), w)
	b.WriteString(m.st.rule(w))
	if note := m.noteLines(); len(note) > 0 {
		for _, l := range note {
			m.line(&b, m.st.note.Render(l), w)
		}
		b.WriteString(m.st.rule(w))
	}
	h := m.listHeight()
	for r := 0; r < h; r++ {
		m.line(&b, m.row(m.offset+r, w), w)
	}
	b.WriteString(m.st.rule(w))
	m.line(&b, m.footer(), w)
	b.WriteString(m.st.bottomBorder(w))
	return strings.TrimSuffix(b.String(), "\n")
}

// line writes one bordered line of exactly w inner cells.
func (m Model) line(b *strings.Builder, s string, w int) {
	b.WriteString(m.st.border.Render("│"))
	b.WriteString(cells.Fit(s, w, "…"))
	b.WriteString(m.st.border.Render("│"))
	b.WriteByte('\n')
}

// row renders list row r (an index into matches), or a blank or a note.
func (m Model) row(r, w int) string {
	if len(m.matches) == 0 {
		if r != 0 {
			return ""
		}
		if len(m.items) == 0 {
			return m.st.muted.Render(" " + m.empty)
		}
		return m.st.muted.Render(" no match for " + termsafe.String(m.filter, termsafe.Line))
	}
	if r >= len(m.matches) {
		return ""
	}
	it := m.items[m.matches[r]]
	title, muted, plain := m.st.title, m.st.muted, m.st.plain
	mark := "  "
	if r == m.cursor {
		title, muted, plain = title.Inherit(m.st.selected), muted.Inherit(m.st.selected), m.st.selected
		mark = "▸ "
	}
	if it.Color != nil {
		title = title.Foreground(it.Color)
	}
	tw := m.titleWidth(w)
	t := it.Title
	if ansi.StringWidth(t) > tw {
		t = ansi.Truncate(t, tw, "…")
	}
	s := plain.Render(mark) + title.Render(t)
	if it.Detail != "" {
		s += plain.Render(strings.Repeat(" ", tw-ansi.StringWidth(t)+2)) + muted.Render(it.Detail)
	}
	if sw := ansi.StringWidth(s); sw < w {
		s += plain.Render(strings.Repeat(" ", w-sw))
	}
	return s
}

// titleWidth is the width of the title column for an inner width of w: the longest title when
// it fits beside the longest detail, otherwise what is left beside the details, but at least
// half the row, or the longest title when that is less.
func (m Model) titleWidth(w int) int {
	tw, dw := m.titleW, m.detailW
	room := w - 4 // the marker, and the gap before the detail
	if dw > 0 && tw+dw > room {
		tw = min(tw, max(room-dw, room/2)) // never wider than the titles need
	}
	return max(min(tw, room), 1)
}

// filterLine shows the filter text with a cursor, or a placeholder.
func (m Model) filterLine() string {
	prompt := m.st.heading.Render("› ")
	if m.filter == "" {
		return prompt + m.st.cursor.Render(" ") + m.st.muted.Render("type to filter")
	}
	return prompt + m.st.title.Render(termsafe.String(m.filter, termsafe.Line)) + m.st.cursor.Render(" ")
}

// footer says how many items match and what the keys do.
func (m Model) footer() string {
	pos := 0
	if len(m.matches) > 0 {
		pos = m.cursor + 1
	}
	return m.st.muted.Render(m.footerText(pos, len(m.matches)))
}

// footerText is the footer's text for item pos of n.
func (m Model) footerText(pos, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, " %d/%d · ↑↓ move · enter choose", pos, n)
	for _, a := range m.actions {
		if a.Enabled() {
			b.WriteString(" · " + a.Help().Key + " " + a.Help().Desc)
		}
	}
	b.WriteString(" · esc close")
	return b.String()
}
