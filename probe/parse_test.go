package probe

import (
	"slices"
	"strings"
	"testing"
)

// want is what a parse test expects of an exchange; zero fields are not checked unless noted.
type want struct {
	err       string // substring of ex.Err; "" means no error
	code      int
	framing   Framing
	declared  int64 // checked when framing is FramingLength
	body      string
	complete  bool
	extra     string
	interim   []int
	endings   []Ending   // endings of the final head's lines, in order
	kinds     []LineKind // kinds of the final head's lines, in order
	header    [][2]string
	chunkExts []string
	trailers  [][2]string
}

func TestParse(t *testing.T) {
	tests := []struct {
		name   string
		method string
		stream string
		want   want
	}{
		{
			name:   "correct 204",
			stream: "HTTP/1.1 204 No Content\r\nDate: Tue, 24 Nov 2026 18:00:00 GMT\r\n\r\n",
			want: want{code: 204, framing: FramingNone, complete: true,
				endings: []Ending{CRLF, CRLF, CRLF},
				kinds:   []LineKind{StatusLineKind, FieldLineKind, BlankLineKind},
				header:  [][2]string{{"Date", "Tue, 24 Nov 2026 18:00:00 GMT"}}},
		},
		{
			name:   "204 with a body",
			stream: "HTTP/1.1 204 No Content\r\nContent-Length: 11\r\n\r\n{\"ok\":true}",
			want:   want{code: 204, framing: FramingNone, complete: true, extra: `{"ok":true}`},
		},
		{
			name:   "204 with Content-Length and no body",
			stream: "HTTP/1.1 204 No Content\r\nContent-Length: 17\r\n\r\n",
			want: want{code: 204, framing: FramingNone, complete: true,
				header: [][2]string{{"Content-Length", "17"}}},
		},
		{
			name:   "204 with a chunked last-chunk",
			stream: "HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
			want:   want{code: 204, framing: FramingNone, complete: true, extra: "0\r\n\r\n"},
		},
		{
			name:   "304 with a body",
			stream: "HTTP/1.1 304 Not Modified\r\nETag: \"a\"\r\n\r\nstale",
			want:   want{code: 304, framing: FramingNone, complete: true, extra: "stale"},
		},
		{
			name:   "HEAD with a body",
			method: "HEAD",
			stream: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
			want:   want{code: 200, framing: FramingNone, complete: true, extra: "hello"},
		},
		{
			name:   "content-length with bytes after it",
			stream: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\n",
			want: want{code: 200, framing: FramingLength, declared: 5, body: "hello", complete: true,
				extra: "HTTP/1.1 200 OK\r\n"},
		},
		{
			name: "chunked with extensions and trailers",
			stream: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n" +
				"5;name=value\r\nhello\r\n7 ; a=b;c\r\n, world\r\n0\r\nX-Sum: 12\r\n\r\nafter",
			want: want{code: 200, framing: FramingChunked, body: "hello, world", complete: true,
				chunkExts: []string{"name=value", " a=b;c", ""},
				trailers:  [][2]string{{"X-Sum", "12"}}, extra: "after"},
		},
		{
			name:   "chunked without its last chunk",
			stream: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
			want:   want{code: 200, framing: FramingChunked, body: "hel", complete: false},
		},
		{
			name:   "chunked with an invalid size line",
			stream: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nrest",
			want:   want{code: 200, framing: FramingChunked, complete: false, extra: "zz\r\nrest"},
		},
		{
			name:   "bare LF and bare CR line endings",
			stream: "HTTP/1.1 200 OK\nContent-Length: 2\rServer: x\r\n\nhi",
			want: want{code: 200, framing: FramingLength, declared: 2, body: "hi", complete: true,
				endings: []Ending{LF, CR, CRLF, LF}},
		},
		{
			name:   "obs-fold, a line without a colon, whitespace before the colon",
			stream: "HTTP/1.1 200 OK\r\nX-A: one\r\n  two\r\nnot a field\r\nX-B : three\r\nContent-Length: 0\r\n\r\n",
			want: want{code: 200, framing: FramingLength, complete: true,
				kinds: []LineKind{StatusLineKind, FieldLineKind, FoldLineKind, BadLineKind,
					FieldLineKind, FieldLineKind, BlankLineKind},
				header: [][2]string{{"X-A", "one two"}, {"X-B", "three"}, {"Content-Length", "0"}}},
		},
		{
			name:   "whitespace before the first field is not a fold",
			stream: "HTTP/1.1 200 OK\r\n X-A: one\r\nContent-Length: 0\r\n\r\n",
			want: want{code: 200, framing: FramingLength, complete: true,
				kinds:  []LineKind{StatusLineKind, BadLineKind, FieldLineKind, BlankLineKind},
				header: [][2]string{{"Content-Length", "0"}}},
		},
		{
			name:   "Content-Length and Transfer-Encoding: chunked wins",
			stream: "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
			want:   want{code: 200, framing: FramingChunked, body: "ok", complete: true},
		},
		{
			name:   "duplicate Content-Length with the same value",
			stream: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nokX",
			want:   want{code: 200, framing: FramingLength, declared: 2, body: "ok", complete: true, extra: "X"},
		},
		{
			name:   "duplicate Content-Length with different values reads to the close",
			stream: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 4\r\n\r\nokay",
			want:   want{code: 200, framing: FramingClose, body: "okay", complete: true},
		},
		{
			name:   "invalid Content-Length reads to the close",
			stream: "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nabc",
			want:   want{code: 200, framing: FramingClose, body: "abc", complete: true},
		},
		{
			// Coding names are ASCII tokens: the Kelvin sign (U+212A) folds to "k" only under
			// Unicode case folding, and a recipient that accepted it would frame differently.
			name:   "a non-ASCII look-alike of chunked is not chunked",
			stream: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chun\u212aed\r\n\r\n0\r\n\r\n",
			want:   want{code: 200, framing: FramingClose, body: "0\r\n\r\n", complete: true},
		},
		{
			name:   "CHUNKED in capitals is chunked",
			stream: "HTTP/1.1 200 OK\r\nTransfer-Encoding: CHUNKED\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
			want:   want{code: 200, framing: FramingChunked, body: "abc", complete: true},
		},
		{
			name:   "transfer coding other than chunked last is close-delimited",
			stream: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nraw",
			want:   want{code: 200, framing: FramingClose, body: "raw", complete: true},
		},
		{
			name:   "short Content-Length body",
			stream: "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
			want:   want{code: 200, framing: FramingLength, declared: 10, body: "short", complete: false},
		},
		{
			name: "interim 100 and 103 before the final response",
			stream: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n" +
				"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
			want: want{code: 200, framing: FramingLength, declared: 2, body: "ok", complete: true,
				interim: []int{100, 103}},
		},
		{
			name:   "close-delimited",
			stream: "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end\r\n",
			want:   want{code: 200, framing: FramingClose, body: "until the end\r\n", complete: true},
		},
		{
			name:   "101 switching protocols keeps the next protocol as extra",
			stream: "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x00",
			want:   want{code: 101, framing: FramingNone, complete: true, extra: "\x81\x00"},
		},
		{
			name:   "status line without a reason",
			stream: "HTTP/1.1 204\r\n\r\n",
			want:   want{code: 204, framing: FramingNone, complete: true},
		},
		{name: "SSH banner", stream: "SSH-2.0-OpenSSH_9.6\r\n",
			want: want{err: `not an HTTP response: got "SSH-2.0-OpenSSH_9.6\r\n"`}},
		{name: "garbage with escapes", stream: "\x1b[2J\x00garbage",
			want: want{err: `not an HTTP response: got "\x1b[2J\x00garbage"`}},
		{name: "long garbage is cut", stream: strings.Repeat("<html>", 20),
			want: want{err: `not an HTTP response: got "<html><html><html><html><html><html><htm…"`}},
		{name: "TLS alert to a plain-text request", stream: "\x15\x03\x01\x00\x02\x02\x46",
			want: want{err: `not an HTTP response: got "\x15\x03\x01\x00\x02\x02F" (a TLS record: try https://)`}},
		{name: "HTTP/2 SETTINGS frame", stream: "\x00\x00\x06\x04\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x64",
			want: want{err: `not an HTTP response: got "\x00\x00\x06\x04\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00d" ` +
				`(an HTTP/2 frame: the server speaks only HTTP/2, which hsx does not yet)`}},
		{name: "empty stream", stream: "",
			want: want{err: "connection closed before the status line"}},
		{name: "closed in the status line", stream: "HTTP/1.1 2",
			want: want{err: "connection closed before the end of the status line"}},
		{name: "closed in the header section", stream: "HTTP/1.1 200 OK\r\nContent-Le",
			want: want{err: "connection closed before the end of the header section"}},
		{name: "closed after an interim response", stream: "HTTP/1.1 100 Continue\r\n\r\n",
			want: want{err: "connection closed before the final status line"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := Parse([]byte(tt.stream), tt.method)
			checkExchange(t, ex, tt.want)
			if ex.WireSize != int64(len(tt.stream)) || string(ex.Wire) != tt.stream {
				t.Errorf("wire = %q (%d bytes), want the whole stream", ex.Wire, ex.WireSize)
			}
		})
	}
}

