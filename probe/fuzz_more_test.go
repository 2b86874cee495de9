package probe_test

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// chunkedHead is the head the chunked fuzz target puts before its input.
const chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"

// FuzzChunked feeds arbitrary bytes to the chunked decoder, after a fixed head. The decoder must
// not panic, must say why a body is incomplete in one line, and must agree with a strict
// reference decoder on every input the reference accepts: same content, same trailer fields,
// same bytes after the last chunk.
func FuzzChunked(f *testing.F) {
	for _, seed := range []string{
		"5\r\nhello\r\n0\r\n\r\n",
		"3;name=value\r\nabc\r\n2\r\nde\r\n0\r\nExpires: never\r\nX-Sum: 1\r\n\r\n",
		"a\r\n0123456789\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n",
		"5\nhello\n0\n\n",
		" 5 ; x\r\nhello\r\n0\r\n\r\n",
		"fffffffffffffff\r\nx",
		"ffffffffffffffff\r\n",
		"-1\r\n",
		"0x5\r\nhello\r\n0\r\n\r\n",
		"5\r\nhelloX0\r\n\r\n",
		"5\r\nhel",
		"0\r\nTrailer-Without-End: 1",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		stream := append([]byte(chunkedHead), body...)
		ex := probe.Parse(stream, "GET")
		if ex.Err != nil {
			t.Fatalf("the head is fixed, yet Parse failed: %v", ex.Err)
		}
		r := ex.Response
		if r.Framing != probe.FramingChunked {
			t.Fatalf("framing %v", r.Framing)
		}
		if r.BodyComplete != (r.BodyError == "") || strings.ContainsAny(r.BodyError, "\r\n") {
			t.Fatalf("complete %v with body error %q", r.BodyComplete, r.BodyError)
		}
		if r.Body.Size != int64(len(r.Body.Data)) || int64(len(r.Chunks)) > r.ChunkCount {
			t.Fatalf("body size %d, kept %d; %d chunks recorded of %d", r.Body.Size, len(r.Body.Data), len(r.Chunks), r.ChunkCount)
		}
		for _, c := range r.Chunks {
			if c.Offset < int64(len(chunkedHead)) || c.DataWire > int64(len(stream)) || c.DataOffset > r.Body.Size {
				t.Fatalf("chunk %+v outside the stream", c)
			}
		}
		want, ok := decodeChunked(body)
		if !ok {
			return
		}
		if !r.BodyComplete || !bytes.Equal(r.Body.Data, want.data) || len(r.Trailers) != len(want.trailers) ||
			!bytes.Equal(ex.Extra.Data, want.rest) {
			t.Fatalf("decoded complete=%v body %q trailers %v extra %q (%s)\nwant body %q trailers %v extra %q",
				r.BodyComplete, r.Body.Data, r.Trailers, ex.Extra.Data, r.BodyError, want.data, want.trailers, want.rest)
		}
		for i, f := range r.Trailers {
			if f.Name != want.trailers[i][0] || f.Value != want.trailers[i][1] {
				t.Fatalf("trailer %d = %q: %q, want %q", i, f.Name, f.Value, want.trailers[i])
			}
		}
	})
}

// chunked is what the reference decoder makes of a chunked body.
type chunked struct {
	data     []byte
	trailers [][2]string
	rest     []byte
}

