package results

import (
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/theme"
)

// h2Broken is an HTTP/2 exchange whose 204 has an upper-case field and DATA after its head,
// with a long run of DATA on it for the summing up.
func h2Broken() *probe.Exchange {
	ex := &probe.Exchange{
		Request: probe.Sent{Method: "GET", Proto: probe.ProtoHTTP2, Header: []probe.Field{
			{Name: ":method", Value: "GET", Line: -1}, {Name: ":path", Value: "/h2/x", Line: -1}}},
		Frames: []probe.Frame{
			{Sent: true, Type: "SETTINGS", Length: 12, Summary: "ENABLE_PUSH=0", Offset: -1},
			{Sent: true, Type: "HEADERS", Flags: []string{"END_STREAM", "END_HEADERS"}, Stream: 1, Length: 20, Offset: -1,
				Fields: []probe.HeaderField{{Name: ":method", Value: "GET"}}},
			{Type: "HEADERS", Flags: []string{"END_HEADERS"}, Stream: 1, Length: 30, Offset: 15, Fields: []probe.HeaderField{
				{Name: ":status", Value: "204", Rep: probe.Indexed},
				{Name: "X-Foo", Value: "1", Rep: probe.Literal, Huffman: true}}},
		},
		Response: &probe.Response{Status: probe.StatusLine{Proto: probe.ProtoHTTP2, Major: 2, Code: 204},
			Header: []probe.Field{{Name: "X-Foo", Value: "1", Line: -1}}, BodyComplete: true, DeclaredLength: -1},
	}
	for i := range 10 {
		ex.Frames = append(ex.Frames, probe.Frame{Type: "DATA", Stream: 1, Length: 100, Offset: int64(54 + 109*i)})
	}
	ex.Frames[len(ex.Frames)-1].Flags = []string{"END_STREAM"}
	ex.Extra = probe.Capture{Size: 1000, Data: []byte(strings.Repeat("x", 1000))}
	ex.FrameCount = int64(len(ex.Frames))
	return ex
}

func TestHTTP2Views(t *testing.T) {
	ex := h2Broken()
	fs := check.Run(ex)
	m := New(theme.New(true, false))
	m.SetSize(120, 60)
	m.Focus()
	m.SetTab(TabRaw)
	m.SetResult(1, []*probe.Exchange{ex}, fs, nil)
	raw := plain(m)
	for _, want := range []string{"→ SETTINGS  stream 0  12 B  ENABLE_PUSH=0", "← HEADERS  stream 1  END_HEADERS  30 B",
		":status: 204  (indexed)", "… 6 more DATA frames, 600 bytes"} {
		if !strings.Contains(raw, want) {
			t.Errorf("raw view lacks %q:\n%s", want, raw)
		}
	}
	if l := lineWith(raw, "X-Foo: 1"); !strings.Contains(l, "✗") {
		t.Errorf("the upper-case field is not marked: %q", l)
	}
	if l := lineWith(raw, "← DATA  stream 1  100 B"); !strings.Contains(l, "✗") {
		t.Errorf("the first DATA frame of the 204 is not marked: %q", l)
	}

	m.SetTab(TabHeaders)
	heads := plain(m)
	for _, want := range []string{"── final response · HEADERS END_HEADERS ──", ":status: 204", "GET /h2/x HTTP/2"} {
		if !strings.Contains(heads, want) {
			t.Errorf("headers view lacks %q:\n%s", want, heads)
		}
	}
	if l := lineWith(heads, "X-Foo: 1"); !strings.Contains(l, "✗") {
		t.Errorf("the upper-case field is not marked in the headers view: %q", l)
	}
}

func TestHTTP2Timing(t *testing.T) {
	ex := h2Broken()
	ex.Frames = append(ex.Frames[:2], append([]probe.Frame{{Type: "SETTINGS", Length: 6, At: 300 * time.Microsecond}}, ex.Frames[2:]...)...)
	ex.Frames[3].At = 1500 * time.Microsecond // the response's HEADERS
	ex.Frames[len(ex.Frames)-1].At = 2 * time.Millisecond
	ex.Timing = probe.Timing{Connect: time.Millisecond, TTFB: time.Millisecond, Total: 5 * time.Millisecond}
	var lines []string
	for _, r := range buildTiming([]*probe.Exchange{ex}, probe.Request{}, 80, time.Time{}, false) {
		var b strings.Builder
		for _, sp := range r.spans {
			b.WriteString(sp.text)
		}
		lines = append(lines, b.String())
	}
	out := strings.Join(lines, "\n")
	for _, want := range []string{"── HTTP/2, from the connection preface ──", "server SETTINGS" + strings.Repeat(" ", 11) + "   +0.3 ms",
		"our SETTINGS acknowledged          —", "response HEADERS          " + "   +1.5 ms", "END_STREAM                " + "   +2.0 ms"} {
		if !strings.Contains(out, want) {
			t.Errorf("timing lacks %q:\n%s", want, out)
		}
	}
}
