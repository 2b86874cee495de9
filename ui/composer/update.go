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
// the field under the pointer). It reports what the owner must do, if anything, as an Action.
func (m Model) Update(msg tea.Msg) (Model, Action, tea.Cmd) {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, CurlParsedMsg, tea.MouseClickMsg:
		m, act, cmd := m.update(msg)
		m.fitAreas() // the text may have gained or lost lines
		return m, act, cmd
	}
	// Nothing else concerns the composer. The root forwards it every message it does not know
	// (spinner ticks among them, several a second while a request runs), and fitting the
	// areas reads every field's whole text.
	return m, nil, nil
}

func (m Model) update(msg tea.Msg) (Model, Action, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if !m.focused {
			return m, nil, nil
		}
		if m.drafting {
			m, cmd := m.draftKey(msg)
			return m, nil, cmd
		}
		return m.handleKey(msg)
	case tea.PasteMsg:
		if !m.focused {
			return m, nil, nil
		}
		if isCurl(msg.Content) {
			return m, nil, m.pasteCurl(msg.Content)
		}
		m, cmd := m.forward(msg)
		return m, nil, cmd
	case CurlParsedMsg:
		m.applyCurl(msg)
	case tea.MouseClickMsg:
		m, cmd := m.click(msg.Mouse())
		return m, nil, cmd
	}
	return m, nil, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (Model, Action, tea.Cmd) {
	km := m.KeyMap
	switch {
	case key.Matches(msg, km.Send):
		return m.submit()
	case key.Matches(msg, km.Method):
		m.cycleMethod()
		return m, nil, nil
	case key.Matches(msg, km.Insecure):
		m.ToggleInsecure()
		return m, nil, nil
	case key.Matches(msg, km.Redirects):
		m.ToggleRedirects()
		return m, nil, nil
	case key.Matches(msg, km.NextField):
		return m, nil, m.focusField(min(m.field+1, numFields-1))
	case key.Matches(msg, km.PrevField):
		return m, nil, m.focusField(max(m.field-1, 0))
	case key.Matches(msg, km.Back) && m.field != FieldURL:
		return m, nil, m.focusField(FieldURL)
	}
	switch m.field {
	case FieldMethod:
		switch {
		case msg.String() == "space":
			m.cycleMethod()
			return m, nil, nil
		case msg.String() == "enter", msg.String() == "down",
			msg.String() == "right" && m.method.Position() == len([]rune(m.method.Value())):
			return m, nil, m.focusField(FieldURL)
		case m.methodSel:
			if m.replaceMethod(msg) {
				return m, nil, nil
			}
		}
	case FieldURL:
		switch {
		case key.Matches(msg, km.SendFromURL):
			return m.submit()
		case msg.String() == "up", msg.String() == "left" && m.url.Position() == 0:
			return m, nil, m.focusField(FieldMethod)
		case msg.String() == "down":
			return m, nil, m.focusField(FieldOptions)
		}
	case FieldOptions:
		switch {
		case key.Matches(msg, km.SendFromURL):
			return m.submit()
		case msg.String() == "up":
			return m, nil, m.focusField(FieldURL)
		case msg.String() == "down":
			return m, nil, m.focusField(FieldHeaders)
		}
	case FieldHeaders, FieldBody:
		a := m.area()
		switch {
		case msg.String() == "up" && onFirstRow(*a):
			return m, nil, m.focusField(m.field - 1)
		case msg.String() == "down" && onLastRow(*a) && m.field == FieldHeaders:
			return m, nil, m.focusField(FieldBody)
		}
	}
	m, cmd := m.forward(msg)
	return m, nil, cmd
}

// replaceMethod applies key msg to the selected method: a character starts a new method in its
// place and backspace or delete clears it; any other key ends the selection and keeps the text.
// It reports whether msg was used up.
func (m *Model) replaceMethod(msg tea.KeyPressMsg) bool {
	m.methodSel = false
	switch {
	case msg.Text != "" && msg.Mod&^tea.ModShift == 0:
		m.method.SetValue("") // the character itself goes in through forward
	case msg.String() == "backspace", msg.String() == "delete":
		m.method.SetValue("")
		m.err, m.notice = "", ""
		return true
	}
	return false
}

