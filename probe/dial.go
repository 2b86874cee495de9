package probe

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// dial connects for the request sent to u: to the Unix socket of req.UnixSocket, to the
// proxy of sent (opening a CONNECT tunnel through it for https and with Proxy.Tunnel), or to
// u's host and port after req.ConnectTo and req.Resolve. For https it then does the TLS
// handshake, inside the tunnel when there is one, with u's host as the server name. All of it
// ends before deadline and req.ConnectTimeout. It records the timing, the remote address, the
// proxy step and the TLS session in ex, and returns the connection to use and the connection
// under it (the same for http).
func dial(ctx context.Context, u *url.URL, sent Sent, req Request, deadline time.Time, e *env, ex *Exchange) (conn, raw net.Conn, _ *Error) {
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = defaultPort(u.Scheme)
	}
	if req.ConnectTimeout > 0 {
		// The connection phase has a shorter bound of its own; errors then name it.
		if cd := time.Now().Add(req.ConnectTimeout); cd.Before(deadline) {
			deadline, e = cd, &env{ctx: e.ctx, timeout: req.ConnectTimeout}
		}
	}
	var derr *Error
	switch {
	case req.UnixSocket != "":
		raw, derr = dialUnix(ctx, req.UnixSocket, req.AbstractSocket, deadline, e, ex)
	case sent.proxy != nil:
		p := sent.proxy
		raw, derr = dialTCP(ctx, routeTo(req, p.Hostname(), p.Port(), false), deadline, e, ex)
		if derr != nil {
			derr.Msg = "proxy: " + derr.Msg
			return nil, nil, derr
		}
		ex.Proxy = &ProxyInfo{URL: p.Redacted(), Addr: raw.RemoteAddr().String()}
		if sent.tunnel {
			to := routeTo(req, host, port, true)
			if derr = openTunnel(ctx, raw, req, p, hostPort(to.host, to.port), deadline, e, ex); derr != nil {
				raw.Close()
				return nil, nil, derr
			}
		}
	default:
		raw, derr = dialTCP(ctx, routeTo(req, host, port, true), deadline, e, ex)
	}
	if derr != nil {
		return nil, nil, derr
	}
	ex.Addr = raw.RemoteAddr().String()
	if req.UnixSocket != "" {
		ex.Addr = socketName(req.UnixSocket, req.AbstractSocket)
	}
	if u.Scheme != "https" {
		return raw, raw, nil
	}

	start := time.Now()
	name, _, _ := strings.Cut(host, "%") // an IPv6 zone is no part of the name
	protos := []string{"http/1.1"}
	if req.HTTP2 != HTTP1Only && !req.HTTP10 {
		protos = []string{"h2", "http/1.1"}
	}
	tc := tls.Client(raw, &tls.Config{
		ServerName:         name,
		InsecureSkipVerify: req.Insecure,
		NextProtos:         protos,
	})
	_ = raw.SetDeadline(deadline)
	err := tc.HandshakeContext(ctx)
	ex.Timing.TLS = time.Since(start)
	if err != nil {
		raw.Close()
		return nil, nil, tlsError(e, err)
	}
	ex.TLS = tlsInfo(tc.ConnectionState(), !req.Insecure)
	return tc, raw, nil
}

// dialTCP connects to rt: to its addresses when a --resolve entry gave them, or else to those
// a DNS lookup of its host gives, trying each in turn. It records the timing in ex.
func dialTCP(ctx context.Context, rt route, deadline time.Time, e *env, ex *Exchange) (net.Conn, *Error) {
	addrs := rt.addrs
	if len(addrs) == 0 {
		var derr *Error
		if addrs, derr = resolve(ctx, rt.host, deadline, e, ex); derr != nil {
			return nil, derr
		}
	}
	start := time.Now()
	var conn net.Conn
	var err error
	for i, ip := range addrs {
		d := net.Dialer{Deadline: partialDeadline(deadline, len(addrs)-i)}
		conn, err = d.DialContext(ctx, "tcp", hostPort(ip, rt.port))
		if err == nil || ctx.Err() != nil || !time.Now().Before(deadline) {
			break
		}
	}
	ex.Timing.Connect = time.Since(start)
	if err != nil {
		addr := hostPort(rt.host, rt.port)
		if len(rt.addrs) > 0 {
			addr = hostPort(rt.addrs[len(rt.addrs)-1], rt.port)
		}
		return nil, connectError(e, addr, err)
	}
	return conn, nil
}

