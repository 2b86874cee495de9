package check

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// mainstream answers /204 with a 204 and anything else with a small JSON document.
func mainstream(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/204" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"ok":true}`))
}

// h2cServer serves h over HTTP/1.1 and over HTTP/2 with prior knowledge.
func h2cServer(h http.Handler) *httptest.Server {
	s := httptest.NewUnstartedServer(h)
	s.Config.Protocols = new(http.Protocols)
	s.Config.Protocols.SetHTTP1(true)
	s.Config.Protocols.SetUnencryptedHTTP2(true)
	s.Start()
	return s
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitPort waits until something listens on port.
func waitPort(t *testing.T, port int) {
	t.Helper()
	for range 100 {
		if c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port)); err == nil {
			c.Close()
			return
		}
		time.Sleep(30 * time.Millisecond)
	}
	t.Fatalf("nothing listens on port %d", port)
}

// selfSigned writes a self-signed certificate for 127.0.0.1 and its key to dir.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	for file, block := range map[string]*pem.Block{certFile: {Type: "CERTIFICATE", Bytes: der}, keyFile: {Type: "EC PRIVATE KEY", Bytes: kder}} {
		if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return certFile, keyFile
}

// TestHTTP2MainstreamServers: correct HTTP/2 responses from mainstream servers, over TLS and
// over h2c, get no error and no warning.
func TestHTTP2MainstreamServers(t *testing.T) {
	type target struct {
		name string
		base string // scheme://host:port
		mode probe.HTTP2Mode
	}
	var targets []target

	goTLS := httptest.NewUnstartedServer(http.HandlerFunc(mainstream))
	goTLS.EnableHTTP2 = true
	goTLS.StartTLS()
	t.Cleanup(goTLS.Close)
	goH2C := h2cServer(http.HandlerFunc(mainstream))
	t.Cleanup(goH2C.Close)
	targets = append(targets, target{"Go net/http over TLS", goTLS.URL, probe.HTTP2ALPN},
		target{"Go h2c", goH2C.URL, probe.HTTP2Prior})

	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	if nginx, err := exec.LookPath("nginx"); err != nil {
		t.Log("nginx is not installed: its cases are skipped")
	} else {
		tlsPort, h2cPort := freePort(t), freePort(t)
		conf := strings.NewReplacer("DIR", dir, "TLSPORT", strconv.Itoa(tlsPort), "H2CPORT", strconv.Itoa(h2cPort),
			"CERT", cert, "KEY", key).Replace(nginxH2Conf)
		if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(nginx, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-e", filepath.Join(dir, "error.log"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("nginx: %v\n%s", err, out)
		}
		t.Cleanup(func() {
			_ = exec.Command(nginx, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-e", filepath.Join(dir, "error.log"), "-s", "stop").Run()
		})
		waitPort(t, tlsPort)
		waitPort(t, h2cPort)
		targets = append(targets, target{"nginx listen ssl http2", "https://127.0.0.1:" + strconv.Itoa(tlsPort), probe.HTTP2ALPN},
			target{"nginx listen http2 (h2c)", "http://127.0.0.1:" + strconv.Itoa(h2cPort), probe.HTTP2Prior})
	}
	if node, err := exec.LookPath("node"); err != nil {
		t.Log("node is not installed: its cases are skipped")
	} else {
		tlsPort, h2cPort := freePort(t), freePort(t)
		cmd := exec.Command(node, "-e", nodeH2Server, strconv.Itoa(h2cPort), strconv.Itoa(tlsPort), cert, key)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
		waitPort(t, tlsPort)
		waitPort(t, h2cPort)
		targets = append(targets, target{"Node http2.createSecureServer", "https://127.0.0.1:" + strconv.Itoa(tlsPort), probe.HTTP2ALPN},
			target{"Node http2.createServer (h2c)", "http://127.0.0.1:" + strconv.Itoa(h2cPort), probe.HTTP2Prior})
	}

	for _, tg := range targets {
		for _, req := range []struct{ method, path string }{{"GET", "/204"}, {"DELETE", "/204"}, {"GET", "/json"}, {"HEAD", "/json"}} {
			t.Run(tg.name+"/"+req.method+req.path, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				ex, err := probe.Do(ctx, probe.Request{Method: req.method, URL: tg.base + req.path, HTTP2: tg.mode,
					Insecure: true, Grace: 50 * time.Millisecond})
				if err != nil {
					t.Fatal(err)
				}
				if ex.Response.Status.Proto != probe.ProtoHTTP2 {
					t.Fatalf("spoke %s", ex.Response.Status.Proto)
				}
				for _, f := range Run(ex) {
					if f.Severity >= Warning {
						t.Errorf("%s %s: %s", f.Severity, f.ID, f.Message)
					}
				}
			})
		}
	}
}

// nginxH2Conf serves /204 with return 204 and /json with a JSON body, over TLS with h2 and over
// h2c, each on its own port.
const nginxH2Conf = `worker_processes 1;
pid DIR/nginx.pid;
daemon on;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path DIR/body;
  proxy_temp_path DIR/proxy;
  fastcgi_temp_path DIR/fcgi;
  uwsgi_temp_path DIR/uwsgi;
  scgi_temp_path DIR/scgi;
  server {
    listen 127.0.0.1:TLSPORT ssl http2;
    listen 127.0.0.1:H2CPORT http2;
    ssl_certificate CERT;
    ssl_certificate_key KEY;
    location = /204 { return 204; }
    location = /json { default_type application/json; return 200 '{"ok":true}'; }
  }
}
`

// nodeH2Server is Node's http2 module serving /204 with writeHead(204) and /json with a JSON
// body, over h2c (argv[1]) and TLS (argv[2], with the certificate and key files after it).
const nodeH2Server = `
const http2 = require('http2'), fs = require('fs');
const [h2cPort, tlsPort, cert, key] = process.argv.slice(1);
function handler(req, res) {
  if (req.url === '/204') { res.writeHead(204); res.end(); return; }
  res.setHeader('content-type', 'application/json');
  res.end('{"ok":true}');
}
http2.createServer(handler).listen(+h2cPort, '127.0.0.1');
http2.createSecureServer({cert: fs.readFileSync(cert), key: fs.readFileSync(key)}, handler).listen(+tlsPort, '127.0.0.1');
`
