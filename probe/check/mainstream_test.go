package check

import (
	"strconv"
	"strings"
	"testing"
)

// crlf turns a response written one line per line into the bytes on the wire.
func crlf(lines ...string) string { return strings.Join(lines, "\r\n") }

// withBody ends a head whose last field is Content-Length (left for this function to fill) with
// body.
func withBody(h, body string) string {
	return h + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

const nginxPage = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n" +
	"<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n"

// TestNoFalseAlarms runs the catalog on correct responses as mainstream servers send them; none
// may produce an error or a warning.
func TestNoFalseAlarms(t *testing.T) {
	tests := []struct {
		name, method, stream string
	}{
		{"nginx return 204", "GET", crlf(
			"HTTP/1.1 204 No Content",
			"Server: nginx/1.22.1",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Connection: keep-alive",
			"", "")},
		{"Express 4.22 and 5.3 res.status(204).end()", "DELETE", crlf(
			"HTTP/1.1 204 No Content",
			"X-Powered-By: Express",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Connection: keep-alive",
			"Keep-Alive: timeout=5",
			"", "")},
		{"Express 4.22 and 5.3 res.sendStatus(204): the ETag of \"No Content\"", "PUT", crlf(
			"HTTP/1.1 204 No Content",
			"X-Powered-By: Express",
			`ETag: W/"a-bAsFyilMr4Ra1hIU5PyoyFRunpI"`,
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Connection: keep-alive",
			"Keep-Alive: timeout=5",
			"", "")},
		{"Go WriteHeader(204)", "DELETE", crlf(
			"HTTP/1.1 204 No Content",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"", "")},
		{"Go 204 keeping a Content-Type", "DELETE", crlf(
			"HTTP/1.1 204 No Content",
			"Content-Type: text/plain; charset=utf-8",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"", "")},
		{"nginx static 200", "GET", withBody(crlf(
			"HTTP/1.1 200 OK",
			"Server: nginx/1.22.1",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Content-Type: text/html",
			"Last-Modified: Tue, 13 Jun 2023 15:08:10 GMT",
			"Connection: keep-alive",
			`ETag: "6488865a-267"`,
			"Accept-Ranges: bytes",
			"Content-Length: "), nginxPage)},
		{"nginx static 200 to HEAD", "HEAD", crlf(
			"HTTP/1.1 200 OK",
			"Server: nginx/1.22.1",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Content-Type: text/html",
			"Content-Length: 615",
			"Last-Modified: Tue, 13 Jun 2023 15:08:10 GMT",
			"Connection: keep-alive",
			`ETag: "6488865a-267"`,
			"Accept-Ranges: bytes",
			"", "")},
		{"nginx 304", "GET", crlf(
			"HTTP/1.1 304 Not Modified",
			"Server: nginx/1.22.1",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Last-Modified: Tue, 13 Jun 2023 15:08:10 GMT",
			"Connection: keep-alive",
			`ETag: "6488865a-267"`,
			"", "")},
		{"nginx 301", "GET", withBody(crlf(
			"HTTP/1.1 301 Moved Permanently",
			"Server: nginx/1.22.1",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Content-Type: text/html",
			"Connection: keep-alive",
			"Location: https://example.com/",
			"Content-Length: "),
			"<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n"+
				"<center><h1>301 Moved Permanently</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n"+
				"</body>\r\n</html>\r\n")},
		{"Go json.NewEncoder 200", "GET", withBody(crlf(
			"HTTP/1.1 200 OK",
			"Content-Type: application/json",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Content-Length: "), `{"ok":true}`+"\n")},
		{"Go chunked stream", "GET", crlf(
			"HTTP/1.1 200 OK",
			"Content-Type: text/plain; charset=utf-8",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Transfer-Encoding: chunked",
			"",
			"6", "hello\n", "6", "world\n", "0", "", "")},
		{"Express res.status(201).json", "POST", withBody(crlf(
			"HTTP/1.1 201 Created",
			"X-Powered-By: Express",
			"Location: /users/42",
			"Content-Type: application/json; charset=utf-8",
			`ETag: W/"15-7KZQbTYdYmDNbvZmBd1hDmtc2AM"`,
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Connection: keep-alive",
			"Keep-Alive: timeout=5",
			"Content-Length: "), `{"id":42,"name":"a"}`+" ")},
		{"100 Continue then 200", "POST", "HTTP/1.1 100 Continue\r\n\r\n" + withBody(crlf(
			"HTTP/1.1 200 OK",
			"Content-Type: text/plain",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Content-Length: "), "stored")},
		{"Express 404", "GET", withBody(crlf(
			"HTTP/1.1 404 Not Found",
			"X-Powered-By: Express",
			"Content-Security-Policy: default-src 'none'",
			"X-Content-Type-Options: nosniff",
			"Content-Type: text/html; charset=utf-8",
			"Date: Tue, 24 Nov 2026 18:57:03 GMT",
			"Connection: keep-alive",
			"Keep-Alive: timeout=5",
			"Content-Length: "), "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"+
			"<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET /nope</pre>\n</body>\n</html>\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := parse(t, tt.stream, tt.method)
			for _, f := range Run(ex) {
				if f.Severity >= Warning {
					t.Errorf("%s %s: %s (%s)", f.Severity, f.ID, f.Message, f.Ref)
				}
			}
		})
	}
}
