package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe/lab"
)

// result is what one run of the command line produced.
type result struct {
	code         int
	stdout, errs string
}

func runArgs(t *testing.T, args ...string) result {
	t.Helper()
	var out, errs bytes.Buffer
	code := run(context.Background(), args, stdio{in: strings.NewReader(""), out: &out, err: &errs, environ: []string{"TERM=xterm-256color"}})
	return result{code, out.String(), errs.String()}
}

// startLab serves the lab on a free loopback port for the test.
func startLab(t *testing.T) string {
	t.Helper()
	srv, err := lab.Start(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv.URL()
}

// rawServer answers every connection with the given bytes and closes it.
func rawServer(t *testing.T, answer string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			_, _ = c.Write([]byte(answer))
			_ = c.Close()
		}
	}()
	return "http://" + ln.Addr().String()
}

func TestCheckExitStatus(t *testing.T) {
	labURL := startLab(t)
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("hello\n"))
	}))
	t.Cleanup(plain.Close)
	refused := func() string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		_ = ln.Close()
		return "http://" + addr + "/"
	}()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a substring of standard output
		stderr string // the whole standard error
	}{
		{"correct 204", []string{"check", labURL + "/204"}, 0, "  HTTP/1.1 204 No Content\n", ""},
		{"broken 204", []string{"check", "-X", "DELETE", labURL + "/204/body"}, 1, "✗ Content-Length: 17\n", ""},
		{"explain hint", []string{"check", labURL + "/204/body"}, 1, "\nmore: hsx explain 204 · hsx explain S2 · hsx explain S9", ""},
		{"httptest 200", []string{"check", plain.URL}, 0, "  hello\n", ""},
		{"redirect followed", []string{"check", "-L", labURL + "/301"}, 0, "hop 2 of 2", ""},
		{"refused", []string{"check", refused}, 2, "", "hsx: connection refused"},
		{"timeout", []string{"check", "-m", "0.3", labURL + "/hang"}, 2, "", "hsx: timed out after 300ms waiting for the status line\n"},
		{"not HTTP", []string{"check", rawServer(t, "SSH-2.0-OpenSSH_9.6\r\n")}, 2, "", `hsx: not an HTTP response: got "SSH-2.0-OpenSSH_9.6\r\n"` + "\n"},
		{"no URL", []string{"check", "-k"}, 2, "", "hsx: check needs a URL, e.g. hsx check http://127.0.0.1:8204/204 (see 'hsx --help')\n"},
		{"unknown flag", []string{"check", "--foo", labURL}, 2, "", "hsx: unknown flag --foo (see 'hsx --help')\n"},
		{"bad scheme", []string{"check", "ftp://example.com/"}, 2, "", `hsx: unsupported scheme "ftp" in "ftp://example.com/": hsx speaks http and https (see 'hsx --help')` + "\n"},
		{"header without colon", []string{"check", "-H", "Foo", labURL}, 2, "", `hsx: header "Foo" has no colon (want "Name: value") (see 'hsx --help')` + "\n"},
		{"bad method", []string{"check", "-X", "GE T", labURL}, 2, "", `hsx: invalid method token "GE T" (see 'hsx --help')` + "\n"},
		{"missing data file", []string{"check", "-d", "@no-such-file", labURL}, 2, "", "hsx: -d @no-such-file: no such file or directory (see 'hsx --help')\n"},
		{"malformed URL", []string{"check", "http://[::1/"}, 2, "", `hsx: invalid URL "http://[::1/": missing ']' in host (see 'hsx --help')` + "\n"},
		{"help", []string{"check", "--help"}, 0, "Usage: hsx check", ""},
		{"--http2 over http:// refused", []string{"check", "--http2", labURL + "/204"}, 2, "", "hsx: HTTP/2 over http:// needs the h2c upgrade, which hsx does not send; use --http2-prior-knowledge"},
		{"-f refused", []string{"check", "-sf", labURL + "/404"}, 2, "", "hsx: -f is not supported: "},
		{"--retry refused", []string{"check", "--retry", "3", labURL + "/204"}, 2, "", "hsx: --retry is not supported: "},
		{"a URL pattern refused", []string{"check", labURL + "/bytes/[1-3]"}, 2, "", `hsx: URL "` + labURL + `/bytes/[1-3]" has '[' at byte `},
		{"--http1.1 accepted", []string{"check", "--http1.1", labURL + "/204"}, 0, "  HTTP/1.1 204 No Content\n", ""},
		{"--http2-prior-knowledge speaks h2c to the lab", []string{"check", "--http2-prior-knowledge", labURL + "/204"}, 0, "  HTTP/2 204\n", ""},
		{"an HTTP/2 scenario's frames", []string{"check", "--http2-prior-knowledge", labURL + "/h2/204/data"}, 1, "✗ ← DATA  stream 1  END_STREAM  2 B\n", ""},
		{"dot segments resolved", []string{"check", labURL + "/x/../204"}, 0, "  GET /204 HTTP/1.1\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runArgs(t, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr: %s", r.code, tt.code, r.stdout, r.errs)
			}
			if !strings.Contains(r.stdout, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, r.stdout)
			}
			if tt.stderr != "" && !strings.HasPrefix(r.errs, tt.stderr) || tt.stderr == "" && r.errs != "" {
				t.Errorf("stderr = %q, want %q", r.errs, tt.stderr)
			}
			if strings.Count(r.errs, "\n") > 1 {
				t.Errorf("stderr has more than one line: %q", r.errs)
			}
			if strings.Contains(r.stdout, "\x1b") {
				t.Errorf("stdout is not a terminal but has escape sequences")
			}
		})
	}
}

