package check

import (
	"strings"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
)

// h2Rules are the rules of RFC 9113 that judge an exchange over HTTP/2 by its frames.
func h2Rules() []Rule {
	return []Rule{
		rule("H1", Error, "HTTP/2 field name or value not allowed", "RFC 9113 §8.2; RFC 9113 §8.2.1", fieldSyntaxH2),
		rule("H2", Error, "Connection-specific field in HTTP/2", "RFC 9113 §8.2.2", connectionFieldH2),
		rule("H3", Error, "Pseudo-header fields out of place", "RFC 9113 §8.3; RFC 9113 §8.3.2", pseudoHeadersH2),
		rule("H4", Error, "DATA does not match content-length or status", "RFC 9113 §8.1.1", dataLengthH2),
		rule("H5", Error, "Frames out of order on the response stream", "RFC 9113 §8.1; RFC 9113 §5.1", streamOrderH2),
		rule("H6", Error, "Response stream reset or cut short", "RFC 9113 §6.4; RFC 9113 §8.1", streamResetH2),
		rule("H7", Warning, "Connection closed with a GOAWAY error", "RFC 9113 §6.8", goAwayH2),
	}
}

// http1Only reports whether rule id is about HTTP/1.1's text framing: lines, the status line,
// chunked coding, a body delimited by closing. Such rules do not apply to an HTTP/2 exchange,
// where H1 to H7 judge the frames instead.
func http1Only(id string) bool {
	switch id {
	case "F1", "F2", "F4", "F5", "F6", "F7", "F8", "F9", "F12", "F13", "F14", "F15", "F16":
		return true
	}
	return false
}

// appliesTo reports whether rule id judges ex: the HTTP/1.1 framing rules only HTTP/1.x
// exchanges, the H rules only HTTP/2 ones.
func appliesTo(id string, ex *probe.Exchange) bool {
	if ex.HTTP2() {
		return !http1Only(id)
	}
	return !strings.HasPrefix(id, "H")
}

// frameAt points at frame i of the exchange, and at the field named name in its header block.
func frameAt(i int, name string) Location { return Location{Where: AtFrame, Index: i, Name: name} }

// block is one header block the server sent on stream 1: the frame that began it and its place
// in the response (the head of an interim or final response, or the trailers).
type block struct {
	frame    int
	f        probe.Frame
	trailers bool
}

// responseBlocks returns the header blocks of stream 1, in order, each classified: interim
// heads (a 1xx :status), the final head, then trailers.
func responseBlocks(ex *probe.Exchange) []block {
	var out []block
	final := false
	for i, f := range ex.Frames {
		if f.Sent || f.Stream != 1 || f.Type != "HEADERS" {
			continue
		}
		b := block{frame: i, f: f, trailers: final}
		if !final {
			st, _ := pseudo(f.Fields, ":status")
			final = !(len(st) == 3 && st[0] == '1') || f.Has("END_STREAM")
		}
		out = append(out, b)
	}
	return out
}

// pseudo returns the value of the first field named name, and whether there was one.
func pseudo(fs []probe.HeaderField, name string) (string, bool) {
	for _, f := range fs {
		if f.Name == name {
			return f.Value, true
		}
	}
	return "", false
}

// fieldSyntaxH2: field names are lower case tokens (a pseudo-header's after its colon), and
// values have no CR, LF or NUL and no whitespace at either end (RFC 9113 §8.2.1).
func fieldSyntaxH2(ex *probe.Exchange) []note {
	var out []note
	for _, b := range responseBlocks(ex) {
		for _, f := range b.f.Fields {
			name := strings.TrimPrefix(f.Name, ":")
			switch {
			case name == "" || !probe.IsToken(name):
				out = append(out, newNote(frameAt(b.frame, f.Name), "field name %s is not a token", q(f.Name)))
			case name != probe.LowerASCII(name):
				out = append(out, newNote(frameAt(b.frame, f.Name),
					"field name %s has upper-case letters; HTTP/2 names are lower case, and a response with one is malformed", q(f.Name)))
			}
			switch v := f.Value; {
			case strings.ContainsAny(v, "\r\n\x00"):
				out = append(out, newNote(frameAt(b.frame, f.Name), "field %s has a CR, LF or NUL in its value %s", q(f.Name), q(v)))
			case v != strings.Trim(v, " \t"):
				out = append(out, newNote(frameAt(b.frame, f.Name), "field %s has whitespace at the start or end of its value %s", q(f.Name), q(v)))
			}
		}
	}
	return out
}

