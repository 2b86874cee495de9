package probe

import (
	"bufio"
	"context"
	"encoding/base64"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// testProxy is a small HTTP proxy for tests. It answers a request in absolute form itself
// (with a Via field, as a caching proxy that had the answer would), and a CONNECT as mode
// says: open the tunnel to the authority asked for, ask for credentials, refuse, close, or
// answer with something that is not HTTP.
type testProxy struct {
	mode string // "tunnel", "refuse", "close", "garbage"
	// user, when not empty, is the "user:password" the proxy wants; without it a 407 answers.
	user string
	// wrong, when not empty, is the status line that answers wrong credentials instead of a
	// 407 (tinyproxy answers "401 Unauthorized").
	wrong string
	mu    sync.Mutex
	got   []string // the heads of the requests received, in order
}

// start serves the proxy on loopback until the test ends and returns its "host:port".
func (p *testProxy) start(t *testing.T) string {
	t.Helper()
	u := rawServer(t, p.serve)
	return strings.TrimPrefix(u, "http://")
}

func (p *testProxy) heads() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.got...)
}

func (p *testProxy) serve(c net.Conn, done <-chan struct{}) {
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	br := bufio.NewReader(c)
	head, err := readRequestHead(br)
	if err != nil {
		return
	}
	p.mu.Lock()
	p.got = append(p.got, head)
	p.mu.Unlock()
	if p.user != "" && !strings.Contains(head, "\r\nProxy-Authorization: Basic "+base64.StdEncoding.EncodeToString([]byte(p.user))+"\r\n") {
		if p.wrong != "" && strings.Contains(head, "\r\nProxy-Authorization: ") {
			_, _ = io.WriteString(c, p.wrong+"\r\nContent-Length: 0\r\n\r\n")
			return
		}
		_, _ = io.WriteString(c, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
		return
	}
	method, rest, _ := strings.Cut(head, " ")
	target, _, _ := strings.Cut(rest, " ")
	if method != "CONNECT" {
		body := "from the proxy: " + target
		_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nVia: 1.1 testproxy\r\nServer: testproxy/1\r\nContent-Type: text/plain\r\nContent-Length: "+
			strconv.Itoa(len(body))+"\r\n\r\n"+body)
		return
	}
	switch p.mode {
	case "refuse":
		_, _ = io.WriteString(c, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
	case "close":
	case "garbage":
		_, _ = io.WriteString(c, "SSH-2.0-OpenSSH_9.6\r\n")
	default:
		up, err := net.Dial("tcp", target)
		if err != nil {
			_, _ = io.WriteString(c, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
			return
		}
		defer up.Close()
		_ = c.SetDeadline(time.Time{})
		_, _ = io.WriteString(c, "HTTP/1.1 200 Connection established\r\n\r\n")
		go func() { _, _ = io.Copy(up, br) }()
		_, _ = io.Copy(c, up)
	}
}

// TestProxyPlainHTTP sends plain http through a proxy: the request goes there in absolute
// form with curl's Proxy-Connection field, and the proxy's own answer is the response.
func TestProxyPlainHTTP(t *testing.T) {
	p := &testProxy{user: "u:p w"}
	addr := p.start(t)
	ex, err := Do(context.Background(), Request{URL: "http://origin.example:8080/a?b=1",
		Proxy: Proxy{URL: "http://" + addr, User: "u:p w"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "GET http://origin.example:8080/a?b=1 HTTP/1.1\r\nHost: origin.example:8080\r\nProxy-Authorization: Basic dTpwIHc=\r\n" +
		"User-Agent: " + UserAgent + "\r\nAccept: */*\r\nProxy-Connection: Keep-Alive\r\n\r\n"
	if got := p.heads(); len(got) != 1 || got[0] != want {
		t.Errorf("the proxy got %q, want %q", got, want)
	}
	if ex.Proxy == nil || ex.Proxy.Tunnel != nil || ex.Proxy.Addr != addr || ex.Addr != addr {
		t.Fatalf("Proxy = %+v, Addr %q; want the proxy %s without a tunnel", ex.Proxy, ex.Addr, addr)
	}
	if v, _ := ex.Response.Get("Via"); v != "1.1 testproxy" || string(ex.Response.Body.Data) != "from the proxy: http://origin.example:8080/a?b=1" {
		t.Errorf("Via %q, body %q", v, ex.Response.Body.Data)
	}
}

// TestProxyTunnel sends https through a CONNECT tunnel: the CONNECT step is recorded, and the
// TLS exchange inside it is the one that is read.
func TestProxyTunnel(t *testing.T) {
	origin := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Host", r.Host)
		w.WriteHeader(204)
	}))
	t.Cleanup(origin.Close)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(origin.URL, "https://"))

	for _, tt := range []struct {
		name  string
		proxy Proxy
		auth  string // the Proxy-Authorization the CONNECT carries, "" for none
	}{
		{"credentials of --proxy-user", Proxy{User: "u:p"}, "Basic dTpw"},
		{"credentials in the proxy URL", Proxy{}, "Basic dTpw"},
		{"--proxy-user wins over the URL's", Proxy{User: "u:p", URL: "x:y@"}, "Basic dTpw"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := &testProxy{mode: "tunnel", user: "u:p"}
			addr := p.start(t)
			px := tt.proxy
			creds := px.URL
			if creds == "" && px.User == "" {
				creds = "u:p@"
			}
			px.URL = "http://" + creds + addr
			// example.com is a name of httptest's certificate; the proxy's dial is what
			// finds the origin, so the name is connected through a --connect-to.
			ex, err := Do(context.Background(), Request{URL: "https://example.com:" + port + "/x", Proxy: px,
				ConnectTo: []ConnectTo{{Host: "example.com", ToHost: "127.0.0.1"}}, Insecure: true})
			if err != nil {
				t.Fatal(err)
			}
			tun := ex.Proxy.Tunnel
			if tun == nil || tun.Response == nil || tun.Response.Status.Code != 200 || tun.Err != "" {
				t.Fatalf("tunnel %+v", tun)
			}
			want := "CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nProxy-Authorization: " + tt.auth +
				"\r\nUser-Agent: " + UserAgent + "\r\nProxy-Connection: Keep-Alive\r\n\r\n"
			if string(tun.Request.Bytes) != want {
				t.Errorf("CONNECT sent %q, want %q", tun.Request.Bytes, want)
			}
			if ex.Response.Status.Code != 204 || ex.TLS == nil || ex.TLS.ServerName != "example.com" {
				t.Errorf("status %d, TLS %+v; want the origin's 204 over TLS to example.com", ex.Response.Status.Code, ex.TLS)
			}
			if h, _ := ex.Response.Get("X-Host"); h != "example.com:"+port {
				t.Errorf("the origin saw Host %q, want the URL's", h)
			}
			if strings.Contains(string(ex.Request.Bytes), "Proxy-") {
				t.Errorf("the request inside the tunnel carries proxy fields: %q", ex.Request.Bytes)
			}
		})
	}
}

