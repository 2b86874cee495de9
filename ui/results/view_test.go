package results

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/termsafe"
	"github.com/hsx-dev/hsx/ui/theme"
)

func TestGoldenBroken204(t *testing.T) {
	tests := []struct {
		name string
		tab  Tab
		w, h int
	}{
		{"raw_80", TabRaw, 80, 16},
		{"raw_160", TabRaw, 160, 16},
		{"headers_80", TabHeaders, 80, 16},
		{"headers_160", TabHeaders, 160, 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newDone(t, broken204, broken204Findings(), tt.w, tt.h, tt.tab)
			golden.RequireEqual(t, plain(m))
		})
	}
}

// TestBroken204Highlight checks the heart of the product: the Content-Length line is marked
// with ✗ and drawn in the error color, the body bytes after the 204 are shown where they
// arrived, highlighted, and both findings are listed with their references.
func TestBroken204Highlight(t *testing.T) {
	th := theme.New(true, false)
	errLine := ansi.Style{}.ForegroundColor(th.Error).Bold().String()
	errBytes := ansi.Style{}.ForegroundColor(th.Error).Reverse(true).Bold().String()
	for _, tab := range []Tab{TabRaw, TabHeaders} {
		t.Run(tab.String(), func(t *testing.T) {
			m := newDone(t, broken204, broken204Findings(), 100, 24, tab)
			view := m.View()
			text := ansi.Strip(view)
			cl := lastLineWith(text, "Content-Length: 11")
			if !strings.Contains(cl, "✗") {
				t.Errorf("Content-Length line not marked with ✗: %q", cl)
			}
			if l := lastLineWith(view, "Content-Length"); !strings.Contains(l, errLine+"Content-Length") {
				t.Errorf("Content-Length line not drawn in the error color: %q", l)
			}
			for _, want := range []string{"S9", "S2", "RFC 9110 §15.3.5", "RFC 9110 §8.6", "11 extra bytes after the 204"} {
				if !strings.Contains(text, want) {
					t.Errorf("view lacks %q:\n%s", want, text)
				}
			}
			if tab != TabRaw {
				return
			}
			if !strings.Contains(view, errBytes+`{"ok":true}`) {
				t.Errorf("extra bytes not highlighted:\n%q", lineWith(view, "ok"))
			}
			// The extra bytes are drawn at their offset, after the blank line.
			if l := lineWith(text, `{"ok":true}`); !strings.Contains(l, "101") || !strings.Contains(l, "✗") {
				t.Errorf("extra bytes row = %q, want offset 101 and ✗", l)
			}
			if strings.Index(text, "␍␊\n") > strings.Index(text, `{"ok":true}`) {
				t.Errorf("extra bytes drawn before the head")
			}
		})
	}
}

// TestWithCatalog runs the real rule catalog on the broken 204 and checks that its findings
// land on the right rows.
func TestWithCatalog(t *testing.T) {
	ex := parse(t, broken204, "DELETE")
	fs := check.Run(ex)
	m := New(theme.New(false, false))
	m.SetSize(120, 30)
	m.SetResult(1, []*probe.Exchange{ex}, fs, nil)
	text := plain(m)
	ids := map[string]bool{}
	for _, f := range fs {
		ids[f.ID] = true
	}
	for _, id := range []string{"S2", "S9"} {
		if !ids[id] {
			t.Fatalf("catalog did not report %s: %+v", id, fs)
		}
	}
	if !strings.Contains(lastLineWith(text, "Content-Length: 11"), "✗") {
		t.Errorf("Content-Length line not marked:\n%s", text)
	}
	if !strings.Contains(lastLineWith(text, `{"ok":true}`), "✗") {
		t.Errorf("extra bytes not marked:\n%s", text)
	}
}