// connectionFields are the fields RFC 9113 §8.2.2 forbids: HTTP/2 manages the connection itself.
var connectionFields = []string{"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"}

// connectionFieldH2: a response carries none of the connection-specific fields (RFC 9113 §8.2.2).
func connectionFieldH2(ex *probe.Exchange) []note {
	var out []note
	for _, b := range responseBlocks(ex) {
		for _, f := range b.f.Fields {
			for _, c := range connectionFields {
				if probe.EqualFold(f.Name, c) {
					out = append(out, newNote(frameAt(b.frame, f.Name),
						"connection-specific field %s in an HTTP/2 response, which makes it malformed", q(f.Name+": "+f.Value)))
				}
			}
		}
	}
	return out
}

// pseudoHeadersH2: a response head has exactly one :status, no other pseudo-header field,
// and its pseudo-header fields before the regular ones; trailers have none (RFC 9113 §8.3).
func pseudoHeadersH2(ex *probe.Exchange) []note {
	var out []note
	for _, b := range responseBlocks(ex) {
		statuses, regular := 0, false
		for _, f := range b.f.Fields {
			if !strings.HasPrefix(f.Name, ":") {
				regular = true
				continue
			}
			at := frameAt(b.frame, f.Name)
			switch {
			case b.trailers:
				out = append(out, newNote(at, "pseudo-header field %s in the trailers", q(f.Name)))
				continue
			case f.Name != ":status":
				out = append(out, newNote(at, "pseudo-header field %s is not defined for responses", q(f.Name)))
			default:
				statuses++
				if statuses == 2 {
					out = append(out, newNote(at, "a second :status field %s", q(f.Value)))
				}
			}
			if regular {
				out = append(out, newNote(at, "pseudo-header field %s after a regular field", q(f.Name)))
			}
		}
		if statuses == 0 && !b.trailers && b.f.BlockError == "" {
			out = append(out, newNote(frameAt(b.frame, ""), "the response header block has no :status"))
		}
	}
	return out
}

// dataFrames returns the indexes of the DATA frames the server sent on stream 1 before its
// END_STREAM, and the index of the frame that carried END_STREAM (-1 when none did).
func dataFrames(ex *probe.Exchange) (data []int, end int) {
	end = -1
	for i, f := range ex.Frames {
		if f.Sent || f.Stream != 1 {
			continue
		}
		if f.Type == "DATA" && end < 0 {
			data = append(data, i)
		}
		if (f.Type == "DATA" || f.Type == "HEADERS") && f.Has("END_STREAM") && end < 0 {
			end = i
		}
	}
	return data, end
}

// dataLengthH2: the DATA payloads add up to content-length, and a 204, a 304 or a response to
// HEAD has no DATA payload at all (RFC 9113 §8.1.1).
func dataLengthH2(ex *probe.Exchange) []note {
	r := ex.Response
	data, _ := dataFrames(ex)
	firstData := func() Location {
		for _, i := range data {
			if ex.Frames[i].Length > 0 {
				return frameAt(i, "")
			}
		}
		return extraRange(0, ex.Extra.Size)
	}
	if c := r.Status.Code; c == 204 || c == 304 || method(ex) == "HEAD" {
		if n := ex.Extra.Size + r.Body.Size; n > 0 {
			what := codeText(c) + " response"
			if method(ex) == "HEAD" && c != 204 && c != 304 {
				what = "response to HEAD"
			}
			return []note{newNote(firstData(), "%s of DATA on a %s, which has no content", english.Plural(n, "byte"), what)}
		}
		return nil
	}
	i := first(r, "content-length")
	if i < 0 || !r.BodyComplete || r.DeclaredLength < 0 || r.DeclaredLength == r.Body.Size {
		return nil
	}
	return []note{newNote(final(ex).header(i), "content-length %s, but the DATA frames carry %s",
		q(r.Header[i].Value), english.Plural(r.Body.Size, "byte"))}
}

