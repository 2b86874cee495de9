package check

import (
	"context"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// serveOnce answers one connection on a fresh local listener with the exact bytes of resp,
// after reading the request, and keeps the connection open until the client closes it.
func serveOnce(t *testing.T, resp string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		buf := make([]byte, 4096)
		if _, err := c.Read(buf); err != nil {
			return
		}
		if _, err := c.Write([]byte(resp)); err != nil {
			return
		}
		_, _ = c.Read(buf) // hold the connection open, as a keep-alive server does
	}()
	return "http://" + ln.Addr().String() + "/"
}

// TestLive judges exchanges read from a real connection, where stray bytes after a 204 arrive
// in the grace window rather than with the end of the stream.
func TestLive(t *testing.T) {
	tests := []struct {
		name, method, resp string
		want               []string // rule IDs of the errors and warnings, in order
	}{
		{"nginx 204", "DELETE", head("HTTP/1.1 204 No Content", "Server: nginx/1.22.1", date,
			"Connection: keep-alive"), nil},
		{"204 with a JSON body", "DELETE", head("HTTP/1.1 204 No Content", date, "Content-Type: application/json",
			"Content-Length: 11") + `{"ok":true}`, []string{"S2", "S9"}},
		{"200 with bytes after its body", "GET", ok + "HTTP/1.1 200 OK\r\n", []string{"F13"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			ex, err := probe.Do(ctx, probe.Request{Method: tt.method, URL: serveOnce(t, tt.resp),
				Grace: 100 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range Run(ex) {
				if f.Severity >= Warning {
					got = append(got, f.ID)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("errors and warnings = %v, want %v", got, tt.want)
			}
		})
	}
}
