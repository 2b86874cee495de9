package composer

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/curl"
	"github.com/hsx-dev/hsx/ui/internal/uitest"
	"github.com/hsx-dev/hsx/ui/theme"
)

func press(code rune, mod tea.KeyMod) tea.KeyPressMsg {
	return tea.KeyPressMsg(tea.Key{Code: code, Mod: mod})
}

func typed(s string) []tea.Msg {
	var msgs []tea.Msg
	for _, r := range s {
		msgs = append(msgs, tea.KeyPressMsg(tea.Key{Code: r, Text: string(r)}))
	}
	return msgs
}

var (
	enter = press(tea.KeyEnter, 0)
	down  = press(tea.KeyDown, 0)
	up    = press(tea.KeyUp, 0)
	ctrlS = press('s', tea.ModCtrl)
	ctrlT = press('t', tea.ModCtrl)
	space = press(tea.KeySpace, 0)
	esc   = press(tea.KeyEscape, 0)
)

func newComposer(req probe.Request) Model {
	m := New(theme.New(true, false))
	m.SetSize(80, 12)
	m.SetRequest(req)
	m.Focus()
	return m
}

// run feeds msgs to m and returns it with the actions it reported and the messages its
// commands produced, in order.
func run(m Model, msgs ...tea.Msg) (Model, []any) {
	var out []any
	for _, msg := range msgs {
		var act Action
		var cmd tea.Cmd
		m, act, cmd = m.Update(msg)
		if act != nil {
			out = append(out, act)
		}
		if cmd != nil {
			if got := cmd(); got != nil {
				out = append(out, got)
			}
		}
	}
	return m, out
}

// sent returns the Send among out.
func sent(out []any) (Send, bool) {
	for _, o := range out {
		if s, ok := o.(Send); ok {
			return s, true
		}
	}
	return Send{}, false
}

var lab = probe.Request{Method: "DELETE", URL: "http://127.0.0.1:8080/204/body"}

func TestSend(t *testing.T) {
	tests := []struct {
		name     string
		msgs     []tea.Msg
		wantSend bool
		wantBody string
	}{
		{"enter in URL", []tea.Msg{enter}, true, ""},
		{"ctrl+s in URL", []tea.Msg{ctrlS}, true, ""},
		{"enter in options sends", []tea.Msg{down, enter}, true, ""},
		{"enter in body edits", []tea.Msg{down, down, down, enter}, false, ""},
		{"ctrl+s in body sends", append(append([]tea.Msg{down, down, down}, typed("hi")...), ctrlS), true, "hi"},
		{"enter in headers edits", append([]tea.Msg{down, down}, enter), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newComposer(lab)
			_, out := run(m, tt.msgs...)
			s, ok := sent(out)
			if ok != tt.wantSend {
				t.Fatalf("sent = %v, want %v", ok, tt.wantSend)
			}
			if !ok {
				return
			}
			if s.Request.Method != "DELETE" || s.Request.URL != lab.URL || string(s.Request.Body) != tt.wantBody {
				t.Errorf("sent %+v", s.Request)
			}
		})
	}
}

