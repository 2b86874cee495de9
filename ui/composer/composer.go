// Package composer is the request editor of the hsx terminal UI: method, URL, the request
// options (curl's flags that shape the exchange: -k, -L, -m 30, --compressed …), header fields
// and body. Enter in the URL field (or ctrl+s anywhere in it)
// validates the fields and Update reports a Send action; a validation error is shown on one
// line and nothing is sent.
//
// The method field comes selected when it is entered, as a browser's address bar does: the
// first character typed replaces the whole method, and an arrow key keeps it for editing. A
// method that is not a token (RFC 9110 §5.6.2) is drawn as an error and refused.
//
// The options line is read with curl's own flag parser (curl.ParseOptions), so its spelling and
// its errors are those of the command line. Header lines are read as curl reads -H values:
// "Name: value" sends the field, "Name;" sends it with an empty value, and "Name:" with nothing
// after the colon removes the field of that name that hsx adds itself (probe.Request.Omit).
//
// Pasting a `curl …` command fills every field at once. A command that does not parse leaves
// the fields as they were and opens it for editing in their place, under the error: enter
// tries it again, esc drops it. While it is open nothing is sent, so the request from before
// cannot go out by mistake.
//
// In presentation mode (SetMasked) the values of secret header fields (Authorization, Cookie,
// API keys, tokens) are masked whenever the headers are not being edited.
//
// Mouse messages given to Update must carry coordinates relative to the pane's top-left cell.
package composer

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/curl"
	"github.com/hsx-dev/hsx/ui/theme"
)

// Action is what Update reports to the composer's owner: nil, or a Send.
type Action interface{ composerAction() }

// Send asks for Request to be sent. Update reports it when enter is pressed in the URL field,
// or ctrl+s anywhere in the composer, and the fields are valid.
type Send struct {
	Request probe.Request
}

func (Send) composerAction() {}

// Field is one of the composer's inputs.
type Field int

// The fields, in focus order.
const (
	FieldMethod Field = iota
	FieldURL
	FieldOptions
	FieldHeaders
	FieldBody
	numFields
)

// methodWidth is the width of the method field: room for "OPTIONS" and the cursor.
const methodWidth = 8

// Model is the composer pane. The zero value is not ready for use; call New.
type Model struct {
	// KeyMap holds the composer's own keys.
	KeyMap KeyMap

	th      theme.Theme
	st      styles
	method  textinput.Model
	url     textinput.Model
	options textinput.Model
	headers textarea.Model
	body    textarea.Model
	// draft holds a pasted curl command that did not parse, open for editing while drafting.
	draft    textarea.Model
	drafting bool

	field   Field
	focused bool
	masked  bool
	width   int
	height  int
	// methodSel reports that the method's text is selected: the next character typed
	// replaces it.
	methodSel bool
	// pasteSeq numbers the pasted curl commands, so that a parse finished in the background
	// for an older paste is dropped.
	pasteSeq int

	// opts holds what a request carries beyond the fields (limits, the grace period), kept
	// from SetRequest or a pasted curl command; the request options are in the options field.
	opts probe.Request
	// err is the one-line error on show (validation or a pasted command), notice a
	// one-line note; both are cleared by the next edit.
	err    string
	notice string
}

// New returns an empty composer (method GET) drawn with th, with the URL field current.
func New(th theme.Theme) Model {
	m := Model{KeyMap: DefaultKeyMap(), field: FieldURL}
	m.method = textinput.New()
	m.method.Prompt = ""
	m.method.CharLimit = 32
	m.method.SetValue("GET")
	m.url = textinput.New()
	m.url.Prompt = ""
	m.url.Placeholder = "http://…"
	m.options = textinput.New()
	m.options.Prompt = ""
	m.options.Placeholder = "options: none (-k -L -m 30 --compressed --connect-timeout 5 --path-as-is -0)"
	m.headers = newArea("Name: value, one field per line")
	m.body = newArea("request body, sent with a Content-Length")
	m.draft = newArea("curl …")
	m.SetTheme(th)
	return m
}

func newArea(placeholder string) textarea.Model {
	a := textarea.New()
	a.Prompt = ""
	a.ShowLineNumbers = false
	a.Placeholder = placeholder
	a.CharLimit = 0
	a.MaxHeight = 0
	a.EndOfBufferCharacter = ' '
	return a
}

// setArea sets the text of a text area, leaving an empty one as it is: every reset of a text
// area allocates room for its largest number of lines (about 240 KB), which at start is most of
// what the composer allocates.
func setArea(a *textarea.Model, v string) {
	if v == "" && a.Value() == "" {
		return
	}
	a.SetValue(v)
}