// checkExchange compares ex with w, for parse tests and live tests alike.
func checkExchange(t *testing.T, ex *Exchange, w want) {
	t.Helper()
	if w.err != "" {
		if ex.Err == nil || !strings.Contains(ex.Err.Error(), w.err) {
			t.Fatalf("err = %v, want %q", ex.Err, w.err)
		}
		if ex.Response != nil {
			t.Errorf("response = %+v, want none with an error", ex.Response)
		}
		return
	}
	if ex.Err != nil {
		t.Fatalf("unexpected error: %v", ex.Err)
	}
	r := ex.Response
	if r == nil {
		t.Fatal("no response")
	}
	if r.Status.Code != w.code {
		t.Errorf("code = %d, want %d", r.Status.Code, w.code)
	}
	if r.Framing != w.framing {
		t.Errorf("framing = %v, want %v", r.Framing, w.framing)
	}
	if w.framing == FramingLength && r.DeclaredLength != w.declared {
		t.Errorf("declared length = %d, want %d", r.DeclaredLength, w.declared)
	}
	if string(r.Body.Data) != w.body || r.Body.Size != int64(len(w.body)) {
		t.Errorf("body = %q (size %d), want %q", r.Body.Data, r.Body.Size, w.body)
	}
	if r.BodyComplete != w.complete {
		t.Errorf("body complete = %v (%s), want %v", r.BodyComplete, r.BodyError, w.complete)
	}
	if (r.BodyError == "") != r.BodyComplete {
		t.Errorf("body error %q does not match complete = %v", r.BodyError, r.BodyComplete)
	}
	if string(ex.Extra.Data) != w.extra || ex.Extra.Size != int64(len(w.extra)) {
		t.Errorf("extra = %q (size %d), want %q", ex.Extra.Data, ex.Extra.Size, w.extra)
	}
	if ex.Extra.Offset != r.End {
		t.Errorf("extra offset = %d, want the response's end %d", ex.Extra.Offset, r.End)
	}
	if end := r.End + int64(len(w.extra)); end > int64(len(ex.Wire)) {
		t.Errorf("extra bytes end at %d, past the %d bytes of wire kept", end, len(ex.Wire))
	} else if got := ex.Wire[r.End:end]; string(got) != w.extra {
		t.Errorf("wire after the response = %q, want the extra bytes %q", got, w.extra)
	}
	interim := pluck(ex.Interim, func(ir *Response) int { return ir.Status.Code })
	if !slices.Equal(interim, w.interim) {
		t.Errorf("interim = %v, want %v", interim, w.interim)
	}
	if w.endings != nil {
		if got := pluck(r.Lines, func(l Line) Ending { return l.Ending }); !slices.Equal(got, w.endings) {
			t.Errorf("endings = %v, want %v", got, w.endings)
		}
	}
	if w.kinds != nil {
		if got := pluck(r.Lines, func(l Line) LineKind { return l.Kind }); !slices.Equal(got, w.kinds) {
			t.Errorf("kinds = %v, want %v", got, w.kinds)
		}
	}
	if w.header != nil {
		checkFields(t, "header", r.Header, r.Lines, w.header)
	}
	if w.trailers != nil {
		checkFields(t, "trailer", r.Trailers, r.TrailerLines, w.trailers)
	}
	if w.chunkExts != nil {
		if got := pluck(r.Chunks, func(c Chunk) string { return c.Ext }); !slices.Equal(got, w.chunkExts) {
			t.Errorf("chunk extensions = %q, want %q", got, w.chunkExts)
		}
	}
}