func TestValidation(t *testing.T) {
	tests := []struct {
		name                 string
		method, url, headers string
		wantErr              string // substring; "" means valid
	}{
		{"valid", "GET", "http://example.test/", "Accept: */*", ""},
		{"scheme added", "GET", "example.test/x", "", ""},
		{"empty URL", "GET", "", "", "URL: empty"},
		{"ftp", "GET", "ftp://example.test/", "", `URL: unsupported scheme "ftp"`},
		{"no host", "GET", "http:///path", "", "URL: no host"},
		{"bad port", "GET", "http://example.test:99999/", "", "out of range"},
		{"method with space", "GE T", "http://example.test/", "", `method: "GE T" is not a method name`},
		{"empty method is GET", "", "http://example.test/", "", ""},
		{"header without colon", "GET", "http://example.test/", "Accept: */*\nBroken", `headers line 2: header "Broken" has no colon (want "Name: value")`},
		{"bad header name", "GET", "http://example.test/", "X Y: 1", `headers line 1: invalid header name "X Y" in "X Y: 1"`},
		{"blank header lines", "GET", "http://example.test/", "\nA: 1\n\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(theme.New(true, false))
			m.SetSize(80, 12)
			m.method.SetValue(tt.method)
			m.url.SetValue(tt.url)
			m.headers.SetValue(tt.headers)
			m.Focus()
			_, err := m.Request()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Request() = %v, want no error", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Request() error = %v, want %q", err, tt.wantErr)
			}
			// Sending shows the error on one line and sends nothing.
			m, out := run(m, ctrlS)
			if _, ok := sent(out); ok {
				t.Fatal("an invalid request was sent")
			}
			view := ansi.Strip(m.View())
			if n := strings.Count(view, "✗"); n != 1 {
				t.Errorf("error shown on %d lines:\n%s", n, view)
			}
			if !strings.Contains(view, tt.wantErr[:min(len(tt.wantErr), 20)]) {
				t.Errorf("view lacks the error %q:\n%s", tt.wantErr, view)
			}
			// The next edit clears it.
			m, _ = run(m, typed("x")...)
			if m.Err() != "" {
				t.Errorf("error kept after an edit: %q", m.Err())
			}
		})
	}
}

