package curl

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// The flags that choose how a request reaches the server: a proxy, other addresses for a
// name, a Unix socket.

// proxy handles -x: the proxy for every scheme, which wins over the environment's; an empty
// value sends directly whatever the environment says, as with curl.
func (p *parser) proxy(flag, v string) error {
	if v != "" {
		if _, err := probe.ParseProxyURL(v); err != nil {
			return fmt.Errorf("%s: %w", flag, err)
		}
	}
	p.cmd.Request.Proxy.URL = v
	p.cmd.proxySet = true
	return nil
}

// proxyUser handles -U user:password, Basic authentication to the proxy.
func (p *parser) proxyUser(flag, v string) error {
	if !strings.Contains(v, ":") {
		return fmt.Errorf("%s: give user:password (hsx does not prompt for a password)", flag)
	}
	p.cmd.Request.Proxy.User = v
	return nil
}

// noProxy handles --noproxy: the hosts reached directly, which wins over the environment's
// no_proxy.
func (p *parser) noProxy(_, v string) error {
	p.cmd.Request.Proxy.NoProxy = v
	p.cmd.noProxySet = true
	return nil
}

// resolve handles --resolve HOST:PORT:ADDRESS[,ADDRESS…].
func (p *parser) resolve(flag, v string) error {
	r, err := probe.ParseResolve(v)
	if err != nil {
		return fmt.Errorf("%s: %w", flag, err)
	}
	p.cmd.Request.Resolve = append(p.cmd.Request.Resolve, r)
	return nil
}

// connectTo handles --connect-to HOST1:PORT1:HOST2:PORT2.
func (p *parser) connectTo(flag, v string) error {
	c, err := probe.ParseConnectTo(v)
	if err != nil {
		return fmt.Errorf("%s: %w", flag, err)
	}
	p.cmd.Request.ConnectTo = append(p.cmd.Request.ConnectTo, c)
	return nil
}

// unixSocket handles --unix-socket PATH and, on Linux, --abstract-unix-socket NAME.
func unixSocket(abstract bool) func(p *parser, flag, v string) error {
	return func(p *parser, flag, v string) error {
		if v == "" {
			return fmt.Errorf("%s needs a socket path", flag)
		}
		if abstract && runtime.GOOS != "linux" {
			return fmt.Errorf("%s is only supported on Linux", flag)
		}
		p.cmd.Request.UnixSocket, p.cmd.Request.AbstractSocket = v, abstract
		return nil
	}
}

// UseEnvironment takes the proxies and the no-proxy list from the environment, read with
// getenv (os.Getenv) by curl's rules (see probe.ProxyFromEnv), where no flag set them: -x
// (even an empty one) replaces the environment's proxies, and --noproxy its no_proxy.
func (c *Command) UseEnvironment(getenv func(string) string) {
	env := probe.ProxyFromEnv(getenv)
	px := &c.Request.Proxy
	if !c.proxySet {
		px.HTTP, px.HTTPS, px.All = env.HTTP, env.HTTPS, env.All
	}
	if !c.noProxySet {
		px.NoProxy = env.NoProxy
	}
}

// reachArgs writes the flags of req that choose how it reaches the server, for Format. The
// environment's proxies are left to the environment.
func reachArgs(req probe.Request) []string {
	var args []string
	px := req.Proxy
	if px.URL != "" {
		args = append(args, "-x", Quote(px.URL))
	}
	if px.User != "" {
		args = append(args, "-U", Quote(px.User))
	}
	if px.NoProxy != "" {
		args = append(args, "--noproxy", Quote(px.NoProxy))
	}
	if px.Tunnel {
		args = append(args, "-p")
	}
	for _, r := range req.Resolve {
		args = append(args, "--resolve", Quote(r.String()))
	}
	for _, c := range req.ConnectTo {
		args = append(args, "--connect-to", Quote(c.String()))
	}
	switch {
	case req.UnixSocket != "" && req.AbstractSocket:
		args = append(args, "--abstract-unix-socket", Quote(req.UnixSocket))
	case req.UnixSocket != "":
		args = append(args, "--unix-socket", Quote(req.UnixSocket))
	}
	return args
}
