package replay

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

const (
	brokenNoContent = "HTTP/1.1 204 No Content\r\nContent-Length: 17\r\n\r\n{\"status\":\"done\"}"
	goodNoContent   = "HTTP/1.1 204 No Content\r\nServer: test\r\n\r\n"
)

func mustPlan(t *testing.T, stream, method string) plan {
	t.Helper()
	p, err := newPlan(probe.Parse([]byte(stream), method))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// rawClient is one connection to a replay server that writes requests and reads answers.
type rawClient struct {
	t *testing.T
	c net.Conn
}

func dialServer(t *testing.T, s *server) *rawClient {
	t.Helper()
	addr := strings.TrimPrefix(s.url(), "http://")
	addr = addr[:strings.IndexByte(addr, '/')]
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &rawClient{t, c}
}

func (rc *rawClient) send(method, path string) {
	rc.t.Helper()
	if _, err := io.WriteString(rc.c, method+" "+path+" HTTP/1.1\r\nHost: replay\r\n\r\n"); err != nil {
		rc.t.Fatal(err)
	}
}

// read returns what arrives until the connection has been quiet for 150 ms, and whether it
// was closed.
func (rc *rawClient) read() (string, bool) {
	var buf bytes.Buffer
	b := make([]byte, 4096)
	for {
		rc.c.SetReadDeadline(time.Now().Add(150 * time.Millisecond))
		n, err := rc.c.Read(b)
		buf.Write(b[:n])
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return buf.String(), false
		}
		if err != nil {
			return buf.String(), true
		}
	}
}

func TestServerDeliveries(t *testing.T) {
	next := string(nextAnswer(false))
	tests := []struct {
		name, stream, method string
		delivery             Delivery
		first                string // what the first request gets
		firstClosed          bool
		second               string // what the second request on the same connection gets
	}{
		{"together", brokenNoContent, "GET", Together, brokenNoContent, false, next},
		{"late holds the bytes past the framing", brokenNoContent, "GET", Late,
			"HTTP/1.1 204 No Content\r\nContent-Length: 17\r\n\r\n", false, `{"status":"done"}` + next},
		{"late without stray bytes", goodNoContent, "GET", Late, goodNoContent, false, next},
		{"a close-delimited body ends with a close", "HTTP/1.1 200 OK\r\n\r\nhello", "GET", Late,
			"HTTP/1.1 200 OK\r\n\r\nhello", true, ""},
		{"Connection: close is kept", "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\nxx", "GET", Late,
			"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\nxx", true, ""},
		{"HEAD gets a bodyless next answer", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", "HEAD", Together,
			"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", false, string(nextAnswer(true))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := newServer(mustPlan(t, tt.stream, tt.method))
			if err != nil {
				t.Fatal(err)
			}
			defer s.close()
			prefix := "/get/"
			if tt.method == "HEAD" {
				prefix = "/head/"
			}
			rc := dialServer(t, s)
			rc.send(tt.method, prefix+string(tt.delivery))
			got, closed := rc.read()
			if got != tt.first || closed != tt.firstClosed {
				t.Fatalf("first answer %q (closed %v), want %q (closed %v)", got, closed, tt.first, tt.firstClosed)
			}
			if closed {
				return
			}
			rc.send(tt.method, prefix+string(tt.delivery))
			if got, closed = rc.read(); got != tt.second || !closed {
				t.Errorf("second answer %q (closed %v), want %q and a close", got, closed, tt.second)
			}
			if seen, _ := s.close(); seen[tt.delivery] != "reused" {
				t.Errorf("next request seen as %q, want reused", seen[tt.delivery])
			}
		})
	}
}