// TestProxyTunnelFailures holds the ways a proxy can fail to open a tunnel, each an error in
// PhaseProxy that says what the proxy did.
func TestProxyTunnelFailures(t *testing.T) {
	tests := []struct {
		name  string
		proxy *testProxy
		user  string
		want  []string
		code  int // the status of the recorded CONNECT answer, 0 for none
	}{
		{"credentials wanted", &testProxy{mode: "tunnel", user: "u:p"}, "",
			[]string{`wants credentials (407, Proxy-Authenticate: Basic realm="test"): give --proxy-user`}, 407},
		{"credentials refused", &testProxy{mode: "tunnel", user: "u:p"}, "u:wrong",
			[]string{`refused the credentials given (407, Proxy-Authenticate: Basic realm="test")`}, 407},
		{"credentials refused with a 401", &testProxy{mode: "tunnel", user: "u:p", wrong: "HTTP/1.1 401 Unauthorized"}, "u:wrong",
			[]string{"refused the credentials given (401 Unauthorized)"}, 401},
		{"tunnel refused", &testProxy{mode: "refuse"}, "", []string{"refused the tunnel to h.example:443: 403 Forbidden"}, 403},
		{"closed without an answer", &testProxy{mode: "close"}, "", []string{"closed the connection without answering CONNECT"}, 0},
		{"not HTTP", &testProxy{mode: "garbage"}, "", []string{"not HTTP", `"SSH-2.0-OpenSSH_9.6\r\n"`}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := tt.proxy.start(t)
			ex, err := Do(context.Background(), Request{URL: "https://h.example/", Proxy: Proxy{URL: addr, User: tt.user}})
			pe, ok := AsError(err)
			if !ok || pe.Phase != PhaseProxy {
				t.Fatalf("err = %v; want an error in PhaseProxy", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %q, want it to say %q", err, w)
				}
			}
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Errorf("err = %q is not one line", err)
			}
			tun := ex.Proxy.Tunnel
			if tun == nil || tun.Err != err.Error() {
				t.Fatalf("tunnel %+v; want the step recorded with its error", tun)
			}
			if got := 0; tun.Response != nil {
				got = tun.Response.Status.Code
				if got != tt.code {
					t.Errorf("CONNECT answer %d, want %d", got, tt.code)
				}
			} else if tt.code != 0 {
				t.Errorf("no CONNECT answer recorded, want %d", tt.code)
			}
		})
	}
}