func checkFields(t *testing.T, what string, got []Field, lines []Line, want [][2]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s fields = %+v, want %q", what, got, want)
	}
	for i, f := range got {
		if f.Name != want[i][0] || f.Value != want[i][1] {
			t.Errorf("%s field %d = %q: %q, want %q", what, i, f.Name, f.Value, want[i])
		}
		if f.Line < 0 || f.Line >= len(lines) || lines[f.Line].Kind != FieldLineKind ||
			!strings.HasPrefix(string(lines[f.Line].Text), f.Name) {
			t.Errorf("%s field %d points at line %d, which is not its field line", what, i, f.Line)
		}
	}
}

// pluck returns f of each element of s, in order; nil when s is empty.
func pluck[T, U any](s []T, f func(T) U) []U {
	var out []U
	for _, v := range s {
		out = append(out, f(v))
	}
	return out
}

// TestParseOffsets checks that line offsets, body and extra offsets point at the right bytes of
// the stream.
func TestParseOffsets(t *testing.T) {
	stream := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\n\r\n3;x\r\nabc\r\n2\r\nde\r\n0\r\n\r\nXYZ"
	ex := Parse([]byte(stream), "GET")
	if ex.Err != nil {
		t.Fatal(ex.Err)
	}
	r := ex.Response
	for i, l := range r.Lines {
		if got := stream[l.Offset : l.Offset+int64(len(l.Text))]; got != string(l.Text) {
			t.Errorf("line %d at %d reads %q, want %q", i, l.Offset, got, l.Text)
		}
		if i+1 < len(r.Lines) && l.End() != r.Lines[i+1].Offset {
			t.Errorf("line %d ends at %d, next starts at %d", i, l.End(), r.Lines[i+1].Offset)
		}
	}
	if want := int64(strings.Index(stream, "3;x")); r.Body.Offset != want || r.Chunks[0].Offset != want {
		t.Errorf("body offset %d, first chunk %d, want %d", r.Body.Offset, r.Chunks[0].Offset, want)
	}
	for i, c := range r.Chunks {
		data := string(r.Body.Data[c.DataOffset : c.DataOffset+c.Size])
		if wire := stream[c.DataWire : c.DataWire+c.Size]; wire != data {
			t.Errorf("chunk %d: wire %q, decoded %q", i, wire, data)
		}
	}
	if got := stream[ex.Extra.Offset:]; got != "XYZ" || r.End != ex.Extra.Offset {
		t.Errorf("extra starts at %d (%q), response ends at %d", ex.Extra.Offset, got, r.End)
	}
	if !ex.Closed {
		t.Error("a parsed stream is closed at its end")
	}
}