func TestPasteCurl(t *testing.T) {
	m := newComposer(lab)
	paste := `curl -X PUT 'https://api.example.test/items/1' -H 'Authorization: Bearer s3cret' -H 'Content-Type: application/json' -d '{"a":1}' -k -L -m 3`
	m, _ = run(m, tea.PasteMsg{Content: paste})
	req, err := m.Request()
	if err != nil {
		t.Fatalf("Request() after paste: %v", err)
	}
	want := probe.Request{
		Method: "PUT",
		URL:    "https://api.example.test/items/1",
		Header: []probe.Field{
			{Name: "Authorization", Value: "Bearer s3cret", Line: -1},
			{Name: "Content-Type", Value: "application/json", Line: -1},
		},
		Omit:            []string{"Authorization", "Content-Type"}, // sent where -H puts them, as curl does
		Body:            []byte(`{"a":1}`),
		Insecure:        true,
		FollowRedirects: true,
		Timeout:         3 * time.Second,
	}
	if !reflect.DeepEqual(req, want) {
		t.Errorf("after paste:\n got %+v\nwant %+v", req, want)
	}
	view := ansi.Strip(m.View())
	for _, s := range []string{"PUT", "https://api.example.test/items/1", "Content-Type: application/json", "filled from the pasted curl command"} {
		if !strings.Contains(view, s) {
			t.Errorf("view lacks %q:\n%s", s, view)
		}
	}

	// A command that does not parse leaves the fields alone and says why on one line.
	m, _ = run(m, tea.PasteMsg{Content: "curl -X"})
	if got, _ := m.Request(); got.Method != "PUT" || got.URL != want.URL {
		t.Errorf("a bad paste changed the fields: %+v", got)
	}
	if !strings.HasPrefix(m.Err(), "curl command:") || strings.Contains(m.Err(), "\n") {
		t.Errorf("bad paste error = %q", m.Err())
	}

	// A command that reads a file is parsed in a command, not in Update.
	dir := t.TempDir()
	file := filepath.Join(dir, "body.json")
	if err := os.WriteFile(file, []byte(`{"from":"file"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	m, _, cmd := m.Update(tea.PasteMsg{Content: "curl -d @" + file + " http://example.test/upload"})
	if got, _ := m.Request(); got.URL == "http://example.test/upload" {
		t.Fatal("a command naming a file was parsed inside Update")
	}
	if cmd == nil {
		t.Fatal("no command to parse a curl line that names a file")
	}
	m, _ = run(m, cmd())
	if got, _ := m.Request(); got.URL != "http://example.test/upload" || string(got.Body) != `{"from":"file"}` {
		t.Errorf("after the parsed command: %+v", got)
	}

	// Any other paste goes into the field.
	m = newComposer(probe.Request{URL: "http://example.test"})
	m, _ = run(m, tea.PasteMsg{Content: "/path"})
	if got, _ := m.Request(); got.URL != "http://example.test/path" {
		t.Errorf("plain paste: URL = %q", got.URL)
	}
}

func TestCurlCommandRoundTrip(t *testing.T) {
	m := newComposer(probe.Request{
		Method: "PATCH", URL: "http://example.test/a?b=c",
		Header: []probe.Field{{Name: "X-Note", Value: "it's", Line: -1}},
		Body:   []byte("x=1"), FollowRedirects: true, Compressed: true,
	})
	cmd, err := curl.ParseCommand(m.CurlCommand())
	if err != nil {
		t.Fatalf("ParseCommand(%q): %v", m.CurlCommand(), err)
	}
	want, _ := m.Request()
	got := cmd.Request
	if got.Method != want.Method || got.URL != want.URL || string(got.Body) != string(want.Body) || !got.FollowRedirects || !got.Compressed {
		t.Errorf("round trip: got %+v, want %+v", got, want)
	}
}

func TestMethodAndFields(t *testing.T) {
	tests := []struct {
		name       string
		msgs       []tea.Msg
		wantMethod string
		wantField  Field
	}{
		{"ctrl+t cycles", []tea.Msg{ctrlT}, "OPTIONS", FieldURL},
		{"ctrl+t wraps", []tea.Msg{ctrlT, ctrlT}, "GET", FieldURL},
		{"up to method, space cycles", []tea.Msg{up, space}, "OPTIONS", FieldMethod},
		{"typed method", append([]tea.Msg{up, press(tea.KeyBackspace, 0), press(tea.KeyBackspace, 0), press(tea.KeyBackspace, 0),
			press(tea.KeyBackspace, 0), press(tea.KeyBackspace, 0), press(tea.KeyBackspace, 0)}, typed("PURGE")...), "PURGE", FieldMethod},
		{"enter in method goes to URL", []tea.Msg{up, enter}, "DELETE", FieldURL},
		{"down to options", []tea.Msg{down}, "DELETE", FieldOptions},
		{"down down to headers", []tea.Msg{down, down}, "DELETE", FieldHeaders},
		{"down thrice to body", []tea.Msg{down, down, down}, "DELETE", FieldBody},
		{"up from body", []tea.Msg{down, down, down, up}, "DELETE", FieldHeaders},
		{"up from headers", []tea.Msg{down, down, up}, "DELETE", FieldOptions},
		{"up from options", []tea.Msg{down, up}, "DELETE", FieldURL},
		{"ctrl+down", []tea.Msg{press(tea.KeyDown, tea.ModCtrl)}, "DELETE", FieldOptions},
		{"esc leaves the method", []tea.Msg{up, esc}, "DELETE", FieldURL},
		{"esc leaves the options", []tea.Msg{down, esc}, "DELETE", FieldURL},
		{"esc leaves the headers", []tea.Msg{down, down, esc}, "DELETE", FieldURL},
		{"esc leaves the body", []tea.Msg{down, down, down, esc}, "DELETE", FieldURL},
		{"esc stays in the URL", []tea.Msg{esc}, "DELETE", FieldURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := run(newComposer(lab), tt.msgs...)
			if got := strings.TrimSpace(m.method.Value()); got != tt.wantMethod {
				t.Errorf("method %q, want %q", got, tt.wantMethod)
			}
			if m.Field() != tt.wantField {
				t.Errorf("field %v, want %v", m.Field(), tt.wantField)
			}
		})
	}
}

// TestEscThenType checks that after esc in any other field, what is typed goes into the URL
// and the other field is left as it was.
func TestEscThenType(t *testing.T) {
	tests := []struct {
		name string
		to   []tea.Msg
	}{
		{"method", []tea.Msg{up}},
		{"headers", []tea.Msg{down}},
		{"body", []tea.Msg{down, down}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := append(append(tt.to, esc), typed("?q=1")...)
			m, _ := run(newComposer(lab), msgs...)
			req, err := m.Request()
			if err != nil {
				t.Fatal(err)
			}
			if req.Method != "DELETE" || req.URL != lab.URL+"?q=1" || len(req.Header) != 0 || len(req.Body) != 0 {
				t.Errorf("request = %s %q, headers %v, body %q", req.Method, req.URL, req.Header, req.Body)
			}
		})
	}
}

func TestMethodChoices(t *testing.T) {
	m, _ := run(newComposer(lab), up)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "GET HEAD POST PUT PATCH [DELETE] OPTIONS") {
		t.Errorf("method choices not shown while choosing:\n%s", view)
	}
	m, _ = run(m, space)
	if !strings.Contains(ansi.Strip(m.View()), "[OPTIONS]") {
		t.Errorf("choices do not follow the method:\n%s", ansi.Strip(m.View()))
	}
}

func TestBlurredIgnoresInput(t *testing.T) {
	m := newComposer(lab)
	m.Blur()
	m, out := run(m, append([]tea.Msg{enter, ctrlS, tea.PasteMsg{Content: "curl http://x.test"}}, typed("zz")...)...)
	if len(out) != 0 {
		t.Errorf("a blurred composer emitted %v", out)
	}
	if got, _ := m.Request(); got.URL != lab.URL {
		t.Errorf("a blurred composer changed: %+v", got)
	}
	if m.TextFocused() {
		t.Error("TextFocused while blurred")
	}
}

func TestMasking(t *testing.T) {
	req := lab
	req.Header = []probe.Field{
		{Name: "Authorization", Value: "Bearer s3cret"},
		{Name: "Cookie", Value: "id=c00kie"},
		{Name: "X-Refresh-Token", Value: "t0ken"},
		{Name: "Accept", Value: "application/json"},
	}
	m := newComposer(req)
	m.SetMasked(true)
	view := ansi.Strip(m.View())
	for _, secret := range []string{"s3cret", "c00kie", "t0ken"} {
		if strings.Contains(view, secret) {
			t.Errorf("masked view shows %q:\n%s", secret, view)
		}
	}
	for _, s := range []string{"Authorization: Bearer " + theme.MaskGlyphs, "Accept: application/json"} {
		if !strings.Contains(view, s) {
			t.Errorf("masked view lacks %q:\n%s", s, view)
		}
	}
	// While the headers are being edited they show as typed.
	m, _ = run(m, down, down)
	if !strings.Contains(ansi.Strip(m.View()), "s3cret") {
		t.Errorf("headers being edited are masked")
	}
	// Masking never changes what is sent.
	if got, _ := m.Request(); got.Header[0].Value != "Bearer s3cret" {
		t.Errorf("masking changed the request: %+v", got.Header)
	}
}

func TestClickFocuses(t *testing.T) {
	m := newComposer(lab)
	l := m.layout()
	click := func(x, y int) tea.MouseClickMsg {
		return tea.MouseClickMsg(tea.Mouse{X: x, Y: y, Button: tea.MouseLeft})
	}
	for _, c := range []struct {
		x, y int
		want Field
	}{{2, 0, FieldMethod}, {20, 0, FieldURL}, {5, l.options, FieldOptions}, {5, l.headersTop, FieldHeaders}, {5, l.bodyTop, FieldBody}} {
		m, _ = run(m, click(c.x, c.y))
		if m.Field() != c.want {
			t.Errorf("click at %d,%d: field %v, want %v", c.x, c.y, m.Field(), c.want)
		}
	}
}

func TestShape(t *testing.T) {
	for _, w := range []int{1, 10, 40, 80, 200} {
		for h := 1; h <= 14; h++ {
			for _, f := range []Field{FieldMethod, FieldURL, FieldOptions, FieldHeaders, FieldBody} {
				m := New(theme.New(false, true))
				m.SetSize(w, h)
				m.SetRequest(probe.Request{Method: "OPTIONS", URL: "http://example.test/" + strings.Repeat("long/", 40),
					Header: []probe.Field{{Name: "A", Value: strings.Repeat("v", 300)}, {Name: "B", Value: "1"}, {Name: "C", Value: "2"}},
					Body:   []byte(strings.Repeat("line\n", 20))})
				m.FocusField(f)
				if f == FieldBody && w == 80 {
					// and with a pasted command that did not parse in place of headers and body
					m, _, _ = m.Update(tea.PasteMsg{Content: "curl 'http://example.test/" + strings.Repeat("x", 200)})
				}
				m.err = "URL: " + strings.Repeat("bad ", 50)
				lines := strings.Split(m.View(), "\n")
				if len(lines) != h {
					t.Fatalf("%dx%d field %d: %d lines", w, h, f, len(lines))
				}
				for i, l := range lines {
					if ansi.StringWidth(l) != w {
						t.Fatalf("%dx%d field %d: line %d is %d wide: %q", w, h, f, i, ansi.StringWidth(l), ansi.Strip(l))
					}
				}
			}
		}
	}
}

// TestCompactHeaders checks that a composer with a single row for its headers shows the first
// field (masked when masking is on) and how many more there are, at several widths.
func TestCompactHeaders(t *testing.T) {
	req := lab
	req.Header = []probe.Field{
		{Name: "Authorization", Value: "Bearer s3cret"},
		{Name: "Accept", Value: "application/json"},
		{Name: "X-Trace", Value: "1"},
	}
	for _, w := range []int{38, 78, 158} {
		for _, masked := range []bool{false, true} {
			m := New(theme.New(true, false))
			m.SetRequest(req)
			m.SetMasked(masked)
			m.SetSize(w, 4) // request line, headers label, one row, status line (no options: no line)
			m.Blur()
			view := ansi.Strip(m.View())
			row := strings.Split(view, "\n")[2]
			want := "Authorization: Bearer s3cret"
			if masked {
				want = "Authorization: Bearer " + theme.MaskGlyphs
			}
			if w < 78 {
				want = "Authorization:"
			}
			if !strings.Contains(row, want) || !strings.Contains(row, "+2 more") {
				t.Errorf("width %d masked %v: headers row is %q, want %q and +2 more", w, masked, row, want)
			}
			if masked && strings.Contains(view, "s3cret") {
				t.Errorf("width %d: masked view shows the secret:\n%s", w, view)
			}
			for i, l := range strings.Split(m.View(), "\n") {
				if ansi.StringWidth(l) != w {
					t.Errorf("width %d: line %d is %d wide", w, i, ansi.StringWidth(l))
				}
			}
		}
	}
}

func TestPreferredLinesAndSplit(t *testing.T) {
	three := []probe.Field{{Name: "A", Value: "1"}, {Name: "B", Value: "2"}, {Name: "C", Value: "3"}}
	tests := []struct {
		name      string
		header    []probe.Field
		body      string
		focus     bool
		field     Field
		h         int
		preferred int
		headersH  int
		bodyH     int
		bodyLabel bool
	}{
		{"empty, blurred", nil, "", false, FieldURL, 4, 4, 1, 0, false},
		{"empty, focused", nil, "", true, FieldURL, 7, 7, 1, 1, true},
		{"three headers, blurred", three, "", false, FieldURL, 6, 6, 3, 0, false},
		{"blurred, empty body, room to spare", three, "", false, FieldURL, 9, 6, 6, 0, false},
		{"three headers, editing them", three, "", true, FieldHeaders, 10, 10, 4, 1, true},
		{"headers and a two-line body", three, "a\nb", true, FieldBody, 13, 10, 3, 5, true}, // spare rows to the body being edited
		{"spare rows go to the headers", three, "a", true, FieldURL, 13, 9, 7, 1, true},
		{"short of rows: body gets one", three, "a\nb\nc", true, FieldURL, 8, 11, 2, 1, true},
		{"three rows: body label only", three, "x", false, FieldURL, 5, 8, 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(theme.New(true, false))
			m.SetRequest(probe.Request{Method: "POST", URL: "http://example.test/", Header: tt.header, Body: []byte(tt.body)})
			m.SetSize(80, tt.h)
			if tt.focus {
				m.FocusField(tt.field)
			} else {
				m.Blur()
			}
			if got := m.PreferredLines(); got != tt.preferred {
				t.Errorf("PreferredLines = %d, want %d", got, tt.preferred)
			}
			l := m.layout()
			if l.headersH != tt.headersH || l.bodyH != tt.bodyH || (l.bodyLabel >= 0) != tt.bodyLabel {
				t.Errorf("headers %d rows, body %d rows, body label %v; want %d, %d, %v",
					l.headersH, l.bodyH, l.bodyLabel >= 0, tt.headersH, tt.bodyH, tt.bodyLabel)
			}
			view := ansi.Strip(m.View())
			if tt.bodyLabel && !strings.Contains(view, "Body") {
				t.Errorf("no body label:\n%s", view)
			}
			if got := len(strings.Split(view, "\n")); got != tt.h {
				t.Errorf("view has %d lines, want %d", got, tt.h)
			}
		})
	}
}

// TestTypingReplacesTheMethod checks that the method comes selected when its field is entered,
// so that typing replaces it, and that an arrow key keeps it for editing.
func TestTypingReplacesTheMethod(t *testing.T) {
	left := press(tea.KeyLeft, 0)
	click := tea.MouseClickMsg(tea.Mouse{X: 2, Y: 0, Button: tea.MouseLeft})
	tests := []struct {
		name string
		msgs []tea.Msg
		want string
	}{
		{"typed over DELETE", append([]tea.Msg{up}, typed("PUT")...), "PUT"},
		{"typed after a click", append([]tea.Msg{click}, typed("PATCH")...), "PATCH"},
		{"pasted over DELETE", []tea.Msg{up, tea.PasteMsg{Content: "PURGE"}}, "PURGE"},
		{"typed over a cycled method", append([]tea.Msg{up, space}, typed("GET")...), "GET"},
		{"typed after coming back", append([]tea.Msg{up, esc, up}, typed("HEAD")...), "HEAD"},
		{"backspace clears it", []tea.Msg{up, press(tea.KeyBackspace, 0)}, ""},
		{"left keeps it for editing", append([]tea.Msg{up, left}, typed("X")...), "DELETXE"},
		{"a second character is added", append([]tea.Msg{up}, typed("PU")...), "PU"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := run(newComposer(lab), tt.msgs...)
			if got := m.method.Value(); got != tt.want {
				t.Fatalf("method %q, want %q", got, tt.want)
			}
			_, out := run(m, ctrlS)
			s, ok := sent(out)
			want := tt.want
			if want == "" {
				want = "GET"
			}
			if !ok || s.Request.Method != want {
				t.Errorf("sent %+v (%v), want method %s", s.Request, ok, want)
			}
		})
	}
	m, _ := run(newComposer(lab), up)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "type to replace") {
		t.Errorf("the selected method does not say that typing replaces it:\n%s", v)
	}
	if !strings.Contains(m.View(), "\x1b[7m") && !strings.Contains(m.View(), ";7m") && !strings.Contains(m.View(), ";7;") {
		t.Errorf("the selected method is not drawn in reverse video: %q", strings.Split(m.View(), "\n")[0])
	}
}

// TestMethodThatIsNotATokenIsRefused types methods with characters a token cannot hold: the
// error is shown while typing and after each send key, and nothing is sent.
func TestMethodThatIsNotATokenIsRefused(t *testing.T) {
	for _, method := range []string{"GET/", "P(UT", "DELETE:", "É"} {
		for _, send := range [][]tea.Msg{{ctrlS}, {esc, enter}} {
			m, _ := run(newComposer(lab), append([]tea.Msg{up}, typed(method)...)...)
			want := `method: "` + method
			if v := ansi.Strip(m.View()); !strings.Contains(v, "✗ "+want) {
				t.Errorf("%q: no error while typing:\n%s", method, v)
			}
			m, out := run(m, send...)
			if s, ok := sent(out); ok {
				t.Errorf("%q: sent %+v", method, s.Request)
			}
			if v := ansi.Strip(m.View()); !strings.Contains(v, "✗ "+want) {
				t.Errorf("%q: refused without saying why:\n%s", method, v)
			}
		}
	}
}