// TestProxyRefusedConnection: a proxy that is not there is a connect error that says it was
// the proxy.
func TestProxyRefusedConnection(t *testing.T) {
	_, err := Do(context.Background(), Request{URL: "http://h.example/", Proxy: Proxy{URL: boundPort(t)}})
	if pe, ok := AsError(err); !ok || pe.Phase != PhaseConnect || !strings.HasPrefix(err.Error(), "proxy: connection refused") {
		t.Errorf("err = %v", err)
	}
}

func TestProxyFor(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tests := []struct {
		name string
		p    Proxy
		url  string
		want string // the proxy chosen, "" for none
	}{
		{"none", Proxy{}, "http://h/", ""},
		{"lower-case http_proxy", ProxyFromEnv(env("http_proxy", "p:3128")), "http://h/", "http://p:3128"},
		{"upper-case HTTP_PROXY is not read", ProxyFromEnv(env("HTTP_PROXY", "p:3128")), "http://h/", ""},
		{"http_proxy is not for https", ProxyFromEnv(env("http_proxy", "p:3128")), "https://h/", ""},
		{"HTTPS_PROXY", ProxyFromEnv(env("HTTPS_PROXY", "s:1")), "https://h/", "http://s:1"},
		{"https_proxy before HTTPS_PROXY", ProxyFromEnv(env("https_proxy", "s:1", "HTTPS_PROXY", "S:2")), "https://h/", "http://s:1"},
		{"ALL_PROXY", ProxyFromEnv(env("ALL_PROXY", "a:1")), "http://h/", "http://a:1"},
		{"all_proxy before ALL_PROXY", ProxyFromEnv(env("all_proxy", "a:1", "ALL_PROXY", "A:2")), "https://h/", "http://a:1"},
		{"the scheme's proxy before all_proxy", ProxyFromEnv(env("all_proxy", "a:1", "http_proxy", "p:2")), "http://h/", "http://p:2"},
		{"NO_PROXY", ProxyFromEnv(env("http_proxy", "p:1", "NO_PROXY", "h")), "http://h/", ""},
		{"no_proxy before NO_PROXY", ProxyFromEnv(env("http_proxy", "p:1", "no_proxy", "x", "NO_PROXY", "h")), "http://h/", "http://p:1"},
		{"-x wins", Proxy{URL: "x:8080", HTTP: "p:1"}, "http://h/", "http://x:8080"},
		{"no-proxy applies to -x", Proxy{URL: "x:8080", NoProxy: "h"}, "http://h/", ""},
		{"default port 1080", Proxy{URL: "x"}, "http://h/", "http://x:1080"},
		{"credentials kept", Proxy{URL: "http://u:p@x"}, "http://h/", "http://u:p@x:1080"},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		got, err := tt.p.For(u)
		s := ""
		if got != nil {
			s = got.String()
		}
		if err != nil || s != tt.want {
			t.Errorf("%s: For(%s) = %q, %v; want %q", tt.name, tt.url, s, err, tt.want)
		}
	}
}

