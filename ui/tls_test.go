package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

func TestTLSInTheTimingView(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(plain.Close)
	tests := []struct {
		name      string
		req       probe.Request
		want, not []string
	}{
		{"https with -k", probe.Request{Method: "GET", URL: srv.URL + "/", Insecure: true}, []string{
			"TLS 1.3 unverified", // on the status line
			"── connection ──", "address     " + strings.TrimPrefix(srv.URL, "https://"),
			"── TLS ──", "version     TLS 1.3", "cipher      TLS_AES_",
			"ALPN        http/1.1",
			"verified    ! NO: turned off with -k; anyone could have answered",
			"── certificate ──", "subject     O=Acme Co", "names (SAN) example.com, *.example.com, 127.0.0.1, ::1",
			"issuer      O=Acme Co  (self-signed)", "valid       1970-01-01 → 2084-01-29  expires",
		}, nil},
		{"plain http", probe.Request{Method: "GET", URL: plain.URL + "/"}, []string{
			"── connection ──", "TLS         none: plain http",
		}, []string{"── TLS ──", "unverified", "certificate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, Options{Initial: &tt.req}, 130, 50)
			d.sendRequest()
			d.press("4", "f6") // the timing view, zoomed
			s := d.screen()
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("timing view lacks %q:\n%s", w, s)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(s, n) {
					t.Errorf("timing view shows %q:\n%s", n, s)
				}
			}
		})
	}
}