// checkJSON is the shape of `hsx check --json` from the design.
type checkJSON struct {
	Request struct {
		Method  string      `json:"method"`
		URL     string      `json:"url"`
		Proto   string      `json:"proto"`
		Headers [][2]string `json:"headers"`
	} `json:"request"`
	Response *struct {
		Proto      string      `json:"proto"`
		Status     int         `json:"status"`
		Reason     string      `json:"reason"`
		Headers    [][2]string `json:"headers"`
		BodyBytes  int64       `json:"body_bytes"`
		ExtraBytes int64       `json:"extra_bytes"`
		Interim    []struct {
			Status int `json:"status"`
		} `json:"interim"`
	} `json:"response"`
	Findings []struct {
		ID       string  `json:"id"`
		Severity string  `json:"severity"`
		Message  string  `json:"message"`
		Ref      string  `json:"ref"`
		Header   string  `json:"header"`
		Body     []int64 `json:"body"`
		Extra    []int64 `json:"extra"`
		Line     *int    `json:"line"`
		Trailer  string  `json:"trailer"`
		Interim  *int    `json:"interim"`
	} `json:"findings"`
	TimingMS struct {
		DNS, Connect, TLS, TTFB, Total float64
	} `json:"timing_ms"`
	Error     *string           `json:"error"`
	Redirects []json.RawMessage `json:"redirects"`
	Followups []json.RawMessage `json:"followups"`
}

func decodeCheck(t *testing.T, s string) checkJSON {
	t.Helper()
	var got checkJSON
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decoding %s: %v", s, err)
	}
	return got
}

func TestCheckJSON(t *testing.T) {
	labURL := startLab(t)
	r := runArgs(t, "check", "-X", "DELETE", labURL+"/204/body", "--json")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", r.code, r.errs)
	}
	got := decodeCheck(t, r.stdout)
	if got.Request.Method != "DELETE" || got.Request.URL != labURL+"/204/body" || got.Request.Proto != "HTTP/1.1" {
		t.Errorf("request = %+v", got.Request)
	}
	if got := decodeCheck(t, runArgs(t, "check", "--json", "-0", labURL+"/204").stdout); got.Request.Proto != "HTTP/1.0" {
		t.Errorf("with -0: request = %+v", got.Request)
	}
	if got.Response == nil || got.Response.Status != 204 || got.Response.ExtraBytes != 17 {
		t.Fatalf("response = %+v", got.Response)
	}
	ids := map[string]bool{}
	for _, f := range got.Findings {
		ids[f.ID] = true
		if f.ID == "S2" && f.Header != "Content-Length" {
			t.Errorf("S2 points at header %q", f.Header)
		}
		if f.ID == "S9" && (len(f.Extra) != 2 || f.Extra[1] != 17) {
			t.Errorf("S9 points at extra %v", f.Extra)
		}
	}
	if !ids["S2"] || !ids["S9"] {
		t.Errorf("findings %v lack S2 and S9", ids)
	}
	if got.Error != nil || got.TimingMS.Total <= 0 {
		t.Errorf("error = %v, timing = %+v", got.Error, got.TimingMS)
	}

	r = runArgs(t, "check", "--json", "-m", "0.2", labURL+"/hang")
	if r.code != 2 {
		t.Fatalf("exit %d, want 2", r.code)
	}
	got = decodeCheck(t, r.stdout)
	if got.Response != nil || got.Error == nil || !strings.Contains(*got.Error, "timed out") {
		t.Errorf("response = %v, error = %v", got.Response, got.Error)
	}
}

