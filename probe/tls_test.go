package probe

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestDoHTTPS checks TLS against httptest's TLS server, whose certificate no system trusts:
// verification on fails with the certificate's reason, -k (Insecure) succeeds and records the
// session.
func TestDoHTTPS(t *testing.T) {
	t.Parallel()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("secure"))
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the rejected handshake is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)

	ex, err := Do(context.Background(), Request{URL: srv.URL + "/", Timeout: 5 * time.Second})
	pe, ok := AsError(err)
	if !ok || pe.Phase != PhaseTLS || pe.Msg != "TLS handshake: x509: certificate signed by unknown authority (-k skips verification)" {
		t.Errorf("verified: err = %#v", err)
	}
	if ex.Response != nil || ex.Timing.TLS <= 0 {
		t.Errorf("verified: response %v, TLS time %v", ex.Response, ex.Timing.TLS)
	}

	ex, err = Do(context.Background(), Request{URL: srv.URL + "/", Insecure: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("insecure: %v", err)
	}
	if ex.StatusCode() != 200 || string(ex.Response.Body.Data) != "secure" || !ex.Response.BodyComplete {
		t.Errorf("insecure: status %d body %q", ex.StatusCode(), ex.Response.Body.Data)
	}
	info := ex.TLS
	if info == nil {
		t.Fatal("insecure: no TLS info")
	}
	leaf := srv.Certificate()
	if info.Verified || info.ALPN != "http/1.1" || !strings.HasPrefix(info.Version, "TLS 1.") ||
		info.CipherSuite == "" || info.Subject != leaf.Subject.String() || info.Issuer != leaf.Issuer.String() ||
		!info.NotAfter.Equal(leaf.NotAfter) || len(info.Chain) == 0 {
		t.Errorf("insecure: TLS info = %+v", info)
	}
}

// TestDoHTTPSOnPlainServer checks the message when https meets a plain HTTP server.
func TestDoHTTPSOnPlainServer(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	_, err := Do(context.Background(), Request{URL: "https" + strings.TrimPrefix(srv.URL, "http"),
		Timeout: 5 * time.Second})
	if pe, ok := AsError(err); !ok || pe.Phase != PhaseTLS ||
		pe.Msg != "TLS handshake: the server answered in plain HTTP (try http://)" {
		t.Errorf("err = %#v", err)
	}
}

// TestDoHTTPTest checks ordinary responses from net/http's server: what a mainstream server
// sends is parsed as it should be.
func TestDoHTTPTest(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/204":
			w.WriteHeader(http.StatusNoContent)
		case "/chunked":
			w.Header().Set("Content-Type", "text/plain")
			_, _ = w.Write([]byte("part one,"))
			w.(http.Flusher).Flush()
			_, _ = w.Write([]byte(" part two"))
		default:
			w.Header().Set("Content-Type", "text/plain")
			_, _ = w.Write([]byte(r.Method + " " + r.UserAgent()))
		}
	}))
	t.Cleanup(srv.Close)
	tests := []struct {
		path, method string
		want         want
	}{
		{"/204", "DELETE", want{code: 204, framing: FramingNone, complete: true}},
		{"/chunked", "GET", want{code: 200, framing: FramingChunked, body: "part one, part two", complete: true}},
		{"/", "GET", want{code: 200, framing: FramingLength, declared: int64(len("GET " + UserAgent)), body: "GET " + UserAgent, complete: true}},
		{"/", "HEAD", want{code: 200, framing: FramingNone, complete: true}},
	}
	for _, tt := range tests {
		t.Run(tt.method+tt.path, func(t *testing.T) {
			t.Parallel()
			const grace = 2 * time.Second
			start := time.Now()
			ex, _ := Do(context.Background(), Request{Method: tt.method, URL: srv.URL + tt.path, Grace: grace})
			d := time.Since(start)
			checkExchange(t, ex, tt.want)
			// Bodyless responses wait out the grace window (the server keeps the connection
			// open); others must not wait for it at all.
			if tt.want.framing == FramingNone && (d < grace || d > grace+2*time.Second) {
				t.Errorf("took %v, want the grace window of %v", d, grace)
			}
			if tt.want.framing != FramingNone && d > grace/2 {
				t.Errorf("took %v, want well under the grace window of %v", d, grace)
			}
			for _, l := range ex.Response.Lines {
				if l.Ending != CRLF {
					t.Errorf("line %q ends in %v", l.Text, l.Ending)
				}
			}
		})
	}
}
