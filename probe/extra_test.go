package probe

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestDoExtraAfterFramedBody checks that bytes a server sends beyond a body framed by
// Content-Length or chunked are caught as extra bytes, over http and https, while the server
// keeps the connection open: whether they come in the same write as the body or in a write
// right after it. Do does not wait for such bytes, so the exchange must also end at once.
//
// Bytes in the same write arrive with the body: they are caught every time. Bytes in a write
// right after it race with Do's look at the connection (the server's goroutine may lose the
// processor between its two writes), so that case is tried a few times and must be caught in
// at least one: a Do that never looked past the body would fail it every time.
func TestDoExtraAfterFramedBody(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("b", 100<<10) // larger than one read of the wire reader
	tests := []struct {
		name    string
		parts   []string // written in turn, without a pause
		framing Framing
		body    string
		extra   string
		racy    bool // the extra bytes come in a write of their own
	}{
		{
			name:    "Content-Length body and extra bytes in the same write",
			parts:   []string{"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\n"},
			framing: FramingLength, body: "hello", extra: "HTTP/1.1 200 OK\r\n",
		},
		{
			name:    "chunked body and extra bytes in the same write",
			parts:   []string{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n<html>stray</html>"},
			framing: FramingChunked, body: "hello", extra: "<html>stray</html>",
		},
		{
			name:    "large Content-Length body and extra bytes in the same write",
			parts:   []string{"HTTP/1.1 200 OK\r\nContent-Length: 102400\r\n\r\n" + big + "STRAY"},
			framing: FramingLength, body: big, extra: "STRAY",
		},
		{
			name:    "Content-Length body, then extra bytes in a write right after",
			parts:   []string{"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", "STRAY"},
			framing: FramingLength, body: "hello", extra: "STRAY", racy: true,
		},
		{
			name:    "Content-Length body and no extra bytes",
			parts:   []string{"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"},
			framing: FramingLength, body: "hello",
		},
	}
	for _, scheme := range []string{"http", "https"} {
		for _, tt := range tests {
			t.Run(scheme+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				url := hijackServer(t, scheme == "https", tt.parts)
				attempts := 1
				if tt.racy {
					attempts = 5
				}
				var extras []string
				for range attempts {
					start := time.Now()
					ex, err := Do(context.Background(), Request{URL: url, Insecure: true, Timeout: 10 * time.Second})
					elapsed := time.Since(start)
					if err != nil {
						t.Fatal(err)
					}
					r := ex.Response
					if r.Framing != tt.framing || !r.BodyComplete || string(r.Body.Data) != tt.body {
						t.Errorf("framing %v, complete %v, body of %d bytes, want %v, complete, %d bytes",
							r.Framing, r.BodyComplete, len(r.Body.Data), tt.framing, len(tt.body))
					}
					if ex.Extra.Offset != r.End || ex.Extra.Size != int64(len(ex.Extra.Data)) {
						t.Errorf("extra at %d of size %d, want at %d", ex.Extra.Offset, ex.Extra.Size, r.End)
					}
					if ex.Closed {
						t.Error("closed, want the connection seen open")
					}
					// The server holds the connection for far longer: Do did not wait for it.
					if elapsed > 3*time.Second {
						t.Errorf("took %v", elapsed)
					}
					extras = append(extras, string(ex.Extra.Data))
					if string(ex.Extra.Data) == tt.extra {
						return
					}
				}
				t.Errorf("extra bytes %q, want %q", extras, tt.extra)
			})
		}
	}
}

// hijackServer serves every request with parts, written in turn on the hijacked connection
// (through TLS when tls is set), and then holds the connection open until the test ends.
func hijackServer(t *testing.T, tls bool, parts []string) string {
	t.Helper()
	done := make(chan struct{})
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close()
		for _, p := range parts {
			if _, err := c.Write([]byte(p)); err != nil {
				return
			}
		}
		<-done
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(func() {
		close(done)
		srv.Close()
	})
	return srv.URL + "/"
}