// submit reports the request to be sent, or shows why it cannot be.
func (m Model) submit() (Model, Action, tea.Cmd) {
	req, cmd, ok := m.Submit()
	if !ok {
		return m, nil, cmd
	}
	return m, Send{Request: req}, nil
}

// forward gives msg to the current field; any edit clears the error and the notice. A paste
// replaces a selected method, as typing does.
func (m Model) forward(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	if m.drafting {
		m.draft, cmd = m.draft.Update(msg)
		return m, cmd // the error stays in sight while the command is being fixed
	}
	switch m.field {
	case FieldMethod:
		if _, ok := msg.(tea.PasteMsg); ok && m.methodSel {
			m.method.SetValue("")
		}
		m.methodSel = false
		m.method, cmd = m.method.Update(msg)
	case FieldURL:
		m.url, cmd = m.url.Update(msg)
	case FieldOptions:
		m.options, cmd = m.options.Update(msg)
	case FieldHeaders:
		m.headers, cmd = m.headers.Update(msg)
	case FieldBody:
		m.body, cmd = m.body.Update(msg)
	}
	m.err, m.notice = "", ""
	return m, cmd
}

// draftKey handles a key while a pasted command that did not parse is open: Retry (enter or the
// send key) tries it again, Drop (esc) drops it and goes back to the fields as they were,
// everything else edits it.
func (m Model) draftKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.KeyMap
	switch {
	case key.Matches(msg, km.Retry), key.Matches(msg, km.Send):
		return m, m.pasteCurl(m.draft.Value())
	case key.Matches(msg, km.Drop):
		m.closeDraft()
		m.err, m.notice = "", "pasted command dropped; the request is as it was"
		return m, m.focusField(m.field)
	}
	return m.forward(msg)
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

// cycleMethod sets the method to the next one of Methods, selected so that typing replaces it.
func (m *Model) cycleMethod() {
	m.method.SetValue(nextMethod(strings.TrimSpace(m.method.Value())))
	m.method.CursorEnd()
	m.methodSel = m.field == FieldMethod
	m.err, m.notice = "", ""
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
	text    string // the command as pasted
	seq     int    // the paste it answers
}

// pasteCurl fills every field from a pasted curl command line, or, when it does not parse,
// opens it for editing with the error (the fields are kept as they were). A command that may
// read a file is parsed in the returned command instead.
func (m *Model) pasteCurl(text string) tea.Cmd {
	text = strings.TrimLeft(text, " \t\r\n$")
	m.pasteSeq++
	seq := m.pasteSeq
	if strings.Contains(text, "@") {
		return func() tea.Msg {
			c, err := curl.ParseCommand(text)
			return CurlParsedMsg{Command: c, Err: err, text: text, seq: seq}
		}
	}
	c, err := curl.ParseCommand(text)
	m.applyCurl(CurlParsedMsg{Command: c, Err: err, text: text, seq: seq})
	return nil
}

// applyCurl fills the fields from a parsed curl command, or opens the command for editing
// under its error. The answer to an older paste is dropped.
func (m *Model) applyCurl(msg CurlParsedMsg) {
	if msg.seq != m.pasteSeq {
		return
	}
	if msg.Err != nil || msg.Command == nil {
		err := msg.Err
		if err == nil {
			err = errors.New("empty command")
		}
		m.err, m.notice = "curl command: "+err.Error(), ""
		if !m.drafting || m.draft.Value() != msg.text {
			m.draft.SetValue(msg.text)
		}
		m.drafting = true
		m.focusField(m.field)
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
	case l.options > 0 && mo.Y == l.options:
		return m, m.focusField(FieldOptions)
	case l.headersH > 0 && mo.Y >= l.headersLabel && mo.Y < l.headersTop+l.headersH:
		return m, m.focusField(FieldHeaders)
	case l.bodyH > 0 && mo.Y >= l.bodyLabel && mo.Y < l.bodyTop+l.bodyH:
		return m, m.focusField(FieldBody)
	}
	return m, m.focusField(m.field)
}
