// Package search is the search line of the hsx terminal UI: a one-line field under a pane
// where a query is typed, the count of matches ("3/7"), and the keys that step through them.
// Find locates a query in the lines a pane shows and Highlight draws the matches over them;
// the pane keeps its matches and scrolls to them, the search line reports what was asked for
// as an Action.
package search

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/internal/cells"
	"github.com/hsx-dev/hsx/ui/theme"
)

// Action is what Update reports: nil, Changed, Jump or Closed.
type Action interface{ searchAction() }

// Changed says the query is now Query: the pane finds its matches again and shows the first
// at or after the top it had when the search began.
type Changed struct{ Query string }

// Jump asks the pane to go to a match: the first at or after the top of the view when First
// is set (enter after typing the query), else the next one (Dir 1) or the previous (Dir -1).
type Jump struct {
	First bool
	Dir   int
}

// Closed says the search line was closed: the pane drops its matches.
type Closed struct{}

func (Changed) searchAction() {}
func (Jump) searchAction()    {}
func (Closed) searchAction()  {}

// Model is the search line. The zero value is closed but not usable; build one with New.
type Model struct {
	// KeyMap holds the keys of the search line.
	KeyMap KeyMap
	// Styles are the line's and the matches' styles.
	Styles Styles

	input   textinput.Model
	open    bool
	editing bool   // the query has the keyboard
	last    string // the query of the previous search, which enter on an empty line repeats
	width   int
	cur     int // the current match, -1 for none
	total   int // how many matches there are
}

// New returns a closed search line drawn with th.
func New(th theme.Theme) Model {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 200
	m := Model{KeyMap: DefaultKeyMap(), input: in, cur: -1}
	m.SetTheme(th)
	return m
}

// SetTheme changes the colours.
func (m *Model) SetTheme(th theme.Theme) {
	m.Styles = NewStyles(th)
	st := m.input.Styles()
	st.Focused.Text = m.Styles.Count
	st.Blurred.Text = m.Styles.Count
	st.Focused.Placeholder = m.Styles.Hint
	st.Blurred.Placeholder = m.Styles.Hint
	m.input.SetStyles(st)
}

// SetWidth sets the width of the line in cells.
func (m *Model) SetWidth(w int) { m.width = max(w, 0) }

// Open opens the search line with an empty query and gives it the keyboard; an open line
// gets the keyboard back with its query. The previous query is offered as a placeholder.
func (m *Model) Open() tea.Cmd {
	if !m.open {
		m.open = true
		m.input.SetValue("")
		m.cur, m.total = -1, 0
	}
	m.editing = true
	m.input.Placeholder = ""
	if m.last != "" && m.input.Value() == "" {
		m.input.Placeholder = m.last + "  (enter repeats)"
	}
	m.input.CursorEnd()
	return m.input.Focus()
}

// Close closes the line, keeping its query for the next search.
func (m *Model) Close() {
	if q := m.input.Value(); q != "" {
		m.last = q
	}
	m.open, m.editing = false, false
	m.input.Blur()
}

// Blur takes the keyboard from the query (when its pane loses focus); the matches stay.
func (m *Model) Blur() {
	m.editing = false
	m.input.Blur()
}

// IsOpen reports whether the line is open.
func (m Model) IsOpen() bool { return m.open }

// Editing reports whether the query has the keyboard, so that plain keys are text.
func (m Model) Editing() bool { return m.open && m.editing }

// Query returns the query.
func (m Model) Query() string { return m.input.Value() }

// SetCount records which match is current (-1 for none) and how many there are, for the
// count the line shows.
func (m *Model) SetCount(cur, total int) { m.cur, m.total = cur, total }

// Handles reports whether Update takes key msg: the keys of the line while it is open and,
// while the query has the keyboard, anything that edits it.
func (m Model) Handles(msg tea.KeyPressMsg) bool {
	if !m.open {
		return false
	}
	k := m.KeyMap
	if key.Matches(msg, k.Next, k.Prev, k.Close) {
		return true
	}
	if !m.editing {
		return key.Matches(msg, k.NextPlain, k.PrevPlain)
	}
	return msg.Text != "" || editKey(m.input.KeyMap, msg)
}

// editKey reports whether msg is one of the text field's editing keys (not its suggestion
// keys: tab still moves between panes).
func editKey(k textinput.KeyMap, msg tea.KeyPressMsg) bool {
	return key.Matches(msg, k.CharacterForward, k.CharacterBackward, k.WordForward, k.WordBackward,
		k.DeleteWordBackward, k.DeleteWordForward, k.DeleteAfterCursor, k.DeleteBeforeCursor,
		k.DeleteCharacterBackward, k.DeleteCharacterForward, k.LineStart, k.LineEnd, k.Paste)
}

// Update handles a key the line Handles (and the text field's cursor blinks), and reports
// what the pane must do.
func (m Model) Update(msg tea.Msg) (Model, Action, tea.Cmd) {
	press, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m.edit(msg)
	}
	if !m.Handles(press) {
		return m, nil, nil
	}
	k := m.KeyMap
	switch {
	case key.Matches(press, k.Close):
		m.Close()
		return m, Closed{}, nil
	case m.editing && key.Matches(press, k.Next):
		m.editing = false
		m.input.Blur()
		if m.input.Value() == "" && m.last != "" {
			m.input.SetValue(m.last)
			return m, Changed{Query: m.last}, nil
		}
		return m, Jump{First: true}, nil
	case m.editing && key.Matches(press, k.Prev):
		m.editing = false
		m.input.Blur()
		return m, Jump{Dir: -1}, nil
	case !m.editing && key.Matches(press, k.Next, k.NextPlain):
		return m, Jump{Dir: 1}, nil
	case !m.editing && key.Matches(press, k.Prev, k.PrevPlain):
		return m, Jump{Dir: -1}, nil
	}
	return m.edit(press)
}

// edit hands msg (a key, a paste, a cursor blink) to the text field, and reports a change of
// the query.
func (m Model) edit(msg tea.Msg) (Model, Action, tea.Cmd) {
	if !m.Editing() {
		return m, nil, nil
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if q := m.input.Value(); q != before {
		return m, Changed{Query: q}, cmd
	}
	return m, nil, cmd
}

// View draws the line, exactly its width: "/" and the query, and at the right the count, or
// a note that nothing matches.
func (m Model) View() string {
	if !m.open || m.width <= 0 {
		return ""
	}
	st := m.Styles
	var right string
	switch q := m.input.Value(); {
	case q == "" && m.editing:
		right = st.Hint.Render("type to search · esc")
	case q == "":
		right = ""
	case m.total == 0:
		right = st.NoMatch.Render("no match")
	case m.cur < 0:
		right = st.Count.Render(fmt.Sprintf("%d matches", m.total))
	default:
		right = st.Count.Render(fmt.Sprintf("%d/%d", m.cur+1, m.total))
	}
	if !m.editing && m.total > 0 && m.width >= 48 {
		right += st.Hint.Render("  n/N · esc")
	}
	if right != "" {
		right = " " + right + " "
	}
	prompt := st.Prompt.Render("/")
	room := max(m.width-ansi.StringWidth(prompt)-ansi.StringWidth(right)-1, 1)
	in := m.input
	in.SetWidth(room)
	left := prompt + cells.Fit(in.View(), room+1, "…")
	return cells.Fit(left+right, m.width, "…")
}
