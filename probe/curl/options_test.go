package curl

import (
	"reflect"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

func TestParseOptions(t *testing.T) {
	tests := []struct {
		line string
		want probe.Request
	}{
		{"", probe.Request{}},
		{"-k -L", probe.Request{Insecure: true, FollowRedirects: true}},
		{"-kL -m30", probe.Request{Insecure: true, FollowRedirects: true, Timeout: 30 * time.Second}},
		{"--insecure --location --max-time 1.5", probe.Request{Insecure: true, FollowRedirects: true, Timeout: 1500 * time.Millisecond}},
		{"--compressed --path-as-is -0 --connect-timeout 2", probe.Request{Compressed: true, PathAsIs: true, HTTP10: true, ConnectTimeout: 2 * time.Second}},
		{"--timeout=3s --http1.1", probe.Request{Timeout: 3 * time.Second}},
		{"--http2", probe.Request{HTTP2: probe.HTTP2ALPN}},
		{"--http2-prior-knowledge -k", probe.Request{HTTP2: probe.HTTP2Prior, Insecure: true}},
	}
	for _, tt := range tests {
		got, err := ParseOptions(tt.line)
		if err != nil {
			t.Errorf("ParseOptions(%q): %v", tt.line, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseOptions(%q) = %+v, want %+v", tt.line, got, tt.want)
		}
	}
}

func TestParseOptionsRefuses(t *testing.T) {
	tests := []struct{ line, want string }{
		{"-m", "flag -m needs a value"},
		{"-m 0", `-m: invalid duration "0" (must be more than zero)`},
		{"--bogus", "unknown flag --bogus"},
		{"-o out.txt", "-o is for the command line only (hsx check)"},
		{"-D heads", "-D is for the command line only (hsx check)"},
		{"-k -H 'A: b'", "-H " + headerWhy},
		{"-X POST", "-X sets the method: choose it in the method field"},
		{"-d x", "-d " + bodyWhy},
		{"--json {}", "--json: " + bodyWhy},
		{"-s", "-s changes only what curl prints: it has nothing to do in the explorer"},
		{"-k http://h/", `"http://h/" is not a flag: the URL has its own field`},
		{"-k 'unclosed", "unterminated ' quote"},
	}
	for _, tt := range tests {
		_, err := ParseOptions(tt.line)
		if err == nil {
			t.Errorf("ParseOptions(%q): no error, want %q", tt.line, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("ParseOptions(%q) error = %q, want %q", tt.line, err, tt.want)
		}
	}
}

func TestFormatOptionsRoundTrip(t *testing.T) {
	tests := []struct {
		req  probe.Request
		want string
	}{
		{probe.Request{}, ""},
		{probe.Request{Insecure: true, FollowRedirects: true, Timeout: 30 * time.Second}, "-k -L -m 30"},
		{probe.Request{Compressed: true, PathAsIs: true, HTTP10: true, ConnectTimeout: 2500 * time.Millisecond}, "-0 --path-as-is --compressed --connect-timeout 2.5"},
		{probe.Request{HTTP2: probe.HTTP2ALPN}, "--http2"},
		{probe.Request{HTTP2: probe.HTTP2Prior, FollowRedirects: true}, "-L --http2-prior-knowledge"},
	}
	for _, tt := range tests {
		got := FormatOptions(tt.req)
		if got != tt.want {
			t.Errorf("FormatOptions(%+v) = %q, want %q", tt.req, got, tt.want)
		}
		back, err := ParseOptions(got)
		if err != nil || !reflect.DeepEqual(back, tt.req) {
			t.Errorf("ParseOptions(%q) = %+v, %v; want %+v", got, back, err, tt.req)
		}
	}
}

func TestParseHeaders(t *testing.T) {
	f := func(name, value string) probe.Field { return probe.Field{Name: name, Value: value, Line: -1} }
	tests := []struct {
		lines  []string
		header []probe.Field
		omit   []string
	}{
		{[]string{"X-A: 1", "", "X-B: 2"}, []probe.Field{f("X-A", "1"), f("X-B", "2")}, nil},
		{[]string{"Accept:"}, nil, []string{"Accept"}},
		{[]string{"X-Empty;"}, []probe.Field{f("X-Empty", "")}, nil},
		{[]string{"user-agent:", "Accept: a"}, []probe.Field{f("Accept", "a")}, []string{"User-Agent", "Accept"}},
		{[]string{"Host: h", "Host:"}, []probe.Field{f("Host", "h")}, []string{"Host"}},
	}
	for _, tt := range tests {
		h, omit, err := ParseHeaders(tt.lines)
		if err != nil {
			t.Errorf("ParseHeaders(%q): %v", tt.lines, err)
			continue
		}
		if !reflect.DeepEqual(h, tt.header) || !reflect.DeepEqual(omit, tt.omit) {
			t.Errorf("ParseHeaders(%q) = %v, %v; want %v, %v", tt.lines, h, omit, tt.header, tt.omit)
		}
		// The lines written back read into the same layout.
		req := probe.Request{Header: h, Omit: omit}
		h2, omit2, err := ParseHeaders(HeaderLines(req))
		if err != nil || !reflect.DeepEqual(h2, h) || !reflect.DeepEqual(omit2, omit) {
			t.Errorf("ParseHeaders(HeaderLines(%v, %v)) = %v, %v, %v", h, omit, h2, omit2, err)
		}
	}
	if _, _, err := ParseHeaders([]string{"X-A: 1", "no colon"}); err == nil || err.Error() != `line 2: header "no colon" has no colon (want "Name: value")` {
		t.Errorf("ParseHeaders without a colon: %v", err)
	}
}
