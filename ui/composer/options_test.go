package composer

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/curl"
	"github.com/hsx-dev/hsx/ui/theme"
)

var (
	altK = press('k', tea.ModAlt)
	altR = press('r', tea.ModAlt)
)

// TestOptionsLine checks that the options line, typed into, shapes the request sent, with
// curl's spelling and errors.
func TestOptionsLine(t *testing.T) {
	tests := []struct {
		name    string
		typed   string
		want    probe.Request // only the options are compared
		wantErr string
	}{
		{"flags", "-k -L -m 2", probe.Request{Insecure: true, FollowRedirects: true, Timeout: 2 * time.Second}, ""},
		{"long flags", "--compressed --path-as-is --connect-timeout 1.5 -0", probe.Request{Compressed: true, PathAsIs: true, HTTP10: true, ConnectTimeout: 1500 * time.Millisecond}, ""},
		{"grouped", "-kLm5", probe.Request{Insecure: true, FollowRedirects: true, Timeout: 5 * time.Second}, ""},
		{"bad duration", "-m soon", probe.Request{}, `options: -m: invalid duration "soon"`},
		{"command line only", "-o out.html", probe.Request{}, "options: -o is for the command line"},
		{"header flag", "-H 'A: b'", probe.Request{}, "options: -H sets a header field: write it in the headers field"},
		{"unknown", "--frobnicate", probe.Request{}, "options: unknown flag --frobnicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, out := run(newComposer(lab), append(append([]tea.Msg{down}, typed(tt.typed)...), enter)...)
			s, ok := sent(out)
			if tt.wantErr != "" {
				if ok {
					t.Fatalf("sent %+v, want the error %q", s.Request, tt.wantErr)
				}
				if !strings.HasPrefix(m.Err(), tt.wantErr) {
					t.Errorf("error %q, want %q", m.Err(), tt.wantErr)
				}
				if view := ansi.Strip(m.View()); !strings.Contains(view, "✗ "+tt.wantErr) {
					t.Errorf("view lacks the error:\n%s", view)
				}
				return
			}
			if !ok {
				t.Fatalf("nothing sent: %s", m.Err())
			}
			got := s.Request
			got.Method, got.URL, got.Header, got.Omit, got.Body = "", "", nil, nil, nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sent options %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestOptionsErrorWhileTyping checks that the options line says what is wrong while it is
// being typed, before anything is sent.
func TestOptionsErrorWhileTyping(t *testing.T) {
	m, _ := run(newComposer(lab), append([]tea.Msg{down}, typed("-D h")...)...)
	if view := ansi.Strip(m.View()); !strings.Contains(view, "✗ options: -D is for the command line") {
		t.Errorf("view lacks the options error:\n%s", view)
	}
	// Which fields hsx adds depends on the options (--compressed): not said while they are wrong.
	if view := ansi.Strip(m.View()); strings.Contains(view, "hsx adds") {
		t.Errorf("view names hsx's fields under options that do not parse:\n%s", view)
	}
}

// TestToggleKeys checks that alt+k and alt+r turn -k and -L on and off from any field, and
// that the options line shows it.
func TestToggleKeys(t *testing.T) {
	tests := []struct {
		name                string
		msgs                []tea.Msg
		insecure, redirects bool
		line                string
	}{
		{"-k on in the URL field", []tea.Msg{altK}, true, false, "-k"},
		{"-k off again", []tea.Msg{altK, altK}, false, false, ""},
		{"-L on in the headers", []tea.Msg{down, down, altR}, false, true, "-L"},
		{"both, from the body", []tea.Msg{down, down, down, altK, altR}, true, true, "-k -L"},
		{"kept with the typed options", append(append([]tea.Msg{down}, typed("-m 3")...), altK), true, false, "-k -m 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := run(newComposer(lab), tt.msgs...)
			req, err := m.Request()
			if err != nil {
				t.Fatal(err)
			}
			if req.Insecure != tt.insecure || req.FollowRedirects != tt.redirects {
				t.Errorf("Insecure %v FollowRedirects %v, want %v %v", req.Insecure, req.FollowRedirects, tt.insecure, tt.redirects)
			}
			if got := m.options.Value(); got != tt.line {
				t.Errorf("options line %q, want %q", got, tt.line)
			}
		})
	}
	// An options line that does not parse is not rewritten by a toggle.
	m, _ := run(newComposer(lab), append(append([]tea.Msg{down}, typed("-m")...), altK)...)
	if m.options.Value() != "-m" || !strings.Contains(m.Err(), "fix it to toggle -k") {
		t.Errorf("toggle over a bad line: line %q, error %q", m.options.Value(), m.Err())
	}
}

// TestHeaderLines checks curl's three forms of a header line: "Name: value" sends it,
// "Name:" removes hsx's own field of that name, "Name;" sends it empty; and what the
// composer shows for each.
func TestHeaderLines(t *testing.T) {
	f := func(name, value string) probe.Field { return probe.Field{Name: name, Value: value, Line: -1} }
	tests := []struct {
		name     string
		headers  string
		header   []probe.Field
		omit     []string
		shown    []string
		notShown string
	}{
		{"removes Accept", "Accept:", nil, []string{"Accept"}, []string{"Accept:  removes hsx's Accept", "none · hsx adds Host, User-Agent"}, "hsx adds Host, User-Agent, Accept"},
		{"empty field", "X-Empty;", []probe.Field{f("X-Empty", "")}, nil, []string{"X-Empty;  sent with an empty value", "1 field · hsx adds Host, User-Agent, Accept"}, ""},
		{"a field and a removal", "X-A: 1\nUser-Agent:", []probe.Field{f("X-A", "1")}, []string{"User-Agent"}, []string{"X-A: 1", "User-Agent:  removes hsx's User-Agent", "hsx adds Host, Accept"}, ""},
		{"a name hsx does not add", "X-None:", nil, nil, []string{"X-None:  not sent (hsx adds no X-None"}, ""},
		{"Accept replaced", "Accept: text/html", []probe.Field{f("Accept", "text/html")}, []string{"Accept"}, []string{"1 field · hsx adds Host, User-Agent "}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newComposer(lab)
			m.SetSize(120, 12)
			m.headers.SetValue(tt.headers)
			m.Blur()
			req, err := m.Request()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(req.Header, tt.header) || !reflect.DeepEqual(req.Omit, tt.omit) {
				t.Errorf("Header %v Omit %v, want %v %v", req.Header, req.Omit, tt.header, tt.omit)
			}
			view := ansi.Strip(m.View())
			for _, s := range tt.shown {
				if !strings.Contains(view, s) {
					t.Errorf("view lacks %q:\n%s", s, view)
				}
			}
			if tt.notShown != "" && strings.Contains(view, tt.notShown) {
				t.Errorf("view shows %q:\n%s", tt.notShown, view)
			}
			// Copied as curl and pasted back, the request is the same.
			back, err := curl.ParseCommand(m.CurlCommand())
			if err != nil {
				t.Fatalf("%s: %v", m.CurlCommand(), err)
			}
			if !reflect.DeepEqual(back.Request.Header, req.Header) || !reflect.DeepEqual(back.Request.Omit, req.Omit) {
				t.Errorf("%s reads back as Header %v Omit %v", m.CurlCommand(), back.Request.Header, back.Request.Omit)
			}
		})
	}
}

// TestHeaderLineNoteWhileEditing checks that the status line says what the line under the
// cursor does while the headers are being edited.
func TestHeaderLineNoteWhileEditing(t *testing.T) {
	m, _ := run(newComposer(lab), append([]tea.Msg{down, down}, typed("Accept:")...)...)
	if view := ansi.Strip(m.View()); !strings.Contains(view, "Accept: removes hsx's Accept") {
		t.Errorf("no note for the line being typed:\n%s", view)
	}
}

// TestPasteFillsOptions checks that a pasted browser-style curl command fills the options line
// and the removals, and that copy-as-curl writes them back.
func TestPasteFillsOptions(t *testing.T) {
	paste := `curl 'https://example.test/a/../b' -H 'Accept:' -H 'X-Empty;' -H 'Accept-Language: en' --compressed -k --path-as-is --connect-timeout 4 -m 9 -0`
	m, _ := run(newComposer(lab), tea.PasteMsg{Content: paste})
	if got, want := m.options.Value(), "-k -0 --path-as-is --compressed -m 9 --connect-timeout 4"; got != want {
		t.Errorf("options line %q, want %q", got, want)
	}
	if got, want := m.headers.Value(), "Accept:\nX-Empty;\nAccept-Language: en"; got != want {
		t.Errorf("headers %q, want %q", got, want)
	}
	req, err := m.Request()
	if err != nil {
		t.Fatal(err)
	}
	want, err := curl.ParseCommand(paste)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(req, want.Request) {
		t.Errorf("request\n got %+v\nwant %+v", req, want.Request)
	}
	back, err := curl.ParseCommand(m.CurlCommand())
	if err != nil || !reflect.DeepEqual(back.Request, req) {
		t.Errorf("copied as %s, reads back as %+v (%v)", m.CurlCommand(), back, err)
	}
	for _, s := range []string{"-k -0 --path-as-is --compressed", "--connect-timeout 4", "-H Accept:", "-H 'X-Empty;'"} {
		if !strings.Contains(m.CurlCommand(), s) {
			t.Errorf("copy-as-curl %q lacks %q", m.CurlCommand(), s)
		}
	}
}

// TestOptionsRow checks that the options line has a row while the composer is focused or the
// line holds something, and none when it is empty and the composer is not focused.
func TestOptionsRow(t *testing.T) {
	tests := []struct {
		name      string
		req       probe.Request
		focus     bool
		preferred int
		row1      string
	}{
		{"empty, blurred", lab, false, 4, "Headers"},
		{"empty, focused", lab, true, 7, "options: none"},
		{"-k, blurred", probe.Request{URL: lab.URL, Insecure: true, Timeout: 30 * time.Second}, false, 5, "-k -m 30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(theme.New(true, false))
			m.SetRequest(tt.req)
			m.SetSize(80, 12)
			if tt.focus {
				m.Focus()
			} else {
				m.Blur()
			}
			if got := m.PreferredLines(); got != tt.preferred {
				t.Errorf("PreferredLines = %d, want %d", got, tt.preferred)
			}
			if row := strings.Split(ansi.Strip(m.View()), "\n")[1]; !strings.Contains(row, tt.row1) {
				t.Errorf("row 1 %q, want %q", row, tt.row1)
			}
		})
	}
}