// SetTheme redraws the composer with th.
func (m *Model) SetTheme(th theme.Theme) {
	m.th = th
	m.st = newStyles(th)
	ti := textinput.DefaultStyles(th.Dark)
	ti.Focused.Text = m.st.text
	ti.Blurred.Text = m.st.text
	ti.Focused.Placeholder = m.st.subtle
	ti.Blurred.Placeholder = m.st.subtle
	ti.Cursor.Blink = false
	ti.Cursor.Color = th.Accent
	m.url.SetStyles(ti)
	m.options.SetStyles(ti)
	mi := ti
	mi.Focused.Text = m.st.method
	mi.Blurred.Text = m.st.method
	m.method.SetStyles(mi)
	ta := textarea.DefaultStyles(th.Dark)
	for _, s := range []*textarea.StyleState{&ta.Focused, &ta.Blurred} {
		s.Text = m.st.text
		s.CursorLine = m.st.text
		s.Placeholder = m.st.subtle
		s.EndOfBuffer = m.st.subtle
	}
	ta.Cursor.Blink = false
	ta.Cursor.Color = th.Accent
	m.headers.SetStyles(ta)
	m.body.SetStyles(ta)
	m.draft.SetStyles(ta)
}

// SetRequest fills the fields from req and keeps its other settings for Request.
func (m *Model) SetRequest(req probe.Request) {
	method := req.Method
	if method == "" {
		method = "GET"
	}
	m.method.SetValue(method)
	m.method.CursorEnd()
	m.url.SetValue(req.URL)
	m.url.CursorEnd()
	m.options.SetValue(curl.FormatOptions(req))
	m.options.CursorEnd()
	setArea(&m.headers, strings.Join(curl.HeaderLines(req), "\n"))
	setArea(&m.body, string(req.Body))
	m.opts = withExtras(probe.Request{}, req)
	m.err, m.notice = "", ""
	m.closeDraft()
	m.methodSel = m.field == FieldMethod
	m.fitAreas()
}

// Clear makes the composer a new, empty request: method GET, no header fields, no body, and
// none of the settings the request carried (-k, -L, a timeout). The URL stays, since a new
// request most often goes to the same place (ctrl+u in the URL field empties it), and the URL
// field becomes the current one.
func (m *Model) Clear() tea.Cmd {
	u := m.url.Value()
	m.field = FieldURL
	m.SetRequest(probe.Request{Method: "GET", URL: u})
	return m.focusField(FieldURL)
}

// Submit validates the fields and returns the request they describe, ready to be sent. When
// it cannot be sent it reports false and shows why on the composer's status line, where enter
// shows it: a field that does not validate, or an open pasted command that did not parse,
// which is tried again instead (nothing is sent either way; a command that parses fills the
// fields, to be looked at before sending).
func (m *Model) Submit() (probe.Request, tea.Cmd, bool) {
	if m.drafting {
		return probe.Request{}, m.pasteCurl(m.draft.Value()), false
	}
	req, err := m.Request()
	if err != nil {
		m.err, m.notice = err.Error(), ""
		return probe.Request{}, nil, false
	}
	m.err, m.notice = "", ""
	return req, nil, true
}

// ShortHelp returns the keys for the hint bar: those of the pasted command while one is open,
// else the composer's.
func (m Model) ShortHelp() []key.Binding {
	if m.drafting {
		return []key.Binding{m.KeyMap.Retry, m.KeyMap.Drop}
	}
	return m.KeyMap.ShortHelp()
}

// Drafting reports whether a pasted curl command that did not parse is open for editing.
func (m Model) Drafting() bool { return m.drafting }

// closeDraft drops the pasted command, if one is open.
func (m *Model) closeDraft() {
	m.drafting = false
	setArea(&m.draft, "")
	m.draft.Blur()
}

// Request validates the fields and returns the request they describe, or a one-line error
// that names the field (URL, scheme, method token, a header line without a colon).
func (m Model) Request() (probe.Request, error) {
	return buildRequest(fields{m.method.Value(), m.url.Value(), m.options.Value(), m.headers.Value(), m.body.Value()}, m.opts)
}

// CurlCommand returns the request as a curl command line. Fields that do not validate are
// written as they are, so that what is copied is what is on screen.
func (m Model) CurlCommand() string {
	req, err := m.Request()
	if err != nil {
		req, _ = curl.ParseOptions(m.options.Value())
		req.Method = strings.TrimSpace(m.method.Value())
		req.URL = strings.TrimSpace(m.url.Value())
		req.Header, req.Omit = looseHeaders(m.headers.Value())
		if b := m.body.Value(); b != "" {
			req.Body = []byte(b)
		}
	}
	return curl.Format(req)
}

