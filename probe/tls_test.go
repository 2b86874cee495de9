package probe

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"log"
	"math/big"
	"net"
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
	if !ok || pe.Phase != PhaseTLS || pe.Msg != "TLS handshake: the certificate for example.com, *.example.com, 127.0.0.1, ::1 is self-signed, so no trusted authority vouches for it (-k skips verification)" {
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

// testCert makes a certificate for the tests: signed by parent (self-signed when parent is
// nil), valid from notBefore to notAfter, for the given DNS names and IP addresses.
func testCert(t *testing.T, cn string, names []string, notBefore, notAfter time.Time, isCA bool, parent *tls.Certificate) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    notBefore, NotAfter: notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: isCA,
	}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	issuer, signer := tmpl, any(key)
	if parent != nil {
		issuer, signer = parent.Leaf, parent.PrivateKey
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, issuer, &key.PublicKey, signer)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	chain := [][]byte{der}
	if parent != nil {
		chain = append(chain, parent.Certificate...)
	}
	return tls.Certificate{Certificate: chain, PrivateKey: key, Leaf: leaf}
}

// TestDoTLSErrors: a certificate that is not accepted is explained in words a user acts on.
func TestDoTLSErrors(t *testing.T) {
	t.Parallel()
	now := time.Now()
	day := 24 * time.Hour
	nb, na := now.Add(-day), now.Add(day)
	ca := testCert(t, "hsx test CA", nil, nb, na, true, nil)
	past1, past2 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2021, 6, 30, 12, 0, 0, 0, time.UTC)
	future1, future2 := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC)
	const k = " (-k skips verification)"
	tests := []struct {
		name string
		cert tls.Certificate
		host string // the URL's host instead of 127.0.0.1
		want string
	}{
		{"self-signed", testCert(t, "x", []string{"127.0.0.1"}, nb, na, true, nil), "",
			"the certificate for 127.0.0.1 is self-signed, so no trusted authority vouches for it"},
		{"self-signed, not a CA", testCert(t, "x", []string{"127.0.0.1"}, nb, na, false, nil), "",
			"the certificate for 127.0.0.1 is self-signed, so no trusted authority vouches for it"},
		{"unknown authority", testCert(t, "x", []string{"127.0.0.1"}, nb, na, false, &ca), "",
			`the certificate for 127.0.0.1 is signed by "hsx test CA", an authority this system does not trust`},
		{"another name, IP host", testCert(t, "x", []string{"example.com", "www.example.com"}, nb, na, true, nil), "",
			"the certificate is for example.com, www.example.com, not 127.0.0.1"},
		{"another name, DNS host", testCert(t, "x", []string{"example.com", "10.0.0.1"}, nb, na, true, nil), "localhost",
			"the certificate is for example.com, 10.0.0.1, not localhost"},
		{"only a common name", testCert(t, "127.0.0.1", nil, nb, na, true, nil), "",
			`the certificate is for no name (only the common name "127.0.0.1", which clients ignore), not 127.0.0.1`},
		{"expired", testCert(t, "x", []string{"127.0.0.1"}, past1, past2, true, nil), "",
			"the certificate for 127.0.0.1 expired on 2021-06-30 12:00 UTC (valid from 2020-01-01 00:00 UTC until 2021-06-30 12:00 UTC)"},
		{"not valid yet", testCert(t, "x", []string{"127.0.0.1"}, future1, future2, true, nil), "",
			"the certificate for 127.0.0.1 is not valid yet (valid from 2100-01-01 00:00 UTC until 2101-01-01 00:00 UTC)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			url := LoopbackServer(t, &tt.cert, script{parts: []string{"HTTP/1.1 204 No Content\r\n\r\n"}}.serve)
			if tt.host != "" {
				url = strings.Replace(url, "127.0.0.1", tt.host, 1)
			}
			_, err := Do(context.Background(), Request{URL: url, Timeout: 5 * time.Second})
			pe, ok := AsError(err)
			if !ok || pe.Phase != PhaseTLS || pe.Msg != "TLS handshake: "+tt.want+k {
				t.Errorf("err = %v\nwant TLS handshake: %s%s", err, tt.want, k)
			}
			if _, err := Do(context.Background(), Request{URL: url, Insecure: true, Timeout: 5 * time.Second}); err != nil {
				t.Errorf("with Insecure: %v", err)
			}
		})
	}
}
