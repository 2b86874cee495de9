package probe

import (
	"encoding/base64"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// Proxy says whether and how a request goes through an HTTP proxy, the way curl decides it:
// an explicit proxy (curl's -x) wins over the environment's, and the no-proxy list (curl's
// --noproxy, or the environment's no_proxy) names hosts reached directly whichever proxy was
// chosen. The zero value connects directly.
type Proxy struct {
	// URL is the proxy given explicitly, for every scheme: "host:port", "http://host:port",
	// with credentials as "http://user:password@host". Without a port the proxy is on 1080, as
	// with curl. When URL is empty, the environment's proxies below are used.
	URL string
	// HTTP, HTTPS and All are the environment's proxies, for http URLs, for https URLs and for
	// either when there is none for the scheme: curl's http_proxy, https_proxy and all_proxy.
	HTTP, HTTPS, All string
	// NoProxy is a comma-separated list of hosts to reach directly: a "*" alone for every host,
	// a name for that name and its subdomains (a leading dot is allowed), an IP address, or an
	// address range such as "192.168.0.0/16". Ports are not compared.
	NoProxy string
	// User is "user:password" for Basic authentication to the proxy (curl's --proxy-user);
	// it wins over credentials in the proxy's URL.
	User string
	// Tunnel sends an http request through a CONNECT tunnel as well (curl's --proxytunnel);
	// https always goes through one.
	Tunnel bool
}

// ProxyFromEnv returns the proxies and the no-proxy list of the environment, read with getenv
// (os.Getenv) the way curl reads them: http_proxy only in lower case (the upper-case
// HTTP_PROXY can be set by a CGI request's Proxy header), https_proxy, all_proxy and no_proxy
// in lower case first and then in upper case.
func ProxyFromEnv(getenv func(string) string) Proxy {
	either := func(name string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return getenv(strings.ToUpper(name))
	}
	return Proxy{HTTP: getenv("http_proxy"), HTTPS: either("https_proxy"), All: either("all_proxy"),
		NoProxy: either("no_proxy")}
}

// DefaultProxyPort is the port of a proxy URL that gives none, as with curl.
const DefaultProxyPort = "1080"

// For returns the proxy that a request to u goes through, nil for none, with its scheme and
// port filled in. A proxy URL that cannot be used is an error that names it.
func (p Proxy) For(u *url.URL) (*url.URL, error) {
	raw, from := p.URL, ""
	if raw == "" {
		if u.Scheme == "https" {
			raw, from = p.HTTPS, "https_proxy"
		} else {
			raw, from = p.HTTP, "http_proxy"
		}
		if raw == "" {
			raw, from = p.All, "all_proxy"
		}
	}
	if raw == "" || NoProxyMatch(p.NoProxy, u.Hostname()) {
		return nil, nil
	}
	pu, err := ParseProxyURL(raw)
	if err != nil && from != "" {
		return nil, fmt.Errorf("%s in the environment: %w", from, err)
	}
	return pu, err
}

// ParseProxyURL reads a proxy as curl's -x takes it: "host", "host:port" or
// "http://[user:password@]host[:port]", with 1080 for a missing port. Other schemes (SOCKS,
// https to the proxy) are errors that say hsx does not speak them.
func ParseProxyURL(raw string) (*url.URL, error) {
	s := raw
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("proxy %q is not a URL: %v", raw, unwrapURLError(err))
	}
	switch u.Scheme = strings.ToLower(u.Scheme); u.Scheme {
	case "http":
	case "https", "socks4", "socks4a", "socks5", "socks5h":
		return nil, fmt.Errorf("proxy %q: hsx speaks to proxies in plain http only, not %s", raw, u.Scheme)
	default:
		return nil, fmt.Errorf("proxy %q: unknown scheme %q (use http://)", raw, u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("proxy %q has no host", raw)
	}
	if p := u.Port(); p == "" {
		u.Host = net.JoinHostPort(u.Hostname(), DefaultProxyPort)
	} else if !validPort(p) {
		return nil, fmt.Errorf("proxy %q: port %s out of range", raw, p)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return nil, fmt.Errorf("proxy %q: a proxy URL has no path or query", raw)
	}
	u.Path = ""
	return u, nil
}

// NoProxyMatch reports whether host (a name or an IP address, brackets and zone allowed) is
// in list, a no-proxy list as Proxy.NoProxy describes it.
func NoProxyMatch(list, host string) bool {
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	addr, addrErr := netip.ParseAddr(host)
	if addrErr == nil {
		addr = addr.WithZone("")
	}
	for _, e := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if e == "*" {
			return true
		}
		e = strings.Trim(e, "[]")
		if addrErr == nil {
			if pfx, err := netip.ParsePrefix(e); err == nil && pfx.Contains(addr) {
				return true
			}
			if a, err := netip.ParseAddr(e); err == nil && a.WithZone("") == addr {
				return true
			}
			continue
		}
		e = strings.TrimSuffix(strings.TrimPrefix(e, "."), ".")
		if e == "" {
			continue
		}
		if EqualFold(host, e) || (len(host) > len(e) && host[len(host)-len(e)-1] == '.' && EqualFold(host[len(host)-len(e):], e)) {
			return true
		}
	}
	return false
}

// proxyAuth returns the Proxy-Authorization value for proxy p reached with config c: Basic
// with c.User, or with the credentials in the proxy's URL; "" for none.
func proxyAuth(c Proxy, p *url.URL) string {
	creds := c.User
	if creds == "" && p.User != nil {
		pass, _ := p.User.Password()
		creds = p.User.Username() + ":" + pass
	}
	if creds == "" {
		return ""
	}
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(creds))
}

// ProxyInfo describes the proxy an exchange went through.
type ProxyInfo struct {
	// URL is the proxy, with its password hidden.
	URL string
	// Addr is the address of the proxy that was connected to.
	Addr string
	// Tunnel is the CONNECT exchange that opened a tunnel through the proxy; nil when the
	// request went to the proxy in absolute form (plain http without Proxy.Tunnel).
	Tunnel *Tunnel
}

// Tunnel is the CONNECT exchange with a proxy that comes before the request, as its own step.
type Tunnel struct {
	// Request is the CONNECT request as it was written.
	Request Sent
	// Response is the proxy's answer to it; nil when none arrived.
	Response *Response
	// Time is from writing the CONNECT request to the end of the proxy's answer.
	Time time.Duration
	// Err says why the tunnel was not opened, in one line; empty when it was.
	Err string
}

// validPort reports whether p is a decimal port number from 1 to 65535.
func validPort(p string) bool {
	if p == "" || len(p) > 5 {
		return false
	}
	n := 0
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n >= 1 && n <= 65535
}
