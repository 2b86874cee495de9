package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// tunnelled returns ex as if it went through a CONNECT tunnel that the proxy answered with
// answer (a head), failing with msg when msg is not empty.
func tunnelled(ex *probe.Exchange, answer, msg string) *probe.Exchange {
	connect := "CONNECT h.example:443 HTTP/1.1\r\nHost: h.example:443\r\nProxy-Connection: Keep-Alive\r\n\r\n"
	tun := &probe.Tunnel{
		Request: probe.Sent{Method: "CONNECT", Proto: "HTTP/1.1", Bytes: []byte(connect), Header: []probe.Field{
			{Name: "Host", Value: "h.example:443", Line: -1}, {Name: "Proxy-Connection", Value: "Keep-Alive", Line: -1}}},
		Response: probe.Parse([]byte(answer), "HEAD").Response,
		Time:     1500 * time.Microsecond,
		Err:      msg,
	}
	ex.Addr = "127.0.0.1:3128"
	ex.Proxy = &probe.ProxyInfo{URL: "http://proxy.example:3128", Addr: "127.0.0.1:3128", Tunnel: tun}
	if msg != "" {
		ex.Err = &probe.Error{Phase: probe.PhaseProxy, Msg: msg}
		ex.Response = nil
	}
	return ex
}

func TestProxyReport(t *testing.T) {
	const refused = "proxy proxy.example:3128 wants credentials (407, Proxy-Authenticate: Basic realm=\"p\"): give --proxy-user"
	absolute := exchange(t, "GET", "http://h.example/", "HTTP/1.1 200 OK\r\nVia: 1.1 squid\r\nServer: squid/5.7\r\nContent-Length: 0\r\n\r\n")
	absolute.Addr = "127.0.0.1:3128"
	absolute.Proxy = &probe.ProxyInfo{URL: "http://proxy.example:3128", Addr: "127.0.0.1:3128"}
	tests := []struct {
		name  string
		ex    *probe.Exchange
		text  []string
		json  string // a part of the JSON report
		noKey bool   // the JSON report has no "proxy" key
	}{
		{"direct", exchange(t, "GET", "http://h.example/", goodNoContent), nil, "", true},
		{"absolute form", absolute,
			[]string{"proxy http://proxy.example:3128\n", "went to the proxy in absolute form", "response from 127.0.0.1:3128",
				"a proxy answered, naming Via: 1.1 squid; Server: squid/5.7"},
			`"proxy":{"url":"http://proxy.example:3128","addr":"127.0.0.1:3128"}`, false},
		{"tunnel", tunnelled(exchange(t, "GET", "https://h.example/", goodNoContent), "HTTP/1.1 200 Connection established\r\n\r\n", ""),
			[]string{"CONNECT h.example:443 HTTP/1.1", "HTTP/1.1 200 Connection established", "tunnel open in 1.50ms",
				"response through the tunnel at 127.0.0.1:3128", "tunnel 1.50ms"},
			`"connect":{"request":{"method":"CONNECT","url":"h.example:443","proto":"HTTP/1.1","headers":[["Host","h.example:443"],["Proxy-Connection","Keep-Alive"]]},` +
				`"response":{"proto":"HTTP/1.1","status":200,"reason":"Connection established","headers":[],"body_bytes":0,"extra_bytes":0,"interim":[]},"ms":1.5,"error":null}`, false},
		{"407", tunnelled(exchange(t, "GET", "https://h.example/", goodNoContent),
			"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\n\r\n", refused),
			[]string{"HTTP/1.1 407 Proxy Authentication Required", `Proxy-Authenticate: Basic realm="p"`, "no tunnel (in 1.50ms)",
				"no response: " + refused},
			`"status":407`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exs := []*probe.Exchange{tt.ex}
			var text, js bytes.Buffer
			if err := Text(&text, exs, findingsOf(tt.ex), TextOptions{Width: 200}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.text {
				if !strings.Contains(text.String(), w) {
					t.Errorf("the text report does not say %q:\n%s", w, text.String())
				}
			}
			if tt.noKey && strings.Contains(text.String(), "proxy") {
				t.Errorf("a direct exchange mentions a proxy:\n%s", text.String())
			}
			if err := JSON(&js, exs, findingsOf(tt.ex)); err != nil {
				t.Fatal(err)
			}
			var o map[string]any
			if err := json.Unmarshal(js.Bytes(), &o); err != nil {
				t.Fatal(err)
			}
			if _, has := o["proxy"]; has == tt.noKey {
				t.Errorf("proxy key present %v, want %v: %s", has, !tt.noKey, js.String())
			}
			if !strings.Contains(js.String(), tt.json) {
				t.Errorf("the JSON report does not hold %s:\n%s", tt.json, js.String())
			}
		})
	}
}
