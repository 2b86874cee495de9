package history

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// TestOptionsRoundTrip checks that each setting that shapes a request is written to the file,
// read back, and given back by Request, and that two requests that differ only in it are not
// the same request.
func TestOptionsRoundTrip(t *testing.T) {
	base := probe.Request{Method: "GET", URL: "http://example.test/a/../b"}
	tests := []struct {
		name string
		set  func(*probe.Request)
	}{
		{"Omit", func(r *probe.Request) { r.Omit = []string{"Accept", "User-Agent"} }},
		{"empty field", func(r *probe.Request) { r.Header = []probe.Field{{Name: "X-Empty", Value: "", Line: -1}} }},
		{"Compressed", func(r *probe.Request) { r.Compressed = true }},
		{"PathAsIs", func(r *probe.Request) { r.PathAsIs = true }},
		{"ConnectTimeout", func(r *probe.Request) { r.ConnectTimeout = 2500 * time.Millisecond }},
		{"Insecure", func(r *probe.Request) { r.Insecure = true }},
		{"FollowRedirects", func(r *probe.Request) { r.FollowRedirects = true }},
		{"Timeout", func(r *probe.Request) { r.Timeout = 30 * time.Second }},
		{"HTTP10", func(r *probe.Request) { r.HTTP10 = true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := base
			tt.set(&req)
			s := newStore(t, 0)
			if err := s.Add(FromRequest(req, 200, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))); err != nil {
				t.Fatal(err)
			}
			got, err := s.Load()
			if err != nil || len(got) != 1 {
				t.Fatalf("Load = %v, %v", got, err)
			}
			if back := got[0].Request(); !reflect.DeepEqual(back, req) {
				t.Errorf("read back as %+v, want %+v", back, req)
			}
			if SameRequest(FromRequest(base, 200, time.Time{}), got[0]) && tt.name != "empty field" {
				t.Errorf("a request with %s is the same as one without", tt.name)
			}
		})
	}
}

// TestOldFile checks that a history file written before the request options were stored is
// read, with the options it did store, and the others at their zero values.
func TestOldFile(t *testing.T) {
	const old = `{
  "version": 1,
  "entries": [
    {
      "time": "2026-11-24T19:00:01Z",
      "method": "GET",
      "url": "https://example.test/",
      "header": [["Accept", "text/html"]],
      "status": 200,
      "insecure": true,
      "follow_redirects": true
    }
  ]
}
`
	s := newStore(t, 0)
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load()
	if err != nil || len(got) != 1 {
		t.Fatalf("Load = %v, %v", got, err)
	}
	want := probe.Request{Method: "GET", URL: "https://example.test/", Insecure: true, FollowRedirects: true,
		Header: []probe.Field{{Name: "Accept", Value: "text/html", Line: -1}}}
	if req := got[0].Request(); !reflect.DeepEqual(req, want) {
		t.Errorf("old entry reads as %+v, want %+v", req, want)
	}
}

// TestBadDuration checks that a timeout that is not a duration makes the file damaged rather
// than a request without its timeout.
func TestBadDuration(t *testing.T) {
	s := newStore(t, 0)
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path, []byte(`{"version":1,"entries":[{"method":"GET","url":"http://h/","timeout":"soon"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); err == nil {
		t.Error("a file with a bad timeout was read")
	}
}
