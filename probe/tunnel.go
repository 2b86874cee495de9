package probe

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"
)

// maxTunnelHead bounds the proxy's answer to CONNECT: a head, read before the tunnel opens.
const maxTunnelHead = 64 << 10

// openTunnel asks the proxy p on conn for a tunnel to authority (host:port) with a CONNECT
// request laid out as curl's (Host, Proxy-Authorization, User-Agent, Proxy-Connection), and
// reads its answer. A 2xx opens the tunnel; anything else is an *Error in PhaseProxy that
// says why in words. The step is recorded in ex.Proxy.Tunnel.
func openTunnel(ctx context.Context, conn net.Conn, req Request, p *url.URL, authority string, deadline time.Time, e *env, ex *Exchange) *Error {
	fields := []Field{{Name: "Host", Value: authority, Line: -1}}
	if auth := proxyAuth(req.Proxy, p); auth != "" {
		fields = append(fields, Field{Name: "Proxy-Authorization", Value: auth, Line: -1})
	}
	ua := UserAgent
	for _, f := range req.Header {
		if EqualFold(f.Name, "User-Agent") {
			ua = f.Value
		}
	}
	fields = append(fields, Field{Name: "User-Agent", Value: ua, Line: -1},
		Field{Name: "Proxy-Connection", Value: "Keep-Alive", Line: -1})
	var b strings.Builder
	b.WriteString("CONNECT " + authority + " HTTP/1.1\r\n")
	for _, f := range fields {
		b.WriteString(f.Name + ": " + f.Value + "\r\n")
	}
	b.WriteString("\r\n")
	t := &Tunnel{Request: Sent{Method: "CONNECT", Proto: "HTTP/1.1", Header: fields, Bytes: []byte(b.String())}}
	ex.Proxy.Tunnel = t

	fail := func(msg string, timeout, canceled bool, err error) *Error {
		t.Err = msg
		return &Error{Phase: PhaseProxy, Msg: msg, Timeout: timeout, Canceled: canceled, Err: err}
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	_ = conn.SetDeadline(deadline)
	start := time.Now()
	if _, err := conn.Write(t.Request.Bytes); err != nil {
		msg, timeout, canceled := e.cause(err)
		return fail("proxy "+p.Host+": writing CONNECT: "+msg, timeout, canceled, err)
	}
	head, err := readHead(conn)
	t.Time = time.Since(start)
	if len(head) > 0 {
		if r := Parse(head, "HEAD").Response; r != nil {
			t.Response = r
		}
	}
	if t.Response == nil {
		switch {
		case len(head) > 0 && !looksLikeHTTP(head):
			return fail(fmt.Sprintf("proxy %s: the answer to CONNECT is not HTTP: got %s", p.Host, sample(head)), false, false, err)
		case err != nil:
			msg, timeout, canceled := e.cause(err)
			switch {
			case timeout:
				msg += " waiting for the proxy's answer to CONNECT"
			case canceled:
				msg = "canceled while waiting for the proxy's answer to CONNECT"
			case msg == "connection closed":
				msg = "the proxy closed the connection without answering CONNECT"
			default:
				msg += " while waiting for the proxy's answer to CONNECT"
			}
			return fail("proxy "+p.Host+": "+msg, timeout, canceled, err)
		}
		return fail(fmt.Sprintf("proxy %s: the answer to CONNECT is too large", p.Host), false, false, nil)
	}
	if err != nil && !bytes.HasSuffix(head, []byte("\n")) {
		msg, timeout, canceled := e.cause(err)
		return fail(fmt.Sprintf("proxy %s: the answer to CONNECT ended before its header section did (%s)", p.Host, msg), timeout, canceled, err)
	}
	r := t.Response
	status := fmt.Sprintf("%d %s", r.Status.Code, r.Status.Reason)
	switch code := r.Status.Code; {
	case code >= 200 && code < 300:
		return nil
	case code == 407:
		why := "407 without Proxy-Authenticate"
		if challenge, ok := r.Get("Proxy-Authenticate"); ok {
			why = "407, Proxy-Authenticate: " + challenge
		}
		if proxyAuth(req.Proxy, p) != "" {
			return fail(fmt.Sprintf("proxy %s refused the credentials given (%s)", p.Host, why), false, false, nil)
		}
		return fail(fmt.Sprintf("proxy %s wants credentials (%s): give --proxy-user", p.Host, why), false, false, nil)
	case code == 401 && proxyAuth(req.Proxy, p) != "":
		// Not the status RFC 9110 gives a proxy, but what some (tinyproxy) answer to wrong ones.
		return fail(fmt.Sprintf("proxy %s refused the credentials given (%s)", p.Host, status), false, false, nil)
	}
	return fail(fmt.Sprintf("proxy %s refused the tunnel to %s: %s", p.Host, authority, status), false, false, nil)
}

// readHead reads from c up to and including the blank line that ends a header section, one
// byte at a time so that nothing past it (the first bytes of the tunnel) is taken, and at most
// maxTunnelHead bytes. It returns what it read and the error that stopped it early, if any.
func readHead(c net.Conn) ([]byte, error) {
	var head []byte
	one := make([]byte, 1)
	for len(head) < maxTunnelHead {
		n, err := c.Read(one)
		if n == 1 {
			head = append(head, one[0])
			if bytes.HasSuffix(head, []byte("\r\n\r\n")) || bytes.HasSuffix(head, []byte("\n\n")) {
				return head, nil
			}
		}
		if err != nil {
			return head, err
		}
	}
	return head, nil
}