// looseHeaders reads header lines without judging them: "Name:" omits a field, "Name;" is a
// field with an empty value, and a line with neither a colon nor a semicolon is a field with
// an empty value too.
func looseHeaders(text string) (header []probe.Field, omit []string) {
	for line := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		name, value, colon := strings.Cut(line, ":")
		if !colon {
			name, _, _ = strings.Cut(line, ";")
		}
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if colon && value == "" {
			omit = append(omit, name)
			continue
		}
		header = append(header, probe.Field{Name: name, Value: value, Line: -1})
	}
	return header, omit
}

// Err returns the error on show, or "".
func (m Model) Err() string { return m.err }

// TextFocused reports whether a text field has the keyboard, so that printable keys such as
// "?" must go to it rather than to global shortcuts. Every field of the composer is text.
func (m Model) TextFocused() bool { return m.focused }

// SetMasked turns the masking of secret header values on or off.
func (m *Model) SetMasked(on bool) { m.masked = on }

// Masked reports whether secret header values are masked.
func (m Model) Masked() bool { return m.masked }

// Focus gives the composer the keyboard, in the field that last had it.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	return m.focusField(m.field)
}

// Blur takes the keyboard away.
func (m *Model) Blur() {
	m.focused = false
	m.blurAll()
	m.fitAreas()
}

func (m *Model) blurAll() {
	m.method.Blur()
	m.url.Blur()
	m.options.Blur()
	m.headers.Blur()
	m.body.Blur()
	m.draft.Blur()
}

// Focused reports whether the composer has the keyboard.
func (m Model) Focused() bool { return m.focused }

// Field returns the current field.
func (m Model) Field() Field { return m.field }

// FocusField makes f the current field (and gives the composer the keyboard).
func (m *Model) FocusField(f Field) tea.Cmd {
	m.focused = true
	return m.focusField(f)
}

func (m *Model) focusField(f Field) tea.Cmd {
	f = max(0, min(f, numFields-1))
	m.methodSel = f == FieldMethod && (m.field != f || !m.method.Focused())
	m.field = f
	m.blurAll()
	m.fitAreas()
	if !m.focused {
		return nil
	}
	switch {
	case m.drafting:
		return m.draft.Focus() // the fields wait until the pasted command is fixed or dropped
	case f == FieldMethod:
		return m.method.Focus()
	case f == FieldURL:
		return m.url.Focus()
	case f == FieldOptions:
		return m.options.Focus()
	case f == FieldHeaders:
		return m.headers.Focus()
	default:
		return m.body.Focus()
	}
}

// SetSize sets the composer's size in cells; View returns exactly that many lines of that
// width.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.method.SetWidth(methodWidth - 1)
	m.url.SetWidth(max(w-methodWidth-4, 1))
	m.options.SetWidth(max(w-3, 1))
	m.headers.SetWidth(max(w-2, 1))
	m.body.SetWidth(max(w-2, 1))
	m.draft.SetWidth(max(w-2, 1))
	m.fitAreas()
}

// Width returns the composer's width.
func (m Model) Width() int { return m.width }

// Height returns the composer's height.
func (m Model) Height() int { return m.height }

// ToggleInsecure turns -k (no TLS certificate verification) on or off in the options line and
// reports whether it is now on. An options line that does not parse is left as it is, with
// its error on show, and the result is false.
func (m *Model) ToggleInsecure() bool {
	return m.toggle("-k", "the certificate will not be verified", func(r *probe.Request) *bool { return &r.Insecure })
}

// ToggleRedirects turns -L (follow redirects) on or off in the options line and reports
// whether it is now on, as ToggleInsecure does.
func (m *Model) ToggleRedirects() bool {
	return m.toggle("-L", "redirects will be followed", func(r *probe.Request) *bool { return &r.FollowRedirects })
}

// toggle flips the option that field points at and writes the options line again.
func (m *Model) toggle(flag, onNote string, field func(*probe.Request) *bool) bool {
	o, err := curl.ParseOptions(m.options.Value())
	if err != nil {
		m.err, m.notice = "options: "+err.Error()+" (fix it to toggle "+flag+")", ""
		return false
	}
	on := field(&o)
	*on = !*on
	m.options.SetValue(curl.FormatOptions(o))
	m.options.CursorEnd()
	m.err, m.notice = "", flag+" off"
	if *on {
		m.notice = flag + " on: " + onNote
	}
	return *on
}