// TestNoColorGlyphs checks that without any color every signal is still there as text.
func TestNoColorGlyphs(t *testing.T) {
	stream := "HTTP/1.1 200 OK\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi"
	fs := []check.Finding{
		{ID: "F5", Severity: check.Warning, Message: "line ends in a bare LF", Ref: "RFC 9112 §2.2", At: check.Location{Where: check.AtLine, Index: 0}},
		{ID: "S7", Severity: check.Info, Message: "no validator", Ref: "RFC 9110 §15.3.1"},
	}
	m := newDone(t, stream, fs, 80, 20, TabRaw)
	text := plain(m)
	for _, want := range []string{"! warning", "i info", "[ Raw ]", "␊", "␍␊", "! HTTP/1.1 200 OK␊"} {
		if !strings.Contains(text, want) {
			t.Errorf("plain view lacks %q:\n%s", want, text)
		}
	}
	lf := ansi.Style{}.ForegroundColor(theme.New(true, false).Warning).Bold().String() + "␊"
	if !strings.Contains(m.View(), lf) {
		t.Errorf("bare LF not drawn in the warning color")
	}
}

// TestFramesMarks checks that a short pane starts scrolled to the rows findings point at,
// showing the Content-Length line and the extra bytes of the broken 204 together.
func TestFramesMarks(t *testing.T) {
	m := newDone(t, broken204, broken204Findings(), 80, 10, TabRaw)
	text := plain(m)
	for _, want := range []string{"Content-Length: 11", `{"ok":true}`} {
		if !strings.Contains(text, want) {
			t.Errorf("10-row pane lacks %q:\n%s", want, text)
		}
	}
}

func TestShape(t *testing.T) {
	big := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Long: %s\r\nContent-Length: 40\r\n\r\n{\"a\":[1,2,3],\"b\":\"%s\"}", strings.Repeat("v", 300), strings.Repeat("x", 21))
	binary := "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 40\r\n\r\n" + strings.Repeat("\x00\x01\xfe\xff", 10)
	for _, w := range []int{1, 12, 40, 80, 160} {
		for _, h := range []int{1, 3, 10, 30} {
			for tab := range numTabs {
				m := newDone(t, big, broken204Findings()[1:], w, h, tab)
				checkShape(t, m.View(), w, h)
				m = newDone(t, binary, nil, w, h, tab)
				checkShape(t, m.View(), w, h)
			}
			states := map[string]Model{}
			idle := New(theme.New(true, false))
			idle.SetSize(w, h)
			states["idle"] = idle
			running := idle
			running.Start(1, probe.Request{Method: "GET", URL: "http://example.test/" + strings.Repeat("p", 200)})
			states["running"] = running
			failed := idle
			failed.SetResult(1, nil, nil, &probe.Error{Phase: probe.PhaseConnect, Msg: "connection refused"})
			states["failed"] = failed
			for name, s := range states {
				t.Run(fmt.Sprintf("%s/%dx%d", name, w, h), func(t *testing.T) { checkShape(t, s.View(), w, h) })
			}
		}
	}
}

