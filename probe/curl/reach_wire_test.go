package curl

import (
	"bufio"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// headRecorder accepts connections on ln and sends the head of the first request on each
// (a request line and fields, up to the blank line), answering 204; it stops at the end of
// the test. A CONNECT gets the 204 too: a 2xx that opens a "tunnel" the recorder then closes.
func headRecorder(t *testing.T, ln net.Listener) <-chan string {
	t.Helper()
	t.Cleanup(func() { _ = ln.Close() })
	got := make(chan string, 4)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			_ = c.SetDeadline(time.Now().Add(5 * time.Second))
			br := bufio.NewReader(c)
			var b strings.Builder
			for {
				line, err := br.ReadString('\n')
				b.WriteString(line)
				if err != nil || line == "\r\n" {
					break
				}
			}
			_, _ = c.Write([]byte("HTTP/1.1 204 No Content\r\n\r\n"))
			_ = c.Close()
			got <- b.String()
		}
	}()
	return got
}

// TestReachBytesAsCurl sends the same proxy, --resolve, --connect-to and --unix-socket flags
// (and proxy environment) with curl and with hsx, and compares what reached the server (or
// the proxy) byte for byte, curl's own User-Agent aside.
func TestReachBytesAsCurl(t *testing.T) {
	curlPath, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	rec := ln.Addr().String()
	_, port, _ := net.SplitHostPort(rec)
	requests := headRecorder(t, ln)
	dir, err := os.MkdirTemp("", "hsx-curl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "s")
	uln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	unixRequests := headRecorder(t, uln)

	tests := []struct {
		name string
		args []string
		env  []string // the proxy environment, NAME=value
		url  string
		unix bool // the request reaches the Unix socket recorder
	}{
		{"-x", []string{"-x", rec}, nil, "http://origin.example:8080/a?b=1", false},
		{"--proxy with -U, -u and -H", []string{"--proxy", "http://" + rec, "-U", "pu:pp", "-u", "u:p", "-H", "X-A: 1"}, nil, "http://origin.example/", false},
		{"credentials in the proxy URL", []string{"-x", "http://pu:p%40p@" + rec}, nil, "http://origin.example/", false},
		{"-x with --compressed", []string{"-x", rec, "--compressed"}, nil, "http://origin.example/", false},
		{"-x with Proxy-Connection removed", []string{"-x", rec, "-H", "Proxy-Connection:"}, nil, "http://origin.example/", false},
		{"https through -x is a CONNECT", []string{"-x", rec, "-U", "pu:pp"}, nil, "https://origin.example/x", false},
		{"-A in the CONNECT", []string{"-x", rec, "-A", "agent/1"}, nil, "https://origin.example:8443/", false},
		{"-p tunnels plain http", []string{"-p", "-x", rec}, nil, "http://origin.example/", false},
		{"--connect-to through a proxy tunnels", []string{"-x", rec, "--connect-to", "origin.example:80:backend.example:81"}, nil, "http://origin.example/", false},
		{"http_proxy", nil, []string{"http_proxy=" + rec}, "http://origin.example/", false},
		{"HTTP_PROXY is not read", []string{"--resolve", "origin.example:" + port + ":127.0.0.1"}, []string{"HTTP_PROXY=127.0.0.1:1"}, "http://origin.example:" + port + "/", false},
		{"HTTPS_PROXY", nil, []string{"HTTPS_PROXY=" + rec}, "https://origin.example/", false},
		{"ALL_PROXY", nil, []string{"ALL_PROXY=" + rec}, "http://origin.example/", false},
		{"no_proxy", []string{"--resolve", "origin.example:" + port + ":127.0.0.1"}, []string{"http_proxy=127.0.0.1:1", "no_proxy=example"}, "http://origin.example:" + port + "/", false},
		{"--noproxy over no_proxy", nil, []string{"http_proxy=" + rec, "no_proxy=origin.example"}, "http://origin.example/", false},
		{"-x '' over http_proxy", []string{"-x", "", "--resolve", "origin.example:" + port + ":127.0.0.1"}, []string{"http_proxy=127.0.0.1:1"}, "http://origin.example:" + port + "/", false},
		{"--resolve", []string{"--resolve", "origin.example:" + port + ":127.0.0.1"}, nil, "http://origin.example:" + port + "/p", false},
		{"--resolve for the proxy's name", []string{"-x", "proxy.example:" + port, "--resolve", "proxy.example:" + port + ":127.0.0.1"}, nil, "http://origin.example/", false},
		{"--resolve with a wildcard", []string{"--resolve", "*:" + port + ":127.0.0.1"}, nil, "http://any.example:" + port + "/", false},
		{"--connect-to", []string{"--connect-to", "origin.example:80:127.0.0.1:" + port}, nil, "http://origin.example/", false},
		{"--connect-to: the first entry that matches", []string{"--connect-to", "other.example:80:127.0.0.1:1",
			"--connect-to", ":80:127.0.0.1:" + port, "--connect-to", "origin.example:80:127.0.0.1:1"}, nil, "http://origin.example/", false},
		{"--unix-socket", []string{"--unix-socket", sock}, nil, "http://docker/v1.43/containers/json?all=1", true},
		{"--unix-socket without the proxy", []string{"--unix-socket", sock, "-x", "127.0.0.1:1"}, nil, "http://docker/info", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{}, tt.args...), tt.url)
			if tt.name == "--noproxy over no_proxy" {
				args = append([]string{"--noproxy", "other.example"}, args...)
			}
			c := exec.Command(curlPath, append([]string{"-s", "-o", "/dev/null", "-m", "3"}, args...)...)
			c.Env = append(tt.env, "PATH="+os.Getenv("PATH"))
			_ = c.Run() // a tunnel the recorder closes is an error for curl; the bytes are what count
			from := requests
			if tt.unix {
				from = unixRequests
			}
			var want string
			select {
			case want = <-from:
			case <-time.After(3 * time.Second):
				t.Fatalf("curl %q sent nothing", args)
			}
			want = curlUA.ReplaceAllString(want, "User-Agent: "+probe.UserAgent+"\r")

			cmd, err := Parse(args)
			if err != nil {
				t.Fatalf("Parse(%q): %v", args, err)
			}
			cmd.UseEnvironment(func(k string) string {
				for _, kv := range tt.env {
					if name, v, _ := strings.Cut(kv, "="); name == k {
						return v
					}
				}
				return ""
			})
			cmd.Request.Timeout = 3 * time.Second
			_, _ = probe.Do(context.Background(), cmd.Request)
			var got string
			select {
			case got = <-from:
			case <-time.After(3 * time.Second):
				t.Fatalf("hsx %q sent nothing", args)
			}
			if got != want {
				t.Errorf("hsx %q sent\n%q\ncurl sent\n%q", args, got, want)
			}
		})
	}
}

