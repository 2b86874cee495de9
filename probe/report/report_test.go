package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// exchange builds an exchange from literal response bytes, as if it answered method on u.
func exchange(t *testing.T, method, u, stream string) *probe.Exchange {
	t.Helper()
	ex := probe.Parse([]byte(stream), method)
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	ex.Request = probe.Sent{Method: method, URL: parsed, Header: []probe.Field{
		{Name: "Host", Value: parsed.Host, Line: -1}, {Name: "User-Agent", Value: "hsx/test", Line: -1}}}
	ex.Timing = probe.Timing{Connect: 200 * time.Microsecond, TTFB: 1300 * time.Microsecond, Total: 1900 * time.Microsecond}
	return ex
}

const (
	goodNoContent = "HTTP/1.1 204 No Content\r\nDate: Tue, 24 Nov 2026 18:00:00 GMT\r\nServer: test\r\n\r\n"
	badNoContent  = "HTTP/1.1 204 No Content\r\nDate: Tue, 24 Nov 2026 18:00:00 GMT\r\nServer: test\r\n" +
		"Content-Length: 11\r\n\r\n{\"ok\":true}"
)

func findingsOf(exs ...*probe.Exchange) [][]check.Finding {
	var out [][]check.Finding
	for _, ex := range exs {
		if ex.Err != nil {
			out = append(out, nil)
			continue
		}
		out = append(out, check.Run(ex))
	}
	return out
}

