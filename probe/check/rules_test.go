package check

import (
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// want is the finding a case expects from its rule.
type want struct {
	sev Severity
	at  Location
}

// ruleCase is one response judged by one rule.
type ruleCase struct {
	id     string
	name   string
	method string // "" is GET
	stream string
	// setup, when not nil, adjusts the parsed exchange (the request that was sent, mostly).
	setup func(*probe.Exchange)
	// want is the expected finding; nil means the rule must not fire.
	want *want
}

func fires(sev Severity, at Location) *want { return &want{sev, at} }

func atHeader(i int, name string) Location { return Location{Where: AtHeader, Index: i, Name: name} }
func atLine(i int) Location                { return Location{Where: AtLine, Index: i} }

// Locations many cases expect.
func atStatus() Location  { return Location{Where: AtStatusLine} }
func atMessage() Location { return Location{Where: AtMessage} }

// date is a correct Date field line.
const date = "Date: " + testDate

// ok is a correct response most cases build on, so that a case breaks only what it means to.
const ok = "HTTP/1.1 200 OK\r\n" + date + "\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n" +
	`ETag: "v1"` + "\r\n\r\nhello"

func withRequestHeader(name, value string) func(*probe.Exchange) {
	return func(ex *probe.Exchange) {
		ex.Request.Header = append(ex.Request.Header, probe.Field{Name: name, Value: value, Line: -1})
	}
}

func ruleCases() []ruleCase {
	var more []ruleCase
	for _, cs := range [][]ruleCase{codingCases(), rangeCases(), redirectCases(), authCases(), encodingCases(), followupCases(), corsCases(), cachingCases(), h2Cases()} {
		more = append(more, cs...)
	}
	return append(more, []ruleCase{
		// F1
		{id: "F1", name: "lower-case protocol", stream: strings.Replace(ok, "HTTP/1.1", "http/1.1", 1), want: fires(Error, atStatus())},
		{id: "F1", name: "version not DIGIT.DIGIT", stream: strings.Replace(ok, "HTTP/1.1", "HTTP/1.10", 1), want: fires(Error, atStatus())},
		{id: "F1", name: "two spaces before the code", stream: strings.Replace(ok, "HTTP/1.1 200", "HTTP/1.1  200", 1), want: fires(Error, atStatus())},
		{id: "F1", name: "four-digit code", stream: strings.Replace(ok, "200 OK", "2000 OK", 1), want: fires(Error, atStatus())},
		{id: "F1", name: "interim with lower-case protocol", stream: "http/1.1 100 Continue\r\n\r\n" + ok, want: fires(Error, Location{Where: AtInterim})},
		{id: "F1", name: "correct", stream: ok},
		{id: "F1", name: "HTTP/1.0 is fine", stream: strings.Replace(ok, "HTTP/1.1", "HTTP/1.0", 1)},
		// F2
		{id: "F2", name: "no space after the code", stream: strings.Replace(ok, "200 OK", "200", 1), want: fires(Error, atStatus())},
		{id: "F2", name: "empty reason with its space", stream: strings.Replace(ok, "200 OK", "200 ", 1)},
		// F3
		{id: "F3", name: "600", stream: strings.Replace(ok, "200 OK", "600 Odd", 1), want: fires(Error, atStatus())},
		{id: "F3", name: "099", stream: strings.Replace(ok, "200 OK", "099 Odd", 1), want: fires(Error, atStatus())},
		{id: "F3", name: "599", stream: strings.Replace(ok, "200 OK", "599 Odd", 1)},
		// F4
		{id: "F4", name: "control byte in the reason", stream: strings.Replace(ok, "200 OK", "200 O\x1b[2JK", 1), want: fires(Error, atStatus())},
		{id: "F4", name: "obs-text and tab are allowed", stream: strings.Replace(ok, "200 OK", "200 Tr\xc3\xa8s\tbien", 1)},
		// F5
		{id: "F5", name: "bare LF", stream: strings.Replace(ok, date+"\r\n", date+"\n", 1), want: fires(Warning, atLine(1))},
		{id: "F5", name: "bare CR", stream: strings.Replace(ok, date+"\r\n", date+"\rX-A: 1\r\n", 1), want: fires(Error, atLine(1))},
		{id: "F5", name: "bare LF on the status line", stream: strings.Replace(ok, "OK\r\n", "OK\n", 1), want: fires(Warning, atLine(0))},
		{id: "F5", name: "bare LF in an interim response", stream: "HTTP/1.1 100 Continue\n\r\n" + ok, want: fires(Warning, Location{Where: AtInterim})},
		{id: "F5", name: "CRLF everywhere", stream: ok},
		// F6
		{id: "F6", name: "whitespace before the first field", stream: strings.Replace(ok, "OK\r\n", "OK\r\n X-Hidden: 1\r\n", 1), want: fires(Error, atLine(1))},
		{id: "F6", name: "correct", stream: ok},
		// F7
		{id: "F7", name: "space before the colon", stream: strings.Replace(ok, "Content-Type:", "Content-Type :", 1), want: fires(Error, atHeader(1, "Content-Type"))},
		{id: "F7", name: "space in the name", stream: strings.Replace(ok, "Content-Type:", "Content Type:", 1), want: fires(Error, atHeader(1, "Content Type"))},
		{id: "F7", name: "line without a colon", stream: strings.Replace(ok, date+"\r\n", date+"\r\ngarbage\r\n", 1), want: fires(Error, atLine(2))},
		{id: "F7", name: "tokens", stream: strings.Replace(ok, date, date+"\r\nX-Weird_Name!#$: 1", 1)},
		// U1
		{id: "U1", name: "right-to-left override in a value", stream: strings.Replace(ok, date, date+"\r\nX-Bidi: \u202egnp.exe", 1), want: fires(Info, atHeader(1, "X-Bidi"))},
		{id: "U1", name: "zero width space in a value", stream: strings.Replace(ok, date, date+"\r\nX-Name: ad\u200bmin", 1), want: fires(Info, atHeader(1, "X-Name"))},
		{id: "U1", name: "isolate in a value", stream: strings.Replace(ok, date, date+"\r\nX-Name: \u2067x\u2069", 1), want: fires(Info, atHeader(1, "X-Name"))},
		{id: "U1", name: "byte order mark in a value", stream: strings.Replace(ok, date, date+"\r\nX-Name: \ufeffx", 1), want: fires(Info, atHeader(1, "X-Name"))},
		{id: "U1", name: "visible UTF-8 is fine", stream: strings.Replace(ok, date, date+"\r\nX-Name: caf\u00e9 \u2014 \u05e9\u05dc\u05d5\u05dd", 1)},
		{id: "U1", name: "invalid UTF-8 is not U1's", stream: strings.Replace(ok, date, date+"\r\nX-Name: \xe2\x80", 1)},
		{id: "U1", name: "invisible in the body is not a field", stream: strings.Replace(ok, "5\r\n", "8\r\n", 1) + "\u202e"},
		{id: "U1", name: "invisible in a trailer", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Trailer: x-sum", "Transfer-Encoding: chunked") + "5\r\nhello\r\n0\r\nX-Sum: \u200b1\r\n\r\n",
			want: fires(Info, Location{Where: AtTrailer, Index: 0, Name: "X-Sum"})},
		// F8
		{id: "F8", name: "NUL in a value", stream: strings.Replace(ok, date, date+"\r\nX-A: a\x00b", 1), want: fires(Error, atHeader(1, "X-A"))},
		{id: "F8", name: "escape in a value", stream: strings.Replace(ok, date, date+"\r\nX-A: \x1b]52;c;aGk=\x07", 1), want: fires(Error, atHeader(1, "X-A"))},
		{id: "F8", name: "obs-text and tab are allowed", stream: strings.Replace(ok, date, date+"\r\nX-A: caf\xc3\xa9\tnoir", 1)},
		// F9
		{id: "F9", name: "obs-fold", stream: strings.Replace(ok, date, date+"\r\nX-A: one\r\n two", 1), want: fires(Error, atLine(3))},
		{id: "F9", name: "no folding", stream: ok},
		// F10
		{id: "F10", name: "two Content-Types", stream: strings.Replace(ok, date, date+"\r\nContent-Type: text/html", 1), want: fires(Error, atHeader(2, "Content-Type"))},
		{id: "F10", name: "same Content-Length twice (nginx add_header)", stream: strings.Replace(ok, date, date+"\r\nContent-Length: 5", 1), want: fires(Error, atHeader(3, "Content-Length"))},
		{id: "F10", name: "same Content-Type twice (nginx add_header)", stream: strings.Replace(ok, date, date+"\r\nContent-Type: text/plain", 1), want: fires(Error, atHeader(2, "Content-Type"))},
		{id: "F10", name: "one Content-Length", stream: ok},
		{id: "F10", name: "list fields may repeat", stream: strings.Replace(ok, date, date+"\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2", 1)},
		// F11
		{id: "F11", name: "not a number", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Content-Length: five") + "hello", want: fires(Error, atHeader(2, "Content-Length"))},
		{id: "F11", name: "repeated list", stream: strings.Replace(ok, "Content-Length: 5", "Content-Length: 5, 5", 1), want: fires(Error, atHeader(2, "Content-Length"))},
		{id: "F11", name: "sign", stream: strings.Replace(ok, "Content-Length: 5", "Content-Length: +5", 1), want: fires(Error, atHeader(2, "Content-Length"))},
		{id: "F11", name: "digits", stream: ok},
		// F12
		{id: "F12", name: "both", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Content-Length: 5", "Transfer-Encoding: chunked") + "5\r\nhello\r\n0\r\n\r\n", want: fires(Error, atHeader(2, "Content-Length"))},
		{id: "F12", name: "chunked alone", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: chunked") + "5\r\nhello\r\n0\r\n\r\n"},
		// F13
		{id: "F13", name: "short body", stream: strings.Replace(ok, "Content-Length: 5", "Content-Length: 10", 1), want: fires(Error, Location{Where: AtBody, End: 5})},
		{id: "F13", name: "bytes after the body", stream: ok + "EXTRA", want: fires(Error, Location{Where: AtExtra, End: 5})},
		{id: "F13", name: "chunked without its last chunk", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: chunked") + "5\r\nhello\r\n", want: fires(Error, Location{Where: AtBody, End: 5})},
		{id: "F13", name: "bytes after the last chunk", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: chunked") + "5\r\nhello\r\n0\r\n\r\nXY", want: fires(Error, Location{Where: AtExtra, End: 2})},
		{id: "F13", name: "invalid chunk-size line", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: chunked") + "zz\r\nabc\r\n0\r\n\r\n", want: fires(Error, Location{Where: AtExtra, End: 14})},
		{id: "F13", name: "exact length", stream: ok},
		{id: "F13", name: "bytes after a 204 are S9's", stream: head("HTTP/1.1 204 No Content", date, "Content-Length: 5") + "hello"},
		{id: "F13", name: "bytes after a response to HEAD are S33's", method: "HEAD", stream: ok},
		// F14
		{id: "F14", name: "chunked twice", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: chunked, chunked") + "0\r\n\r\n", want: fires(Error, atHeader(2, "Transfer-Encoding"))},
		{id: "F14", name: "chunked not last", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: chunked, gzip") + "x", want: fires(Error, atHeader(2, "Transfer-Encoding"))},
		{id: "F14", name: "gzip then chunked: legal, but Go's client rejects it", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: gzip, chunked") + "1\r\nx\r\n0\r\n\r\n", want: fires(Warning, atHeader(2, "Transfer-Encoding"))},
		{id: "F14", name: "gzip alone, close-delimited", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: gzip") + "x", want: fires(Warning, atHeader(2, "Transfer-Encoding"))},
		{id: "F14", name: "chunked alone", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: Chunked") + "1\r\nx\r\n0\r\n\r\n"},
		// F15
		{id: "F15", name: "chunked to HTTP/1.0", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: chunked") + "0\r\n\r\n",
			setup: func(ex *probe.Exchange) { ex.Request.Bytes = []byte("GET / HTTP/1.0\r\nHost: a\r\n\r\n") }, want: fires(Error, atHeader(2, "Transfer-Encoding"))},
		{id: "F15", name: "chunked to HTTP/1.1", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: chunked") + "0\r\n\r\n",
			setup: func(ex *probe.Exchange) { ex.Request.Bytes = []byte("GET / HTTP/1.1\r\nHost: a\r\n\r\n") }},
		// F16
		{id: "F16", name: "close-delimited", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", `ETag: "v1"`) + "hello", want: fires(Info, atMessage())},
		{id: "F16", name: "Content-Length", stream: ok},
		// F17
		{id: "F17", name: "no Date", stream: head("HTTP/1.1 200 OK", "Content-Type: text/plain", "Content-Length: 5", `ETag: "v1"`) + "hello", want: fires(Warning, atMessage())},
		{id: "F17", name: "UTC instead of GMT", stream: strings.Replace(ok, "GMT", "UTC", 1), want: fires(Warning, atHeader(0, "Date"))},
		{id: "F17", name: "wrong day name", stream: strings.Replace(ok, "Tue,", "Wed,", 1), want: fires(Warning, atHeader(0, "Date"))},
		{id: "F17", name: "obsolete format", stream: strings.Replace(ok, testDate, "Tuesday, 24-Nov-26 18:57:03 GMT", 1), want: fires(Warning, atHeader(0, "Date"))},
		{id: "F17", name: "IMF-fixdate", stream: ok},
		{id: "F17", name: "no Date on a 5xx", stream: head("HTTP/1.1 503 Service Unavailable", "Content-Length: 0", "Retry-After: 5")},
		// F18
		{id: "F18", name: "content without Content-Type", stream: head("HTTP/1.1 200 OK", date, "Content-Length: 5", `ETag: "v1"`) + "hello", want: fires(Warning, Location{Where: AtBody, End: 5})},
		{id: "F18", name: "no content, no Content-Type", stream: head("HTTP/1.1 200 OK", date, "Content-Length: 0", `ETag: "v1"`)},
		// F20
		{id: "F20", name: "undeclared trailer", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: chunked") + "5\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n",
			want: fires(Info, Location{Where: AtTrailer, Name: "X-Sum"})},
		{id: "F20", name: "declared trailer", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Trailer: x-sum", "Transfer-Encoding: chunked") + "5\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n"},
		// J1
		{id: "J1", name: "empty JSON", stream: head("HTTP/1.1 200 OK", date, "Content-Type: application/json", "Content-Length: 0"), want: fires(Warning, atHeader(1, "Content-Type"))},
		{id: "J1", name: "broken JSON", stream: head("HTTP/1.1 200 OK", date, "Content-Type: application/json; charset=utf-8", "Content-Length: 9") + `{"a": 1,}`, want: fires(Warning, Location{Where: AtBody, Start: 8, End: 9})},
		{id: "J1", name: "broken +json", stream: head("HTTP/1.1 400 Bad Request", date, "Content-Type: application/problem+json", "Content-Length: 4") + "oops", want: fires(Warning, Location{Where: AtBody, Start: 0, End: 4})},
		{id: "J1", name: "valid JSON", stream: head("HTTP/1.1 200 OK", date, "Content-Type: application/json", "Content-Length: 11") + `{"ok":true}`},
		{id: "J1", name: "204 is J2's", stream: head("HTTP/1.1 204 No Content", date, "Content-Type: application/json")},
		{id: "J1", name: "HEAD", method: "HEAD", stream: head("HTTP/1.1 200 OK", date, "Content-Type: application/json", "Content-Length: 11")},
		{id: "J1", name: "short body is F13's", stream: head("HTTP/1.1 200 OK", date, "Content-Type: application/json", "Content-Length: 11") + `{"ok"`},
		{id: "J1", name: "body cut by the capture limit", stream: head("HTTP/1.1 200 OK", date, "Content-Type: application/json") + "[" + strings.Repeat("1,", probe.DefaultBodyLimit/2+8) + "1]"},
		// J2
		{id: "J2", name: "204 labelled JSON", stream: head("HTTP/1.1 204 No Content", date, "Content-Type: application/json"), want: fires(Info, atHeader(1, "Content-Type"))},
		{id: "J2", name: "304 labelled JSON", stream: head("HTTP/1.1 304 Not Modified", date, `ETag: "v1"`, "Content-Type: application/json"), want: fires(Info, atHeader(2, "Content-Type"))},
		{id: "J2", name: "204 without a type", stream: head("HTTP/1.1 204 No Content", date)},
		// S1
		{id: "S1", name: "trailers on an interim response", stream: "HTTP/1.1 100 Continue\r\n\r\n" + ok,
			setup: func(ex *probe.Exchange) { ex.Interim[0].Trailers = []probe.Field{{Name: "X-A", Value: "1"}} },
			want:  fires(Error, Location{Where: AtInterim})},
		{id: "S1", name: "plain interim response", stream: "HTTP/1.1 100 Continue\r\n\r\n" + ok},
		// S2
		{id: "S2", name: "Content-Length: 0 on a 204", stream: head("HTTP/1.1 204 No Content", date, "Content-Length: 0"), want: fires(Error, atHeader(1, "Content-Length"))},
		{id: "S2", name: "Content-Length on a 100", stream: "HTTP/1.1 100 Continue\r\nContent-Length: 0\r\n\r\n" + ok, want: fires(Error, Location{Where: AtInterim})},
		{id: "S2", name: "Content-Length on a 200", stream: ok},
		// S3
		{id: "S3", name: "chunked 204", stream: head("HTTP/1.1 204 No Content", date, "Transfer-Encoding: chunked") + "0\r\n\r\n", want: fires(Error, atHeader(1, "Transfer-Encoding"))},
		{id: "S3", name: "chunked 200", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: chunked") + "0\r\n\r\n"},
		// S5
		{id: "S5", name: "101 without Upgrade", stream: head("HTTP/1.1 101 Switching Protocols", "Connection: upgrade"), want: fires(Error, atMessage())},
		{id: "S5", name: "426 without Upgrade", stream: head("HTTP/1.1 426 Upgrade Required", date, "Content-Length: 0"), want: fires(Error, atMessage())},
		{id: "S5", name: "101 with Upgrade", stream: head("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade")},
		// S7
		{id: "S7", name: "no validator", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Content-Length: 5") + "hello", want: fires(Info, atMessage())},
		{id: "S7", name: "Last-Modified", stream: head("HTTP/1.1 200 OK", date, "Last-Modified: "+testDate, "Content-Type: text/plain", "Content-Length: 5") + "hello"},
		{id: "S7", name: "POST", method: "POST", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Content-Length: 5") + "hello"},
		// S8
		{id: "S8", name: "201 without Location", method: "POST", stream: head("HTTP/1.1 201 Created", date, "Content-Length: 0"), want: fires(Info, atMessage())},
		{id: "S8", name: "201 with Location", method: "POST", stream: head("HTTP/1.1 201 Created", date, "Location: /items/7", "Content-Length: 0")},
		// S9
		{id: "S9", name: "204 with a body", method: "DELETE", stream: head("HTTP/1.1 204 No Content", date, "Content-Length: 11") + `{"ok":true}`, want: fires(Error, Location{Where: AtExtra, End: 11})},
		{id: "S9", name: "204 with a last chunk", stream: head("HTTP/1.1 204 No Content", date, "Transfer-Encoding: chunked") + "0\r\n\r\n", want: fires(Error, Location{Where: AtExtra, End: 5})},
		{id: "S9", name: "a HEAD 204 with bytes is S9's", method: "HEAD", stream: head("HTTP/1.1 204 No Content", date) + "x", want: fires(Error, Location{Where: AtExtra, End: 1})},
		{id: "S9", name: "clean 204", stream: head("HTTP/1.1 204 No Content", date)},
		// S10
		{id: "S10", name: "205 with content", stream: head("HTTP/1.1 205 Reset Content", date, "Content-Length: 5") + "reset", want: fires(Error, Location{Where: AtBody, End: 5})},
		{id: "S10", name: "205 with Content-Length: 0", stream: head("HTTP/1.1 205 Reset Content", date, "Content-Length: 0")},
		// S11
		{id: "S11", name: "206 without Content-Range", stream: head("HTTP/1.1 206 Partial Content", date, "Content-Type: text/plain", "Content-Length: 5") + "hello", want: fires(Error, atMessage())},
		{id: "S11", name: "206 with Content-Range", stream: head("HTTP/1.1 206 Partial Content", date, "Content-Type: text/plain", "Content-Range: bytes 0-4/10", "Content-Length: 5") + "hello"},
		// S12
		{id: "S12", name: "multipart without boundary", stream: head("HTTP/1.1 206 Partial Content", date, "Content-Type: multipart/byteranges", "Content-Length: 0"), want: fires(Error, atHeader(1, "Content-Type"))},
		{id: "S12", name: "multipart with top-level Content-Range", stream: head("HTTP/1.1 206 Partial Content", date, "Content-Type: multipart/byteranges; boundary=B", "Content-Range: bytes 0-4/10", "Content-Length: 0"), want: fires(Error, atHeader(2, "Content-Range"))},
		{id: "S12", name: "multipart with boundary", stream: head("HTTP/1.1 206 Partial Content", date, "Content-Type: multipart/byteranges; boundary=B", "Content-Length: 0")},
		// S14
		{id: "S14", name: "301 without Location", stream: head("HTTP/1.1 301 Moved Permanently", date, "Content-Length: 0"), want: fires(Warning, atMessage())},
		{id: "S14", name: "300 without Location", stream: head("HTTP/1.1 300 Multiple Choices", date, "Content-Length: 0"), want: fires(Info, atMessage())},
		{id: "S14", name: "308 with Location", stream: head("HTTP/1.1 308 Permanent Redirect", date, "Location: https://example.com/", "Content-Length: 0")},
		// S15
		{id: "S15", name: "space in Location", stream: head("HTTP/1.1 302 Found", date, "Location: /a b", "Content-Length: 0"), want: fires(Error, atHeader(1, "Location"))},
		{id: "S15", name: "bad percent-encoding", stream: head("HTTP/1.1 302 Found", date, "Location: /100%", "Content-Length: 0"), want: fires(Error, atHeader(1, "Location"))},
		{id: "S15", name: "absolute URI with query and fragment", stream: head("HTTP/1.1 302 Found", date, "Location: https://[::1]:8080/a%20b?x=1&y=2#top", "Content-Length: 0")},
		{id: "S15", name: "empty Location on a redirect", stream: head("HTTP/1.1 302 Found", date, "Location: ", "Content-Length: 0"), want: fires(Error, atHeader(1, "Location"))},
		{id: "S15", name: "empty Location on a 201 is the target itself", stream: head("HTTP/1.1 201 Created", date, "Location: ", "Content-Length: 0")},
		{id: "S15", name: "relative reference", stream: head("HTTP/1.1 201 Created", date, "Location: ../items/7", "Content-Length: 0")},
		// S16
		{id: "S16", name: "304 with content", stream: head("HTTP/1.1 304 Not Modified", date, `ETag: "v1"`) + "hello", want: fires(Error, Location{Where: AtExtra, End: 5})},
		{id: "S16", name: "clean 304", stream: head("HTTP/1.1 304 Not Modified", date, `ETag: "v1"`)},
		// S17
		{id: "S17", name: "304 with Content-Type", stream: head("HTTP/1.1 304 Not Modified", date, `ETag: "v1"`, "Content-Type: text/html"), want: fires(Info, atHeader(2, "Content-Type"))},
		{id: "S17", name: "304 with cache fields", stream: head("HTTP/1.1 304 Not Modified", date, `ETag: "v1"`, "Cache-Control: max-age=60", "Vary: Accept-Encoding")},
		// S19
		{id: "S19", name: "401 without a challenge", stream: head("HTTP/1.1 401 Unauthorized", date, "Content-Length: 0"), want: fires(Error, atMessage())},
		{id: "S19", name: "401 with an empty challenge", stream: head("HTTP/1.1 401 Unauthorized", date, "WWW-Authenticate: ", "Content-Length: 0"), want: fires(Error, atHeader(1, "WWW-Authenticate"))},
		{id: "S19", name: "401 with a challenge", stream: head("HTTP/1.1 401 Unauthorized", date, `WWW-Authenticate: Bearer realm="api"`, "Content-Length: 0")},
		// S20
		{id: "S20", name: "405 without Allow", method: "DELETE", stream: head("HTTP/1.1 405 Method Not Allowed", date, "Content-Length: 0"), want: fires(Error, atMessage())},
		{id: "S20", name: "405 allowing the refused method", method: "DELETE", stream: head("HTTP/1.1 405 Method Not Allowed", date, "Allow: GET, DELETE", "Content-Length: 0"), want: fires(Warning, atHeader(1, "Allow"))},
		{id: "S20", name: "405 with Allow", method: "DELETE", stream: head("HTTP/1.1 405 Method Not Allowed", date, "Allow: GET, HEAD", "Content-Length: 0")},
		// S22
		{id: "S22", name: "407 without Proxy-Authenticate", stream: head("HTTP/1.1 407 Proxy Authentication Required", date, "Content-Length: 0"), want: fires(Error, atMessage())},
		{id: "S22", name: "407 with Proxy-Authenticate", stream: head("HTTP/1.1 407 Proxy Authentication Required", date, `Proxy-Authenticate: Basic realm="proxy"`, "Content-Length: 0")},
		// S23
		{id: "S23", name: "413 without Retry-After", method: "POST", stream: head("HTTP/1.1 413 Content Too Large", date, "Content-Length: 0"), want: fires(Info, atMessage())},
		{id: "S23", name: "413 with Retry-After", method: "POST", stream: head("HTTP/1.1 413 Content Too Large", date, "Retry-After: 60", "Content-Length: 0")},
		// S24
		{id: "S24", name: "416 without Content-Range", stream: head("HTTP/1.1 416 Range Not Satisfiable", date, "Content-Length: 0"), want: fires(Warning, atMessage())},
		{id: "S24", name: "416 with a satisfied range", stream: head("HTTP/1.1 416 Range Not Satisfiable", date, "Content-Range: bytes 0-1/2", "Content-Length: 0"), want: fires(Warning, atHeader(1, "Content-Range"))},
		{id: "S24", name: "416 with bytes */length", stream: head("HTTP/1.1 416 Range Not Satisfiable", date, "Content-Range: bytes */100", "Content-Length: 0")},
		// S25
		{id: "S25", name: "412 without a precondition", stream: head("HTTP/1.1 412 Precondition Failed", date, "Content-Length: 0"), want: fires(Info, atStatus())},
		{id: "S25", name: "412 with If-Match", stream: head("HTTP/1.1 412 Precondition Failed", date, "Content-Length: 0"), setup: withRequestHeader("If-Match", `"v1"`)},
		{id: "S25", name: "417 with Expect", stream: head("HTTP/1.1 417 Expectation Failed", date, "Content-Length: 0"), setup: withRequestHeader("expect", "100-continue")},
		// S29
		{id: "S29", name: "429 without Retry-After", stream: head("HTTP/1.1 429 Too Many Requests", date, "Content-Length: 0"), want: fires(Info, atMessage())},
		{id: "S29", name: "Retry-After not a delay or date", stream: head("HTTP/1.1 503 Service Unavailable", date, "Retry-After: soon", "Content-Length: 0"), want: fires(Error, atHeader(1, "Retry-After"))},
		{id: "S29", name: "Retry-After in the obsolete RFC 850 format", stream: head("HTTP/1.1 503 Service Unavailable", date, "Retry-After: Wednesday, 21-Oct-15 07:28:00 GMT", "Content-Length: 0"), want: fires(Warning, atHeader(1, "Retry-After"))},
		{id: "S29", name: "Retry-After in asctime format", stream: head("HTTP/1.1 429 Too Many Requests", date, "Retry-After: Wed Oct 21 07:28:00 2015", "Content-Length: 0"), want: fires(Warning, atHeader(1, "Retry-After"))},
		{id: "S29", name: "Retry-After seconds", stream: head("HTTP/1.1 429 Too Many Requests", date, "Retry-After: 120", "Content-Length: 0")},
		{id: "S29", name: "Retry-After date", stream: head("HTTP/1.1 503 Service Unavailable", date, "Retry-After: Wed, 21 Oct 2015 07:28:00 GMT", "Content-Length: 0")},
		// S30
		{id: "S30", name: "empty 404", stream: head("HTTP/1.1 404 Not Found", date, "Content-Length: 0"), want: fires(Info, atMessage())},
		{id: "S30", name: "404 to HEAD", method: "HEAD", stream: head("HTTP/1.1 404 Not Found", date, "Content-Type: text/html", "Content-Length: 153")},
		{id: "S30", name: "404 with a page", stream: head("HTTP/1.1 404 Not Found", date, "Content-Type: text/plain", "Content-Length: 9") + "not found"},
		// S33
		{id: "S33", name: "HEAD with content", method: "HEAD", stream: ok, want: fires(Error, Location{Where: AtExtra, End: 5})},
		{id: "S33", name: "HEAD with Content-Length only", method: "HEAD", stream: head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Content-Length: 5", `ETag: "v1"`)},
		{id: "S33", name: "GET with content", stream: ok},
		// S34
		{id: "S34", name: "CONNECT 200 with Content-Length", method: "CONNECT", stream: head("HTTP/1.1 200 Connection Established", "Content-Length: 0"), want: fires(Error, atHeader(0, "Content-Length"))},
		{id: "S34", name: "CONNECT 200", method: "CONNECT", stream: head("HTTP/1.1 200 Connection Established")},
	}...)
}

func TestRules(t *testing.T) {
	for _, tc := range ruleCases() {
		t.Run(tc.id+"/"+tc.name, func(t *testing.T) { runRuleCase(t, tc) })
	}
}

// runRuleCase judges the exchange of tc and compares the findings of its rule with tc.want.
func runRuleCase(t *testing.T, tc ruleCase) {
	t.Helper()
	rule, found := Lookup(tc.id)
	if !found {
		t.Fatalf("no rule %s", tc.id)
	}
	ex := parse(t, tc.stream, tc.method)
	if tc.setup != nil {
		tc.setup(ex)
	}
	all := Run(ex)
	got := withID(all, tc.id)
	for _, f := range all {
		if f.Message == "" || strings.Contains(f.Message, "\n") || !termsafe.Safe(f.Message, termsafe.Line) {
			t.Errorf("%s: message %q is not one safe line", f.ID, f.Message)
		}
	}
	for _, f := range got {
		if f.Ref != rule.Ref {
			t.Errorf("finding Ref = %q, rule's is %q", f.Ref, rule.Ref)
		}
	}
	if tc.want == nil {
		if len(got) > 0 {
			t.Fatalf("%s fired on a response that keeps it: %+v", tc.id, got)
		}
		return
	}
	for _, f := range got {
		if f.Severity == tc.want.sev && f.At == tc.want.at {
			return
		}
	}
	t.Fatalf("want %s %s at %+v; got %+v", tc.id, tc.want.sev, tc.want.at, got)
}

// TestEveryRuleIsTested makes sure that each rule of the catalog has a case that breaks it and
// one that does not.
func TestEveryRuleIsTested(t *testing.T) {
	broken, kept := map[string]bool{}, map[string]bool{}
	for _, tc := range ruleCases() {
		if tc.want != nil {
			broken[tc.id] = true
		} else {
			kept[tc.id] = true
		}
	}
	for _, r := range Rules() {
		if !broken[r.ID] || !kept[r.ID] {
			t.Errorf("rule %s: broken case %v, correct case %v", r.ID, broken[r.ID], kept[r.ID])
		}
	}
}