func TestCheckCanceled(t *testing.T) {
	labURL := startLab(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	var out, errs bytes.Buffer
	start := time.Now()
	code := run(ctx, []string{"check", labURL + "/hang"}, stdio{out: &out, err: &errs})
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cancellation took %v", d)
	}
	if !strings.HasPrefix(errs.String(), "hsx: ") {
		t.Errorf("stderr = %q", errs.String())
	}
}

func TestLabList(t *testing.T) {
	r := runArgs(t, "lab", "--list")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errs)
	}
	for _, p := range []string{"/204/body", "/204/content-length", "/hang", "/ansi"} {
		if !strings.Contains(r.stdout, p) {
			t.Errorf("list lacks %s", p)
		}
	}
	for _, tt := range []struct {
		args []string
		want string // the one line on stderr, before the pointer to the help
	}{
		{[]string{"lab", "--bogus"}, "hsx: unknown flag --bogus for lab"},
		{[]string{"lab", "-bogus"}, "hsx: unknown flag -bogus for lab"},
		{[]string{"lab", "--bogus=1"}, "hsx: unknown flag --bogus for lab"},
		{[]string{"lab", "extra"}, `hsx: lab takes no arguments, got "extra"`},
		{[]string{"lab", "--addr"}, "hsx: --addr needs HOST:PORT for lab"},
		{[]string{"lab", "--list=maybe"}, `hsx: --list takes no value, got "maybe"`},
		{[]string{"lab", "--addr", "0.0.0.0:0"}, "hsx: "},
	} {
		r := runArgs(t, tt.args...)
		if r.code != 2 || !strings.HasPrefix(r.errs, tt.want) || strings.Count(r.errs, "\n") != 1 {
			t.Errorf("hsx %q: exit %d, stderr %q; want exit 2 and %q", tt.args, r.code, r.errs, tt.want)
		}
		if strings.Contains(r.errs, "provided but not defined") || strings.Contains(r.errs, "flag needs") {
			t.Errorf("hsx %q answers in Go's flag wording: %q", tt.args, r.errs)
		}
	}
	for _, args := range [][]string{{"lab", "--list"}, {"lab", "-list"}} {
		if r := runArgs(t, args...); r.code != 0 || !strings.Contains(r.stdout, "/204/body") {
			t.Errorf("hsx %q: exit %d, stderr %q", args, r.code, r.errs)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLabServesUntilCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs syncBuffer
	done := make(chan int)
	go func() { done <- run(ctx, []string{"lab", "--addr", "127.0.0.1:0"}, stdio{out: &out, err: &errs}) }()
	var url string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		first, _, ok := strings.Cut(out.String(), "\n")
		if ok {
			url = strings.Fields(strings.TrimPrefix(first, "hsx lab serving on "))[0]
			break
		}
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("no URL printed: %q (stderr %q)", out.String(), errs.String())
	}
	if r := runArgs(t, "check", url+"/204"); r.code != 0 {
		t.Errorf("check against the served lab: exit %d\n%s%s", r.code, r.stdout, r.errs)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d, stderr %q", code, errs.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the lab did not stop when canceled")
	}
	if !strings.Contains(out.String(), "stopped") {
		t.Errorf("no stop message: %q", out.String())
	}
}

