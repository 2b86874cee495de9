package lab

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// TestHTTP2Port checks that the lab's port tells HTTP/2 prior knowledge from HTTP/1.1 and
// serves the ordinary paths over both.
func TestHTTP2Port(t *testing.T) {
	s := startLab(t)
	tests := []struct {
		path   string
		method string
		mode   probe.HTTP2Mode
		proto  string
		code   int
		size   int64
	}{
		{"/204", "GET", probe.HTTP2Prior, "HTTP/2", 204, 0},
		{"/200/json", "GET", probe.HTTP2Prior, "HTTP/2", 200, -1},
		{"/head", "HEAD", probe.HTTP2Prior, "HTTP/2", 200, 0},
		{"/bytes/3000000", "GET", probe.HTTP2Prior, "HTTP/2", 200, 3000000},
		{"/204/body", "GET", probe.HTTP2Prior, "HTTP/2", 505, -1}, // raw HTTP/1.1 bytes cannot go over HTTP/2
		{"/h2/204", "GET", probe.HTTP1Only, "HTTP/1.1", 505, -1},
		{"/204", "GET", probe.HTTP1Only, "HTTP/1.1", 204, 0},
		{"/204/body", "POST", probe.HTTP1Only, "HTTP/1.1", 204, 0},
	}
	for _, tt := range tests {
		t.Run(tt.proto+tt.path, func(t *testing.T) {
			ex, err := probe.Do(t.Context(), probe.Request{Method: tt.method, URL: s.URL() + tt.path, HTTP2: tt.mode,
				Timeout: 5 * time.Second, Grace: 50 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			r := ex.Response
			if r.Status.Proto != tt.proto || r.Status.Code != tt.code || !r.BodyComplete {
				t.Fatalf("%s %d complete %v %s", r.Status.Proto, r.Status.Code, r.BodyComplete, r.BodyError)
			}
			if tt.size >= 0 && r.Body.Size != tt.size {
				t.Errorf("body %d bytes, want %d", r.Body.Size, tt.size)
			}
		})
	}
}

// TestHTTP2GoClient holds the lab's HTTP/2 side to Go's own client: a correct scenario reads
// as it should, and the ones it must refuse it refuses.
func TestHTTP2GoClient(t *testing.T) {
	s := startLab(t)
	protos := new(http.Protocols)
	protos.SetUnencryptedHTTP2(true) // and only that: prior knowledge, no HTTP/1.1
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{Protocols: protos}}
	tests := []struct {
		path string
		body string // "" for an error
	}{
		{"/h2/200", helloBody},
		{"/h2/trailers", helloBody},
		{"/200/json", "{"},
		{"/h2/uppercase", ""},
		{"/h2/no-status", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := client.Get(s.URL() + tt.path)
			var b []byte
			if err == nil {
				b, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			switch {
			case tt.body == "" && err == nil:
				t.Fatalf("Go accepted %s: %q", tt.path, b)
			case tt.body != "" && (err != nil || !strings.HasPrefix(string(b), tt.body)):
				t.Fatalf("body %q, err %v", b, err)
			}
		})
	}
}

// TestHTTP2ClientGivesUp: a client that stops reading a long HTTP/2 body and closes the
// connection leaves nothing running in the lab, which then closes at once.
func TestHTTP2ClientGivesUp(t *testing.T) {
	s, err := Start(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/bytes/1073741824", "/hang"} {
		_, err := probe.Do(t.Context(), probe.Request{URL: s.URL() + path, HTTP2: probe.HTTP2Prior, Timeout: 300 * time.Millisecond})
		if err == nil {
			t.Fatalf("%s: the exchange did not time out", path)
		}
	}
	start := time.Now()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v", d)
	}
}

// TestHTTP2ContentCoding: the content coding of a body that arrives in DATA frames is removed
// as it is for HTTP/1.1.
func TestHTTP2ContentCoding(t *testing.T) {
	s := startLab(t)
	for _, path := range []string{"/gzip/json", "/br/json", "/zstd/json"} {
		ex, err := probe.Do(t.Context(), probe.Request{URL: s.URL() + path, HTTP2: probe.HTTP2Prior, Compressed: true, Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		cc := ex.Response.Coding
		if ex.Response.Status.Proto != "HTTP/2" || cc == nil || !cc.Decoded() || !strings.HasPrefix(string(cc.Content.Data), `{"items":`) {
			t.Errorf("%s: coding %+v", path, cc)
		}
	}
}