// dialUnix connects to the Unix domain socket at path, or of that name in the abstract
// namespace. It records the timing in ex.
func dialUnix(ctx context.Context, path string, abstract bool, deadline time.Time, e *env, ex *Exchange) (net.Conn, *Error) {
	start := time.Now()
	addr := path
	if abstract {
		addr = "@" + path // how Go names an abstract socket
	}
	d := net.Dialer{Deadline: deadline}
	conn, err := d.DialContext(ctx, "unix", addr)
	ex.Timing.Connect = time.Since(start)
	if err != nil {
		cerr := connectError(e, socketName(path, abstract), err)
		if errors.Is(err, syscall.ENOENT) && !cerr.Timeout && !cerr.Canceled {
			cerr.Msg = "no socket at " + socketName(path, abstract) + " (--unix-socket)"
		}
		return nil, cerr
	}
	return conn, nil
}

// socketName names a Unix socket in messages and as the address of an exchange.
func socketName(path string, abstract bool) string {
	if abstract {
		return "unix socket @" + path + " (abstract)"
	}
	return "unix socket " + path
}

// minDialTime is the least time one address gets when several share what is left of the timeout.
const minDialTime = 2 * time.Second

// partialDeadline shares the time left before deadline among n addresses still to try, so that
// one address that does not answer leaves time for the others.
func partialDeadline(deadline time.Time, n int) time.Time {
	left := time.Until(deadline)
	share := left / time.Duration(n)
	if share < minDialTime {
		share = min(minDialTime, left)
	}
	return time.Now().Add(share)
}

// resolve looks up host's addresses, timing the lookup. An IP literal needs no lookup; an
// IPv6 literal keeps its zone ("fe80::1%eth0"), which the dial uses.
func resolve(ctx context.Context, host string, deadline time.Time, e *env, ex *Exchange) ([]string, *Error) {
	if addr, _, _ := strings.Cut(host, "%"); net.ParseIP(addr) != nil {
		return []string{host}, nil
	}
	start := time.Now()
	lctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	var resolver net.Resolver
	ips, err := resolver.LookupIPAddr(lctx, host)
	ex.Timing.DNS = time.Since(start)
	if err == nil && len(ips) == 0 {
		err = &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
	}
	if err != nil {
		msg, timeout, canceled := e.cause(err)
		var dnsErr *net.DNSError
		switch {
		case canceled:
			msg = fmt.Sprintf("canceled while resolving %q", host)
		case timeout || lctx.Err() != nil:
			msg, timeout = fmt.Sprintf("timed out after %s resolving %q", e.timeout, host), true
		case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
			msg = fmt.Sprintf("no such host %q", host)
		case errors.As(err, &dnsErr):
			msg = fmt.Sprintf("DNS lookup of %q failed: %s", host, dnsErr.Err)
		default:
			msg = fmt.Sprintf("DNS lookup of %q failed: %s", host, msg)
		}
		return nil, &Error{Phase: PhaseDNS, Msg: msg, Timeout: timeout, Canceled: canceled, Err: err}
	}
	addrs := make([]string, len(ips))
	for i, ip := range ips {
		addrs[i] = ip.String()
	}
	return addrs, nil
}

func connectError(e *env, addr string, err error) *Error {
	msg, timeout, canceled := e.cause(err)
	switch {
	case canceled:
		msg = "canceled while connecting to " + addr
	case timeout:
		msg = fmt.Sprintf("timed out after %s connecting to %s", e.timeout, addr)
	case errors.Is(err, syscall.ECONNREFUSED):
		msg = "connection refused by " + addr
	case errors.Is(err, syscall.EHOSTUNREACH):
		msg = "host unreachable: " + addr
	case errors.Is(err, syscall.ENETUNREACH):
		msg = "network unreachable: " + addr
	default:
		var oe *net.OpError
		if errors.As(err, &oe) && oe.Err != nil {
			msg = oe.Err.Error()
		}
		msg = fmt.Sprintf("connecting to %s: %s", addr, msg)
	}
	return &Error{Phase: PhaseConnect, Msg: msg, Timeout: timeout, Canceled: canceled, Err: err}
}

