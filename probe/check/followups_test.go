package check

import (
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// nginxGet is nginx's 200 to a GET of a static file, and nginxHead its 200 to HEAD.
const (
	nginxGet = "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n" + date + "\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n" +
		"Last-Modified: Tue, 13 Jun 2023 15:08:10 GMT\r\nETag: \"6488865a-5\"\r\nCache-Control: max-age=60\r\nAccept-Ranges: bytes\r\n\r\nhello"
	nginxHead = "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n" + date + "\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n" +
		"Last-Modified: Tue, 13 Jun 2023 15:08:10 GMT\r\nETag: \"6488865a-5\"\r\nCache-Control: max-age=60\r\nAccept-Ranges: bytes\r\n\r\n"
	nginx304 = "HTTP/1.1 304 Not Modified\r\nServer: nginx/1.22.1\r\n" + date + "\r\n" +
		"Last-Modified: Tue, 13 Jun 2023 15:08:10 GMT\r\nETag: \"6488865a-5\"\r\nCache-Control: max-age=60\r\n\r\n"
)

func followupCases() []ruleCase {
	inm := `If-None-Match: "6488865a-5"`
	ims := "If-Modified-Since: Tue, 13 Jun 2023 15:08:10 GMT"
	return []ruleCase{
		// S18
		{id: "S18", name: "HEAD's length unlike GET's", method: "HEAD", stream: replace(nginxHead, "Content-Length: 5", "Content-Length: 7"),
			setup: followUp(nginxGet, "GET"), want: fires(Error, atHeader(3, "Content-Length"))},
		{id: "S18", name: "GET's length unlike the HEAD's", stream: nginxGet,
			setup: followUp(replace(nginxHead, "Content-Length: 5", "Content-Length: 0"), "HEAD"), want: fires(Error, atMessage())},
		{id: "S18", name: "304's length unlike the 200's", stream: replace(nginx304, "\r\n\r\n", "\r\nContent-Length: 0\r\n\r\n"),
			setup: followUp(nginxGet, "GET", inm), want: fires(Error, atHeader(5, "Content-Length"))},
		{id: "S18", name: "HEAD like GET", method: "HEAD", stream: nginxHead, setup: followUp(nginxGet, "GET")},
		{id: "S18", name: "HEAD without Content-Length", method: "HEAD", stream: replace(nginxHead, "Content-Length: 5\r\n", ""), setup: followUp(nginxGet, "GET")},
		{id: "S18", name: "304 without Content-Length", stream: nginx304, setup: followUp(nginxGet, "GET", inm)},
		{id: "S18", name: "not a follow-up", method: "HEAD", stream: replace(nginxHead, "Content-Length: 5", "Content-Length: 7")},
		// S37
		{id: "S37", name: "HEAD refused", method: "HEAD", stream: crlf("HTTP/1.1 405 Method Not Allowed", date, "Allow: GET", "Content-Length: 0", "", ""),
			setup: followUp(nginxGet, "GET"), want: fires(Warning, atStatus())},
		{id: "S37", name: "HEAD with another Content-Type", method: "HEAD", stream: replace(nginxHead, "text/plain", "text/html"),
			setup: followUp(nginxGet, "GET"), want: fires(Warning, atMessage())},
		{id: "S37", name: "HEAD without ETag", method: "HEAD", stream: replace(nginxHead, "ETag: \"6488865a-5\"\r\n", ""),
			setup: followUp(nginxGet, "GET"), want: fires(Warning, atMessage())},
		{id: "S37", name: "HEAD like GET", method: "HEAD", stream: nginxHead, setup: followUp(nginxGet, "GET")},
		{id: "S37", name: "HEAD after a range request", method: "HEAD", stream: nginxHead,
			setup: func(ex *probe.Exchange) {
				followUp(partial("bytes 0-0/5", "h"), "GET")(ex)
				ex.Basis.Request.Header = append(ex.Basis.Request.Header, probe.Field{Name: "Range", Value: "bytes=0-0", Line: -1})
			}},
		{id: "S37", name: "a range after HEAD", stream: partial("bytes 0-0/5", "h"), setup: followUp(nginxHead, "HEAD", "Range: bytes=0-0")},
		{id: "S37", name: "GET after HEAD, a new ETag", stream: replace(nginxGet, "6488865a", "6488865b"), setup: followUp(nginxHead, "HEAD")},
		// S38
		{id: "S38", name: "304 without Cache-Control and ETag", stream: replace(replace(nginx304, "Cache-Control: max-age=60\r\n", ""), "ETag: \"6488865a-5\"\r\n", ""),
			setup: followUp(nginxGet, "GET", ims), want: fires(Warning, atMessage())},
		{id: "S38", name: "304 without Vary (nginx gzip_vary)", stream: nginx304,
			setup: followUp(replace(nginxGet, "\r\n\r\n", "\r\nVary: Accept-Encoding\r\n\r\n"), "GET", inm), want: fires(Info, atMessage())},
		{id: "S38", name: "304 with them", stream: nginx304, setup: followUp(nginxGet, "GET", inm)},
	}
}

// replace is strings.Replace of the first old in s.
func replace(s, old, new string) string { return strings.Replace(s, old, new, 1) }
