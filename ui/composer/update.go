package composer

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe/curl"
)

// Update handles keys and pastes while the composer has focus, and mouse clicks (which focus
// the field under the pointer).
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, CurlParsedMsg, tea.MouseClickMsg:
		m, cmd := m.update(msg)
		m.fitAreas() // the text may have gained or lost lines
		return m, cmd
	}
	// Nothing else concerns the composer. The root forwards it every message it does not know
	// (spinner ticks among them, several a second while a request runs), and fitting the
	// areas reads every field's whole text.
	return m, nil
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if !m.focused {
			return m, nil
		}
		return m.handleKey(msg)
	case tea.PasteMsg:
		if !m.focused {
			return m, nil
		}
		if isCurl(msg.Content) {
			return m, m.pasteCurl(msg.Content)
		}
		return m.forward(msg)
	case CurlParsedMsg:
		m.applyCurl(msg)
		return m, nil
	case tea.MouseClickMsg:
		return m.click(msg.Mouse())
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.KeyMap
	switch {
	case key.Matches(msg, km.Send):
		return m, m.send()
	case key.Matches(msg, km.Method):
		m.cycleMethod()
		return m, nil
	case key.Matches(msg, km.NextField):
		return m, m.focusField(min(m.field+1, numFields-1))
	case key.Matches(msg, km.PrevField):
		return m, m.focusField(max(m.field-1, 0))
	case key.Matches(msg, km.Back) && m.field != FieldURL:
		return m, m.focusField(FieldURL)
	}
	switch m.field {
	case FieldMethod:
		switch {
		case msg.String() == "space":
			m.cycleMethod()
			return m, nil
		case msg.String() == "enter", msg.String() == "down",
			msg.String() == "right" && m.method.Position() == len([]rune(m.method.Value())):
			return m, m.focusField(FieldURL)
		}
	case FieldURL:
		switch {
		case key.Matches(msg, km.SendFromURL):
			return m, m.send()
		case msg.String() == "up", msg.String() == "left" && m.url.Position() == 0:
			return m, m.focusField(FieldMethod)
		case msg.String() == "down":
			return m, m.focusField(FieldHeaders)
		}
	case FieldHeaders, FieldBody:
		a := m.area()
		switch {
		case msg.String() == "up" && onFirstRow(*a):
			return m, m.focusField(m.field - 1)
		case msg.String() == "down" && onLastRow(*a) && m.field == FieldHeaders:
			return m, m.focusField(FieldBody)
		}
	}
	return m.forward(msg)
}

// forward gives msg to the current field; any edit clears the error and the notice.
func (m Model) forward(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.field {
	case FieldMethod:
		m.method, cmd = m.method.Update(msg)
	case FieldURL:
		m.url, cmd = m.url.Update(msg)
	case FieldHeaders:
		m.headers, cmd = m.headers.Update(msg)
	case FieldBody:
		m.body, cmd = m.body.Update(msg)
	}
	m.err, m.notice = "", ""
	return m, cmd
}

// area returns the text area of the current field.
func (m *Model) area() *textarea.Model {
	if m.field == FieldBody {
		return &m.body
	}
	return &m.headers
}

// onFirstRow reports whether the cursor is on the first visual row of a.
func onFirstRow(a textarea.Model) bool {
	return a.Line() == 0 && a.LineInfo().RowOffset == 0
}

// onLastRow reports whether the cursor is on the last visual row of a.
func onLastRow(a textarea.Model) bool {
	li := a.LineInfo()
	return a.Line() == a.LineCount()-1 && li.RowOffset >= li.Height-1
}

// cycleMethod sets the method to the next one of Methods.
func (m *Model) cycleMethod() {
	m.method.SetValue(nextMethod(strings.TrimSpace(m.method.Value())))
	m.method.CursorEnd()
	m.err, m.notice = "", ""
}

// send validates the fields and returns the command that emits SendMsg, or shows the error.
func (m *Model) send() tea.Cmd {
	req, err := m.Request()
	if err != nil {
		m.err = err.Error()
		return nil
	}
	m.err, m.notice = "", ""
	return func() tea.Msg { return SendMsg{Request: req} }
}

// isCurl reports whether pasted text is a curl command line.
func isCurl(s string) bool {
	s = strings.TrimLeft(s, " \t\r\n$")
	return strings.HasPrefix(s, "curl ") || strings.HasPrefix(s, "curl\t") ||
		strings.HasPrefix(s, "curl\\") || strings.HasPrefix(s, "curl\n")
}

// CurlParsedMsg carries a pasted curl command that named a file (-d @file), parsed in a
// command so that Update does no I/O. The root must pass it back to the composer's Update.
type CurlParsedMsg struct {
	Command *curl.Command
	Err     error
}

// pasteCurl fills every field from a pasted curl command line, or shows why it could not
// (the fields are then kept as they were). A command that may read a file is parsed in the
// returned command instead.
func (m *Model) pasteCurl(text string) tea.Cmd {
	text = strings.TrimLeft(text, " \t\r\n$")
	if strings.Contains(text, "@") {
		return func() tea.Msg {
			c, err := curl.ParseCommand(text)
			return CurlParsedMsg{Command: c, Err: err}
		}
	}
	c, err := curl.ParseCommand(text)
	m.applyCurl(CurlParsedMsg{Command: c, Err: err})
	return nil
}

// applyCurl fills the fields from a parsed curl command, or shows its error.
func (m *Model) applyCurl(msg CurlParsedMsg) {
	if msg.Err != nil || msg.Command == nil {
		err := msg.Err
		if err == nil {
			err = errors.New("empty command")
		}
		m.err, m.notice = "curl command: "+err.Error(), ""
		return
	}
	m.SetRequest(msg.Command.Request)
	m.notice = "filled from the pasted curl command"
	ignored := msg.Command.Ignored
	if msg.Command.Output != "" {
		ignored = append(ignored[:len(ignored):len(ignored)], "-o") // the explorer saves no body
	}
	if len(ignored) > 0 {
		m.notice += " (ignored " + strings.Join(ignored, " ") + ")"
	}
	m.field = FieldURL
	if m.focused {
		m.focusField(FieldURL)
	}
}

// click focuses the field under the pointer.
func (m Model) click(mo tea.Mouse) (Model, tea.Cmd) {
	if mo.Button != tea.MouseLeft {
		return m, nil
	}
	l := m.layout()
	m.focused = true
	switch {
	case mo.Y == 0 && mo.X < methodWidth+1:
		return m, m.focusField(FieldMethod)
	case mo.Y == 0:
		return m, m.focusField(FieldURL)
	case l.headersH > 0 && mo.Y >= l.headersLabel && mo.Y < l.headersTop+l.headersH:
		return m, m.focusField(FieldHeaders)
	case l.bodyH > 0 && mo.Y >= l.bodyLabel && mo.Y < l.bodyTop+l.bodyH:
		return m, m.focusField(FieldBody)
	}
	return m, m.focusField(m.field)
}
