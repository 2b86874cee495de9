package probe

import (
	"bufio"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// TestDoRaw runs Do against servers that write exact bytes, and checks both what was parsed
// and that the grace window and short reads keep the exchange fast.
func TestDoRaw(t *testing.T) {
	t.Parallel()
	const quick = 3 * time.Second
	// The servers hold connections open for longer than any exchange here may take, and the
	// limits on how long an exchange takes are loose (machines running tests can be slow), but
	// far below the hold and the timeout: they prove that Do did not wait for either.
	const hold = 20 * time.Second
	tests := []struct {
		name   string
		method string
		script script
		want   want
		closed bool
		max    time.Duration // the exchange must be done within this
	}{
		{
			name:   "correct 204, connection kept open",
			script: script{parts: []string{"HTTP/1.1 204 No Content\r\nServer: t\r\n\r\n"}, hold: hold},
			want:   want{code: 204, framing: FramingNone, complete: true},
			max:    quick,
		},
		{
			name:   "correct 204, connection closed",
			script: script{parts: []string{"HTTP/1.1 204 No Content\r\n\r\n"}},
			want:   want{code: 204, framing: FramingNone, complete: true},
			closed: true,
			max:    quick,
		},
		{
			name: "204 with a body sent later within the grace window",
			script: script{parts: []string{"HTTP/1.1 204 No Content\r\nContent-Length: 11\r\n\r\n", `{"ok":true}`},
				pause: 20 * time.Millisecond, hold: hold},
			want: want{code: 204, framing: FramingNone, complete: true, extra: `{"ok":true}`},
			max:  quick,
		},
		{
			name:   "204 with Content-Length and no body",
			script: script{parts: []string{"HTTP/1.1 204 No Content\r\nContent-Length: 17\r\n\r\n"}, hold: hold},
			want:   want{code: 204, framing: FramingNone, complete: true},
			max:    quick,
		},
		{
			name: "chunked with extensions and trailers, then extra",
			script: script{parts: []string{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
				"4;a=1\r\nwire\r\n0;last\r\nX-T: v\r\n\r\nJUNK"}, hold: hold},
			want: want{code: 200, framing: FramingChunked, body: "wire", complete: true, extra: "JUNK",
				chunkExts: []string{"a=1", "last"}, trailers: [][2]string{{"X-T", "v"}}},
			max: quick,
		},
		{
			name:   "bare LF",
			script: script{parts: []string{"HTTP/1.1 200 OK\nContent-Length: 2\n\nok"}, hold: hold},
			want: want{code: 200, framing: FramingLength, declared: 2, body: "ok", complete: true,
				endings: []Ending{LF, LF, LF}},
			max: quick,
		},
		{
			name:   "obs-fold",
			script: script{parts: []string{"HTTP/1.1 200 OK\r\nX-A: a\r\n\tb\r\nContent-Length: 0\r\n\r\n"}, hold: hold},
			want: want{code: 200, framing: FramingLength, complete: true,
				kinds:  []LineKind{StatusLineKind, FieldLineKind, FoldLineKind, FieldLineKind, BlankLineKind},
				header: [][2]string{{"X-A", "a b"}, {"Content-Length", "0"}}},
			max: quick,
		},
		{
			name: "Content-Length and Transfer-Encoding",
			script: script{parts: []string{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n" +
				"2\r\nok\r\n0\r\n\r\n"}, hold: hold},
			want: want{code: 200, framing: FramingChunked, body: "ok", complete: true},
			max:  quick,
		},
		{
			name: "duplicate Content-Length",
			script: script{parts: []string{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc"},
				hold: 50 * time.Millisecond},
			want:   want{code: 200, framing: FramingClose, body: "abc", complete: true},
			closed: true,
			max:    quick,
		},
		{
			name:   "short body then close",
			script: script{parts: []string{"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"}},
			want:   want{code: 200, framing: FramingLength, declared: 10, body: "short", complete: false},
			closed: true,
			max:    quick,
		},
		{
			name: "interim 100 and 103 before the final response",
			script: script{parts: []string{"HTTP/1.1 100 Continue\r\n\r\n",
				"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n",
				"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"}, pause: 10 * time.Millisecond, hold: hold},
			want: want{code: 200, framing: FramingLength, declared: 2, body: "ok", complete: true,
				interim: []int{100, 103}},
			max: quick,
		},
		{
			name:   "close-delimited",
			script: script{parts: []string{"HTTP/1.0 200 OK\r\n\r\nall ", "of it"}, pause: 10 * time.Millisecond},
			want:   want{code: 200, framing: FramingClose, body: "all of it", complete: true},
			closed: true,
			max:    quick,
		},
		{
			name:   "HEAD with a body",
			method: "HEAD",
			script: script{parts: []string{"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"}, hold: hold},
			want:   want{code: 200, framing: FramingNone, complete: true, extra: "hello"},
			max:    quick,
		},
		{
			name:   "garbage",
			script: script{parts: []string{"<html>\x1b[31mhi</html>"}, hold: hold},
			want:   want{err: `not an HTTP response: got "<html>\x1b[31mhi</html>"`},
			max:    quick,
		},
		{
			name:   "SSH banner before the request is read",
			script: script{parts: []string{"SSH-2.0-OpenSSH_9.6\r\n"}, noRead: true, hold: hold},
			want:   want{err: `not an HTTP response: got "SSH-2.0-OpenSSH_9.6\r\n"`},
			max:    quick,
		},
		{
			name:   "closed in the middle of the status line",
			script: script{parts: []string{"HTTP/1.1 20"}},
			want:   want{err: "connection closed before the end of the status line"},
			max:    quick,
		},
		{
			name:   "closed before the status line",
			script: script{},
			want:   want{err: "connection closed before the status line"},
			max:    quick,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			url := rawServer(t, tt.script.serve)
			start := time.Now()
			ex, err := Do(context.Background(), Request{Method: tt.method, URL: url + "/x",
				Grace: 100 * time.Millisecond, Timeout: 2 * hold})
			elapsed := time.Since(start)
			if ex == nil {
				t.Fatal("Do returned a nil exchange")
			}
			if (err == nil) != (ex.Err == nil) || (err != nil && err != ex.Err) {
				t.Errorf("returned error %v, ex.Err %v: want the same", err, ex.Err)
			}
			checkExchange(t, ex, tt.want)
			if tt.want.err != "" {
				if pe, ok := AsError(err); !ok || pe.Phase != PhaseStatus {
					t.Errorf("error %#v, want a *Error in phase status", err)
				}
			} else if ex.Closed != tt.closed {
				t.Errorf("closed = %v, want %v", ex.Closed, tt.closed)
			}
			if elapsed > tt.max {
				t.Errorf("took %v, want at most %v", elapsed, tt.max)
			}
			if ex.WireSize == 0 && tt.want.err == "" {
				t.Error("no wire bytes recorded")
			}
		})
	}
}

// TestDoRequestBytes checks the request Do writes: the request line, the default fields, the
// caller's fields replacing defaults of the same name, and Content-Length for a body.
func TestDoRequestBytes(t *testing.T) {
	t.Parallel()
	got := make(chan string, 1)
	url := rawServer(t, func(c net.Conn, _ <-chan struct{}) {
		br := bufio.NewReader(c)
		head, _ := readRequestHead(br)
		body := make([]byte, 5)
		_, _ = io.ReadFull(br, body)
		got <- head + string(body)
		_, _ = c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
	})
	ex, err := Do(context.Background(), Request{
		Method: "PUT",
		URL:    url + "/p/a%20th?q=1#frag",
		Header: []Field{{Name: "user-agent", Value: "custom/1"}, {Name: "X-Test", Value: "yes"}},
		Body:   []byte("hello"),
	})
	if err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(url, "http://")
	want := "PUT /p/a%20th?q=1 HTTP/1.1\r\nHost: " + host + "\r\nuser-agent: custom/1\r\nAccept: */*\r\n" +
		"X-Test: yes\r\nContent-Length: 5\r\n\r\nhello"
	if s := <-got; s != want {
		t.Errorf("server got\n%q\nwant\n%q", s, want)
	}
	if string(ex.Request.Bytes) != want {
		t.Errorf("Sent.Bytes = %q, want %q", ex.Request.Bytes, want)
	}
	if len(ex.Request.Header) != 5 || ex.Request.Header[0].Line != -1 {
		t.Errorf("Sent.Header = %+v", ex.Request.Header)
	}
	if ex.Addr != host {
		t.Errorf("Addr = %q, want %q", ex.Addr, host)
	}
}

// TestDoErrors checks failures that happen before any response: they name their cause and phase.
func TestDoErrors(t *testing.T) {
	t.Parallel()
	closedAddr := boundPort(t)
	tests := []struct {
		name  string
		url   string
		phase Phase
		msg   string
	}{
		{"refused", "http://" + closedAddr + "/", PhaseConnect, "connection refused by " + closedAddr},
		{"no such host", "http://nonexistent.invalid/", PhaseDNS, `no such host "nonexistent.invalid"`},
		{"unsupported scheme", "ftp://example.com/", PhaseRequest, `unsupported scheme "ftp" (use http or https)`},
		{"no scheme", "example.com", PhaseRequest, `URL "example.com" has no scheme (use http:// or https://)`},
		{"no host", "http:///path", PhaseRequest, `URL "http:///path" has no host`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ex, err := Do(context.Background(), Request{URL: tt.url, Timeout: 3 * time.Second})
			pe, ok := AsError(err)
			if !ok {
				t.Fatalf("err = %#v, want a *Error", err)
			}
			if pe.Phase != tt.phase || pe.Msg != tt.msg {
				t.Errorf("err = %s %q, want %s %q", pe.Phase, pe.Msg, tt.phase, tt.msg)
			}
			if ex == nil || ex.Err != err || ex.Response != nil {
				t.Errorf("exchange = %+v, want one carrying the error and no response", ex)
			}
		})
	}
	if _, err := Do(context.Background(), Request{URL: "http://x/", Method: "GE T"}); err == nil ||
		err.Error() != `invalid method "GE T"` {
		t.Errorf("bad method: err = %v", err)
	}
	if _, err := Do(context.Background(), Request{URL: "http://x/",
		Header: []Field{{Name: "X", Value: "a\r\nInjected: 1"}}}); err == nil ||
		!strings.Contains(err.Error(), "line break") {
		t.Errorf("header injection: err = %v", err)
	}
}

