package check

import (
	"net/url"

	"github.com/hsx-dev/hsx/probe"
)

// asked makes the exchange's request one that was sent to rawURL with the given header fields
// ("Name: value").
func asked(rawURL string, fields ...string) func(*probe.Exchange) {
	return func(ex *probe.Exchange) {
		ex.Request.URL, _ = url.Parse(rawURL)
		ex.Request.Bytes = []byte(method(ex) + " / HTTP/1.1\r\n\r\n")
		ex.Request.Header = []probe.Field{{Name: "Host", Value: ex.Request.URL.Host, Line: -1}}
		for _, f := range fields {
			name, value, _ := cutField(f)
			ex.Request.Header = append(ex.Request.Header, probe.Field{Name: name, Value: value, Line: -1})
		}
	}
}

// cutField splits "Name: value".
func cutField(f string) (name, value string, ok bool) {
	for i := 0; i < len(f); i++ {
		if f[i] == ':' {
			j := i + 1
			for j < len(f) && f[j] == ' ' {
				j++
			}
			return f[:i], f[j:], true
		}
	}
	return f, "", false
}

// partial is a single-part 206 with the Content-Range and the body given.
func partial(contentRange, body string) string {
	return withBody(crlf("HTTP/1.1 206 Partial Content", date, "Content-Type: text/plain",
		"Content-Range: "+contentRange, "Content-Length: "), body)
}

// byteranges is a multipart/byteranges 206 with boundary SEP and the body given.
func byteranges(body string) string {
	return withBody(crlf("HTTP/1.1 206 Partial Content", date, "Content-Type: multipart/byteranges; boundary=SEP",
		"Content-Length: "), body)
}

// twoParts is a correct multipart/byteranges body of 40 bytes' ranges 0-4 and 35-39.
const twoParts = "--SEP\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-4/40\r\n\r\nHello\r\n" +
	"--SEP\r\nContent-Type: text/plain\r\nContent-Range: bytes 35-39/40\r\n\r\nworld\r\n--SEP--\r\n"

