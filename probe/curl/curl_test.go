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
		{"header removed by Name:", []string{"-H", "X-A: 1", "-H", "X-A:", "http://h/"},
			probe.Request{Method: "GET", URL: "http://h/", Header: []probe.Field{}}},
		{"data implies POST", []string{"-d", "a=1", "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("a=1"), Header: hdr("Content-Type", form)}},
		{"data joined with &", []string{"-d", "a=1", "--data-raw", "@b", "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("a=1&@b"), Header: hdr("Content-Type", form)}},
		{"-X wins over data", []string{"-X", "PUT", "-d", "x", "http://h/"},
			probe.Request{Method: "PUT", URL: "http://h/", Body: []byte("x"), Header: hdr("Content-Type", form)}},
		{"user content type kept", []string{"-H", "content-type: text/plain", "-d", "x", "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("x"), Header: hdr("content-type", "text/plain")}},
		{"content type suppressed", []string{"-H", "Content-Type:", "--data-binary", "x", "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("x"), Header: []probe.Field{}}},
		{"-d @file strips newlines", []string{"-d", "@" + file, "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("a=1b=2"), Header: hdr("Content-Type", form)}},
		{"--data-binary @file keeps bytes", []string{"--data-binary", "@" + file, "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte("a=1\r\nb=2\n"), Header: hdr("Content-Type", form)}},
		{"empty data", []string{"-d", "", "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte{}, Header: hdr("Content-Type", form)}},
		{"curl --json", []string{"--json", `{"a":`, "--json", `1}`, "http://h/"},
			probe.Request{Method: "POST", URL: "http://h/", Body: []byte(`{"a":1}`), Header: hdr("Accept", "application/json", "Content-Type", "application/json")}},
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
