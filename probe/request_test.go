package probe

import (
	"strings"
	"testing"
)

// TestBuildRequest checks the bytes laid out for a request.
func TestBuildRequest(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{
			name: "defaults and an empty path",
			req:  Request{Method: "GET", URL: "http://example.com"},
			want: "GET / HTTP/1.1\r\nHost: example.com\r\nUser-Agent: " + UserAgent + "\r\nAccept: */*\r\n\r\n",
		},
		{
			name: "caller's Host and Accept replace the defaults in place",
			req: Request{Method: "GET", URL: "http://example.com:8080/a?b",
				Header: []Field{{Name: "X-A", Value: "1"}, {Name: "accept", Value: "application/json"},
					{Name: "HOST", Value: "other"}}},
			want: "GET /a?b HTTP/1.1\r\nHOST: other\r\nUser-Agent: " + UserAgent +
				"\r\naccept: application/json\r\nX-A: 1\r\n\r\n",
		},
		{
			name: "credentials in the URL",
			req:  Request{Method: "GET", URL: "https://user:pw@[::1]:8443/"},
			want: "GET / HTTP/1.1\r\nHost: [::1]:8443\r\nAuthorization: Basic dXNlcjpwdw==\r\nUser-Agent: " + UserAgent +
				"\r\nAccept: */*\r\n\r\n",
		},
		{
			name: "a caller's Authorization wins over credentials in the URL",
			req: Request{Method: "GET", URL: "http://user:pw@h/",
				Header: []Field{{Name: "X-A", Value: "1"}, {Name: "Authorization", Value: "Bearer t"}}},
			want: "GET / HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer t\r\nUser-Agent: " + UserAgent +
				"\r\nAccept: */*\r\nX-A: 1\r\n\r\n",
		},
		{
			name: "omitted, probe's own fields are not sent, Host included",
			req: Request{Method: "POST", URL: "http://user:pw@h/", Body: []byte("abc"),
				Omit: []string{"host", "User-Agent", "ACCEPT", "Authorization", "Content-Length"}},
			want: "POST / HTTP/1.1\r\n\r\nabc",
		},
		{
			name: "an omitted name's field stays in its place",
			req: Request{Method: "GET", URL: "http://h/", Omit: []string{"Accept", "User-Agent"},
				Header: []Field{{Name: "X-A", Value: "1"}, {Name: "Accept", Value: "a"}, {Name: "User-Agent", Value: ""}}},
			want: "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nAccept: a\r\nUser-Agent:\r\n\r\n",
		},
		{
			name: "an empty value is written with nothing after the colon",
			req: Request{Method: "GET", URL: "http://h/",
				Header: []Field{{Name: "Host", Value: ""}, {Name: "X-Empty", Value: ""}}},
			want: "GET / HTTP/1.1\r\nHost:\r\nUser-Agent: " + UserAgent + "\r\nAccept: */*\r\nX-Empty:\r\n\r\n",
		},
		{
			name: "Content-Type comes after Content-Length",
			req: Request{Method: "POST", URL: "http://h/", Body: []byte("a=1"),
				Header: []Field{{Name: "Content-Type", Value: "application/x-www-form-urlencoded"}, {Name: "X-B", Value: "1"}}},
			want: "POST / HTTP/1.1\r\nHost: h\r\nUser-Agent: " + UserAgent +
				"\r\nAccept: */*\r\nX-B: 1\r\nContent-Length: 3\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=1",
		},
		{
			name: "dot segments are resolved",
			req:  Request{Method: "GET", URL: "http://h/a/../b/./c/..?x=/../y"},
			want: "GET /b/?x=/../y HTTP/1.1\r\nHost: h\r\nUser-Agent: " + UserAgent + "\r\nAccept: */*\r\n\r\n",
		},
		{
			name: "dot segments above the root and encoded dots",
			req:  Request{Method: "GET", URL: "http://h/../../x/%2e%2e/y/.."},
			want: "GET /x/%2e%2e/ HTTP/1.1\r\nHost: h\r\nUser-Agent: " + UserAgent + "\r\nAccept: */*\r\n\r\n",
		},
		{
			name: "PathAsIs keeps dot segments (curl's --path-as-is)",
			req:  Request{Method: "GET", URL: "http://h/a/../b/./c/..", PathAsIs: true},
			want: "GET /a/../b/./c/.. HTTP/1.1\r\nHost: h\r\nUser-Agent: " + UserAgent + "\r\nAccept: */*\r\n\r\n",
		},
		{
			name: "a caller's Content-Length is not doubled",
			req: Request{Method: "POST", URL: "http://h/", Body: []byte("abc"),
				Header: []Field{{Name: "Content-Length", Value: "99"}}},
			want: "POST / HTTP/1.1\r\nHost: h\r\nUser-Agent: " + UserAgent +
				"\r\nAccept: */*\r\nContent-Length: 99\r\n\r\nabc",
		},
		{
			name: "an empty body still has a Content-Length",
			req:  Request{Method: "POST", URL: "http://h/", Body: []byte{}},
			want: "POST / HTTP/1.1\r\nHost: h\r\nUser-Agent: " + UserAgent +
				"\r\nAccept: */*\r\nContent-Length: 0\r\n\r\n",
		},
		{
			name: "CONNECT names host and port (authority-form)",
			req:  Request{Method: "CONNECT", URL: "http://example.com/ignored"},
			want: "CONNECT example.com:80 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: " + UserAgent +
				"\r\nAccept: */*\r\n\r\n",
		},
		{
			name: "CONNECT with an IPv6 literal and a port",
			req:  Request{Method: "CONNECT", URL: "https://[::1]:8443"},
			want: "CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\nUser-Agent: " + UserAgent +
				"\r\nAccept: */*\r\n\r\n",
		},
		{
			name: "spaces and non-ASCII in path and query are percent-encoded",
			req:  Request{Method: "GET", URL: "http://h/é b?q=a b&r=é%41"},
			want: "GET /%C3%A9%20b?q=a%20b&r=%C3%A9%41 HTTP/1.1\r\nHost: h\r\nUser-Agent: " + UserAgent +
				"\r\nAccept: */*\r\n\r\n",
		},
		{
			name: "HTTP/1.0 (curl's -0)",
			req:  Request{Method: "GET", URL: "http://h/", HTTP10: true},
			want: "GET / HTTP/1.0\r\nHost: h\r\nUser-Agent: " + UserAgent + "\r\nAccept: */*\r\n\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent, err := buildRequest(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if string(sent.Bytes) != tt.want {
				t.Errorf("got\n%q\nwant\n%q", sent.Bytes, tt.want)
			}
			head, _, _ := strings.Cut(string(sent.Bytes), "\r\n\r\n")
			if wantProto := map[bool]string{false: "HTTP/1.1", true: "HTTP/1.0"}[tt.req.HTTP10]; sent.Proto != wantProto {
				t.Errorf("Proto = %q, want %q", sent.Proto, wantProto)
			}
			if n := strings.Count(head, "\r\n"); n != len(sent.Header) {
				t.Errorf("%d field lines written, %d fields in Sent.Header", n, len(sent.Header))
			}
		})
	}
}

func TestIsToken(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"GET", true},
		{"Content-Type", true},
		{"x!#$%&'*+-.^_`|~9", true},
		{"", false},
		{"GE T", false},
		{"Name:", false},
		{"a/b", false},
		{"é", false},
		{"a\x7f", false},
		{"tab\t", false},
		{`"q"`, false},
	}
	for _, tt := range tests {
		if got := IsToken(tt.s); got != tt.want {
			t.Errorf("IsToken(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
