//go:build unix

package curl

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// freePort returns a loopback port that no one listens on at the moment.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// daemon runs a server program in the foreground until the test ends, and waits until it
// listens on addr.
func daemon(t *testing.T, addr, name string, args ...string) {
	t.Helper()
	out, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = out, out
	// Its own process group, so that the workers it starts (nginx's) stop with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	})
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
	}
	b, _ := os.ReadFile(out.Name())
	t.Fatalf("%s does not listen on %s: %s", name, addr, b)
}

// tinyproxy starts Debian's tinyproxy on a free loopback port, asking for user ("name
// password") when it is not empty, and returns its address.
func tinyproxy(t *testing.T, user string) string {
	t.Helper()
	path, err := exec.LookPath("tinyproxy")
	if err != nil {
		t.Skip("tinyproxy is not installed (Debian package tinyproxy)")
	}
	dir := t.TempDir()
	port := freePort(t)
	conf := fmt.Sprintf("Port %s\nListen 127.0.0.1\nTimeout 10\nMaxClients 10\nLogLevel Error\nLogfile %q\nPidFile %q\n",
		port, filepath.Join(dir, "log"), filepath.Join(dir, "pid"))
	if user != "" {
		conf += "BasicAuth " + user + "\n"
	}
	if err := os.WriteFile(filepath.Join(dir, "conf"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + port
	daemon(t, addr, path, "-d", "-c", filepath.Join(dir, "conf"))
	return addr
}

// curlRun runs curl with args and returns the status it got ("000" for none) and its exit code.
func curlRun(t *testing.T, args ...string) (status string, exit int) {
	t.Helper()
	path, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed")
	}
	c := exec.Command(path, append([]string{"-s", "-o", "/dev/null", "-w", "%{http_code}", "-m", "5"}, args...)...)
	c.Env = []string{"PATH=" + os.Getenv("PATH")}
	out, err := c.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		exit = ee.ExitCode()
	}
	return string(out), exit
}

// hsxRun parses args as hsx does and sends the request once.
func hsxRun(t *testing.T, args ...string) (*probe.Exchange, error) {
	t.Helper()
	cmd, err := Parse(args)
	if err != nil {
		t.Fatalf("Parse(%q): %v", args, err)
	}
	cmd.Request.Timeout = 5 * time.Second
	return probe.Do(context.Background(), cmd.Request)
}

// TestThroughTinyproxy sends requests through a real proxy, with and without the credentials
// it asks for, with curl and with hsx, and compares what each got.
func TestThroughTinyproxy(t *testing.T) {
	open := tinyproxy(t, "")
	closed := tinyproxy(t, "alice s3cret")
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "origin saw "+r.Host)
	}))
	t.Cleanup(plain.Close)
	secure := httptest.NewTLSServer(plain.Config.Handler)
	t.Cleanup(secure.Close)

	tests := []struct {
		name string
		args []string
		// want is the status both must get, "" for none (the tunnel is refused).
		want   string
		tunnel bool
		errs   string // a part of hsx's error when there is no response
	}{
		{"plain http", []string{"-x", open, plain.URL + "/a"}, "200", false, ""},
		{"https through a tunnel", []string{"-k", "-x", open, secure.URL + "/a"}, "200", true, ""},
		{"plain http, credentials wanted", []string{"-x", closed, plain.URL + "/a"}, "407", false, ""},
		{"plain http with -U", []string{"-x", closed, "-U", "alice:s3cret", plain.URL + "/a"}, "200", false, ""},
		{"https, credentials wanted", []string{"-k", "-x", closed, secure.URL + "/a"}, "", true,
			`wants credentials (407, Proxy-Authenticate: Basic realm="Tinyproxy"): give --proxy-user`},
		{"https, wrong credentials", []string{"-k", "-x", closed, "-U", "alice:wrong", secure.URL + "/a"}, "", true,
			"refused the credentials given (401 Unauthorized)"},
		{"https with -U", []string{"-k", "-x", closed, "-U", "alice:s3cret", secure.URL + "/a"}, "200", true, ""},
		{"https with credentials in the proxy URL", []string{"-k", "-x", "http://alice:s3cret@" + closed, secure.URL + "/a"}, "200", true, ""},
		{"--noproxy", []string{"-x", "127.0.0.1:1", "--noproxy", "127.0.0.1", plain.URL + "/a"}, "200", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, exit := curlRun(t, tt.args...)
			if tt.want == "" {
				// A refused CONNECT: curl fails, with no response code.
				if status != "000" || exit != 56 {
					t.Errorf("curl got %s, exit %d; want 000 and exit 56", status, exit)
				}
			} else if status != tt.want {
				t.Errorf("curl got %s, exit %d; want %s", status, exit, tt.want)
			}

			ex, err := hsxRun(t, tt.args...)
			if tt.want == "" {
				pe, ok := probe.AsError(err)
				if !ok || pe.Phase != probe.PhaseProxy || !strings.Contains(err.Error(), tt.errs) {
					t.Fatalf("hsx: err = %v; want %q in PhaseProxy", err, tt.errs)
				}
				if r := ex.Proxy.Tunnel.Response; r == nil || r.Status.Code < 400 {
					t.Errorf("the CONNECT step does not hold the proxy's refusal: %+v", ex.Proxy.Tunnel)
				}
				return
			}
			if err != nil {
				t.Fatalf("hsx: %v", err)
			}
			if got := fmt.Sprint(ex.Response.Status.Code); got != tt.want {
				t.Errorf("hsx got %s, want %s", got, tt.want)
			}
			if strings.Contains(tt.name, "noproxy") {
				if ex.Proxy != nil {
					t.Errorf("--noproxy: went through %+v", ex.Proxy)
				}
				return
			}
			if ex.Proxy == nil || (ex.Proxy.Tunnel != nil) != tt.tunnel {
				t.Fatalf("Proxy %+v; want a tunnel %v", ex.Proxy, tt.tunnel)
			}
			if tt.tunnel {
				if r := ex.Proxy.Tunnel.Response; r == nil || r.Status.Code != 200 {
					t.Errorf("CONNECT answer %+v", r)
				}
				if _, via := ex.Response.Get("Via"); via {
					t.Error("a response from inside the tunnel names the proxy in Via")
				}
				return
			}
			// tinyproxy names itself in Via when it relays a response, in Server when it
			// answers itself.
			via, _ := ex.Response.Get("Via")
			server, _ := ex.Response.Get("Server")
			if !strings.Contains(via+server, "tinyproxy") {
				t.Errorf("Via %q, Server %q; want tinyproxy named", via, server)
			}
		})
	}
}