// decodeChunked is a strict chunked decoder (RFC 9112 §7.1) written independently of probe's:
// hex sizes of at most 15 digits, CRLF line endings only, extensions without CR or LF, trailer
// fields of the form "name: value" with a token name. It reports false for anything else.
func decodeChunked(b []byte) (chunked, bool) {
	var out chunked
	line := func() (string, bool) {
		i := bytes.Index(b, []byte("\r\n"))
		if i < 0 || bytes.IndexByte(b[:i], '\n') >= 0 || bytes.IndexByte(b[:i], '\r') >= 0 {
			return "", false
		}
		s := string(b[:i])
		b = b[i+2:]
		return s, true
	}
	for {
		l, ok := line()
		if !ok {
			return out, false
		}
		hex, _, _ := strings.Cut(l, ";")
		if hex == "" || len(hex) > 15 {
			return out, false
		}
		size, err := strconv.ParseUint(hex, 16, 64)
		if err != nil || strings.ContainsAny(hex, "+-xX_") {
			return out, false
		}
		if size == 0 {
			break
		}
		if uint64(len(b)) < size+2 || string(b[size:size+2]) != "\r\n" {
			return out, false
		}
		out.data = append(out.data, b[:size]...)
		b = b[size+2:]
	}
	for {
		l, ok := line()
		if !ok {
			return out, false
		}
		if l == "" {
			out.rest = b
			return out, true
		}
		name, value, found := strings.Cut(l, ":")
		if !found || !tokenRE.MatchString(name) {
			return out, false
		}
		out.trailers = append(out.trailers, [2]string{name, strings.Trim(value, " \t")})
	}
}

var tokenRE = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

// statusRE matches a well-formed status line: HTTP-version SP 3DIGIT SP reason-phrase.
var statusRE = regexp.MustCompile(`^HTTP/([0-9])\.([0-9]) ([0-9]{3}) ([^\r\n]*)$`)

// FuzzStatusLine feeds arbitrary status lines to the parser, followed by an empty header
// section. It must not panic, must keep the line as received, must call a stream that does not
// begin like HTTP "not an HTTP response", and must read every well-formed status line exactly.
func FuzzStatusLine(f *testing.F) {
	for _, seed := range []string{
		"HTTP/1.1 204 No Content",
		"HTTP/1.1 200 ",
		"HTTP/1.1 200",
		"HTTP/1.0 404 Not Found",
		"HTTP/2 200 OK",
		"HTTP/1.1 2000 OK",
		"HTTP/1.1 099 Low",
		"HTTP/1.1 100 Continue",
		"HTTP/1.1 101 Switching Protocols",
		"http/1.1 200 ok",
		"HTTP/1.1  200 OK",
		"HTTP/1.1 200 \x1b]0;title\x07",
		"ICY 200 OK",
		"SSH-2.0-OpenSSH_9.6",
		"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		stream := []byte(line + "\r\nContent-Length: 0\r\n\r\n")
		ex := probe.Parse(stream, "GET")
		if ex.Err != nil && strings.ContainsAny(ex.Err.Error(), "\r\n") {
			t.Fatalf("error is not one line: %q", ex.Err)
		}
		lower := strings.ToLower(line)
		if !strings.HasPrefix(lower, "http/") && !strings.HasPrefix("http/", lower) || line == "" {
			if ex.Err == nil || !strings.HasPrefix(ex.Err.Error(), "not an HTTP response") {
				t.Fatalf("err = %v, want not an HTTP response", ex.Err)
			}
			return
		}
		m := statusRE.FindStringSubmatch(line)
		if m == nil {
			return
		}
		code, _ := strconv.Atoi(m[3])
		var r *probe.Response
		switch {
		case code >= 100 && code < 200 && code != 101:
			if len(ex.Interim) != 1 || ex.Response != nil || ex.Err == nil {
				t.Fatalf("interim %d, response %v, err %v; want one interim response and no final one",
					len(ex.Interim), ex.Response != nil, ex.Err)
			}
			r = ex.Interim[0]
		default:
			if ex.Err != nil {
				t.Fatalf("well-formed status line %q: %v", line, ex.Err)
			}
			r = ex.Response
		}
		st := r.Status
		if st.Proto != "HTTP/"+m[1]+"."+m[2] || st.Major != int(m[1][0]-'0') || st.Minor != int(m[2][0]-'0') ||
			st.Code != code || st.Reason != m[4] || !st.HasSpaceAfterCode {
			t.Fatalf("status line %q parsed as %+v", line, st)
		}
		if l := r.Lines[0]; string(l.Text) != line || l.Ending != probe.CRLF || l.Kind != probe.StatusLineKind {
			t.Fatalf("status line kept as %q %v kind %v", l.Text, l.Ending, l.Kind)
		}
	})
}