// TestTerminalSafety sends a body full of escape sequences and checks that the only escape
// sequences in the view are our own SGR styles.
func TestTerminalSafety(t *testing.T) {
	body := "\x1b[2J\x1b]52;c;aGk=\x07\x1b[31mred\x9b1m\x7f"
	stream := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Evil: a\x1b[2Jb\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	sgr := regexp.MustCompile(`\x1b\[[0-9;:]*m`)
	fs := []check.Finding{{ID: "F8", Severity: check.Error, Message: "X-Evil holds \x1b[2J", Ref: "RFC 9110 §5.5",
		At: check.Location{Where: check.AtHeader, Index: 2, Name: "X-Evil"}}}
	for tab := range numTabs {
		m := newDone(t, stream, fs, 120, 30, tab)
		view := m.View()
		if rest := sgr.ReplaceAllString(view, ""); strings.ContainsAny(rest, "\x1b\x07\x7f\u009b") {
			t.Errorf("%s: a control character from the server reached the view: %q", tab, rest)
		}
	}
	m := newDone(t, stream, nil, 120, 30, TabRaw)
	if text := plain(m); !strings.Contains(text, `\x1b[2J`) || !strings.Contains(text, `\x1b]52;c;aGk=\x07`) {
		t.Errorf("escapes not shown visibly:\n%s", text)
	}
}

// TestInvisibleCharacters sends bidirectional controls and zero-width characters in the
// status line, a header field and the body: no tab shows them raw, and the headers, body and
// raw views show them as escapes.
func TestInvisibleCharacters(t *testing.T) {
	body := "name: \u202egnp.exe\u200b\n"
	stream := fmt.Sprintf("HTTP/1.1 200 O\u2066K\r\nContent-Type: text/plain\r\nX-Bidi: \u202egnp.exe\ufeff\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	for tab := range numTabs {
		m := newDone(t, stream, nil, 120, 30, tab)
		for _, r := range m.View() {
			if termsafe.Invisible(r) {
				t.Errorf("%s: %U from the server reached the view", tab, r)
				break
			}
		}
	}
	for tab, want := range map[Tab][]string{
		TabHeaders: {`X-Bidi: \u202egnp.exe\ufeff`, `O\u2066K`},
		TabBody:    {`name: \u202egnp.exe\u200b`},
		TabRaw:     {`X-Bidi: \u202egnp.exe\ufeff`, `\u202egnp.exe\u200b`},
	} {
		text := plain(newDone(t, stream, nil, 120, 30, tab))
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not show %q:\n%s", tab, w, text)
			}
		}
	}
}

func TestMasking(t *testing.T) {
	stream := "HTTP/1.1 200 OK\r\nSet-Cookie: session=hunter2\r\nX-Auth-Token: abc123\r\nContent-Length: 0\r\n\r\n"
	for _, tab := range []Tab{TabHeaders, TabRaw} {
		m := newDone(t, stream, nil, 100, 20, tab)
		if text := plain(m); !strings.Contains(text, "hunter2") {
			t.Fatalf("%s: unmasked view lacks the cookie:\n%s", tab, text)
		}
		m.SetMasked(true)
		text := plain(m)
		if strings.Contains(text, "hunter2") || strings.Contains(text, "abc123") {
			t.Errorf("%s: masked view shows a secret:\n%s", tab, text)
		}
		if !strings.Contains(text, theme.MaskGlyphs) {
			t.Errorf("%s: masked view lacks the mask", tab)
		}
	}
}

func TestLongLines(t *testing.T) {
	long := strings.Repeat("0123456789", 30)
	stream := fmt.Sprintf("HTTP/1.1 200 OK\r\nX-Long: %s\r\nContent-Length: %d\r\n\r\n%s", long, len(long), long)
	// Raw view: soft-wrapped, every byte on screen.
	m := newDone(t, stream, nil, 80, 40, TabRaw)
	joined := strings.Join(strings.Fields(strings.ReplaceAll(plain(m), "│", "")), "")
	if !strings.Contains(joined, "X-Long:"+long+"␍␊") {
		t.Errorf("raw view lost bytes of a wrapped line:\n%s", plain(m))
	}
	// A narrower pane re-wraps the rows.
	before := m.views[TabRaw].count()
	m.SetSize(40, 40)
	checkShape(t, m.View(), 40, 40)
	if after := m.views[TabRaw].count(); after <= before {
		t.Errorf("rows after narrowing: %d, want more than %d", after, before)
	}
	// Headers view: one row, cut with an ellipsis.
	m = newDone(t, stream, nil, 80, 40, TabHeaders)
	l := lineWith(plain(m), "X-Long")
	if !strings.HasSuffix(strings.TrimRight(l, " "), "…") || ansi.StringWidth(l) != 80 {
		t.Errorf("long header row = %q, want it cut with an ellipsis at 80 cells", l)
	}
}