func TestTextMarksOffendingLines(t *testing.T) {
	ex := exchange(t, "DELETE", "http://lab/204/body", badNoContent)
	fs := findingsOf(ex)
	if Count(fs).Errors == 0 {
		t.Fatalf("the broken 204 has no error findings: %+v", fs)
	}
	var buf bytes.Buffer
	if err := Text(&buf, []*probe.Exchange{ex}, fs, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"  DELETE /204/body HTTP/1.1\n",
		"  Host: lab\n",
		"  HTTP/1.1 204 No Content\n",
		"  Server: test\n",
		"✗ Content-Length: 11\n",
		"extra bytes (11 bytes after the end of the response",
		"✗ {\"ok\":true}\n",
		"findings\n",
		"timing\n  connect 0.20ms  ttfb 1.30ms  total 1.90ms\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	for _, f := range fs[0] {
		if !strings.Contains(out, f.Severity.Glyph()+" "+padRight(f.Severity.String(), 7)+" "+padRight(f.ID, 4)+" ") {
			t.Errorf("finding %s not listed with its glyph:\n%s", f.ID, out)
		}
		if f.Ref != "" && !strings.Contains(out, f.Ref) {
			t.Errorf("reference %q of %s missing", f.Ref, f.ID)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("report without color has escape sequences:\n%q", out)
	}
}

func padRight(s string, n int) string { return s + strings.Repeat(" ", max(0, n-len(s))) }

func TestTextCorrectResponse(t *testing.T) {
	ex := exchange(t, "GET", "http://lab/204", goodNoContent)
	fs := findingsOf(ex)
	var buf bytes.Buffer
	if err := Text(&buf, []*probe.Exchange{ex}, fs, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if Count(fs).Errors+Count(fs).Warnings > 0 {
		t.Fatalf("a correct 204 has findings: %+v", fs)
	}
	for _, glyph := range []string{"\n✗ ", "\n! "} {
		if strings.Contains(out, glyph) {
			t.Errorf("correct response has a %q mark:\n%s", glyph, out)
		}
	}
	if strings.Contains(out, "extra bytes") || strings.Contains(out, "\nbody") {
		t.Errorf("a bodyless response shows a body or extra section:\n%s", out)
	}
}

func TestTextEscapesServerBytes(t *testing.T) {
	stream := "HTTP/1.1 200 OK\x1b]0;pwned\x07\r\nX-Evil: \x1b[2J\x9b31m\r\nContent-Length: 17\r\n\r\n\x1b]52;c;AAAA\x07tail\n"
	ex := exchange(t, "GET", "http://lab/ansi", stream)
	var buf bytes.Buffer
	if err := Text(&buf, []*probe.Exchange{ex}, findingsOf(ex), TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07", "\u009b", "\x9b"} {
		if strings.Contains(out, bad) {
			t.Errorf("server bytes %q reached the output:\n%q", bad, out)
		}
	}
	for _, want := range []string{`\x1b]0;pwned\x07`, `X-Evil: \x1b[2J\x9b31m`, `\x1b]52;c;AAAA\x07tail`} {
		if !strings.Contains(out, want) {
			t.Errorf("escaped form %q missing:\n%s", want, out)
		}
	}
}

func TestTextColor(t *testing.T) {
	ex := exchange(t, "GET", "http://lab/204/body", badNoContent)
	fs := findingsOf(ex)
	var plain, color bytes.Buffer
	if err := Text(&plain, []*probe.Exchange{ex}, fs, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := Text(&color, []*probe.Exchange{ex}, fs, TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(color.String(), "\x1b[") {
		t.Fatal("colored report has no color")
	}
	if got := stripANSI(color.String()); got != plain.String() {
		t.Errorf("colored report differs from the plain one in more than color:\n%s\n---\n%s", got, plain.String())
	}
}

func TestTextPreviewLimits(t *testing.T) {
	var body strings.Builder
	for i := range 30 {
		body.WriteString(strings.Repeat("x", 10) + string(rune('a'+i%26)) + "\n")
	}
	stream := "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 360\r\n\r\n" + body.String()
	ex := exchange(t, "GET", "http://lab/text", stream)
	var buf bytes.Buffer
	if err := Text(&buf, []*probe.Exchange{ex}, findingsOf(ex), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if n := strings.Count(out, "xxxxxxxxxx"); n != previewLines {
		t.Errorf("preview shows %d body lines, want %d", n, previewLines)
	}
	if !strings.Contains(out, "… 240 more bytes") {
		t.Errorf("preview does not say how much is left:\n%s", out)
	}
}

func TestTextWidth(t *testing.T) {
	stream := "HTTP/1.1 200 OK\r\nX-Long: " + strings.Repeat("v", 500) + "\r\nContent-Length: 0\r\n\r\n"
	ex := exchange(t, "GET", "http://lab/", stream)
	var buf bytes.Buffer
	if err := Text(&buf, []*probe.Exchange{ex}, findingsOf(ex), TextOptions{Width: 60}); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(buf.String(), "\n") {
		if w := len([]rune(l)); w > 60 {
			t.Errorf("line of %d cells at width 60: %q", w, l)
		}
	}
}

func TestTextError(t *testing.T) {
	ex := exchange(t, "GET", "http://lab/", "")
	ex.Response = nil
	ex.Err = &probe.Error{Phase: probe.PhaseConnect, Msg: "connection refused"}
	var buf bytes.Buffer
	if err := Text(&buf, []*probe.Exchange{ex}, nil, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "✗ no response: connection refused\n") {
		t.Errorf("error not reported:\n%s", buf.String())
	}
	// A response that came, but whose exchange failed (here a redirect not followed).
	ex = exchange(t, "GET", "http://lab/", "HTTP/1.1 302 Found\r\nLocation: /\r\nContent-Length: 0\r\n\r\n")
	ex.Err = &probe.Error{Phase: probe.PhaseRedirect, Msg: "redirect loop: http://lab/ points back to http://lab/"}
	buf.Reset()
	if err := Text(&buf, []*probe.Exchange{ex}, nil, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "✗ failed: redirect loop: http://lab/ points back to http://lab/\n") {
		t.Errorf("error not reported:\n%s", buf.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestTextWriteError(t *testing.T) {
	ex := exchange(t, "GET", "http://lab/204", goodNoContent)
	if err := Text(failWriter{}, []*probe.Exchange{ex}, nil, TextOptions{}); err == nil {
		t.Error("a failing writer gave no error")
	}
}

// stripANSI removes CSI sequences (the only ones the report writes when colored).
func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestJSON(t *testing.T) {
	ex := exchange(t, "DELETE", "http://lab/204/body", badNoContent)
	fs := findingsOf(ex)
	var buf bytes.Buffer
	if err := JSON(&buf, []*probe.Exchange{ex}, fs); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Request struct {
			Method  string      `json:"method"`
			URL     string      `json:"url"`
			Headers [][2]string `json:"headers"`
		} `json:"request"`
		Response *struct {
			Proto      string      `json:"proto"`
			Status     int         `json:"status"`
			Reason     string      `json:"reason"`
			Headers    [][2]string `json:"headers"`
			BodyBytes  int64       `json:"body_bytes"`
			ExtraBytes int64       `json:"extra_bytes"`
			Interim    []struct {
				Status int `json:"status"`
			} `json:"interim"`
		} `json:"response"`
		Findings []map[string]any   `json:"findings"`
		Timing   map[string]float64 `json:"timing_ms"`
		Error    *string            `json:"error"`
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decoding %s: %v", buf.String(), err)
	}
	if got.Request.Method != "DELETE" || got.Request.URL != "http://lab/204/body" || got.Request.Headers[0] != [2]string{"Host", "lab"} {
		t.Errorf("request = %+v", got.Request)
	}
	r := got.Response
	if r == nil {
		t.Fatal("response is null")
	}
	if r.Proto != "HTTP/1.1" || r.Status != 204 || r.Reason != "No Content" || r.ExtraBytes != 11 || r.BodyBytes != 0 || r.Interim == nil {
		t.Errorf("response = %+v", *r)
	}
	if len(got.Findings) != len(fs[0]) || len(got.Findings) == 0 {
		t.Fatalf("findings = %v, want %d", got.Findings, len(fs[0]))
	}
	for i, f := range fs[0] {
		jf := got.Findings[i]
		if jf["id"] != f.ID || jf["severity"] != f.Severity.String() || jf["message"] != f.Message || jf["ref"] != f.Ref {
			t.Errorf("finding %d = %v, want %+v", i, jf, f)
		}
		switch f.At.Where {
		case check.AtHeader:
			if jf["header"] != f.At.Name {
				t.Errorf("finding %s header = %v, want %q", f.ID, jf["header"], f.At.Name)
			}
		case check.AtExtra:
			if want := []any{float64(f.At.Start), float64(f.At.End)}; !equalAny(jf["extra"], want) {
				t.Errorf("finding %s extra = %v, want %v", f.ID, jf["extra"], want)
			}
		}
	}
	if got.Timing["ttfb"] != 1.3 || got.Timing["total"] != 1.9 || len(got.Timing) != 5 {
		t.Errorf("timing_ms = %v", got.Timing)
	}
	if got.Error != nil {
		t.Errorf("error = %q, want null", *got.Error)
	}
}

func equalAny(a any, b []any) bool {
	s, ok := a.([]any)
	if !ok || len(s) != len(b) {
		return false
	}
	for i := range s {
		if s[i] != b[i] {
			return false
		}
	}
	return true
}

func TestJSONError(t *testing.T) {
	ex := exchange(t, "GET", "http://lab/hang", "")
	ex.Response = nil
	ex.Err = &probe.Error{Phase: probe.PhaseStatus, Msg: "timed out after 3s waiting for the status line", Timeout: true}
	var buf bytes.Buffer
	if err := JSON(&buf, []*probe.Exchange{ex}, nil); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got["response"] != nil || got["error"] != "timed out after 3s waiting for the status line" {
		t.Errorf("response = %v, error = %v", got["response"], got["error"])
	}
	if fs, ok := got["findings"].([]any); !ok || len(fs) != 0 {
		t.Errorf("findings = %v, want []", got["findings"])
	}
	if _, ok := got["redirects"]; ok {
		t.Error("redirects present without redirects")
	}
}

func TestJSONRedirects(t *testing.T) {
	hop := exchange(t, "GET", "http://lab/301", "HTTP/1.1 301 Moved Permanently\r\nLocation: /204\r\nContent-Length: 0\r\n\r\n")
	final := exchange(t, "GET", "http://lab/204", goodNoContent)
	var buf bytes.Buffer
	if err := JSON(&buf, []*probe.Exchange{hop, final}, findingsOf(hop, final)); err != nil {
		t.Fatal(err)
	}
	var got Object
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Response == nil || got.Response.Status != 204 || got.Request.URL != "http://lab/204" {
		t.Errorf("final = %+v %+v", got.Request, got.Response)
	}
	if len(got.Redirects) != 1 || got.Redirects[0].Response.Status != 301 || got.Redirects[0].Request.URL != "http://lab/301" {
		t.Errorf("redirects = %+v", got.Redirects)
	}
}

func TestJSONLocations(t *testing.T) {
	fs := []check.Finding{
		{ID: "A", At: check.Location{Where: check.AtStatusLine}},
		{ID: "B", At: check.Location{Where: check.AtLine, Index: 3}},
		{ID: "C", At: check.Location{Where: check.AtBody, Start: 2, End: 5}},
		{ID: "D", At: check.Location{Where: check.AtMessage}},
		{ID: "E", At: check.Location{Where: check.AtTrailer, Name: "X-T"}},
		{ID: "F", At: check.Location{Where: check.AtInterim, Index: 1}},
	}
	got := jsonFindings(fs)
	if *got[0].Line != 0 || *got[1].Line != 3 || *got[2].Body != [2]int64{2, 5} || got[4].Trailer != "X-T" || *got[5].Interim != 1 {
		t.Errorf("locations = %+v", got)
	}
	d := got[3]
	if d.Line != nil || d.Body != nil || d.Extra != nil || d.Header != "" || d.Interim != nil {
		t.Errorf("a finding about the whole message points somewhere: %+v", d)
	}
}

func TestTextBoundsHostileHeads(t *testing.T) {
	var head strings.Builder
	head.WriteString("HTTP/1.1 200 OK\r\n")
	for i := range 5000 {
		head.WriteString("X-N" + strings.Repeat("x", i%7) + " : v\r\n") // whitespace before the colon
	}
	head.WriteString("Content-Length: 0\r\n\r\n")
	ex := exchange(t, "GET", "http://lab/many", head.String())
	fs := findingsOf(ex)
	var buf bytes.Buffer
	if err := Text(&buf, []*probe.Exchange{ex}, fs, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\n"); n > maxHeadLines+2*maxFindings+40 {
		t.Errorf("report of 5000 header lines has %d lines", n)
	}
	if !strings.Contains(buf.String(), "more lines") {
		t.Errorf("the cut is not said")
	}
	if len(fs[0]) <= maxFindings {
		t.Fatalf("only %d findings: the head does not test the cut", len(fs[0]))
	}
	if !strings.Contains(buf.String(), "more findings") {
		t.Errorf("%d findings listed without saying the list was cut", len(fs[0]))
	}
}

func TestJSONEscapesControls(t *testing.T) {
	stream := "HTTP/1.1 200 OK\u009b\x7f\r\nX-Evil: a\x1b[2J\u009b31m\x7fb\r\nContent-Length: 3\r\n\r\n\u009bx"
	ex := exchange(t, "GET", "http://lab/evil", stream)
	var buf bytes.Buffer
	if err := JSON(&buf, []*probe.Exchange{ex}, findingsOf(ex)); err != nil {
		t.Fatal(err)
	}
	out := strings.TrimSuffix(buf.String(), "\n")
	for i, r := range out {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			t.Fatalf("control character %U at %d in %q", r, i, out)
		}
	}
	var got Object
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if v := got.Response.Headers[0][1]; v != "a\x1b[2J\u009b31m\x7fb" {
		t.Errorf("header value decodes to %q", v)
	}
	if r := got.Response.Reason; r != "OK\u009b\x7f" {
		t.Errorf("reason decodes to %q", r)
	}
}

func TestEscapeControls(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"plain é ✓"`, `"plain é ✓"`},
		{"\"\u0080\u009f\u00a0\x7f\"", `"\u0080\u009f` + "\u00a0" + `\u007f"`},
	}
	for _, tt := range tests {
		if got := string(escapeControls([]byte(tt.in))); got != tt.want {
			t.Errorf("escapeControls(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