// TestFailedPasteKeepsTheCommand pastes a curl command that does not parse: the fields keep
// the request from before, the command stays open for editing under its error, and nothing is
// sent until it is fixed (enter then fills the fields) or dropped (esc).
func TestFailedPasteKeepsTheCommand(t *testing.T) {
	const bad = "curl -X PUT http://example.test/a -H 'A: b"
	m, _ := run(newComposer(lab), tea.PasteMsg{Content: bad})
	if !m.Drafting() {
		t.Fatal("the command that did not parse is not kept")
	}
	if got, _ := m.Request(); got.Method != "DELETE" || got.URL != lab.URL {
		t.Errorf("the fields changed: %s %s", got.Method, got.URL)
	}
	v := ansi.Strip(m.View())
	for _, want := range []string{bad, "Pasted curl command", "the request above is unchanged", "✗ curl command: unterminated ' quote", "enter: try again · esc: drop it"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	for _, k := range []tea.Msg{enter, ctrlS} {
		var out []any
		if m, out = run(m, k); len(out) > 0 {
			t.Errorf("%v sent %v while the command is open", k, out)
		}
	}
	if !m.Drafting() || m.draft.Value() != bad {
		t.Fatalf("retrying lost the command: %q", m.draft.Value())
	}

	fixed, out := run(m, append(typed("'"), enter)...)
	if len(out) > 0 || fixed.Drafting() {
		t.Fatalf("fixing the command: out %v, still open %v", out, fixed.Drafting())
	}
	if got, _ := fixed.Request(); got.Method != "PUT" || got.URL != "http://example.test/a" || len(got.Header) != 1 {
		t.Errorf("the fixed command filled %+v", got)
	}
	if _, out := run(fixed, enter); len(out) != 1 {
		t.Errorf("enter after the fix did not send: %v", out)
	}

	dropped, _ := run(m, esc)
	if dropped.Drafting() {
		t.Fatal("esc did not drop the command")
	}
	if v := ansi.Strip(dropped.View()); !strings.Contains(v, "the request is as it was") {
		t.Errorf("dropping does not say the request is as it was:\n%s", v)
	}
	if s, ok := sent(func() []any { _, out := run(dropped, enter); return out }()); !ok || s.Request.URL != lab.URL {
		t.Errorf("after esc, enter sent %+v (%v), want the request from before", s.Request, ok)
	}
}

// TestFailedPasteErrorIsWhole checks that the error about a pasted command is shown whole,
// wrapped over the status rows, at widths where it does not fit on one line.
func TestFailedPasteErrorIsWhole(t *testing.T) {
	const paste = `curl 'http://127.0.0.1:9/items' -H "X-Trace: $TRACE"`
	const want = "✗ curl command: shell expansion $TRACE is not supported: paste the value itself"
	for _, w := range []int{40, 60, 80} {
		m := newComposer(lab)
		m.SetSize(w, 8)
		m, _ = run(m, tea.PasteMsg{Content: paste})
		lines := strings.Split(ansi.Strip(m.View()), "\n")
		l := m.layout()
		var status []string
		for _, s := range lines[l.status : l.status+l.statusH] {
			status = append(status, strings.TrimSpace(s))
		}
		if got := strings.Join(status, " "); !strings.Contains(got, want) {
			t.Errorf("width %d: status rows %q, want the whole error %q", w, status, want)
		}
		if err := uitest.Shape(m.View(), w, 8); err != nil {
			t.Errorf("width %d: %v", w, err)
		}
	}
}
