package ui

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/layout"
)

// rawServer accepts connections on loopback, reads each request head and answers with what
// answer writes. It returns the server's URL and a channel that gets each request head.
func rawServer(t *testing.T, answer func(c net.Conn, head string)) (string, <-chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	heads := make(chan string, 16)
	done := make(chan struct{})
	t.Cleanup(func() { close(done); ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				var b bytes.Buffer
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					b.WriteString(line)
					if err != nil || line == "\r\n" {
						break
					}
				}
				heads <- b.String()
				answer(c, b.String())
				select {
				case <-done:
				case <-time.After(5 * time.Second):
				}
			}()
		}
	}()
	return "http://" + ln.Addr().String(), heads
}

// typeOptions moves from the URL field to the options line and types text there.
func (d *driver) typeOptions(text string) {
	d.t.Helper()
	d.press("down")
	for _, r := range text {
		d.press(string(r))
	}
	d.press("up") // back to the URL field, where enter sends
}

// TestPastedCurlIsSentAsShown pastes a browser-style command with --compressed and
// -H 'Accept:': the composer shows both, and the request on the wire is what it shows.
func TestPastedCurlIsSentAsShown(t *testing.T) {
	t.Parallel()
	url, heads := rawServer(t, func(c net.Conn, _ string) {
		c.Write([]byte("HTTP/1.1 204 No Content\r\nDate: Tue, 01 Dec 2026 10:00:00 GMT\r\n\r\n"))
	})
	d := newDriver(t, Options{Initial: &probe.Request{URL: url}}, 120, 40)
	d.send(tea.PasteMsg{Content: "curl '" + url + "/page' -H 'Accept:' -H 'Accept-Language: en-US,en;q=0.5' -H 'X-Empty;' --compressed"})
	d.settle()
	screen := d.screen()
	for _, s := range []string{"--compressed", "Accept:  removes hsx's Accept", "X-Empty;  sent with an empty value", "hsx adds Host, User-Agent, Accept-Encoding"} {
		if !strings.Contains(screen, s) {
			t.Errorf("the composer lacks %q:\n%s", s, screen)
		}
	}
	d.sendRequest()
	var head string
	select {
	case head = <-heads:
	case <-time.After(5 * time.Second):
		t.Fatal("no request arrived")
	}
	for _, s := range []string{"Accept-Encoding: " + probe.AcceptEncoding + "\r\n", "X-Empty:\r\n", "Accept-Language: en-US,en;q=0.5\r\n"} {
		if !strings.Contains(head, s) {
			t.Errorf("the request lacks %q:\n%s", s, head)
		}
	}
	if strings.Contains(head, "\r\nAccept:") {
		t.Errorf("the request has an Accept field, which the composer removed:\n%s", head)
	}
}

// TestOptionsShapeTheExchange sends with an options line and checks the response pane for
// exchanges that failed after their response arrived: it shows the response, with the failure
// in place of the findings, never "no response".
func TestOptionsShapeTheExchange(t *testing.T) {
	t.Parallel()
	slow, _ := rawServer(t, func(c net.Conn, _ string) {
		c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + strings.Repeat("x", 142)))
	})
	loop, _ := rawServer(t, func(c net.Conn, _ string) {
		c.Write([]byte("HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n"))
	})
	tests := []struct {
		name, url, options string
		want               []string
	}{
		{"slow body with -m", slow, "-m 0.3", []string{"200 OK", "✗ timed out after 300ms while reading the body (142 bytes so far); -m raises the limit"}},
		{"redirect loop with -L", loop + "/again", "-L", []string{"302 Found", "✗ redirect loop:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, Options{Initial: &probe.Request{URL: tt.url}}, 120, 40)
			d.typeOptions(tt.options)
			d.sendRequest()
			screen := d.screen()
			for _, s := range tt.want {
				if !strings.Contains(screen, s) {
					t.Errorf("the response pane lacks %q:\n%s", s, screen)
				}
			}
			for _, s := range []string{"no response", "no problems found"} {
				if strings.Contains(screen, s) {
					t.Errorf("the response pane says %q:\n%s", s, screen)
				}
			}
		})
	}
}

// TestToggleInsecureFromAnyPane fails against a self-signed server, where the response pane
// names the key that turns -k on; the key works from the response pane, and the next send
// gets the response.
func TestToggleInsecureFromAnyPane(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	t.Cleanup(srv.Close)
	d := newDriver(t, Options{Initial: &probe.Request{URL: srv.URL}}, 120, 40)
	d.sendRequest()
	if s := d.screen(); !strings.Contains(s, "no response") || !strings.Contains(s, "alt+k turns -k on") {
		t.Fatalf("the TLS failure does not name the key:\n%s", s)
	}
	if d.m.focus != layout.Results {
		t.Fatalf("focus %v, want the response pane", d.m.focus)
	}
	d.press("alt+k")
	if req, err := d.m.composer.Request(); err != nil || !req.Insecure {
		t.Fatalf("after alt+k: %+v, %v; want -k", req, err)
	}
	if s := d.screen(); !strings.Contains(s, "-k on") || !strings.Contains(s, "│  -k ") {
		t.Errorf("the toggle is not shown:\n%s", s)
	}
	sent := d.m.reqID
	d.send(keyPress("f5"))
	d.until("the response", 5*time.Second, func(m Model) bool { return m.reqID > sent && m.inflight == nil })
	d.settle()
	if s := d.screen(); !strings.Contains(s, "204 No Content") {
		t.Errorf("with -k the response did not arrive:\n%s", s)
	}
	d.press("alt+r", "alt+k")
	if req, _ := d.m.composer.Request(); req.Insecure || !req.FollowRedirects {
		t.Errorf("after alt+r alt+k: Insecure %v FollowRedirects %v; want -L only", req.Insecure, req.FollowRedirects)
	}
}

// TestHistoryKeepsOptions sends a request with options and a removed field, and picks it from
// the history of a later run: the composer has them back.
func TestHistoryKeepsOptions(t *testing.T) {
	t.Parallel()
	url, _ := rawServer(t, func(c net.Conn, _ string) {
		c.Write([]byte("HTTP/1.1 204 No Content\r\n\r\n"))
	})
	dir := t.TempDir()
	d := newDriver(t, Options{StateDir: dir, Initial: &probe.Request{URL: url, Omit: []string{"User-Agent"}}}, 120, 40)
	d.typeOptions("--compressed --path-as-is -0 -m 7 --connect-timeout 2")
	d.press("alt+r")
	want, err := d.m.composer.Request()
	if err != nil {
		t.Fatal(err)
	}
	d.sendRequest()
	d2 := newDriver(t, Options{StateDir: dir}, 120, 40)
	d2.press("f4", "enter")
	got, err := d2.m.composer.Request()
	if err != nil {
		t.Fatal(err)
	}
	if got.Compressed != want.Compressed || got.PathAsIs != want.PathAsIs || got.HTTP10 != want.HTTP10 ||
		got.Timeout != 7*time.Second || got.ConnectTimeout != 2*time.Second || !got.FollowRedirects ||
		len(got.Omit) != 1 || got.Omit[0] != "User-Agent" {
		t.Errorf("from the history: %+v\nwant %+v", got, want)
	}
}
