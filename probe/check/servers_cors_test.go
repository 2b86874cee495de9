package check

import (
	"slices"
	"strings"
	"testing"
)

// TestCORSAndCachingCaptures judges responses captured from real servers answering CORS
// requests, preflights and conditional requests (nginx 1.22.1, Apache 2.4.71 with mod_headers
// and mod_expires, Express 4.22.3 with cors 2.8.6 and express.static, Go 1.26.8 net/http with
// http.ServeContent, Python 3.11.7 http.server),
// each with the request fields that were sent. Each case lists every error and warning it must
// produce, as "ID:severity" in order of the findings; info findings are not compared. The
// correct configurations produce none; the broken ones are mistakes these servers are often
// configured into. Error pages are cut short, with their Content-Length to match.
func TestCORSAndCachingCaptures(t *testing.T) {
	preflightPUT := []string{"Origin: http://a.test", "Access-Control-Request-Method: PUT"}
	tests := []struct {
		name, method string
		sent         []string
		stream       string
		want         []string
	}{
		{"nginx add_header preflight, return 204", "OPTIONS",
			append(preflightPUT, "Access-Control-Request-Headers: content-type,authorization"), crlf(
				"HTTP/1.1 204 No Content",
				"Server: nginx/1.22.1",
				"Date: Wed, 02 Dec 2026 06:59:13 GMT",
				"Connection: keep-alive",
				"Expires: Wed, 02 Dec 2026 07:59:13 GMT",
				"Cache-Control: max-age=3600",
				"Access-Control-Allow-Origin: http://a.test",
				"Vary: Origin",
				"Access-Control-Allow-Methods: GET, POST, PUT, DELETE, OPTIONS",
				"Access-Control-Allow-Headers: Content-Type, Authorization",
				"Access-Control-Max-Age: 600",
				"", ""), nil},
		{"nginx static with etag on, expires 1h and a CORS origin", "GET", []string{"Origin: http://a.test"}, crlf(
			"HTTP/1.1 200 OK",
			"Server: nginx/1.22.1",
			"Date: Wed, 02 Dec 2026 06:59:13 GMT",
			"Content-Type: text/html",
			"Content-Length: 6",
			"Last-Modified: Wed, 02 Dec 2026 06:58:59 GMT",
			"Connection: keep-alive",
			`ETag: "6b0fc1b3-6"`,
			"Expires: Wed, 02 Dec 2026 07:59:13 GMT",
			"Cache-Control: max-age=3600",
			"Access-Control-Allow-Origin: http://a.test",
			"Vary: Origin",
			"Accept-Ranges: bytes",
			"", "hello\n"), nil},
		{"nginx 304 to If-None-Match", "GET", []string{"Origin: http://a.test", `If-None-Match: "6b0fc1b3-6"`}, crlf(
			"HTTP/1.1 304 Not Modified",
			"Server: nginx/1.22.1",
			"Date: Wed, 02 Dec 2026 06:59:13 GMT",
			"Last-Modified: Wed, 02 Dec 2026 06:58:59 GMT",
			"Connection: keep-alive",
			`ETag: "6b0fc1b3-6"`,
			"Expires: Wed, 02 Dec 2026 07:59:13 GMT",
			"Cache-Control: max-age=3600",
			"Access-Control-Allow-Origin: http://a.test",
			"Vary: Origin",
			"", ""), nil},
		{"nginx 304 to If-Modified-Since", "GET", []string{"If-Modified-Since: Wed, 02 Dec 2026 06:58:59 GMT"}, crlf(
			"HTTP/1.1 304 Not Modified",
			"Server: nginx/1.22.1",
			"Date: Wed, 02 Dec 2026 06:59:13 GMT",
			"Last-Modified: Wed, 02 Dec 2026 06:58:59 GMT",
			"Connection: keep-alive",
			`ETag: "6b0fc1b3-6"`,
			"Expires: Wed, 02 Dec 2026 07:59:13 GMT",
			"Cache-Control: max-age=3600",
			"Vary: Origin",
			"", ""), nil},
		{"Express cors() preflight: its Content-Length: 0 on the 204", "OPTIONS",
			append(preflightPUT, "Access-Control-Request-Headers: content-type,x-token"), crlf(
				"HTTP/1.1 204 No Content",
				"X-Powered-By: Express",
				"Access-Control-Allow-Origin: *",
				"Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE",
				"Vary: Access-Control-Request-Headers",
				"Access-Control-Allow-Headers: content-type,x-token",
				"Content-Length: 0",
				"Date: Wed, 02 Dec 2026 06:59:48 GMT",
				"Connection: keep-alive",
				"Keep-Alive: timeout=5",
				"", ""), []string{"S2:error"}},
		{"Express cors({origin: true, credentials: true, maxAge: 600}) preflight", "OPTIONS",
			[]string{"Origin: http://a.test", "Access-Control-Request-Method: DELETE", "Access-Control-Request-Headers: authorization"}, crlf(
				"HTTP/1.1 204 No Content",
				"X-Powered-By: Express",
				"Access-Control-Allow-Origin: http://a.test",
				"Vary: Origin, Access-Control-Request-Headers",
				"Access-Control-Allow-Credentials: true",
				"Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE",
				"Access-Control-Allow-Headers: authorization",
				"Access-Control-Max-Age: 600",
				"Content-Length: 0",
				"Date: Wed, 02 Dec 2026 06:59:48 GMT",
				"Connection: keep-alive",
				"Keep-Alive: timeout=5",
				"", ""), []string{"S2:error"}},
		{"Express cors() and express.static", "GET", []string{"Origin: http://a.test"}, crlf(
			"HTTP/1.1 200 OK",
			"X-Powered-By: Express",
			"Access-Control-Allow-Origin: *",
			"Accept-Ranges: bytes",
			"Cache-Control: public, max-age=0",
			"Last-Modified: Wed, 02 Dec 2026 06:59:42 GMT",
			`ETag: W/"6-1a2358d4e1d"`,
			"Content-Type: text/html; charset=UTF-8",
			"Content-Length: 6",
			"Date: Wed, 02 Dec 2026 06:59:48 GMT",
			"Connection: keep-alive",
			"Keep-Alive: timeout=5",
			"", "hello\n"), nil},
		{"Express cors credentials, static, an If-None-Match that does not match", "GET",
			[]string{"Origin: http://a.test", `If-None-Match: W/"6-abc"`}, crlf(
				"HTTP/1.1 200 OK",
				"X-Powered-By: Express",
				"Access-Control-Allow-Origin: http://a.test",
				"Vary: Origin",
				"Access-Control-Allow-Credentials: true",
				"Accept-Ranges: bytes",
				"Cache-Control: public, max-age=0",
				"Last-Modified: Wed, 02 Dec 2026 06:59:42 GMT",
				`ETag: W/"6-1a2358d4e1d"`,
				"Content-Type: text/html; charset=UTF-8",
				"Content-Length: 6",
				"Date: Wed, 02 Dec 2026 06:59:48 GMT",
				"Connection: keep-alive",
				"Keep-Alive: timeout=5",
				"", "hello\n"), nil},
		{"Express cors() and express.static, 304 to If-None-Match", "GET", []string{"Origin: http://a.test", `If-None-Match: W/"6-1a2358d4e1d"`}, crlf(
			"HTTP/1.1 304 Not Modified",
			"X-Powered-By: Express",
			"Access-Control-Allow-Origin: *",
			"Accept-Ranges: bytes",
			"Cache-Control: public, max-age=0",
			"Last-Modified: Wed, 02 Dec 2026 06:59:42 GMT",
			`ETag: W/"6-1a2358d4e1d"`,
			"Date: Wed, 02 Dec 2026 07:17:35 GMT",
			"Connection: close",
			"", ""), nil},
		{"Express cors with an origin list, preflight from an origin not on it", "OPTIONS", []string{"Origin: http://c.test", "Access-Control-Request-Method: PUT"}, crlf(
			"HTTP/1.1 204 No Content",
			"X-Powered-By: Express",
			"Vary: Origin, Access-Control-Request-Headers",
			"Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE",
			"Content-Length: 0",
			"Date: Wed, 02 Dec 2026 06:59:48 GMT",
			"Connection: keep-alive",
			"Keep-Alive: timeout=5",
			"", ""), []string{"S2:error"}},
		{"Go net/http preflight WriteHeader(204)", "OPTIONS", append(preflightPUT, "Access-Control-Request-Headers: content-type"), crlf(
			"HTTP/1.1 204 No Content",
			"Access-Control-Allow-Headers: Content-Type, Authorization",
			"Access-Control-Allow-Methods: GET, PUT, DELETE",
			"Access-Control-Allow-Origin: http://a.test",
			"Access-Control-Max-Age: 7200",
			"Vary: Origin",
			"Date: Wed, 02 Dec 2026 07:00:03 GMT",
			"", ""), nil},
		{"Go http.ServeContent 304 to If-None-Match", "GET", []string{"Origin: http://a.test", `If-None-Match: "v1"`}, crlf(
			"HTTP/1.1 304 Not Modified",
			"Access-Control-Allow-Origin: http://a.test",
			"Cache-Control: max-age=60",
			`Etag: "v1"`,
			"Vary: Origin",
			"Date: Wed, 02 Dec 2026 07:00:04 GMT",
			"", ""), nil},
		{"Go http.ServeContent 304 to If-Modified-Since", "GET", []string{"If-Modified-Since: Fri, 20 Nov 2026 10:00:00 GMT"}, crlf(
			"HTTP/1.1 304 Not Modified",
			"Cache-Control: max-age=60",
			`Etag: "v1"`,
			"Date: Wed, 02 Dec 2026 07:00:04 GMT",
			"", ""), nil},
		{"Go http.ServeContent 200 to an If-None-Match that does not match", "GET", []string{`If-None-Match: "v0"`}, crlf(
			"HTTP/1.1 200 OK",
			"Accept-Ranges: bytes",
			"Cache-Control: max-age=60",
			"Content-Length: 6",
			"Content-Type: text/plain; charset=utf-8",
			`Etag: "v1"`,
			"Last-Modified: Fri, 20 Nov 2026 10:00:00 GMT",
			"Date: Wed, 02 Dec 2026 07:00:04 GMT",
			"", "hello\n"), nil},
		{"Python http.server 304 to If-Modified-Since", "GET", []string{"If-Modified-Since: Wed, 02 Dec 2026 06:58:59 GMT"}, crlf(
			"HTTP/1.0 304 Not Modified",
			"Server: SimpleHTTP/0.6 Python/3.11.7",
			"Date: Wed, 02 Dec 2026 07:00:04 GMT",
			"", ""), nil},
		{"Python http.server has no OPTIONS: 501 to a preflight", "OPTIONS", preflightPUT, crlf(
			"HTTP/1.0 501 Unsupported method ('OPTIONS')",
			"Server: SimpleHTTP/0.6 Python/3.11.7",
			"Date: Wed, 02 Dec 2026 07:00:04 GMT",
			"Connection: close",
			"Content-Type: text/html;charset=utf-8",
			"Content-Length: 12",
			"", "<p>501</p>\r\n"), nil},
		{"Apache mod_headers preflight, mod_rewrite R=204, mod_expires", "OPTIONS",
			append(preflightPUT, "Access-Control-Request-Headers: content-type"), crlf(
				"HTTP/1.1 204 No Content",
				"Date: Wed, 02 Dec 2026 07:13:24 GMT",
				"Server: Apache/2.4.71 (Debian)",
				"Access-Control-Allow-Origin: http://a.test",
				"Vary: Origin",
				"Access-Control-Allow-Methods: GET, PUT, DELETE",
				"Access-Control-Allow-Headers: Content-Type",
				"Cache-Control: max-age=3600",
				"Expires: Wed, 02 Dec 2026 08:13:24 GMT",
				"", ""), nil},
		{"Apache static with an echoed origin", "GET", []string{"Origin: http://a.test"}, crlf(
			"HTTP/1.1 200 OK",
			"Date: Wed, 02 Dec 2026 07:13:19 GMT",
			"Server: Apache/2.4.71 (Debian)",
			"Access-Control-Allow-Origin: http://a.test",
			"Vary: Origin",
			"Last-Modified: Wed, 02 Dec 2026 06:58:59 GMT",
			`ETag: "6-661a12d6b952f"`,
			"Accept-Ranges: bytes",
			"Content-Length: 6",
			"Cache-Control: max-age=3600",
			"Expires: Wed, 02 Dec 2026 08:13:19 GMT",
			"Content-Type: text/html",
			"", "hello\n"), nil},
		{"Apache 304 to If-None-Match", "GET", []string{`If-None-Match: "6-661a12d6b952f"`, "Origin: http://a.test"}, crlf(
			"HTTP/1.1 304 Not Modified",
			"Date: Wed, 02 Dec 2026 07:13:24 GMT",
			"Server: Apache/2.4.71 (Debian)",
			"Access-Control-Allow-Origin: http://a.test",
			"Vary: Origin",
			"Last-Modified: Wed, 02 Dec 2026 06:58:59 GMT",
			`ETag: "6-661a12d6b952f"`,
			"Accept-Ranges: bytes",
			"Cache-Control: max-age=3600",
			"Expires: Wed, 02 Dec 2026 08:13:24 GMT",
			"", ""), nil},
		// broken configurations
		{"nginx add_header Allow-Origin * with Allow-Credentials true", "GET", []string{"Origin: http://a.test"}, crlf(
			"HTTP/1.1 200 OK",
			"Server: nginx/1.22.1",
			"Date: Wed, 02 Dec 2026 07:00:26 GMT",
			"Content-Type: text/html",
			"Content-Length: 6",
			"Last-Modified: Wed, 02 Dec 2026 06:58:59 GMT",
			"Connection: close",
			`ETag: "6b0fc1b3-6"`,
			"Access-Control-Allow-Origin: *",
			"Access-Control-Allow-Credentials: true",
			"Accept-Ranges: bytes",
			"", "hello\n"), []string{"C4:error"}},
		{"nginx preflight return 200 \"OK\" with space-separated methods", "OPTIONS", preflightPUT, crlf(
			"HTTP/1.1 200 OK",
			"Server: nginx/1.22.1",
			"Date: Wed, 02 Dec 2026 07:01:09 GMT",
			"Content-Type: text/html",
			"Content-Length: 2",
			"Connection: close",
			"Access-Control-Allow-Origin: http://a.test",
			"Access-Control-Allow-Methods: GET POST",
			"Access-Control-Max-Age: 86400",
			"", "OK"), []string{"C7:error"}},
		{"nginx auth in front of the preflight", "OPTIONS", preflightPUT, crlf(
			"HTTP/1.1 401 Unauthorized",
			"Server: nginx/1.22.1",
			"Date: Wed, 02 Dec 2026 07:00:26 GMT",
			"Content-Type: text/html",
			"Content-Length: 10",
			"Connection: close",
			"Access-Control-Allow-Origin: http://a.test",
			"Vary: Origin",
			"", "<p>401</p>"), []string{"C3:error", "S19:error"}},
		{"nginx add_header ETag and a contradictory Cache-Control", "GET", nil, crlf(
			"HTTP/1.1 200 OK",
			"Server: nginx/1.22.1",
			"Date: Wed, 02 Dec 2026 07:00:27 GMT",
			"Content-Type: text/html",
			"Content-Length: 6",
			"Last-Modified: Wed, 02 Dec 2026 06:58:59 GMT",
			"Connection: close",
			"ETag: abc123",
			"Cache-Control: no-store, max-age=3600",
			"Accept-Ranges: bytes",
			"", "hello\n"), []string{"K1:error", "K7:warning"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := parse(t, tt.stream, tt.method)
			requested(tt.sent...)(ex)
			var got []string
			for _, f := range Run(ex) {
				if f.Severity >= Warning {
					got = append(got, f.ID+":"+f.Severity.String())
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings %s, want %s", strings.Join(got, " "), strings.Join(tt.want, " "))
			}
		})
	}
}
