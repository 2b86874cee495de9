package check

import (
	"slices"
	"strings"
	"testing"
)

// TestRealServerCaptures judges responses captured from real servers and from raw sockets
// sending broken bytes on purpose. Each case lists every error and warning it must produce, as
// "ID:severity" in order of the findings; info findings are not compared.
func TestRealServerCaptures(t *testing.T) {
	tests := []struct {
		name, method, stream string
		want                 []string
	}{
		{"nginx add_header Content-Length repeats the length", "GET", crlf(
			"HTTP/1.1 200 OK",
			"Server: nginx/1.22.1",
			"Date: Tue, 24 Nov 2026 19:45:36 GMT",
			"Content-Type: text/plain",
			"Content-Length: 5",
			"Connection: keep-alive",
			"Content-Length: 5",
			"", "hello"), []string{"F10:error"}},
		{"nginx add_header Content-Type repeats the type", "GET", crlf(
			"HTTP/1.1 200 OK",
			"Server: nginx/1.22.1",
			"Date: Tue, 24 Nov 2026 19:45:36 GMT",
			"Content-Type: text/plain",
			"Content-Length: 1",
			"Connection: keep-alive",
			"Content-Type: text/plain",
			"", "x"), []string{"F10:error"}},
		{"invalid chunk-size line: one finding, at the undecodable bytes", "GET", crlf(
			"HTTP/1.1 200 OK",
			"Date: Tue, 24 Nov 2026 19:00:00 GMT",
			"Content-Type: text/plain",
			"Transfer-Encoding: chunked",
			"", "zz", "abc", "0", "", ""), []string{"F13:error"}},
		{"Content-Length past 2^63-1", "GET", crlf(
			"HTTP/1.1 200 OK",
			"Date: Tue, 24 Nov 2026 19:00:00 GMT",
			"Content-Type: text/plain",
			"Content-Length: 99999999999999999999999",
			"", "abc"), []string{"F11:error"}},
		{"Content-Length of 2^63-1 is a number", "HEAD", crlf(
			"HTTP/1.1 200 OK",
			"Date: Tue, 24 Nov 2026 19:00:00 GMT",
			"Content-Type: text/plain",
			`ETag: "x"`,
			"Content-Length: 9223372036854775807",
			"", ""), nil},
		{"Transfer-Encoding identity, close-delimited", "GET", crlf(
			"HTTP/1.1 200 OK",
			"Date: Tue, 24 Nov 2026 19:00:00 GMT",
			"Content-Type: text/plain",
			`ETag: "x"`,
			"Transfer-Encoding: identity",
			"", "abc"), []string{"F14:warning"}},
		{"Transfer-Encoding Chunked in capitals", "GET", crlf(
			"HTTP/1.1 200 OK",
			"Date: Tue, 24 Nov 2026 19:00:00 GMT",
			"Content-Type: text/plain",
			"Transfer-Encoding: Chunked",
			"", "000A", "0123456789", "0", "", ""), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range Run(parse(t, tt.stream, tt.method)) {
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
