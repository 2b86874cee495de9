package probe_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/report"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// Terminal control sequences a hostile server might send: an OSC 52 clipboard write, a screen
// clear, a window title change, an OSC 8 hyperlink, a C1 CSI (as UTF-8 and as a raw byte) and a
// bell. escLine has no CR or LF, so that it fits in a header value or a reason phrase.
const (
	escLine = "\x1b]52;c;cm0gLXJmIH4K\x07" + "\x1b[2J\x1b[H" + "\x1b]0;pwned\x07" +
		"\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\" + "\u009b31m" + "\x9b" + "\x07"
	escBody = escLine + "\r\nsecond line\x1b[1A\x1b[K\n"
	// bidiLine reverses the text after it and hides characters between others, without a
	// single control byte.
	bidiLine = "\u202egnp.exe\u2066\u2069\u200b\u200d\u2060\ufeff"
)

// hostile is one hostile server (or hostile response) and what probe must make of it.
type hostile struct {
	name string
	// cert, when not nil, makes the server speak TLS with this certificate.
	cert *tls.Certificate
	// serve handles one accepted connection; done is closed when the test ends.
	serve    func(c net.Conn, done <-chan struct{})
	insecure bool
	timeout  time.Duration
	// wantErr is a part of the expected error message, with wantPhase its phase; an empty
	// wantErr means a response must arrive.
	wantErr   string
	wantPhase probe.Phase
	// atTimeout says the exchange must end because of the timeout: not before it, and not
	// long after it.
	atTimeout bool
	// maxAlloc bounds the bytes allocated during the exchange (0: no bound).
	maxAlloc uint64
	// check makes further assertions on the exchange and its findings.
	check func(t *testing.T, ex *probe.Exchange, fs []check.Finding)
}