// TestResolveNginx sends --resolve and --connect-to to nginx serving two virtual hosts, plain
// and over TLS, with curl and with hsx: both reach the virtual host of the URL's name, which
// the Host field and the TLS server name carry.
func TestResolveNginx(t *testing.T) {
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		t.Skip("nginx is not installed")
	}
	dir := t.TempDir()
	cert, key := writeCert(t, dir, "staging.example", "www.example")
	port, tlsPort := freePort(t), freePort(t)
	server := func(port, name, tls, body string) string {
		return fmt.Sprintf("server { listen 127.0.0.1:%s%s; server_name %s; %s default_type text/plain; return 200 %q; }\n",
			port, map[bool]string{true: " ssl"}[tls != ""], name, tls, body)
	}
	tlsConf := fmt.Sprintf("ssl_certificate %s; ssl_certificate_key %s;", cert, key)
	conf := fmt.Sprintf("daemon off;\npid %s/pid;\nerror_log %s/error.log;\nevents {}\nhttp {\naccess_log off;\n"+
		"client_body_temp_path %[1]s/b; proxy_temp_path %[1]s/p; fastcgi_temp_path %[1]s/f; uwsgi_temp_path %[1]s/u; scgi_temp_path %[1]s/s;\n",
		dir, dir) +
		server(port+" default_server", "_", "", "default") + server(port, "staging.example", "", "staging") +
		server(tlsPort+" default_server", "_", tlsConf, "tls default") + server(tlsPort, "staging.example", tlsConf, "tls staging") + "}\n"
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	daemon(t, "127.0.0.1:"+tlsPort, nginx, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"))

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"--resolve to the virtual host", []string{"--resolve", "staging.example:" + port + ":127.0.0.1", "http://staging.example:" + port + "/"}, "staging"},
		{"another name goes to the default", []string{"--resolve", "www.example:" + port + ":127.0.0.1", "http://www.example:" + port + "/"}, "default"},
		{"--resolve over TLS", []string{"-k", "--resolve", "staging.example:" + tlsPort + ":127.0.0.1", "https://staging.example:" + tlsPort + "/"}, "tls staging"},
		{"--connect-to", []string{"--connect-to", "staging.example:80:127.0.0.1:" + port, "http://staging.example/"}, "staging"},
		{"--connect-to over TLS", []string{"-k", "--connect-to", "staging.example:443:127.0.0.1:" + tlsPort, "https://staging.example/"}, "tls staging"},
		{"--connect-to to a name, then --resolve", []string{"--connect-to", "::backend.example:" + port,
			"--resolve", "backend.example:" + port + ":127.0.0.1", "http://staging.example/"}, "staging"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			curl, _ := exec.LookPath("curl")
			if curl != "" {
				c := exec.Command(curl, append([]string{"-s", "-m", "5"}, tt.args...)...)
				c.Env = []string{"PATH=" + os.Getenv("PATH")}
				out, err := c.Output()
				if err != nil || string(out) != tt.want {
					t.Errorf("curl got %q, %v; want %q", out, err, tt.want)
				}
			}
			ex, err := hsxRun(t, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(ex.Response.Body.Data); got != tt.want {
				t.Errorf("hsx got %q, want %q", got, tt.want)
			}
			if ex.TLS != nil && ex.TLS.ServerName != "staging.example" {
				t.Errorf("TLS server name %q, want the URL's", ex.TLS.ServerName)
			}
		})
	}
}

// writeCert writes a self-signed certificate for names, and its key, into dir.
func writeCert(t *testing.T, dir string, names ...string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: names[0]}, DNSNames: names,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

// TestUnixSocketAsCurl sends a request to a server on a Unix socket with curl and with hsx:
// both get the same answer, for the URL's host and path.
func TestUnixSocketAsCurl(t *testing.T) {
	dir, err := os.MkdirTemp("", "hsx-unix")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "docker.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("no unix sockets: %v", err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{"host":%q,"path":%q}`, r.Host, r.URL.RequestURI())
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	args := []string{"--unix-socket", sock, "http://localhost/v1.43/info?x=1"}
	want := `{"host":"localhost","path":"/v1.43/info?x=1"}`
	if curl, err := exec.LookPath("curl"); err == nil {
		out, err := exec.Command(curl, append([]string{"-s", "-m", "5"}, args...)...).Output()
		if err != nil || string(out) != want {
			t.Errorf("curl got %q, %v; want %q", out, err, want)
		}
	}
	ex, err := hsxRun(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(ex.Response.Body.Data); got != want {
		t.Errorf("hsx got %q, want %q", got, want)
	}
}