func tlsError(e *env, err error) *Error {
	msg, timeout, canceled := e.cause(err)
	var verr *tls.CertificateVerificationError
	var rec tls.RecordHeaderError
	switch {
	case canceled:
		msg = "canceled during the TLS handshake"
	case timeout:
		msg = fmt.Sprintf("timed out after %s waiting for the TLS handshake", e.timeout)
	case errors.As(err, &verr):
		msg = "TLS handshake: " + certProblem(verr, time.Now()) + " (-k skips verification)"
	case errors.As(err, &rec) && looksLikeHTTP(rec.RecordHeader[:]):
		msg = "TLS handshake: the server answered in plain HTTP (try http://)"
	case msg == "connection closed" || msg == "connection reset by the server":
		msg = "TLS handshake: " + msg
	default:
		msg = "TLS handshake: " + err.Error()
	}
	return &Error{Phase: PhaseTLS, Msg: msg, Timeout: timeout, Canceled: canceled, Err: err}
}

func tlsInfo(st tls.ConnectionState, verified bool) *TLSInfo {
	info := &TLSInfo{
		Version:     tls.VersionName(st.Version),
		CipherSuite: tls.CipherSuiteName(st.CipherSuite),
		ALPN:        st.NegotiatedProtocol,
		ServerName:  st.ServerName,
		Verified:    verified,
		Chain:       append([]*x509.Certificate(nil), st.PeerCertificates...),
	}
	if len(st.PeerCertificates) > 0 {
		leaf := st.PeerCertificates[0]
		info.Subject = leaf.Subject.String()
		info.Issuer = leaf.Issuer.String()
		info.NotAfter = leaf.NotAfter
	}
	return info
}

// certProblem says in words why the server's certificate was not accepted at time now: which
// names it is for when the host is not one of them, its dates when it is out of them, and
// whether it is self-signed when no trusted authority signed it.
func certProblem(verr *tls.CertificateVerificationError, now time.Time) string {
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	var unknown x509.UnknownAuthorityError
	switch {
	case errors.As(verr.Err, &host) && host.Certificate != nil:
		return fmt.Sprintf("the certificate is for %s, not %s", certNames(host.Certificate), host.Host)
	case errors.As(verr.Err, &invalid) && invalid.Reason == x509.Expired && invalid.Cert != nil:
		c := invalid.Cert
		dates := fmt.Sprintf("valid from %s until %s", c.NotBefore.UTC().Format(certTime), c.NotAfter.UTC().Format(certTime))
		if now.Before(c.NotBefore) {
			return fmt.Sprintf("the certificate for %s is not valid yet (%s)", certNames(c), dates)
		}
		return fmt.Sprintf("the certificate for %s expired on %s (%s)", certNames(c), c.NotAfter.UTC().Format(certTime), dates)
	case errors.As(verr.Err, &unknown) && unknown.Cert != nil:
		// unknown.Cert is where the chain stopped: the leaf, or a root the system does not trust.
		top, leaf := unknown.Cert, unknown.Cert
		if len(verr.UnverifiedCertificates) > 0 {
			leaf = verr.UnverifiedCertificates[0]
		}
		if selfSigned(leaf) {
			return fmt.Sprintf("the certificate for %s is self-signed, so no trusted authority vouches for it", certNames(leaf))
		}
		authority := top.Issuer
		if selfSigned(top) {
			authority = top.Subject
		}
		name := authority.CommonName
		if name == "" {
			name = authority.String()
		}
		return fmt.Sprintf("the certificate for %s is signed by %q, an authority this system does not trust", certNames(leaf), name)
	}
	return verr.Err.Error()
}

// selfSigned reports whether c is signed by its own key.
func selfSigned(c *x509.Certificate) bool {
	return bytes.Equal(c.RawIssuer, c.RawSubject) && c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil
}

// certTime is how certProblem writes a certificate's dates.
const certTime = "2006-01-02 15:04 UTC"

// maxCertNames is how many of a certificate's names certNames lists.
const maxCertNames = 5

// certNames lists the names a certificate is for: its DNS names and IP addresses, or, when it
// has neither, a note on its common name, which clients no longer match against.
func certNames(c *x509.Certificate) string {
	var names []string
	names = append(names, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		names = append(names, ip.String())
	}
	switch {
	case len(names) == 0 && c.Subject.CommonName != "":
		return fmt.Sprintf("no name (only the common name %q, which clients ignore)", c.Subject.CommonName)
	case len(names) == 0:
		return "no name"
	case len(names) > maxCertNames:
		return strings.Join(names[:maxCertNames], ", ") + fmt.Sprintf(" and %d more", len(names)-maxCertNames)
	}
	return strings.Join(names, ", ")
}