func TestNoProxyMatch(t *testing.T) {
	tests := []struct {
		list, host string
		want       bool
	}{
		{"*", "anything", true},
		{"example.com", "example.com", true},
		{"example.com", "www.example.com", true},
		{".example.com", "www.example.com", true},
		{".example.com", "example.com", true},
		{"example.com", "badexample.com", false},
		{"EXAMPLE.com", "example.COM", true},
		{"a, b ,c", "b", true},
		{"a,b", "c", false},
		{"127.0.0.0/8", "127.0.0.5", true},
		{"10.0.0.0/8", "127.0.0.5", false},
		{"::1", "[::1]", true},
		{"fe80::/10", "fe80::1%eth0", true},
		{"127.0.0.1", "127.0.0.1", true},
		{"localhost", "127.0.0.1", false},
		{"*.example.com", "www.example.com", false}, // curl knows no wildcards but "*" alone
		{"", "h", false},
	}
	for _, tt := range tests {
		if got := NoProxyMatch(tt.list, tt.host); got != tt.want {
			t.Errorf("NoProxyMatch(%q, %q) = %v, want %v", tt.list, tt.host, got, tt.want)
		}
	}
}

// TestProxyFromEnvError: a proxy of the environment that cannot be used fails the request
// with a message that names the variable.
func TestProxyFromEnvError(t *testing.T) {
	_, err := Do(context.Background(), Request{URL: "https://h.example/", Proxy: Proxy{HTTPS: "socks5://p:1080"}})
	if pe, ok := AsError(err); !ok || pe.Phase != PhaseRequest ||
		err.Error() != `https_proxy in the environment: proxy "socks5://p:1080": hsx speaks to proxies in plain http only, not socks5` {
		t.Errorf("err = %v", err)
	}
}

func TestParseProxyURLErrors(t *testing.T) {
	for in, want := range map[string]string{
		"socks5://p":     "plain http only, not socks5",
		"https://p:3128": "plain http only, not https",
		"gopher://p":     `unknown scheme "gopher"`,
		"http://:3128":   "has no host",
		"http://p:0":     "port 0 out of range",
		"http://p/x":     "no path",
		"http://p:x":     "not a URL",
	} {
		if _, err := ParseProxyURL(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseProxyURL(%q) = %v, want %q", in, err, want)
		}
	}
}