func TestTopLevel(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"--version"}, 0, "hsx ", ""},
		{[]string{"--help"}, 0, "Usage:\n  hsx ", ""},
		{[]string{"-h"}, 0, "Usage:", ""},
		{[]string{"help"}, 0, "Request flags", ""},
		{[]string{"help", "lab"}, 0, "Usage: hsx lab", ""},
		{[]string{"chek"}, 2, "", "hsx: unknown command \"chek\" (see 'hsx --help')\n"},
		{[]string{"--bogus"}, 2, "", "hsx: unknown flag --bogus (see 'hsx --help')\n"},
		{[]string{"-X", "POST"}, 2, "", "hsx: request flags need a URL (see 'hsx --help')\n"},
		{[]string{"ftp://example.com/"}, 2, "", `hsx: unsupported scheme "ftp"`},
	}
	for _, tt := range tests {
		r := runArgs(t, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) || !strings.HasPrefix(r.errs, tt.stderr) || (tt.stderr == "" && r.errs != "") {
			t.Errorf("hsx %q: exit %d, stderr %q, stdout:\n%.200s", tt.args, r.code, r.errs, r.stdout)
		}
	}
}

func TestErrorsStayOneSafeLine(t *testing.T) {
	for _, args := range [][]string{
		{"check", "-X", "GET\r\nX: 1", "http://h/"},
		{"explain", "\x1b]52;c;AAAA\a"},
		{"lab", "--addr", "\x1b[2J"},
		{"\x1b[2J.example"},
	} {
		r := runArgs(t, args...)
		if r.code != 2 || strings.Count(r.errs, "\n") != 1 || !strings.HasSuffix(r.errs, "\n") {
			t.Errorf("hsx %q: exit %d, stderr %q", args, r.code, r.errs)
		}
		if strings.ContainsAny(strings.TrimSuffix(r.errs, "\n"), "\x1b\a\r\n") {
			t.Errorf("hsx %q: control characters on stderr: %q", args, r.errs)
		}
	}
}

func TestLooksLikeURL(t *testing.T) {
	for s, want := range map[string]bool{"example.com": true, "localhost": true, "localhost:8080": true, "http://x": true, "chek": false, "lab2": false} {
		if got := looksLikeURL(s); got != want {
			t.Errorf("looksLikeURL(%q) = %v", s, got)
		}
	}
}

func TestTUIArgs(t *testing.T) {
	a, err := parseTUIArgs([]string{"-X", "DELETE", "127.0.0.1:8204/204/body", "--present", "-H", "A: b"})
	if err != nil {
		t.Fatal(err)
	}
	req := a.opts.Initial
	if req == nil || req.Method != "DELETE" || req.URL != "http://127.0.0.1:8204/204/body" || len(req.Header) != 1 {
		t.Fatalf("initial request = %+v", req)
	}
	if !a.opts.SendAtStart || !a.opts.Present {
		t.Errorf("options = %+v", a.opts)
	}
	a, err = parseTUIArgs(nil)
	if err != nil || a.opts.Initial != nil || a.opts.SendAtStart || a.opts.NoHistory {
		t.Errorf("no arguments: %+v, %v", a, err)
	}
	a, err = parseTUIArgs([]string{"--no-history"})
	if err != nil || !a.opts.NoHistory || a.opts.SendAtStart {
		t.Errorf("--no-history: %+v, %v", a.opts, err)
	}
	for _, tt := range []struct {
		args  []string
		grace time.Duration
		err   string
	}{
		{[]string{"--grace", "3s", "127.0.0.1:8204/204"}, 3 * time.Second, ""},
		{[]string{"--grace=300ms"}, 300 * time.Millisecond, ""},
		{[]string{"--grace", "5x"}, 0, `--grace: want a duration such as 50ms or 1s, got "5x"`},
		{[]string{"--grace"}, 0, "--grace"},
	} {
		a, err = parseTUIArgs(tt.args)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%q: error %v, want %q", tt.args, err, tt.err)
		case tt.err == "" && (err != nil || a.opts.Grace != tt.grace):
			t.Errorf("%q: grace %v, %v; want %v", tt.args, a.opts.Grace, err, tt.grace)
		}
	}
}

func TestCheckTLS(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	r := runArgs(t, "check", srv.URL)
	if r.code != 2 || !strings.HasPrefix(r.errs, "hsx: ") || strings.Count(r.errs, "\n") != 1 {
		t.Errorf("self-signed certificate: exit %d, stderr %q", r.code, r.errs)
	}
	r = runArgs(t, "check", "-k", srv.URL)
	if r.code != 0 || !strings.Contains(r.stdout, "\ntls\n") || !strings.Contains(r.stdout, "NOT verified (-k)") {
		t.Errorf("-k: exit %d, stderr %q, stdout:\n%s", r.code, r.errs, r.stdout)
	}
}