// TestParseStatusLine checks the parts of well-formed and malformed status lines.
func TestParseStatusLine(t *testing.T) {
	tests := []struct {
		line string
		want StatusLine
	}{
		{"HTTP/1.1 200 OK", StatusLine{"HTTP/1.1", 1, 1, 200, "OK", true}},
		{"HTTP/1.0 404 Not Found", StatusLine{"HTTP/1.0", 1, 0, 404, "Not Found", true}},
		{"HTTP/1.1 204", StatusLine{"HTTP/1.1", 1, 1, 204, "", false}},
		{"HTTP/1.1 204 ", StatusLine{"HTTP/1.1", 1, 1, 204, "", true}},
		{"http/1.1 200 OK", StatusLine{"http/1.1", -1, -1, 200, "OK", true}},
		{"HTTP/1.1 20 OK", StatusLine{"HTTP/1.1", 1, 1, -1, "OK", true}},
		{"HTTP/11 200 OK", StatusLine{"HTTP/11", -1, -1, 200, "OK", true}},
		{"HTTP/1.1", StatusLine{"HTTP/1.1", 1, 1, -1, "", false}},
	}
	for _, tt := range tests {
		if got := parseStatusLine([]byte(tt.line)); got != tt.want {
			t.Errorf("parseStatusLine(%q) = %+v, want %+v", tt.line, got, tt.want)
		}
	}
}