func TestParseResolve(t *testing.T) {
	good := map[string]Resolve{
		"example.com:80:127.0.0.1":        {Host: "example.com", Port: "80", Addrs: []string{"127.0.0.1"}},
		"example.com:443:[::1],127.0.0.2": {Host: "example.com", Port: "443", Addrs: []string{"::1", "127.0.0.2"}},
		"example.com:443:::1":             {Host: "example.com", Port: "443", Addrs: []string{"::1"}},
		"*:80:127.0.0.1":                  {Host: "*", Port: "80", Addrs: []string{"127.0.0.1"}},
		"+h:80:127.0.0.1":                 {Host: "h", Port: "80", Addrs: []string{"127.0.0.1"}},
		"-h:80":                           {Host: "h", Port: "80"},
	}
	for in, want := range good {
		got, err := ParseResolve(in)
		if err != nil || got.String() != want.String() || got.Host != want.Host {
			t.Errorf("ParseResolve(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	bad := map[string]string{
		"example.com:80":         `"example.com:80" needs HOST:PORT:ADDRESS`,
		"example.com":            "needs HOST:PORT:ADDRESS",
		":80:127.0.0.1":          "no host",
		"h:x:127.0.0.1":          `port "x" is not a number`,
		"h:80:localhost":         `"localhost" is not an IP address`,
		"h:80:127.0.0.1,":        `"" is not an IP address`,
		"h:80:":                  `"" is not an IP address`,
		"-h":                     "needs -HOST:PORT",
		"h:99999:127.0.0.1":      `port "99999"`,
		"h:80:127.0.0.1:8080:xx": "is not an IP address",
	}
	for in, want := range bad {
		if _, err := ParseResolve(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseResolve(%q) = %v, want %q", in, err, want)
		}
	}
}

func TestParseConnectTo(t *testing.T) {
	good := map[string]ConnectTo{
		"a:80:b:8080":   {"a", "80", "b", "8080"},
		"::b:":          {"", "", "b", ""},
		"a:443:[::1]:8": {"a", "443", "::1", "8"},
		"[::1]:80::81":  {"::1", "80", "", "81"},
	}
	for in, want := range good {
		got, err := ParseConnectTo(in)
		if err != nil || got != want {
			t.Errorf("ParseConnectTo(%q) = %+v, %v; want %+v", in, got, err, want)
		}
		if back, err := ParseConnectTo(got.String()); err != nil || back != got {
			t.Errorf("ParseConnectTo(%q) = %+v, %v; want it to read its String back", got.String(), back, err)
		}
	}
	for in, want := range map[string]string{
		"a:80:b":         "needs HOST1:PORT1:HOST2:PORT2",
		"a:80:b:8:9":     "needs HOST1:PORT1:HOST2:PORT2",
		"a:x:b:8":        `port "x"`,
		"a:80:[::1:8":    "bracket that does not close",
		"a:80:[::1]x:80": "a colon must follow",
	} {
		if _, err := ParseConnectTo(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseConnectTo(%q) = %v, want %q", in, err, want)
		}
	}
}

// hostEcho is an http server that answers with the Host it was sent.
func hostEcho(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain")
	_, _ = io.WriteString(w, "host="+r.Host)
}

// TestResolveAndConnectTo: the connection goes where --resolve and --connect-to say, and the
// Host field keeps the URL's name.
func TestResolveAndConnectTo(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(hostEcho))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"--resolve", Request{URL: "http://staging.example:" + port + "/",
			Resolve: []Resolve{{Host: "staging.example", Port: port, Addrs: []string{"127.0.0.1"}}}}, "host=staging.example:" + port},
		{"--resolve with two addresses, the first down", Request{URL: "http://staging.example:" + port + "/",
			Resolve: []Resolve{{Host: "STAGING.example", Port: port, Addrs: []string{"127.0.0.2", "127.0.0.1"}}}}, "host=staging.example:" + port},
		{"--resolve with a wildcard", Request{URL: "http://any.example:" + port + "/",
			Resolve: []Resolve{{Host: "*", Port: port, Addrs: []string{"127.0.0.1"}}}}, "host=any.example:" + port},
		{"--connect-to", Request{URL: "http://app.example/",
			ConnectTo: []ConnectTo{{Host: "app.example", Port: "80", ToHost: "127.0.0.1", ToPort: port}}}, "host=app.example"},
		{"--connect-to, then --resolve for the new host", Request{URL: "http://app.example/",
			ConnectTo: []ConnectTo{{ToHost: "backend.example", ToPort: port}},
			Resolve:   []Resolve{{Host: "backend.example", Port: port, Addrs: []string{"127.0.0.1"}}}}, "host=app.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(tt.name, "first down") {
				// 127.0.0.2 answers on loopback too on Linux; a port there that no one serves
				// is refused at once, so the second address is tried.
				if ln, err := net.Listen("tcp", "127.0.0.2:"+port); err == nil {
					ln.Close()
				}
			}
			ex, err := Do(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(ex.Response.Body.Data); got != tt.want {
				t.Errorf("body %q, want %q", got, tt.want)
			}
			if ex.Addr != "127.0.0.1:"+port {
				t.Errorf("Addr %q", ex.Addr)
			}
		})
	}
}