// TestServerKeepsThePlan: answering a late delivery's next request leaves the captured bytes
// (and the spare room of their array) as they were, since every connection shares them.
func TestServerKeepsThePlan(t *testing.T) {
	ex := probe.Parse([]byte(brokenNoContent), "GET")
	spare := append(make([]byte, 0, len(ex.Wire)+1024), ex.Wire...)
	ex.Wire = spare
	p, err := newPlan(ex)
	if err != nil {
		t.Fatal(err)
	}
	s, err := newServer(p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	rc := dialServer(t, s)
	rc.send("GET", "/get/late")
	rc.read()
	rc.send("GET", "/get/late")
	rc.read()
	if tail := spare[len(spare):cap(spare)]; !bytes.Equal(tail, make([]byte, len(tail))) {
		t.Errorf("the next answer was written into the captured bytes' array: %q", tail)
	}
}

// TestServerNewConnection: a next request on a new connection gets the 200 without the held
// bytes, and the server says it came on a new connection.
func TestServerNewConnection(t *testing.T) {
	s, err := newServer(mustPlan(t, brokenNoContent, "GET"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	first := dialServer(t, s)
	first.send("GET", "/get/late")
	first.read()
	second := dialServer(t, s)
	second.send("GET", "/get/late")
	if got, _ := second.read(); got != string(nextAnswer(false)) {
		t.Errorf("answer on a new connection %q", got)
	}
	if seen, _ := s.close(); seen[Late] != "new" {
		t.Errorf("next request seen as %q, want new", seen[Late])
	}
}

func TestServerReadsRequests(t *testing.T) {
	tests := []struct {
		in     string
		target string
		ok     bool
	}{
		{"GET /get/late HTTP/1.1\r\nHost: x\r\n\r\n", "/get/late", true},
		{"POST /get/together HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET", "/get/together", true},
		{"GARBAGE\r\n\r\n", "", false},
		{"GET /x HTTP/1.1\r\n", "", false},
	}
	for _, tt := range tests {
		br := bufio.NewReader(strings.NewReader(tt.in))
		target, err := readRequest(br)
		if target != tt.target || (err == nil) != tt.ok {
			t.Errorf("readRequest(%q) = %q, %v", tt.in, target, err)
		}
		if tt.ok && strings.HasSuffix(tt.in, "GET") {
			if rest, _ := io.ReadAll(br); string(rest) != "GET" {
				t.Errorf("after the body: %q", rest)
			}
		}
	}
}

func TestPlan(t *testing.T) {
	long := "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + strings.Repeat("x", 100)
	cut := probe.Parse([]byte(long), "GET")
	cut.Wire = cut.Wire[:60] // as if hsx had kept only 60 bytes of the stream
	tests := []struct {
		name       string
		ex         *probe.Exchange
		closeAfter bool
		body       int64
		note       string
	}{
		{"broken 204", probe.Parse([]byte(brokenNoContent), "GET"), false, 0, ""},
		{"gzip body is not measured", probe.Parse([]byte("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\nxx"), "GET"), false, -1, ""},
		{"short body", probe.Parse([]byte("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nxx"), "GET"), true, -1, ""},
		{"capture longer than kept", cut, true, -1, "hsx kept the first 60 of the 140 bytes"},
	}
	for _, tt := range tests {
		p, err := newPlan(tt.ex)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if p.closeAfter != tt.closeAfter || p.body != tt.body || !strings.HasPrefix(p.note(), tt.note) || (tt.note == "") != (p.note() == "") {
			t.Errorf("%s: closeAfter %v, body %d, note %q", tt.name, p.closeAfter, p.body, p.note())
		}
	}
	for _, ex := range []*probe.Exchange{probe.Parse([]byte("SSH-2.0-x\r\n"), "GET"), {}} {
		if _, err := newPlan(ex); err == nil {
			t.Errorf("a plan for an exchange without a response: %+v", ex)
		}
	}
	connect := probe.Parse([]byte("HTTP/1.1 200 OK\r\n\r\n"), "CONNECT")
	if _, err := newPlan(connect); err == nil {
		t.Error("a plan for CONNECT")
	}
}