// FuzzHeaderFields feeds arbitrary header sections to the parser, after a fixed status line.
// It must not panic, and what it records must hold together: every field points at a field
// line whose text starts with the field's name, names hold no colon, values are trimmed, and
// every line's bytes are where the stream has them. Every value is shown without a control or
// an invisible character, and rule U1 notes exactly the fields whose value holds one of the
// latter.
func FuzzHeaderFields(f *testing.F) {
	for _, seed := range []string{
		"Content-Length: 5\r\n\r\nhello",
		"Content-Type: text/plain\r\nX-Long: a\r\n b\r\n\tc\r\n\r\n",
		"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
		"Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
		"Content-Length: -1\r\n\r\n",
		"Content-Length: 99999999999999999999\r\n\r\n",
		"X: 1\nY: 2\n\n",
		"X: 1\rY: 2\r\r\n",
		"Name : value\r\n: no name\r\nno colon\r\n\r\n",
		" leading fold\r\n\r\n",
		"X-Evil: \x1b]52;c;aGk=\x07\r\n\r\n",
		"X-Bidi: \u202egnp.exe\r\nX-Zero: a\u200bb\u2066\ufeff\r\n\r\n",
		"Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
		"Connection: close\r\n\r\nbody until close",
	} {
		f.Add([]byte(seed))
	}
	const statusLine = "HTTP/1.1 200 OK\r\n"
	f.Fuzz(func(t *testing.T, fields []byte) {
		stream := append([]byte(statusLine), fields...)
		ex := probe.Parse(stream, "GET")
		if ex.Err != nil {
			if strings.ContainsAny(ex.Err.Error(), "\r\n") {
				t.Fatalf("error is not one line: %q", ex.Err)
			}
			return
		}
		r := ex.Response
		fieldLines := 0
		for i, l := range r.Lines {
			if l.End() > int64(len(stream)) || !bytes.Equal(stream[l.Offset:l.Offset+int64(len(l.Text))], l.Text) {
				t.Fatalf("line %d at %d does not match the stream", i, l.Offset)
			}
			if i > 0 && l.Offset != r.Lines[i-1].End() {
				t.Fatalf("line %d starts at %d, the previous one ends at %d", i, l.Offset, r.Lines[i-1].End())
			}
			if l.Kind == probe.FieldLineKind {
				fieldLines++
			}
		}
		if last := r.Lines[len(r.Lines)-1]; last.Kind != probe.BlankLineKind || last.End() != r.Body.Offset {
			t.Fatalf("head ends with %+v, body at %d", last, r.Body.Offset)
		}
		if fieldLines != len(r.Header) {
			t.Fatalf("%d field lines, %d fields", fieldLines, len(r.Header))
		}
		for _, h := range r.Header {
			if h.Line <= 0 || h.Line >= len(r.Lines) || r.Lines[h.Line].Kind != probe.FieldLineKind ||
				!bytes.HasPrefix(r.Lines[h.Line].Text, []byte(h.Name)) {
				t.Fatalf("field %q points at line %d", h.Name, h.Line)
			}
			if h.Name == "" || strings.ContainsRune(h.Name, ':') || strings.Trim(h.Value, " \t") != h.Value {
				t.Fatalf("field %q: %q is not trimmed or split at its colon", h.Name, h.Value)
			}
		}
		noted := map[int]bool{}
		u1, _ := check.Lookup("U1")
		for _, f := range u1.Check(ex) {
			if f.At.Where == check.AtHeader {
				noted[f.At.Index] = true
			}
		}
		for i, h := range r.Header {
			for _, c := range termsafe.String(h.Name+": "+h.Value, termsafe.Line) {
				if c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || termsafe.Invisible(c) {
					t.Fatalf("field %d shown with %U: %q", i, c, termsafe.String(h.Value, termsafe.Line))
				}
			}
			if noted[i] != termsafe.HasInvisible(h.Value) {
				t.Fatalf("U1 on field %d (%q) is %v", i, h.Value, noted[i])
			}
		}
	})
}