// TestResolveRemovedEntry: "-HOST:PORT" drops the earlier entries, so the name is looked up.
func TestResolveRemovedEntry(t *testing.T) {
	port := strings.TrimPrefix(boundPort(t), "127.0.0.1:") // a port no one listens on
	_, err := Do(context.Background(), Request{URL: "http://localhost:" + port + "/", Timeout: 3 * time.Second,
		Resolve: []Resolve{{Host: "localhost", Port: port, Addrs: []string{"127.0.0.2"}}, {Host: "localhost", Port: port}}})
	if pe, ok := AsError(err); !ok || pe.Phase != PhaseConnect || !strings.Contains(err.Error(), "localhost:"+port) {
		t.Errorf("err = %v; want localhost looked up and its address refused", err)
	}
}

// TestUnixSocket sends requests over Unix domain sockets, a path and (on Linux) an abstract
// name: the URL gives the Host field and the path.
func TestUnixSocket(t *testing.T) {
	dir, err := os.MkdirTemp("", "hsx-sock")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "s")
	serve := func(addr string) {
		ln, err := net.Listen("unix", addr)
		if err != nil {
			t.Skipf("no unix socket %s: %v", addr, err)
		}
		srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hostEcho(w, r)
			_, _ = io.WriteString(w, " path="+r.URL.Path)
		})}
		go func() { _ = srv.Serve(ln) }()
		t.Cleanup(func() { srv.Close() })
	}
	serve(path)
	tests := []struct {
		name     string
		socket   string
		abstract bool
	}{{"path", path, false}}
	if abstract := "hsx-test-" + filepath.Base(dir); serveAbstract(t, serve, abstract) {
		tests = append(tests, struct {
			name     string
			socket   string
			abstract bool
		}{"abstract", abstract, true})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := Do(context.Background(), Request{URL: "http://docker/v1.43/info", UnixSocket: tt.socket, AbstractSocket: tt.abstract,
				Proxy: Proxy{URL: "127.0.0.1:1"}}) // a Unix socket never goes through a proxy
			if err != nil {
				t.Fatal(err)
			}
			if got := string(ex.Response.Body.Data); got != "host=docker path=/v1.43/info" {
				t.Errorf("body %q", got)
			}
			if !strings.Contains(ex.Addr, tt.socket) || ex.Proxy != nil {
				t.Errorf("Addr %q, Proxy %+v", ex.Addr, ex.Proxy)
			}
		})
	}
	_, err = Do(context.Background(), Request{URL: "http://docker/", UnixSocket: filepath.Join(dir, "missing")})
	if pe, ok := AsError(err); !ok || pe.Phase != PhaseConnect || !strings.Contains(err.Error(), "no socket at unix socket "+dir) {
		t.Errorf("err = %v", err)
	}
}

// serveAbstract serves on the abstract socket name where the platform has them.
func serveAbstract(t *testing.T, serve func(string), name string) bool {
	if ln, err := net.Listen("unix", "@"+name); err == nil {
		ln.Close()
		serve("@" + name)
		return true
	}
	return false
}

// TestZoneID: an IPv6 literal with a zone is dialled with its zone, and the Host field goes
// without it.
func TestZoneID(t *testing.T) {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback: %v", err)
	}
	ifaces, _ := net.Interfaces()
	zone := ""
	for _, i := range ifaces {
		if i.Flags&net.FlagLoopback != 0 {
			zone = i.Name
		}
	}
	if zone == "" {
		t.Skip("no loopback interface to name as a zone")
	}
	srv := &http.Server{Handler: http.HandlerFunc(hostEcho)}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	port := ln.Addr().(*net.TCPAddr).Port
	ex, err := Do(context.Background(), Request{URL: "http://[::1%25" + zone + "]:" + strconv.Itoa(port) + "/"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(ex.Response.Body.Data), "host=[::1]:"+strconv.Itoa(port); got != want {
		t.Errorf("body %q, want %q", got, want)
	}
}