// TestDoTimeout checks that a server that never answers fails at the timeout, in phase status.
func TestDoTimeout(t *testing.T) {
	t.Parallel()
	url := rawServer(t, script{hold: 5 * time.Second}.serve)
	const timeout = 300 * time.Millisecond
	start := time.Now()
	ex, err := Do(context.Background(), Request{URL: url, Timeout: timeout})
	elapsed := time.Since(start)
	pe, ok := AsError(err)
	if !ok || !pe.Timeout || pe.Canceled || pe.Phase != PhaseStatus {
		t.Fatalf("err = %#v, want a status timeout", err)
	}
	if pe.Msg != "timed out after 300ms waiting for the status line" {
		t.Errorf("message = %q", pe.Msg)
	}
	if elapsed < timeout || elapsed > timeout+1500*time.Millisecond {
		t.Errorf("took %v, want about %v", elapsed, timeout)
	}
	if ex.Timing.Total < timeout {
		t.Errorf("total = %v, want at least the timeout", ex.Timing.Total)
	}
}

// TestDoTimeoutMidBody: a body that the exchange's own timeout ends, whatever its framing, fails
// the exchange in PhaseBody with the bytes read so far, and keeps the response; only a server
// that closes short of the framing leaves a response with an incomplete body and no error.
func TestDoTimeoutMidBody(t *testing.T) {
	t.Parallel()
	const head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
	tests := []struct {
		name string
		sent string
		hold time.Duration // how long the server waits before it closes
		err  string        // the error, or "" for none
		body string
	}{
		{"Content-Length", head + "Content-Length: 1000\r\n\r\nabc", 5 * time.Second,
			"timed out after 500ms while reading the body (3 bytes so far)", "abc"},
		{"Content-Length, one byte", head + "Content-Length: 1000\r\n\r\na", 5 * time.Second,
			"timed out after 500ms while reading the body (1 byte so far)", "a"},
		{"inside a chunk", head + "Transfer-Encoding: chunked\r\n\r\n5\r\nab", 5 * time.Second,
			"timed out after 500ms while reading the body (2 bytes so far)", "ab"},
		{"between chunks", head + "Transfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n", 5 * time.Second,
			"timed out after 500ms while reading the body (5 bytes so far)", "abcde"},
		{"inside a chunk-size line", head + "Transfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n1", 5 * time.Second,
			"timed out after 500ms while reading the body (5 bytes so far)", "abcde"},
		{"in the trailer section", head + "Transfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\nX-T: 1\r\n", 5 * time.Second,
			"timed out after 500ms while reading the body (2 bytes so far)", "ab"},
		{"close-delimited", head + "\r\nstreaming", 5 * time.Second,
			"timed out after 500ms while reading the body (9 bytes so far; this body ends only when the server closes the connection)", "streaming"},
		{"the server closes short of Content-Length", head + "Content-Length: 1000\r\n\r\nabc", 0, "", "abc"},
		{"the server closes inside a chunk", head + "Transfer-Encoding: chunked\r\n\r\n5\r\nab", 0, "", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			url := rawServer(t, script{parts: []string{tt.sent}, hold: tt.hold}.serve)
			ex, err := Do(context.Background(), Request{URL: url, Timeout: 500 * time.Millisecond})
			switch pe, _ := AsError(err); {
			case tt.err == "" && err != nil:
				t.Fatalf("err = %v, want none", err)
			case tt.err != "" && (pe == nil || pe.Phase != PhaseBody || !pe.Timeout || pe.Msg != tt.err || ex.Err != err):
				t.Fatalf("err = %#v, want a body timeout %q", err, tt.err)
			}
			r := ex.Response
			if r == nil || r.BodyComplete || string(r.Body.Data) != tt.body || r.BodyError == "" {
				t.Fatalf("response %+v, want the %q read so far", r, tt.body)
			}
		})
	}
}