// TestHostileServers runs probe.Do against servers that misbehave on purpose. Each must end
// in a one-line error that names the cause, or in a response with the right findings; memory
// stays bounded, waits end at the timeout, and no byte a server sent reaches the text report
// as a control character. The cases run one after another, so that the allocation counters see
// one exchange at a time.
func TestHostileServers(t *testing.T) {
	selfSigned := makeCert(t, time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour))
	expired := makeCert(t, time.Now().Add(-72*time.Hour), time.Now().Add(-24*time.Hour))
	manyLines := "HTTP/1.1 200 OK\r\n" + strings.Repeat("a: b\r\n", 100_000) + "\r\n"
	block := bytes.Repeat([]byte("0123456789abcdef"), 4096) // 64 KiB

	tests := []hostile{
		{
			name:  "escape sequences in the body",
			serve: respond(okHead("text/plain", len(escBody)) + escBody),
			check: func(t *testing.T, ex *probe.Exchange, fs []check.Finding) {
				if got := string(ex.Response.Body.Data); got != escBody {
					t.Errorf("body = %q, want it kept byte for byte", got)
				}
				shown := termsafe.Bytes(ex.Response.Body.Data, termsafe.Text)
				assertInert(t, "termsafe.Text of the body", shown, "\n")
				if !strings.Contains(shown, `\x1b]52;c;`) || !strings.Contains(shown, `\u009b31m`) {
					t.Errorf("escaped body %q does not show the sequences", shown)
				}
				wantInReport(t, ex, fs, `\x1b[2J\x1b[H`, `\x1b]8;;https://evil.example/`)
			},
		},
		{
			name: "escape sequences in header values",
			serve: respond("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Clip: " + escLine +
				"\r\nLink: <https://x.example/>; title=\"\x1b]0;t\x07\"\r\nContent-Length: 2\r\n\r\nok"),
			check: func(t *testing.T, ex *probe.Exchange, fs []check.Finding) {
				if v, _ := ex.Response.Get("X-Clip"); v != escLine {
					t.Errorf("X-Clip = %q, want the value as sent", v)
				}
				wantInReport(t, ex, fs, `X-Clip: \x1b]52;c;cm0gLXJmIH4K\x07`)
			},
		},
		{
			name:  "escape sequences in the reason phrase",
			serve: respond("HTTP/1.1 200 " + escLine + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"),
			check: func(t *testing.T, ex *probe.Exchange, fs []check.Finding) {
				if ex.Response.Status.Code != 200 || ex.Response.Status.Reason != escLine {
					t.Errorf("status %d %q", ex.Response.Status.Code, ex.Response.Status.Reason)
				}
				wantInReport(t, ex, fs, `HTTP/1.1 200 \x1b]52;c;`)
			},
		},
		{
			name: "invisible characters in header values",
			serve: respond("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Bidi: " + bidiLine +
				"\r\nContent-Disposition: attachment; filename=\"\u202egnp.exe\"\r\nContent-Length: 2\r\n\r\nok"),
			check: func(t *testing.T, ex *probe.Exchange, fs []check.Finding) {
				if v, _ := ex.Response.Get("X-Bidi"); v != bidiLine {
					t.Errorf("X-Bidi = %q, want the value as sent", v)
				}
				wantFinding(t, fs, "U1")
				wantInReport(t, ex, fs, `X-Bidi: \u202egnp.exe\u2066\u2069\u200b\u200d\u2060\ufeff`,
					`filename="\u202egnp.exe"`)
			},
		},
		{
			name:  "invisible characters in the reason phrase and the body",
			serve: respond("HTTP/1.1 200 O\u200bK\u202e\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n\r\n\u202eabc\u200b\u2067x\n"),
			check: func(t *testing.T, ex *probe.Exchange, fs []check.Finding) {
				shown := termsafe.Bytes(ex.Response.Body.Data, termsafe.Text)
				assertInert(t, "termsafe.Text of the body", shown, "\n")
				if !strings.Contains(shown, `\u202eabc\u200b\u2067x`) {
					t.Errorf("escaped body %q does not show the characters", shown)
				}
				wantInReport(t, ex, fs, `HTTP/1.1 200 O\u200bK\u202e`)
			},
		},
		{
			name: "a 10 MiB header line",
			serve: func(c net.Conn, done <-chan struct{}) {
				if !readHead(c) || !write(c, "HTTP/1.1 200 OK\r\nX-Big: ") {
					return
				}
				for range 160 {
					if _, err := c.Write(block); err != nil {
						return
					}
				}
				write(c, "\r\n\r\n")
			},
			wantErr: "header section larger than 1 MiB", wantPhase: probe.PhaseHeader,
			maxAlloc: 16 << 20,
		},
		{
			name:    "100 000 header lines",
			serve:   respond(manyLines),
			wantErr: "header section has more than 10000 lines", wantPhase: probe.PhaseHeader,
			maxAlloc: 16 << 20,
		},
		{
			name: "an endless chunked body",
			serve: func(c net.Conn, done <-chan struct{}) {
				if !readHead(c) || !write(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n") {
					return
				}
				chunk := append(append([]byte("10000\r\n"), block...), "\r\n"...)
				for !closed(done) {
					if _, err := c.Write(chunk); err != nil {
						return
					}
				}
			},
			timeout: 400 * time.Millisecond, atTimeout: true, maxAlloc: 32 << 20,
			wantErr: "timed out after 400ms while reading the body (", wantPhase: probe.PhaseBody,
			check: func(t *testing.T, ex *probe.Exchange, fs []check.Finding) {
				r := ex.Response
				if r.Framing != probe.FramingChunked || r.BodyComplete || !strings.Contains(r.BodyError, "timed out") {
					t.Errorf("framing %v, complete %v, body error %q", r.Framing, r.BodyComplete, r.BodyError)
				}
				if len(r.Body.Data) != probe.DefaultBodyLimit || r.Body.Size <= probe.DefaultBodyLimit || r.ChunkCount < 2 {
					t.Errorf("kept %d of %d bytes in %d chunks", len(r.Body.Data), r.Body.Size, r.ChunkCount)
				}
			},
		},
		{
			name: "an endless body without framing",
			serve: func(c net.Conn, done <-chan struct{}) {
				if !readHead(c) || !write(c, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n") {
					return
				}
				for !closed(done) {
					if _, err := c.Write(block); err != nil {
						return
					}
				}
			},
			timeout: 400 * time.Millisecond, atTimeout: true, maxAlloc: 32 << 20,
			wantErr: "bytes so far; this body ends only when the server closes the connection)", wantPhase: probe.PhaseBody,
			check: func(t *testing.T, ex *probe.Exchange, fs []check.Finding) {
				r := ex.Response
				if r.Framing != probe.FramingClose || r.BodyComplete || !strings.Contains(r.BodyError, "timed out") {
					t.Errorf("framing %v, complete %v, body error %q", r.Framing, r.BodyComplete, r.BodyError)
				}
				if len(r.Body.Data) != probe.DefaultBodyLimit || !r.Body.Truncated() {
					t.Errorf("kept %d of %d bytes", len(r.Body.Data), r.Body.Size)
				}
			},
		},
		{
			name:  "a chunk-size line that never ends",
			serve: respond("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + strings.Repeat("0", 100<<10) + "1\r\nx\r\n0\r\n\r\n"),
			check: func(t *testing.T, ex *probe.Exchange, fs []check.Finding) {
				if r := ex.Response; r.BodyComplete || r.BodyError != "chunk-size line longer than 64 KiB" {
					t.Errorf("complete %v, body error %q", r.BodyComplete, r.BodyError)
				}
				wantFinding(t, fs, "F13")
			},
		},
		{
			name:    "a slow drip of one byte per second in the status line",
			serve:   drip("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", true),
			timeout: 300 * time.Millisecond, atTimeout: true,
			wantErr: "timed out after 300ms waiting for the end of the status line", wantPhase: probe.PhaseStatus,
		},
		{
			name: "a slow drip of one byte per second in the body",
			serve: func(c net.Conn, done <-chan struct{}) {
				if readHead(c) && write(c, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n") {
					drip(strings.Repeat("x", 100), false)(c, done)
				}
			},
			timeout: 300 * time.Millisecond, atTimeout: true,
			wantErr: "timed out after 300ms while reading the body (", wantPhase: probe.PhaseBody,
			check: func(t *testing.T, ex *probe.Exchange, fs []check.Finding) {
				if r := ex.Response; r.BodyComplete || !strings.HasPrefix(r.BodyError, "got ") ||
					!strings.HasSuffix(r.BodyError, " of 100 bytes: timed out after 300ms") {
					t.Errorf("complete %v, body error %q", r.BodyComplete, r.BodyError)
				}
				if fs := check.Run(ex); len(fs) != 0 {
					t.Errorf("findings %v on a body the timeout ended", fs)
				}
			},
		},
		{
			name:    "a server that never answers",
			serve:   func(c net.Conn, done <-chan struct{}) { <-done },
			timeout: 300 * time.Millisecond, atTimeout: true,
			wantErr: "timed out after 300ms waiting for the status line", wantPhase: probe.PhaseStatus,
		},
		{
			name:    "a close in the middle of the status line",
			serve:   respond("HTTP/1.1 20"),
			wantErr: "connection closed before the end of the status line", wantPhase: probe.PhaseStatus,
		},
		{
			name:    "a close in the middle of the header section",
			serve:   respond("HTTP/1.1 200 OK\r\nContent-Ty"),
			wantErr: "connection closed before the end of the header section", wantPhase: probe.PhaseHeader,
		},
		{
			name:    "garbage bytes",
			serve:   respond("\x00\xff\xfe\x1b[2J\x9bgarbage\x07"),
			wantErr: `not an HTTP response: got "\x00\xff\xfe\x1b[2J\x9bgarbage\x07"`, wantPhase: probe.PhaseStatus,
		},
		{
			name:    "an SSH banner",
			serve:   func(c net.Conn, done <-chan struct{}) { write(c, "SSH-2.0-OpenSSH_9.6p1 Debian-4\r\n"); <-done },
			wantErr: `not an HTTP response: got "SSH-2.0-OpenSSH_9.6p1 Debian-4\r\n"`, wantPhase: probe.PhaseStatus,
		},
		{
			name:    "an HTTP/0.9-style body without a status line",
			serve:   respond("<!doctype html>\n<title>hello</title>\n"),
			wantErr: `not an HTTP response: got "<!doctype html>\n"`, wantPhase: probe.PhaseStatus,
		},
		{
			name:    "TLS with a self-signed certificate",
			cert:    selfSigned,
			serve:   respond(okHead("text/plain", 2) + "ok"),
			wantErr: "TLS handshake: the certificate for localhost, 127.0.0.1 is self-signed, so no trusted authority vouches for it (-k skips verification)", wantPhase: probe.PhaseTLS,
		},
		{
			name:    "TLS with an expired certificate",
			cert:    expired,
			serve:   respond(okHead("text/plain", 2) + "ok"),
			wantErr: " expired on ", wantPhase: probe.PhaseTLS,
		},
		{
			name:     "TLS with an expired certificate and -k",
			cert:     expired,
			insecure: true,
			serve:    respond(okHead("text/plain", 2) + "ok"),
			check: func(t *testing.T, ex *probe.Exchange, fs []check.Finding) {
				if ex.TLS == nil || ex.TLS.Verified || !ex.TLS.NotAfter.Before(time.Now()) {
					t.Errorf("TLS info %+v, want the unverified, expired certificate", ex.TLS)
				}
				if string(ex.Response.Body.Data) != "ok" {
					t.Errorf("body %q", ex.Response.Body.Data)
				}
				wantInReport(t, ex, fs, "certificate NOT verified")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runHostile(t, tt) })
	}
}

func runHostile(t *testing.T, tt hostile) {
	url := probe.LoopbackServer(t, tt.cert, tt.serve)
	timeout := tt.timeout
	if timeout == 0 {
		timeout = 5 * time.Second
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	ex, err := probe.Do(context.Background(), probe.Request{URL: url + "/", Timeout: timeout, Insecure: tt.insecure})
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)

	if ex == nil {
		t.Fatal("Do returned a nil exchange")
	}
	if tt.atTimeout && (elapsed < timeout-timeout/10 || elapsed > timeout+time.Second) {
		t.Errorf("took %v, want the timeout of %v", elapsed, timeout)
	}
	if !tt.atTimeout && elapsed > 2*time.Second {
		t.Errorf("took %v, want it to end without waiting", elapsed)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; tt.maxAlloc > 0 && grew > tt.maxAlloc {
		t.Errorf("allocated %d MiB, want at most %d MiB", grew>>20, tt.maxAlloc>>20)
	}

	var fs []check.Finding
	if tt.wantErr != "" {
		pe, ok := probe.AsError(err)
		// A body ended by the timeout keeps the response read so far.
		if !ok || ex.Err != err || (ex.Response != nil) != (pe.Phase == probe.PhaseBody) {
			t.Fatalf("err = %v (%T), ex.Err = %v, response %v; want a *probe.Error", err, err, ex.Err, ex.Response != nil)
		}
		msg := err.Error()
		if !strings.Contains(msg, tt.wantErr) || pe.Phase != tt.wantPhase {
			t.Errorf("err = %q in phase %q, want %q in phase %q", msg, pe.Phase, tt.wantErr, tt.wantPhase)
		}
		if pe.Timeout != tt.atTimeout {
			t.Errorf("Timeout = %v, want %v", pe.Timeout, tt.atTimeout)
		}
		assertInert(t, "the error message", msg, "")
	} else {
		if err != nil || ex.Response == nil {
			t.Fatalf("err = %v, response %v; want a response", err, ex.Response != nil)
		}
		fs = check.Run(ex)
		for _, f := range fs {
			assertInert(t, "finding "+f.ID, f.Message, "")
		}
	}
	assertInert(t, "the text report", textReport(t, ex, fs), "\n")
	var js bytes.Buffer
	if err := report.JSON(&js, []*probe.Exchange{ex}, [][]check.Finding{fs}); err != nil {
		t.Fatal(err)
	}
	assertInert(t, "the JSON report", js.String(), "\n"+invisibleKept)
	if tt.check != nil {
		tt.check(t, ex, fs)
	}
}

// invisibleKept, in the allowed characters of assertInert, lets invisible characters through:
// the JSON report gives field values exactly as they arrived.
const invisibleKept = "\u202e"

// assertInert fails when s holds anything a terminal could act on, or that makes it show
// something other than what arrived: C0 controls other than those in allowed, DEL, C1 controls
// (as UTF-8 runes), bytes that are not UTF-8 and, unless allowed holds invisibleKept, invisible
// characters (bidirectional controls, zero-width and other format characters).
func assertInert(t *testing.T, what, s, allowed string) {
	t.Helper()
	for i, r := range s {
		bad := r < 0x20 && !strings.ContainsRune(allowed, r) || r == 0x7f || r >= 0x80 && r < 0xa0 ||
			r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") ||
			termsafe.Invisible(r) && !strings.Contains(allowed, invisibleKept)
		if bad {
			t.Errorf("%s holds control byte %U at %d: %q", what, r, i, s[max(0, i-20):min(len(s), i+20)])
			return
		}
	}
	if allowed == "" && strings.ContainsAny(s, "\r\n") {
		t.Errorf("%s is not one line: %q", what, s)
	}
}

// textReport renders the report `hsx check` prints, without color.
func textReport(t *testing.T, ex *probe.Exchange, fs []check.Finding) string {
	t.Helper()
	var buf bytes.Buffer
	if err := report.Text(&buf, []*probe.Exchange{ex}, [][]check.Finding{fs}, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// wantInReport fails unless the text report shows each of the escaped forms in want: the
// hostile bytes are shown, not dropped.
func wantInReport(t *testing.T, ex *probe.Exchange, fs []check.Finding, want ...string) {
	t.Helper()
	out := textReport(t, ex, fs)
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("the report does not show %q:\n%s", w, out)
		}
	}
}

func wantFinding(t *testing.T, fs []check.Finding, id string) {
	t.Helper()
	for _, f := range fs {
		if f.ID == id {
			return
		}
	}
	t.Errorf("no %s finding in %+v", id, fs)
}

func okHead(contentType string, n int) string {
	return "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + strconv.Itoa(n) + "\r\n\r\n"
}

// respond reads the request head, writes response and closes the connection.
func respond(response string) func(net.Conn, <-chan struct{}) {
	return func(c net.Conn, _ <-chan struct{}) {
		if readHead(c) {
			write(c, response)
		}
	}
}

// drip reads the request head first when readFirst is set, then writes s one byte per second.
func drip(s string, readFirst bool) func(net.Conn, <-chan struct{}) {
	return func(c net.Conn, done <-chan struct{}) {
		if readFirst && !readHead(c) {
			return
		}
		for i := range len(s) {
			if !write(c, s[i:i+1]) {
				return
			}
			select {
			case <-done:
				return
			case <-time.After(time.Second):
			}
		}
	}
}

func write(c net.Conn, s string) bool {
	_, err := c.Write([]byte(s))
	return err == nil
}

func closed(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// readHead reads a request head up to its blank line and reports whether it got there.
func readHead(c net.Conn) bool {
	br := bufio.NewReader(c)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return false
		}
		if line == "\r\n" || line == "\n" {
			return true
		}
	}
}

// makeCert returns a self-signed certificate for 127.0.0.1 and localhost, valid from
// notBefore to notAfter.
func makeCert(t *testing.T, notBefore, notAfter time.Time) *tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "hsx hostile test"},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}
