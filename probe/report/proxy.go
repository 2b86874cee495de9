package report

import (
	"strings"
	"time"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// Proxy is the proxy an exchange went through (the "proxy" key, there only for an exchange
// sent through one).
type Proxy struct {
	// URL is the proxy, its password hidden; Addr the address connected to.
	URL  string `json:"url"`
	Addr string `json:"addr"`
	// Connect is the CONNECT step that opened a tunnel through the proxy; absent for plain
	// http sent to the proxy in absolute form.
	Connect *Connect `json:"connect,omitempty"`
}

// Connect is the CONNECT exchange with a proxy: the request, the proxy's answer (null when
// none arrived), how long it took, and why the tunnel did not open (null when it did).
type Connect struct {
	Request  Request   `json:"request"`
	Response *Response `json:"response"`
	MS       float64   `json:"ms"`
	Error    *string   `json:"error"`
}

func jsonProxy(ex *probe.Exchange) *Proxy {
	px := ex.Proxy
	if px == nil {
		return nil
	}
	p := &Proxy{URL: px.URL, Addr: px.Addr}
	if tun := px.Tunnel; tun != nil {
		c := &Connect{Request: Request{Method: tun.Request.Method, Proto: tun.Request.Proto, Headers: pairs(tun.Request.Header)},
			MS: ms(tun.Time.Seconds())}
		if target, ok := strings.CutPrefix(tun.Request.RequestLine(), "CONNECT "); ok {
			c.Request.URL, _, _ = strings.Cut(target, " ")
		}
		if r := tun.Response; r != nil {
			c.Response = &Response{Proto: r.Status.Proto, Status: r.Status.Code, Reason: r.Status.Reason,
				Headers: pairs(r.Header), Interim: []Interim{}}
		}
		if tun.Err != "" {
			msg := tun.Err
			c.Error = &msg
		}
		p.Connect = c
	}
	return p
}

// proxy writes the proxy step of ex: which proxy, and the CONNECT exchange with its answer
// and its time, or why it failed.
func (t *writer) proxy(ex *probe.Exchange) {
	px := ex.Proxy
	if px == nil {
		return
	}
	t.heading("proxy " + termsafe.String(px.URL, termsafe.Line))
	tun := px.Tunnel
	if tun == nil {
		t.line(0, false, t.style(t.muted, "the request went to the proxy in absolute form; the response below is what the proxy sent back"))
		return
	}
	t.line(0, false, termsafe.String(tun.Request.RequestLine(), termsafe.Line))
	for _, f := range tun.Request.Header {
		t.line(0, false, termsafe.String(f.Name+": "+f.Value, termsafe.Line))
	}
	if r := tun.Response; r != nil {
		lines := r.Lines
		ok := tun.Err == ""
		marks := map[int]check.Severity{}
		if !ok {
			marks[0] = check.Error
		}
		t.println("")
		t.head(lines, marks, !ok)
	}
	if tun.Err != "" {
		t.line(check.Error, true, "no tunnel (in "+duration(tun.Time)+"): the reason is below")
		return
	}
	t.line(0, false, t.style(t.ok, "tunnel open in "+duration(tun.Time)+"; the exchange below went through it"))
}

// proxyAnswered says, for a response that came back from a proxy in absolute form, that the
// proxy answered, and which Via and Server fields it named.
func (t *writer) proxyAnswered(ex *probe.Exchange) {
	if ex.Proxy == nil || ex.Proxy.Tunnel != nil || ex.Response == nil {
		return
	}
	var named []string
	for _, name := range []string{"Via", "Server"} {
		for _, i := range ex.Response.Values(name) {
			named = append(named, name+": "+ex.Response.Header[i].Value)
		}
	}
	text := "a proxy answered"
	if len(named) > 0 {
		text += ", naming " + strings.Join(named, "; ")
	} else {
		text += "; it named no Via or Server"
	}
	t.line(0, false, t.style(t.muted, termsafe.String(text, termsafe.Line)))
}

// tunnelTime is how long the CONNECT step of ex took; zero without one.
func tunnelTime(ex *probe.Exchange) time.Duration {
	if ex.Proxy == nil || ex.Proxy.Tunnel == nil {
		return 0
	}
	return ex.Proxy.Tunnel.Time
}