func TestBodyViews(t *testing.T) {
	tests := []struct {
		name, ctype, body string
		want              []string
	}{
		{"json", "application/json", `{"a":[1,true,null],"b":"x"}`, []string{`"a": [`, `  "b": "x"`, "pretty-printed"}},
		{"invalid json", "application/json", `{"a":`, []string{"not valid JSON", `{"a":`}},
		{"html", "text/html", "<p class=\"x\">hi</p>", []string{`<p class="x">hi</p>`}},
		{"binary", "application/octet-stream", "\x00\x01\x02ABC\xff", []string{"00000000", "00 01 02 41 42 43 ff", "...ABC.", "binary"}},
		{"text", "text/plain", "a\tb\r\nline2", []string{"a   b", "line2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stream := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", tt.ctype, len(tt.body), tt.body)
			m := newDone(t, stream, nil, 100, 20, TabBody)
			text := plain(m)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("body view lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestFailedAndRedirects(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(80, 10)
	m.Start(1, probe.Request{Method: "GET", URL: "http://127.0.0.1:1/"})
	err := &probe.Error{Phase: probe.PhaseConnect, Msg: "connection refused"}
	m.SetResult(1, []*probe.Exchange{{Err: err}}, nil, err)
	text := plain(m)
	for _, want := range []string{"✗ no response", "connect", "connection refused", "http://127.0.0.1:1/"} {
		if !strings.Contains(text, want) {
			t.Errorf("failed view lacks %q:\n%s", want, text)
		}
	}

	hop := parse(t, "HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n", "GET")
	final := parse(t, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "GET")
	m.SetResult(2, []*probe.Exchange{hop, final}, nil, nil)
	text = plain(m)
	if !strings.Contains(text, "via 301") || !strings.Contains(lineWith(text, "200 OK"), "200 OK") {
		t.Errorf("redirect hops not shown:\n%s", text)
	}
	if !strings.Contains(text, "no problems found") {
		t.Errorf("a clean result should say so:\n%s", text)
	}
	if errors.Is(nil, err) {
		t.Fatal("unreachable")
	}
}

// TestFindingsScroll checks that a findings list longer than its rows says so with an arrow
// and follows the selection.
func TestFindingsScroll(t *testing.T) {
	fs := append(broken204Findings(), check.Finding{ID: "J2", Severity: check.Warning, Message: "JSON type on a 204", Ref: "RFC 9110 §15.3.5"})
	m := newDone(t, broken204, fs, 80, 8, TabRaw) // room for one finding
	if got := lineWith(plain(m), "S9"); !strings.HasSuffix(got, "↓") {
		t.Errorf("first finding row %q, want a ↓ at its end", got)
	}
	m, _, _ = m.Update(keyDown)
	m, _, _ = m.Update(keyDown)
	text := plain(m)
	if strings.Contains(text, "S9 ") || !strings.HasSuffix(lineWith(text, "J2"), "↑") {
		t.Errorf("after selecting the last finding:\n%s", text)
	}
}

func TestRawChunked(t *testing.T) {
	stream := "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\nabc\r\n0\r\n\r\n"
	m := newDone(t, stream, nil, 80, 20, TabRaw)
	st := newStyles(theme.New(true, false))
	view := m.View()
	text := ansi.Strip(view)
	for _, want := range []string{"── body · chunked · 8 bytes in 3 chunks ──", "hello␍␊", "abc␍␊"} {
		if !strings.Contains(text, want) {
			t.Errorf("raw view lacks %q:\n%s", want, text)
		}
	}
	// Chunk-size lines are framing (muted, and a bare LF there is wrong); chunk data is content.
	if !strings.Contains(view, st.sgr[kMuted]+"5"+ansi.ResetStyle+st.sgr[kEnding]+"␍␊") {
		t.Errorf("chunk-size line not drawn as framing: %q", lastLineWith(view, "hello"))
	}
	if l := lastLineWith(view, "hello"); strings.Contains(l, st.sgr[kMuted]+"hello") {
		t.Errorf("chunk data drawn as framing: %q", l)
	}
	if !strings.Contains(view, st.sgr[kMuted]+"3"+ansi.ResetStyle+st.sgr[kEndingLF]+"␊") {
		t.Errorf("bare LF after a chunk size not flagged: %q", lastLineWith(view, "abc"))
	}
}
