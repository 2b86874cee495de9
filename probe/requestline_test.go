package probe

import (
	"net/url"
	"testing"
)

func TestSentRequestLine(t *testing.T) {
	mustURL := func(s string) *url.URL {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	built := func(r Request) Sent {
		s, err := buildRequest(r)
		if err != nil {
			t.Fatalf("buildRequest(%+v): %v", r, err)
		}
		return s
	}
	tests := []struct {
		name string
		sent Sent
		want string
	}{
		{"space in the query", built(Request{Method: "GET", URL: "http://h.test/x?q=a b"}), "GET /x?q=a%20b HTTP/1.1"},
		{"HTTP/1.0", built(Request{Method: "GET", URL: "http://h.test/", HTTP10: true}), "GET / HTTP/1.0"},
		{"non-ASCII path and query", built(Request{Method: "PUT", URL: "http://h.test/é?x=ü"}), "PUT /%C3%A9?x=%C3%BC HTTP/1.1"},
		{"no bytes: from the URL", Sent{Method: "DELETE", URL: mustURL("http://h.test/a?b=c")}, "DELETE /a?b=c HTTP/1.1"},
		{"no bytes: the target as written", Sent{Method: "GET", URL: mustURL("http://h.test/x?q=a b")}, "GET /x?q=a%20b HTTP/1.1"},
		{"nothing known", Sent{Method: "GET"}, "GET / HTTP/1.1"},
	}
	for _, tt := range tests {
		if got := tt.sent.RequestLine(); got != tt.want {
			t.Errorf("%s: RequestLine() = %q, want %q", tt.name, got, tt.want)
		}
	}
}
