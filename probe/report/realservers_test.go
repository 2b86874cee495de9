package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

// TestTextRealServers checks the text report on responses captured from real servers.
func TestTextRealServers(t *testing.T) {
	gzipBody := "\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\x03\x14\x975\xb2\xe4@\x10D}]E"
	tests := []struct {
		name, stream  string
		want, wantNot []string
	}{
		{"nginx gzip, chunked, no trailers", "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n" +
			"Date: Tue, 24 Nov 2026 19:49:28 GMT\r\nContent-Type: text/plain\r\n" +
			"Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" +
			"16\r\n" + gzipBody + "\r\n0\r\n\r\n",
			[]string{"body (22 bytes, chunked)\n  gzip-coded content, not shown\n"},
			[]string{"trailers", `\x1f`}},
		{"chunked with a trailer", "HTTP/1.1 200 OK\r\nDate: Tue, 24 Nov 2026 19:00:00 GMT\r\n" +
			"Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n" +
			"3;ext=1\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\n",
			[]string{"trailers\n  X-Sum: 1\n", "  abc\n"}, nil},
		{"invalid chunk-size line", "HTTP/1.1 200 OK\r\nDate: Tue, 24 Nov 2026 19:00:00 GMT\r\n" +
			"Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
			[]string{"extra bytes (14 bytes where the next chunk could not be decoded)"},
			[]string{"after the end of the response"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := exchange(t, "GET", "http://127.0.0.1:9101/", tt.stream)
			var buf bytes.Buffer
			if err := Text(&buf, []*probe.Exchange{ex}, findingsOf(ex), TextOptions{}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("report lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("report has %q:\n%s", w, out)
				}
			}
		})
	}
}
