package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

// TestTextRealServers checks the text report on responses captured from real servers.
func TestTextRealServers(t *testing.T) {
	// nginx 1.22 with gzip on, answering a request with Accept-Encoding: gzip.
	nginxHead := "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Wed, 02 Dec 2026 06:19:50 GMT\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\nContent-Encoding: gzip\r\n\r\n"
	nginxGz := "\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\x03\r\xc91\x0e\x80 \x0c\x00\xc0\xaf4\x9d\xbb\xa8\x1b_1\x0eD\xaa\x10(5\x14\xa3\x89\xf1\xefz\xeb=\xa8\x19]o'\x13\xa6\xceb\xe8\xe6\x81F\x9a\x16Ba3\xbf3:\x8c\\\x8a\xc2\xd6T\xa0\xee\xa9\xde\x04\xab\xca\xd1\xfe\xe7\x00W\xe4\n\xde2\x07|?;\x9d\xdf\xe6O\x00\x00\x00"
	chunked := func(data string) string { return fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(data), data) }
	tests := []struct {
		name, stream  string
		want, wantNot []string
	}{
		{"nginx gzip JSON, chunked", nginxHead + chunked(nginxGz),
			[]string{"body (95 bytes, chunked)\n  gzip · 95 bytes on the wire → 79 bytes\n" +
				`  {"ok":true,"items":[1,2,3],"message":"hello from nginx, compressed when asked"}` + "\n",
				"2 notes\n"},
			[]string{"trailers", `\x1f`, "J1", "warning"}},
		{"nginx gzip JSON cut inside the gzip data", nginxHead + chunked(nginxGz[:32]),
			[]string{"gzip · does not decode at byte 32 of 32 bytes: gzip: the coded data ends early (truncated)\n",
				"✗ error   E1   Content-Encoding \"gzip\" does not decode"},
			[]string{`\x1f`, "J1"}},
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
