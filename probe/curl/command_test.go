package curl

import (
	"bytes"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{`curl http://h/`, []string{"curl", "http://h/"}},
		{"  a\tb  c ", []string{"a", "b", "c"}},
		{`'a b' "c d" e\ f`, []string{"a b", "c d", "e f"}},
		{`'it'\''s'`, []string{"it's"}},
		{`"a \"q\" \$ \\ \x"`, []string{`a "q" $ \ \x`}},
		{"curl -X POST \\\n  http://h/ \\\r\n  -k", []string{"curl", "-X", "POST", "http://h/", "-k"}},
		{"a\nb", []string{"a", "b"}},
		{"curl 'http://h/' \\\r  -H 'a: b' \\\r  -k", []string{"curl", "http://h/", "-H", "a: b", "-k"}},
		{"a # note\rb", []string{"a", "b"}},
		{`$'a\tb\n\x41\101\u00e9\e[0m\'\\'`, []string{"a\tb\nAAé\x1b[0m'\\"}},
		{`x$'\x00'y`, []string{"x\x00y"}},
		{`$"locale"`, []string{"locale"}},
		{`a'b'"c"$'d'`, []string{"abcd"}},
		{`''`, []string{""}},
		{`a # a comment`, []string{"a"}},
		{`a#b`, []string{"a#b"}},
		{`'price=$5'`, []string{"price=$5"}},
		{`$`, []string{"$"}},
		{``, nil},
	}
	for _, tt := range tests {
		got, err := Split(tt.line)
		if err != nil {
			t.Errorf("Split(%q): %v", tt.line, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestSplitErrors(t *testing.T) {
	tests := []struct{ line, want string }{
		{`'open`, "unterminated ' quote"},
		{`"open`, `unterminated " quote`},
		{`$'open`, "unterminated $' quote"},
		{`a \`, "the command ends with a lone backslash"},
		{`curl http://h/ | jq`, `shell operator "|" is not supported: paste only the curl command`},
		{`curl http://h/ > out`, `shell operator ">" is not supported: paste only the curl command`},
		{`curl -H "Authorization: Bearer $TOKEN" http://h/`, "shell expansion $TOKEN is not supported: paste the value itself"},
		{`curl $(cat url)`, "shell expansion $(cat is not supported: paste the value itself"},
		{"curl `cat url`", "command substitution with ` is not supported: paste the value itself"},
	}
	for _, tt := range tests {
		_, err := Split(tt.line)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Split(%q) error = %v, want %q", tt.line, err, tt.want)
		}
	}
}

func TestParseCommand(t *testing.T) {
	line := "curl -X DELETE 'https://example.com/item/1' \\\n  -H 'Authorization: Bearer t' \\\n  --compressed -s"
	cmd, err := ParseCommand(line)
	if err != nil {
		t.Fatal(err)
	}
	want := probe.Request{Method: "DELETE", URL: "https://example.com/item/1", Header: hdr("Authorization", "Bearer t"),
		Omit: []string{"Authorization"}, Compressed: true}
	if !reflect.DeepEqual(cmd.Request, want) {
		t.Errorf("got %+v\nwant %+v", cmd.Request, want)
	}
	// A command copied from a browser's developer tools, without the leading curl.
	cmd, err = ParseCommand(`'http://h/api' -H 'accept: application/json' --data-raw $'{"a":"x\\ny"}'`)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(cmd.Request.Body); got != `{"a":"x\ny"}` {
		t.Errorf("body = %q", got)
	}
	for _, bad := range []struct{ line, want string }{
		{"", "empty command"},
		{"curl", "empty command"},
		{"curl -k", "no URL in the command"},
		{"/usr/bin/curl --foo http://h/", "unknown flag --foo"},
	} {
		if _, err := ParseCommand(bad.line); err == nil || err.Error() != bad.want {
			t.Errorf("ParseCommand(%q) error = %v, want %q", bad.line, err, bad.want)
		}
	}
}

func roundTripRequests() []probe.Request {
	return []probe.Request{
		{Method: "GET", URL: "http://127.0.0.1:8204/204"},
		{Method: "DELETE", URL: "http://h/item?x=1&y=2", Header: hdr("Authorization", "Bearer a'b\"c$d`e\\f"), Omit: []string{"Authorization"}},
		{Method: "POST", URL: "https://h/", Body: []byte(`{"msg":"it's $HOME; rm -rf /"}`), Header: hdr("Content-Type", "application/json"),
			Omit: []string{"Content-Type"}},
		{Method: "POST", URL: "http://h/", Body: []byte("no content type\nsecond line\r\n"), Omit: []string{"Content-Type"}},
		{Method: "PUT", URL: "http://h/", Body: []byte{}, Omit: []string{"Content-Type"}},
		{Method: "HEAD", URL: "http://h/", Insecure: true, FollowRedirects: true, Timeout: 1500 * time.Millisecond},
		{Method: "GET", URL: "http://h/", HTTP10: true},
		{Method: "HEAD", URL: "http://h/", Body: []byte("x"), Omit: []string{"Content-Type"}},
		{Method: "GET", URL: "http://h/", Body: []byte("get with a body"), Omit: []string{"Content-Type"}},
		{Method: "OPTIONS", URL: "http://h/*", Header: hdr("X-Empty", "", "X-Ctl", "a\x1b[2Jb\x7f", "X-Utf8", "héllo ✓")},
		{Method: "POST", URL: "http://h/", Body: []byte("bin\x00\x01\xff\xfe\x9b end"), Omit: []string{"Content-Type"}},
		{Method: "POST", URL: "http://h/=x", Body: []byte("=x"), Header: hdr("Content-Type", "text/plain"), Omit: []string{"Content-Type"}},
		// probe's own fields in their places (-A, -u, a -H Host, the form type of -d), and omitted.
		{Method: "POST", URL: "http://h/", Body: []byte("a=1"), Header: hdr("Authorization", "Basic YW5uOnA6dw==",
			"User-Agent", "ua/1", "Host", "other", "Referer", "http://r/", "X-A", "1", "Content-Type", "application/x-www-form-urlencoded")},
		{Method: "GET", URL: "http://h/", Header: hdr("Host", "in-place-of-none", "X-A", "1"), Omit: []string{"Host", "User-Agent", "Accept"}},
		{Method: "GET", URL: "http://h/", Header: hdr("X-A", "1", "User-Agent", ""), Omit: []string{"User-Agent", "Content-Length"}},
		// A body framed as chunked the way curl frames it.
		{Method: "POST", URL: "http://h/", Body: []byte("3\r\nabc\r\n0\r\n\r\n"), Header: hdr("Transfer-Encoding", "chunked"),
			Omit: []string{"Content-Type"}},
		// Dot segments with --path-as-is, brackets and braces with -g, --connect-timeout.
		{Method: "GET", URL: "http://h/a/../b", PathAsIs: true},
		{Method: "GET", URL: "http://h/a/../b"},
		{Method: "GET", URL: "http://[::1]:8080/x?filter[name]={a}", ConnectTimeout: 2500 * time.Millisecond},
		{Method: "GET", URL: "http://h/api", Compressed: true},
		{Method: "GET", URL: "https://h/", HTTP2: probe.HTTP2ALPN},
		{Method: "GET", URL: "http://h/", HTTP2: probe.HTTP2Prior},
	}
}

func TestFormatRoundTrip(t *testing.T) {
	for _, req := range roundTripRequests() {
		line := Format(req)
		cmd, err := ParseCommand(line)
		if err != nil {
			t.Errorf("ParseCommand(Format(%+v)) = %q: %v", req, line, err)
			continue
		}
		got := cmd.Request
		if len(got.Header) == 0 && len(req.Header) == 0 {
			got.Header, req.Header = nil, nil
		}
		if !reflect.DeepEqual(got, req) {
			t.Errorf("round trip through %s\n got %+v\nwant %+v", line, got, req)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		req  probe.Request
		want string
	}{
		{probe.Request{URL: "http://h/204"}, "curl http://h/204"},
		{probe.Request{Method: "DELETE", URL: "http://h/a b", Header: hdr("X-A", "it's")},
			`curl -X DELETE 'http://h/a b' -H 'X-A: it'\''s'`},
		{probe.Request{Method: "POST", URL: "http://h/", Body: []byte("a\nb")},
			`curl http://h/ -H Content-Type: --data-raw $'a\nb'`},
		{probe.Request{Method: "HEAD", URL: "http://h/", Timeout: 3 * time.Second, Insecure: true},
			`curl -I http://h/ -k -m 3`},
		{probe.Request{URL: "http://h/api", Compressed: true, FollowRedirects: true}, "curl http://h/api -L --compressed"},
		{probe.Request{URL: "https://h/", HTTP2: probe.HTTP2ALPN}, "curl https://h/ --http2"},
		{probe.Request{URL: "http://h/", HTTP2: probe.HTTP2Prior}, "curl http://h/ --http2-prior-knowledge"},
	}
	for _, tt := range tests {
		if got := Format(tt.req); got != tt.want {
			t.Errorf("Format(%+v)\n got %s\nwant %s", tt.req, got, tt.want)
		}
	}
}

// TestFormatShell has a real shell read Format's output and checks that it passes curl exactly
// the arguments ParseCommand reads.
func TestFormatShell(t *testing.T) {
	sh, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed: skipping the shell round trip")
	}
	for _, req := range roundTripRequests() {
		if bytes.IndexByte(req.Body, 0) >= 0 {
			continue // no shell can pass a NUL inside an argument
		}
		line := Format(req)
		script := `printf '%s\0' ` + strings.TrimPrefix(line, "curl ")
		out, err := exec.Command(sh, "-c", script).Output()
		if err != nil {
			t.Fatalf("bash -c %q: %v", script, err)
		}
		shellWords := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
		words, err := Split(line)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(shellWords, words[1:]) {
			t.Errorf("bash and Split differ on %s\nbash  %q\nSplit %q", line, shellWords, words[1:])
		}
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "''"},
		{"plain-word_1.2:3/4@x%y+z,w", "plain-word_1.2:3/4@x%y+z,w"},
		{"=x", "'=x'"},
		{"a b", "'a b'"},
		{"~", "'~'"},
		{"*", "'*'"},
		{"it's", `'it'\''s'`},
		{"\x1b]52;c;AAAA\a", `$'\x1b]52;c;AAAA\x07'`},
		{"\xff", `$'\xff'`},
		{"\u009b", `$'\xc2\x9b'`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseCommandWindowsCmd(t *testing.T) {
	for _, line := range []string{
		"curl ^\"https://ex.test/api^\" ^\r\n  -H ^\"accept: */*^\" ^\r\n  --compressed",
		"curl \"https://ex.test/api\" ^\n  -H \"accept: */*\"",
	} {
		_, err := ParseCommand(line)
		if err == nil || !strings.Contains(err.Error(), "Windows cmd") {
			t.Errorf("ParseCommand(%q) = %v, want the Windows cmd hint", line, err)
		}
	}
	// A caret elsewhere is an ordinary character.
	if cmd, err := ParseCommand(`curl 'https://ex.test/?q=a^b' -H 'x: ^"'`); err != nil || cmd.Request.URL != "https://ex.test/?q=a^b" {
		t.Errorf("caret in a quoted word: %+v, %v", cmd, err)
	}
}

// TestBrowserCommands reads commands as Chrome's and Firefox's "Copy as cURL (bash)" write them.
func TestBrowserCommands(t *testing.T) {
	tests := []struct {
		name, line  string
		method, url string
		body        string
		header      []string // the names of the fields, in order
	}{
		{"Chrome", `curl 'https://api.example.com/v1/items?filter\[name\]=x&page\[size\]=10' \
  -X 'PUT' \
  -H 'accept: application/json, text/plain, */*' \
  -H 'accept-language: en-US,en;q=0.9' \
  -H 'authorization: Bearer abc' \
  -H 'content-type: application/json' \
  -b 'session=xyz; theme=dark' \
  -H 'origin: https://app.example.com' \
  -H 'priority: u=1, i' \
  -H 'referer: https://app.example.com/' \
  -H 'sec-ch-ua: "Chromium";v="128", "Not;A=Brand";v="24"' \
  -H 'sec-fetch-mode: cors' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36' \
  --data-raw $'{"name":"it\'s"}' \
  --compressed`,
			"PUT", "https://api.example.com/v1/items?filter[name]=x&page[size]=10", `{"name":"it's"}`,
			[]string{"Cookie", "accept", "accept-language", "authorization", "content-type", "origin", "priority", "referer",
				"sec-ch-ua", "sec-fetch-mode", "user-agent"}},
		{"Firefox", `curl 'https://x.example/api?a[]=1' --globoff --compressed -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' -H 'Accept: */*' -H 'Accept-Language: en-US,en;q=0.5' -H 'Accept-Encoding: gzip, deflate, br, zstd' -H 'Content-Type: application/x-www-form-urlencoded' -H 'Origin: https://x.example' -H 'Connection: keep-alive' -H 'Cookie: a=b' -H 'Sec-Fetch-Dest: empty' -H 'TE: trailers' --data-raw 'q=1&r=2'`,
			"POST", "https://x.example/api?a[]=1", "q=1&r=2",
			[]string{"User-Agent", "Accept", "Accept-Language", "Accept-Encoding", "Content-Type", "Origin", "Connection", "Cookie",
				"Sec-Fetch-Dest", "TE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd, err := ParseCommand(tt.line)
			if err != nil {
				t.Fatal(err)
			}
			r := cmd.Request
			var names []string
			for _, f := range r.Header {
				names = append(names, f.Name)
			}
			if r.Method != tt.method || r.URL != tt.url || string(r.Body) != tt.body || !reflect.DeepEqual(names, tt.header) {
				t.Errorf("got %s %s body %q, fields %q\nwant %s %s body %q, fields %q", r.Method, r.URL, r.Body, names,
					tt.method, tt.url, tt.body, tt.header)
			}
		})
	}
}
