package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

// The report shows the request line that was written, not one rebuilt from the URL: the
// target as escaped on the wire and the protocol version that was sent.
func TestTextShowsTheRequestLineAsSent(t *testing.T) {
	tests := []struct {
		url, sentLine, want, notWant string
	}{
		{"http://lab/200?q=a b", "GET /200?q=a%20b HTTP/1.1", "  GET /200?q=a%20b HTTP/1.1\n", "q=a b"},
		{"http://lab/200", "GET /200 HTTP/1.0", "  GET /200 HTTP/1.0\n", "HTTP/1.1\n  Host"},
	}
	for _, tt := range tests {
		ex := exchange(t, "GET", tt.url, goodNoContent)
		ex.Request.Bytes = []byte(tt.sentLine + "\r\nHost: lab\r\n\r\n")
		var buf bytes.Buffer
		if err := Text(&buf, []*probe.Exchange{ex}, findingsOf(ex), TextOptions{}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !strings.Contains(out, tt.want) || strings.Contains(out, tt.notWant) {
			t.Errorf("%s: want %q and not %q in:\n%s", tt.url, tt.want, tt.notWant, out)
		}
	}
}