// TestDoConnectTimeout: ConnectTimeout bounds the connection phase (here a TLS handshake that
// never answers) and the message names it; the exchange's timeout is longer.
func TestDoConnectTimeout(t *testing.T) {
	t.Parallel()
	url := strings.Replace(rawServer(t, script{noRead: true, hold: 5 * time.Second}.serve), "http:", "https:", 1)
	start := time.Now()
	_, err := Do(context.Background(), Request{URL: url, Timeout: 5 * time.Second, ConnectTimeout: 200 * time.Millisecond})
	pe, ok := AsError(err)
	if !ok || pe.Phase != PhaseTLS || !pe.Timeout || pe.Msg != "timed out after 200ms waiting for the TLS handshake" {
		t.Fatalf("err = %#v, want a TLS timeout after 200ms", err)
	}
	if d := time.Since(start); d > 4*time.Second { // well before the exchange's 5s, with room for a loaded machine
		t.Errorf("took %v", d)
	}
}

// TestDoCancel checks that cancelling the context ends a waiting exchange promptly.
func TestDoCancel(t *testing.T) {
	t.Parallel()
	for _, stage := range []string{"status", "body"} {
		t.Run(stage, func(t *testing.T) {
			t.Parallel()
			s := script{hold: 5 * time.Second}
			if stage == "body" {
				s.parts = []string{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"}
			}
			url := rawServer(t, s.serve)
			ctx, cancel := context.WithCancel(context.Background())
			canceled := make(chan time.Time, 1)
			time.AfterFunc(100*time.Millisecond, func() {
				canceled <- time.Now()
				cancel()
			})
			ex, err := Do(ctx, Request{URL: url, Timeout: 5 * time.Second})
			if elapsed := time.Since(<-canceled); elapsed > 200*time.Millisecond {
				t.Errorf("returned %v after the cancel, want under 200ms", elapsed)
			}
			if stage == "status" {
				pe, ok := AsError(err)
				if !ok || !pe.Canceled || pe.Timeout || pe.Msg != "canceled while waiting for the status line" {
					t.Errorf("err = %#v, want a cancellation", err)
				}
				return
			}
			pe, ok := AsError(err)
			if !ok || !pe.Canceled || pe.Phase != PhaseBody || pe.Msg != "canceled while reading the body (7 bytes so far)" ||
				ex.Response == nil || ex.Response.BodyComplete || ex.Response.BodyError != "got 7 of 100 bytes: canceled" {
				t.Errorf("err = %v, response = %+v", err, ex.Response)
			}
		})
	}
}

// TestDoProgress checks that Progress sees every byte.
func TestDoProgress(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("x", 100<<10)
	url := rawServer(t, script{parts: []string{"HTTP/1.1 200 OK\r\nContent-Length: 102400\r\n\r\n", body}}.serve)
	var last int64
	calls := 0
	ex, err := Do(context.Background(), Request{URL: url, Progress: func(n int64) {
		if n < last {
			t.Errorf("progress went back from %d to %d", last, n)
		}
		last = n
		calls++
	}})
	if err != nil {
		t.Fatal(err)
	}
	if last != ex.WireSize || calls < 2 {
		t.Errorf("last progress %d after %d calls, wire size %d", last, calls, ex.WireSize)
	}
	if !ex.Response.BodyComplete || ex.Response.Body.Size != int64(len(body)) {
		t.Errorf("body size %d complete %v", ex.Response.Body.Size, ex.Response.BodyComplete)
	}
	if ex.Timing.TTFB <= 0 || ex.Timing.Total < ex.Timing.TTFB || ex.Timing.Connect <= 0 {
		t.Errorf("timing = %+v", ex.Timing)
	}
}

// TestDoCanceledBeforeStart checks that an already cancelled context fails at once.
func TestDoCanceledBeforeStart(t *testing.T) {
	t.Parallel()
	url := rawServer(t, script{parts: []string{"HTTP/1.1 204 No Content\r\n\r\n"}}.serve)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, u := range []string{url, "http://localhost" + url[strings.LastIndex(url, ":"):]} {
		_, err := Do(ctx, Request{URL: u})
		if pe, ok := AsError(err); !ok || !pe.Canceled {
			t.Errorf("%s: err = %#v, want a cancellation", u, err)
		}
	}
}

// boundPort returns a loopback address whose port is bound but not listening: the local end of
// a connection that stays open until the test ends. Connecting to it is refused, and no other
// listener can take the port meanwhile.
func boundPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c.LocalAddr().String()
}

// TestDoEarlyAnswer checks that a server that answers without reading a large request body
// (a 413, as real servers send) is heard at once, not after the write has timed out.
func TestDoEarlyAnswer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		hold time.Duration // how long the server keeps the connection open, unread
	}{
		{"connection held open", 5 * time.Second},
		{"connection closed", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			url := rawServer(t, script{noRead: true, hold: tt.hold, parts: []string{
				"HTTP/1.1 413 Content Too Large\r\nContent-Length: 9\r\nConnection: close\r\n\r\ntoo large"}}.serve)
			body := make([]byte, 32<<20) // far more than the socket buffers hold
			start := time.Now()
			ex, err := Do(context.Background(), Request{Method: "POST", URL: url, Body: body, Timeout: 5 * time.Second})
			if err != nil {
				t.Fatalf("err = %v, want the 413", err)
			}
			if elapsed := time.Since(start); elapsed > 4*time.Second { // the write would wait the whole 5s
				t.Errorf("took %v: the answer waited for the write", elapsed)
			}
			if r := ex.Response; r.Status.Code != 413 || string(r.Body.Data) != "too large" {
				t.Errorf("got %d %q", r.Status.Code, r.Body.Data)
			}
		})
	}
}