// streamOrderH2: an interim 1xx head does not end the stream; nothing but WINDOW_UPDATE,
// PRIORITY and RST_STREAM follows END_STREAM; trailers carry END_STREAM (RFC 9113 §8.1).
func streamOrderH2(ex *probe.Exchange) []note {
	var out []note
	for _, b := range responseBlocks(ex) {
		st, _ := pseudo(b.f.Fields, ":status")
		switch {
		case !b.trailers && len(st) == 3 && st[0] == '1' && b.f.Has("END_STREAM"):
			out = append(out, newNote(frameAt(b.frame, ":status"),
				"interim %s HEADERS with END_STREAM: the stream ends without a final response", st))
		case b.trailers && !b.f.Has("END_STREAM"):
			out = append(out, newNote(frameAt(b.frame, ""), "trailers in a HEADERS frame without END_STREAM"))
		}
	}
	_, end := dataFrames(ex)
	if end < 0 {
		return out
	}
	for i := end + 1; i < len(ex.Frames); i++ {
		f := ex.Frames[i]
		if f.Sent || f.Stream != 1 {
			continue
		}
		switch f.Type {
		case "WINDOW_UPDATE", "PRIORITY", "RST_STREAM":
			continue
		}
		out = append(out, newNote(frameAt(i, ""), "%s frame (%s) on stream 1 after END_STREAM in frame %d", f.Type, f.Summary, end))
		break
	}
	return out
}

// streamResetH2: the response stream ends with END_STREAM. RST_STREAM before it, or a
// connection that closes first, leaves the response incomplete; RST_STREAM(NO_ERROR) after
// it is normal, and any other code after it is worth a note.
func streamResetH2(ex *probe.Exchange) []note {
	r := ex.Response
	_, end := dataFrames(ex)
	for i, f := range ex.Frames {
		if f.Sent || f.Stream != 1 || f.Type != "RST_STREAM" {
			continue
		}
		if end >= 0 && i > end {
			if f.ErrCode == "NO_ERROR" {
				return nil
			}
			return []note{newNote(frameAt(i, ""), "stream 1 reset with %s after the complete response", f.ErrCode).with(Info)}
		}
		return []note{newNote(frameAt(i, ""), "stream 1 reset with RST_STREAM %s after %s: the response is incomplete",
			f.ErrCode, english.Plural(r.Body.Size, "byte")+" of DATA")}
	}
	if !r.BodyComplete && r.BodyError != "" {
		return []note{newNote(Location{Where: AtMessage}, "the response stream did not end: %s", r.BodyError)}
	}
	return nil
}

// goAwayH2: GOAWAY with NO_ERROR is a graceful close; any other code says the server saw an
// error on the connection, and is an error when it cut the response short.
func goAwayH2(ex *probe.Exchange) []note {
	for i, f := range ex.Frames {
		if f.Sent || f.Type != "GOAWAY" || f.ErrCode == "NO_ERROR" {
			continue
		}
		n := newNote(frameAt(i, ""), "GOAWAY %s", f.Summary)
		if !ex.Response.BodyComplete {
			n = newNote(frameAt(i, ""), "GOAWAY %s before the response ended", f.Summary).with(Error)
		}
		return []note{n}
	}
	return nil
}
