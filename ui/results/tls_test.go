package results

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// rowsText is the text of rows, one line each.
func rowsText(rows []row) string {
	var b strings.Builder
	for _, r := range rows {
		for _, s := range r.spans {
			b.WriteString(s.text)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestConnectionBlock(t *testing.T) {
	at := time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC)
	leaf := &x509.Certificate{
		Subject:     pkix.Name{CommonName: "api.example.com"},
		Issuer:      pkix.Name{CommonName: "Example CA"},
		DNSNames:    []string{"api.example.com", "www.example.com"},
		IPAddresses: []net.IP{net.ParseIP("192.0.2.7")},
		NotBefore:   time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:    time.Date(2026, 12, 30, 0, 0, 0, 0, time.UTC),
	}
	expired := *leaf
	expired.NotAfter = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	tls := func(verified bool, c *x509.Certificate, subject string) *probe.TLSInfo {
		return &probe.TLSInfo{Version: "TLS 1.2", CipherSuite: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", ALPN: "h2",
			ServerName: "api.example.com", Subject: subject, Issuer: "CN=Example CA", Verified: verified,
			Chain: []*x509.Certificate{c, {}}}
	}
	tests := []struct {
		name      string
		ex        probe.Exchange
		want, not []string
	}{
		{"verified", probe.Exchange{Addr: "192.0.2.7:443", TLS: tls(true, leaf, "CN=api.example.com")}, []string{
			"address     192.0.2.7:443", "version     TLS 1.2", "cipher      TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
			"ALPN        h2", "server name api.example.com  (SNI)", "verified    ✓ yes",
			"subject     CN=api.example.com", "names (SAN) api.example.com, www.example.com, 192.0.2.7",
			"issuer      CN=Example CA\n", "valid       2026-09-01 → 2026-12-30  expires 27 days after the request",
			"chain       2 certificates sent",
		}, []string{"NO:", "self-signed"}},
		{"expired", probe.Exchange{TLS: tls(true, &expired, "CN=api.example.com")}, []string{
			"expired 30 days before the request",
		}, []string{"address"}},
		{"hostile subject", probe.Exchange{TLS: tls(false, leaf, "CN=\x1b]52;c;aGk=\x07evil")}, []string{
			`CN=\x1b]52;c;aGk=\x07evil`, "verified    ! NO",
		}, []string{"\x1b"}},
		{"plain http", probe.Exchange{Addr: "127.0.0.1:80"}, []string{"TLS         none: plain http"}, []string{"── TLS ──"}},
		{"parsed from bytes: nothing known", probe.Exchange{}, nil, []string{"connection"}},
		{"through a proxy in absolute form", probe.Exchange{Addr: "127.0.0.1:3128",
			Proxy: &probe.ProxyInfo{URL: "http://proxy.example:3128", Addr: "127.0.0.1:3128"}}, []string{
			"── proxy ──", "proxy       http://proxy.example:3128", "form        absolute",
		}, []string{"CONNECT"}},
		{"through a tunnel the proxy refused", probe.Exchange{Addr: "127.0.0.1:3128",
			Proxy: &probe.ProxyInfo{URL: "http://proxy.example:3128", Addr: "127.0.0.1:3128", Tunnel: &probe.Tunnel{
				Request:  probe.Sent{Method: "CONNECT", Bytes: []byte("CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n"), Header: []probe.Field{{Name: "Host", Value: "h:443"}, {Name: "Proxy-Authorization", Value: "Basic dTpw"}}},
				Response: probe.Parse([]byte("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"\u202ep\"\r\n\r\n"), "HEAD").Response,
				Time:     2 * time.Millisecond, Err: "proxy proxy.example:3128 wants credentials"}}}, []string{
			"CONNECT     CONNECT h:443 HTTP/1.1", "Host: h:443", "answer      407 Proxy Authentication Required  in 2",
			`Proxy-Authenticate: Basic realm="\u202ep"`, "tunnel      proxy proxy.example:3128 wants credentials",
		}, []string{"\u202e" + "p\"", "dTpw"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := rowsText(appendConnection(nil, &tt.ex, at))
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("lacks %q:\n%s", w, s)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(s, n) {
					t.Errorf("shows %q:\n%s", n, s)
				}
			}
		})
	}
}
