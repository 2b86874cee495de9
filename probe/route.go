package probe

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
)

// Resolve is one --resolve entry: connections to Host on Port go to Addrs instead of the
// addresses a DNS lookup would give. The request's Host field and the TLS server name keep
// the URL's name.
type Resolve struct {
	// Host is the name as in the URL, or "*" for any host.
	Host string
	// Port is the port as a decimal number.
	Port string
	// Addrs are the IP addresses to connect to, in order; empty for an entry that removes
	// the earlier entries of Host and Port ("-HOST:PORT").
	Addrs []string
}

// ParseResolve reads an entry written as curl's --resolve takes it: "HOST:PORT:ADDRESS",
// with several addresses separated by commas, IPv6 addresses in brackets or not, "*" for any
// host, a "+" in front (curl's "keep until timeout" mark, which changes nothing for one
// request) and "-HOST:PORT" to remove the earlier entries. Errors name the part that is wrong.
func ParseResolve(s string) (Resolve, error) {
	entry := strings.TrimPrefix(s, "+")
	if rest, ok := strings.CutPrefix(entry, "-"); ok {
		host, port, ok := strings.Cut(rest, ":")
		if !ok || host == "" || !validPort(port) {
			return Resolve{}, fmt.Errorf("%q needs -HOST:PORT to remove an entry", s)
		}
		return Resolve{Host: host, Port: port}, nil
	}
	host, rest, ok1 := strings.Cut(entry, ":")
	port, addrs, ok2 := strings.Cut(rest, ":")
	if !ok1 || !ok2 {
		return Resolve{}, fmt.Errorf("%q needs HOST:PORT:ADDRESS", s)
	}
	if host == "" {
		return Resolve{}, fmt.Errorf("%q has no host before the first colon", s)
	}
	if !validPort(port) {
		return Resolve{}, fmt.Errorf("%q: port %q is not a number from 1 to 65535", s, port)
	}
	r := Resolve{Host: strings.Trim(host, "[]"), Port: port}
	for _, a := range strings.Split(addrs, ",") {
		a = strings.TrimSpace(a)
		ip, err := netip.ParseAddr(strings.Trim(a, "[]"))
		if err != nil {
			return Resolve{}, fmt.Errorf("%q: %q is not an IP address", s, a)
		}
		r.Addrs = append(r.Addrs, ip.String())
	}
	return r, nil
}

// String returns the entry as ParseResolve reads it.
func (r Resolve) String() string {
	if len(r.Addrs) == 0 {
		return "-" + r.Host + ":" + r.Port
	}
	addrs := make([]string, len(r.Addrs))
	for i, a := range r.Addrs {
		addrs[i] = a
		if strings.Contains(a, ":") {
			addrs[i] = "[" + a + "]"
		}
	}
	return r.Host + ":" + r.Port + ":" + strings.Join(addrs, ",")
}

// ConnectTo is one --connect-to entry: a connection meant for Host on Port goes to ToHost on
// ToPort instead. An empty Host or Port matches any; an empty ToHost or ToPort keeps the
// original. The request's Host field and the TLS server name keep the URL's name.
type ConnectTo struct {
	Host, Port, ToHost, ToPort string
}

// ParseConnectTo reads an entry written as curl's --connect-to takes it:
// "HOST1:PORT1:HOST2:PORT2", IPv6 addresses in brackets. Errors name the part that is wrong.
func ParseConnectTo(s string) (ConnectTo, error) {
	parts, err := splitHostPorts(s)
	if err != nil {
		return ConnectTo{}, err
	}
	if len(parts) != 4 {
		return ConnectTo{}, fmt.Errorf("%q needs HOST1:PORT1:HOST2:PORT2 (a part may be empty)", s)
	}
	for _, i := range []int{1, 3} {
		if parts[i] != "" && !validPort(parts[i]) {
			return ConnectTo{}, fmt.Errorf("%q: port %q is not a number from 1 to 65535", s, parts[i])
		}
	}
	return ConnectTo{Host: parts[0], Port: parts[1], ToHost: parts[2], ToPort: parts[3]}, nil
}

// String returns the entry as ParseConnectTo reads it.
func (c ConnectTo) String() string {
	b := func(h string) string {
		if strings.Contains(h, ":") {
			return "[" + h + "]"
		}
		return h
	}
	return b(c.Host) + ":" + c.Port + ":" + b(c.ToHost) + ":" + c.ToPort
}

// splitHostPorts splits s at its colons, keeping a bracketed IPv6 address as one part
// without its brackets.
func splitHostPorts(s string) ([]string, error) {
	var parts []string
	for rest := s; ; {
		part := ""
		if strings.HasPrefix(rest, "[") {
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, fmt.Errorf("%q: a bracket that does not close", s)
			}
			part, rest = rest[1:end], rest[end+1:]
			if rest != "" && rest[0] != ':' {
				return nil, fmt.Errorf("%q: a colon must follow %q", s, "["+part+"]")
			}
		} else {
			i := strings.IndexByte(rest, ':')
			if i < 0 {
				i = len(rest)
			}
			part, rest = rest[:i], rest[i:]
		}
		parts = append(parts, part)
		if rest == "" {
			return parts, nil
		}
		rest = rest[1:]
	}
}

// route is where one hop connects: the host and port to dial, and the addresses already known
// for it (from a --resolve entry) when not empty.
type route struct {
	host, port string
	addrs      []string
}

// routeTo returns where a connection meant for host and port goes, after req's ConnectTo
// entries (the first that matches) and Resolve entries (the last that matches, as later
// entries replace earlier ones).
func routeTo(req Request, host, port string, connectTo bool) route {
	rt := route{host: host, port: port}
	if connectTo {
		for _, c := range req.ConnectTo {
			if (c.Host == "" || EqualFold(c.Host, host)) && (c.Port == "" || c.Port == port) {
				if c.ToHost != "" {
					rt.host = c.ToHost
				}
				if c.ToPort != "" {
					rt.port = c.ToPort
				}
				break
			}
		}
	}
	for _, r := range req.Resolve {
		if (r.Host == "*" || EqualFold(r.Host, rt.host)) && r.Port == rt.port {
			rt.addrs = r.Addrs // an entry without addresses removes the earlier ones
		}
	}
	return rt
}

// hostPort joins host and port for a message or a dial, bracketing an IPv6 address.
func hostPort(host, port string) string { return net.JoinHostPort(host, port) }

// redirected reports whether one of req's ConnectTo entries sends the connection for u
// elsewhere.
func redirected(req Request, u *url.URL) bool {
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = defaultPort(u.Scheme)
	}
	rt := routeTo(req, host, port, true)
	return rt.host != host || rt.port != port
}

// defaultPort is the port of a URL of scheme that gives none.
func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}
