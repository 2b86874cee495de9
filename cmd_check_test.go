package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCheckRedirectLimit: with -L, a chain that loops or goes past 10 redirects fails (exit 2)
// with one line that says so, and JSON's error says the same; a chain that ends is fine.
func TestCheckRedirectLimit(t *testing.T) {
	const date = "Date: Tue, 24 Nov 2026 19:00:00 GMT\r\n"
	loop := rawServer(t, "HTTP/1.1 302 Found\r\n"+date+"Location: /loop\r\nContent-Length: 0\r\n\r\n")
	chain := chainServer(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // the whole of standard error
	}{
		{"-L through a loop", []string{"check", "-L", loop + "/loop"}, exitFailure,
			"hsx: redirect loop: " + loop + "/loop points back to " + loop + "/loop\n"},
		{"-L through a chain that does not end", []string{"check", "-L", chain + "/1"}, exitFailure,
			`hsx: stopped after 10 redirects; the last response redirects again, to "/12"` + "\n"},
		{"without -L", []string{"check", loop + "/loop"}, exitOK, ""},
		{"-L to the end", []string{"check", "-L", rawServer(t, "HTTP/1.1 200 OK\r\n"+date+
			"Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runArgs(t, tt.args...)
			if r.code != tt.code || r.errs != tt.stderr {
				t.Fatalf("exit %d, stderr %q; want %d, %q", r.code, r.errs, tt.code, tt.stderr)
			}
			if tt.code == exitOK {
				return
			}
			r = runArgs(t, append([]string{"check", "--json"}, tt.args[1:]...)...)
			got := decodeCheck(t, r.stdout)
			if r.code != tt.code || got.Error == nil || "hsx: "+*got.Error+"\n" != tt.stderr {
				t.Errorf("--json: exit %d, error %v", r.code, got.Error)
			}
		})
	}
}

// chainServer redirects /N to /N+1, without end.
func chainServer(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		w.Header().Set("Location", "/"+strconv.Itoa(n+1))
		w.WriteHeader(http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// slowServer sends head and then waits, holding the connection open until the test ends.
func slowServer(t *testing.T, head string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_, _ = c.Write([]byte(head))
				<-done
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// TestCheckTimeoutInBody: when hsx's own timeout ends a body, whatever its framing, check
// fails with a message that says so (exit 2), not with the server's framing finding.
func TestCheckTimeoutInBody(t *testing.T) {
	const head = "HTTP/1.1 200 OK\r\nDate: Tue, 24 Nov 2026 19:00:00 GMT\r\nContent-Type: text/plain\r\n"
	body := strings.Repeat("x", 142)
	tests := []struct {
		name, sent, stderr string
	}{
		{"Content-Length", head + "Content-Length: 1000\r\n\r\n" + body,
			"hsx: timed out after 300ms while reading the body (142 bytes so far); -m raises the limit\n"},
		{"chunked", head + "Transfer-Encoding: chunked\r\n\r\n3e8\r\n" + body,
			"hsx: timed out after 300ms while reading the body (142 bytes so far); -m raises the limit\n"},
		{"close-delimited", head + "\r\n" + body,
			"hsx: timed out after 300ms while reading the body (142 bytes so far; this body ends only when the server closes the connection); -m raises the limit\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := slowServer(t, tt.sent)
			r := runArgs(t, "check", "-m", "0.3", url)
			if r.code != exitFailure || r.errs != tt.stderr || r.stdout != "" {
				t.Errorf("exit %d, stderr %q, stdout %q; want %d, %q", r.code, r.errs, r.stdout, exitFailure, tt.stderr)
			}
			r = runArgs(t, "check", "--json", "-m", "0.3", url)
			got := decodeCheck(t, r.stdout)
			if r.code != exitFailure || got.Error == nil || !strings.HasPrefix(*got.Error, "timed out after 300ms while reading the body (142 bytes so far") ||
				got.Response != nil || len(got.Findings) != 0 {
				t.Errorf("--json: exit %d, %s", r.code, r.stdout)
			}
		})
	}
	// A server that closes short of its Content-Length is judged: F13.
	r := runArgs(t, "check", rawServer(t, head+"Content-Length: 1000\r\n\r\n"+body))
	if r.code != exitFindings || !strings.Contains(r.stdout, "F13") || r.errs != "" {
		t.Errorf("short body: exit %d, stderr %q, stdout:\n%s", r.code, r.errs, r.stdout)
	}
}

// TestCheckDumpHeader: -D writes every head as received (interim ones, every hop's with -L),
// byte for byte, as curl does; a file that cannot be written is a one-line error, exit 2.
func TestCheckDumpHeader(t *testing.T) {
	interim := "HTTP/1.1 100 Continue\r\nX-I: 1\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
	final := "HTTP/1.1 200 OK\r\nDate: Tue, 24 Nov 2026 19:00:00 GMT\r\nContent-Type: text/plain\r\nContent-Length: 2\nX-F: bare LF\n\r\n"
	one := rawServer(t, interim+final+"ok")
	mux := http.NewServeMux()
	mux.Handle("/r1", http.RedirectHandler("/r2", http.StatusFound))
	mux.Handle("/r2", http.RedirectHandler("/end", http.StatusMovedPermanently))
	mux.HandleFunc("/end", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	hops := httptest.NewServer(mux)
	t.Cleanup(hops.Close)

	dir := t.TempDir()
	file := filepath.Join(dir, "heads")
	r := runArgs(t, "check", "-D", file, one)
	got, err := os.ReadFile(file)
	if r.code != exitOK || err != nil || string(got) != interim+final {
		t.Errorf("exit %d (%s), -D wrote %q, %v; want %q", r.code, r.errs, got, err, interim+final)
	}
	r = runArgs(t, "check", "-L", "--dump-header", file, hops.URL+"/r1")
	got, _ = os.ReadFile(file)
	if r.code != exitOK || strings.Count(string(got), "HTTP/1.1 ") != 3 || !strings.HasPrefix(string(got), "HTTP/1.1 302 Found\r\n") ||
		!strings.Contains(string(got), "\r\n\r\nHTTP/1.1 301 Moved Permanently\r\n") || !strings.HasSuffix(string(got), "\r\n\r\n") {
		t.Errorf("-L: exit %d (%s), -D wrote %q", r.code, r.errs, got)
	}
	missing := filepath.Join(dir, "no", "such", "dir")
	r = runArgs(t, "check", "-D", missing, one)
	if want := "hsx: -D: open " + missing + ": no such file or directory\n"; r.code != exitFailure || r.errs != want {
		t.Errorf("unwritable: exit %d, stderr %q, want %q", r.code, r.errs, want)
	}
	if r := runArgs(t, "-D", file, one); r.code != exitFailure || !strings.HasPrefix(r.errs, "hsx: -D works with hsx check") {
		t.Errorf("explorer with -D: exit %d, stderr %q", r.code, r.errs)
	}
}

// TestCheckJSONBody: curl's --json BODY is check's report flag, which takes no value.
func TestCheckJSONBody(t *testing.T) {
	const want = `hsx: for check, --json is the report format and takes no value; send a JSON body with -d '{"a":1}' -H 'Content-Type: application/json' (see 'hsx --help')` + "\n"
	for _, args := range [][]string{
		{"check", "--json", `{"a":1}`, "http://127.0.0.1:1/"},
		{"check", "http://127.0.0.1:1/", "--json", `{"a":1}`},
		{"check", `--json={"a":1}`, "http://127.0.0.1:1/"},
	} {
		if r := runArgs(t, args...); r.code != exitFailure || r.errs != want {
			t.Errorf("hsx %q: exit %d, stderr %q", args, r.code, r.errs)
		}
	}
	r := runArgs(t, "check", "--json", "@body.json", "http://127.0.0.1:1/")
	if r.code != exitFailure || !strings.Contains(r.errs, "--json is the report format") || !strings.Contains(r.errs, "-d @body.json") {
		t.Errorf("--json @file: exit %d, stderr %q", r.code, r.errs)
	}
	// --json before a flag or the URL is still the report flag.
	if r := runArgs(t, "check", "--json", "-0", "http://127.0.0.1:1/"); r.code != exitFailure || !strings.Contains(r.stdout, `"error":"connection refused`) {
		t.Errorf("--json -0 URL: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.errs)
	}
	// --json before the URL is still the report flag.
	if r := runArgs(t, "check", "--json", "http://127.0.0.1:1/"); r.code != exitFailure || !strings.Contains(r.stdout, `"error":"connection refused`) {
		t.Errorf("--json URL: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.errs)
	}
}

// TestCheckJSONClientsError: when the replay cannot run, check --json --clients says why on
// standard error instead of leaving "clients" out without a word.
func TestCheckJSONClientsError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	r := runArgs(t, "check", "--json", "--clients", "-X", "CONNECT", srv.URL+"/")
	if r.code == exitFailure || !strings.Contains(r.errs, "hsx: clients: replay: a response to CONNECT is not replayed") {
		t.Errorf("exit %d, stderr %q", r.code, r.errs)
	}
	if strings.Contains(r.stdout, `"clients"`) {
		t.Errorf("stdout has clients: %s", r.stdout)
	}
}

// TestCheckProxy: a tunnel the proxy refuses is a failure (exit 2) whose report shows the
// CONNECT step and the proxy's answer; the proxy of the environment is used as curl uses it.
func TestCheckProxy(t *testing.T) {
	const date = "Date: Tue, 24 Nov 2026 19:00:00 GMT\r\n"
	refusing := strings.TrimPrefix(rawServer(t, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 0\r\n\r\n"), "http://")
	r := runArgs(t, "check", "-x", refusing, "https://h.example/")
	want := "hsx: proxy " + refusing + ` wants credentials (407, Proxy-Authenticate: Basic realm="p"): give --proxy-user` + "\n"
	if r.code != exitFailure || r.errs != want {
		t.Errorf("exit %d, stderr %q; want %d, %q", r.code, r.errs, exitFailure, want)
	}
	for _, w := range []string{"CONNECT h.example:443 HTTP/1.1", "HTTP/1.1 407 Proxy Authentication Required", `Proxy-Authenticate: Basic realm="p"`} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("the report does not show %q:\n%s", w, r.stdout)
		}
	}
	// As curl's, -D writes the proxy's answer to CONNECT too.
	heads := filepath.Join(t.TempDir(), "heads")
	runArgs(t, "check", "-D", heads, "-x", refusing, "https://h.example/")
	if b, err := os.ReadFile(heads); err != nil || string(b) != "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 0\r\n\r\n" {
		t.Errorf("-D wrote %q, %v", b, err)
	}

	answering := rawServer(t, "HTTP/1.1 200 OK\r\n"+date+"Via: 1.1 cache\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
	// Sent directly, the request goes to a port where no one listens.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	direct := "http://localhost:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port) + "/"
	ln.Close()
	for _, tt := range []struct {
		env     []string
		proxied bool
	}{
		{[]string{"http_proxy=" + answering}, true},
		{[]string{"HTTP_PROXY=" + answering}, false}, // curl reads http_proxy in lower case only
		{[]string{"http_proxy=" + answering, "NO_PROXY=localhost"}, false},
	} {
		var out, errs bytes.Buffer
		code := run(context.Background(), []string{"check", direct},
			stdio{in: strings.NewReader(""), out: &out, err: &errs, environ: append(tt.env, "TERM=dumb")})
		if tt.proxied && (code != exitOK || !strings.Contains(out.String(), "a proxy answered, naming Via: 1.1 cache")) {
			t.Errorf("%v: exit %d, stderr %q, stdout:\n%s", tt.env, code, errs.String(), out.String())
		}
		if !tt.proxied && (code != exitFailure || strings.Contains(out.String(), "proxy")) {
			t.Errorf("%v: exit %d, stderr %q; want a direct connection, refused", tt.env, code, errs.String())
		}
	}
}

// TestCheckGrace checks --grace: it sets how long hsx watches for stray bytes after a 204 from
// a server that keeps the connection open, and a value that is not a positive duration is
// refused with a line naming the flag.
func TestCheckGrace(t *testing.T) {
	t.Parallel()
	url := startLab(t) + "/204"
	tests := []struct {
		name     string
		args     []string
		code     int
		errs     string
		min, max float64 // bounds on timing_ms.total
	}{
		{name: "default window", args: []string{"--json", url}, min: 25, max: 190},
		{name: "longer window", args: []string{"--json", "--grace", "300ms", url}, min: 300, max: 1000},
		{name: "with =", args: []string{"--json", "--grace=300ms", url}, min: 300, max: 1000},
		{name: "not a duration", args: []string{"--grace", "5x", url}, code: 2, errs: `hsx: --grace: want a duration such as 50ms or 1s, got "5x"`},
		{name: "zero", args: []string{"--grace", "0s", url}, code: 2, errs: `--grace: want a duration`},
		{name: "no value", args: []string{url, "--grace"}, code: 2, errs: `--grace`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runArgs(t, append([]string{"check"}, tt.args...)...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", r.code, tt.code, r.errs)
			}
			if tt.errs != "" {
				if !strings.Contains(r.errs, tt.errs) || strings.Count(r.errs, "\n") != 1 {
					t.Errorf("stderr %q, want one line with %q", r.errs, tt.errs)
				}
				return
			}
			var got struct {
				Timing struct{ Total float64 } `json:"timing_ms"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatal(err)
			}
			if tot := got.Timing.Total; tot < tt.min || tot > tt.max {
				t.Errorf("total %.1f ms, want %.0f to %.0f", tot, tt.min, tt.max)
			}
		})
	}
}
