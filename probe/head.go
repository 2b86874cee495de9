package probe

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/probe/termsafe"
)

// sampleSize is how many bytes of a stream that is not HTTP are quoted in the error.
const sampleSize = 40

// readHead reads one response head: the status line, the field lines and the blank line.
// interim is the number of interim responses read before this one (it only changes messages).
// The heads of all responses of an exchange share one budget of MaxHeaderBytes bytes and
// MaxHeaderLines lines, so that interim responses cannot add up to more.
func (p *parser) readHead(interim int) (*Response, *Error) {
	r := p.r
	before := "the status line"
	if interim > 0 {
		before = "the final status line"
	}
	if err := r.ensure(len("HTTP/")); err != nil && r.w == r.r {
		return nil, p.env.waitError(PhaseStatus, before, err)
	}
	if b := r.buffered(); !looksLikeHTTP(b) {
		return nil, &Error{Phase: PhaseStatus, Msg: "not an HTTP response: got " + sample(b) + otherProtocol(b)}
	}

	resp := &Response{Offset: r.off, DeclaredLength: -1}
	status, err := r.readLine(p.headBytes)
	if err == errLineTooLong {
		return nil, tooLarge(PhaseStatus)
	}
	if err != nil {
		return nil, p.env.waitError(PhaseStatus, "the end of the status line", err)
	}
	p.headBytes -= int(status.End() - status.Offset)
	status.Kind = StatusLineKind
	resp.Lines = append(resp.Lines, status)
	resp.Status = parseStatusLine(status.Text)

	for {
		if p.headLines--; p.headLines < 0 {
			return nil, &Error{Phase: PhaseHeader,
				Msg: fmt.Sprintf("header section has more than %d lines", MaxHeaderLines)}
		}
		line, err := r.readLine(p.headBytes)
		if err == errLineTooLong {
			return nil, tooLarge(PhaseHeader)
		}
		if err != nil {
			return nil, p.env.waitError(PhaseHeader, "the end of the header section", err)
		}
		p.headBytes -= int(line.End() - line.Offset)
		if addFieldLine(&resp.Lines, &resp.Header, line) == BlankLineKind {
			resp.End = r.off
			return resp, nil
		}
	}
}

func tooLarge(phase Phase) *Error {
	return &Error{Phase: phase, Msg: fmt.Sprintf("header section larger than %d MiB", MaxHeaderBytes>>20)}
}

// addFieldLine classifies line as a field, an obs-fold continuation, a line that is not a field
// or the blank line, and appends it to lines (and a field to fields). It is used for header and
// trailer sections alike. It returns the kind it gave the line.
func addFieldLine(lines *[]Line, fields *[]Field, line Line) LineKind {
	idx := len(*lines)
	switch {
	case len(line.Text) == 0:
		line.Kind = BlankLineKind
	case line.Text[0] == ' ' || line.Text[0] == '\t':
		line.Kind = BadLineKind
		if idx > 0 && len(*fields) > 0 {
			if k := (*lines)[idx-1].Kind; k == FieldLineKind || k == FoldLineKind {
				line.Kind = FoldLineKind
				f := &(*fields)[len(*fields)-1]
				more := trimOWS(string(line.Text))
				switch {
				case more == "":
				case f.Value == "":
					f.Value = more
				default:
					f.Value += " " + more
				}
			}
		}
	default:
		if f, ok := parseField(line.Text); ok {
			line.Kind = FieldLineKind
			f.Line = idx
			*fields = append(*fields, f)
		} else {
			line.Kind = BadLineKind
		}
	}
	*lines = append(*lines, line)
	return line.Kind
}

// parseField splits a field line at its first colon. Whitespace between the name and the colon
// is not part of the name (the line's text keeps it, for the checks to see).
func parseField(text []byte) (Field, bool) {
	i := bytes.IndexByte(text, ':')
	if i < 0 {
		return Field{}, false
	}
	name := strings.TrimRight(string(text[:i]), " \t")
	if name == "" {
		return Field{}, false
	}
	return Field{Name: name, Value: trimOWS(string(text[i+1:]))}, true
}

func trimOWS(s string) string { return strings.Trim(s, " \t") }

// parseStatusLine splits a status line into its parts. It never fails: a part that is not
// well-formed is marked as such (Major -1, Code -1) for the checks to report.
func parseStatusLine(text []byte) StatusLine {
	st := StatusLine{Major: -1, Minor: -1, Code: -1}
	proto, rest, found := strings.Cut(string(text), " ")
	st.Proto = proto
	if len(proto) == 8 && strings.HasPrefix(proto, "HTTP/") && isDigit(proto[5]) &&
		proto[6] == '.' && isDigit(proto[7]) {
		st.Major, st.Minor = int(proto[5]-'0'), int(proto[7]-'0')
	}
	if !found {
		return st
	}
	code, reason, sp := strings.Cut(rest, " ")
	if len(code) == 3 && isDigit(code[0]) && isDigit(code[1]) && isDigit(code[2]) {
		st.Code, _ = strconv.Atoi(code)
	}
	st.HasSpaceAfterCode = sp
	st.Reason = reason
	return st
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// looksLikeHTTP reports whether b starts like an HTTP status line ("HTTP/", in any case, as far
// as b goes).
func looksLikeHTTP(b []byte) bool {
	const want = "http/"
	if len(b) > len(want) {
		b = b[:len(want)]
	}
	return len(b) > 0 && EqualFold(string(b), want[:len(b)])
}

// otherProtocol names the protocol a stream that is not HTTP/1.x seems to speak, as a hint
// for the error message, or returns "".
func otherProtocol(b []byte) string {
	switch {
	case len(b) >= 3 && (b[0] == 0x15 || b[0] == 0x16) && b[1] == 0x03:
		return " (a TLS record: try https://)"
	case len(b) >= 9 && b[3] == 0x04 && b[5]|b[6]|b[7]|b[8] == 0: // a SETTINGS frame on stream 0
		return " (an HTTP/2 frame: the server speaks only HTTP/2, which hsx does not yet)"
	}
	return ""
}

// sample quotes the start of b, up to its first newline or sampleSize bytes, escaped for a
// terminal; "…" marks a cut.
func sample(b []byte) string {
	n := min(len(b), sampleSize)
	if i := bytes.IndexByte(b[:n], '\n'); i >= 0 {
		n = i + 1
	}
	cut := ""
	if n < len(b) && b[n-1] != '\n' {
		cut = "…"
	}
	return `"` + termsafe.Bytes(b[:n], termsafe.Line) + cut + `"`
}