func rangeCases() []ruleCase {
	cr := atHeader(2, "Content-Range")
	return []ruleCase{
		// R1
		{id: "R1", name: "last before first", stream: partial("bytes 9-0/40", "x"), want: fires(Error, cr)},
		{id: "R1", name: "last past the length", stream: partial("bytes 0-40/40", "x"), want: fires(Error, cr)},
		{id: "R1", name: "equals sign as in Range", stream: partial("bytes=0-4/40", "Hello"), want: fires(Error, cr)},
		{id: "R1", name: "416 form in a 206", stream: partial("bytes */40", "Hello"), want: fires(Error, cr)},
		{id: "R1", name: "length not a number", stream: partial("bytes 0-4/forty", "Hello"), want: fires(Error, cr)},
		{id: "R1", name: "correct", stream: partial("bytes 0-4/40", "Hello")},
		{id: "R1", name: "unknown length", stream: partial("bytes 0-4/*", "Hello")},
		{id: "R1", name: "other range unit", stream: partial("items 1-2/9", "Hello")},
		// R2
		{id: "R2", name: "Content-Length of the whole", stream: crlf("HTTP/1.1 206 Partial Content", date, "Content-Type: text/plain",
			"Content-Range: bytes 0-4/40", "Content-Length: 40", "", "") + "Hello" + "0123456789012345678901234567890123",
			want: fires(Error, atHeader(3, "Content-Length"))},
		{id: "R2", name: "chunked body of the wrong size", stream: crlf("HTTP/1.1 206 Partial Content", date, "Content-Type: text/plain",
			"Content-Range: bytes 0-9/40", "Transfer-Encoding: chunked", "", "5", "Hello", "0", "", ""), want: fires(Error, cr)},
		{id: "R2", name: "agrees", stream: partial("bytes 0-4/40", "Hello")},
		{id: "R2", name: "HEAD", method: "HEAD", stream: crlf("HTTP/1.1 206 Partial Content", date, "Content-Type: text/plain",
			"Content-Range: bytes 0-4/40", "Content-Length: 5", "", "")},
		// R3
		{id: "R3", name: "part without Content-Range", stream: byteranges("--SEP\r\nContent-Type: text/plain\r\n\r\nHello\r\n--SEP--\r\n"),
			want: fires(Error, Location{Where: AtBody, Start: 7, End: 35})},
		{id: "R3", name: "part of the wrong size", stream: byteranges("--SEP\r\nContent-Range: bytes 0-9/40\r\n\r\nHello\r\n--SEP--\r\n"),
			want: fires(Error, Location{Where: AtBody, Start: 7, End: 38})},
		{id: "R3", name: "no close delimiter", stream: byteranges("--SEP\r\nContent-Range: bytes 0-4/40\r\n\r\nHello\r\n"),
			want: fires(Error, Location{Where: AtBody, Start: 0, End: 45})},
		{id: "R3", name: "another boundary", stream: byteranges("--OTHER\r\nContent-Range: bytes 0-4/40\r\n\r\nHello\r\n--OTHER--\r\n"),
			want: fires(Error, Location{Where: AtBody, Start: 0, End: 58})},
		{id: "R3", name: "correct", stream: byteranges(twoParts)},
		{id: "R3", name: "preamble and LF endings", stream: byteranges("preamble\r\n--SEP\nContent-Range: bytes 0-4/40\n\nHello\n--SEP--")},
		// R4
		{id: "R4", name: "none with bytes", stream: crlf("HTTP/1.1 200 OK", date, "Accept-Ranges: bytes, none", "Content-Length: 0", "", ""),
			want: fires(Warning, atHeader(1, "Accept-Ranges"))},
		{id: "R4", name: "not a token", stream: crlf("HTTP/1.1 200 OK", date, "Accept-Ranges: bytes=0-", "Content-Length: 0", "", ""),
			want: fires(Warning, atHeader(1, "Accept-Ranges"))},
		{id: "R4", name: "empty", stream: crlf("HTTP/1.1 200 OK", date, "Accept-Ranges: ", "Content-Length: 0", "", ""),
			want: fires(Warning, atHeader(1, "Accept-Ranges"))},
		{id: "R4", name: "bytes", stream: crlf("HTTP/1.1 200 OK", date, "Accept-Ranges: bytes", "Content-Length: 0", "", "")},
		{id: "R4", name: "none", stream: crlf("HTTP/1.1 200 OK", date, "Accept-Ranges: none", "Content-Length: 0", "", "")},
		// R5
		{id: "R5", name: "no Range", stream: partial("bytes 0-4/40", "Hello"), setup: asked("http://h/f"), want: fires(Info, atStatus())},
		{id: "R5", name: "Range", stream: partial("bytes 0-4/40", "Hello"), setup: asked("http://h/f", "Range: bytes=0-4")},
		{id: "R5", name: "built offline", stream: partial("bytes 0-4/40", "Hello")},
		// R6
		{id: "R6", name: "multipart to one range", stream: byteranges(twoParts), setup: asked("http://h/f", "Range: bytes=0-"),
			want: fires(Error, atHeader(1, "Content-Type"))},
		{id: "R6", name: "starts elsewhere", stream: partial("bytes 0-4/40", "Hello"), setup: asked("http://h/f", "Range: bytes=10-"),
			want: fires(Error, cr)},
		{id: "R6", name: "suffix answered from the start", stream: partial("bytes 0-4/40", "Hello"), setup: asked("http://h/f", "Range: bytes=-5"),
			want: fires(Error, cr)},
		{id: "R6", name: "suffix", stream: partial("bytes 35-39/40", "world"), setup: asked("http://h/f", "Range: bytes=-5")},
		{id: "R6", name: "suffix longer than the whole", stream: partial("bytes 0-39/40", "0123456789012345678901234567890123456789"),
			setup: asked("http://h/f", "Range: bytes=-100")},
		{id: "R6", name: "first byte", stream: partial("bytes 0-0/40", "H"), setup: asked("http://h/f", "Range: bytes=0-0")},
		{id: "R6", name: "multipart to two ranges", stream: byteranges(twoParts), setup: asked("http://h/f", "Range: bytes=0-4,35-")},
		// R7
		{id: "R7", name: "200 with Content-Range", stream: crlf("HTTP/1.1 200 OK", date, "Content-Range: bytes 0-4/40", "Content-Length: 0", "", ""),
			want: fires(Info, atHeader(1, "Content-Range"))},
		{id: "R7", name: "416", stream: crlf("HTTP/1.1 416 Range Not Satisfiable", date, "Content-Range: bytes */40", "Content-Length: 0", "", "")},
		// R8
		{id: "R8", name: "range ignored", stream: ok, setup: followUp(acceptRanges, "GET", "Range: bytes=0-0"), want: fires(Info, atStatus())},
		{id: "R8", name: "range ignored, none promised", stream: ok, setup: followUp(ok, "GET", "Range: bytes=0-0")},
		{id: "R8", name: "range answered", stream: partial("bytes 0-0/5", "h"), setup: followUp(acceptRanges, "GET", "Range: bytes=0-0")},
	}
}

// acceptRanges is ok with Accept-Ranges: bytes.
const acceptRanges = "HTTP/1.1 200 OK\r\n" + date + "\r\nAccept-Ranges: bytes\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n" +
	`ETag: "v1"` + "\r\n\r\nhello"

// followUp makes the exchange a follow-up, sent with the given fields, of a first exchange that
// got basis in answer to basisMethod.
func followUp(basis, basisMethod string, fields ...string) func(*probe.Exchange) {
	return func(ex *probe.Exchange) {
		asked("http://h/f", fields...)(ex)
		ex.Basis = probe.Parse([]byte(basis), basisMethod)
		asked("http://h/f")(ex.Basis)
	}
}
