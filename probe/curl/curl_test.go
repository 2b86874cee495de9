package curl

import (
	"encoding/base64"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

func hdr(kv ...string) []probe.Field {
	var fs []probe.Field
	for i := 0; i+1 < len(kv); i += 2 {
		fs = append(fs, probe.Field{Name: kv[i], Value: kv[i+1], Line: -1})
	}
	return fs
}

func TestParse(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "body.txt")
	if err := os.WriteFile(file, []byte("a=1\r\nb=2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	form := "application/x-www-form-urlencoded"
	tests := []struct {
		name string
		args []string
		want probe.Request
	}{
		{"bare URL", []string{"example.com/x"}, probe.Request{Method: "GET", URL: "http://example.com/x"}},
		{"method", []string{"-X", "DELETE", "http://h/"}, probe.Request{Method: "DELETE", URL: "http://h/"}},
		{"method attached", []string{"-XPUT", "http://h/"}, probe.Request{Method: "PUT", URL: "http://h/"}},
		{"long method with =", []string{"--request=PATCH", "http://h/"}, probe.Request{Method: "PATCH", URL: "http://h/"}},
		{"flags after URL", []string{"http://h/", "-k", "-L"}, probe.Request{Method: "GET", URL: "http://h/", Insecure: true, FollowRedirects: true}},
		{"bundled shorts", []string{"-sSLk", "http://h/"}, probe.Request{Method: "GET", URL: "http://h/", Insecure: true, FollowRedirects: true}},
		{"HTTP/1.0", []string{"-0", "http://h/"}, probe.Request{Method: "GET", URL: "http://h/", HTTP10: true}},
		{"HTTP/1.0, long", []string{"--http1.0", "http://h/"}, probe.Request{Method: "GET", URL: "http://h/", HTTP10: true}},
		{"bundle ending in value", []string{"-sXPOST", "http://h/"}, probe.Request{Method: "POST", URL: "http://h/"}},
		{"headers in order", []string{"-H", "A: 1", "--header", "b:2", "-H", "A: 3", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: hdr("A", "1", "b", "2", "A", "3")}},
		{"header empty via semicolon", []string{"-H", "X-Empty;", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: hdr("X-Empty", "")}},
		{"Name: does not remove a -H given earlier, as in curl", []string{"-H", "X-A: 1", "-H", "X-A:", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: hdr("X-A", "1")}},
		{"Name: removes probe's own fields, Host included", []string{"-H", "Host:", "-H", "accept:", "-H", "User-Agent:", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Omit: []string{"Host", "User-Agent", "Accept"}}},
		{"Name: removes the fields of -A, -e, -b and -u", []string{"-A", "a/1", "-e", "http://r/", "-b", "c=1", "-u", "u:p",
			"-H", "User-Agent:", "-H", "Referer:", "-H", "Cookie:", "-H", "Authorization:", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Omit: []string{"Authorization", "User-Agent"}}},
		{"a -H field of probe's own name stays in its place", []string{"-H", "X-A: 1", "-H", "Accept: a", "-H", "Host: h2", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: hdr("X-A", "1", "Accept", "a", "Host", "h2"), Omit: []string{"Accept"}}},
		{"-H Authorization wins over -u, given after", []string{"-u", "u:p", "-H", "Authorization: Bearer t", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: hdr("Authorization", "Bearer t"), Omit: []string{"Authorization"}}},
		{"-H Authorization wins over -u, given before", []string{"-H", "Authorization: Bearer t", "-u", "u:p", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: hdr("Authorization", "Bearer t"), Omit: []string{"Authorization"}}},
		{"-H wins over -A, -e and -b", []string{"-A", "a/1", "-e", "r", "-b", "c=1", "-H", "Cookie: d=2", "-H", "referer: s", "-H", "User-Agent: b/2", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: hdr("Cookie", "d=2", "referer", "s", "User-Agent", "b/2"), Omit: []string{"User-Agent"}}},
		{"fields of -A, -e and -b in curl's order", []string{"-H", "X-A: 1", "-b", "c=1", "-e", "r", "-A", "a/1", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: hdr("User-Agent", "a/1", "Referer", "r", "Cookie", "c=1", "X-A", "1")}},
		{"-e ;auto without -L is the Referer alone", []string{"-e", "http://r/;auto", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: hdr("Referer", "http://r/")}},
		{"an empty -A sends no User-Agent", []string{"-A", "", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Omit: []string{"User-Agent"}}},
		{"escaped brackets and braces are plain, as in curl", []string{`http://h/a\[1\]?q=\{x\}&b=\c`},
			probe.Request{Method: "GET", URL: `http://h/a[1]?q={x}&b=\c`}},
		{"-g sends brackets and backslashes as they are", []string{"-g", `http://h/a[1]?q={x}&b=\[`},
			probe.Request{Method: "GET", URL: `http://h/a[1]?q={x}&b=\[`}},
		{"an IPv6 literal is no pattern", []string{"http://[::1]:8080/"}, probe.Request{Method: "GET", URL: "http://[::1]:8080/"}},
		{"--path-as-is", []string{"--path-as-is", "http://h/a/../b"}, probe.Request{Method: "GET", URL: "http://h/a/../b", PathAsIs: true}},
		{"--connect-timeout", []string{"--connect-timeout", "2.5", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", ConnectTimeout: 2500 * time.Millisecond}},
		{"--http1.1 is what hsx speaks", []string{"--http1.1", "--tcp-nodelay", "http://h/"}, probe.Request{Method: "GET", URL: "http://h/"}},
		{"--http2 offers h2 in ALPN", []string{"--http2", "https://h/"}, probe.Request{Method: "GET", URL: "https://h/", HTTP2: probe.HTTP2ALPN}},
		{"--http2-prior-knowledge", []string{"--http2-prior-knowledge", "http://h/"}, probe.Request{Method: "GET", URL: "http://h/", HTTP2: probe.HTTP2Prior}},
		{"the last version flag wins", []string{"--http2", "-0", "--http1.1", "--http2-prior-knowledge", "http://h/"}, probe.Request{Method: "GET", URL: "http://h/", HTTP2: probe.HTTP2Prior}},
		{"-0 after --http2", []string{"--http2", "-0", "http://h/"}, probe.Request{Method: "GET", URL: "http://h/", HTTP10: true}},
		{"data implies POST", []string{"-d", "a=1", "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("a=1"), Header: hdr("Content-Type", form)}},
		{"data joined with &", []string{"-d", "a=1", "--data-raw", "@b", "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("a=1&@b"), Header: hdr("Content-Type", form)}},
		{"-X wins over data", []string{"-X", "PUT", "-d", "x", "http://h/"},
			probe.Request{Method: "PUT", URL: "http://h/", Body: []byte("x"), Header: hdr("Content-Type", form)}},
		{"user content type kept", []string{"-H", "content-type: text/plain", "-d", "x", "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("x"), Header: hdr("content-type", "text/plain"), Omit: []string{"Content-Type"}}},
		{"content type suppressed", []string{"-H", "Content-Type:", "--data-binary", "x", "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("x"), Omit: []string{"Content-Type"}}},
		{"content length removed", []string{"-H", "Content-Length:", "-d", "x", "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("x"), Header: hdr("Content-Type", form), Omit: []string{"Content-Length"}}},
		{"-d @file strips newlines", []string{"-d", "@" + file, "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("a=1b=2"), Header: hdr("Content-Type", form)}},
		{"--data-binary @file keeps bytes", []string{"--data-binary", "@" + file, "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("a=1\r\nb=2\n"), Header: hdr("Content-Type", form)}},
		{"empty data", []string{"-d", "", "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte{}, Header: hdr("Content-Type", form)}},
		{"curl --json", []string{"--json", `{"a":`, "--json", `1}`, "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte(`{"a":1}`), Header: hdr("Content-Type", "application/json", "Accept", "application/json"),
				Omit: []string{"Accept", "Content-Type"}}},
		{"-G moves data to the query", []string{"-G", "-d", "q=1", "-d", "r=2", "http://h/s"},
			probe.Request{Method: "GET", URL: "http://h/s?q=1&r=2"}},
		{"head", []string{"-I", "http://h/"}, probe.Request{Method: "HEAD", URL: "http://h/"}},
		{"timeout seconds", []string{"--timeout", "3", "http://h/"}, probe.Request{Method: "GET", URL: "http://h/", Timeout: 3 * time.Second}},
		{"max-time fraction", []string{"-m", "0.5", "http://h/"}, probe.Request{Method: "GET", URL: "http://h/", Timeout: 500 * time.Millisecond}},
		{"timeout duration", []string{"--timeout", "1m30s", "http://h/"}, probe.Request{Method: "GET", URL: "http://h/", Timeout: 90 * time.Second}},
		{"user agent and referer", []string{"-A", "x/1", "-e", "http://r/", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: hdr("User-Agent", "x/1", "Referer", "http://r/")}},
		{"basic auth", []string{"-u", "ann:s3cret", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: hdr("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("ann:s3cret")))}},
		{"display flags ignored", []string{"-s", "-S", "-v", "-i", "-w", "%{http_code}", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/"}},
		{"compressed", []string{"--compressed", "-o", "out.txt", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Compressed: true}},
		{"double dash", []string{"-k", "--", "http://h/"}, probe.Request{Method: "GET", URL: "http://h/", Insecure: true}},
		{"https kept", []string{"https://h:8443/p?q=1"}, probe.Request{Method: "GET", URL: "https://h:8443/p?q=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd, err := Parse(tt.args)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.args, err)
			}
			got := cmd.Request
			if len(got.Header) == 0 && len(tt.want.Header) == 0 {
				got.Header, tt.want.Header = nil, nil
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.args, got, tt.want)
			}
		})
	}
}

func TestParseRecordsFlags(t *testing.T) {
	cmd, err := Parse([]string{"-sS", "-X", "PUT", "--compressed", "-H", "A: b", "http://h/"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"-X", "--compressed", "-H"}; !reflect.DeepEqual(cmd.Flags, want) {
		t.Errorf("Flags = %q, want %q", cmd.Flags, want)
	}
	if want := []string{"-s", "-S"}; !reflect.DeepEqual(cmd.Ignored, want) {
		t.Errorf("Ignored = %q, want %q", cmd.Ignored, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // the whole error message
	}{
		{[]string{"--foo", "http://h/"}, "unknown flag --foo"},
		{[]string{"-z", "http://h/"}, "unknown flag -z"},
		{[]string{"ftp://h/x"}, `unsupported scheme "ftp" in "ftp://h/x": hsx speaks http and https`},
		{[]string{"http://"}, `invalid URL "http://": no host`},
		{[]string{"http://h:99999999999/"}, `invalid URL "http://h:99999999999/": port 99999999999 out of range`},
		{[]string{"http://:80/"}, `invalid URL "http://:80/": no host`},
		{[]string{"http://[::1/"}, `invalid URL "http://[::1/": missing ']' in host`},
		{[]string{"-H", "Foo", "http://h/"}, `header "Foo" has no colon (want "Name: value")`},
		{[]string{"-H", "Bad Name: x", "http://h/"}, `invalid header name "Bad Name" in "Bad Name: x"`},
		{[]string{"-X", "GE T", "http://h/"}, `invalid method token "GE T"`},
		{[]string{"-X", "", "http://h/"}, `invalid method token ""`},
		{[]string{"-d", "@/no/such/file", "http://h/"}, "-d @/no/such/file: no such file or directory"},
		{[]string{"--timeout", "soon", "http://h/"}, `--timeout: invalid duration "soon"`},
		{[]string{"-m", "0", "http://h/"}, `-m: invalid duration "0" (must be more than zero)`},
		{[]string{"-X"}, "flag -X needs a value"},
		{[]string{"--header"}, "flag --header needs a value"},
		{[]string{"-k=1", "http://h/"}, "unknown flag -="},
		{[]string{"--insecure=yes", "http://h/"}, "flag --insecure takes no value"},
		{[]string{"http://a/", "http://b/"}, `more than one URL: "http://a/" and "http://b/"`},
		{[]string{"-I", "-d", "x", "http://h/"}, "-I (HEAD) and data flags cannot be used together"},
		{[]string{"-u", "ann", "http://h/"}, "-u: give user:password (hsx does not prompt for a password)"},
		{[]string{"-é", "http://h/"}, "unknown flag -é"},
		{[]string{"--\x1b[2J", "http://h/"}, `unknown flag --\x1b[2J`},
		{[]string{"-H", "X: a\r\nY: b", "http://h/"}, `header "X": the value contains a line break or NUL`},
		// Flags that would make curl do what hsx does not.
		{[]string{"-sf", "http://h/"}, "-f is not supported: the exit status of hsx check says whether a response arrived and whether a finding is an error"},
		{[]string{"--fail-with-body", "http://h/"}, "--fail-with-body is not supported: the exit status of hsx check says whether a response arrived and whether a finding is an error"},
		{[]string{"-O", "http://h/f"}, "-O is not supported: hsx does not name files after the URL (use -o FILE)"},
		{[]string{"-OJ", "http://h/f"}, "-O is not supported: hsx does not name files after the URL (use -o FILE)"},
		{[]string{"-J", "http://h/f"}, "-J is not supported: hsx does not name files after the response (use -o FILE)"},
		{[]string{"-c", "jar.txt", "http://h/"}, "-c is not supported: hsx keeps no cookies"},
		{[]string{"--raw", "http://h/"}, "--raw is not supported: hsx always removes the chunked framing from the body (the raw view shows it)"},
		{[]string{"--stderr", "log", "http://h/"}, "--stderr is not supported: hsx writes its messages to standard error (use 2>FILE)"},
		{[]string{"--retry", "3", "http://h/"}, "--retry is not supported: hsx sends a request once, to show what came back"},
		{[]string{"--retry-delay", "1", "http://h/"}, "--retry-delay is not supported: hsx sends a request once, to show what came back"},
		{[]string{"--retry-max-time", "1", "http://h/"}, "--retry-max-time is not supported: hsx sends a request once, to show what came back"},
		{[]string{"--connect-timeout", "0", "http://h/"}, `--connect-timeout: invalid duration "0" (must be more than zero)`},
		{[]string{"-D", "-", "http://h/"}, "-D -: the heads are in hsx's own output already; give a file name"},
		{[]string{"-L", "-e", "http://r/;auto", "http://h/"}, "-e ;auto with -L is not supported: hsx does not set Referer on redirects"},
		{[]string{"http://h/a[1-3]"}, `URL "http://h/a[1-3]" has '[' at byte 10: curl reads [ ] and { } as a pattern for several requests, hsx sends one (add -g to send them as they are, or write \[)`},
		{[]string{"http://h/?q=a}"}, `URL "http://h/?q=a}" has '}' at byte 13: curl reads [ ] and { } as a pattern for several requests, hsx sends one (add -g to send them as they are, or write \})`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.args)
		if err == nil {
			t.Errorf("Parse(%q): no error, want %q", tt.args, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%q) error\n got %q\nwant %q", tt.args, err, tt.want)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("Parse(%q) error has more than one line: %q", tt.args, err)
		}
	}
}

func TestParseMissingFileIsNotExist(t *testing.T) {
	_, err := Parse([]string{"--data-binary", "@/no/such/file", "http://h/"})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v does not unwrap to fs.ErrNotExist", err)
	}
	_, err = Parse([]string{"-d", "@/no/such/\x1b]0;t\a", "http://h/"})
	if err == nil || !errors.Is(err, fs.ErrNotExist) || strings.ContainsAny(err.Error(), "\x1b\a") {
		t.Errorf("error %q: want an escaped message that unwraps to fs.ErrNotExist", err)
	}
}

func TestParseExtraFlags(t *testing.T) {
	var jsonOut bool
	var width string
	extra := []Flag{
		{Name: "json", Set: func(string) error { jsonOut = true; return nil }},
		{Name: "width", Short: 'W', Value: true, Set: func(v string) error { width = v; return nil }},
	}
	cmd, err := Parse([]string{"http://h/", "--json", "-kW", "80"}, extra...)
	if err != nil {
		t.Fatal(err)
	}
	if !jsonOut || width != "80" {
		t.Errorf("extra flags not set: json=%v width=%q", jsonOut, width)
	}
	if cmd.Request.Body != nil || !cmd.Request.Insecure {
		t.Errorf("request = %+v; want no body (--json is the caller's) and -k", cmd.Request)
	}
	if _, err := Parse([]string{"--json=yes"}, extra...); err == nil || err.Error() != "flag --json takes no value" {
		t.Errorf("--json=yes error = %v", err)
	}
	if _, err := Parse([]string{"http://h/", "-W"}, extra...); err == nil || err.Error() != "flag -W needs a value" {
		t.Errorf("-W without a value: error = %v", err)
	}
	refuse := Flag{Name: "no", Short: 'n', Set: func(string) error { return errors.New("refused") }}
	for arg, want := range map[string]string{"--no": "--no: refused", "-kn": "-n: refused"} {
		if _, err := Parse([]string{arg}, refuse); err == nil || err.Error() != want {
			t.Errorf("Parse(%q) with a failing Set: error = %v, want %q", arg, err, want)
		}
	}
}

func TestParseNoURL(t *testing.T) {
	cmd, err := Parse([]string{"-k"})
	if err != nil {
		t.Fatal(err)
	}
	if cmd.Request.URL != "" {
		t.Errorf("URL = %q, want empty", cmd.Request.URL)
	}
}

// TestNormalizeURL: the exported check gives what Parse gives for a URL argument.
func TestNormalizeURL(t *testing.T) {
	for _, raw := range []string{"example.com/x", "https://h:8443/a?b=1", "ftp://h/x", "http://", "http://h:0/", ""} {
		got, err := NormalizeURL(raw)
		cmd, perr := Parse([]string{"--url", raw})
		if (err == nil) != (perr == nil) || err != nil && err.Error() != perr.Error() {
			t.Errorf("NormalizeURL(%q) error %v, Parse error %v", raw, err, perr)
			continue
		}
		if err == nil && got != cmd.Request.URL {
			t.Errorf("NormalizeURL(%q) = %q, Parse gives %q", raw, got, cmd.Request.URL)
		}
	}
	if got, err := NormalizeURL("example.com/x"); err != nil || got != "http://example.com/x" {
		t.Errorf(`NormalizeURL("example.com/x") = %q, %v`, got, err)
	}
}