// TestParseHeaderCaps checks the limits on the header section.
func TestParseHeaderCaps(t *testing.T) {
	big := "HTTP/1.1 200 OK\r\nX-Big: " + strings.Repeat("a", MaxHeaderBytes) + "\r\n\r\n"
	if ex := Parse([]byte(big), "GET"); ex.Err == nil || ex.Err.Error() != "header section larger than 1 MiB" {
		t.Errorf("big header: err = %v", ex.Err)
	}
	many := "HTTP/1.1 200 OK\r\n" + strings.Repeat("X: y\r\n", MaxHeaderLines+1) + "\r\n"
	ex := Parse([]byte(many), "GET")
	if ex.Err == nil || !strings.Contains(ex.Err.Error(), "more than 10000 lines") {
		t.Errorf("many lines: err = %v", ex.Err)
	}
	var pe *Error
	if e, ok := ex.Err.(*Error); ok {
		pe = e
	}
	if pe == nil || pe.Phase != PhaseHeader {
		t.Errorf("many lines: err = %#v, want a *Error in phase header", ex.Err)
	}
}

// TestParseBudgets checks that memory stays bounded when a server sends many interim responses
// or a body in many small chunks.
func TestParseBudgets(t *testing.T) {
	interim := "HTTP/1.1 103 Early Hints\r\nLink: " + strings.Repeat("x", 20000) + "\r\n\r\n"
	ex := Parse([]byte(strings.Repeat(interim, 60)+"HTTP/1.1 200 OK\r\n\r\n"), "GET")
	if ex.Err == nil || ex.Err.Error() != "header section larger than 1 MiB" {
		t.Errorf("interim flood: err = %v", ex.Err)
	}

	var b strings.Builder
	b.WriteString("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
	const chunks = 2048
	for range chunks {
		b.WriteString("400;e\r\n" + strings.Repeat("y", 1024) + "\r\n")
	}
	b.WriteString("0\r\n\r\n")
	ex = Parse([]byte(b.String()), "GET")
	r := ex.Response
	if ex.Err != nil || !r.BodyComplete || r.Body.Size != chunks*1024 {
		t.Fatalf("err %v, complete %v, size %d", ex.Err, r.BodyComplete, r.Body.Size)
	}
	kept := DefaultBodyLimit / 1024
	if r.ChunkCount != chunks+1 || len(r.Chunks) != kept+1 || r.Chunks[len(r.Chunks)-1].Size != 0 {
		t.Errorf("chunk count %d, %d described", r.ChunkCount, len(r.Chunks))
	}
}