// TestZoneBytesAsCurl sends a URL with an IPv6 zone with curl and with hsx: both connect with
// the zone and leave it out of the Host field.
func TestZoneBytesAsCurl(t *testing.T) {
	curlPath, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed")
	}
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback: %v", err)
	}
	zone := ""
	ifaces, _ := net.Interfaces()
	for _, i := range ifaces {
		if i.Flags&net.FlagLoopback != 0 {
			zone = i.Name
		}
	}
	if zone == "" {
		t.Skip("no loopback interface to name as a zone")
	}
	requests := headRecorder(t, ln)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	u := "http://[::1%25" + zone + "]:" + port + "/z"
	if out, err := exec.Command(curlPath, "-s", "-o", "/dev/null", "-m", "3", u).CombinedOutput(); err != nil {
		t.Fatalf("curl %s: %v %s", u, err, out)
	}
	want := curlUA.ReplaceAllString(<-requests, "User-Agent: "+probe.UserAgent+"\r")
	if _, err := hsxRunDirect(u); err != nil {
		t.Fatal(err)
	}
	if got := <-requests; got != want {
		t.Errorf("hsx sent %q, curl sent %q", got, want)
	}
}

// curlUA is curl's User-Agent line, which the comparisons replace by hsx's.
var curlUA = regexp.MustCompile(`(?m)^User-Agent: curl/[^\r]*\r$`)

// hsxRunDirect parses the URL as hsx does and sends the request once.
func hsxRunDirect(u string) (*probe.Exchange, error) {
	cmd, err := Parse([]string{u})
	if err != nil {
		return nil, err
	}
	cmd.Request.Timeout = 3 * time.Second
	return probe.Do(context.Background(), cmd.Request)
}
