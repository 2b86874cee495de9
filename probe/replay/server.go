package replay

import (
	"bufio"
	"fmt"
	"net"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// plan is what a replay sends, derived from one exchange.
type plan struct {
	// wire is the kept part of the response stream; end is where the final response's framing
	// ended in it (at most len(wire)).
	wire []byte
	end  int
	// size is how many bytes the stream had in all.
	size int64
	// closeAfter closes the connection after the replayed bytes: the body ran to the close,
	// the response asked for it, or the stream is not whole.
	closeAfter bool
	// head makes the clients send HEAD instead of GET.
	head bool
	// status is the final status code; body the length of the body the framing delimits, or
	// -1 when it is not compared (a content coding the client may undo, a body cut short).
	status int
	body   int64
	// h2, for an HTTP/2 exchange, is what the replay sends over h2c; nil for HTTP/1.1.
	h2 *h2plan
}

func newPlan(ex *probe.Exchange) (plan, error) {
	if ex == nil || ex.Response == nil || len(ex.Wire) == 0 {
		return plan{}, ErrNothing
	}
	resp := ex.Response
	if ex.Request.Method == "CONNECT" {
		return plan{}, fmt.Errorf("replay: a response to CONNECT is not replayed")
	}
	p := plan{wire: ex.Wire, end: int(min(resp.End, int64(len(ex.Wire)))), size: max(ex.WireSize, int64(len(ex.Wire))),
		head: ex.Request.Method == "HEAD", status: resp.Status.Code, body: resp.Body.Size}
	cut := p.size > int64(len(p.wire))
	if ex.HTTP2() {
		var whole int
		p.h2, whole = newH2Plan(ex.Wire)
		// A connection the server closed, or had to close after a GOAWAY for an error, is
		// closed after the replayed frames too, as is one whose capture was cut.
		p.closeAfter = ex.Closed || p.h2.failed || cut || whole < len(ex.Wire)
	} else {
		p.closeAfter = resp.Framing == probe.FramingClose || !resp.BodyComplete || cut || hasToken(resp, "Connection", "close")
	}
	if !resp.BodyComplete || resp.End > int64(len(ex.Wire)) {
		p.body = -1
	}
	if v, ok := resp.Get("Content-Encoding"); ok && !strings.EqualFold(strings.TrimSpace(v), "identity") {
		p.body = -1
	}
	return p, nil
}

// note says when the replay sent less than the capture had.
func (p plan) note() string {
	if p.size <= int64(len(p.wire)) {
		return ""
	}
	return fmt.Sprintf("hsx kept the first %d of the %d bytes of the response stream, and replayed those", len(p.wire), p.size)
}

// hasToken reports whether a comma-separated field named name lists token.
func hasToken(resp *probe.Response, name, token string) bool {
	for _, i := range resp.Values(name) {
		for v := range strings.SplitSeq(resp.Header[i].Value, ",") {
			if strings.EqualFold(strings.TrimSpace(v), token) {
				return true
			}
		}
	}
	return false
}

// nextAnswer is the small correct response to every request after the first of a delivery.
const nextBody = "ok\n"

func nextAnswer(head bool) []byte {
	h := "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + strconv.Itoa(len(nextBody)) +
		"\r\nConnection: close\r\n\r\n"
	if head {
		return []byte(h)
	}
	return []byte(h + nextBody)
}

// ioTimeout bounds every read and write of the replay server.
const ioTimeout = 10 * time.Second

// server is a replay server for one client, on 127.0.0.1 at a free port. A request for
// /together or /late (under the method's prefix) is a delivery's first request the first
// time, and its next request after that.
type server struct {
	p  plan
	ln net.Listener
	wg sync.WaitGroup

	mu    sync.Mutex
	conns map[net.Conn]bool
	first map[Delivery]net.Conn // the connection that got a delivery's first answer
	next  map[Delivery]string   // "reused" or "new": where a delivery's next request came
	proto string                // the protocol the requests came in, once one has
	done  bool
}

func newServer(p plan) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{p: p, ln: ln, conns: map[net.Conn]bool{}, first: map[Delivery]net.Conn{}, next: map[Delivery]string{}}
	s.wg.Go(s.accept)
	return s, nil
}

// url is the base URL the clients get; they append a delivery's name to it.
func (s *server) url() string {
	prefix := "/get/"
	if s.p.head {
		prefix = "/head/"
	}
	if s.p.h2 != nil {
		prefix = "/h2c" + prefix
	}
	return "http://" + s.ln.Addr().String() + prefix
}

// close stops the server, closes every connection, waits for them and returns where each
// delivery's next request arrived and the protocol the requests came in ("" when none did).
func (s *server) close() (map[Delivery]string, string) {
	s.ln.Close()
	s.mu.Lock()
	s.done = true
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return s.next, s.proto
}

func (s *server) accept() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.done {
			s.mu.Unlock()
			c.Close()
			return
		}
		s.conns[c] = true
		s.mu.Unlock()
		s.wg.Go(func() {
			defer func() {
				c.Close()
				s.mu.Lock()
				delete(s.conns, c)
				s.mu.Unlock()
			}()
			if s.p.h2 != nil {
				s.serveH2(c)
			} else {
				s.serve(c)
			}
		})
	}
}

// serve answers the requests of one connection.
func (s *server) serve(c net.Conn) {
	br := bufio.NewReader(c)
	var held []byte // bytes of a late delivery, for the next request on this connection
	for {
		c.SetDeadline(time.Now().Add(ioTimeout))
		target, err := readRequest(br)
		if err != nil {
			return
		}
		d := Delivery(target[strings.LastIndexByte(target, '/')+1:])
		if d != Together && d != Late {
			c.Write([]byte("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
			return
		}
		if s.arrive(d, c, "HTTP/1.1") {
			out := s.p.wire
			if d == Late && !s.p.closeAfter {
				out, held = s.p.wire[:s.p.end], s.p.wire[s.p.end:]
			}
			if _, err := c.Write(out); err != nil || s.p.closeAfter {
				return
			}
			continue
		}
		// held shares its array with the plan, which every connection reads: a new slice.
		c.Write(slices.Concat(held, nextAnswer(s.p.head)))
		return
	}
}

// arrive notes a request for delivery d on connection c, in protocol proto, and reports
// whether it is the delivery's first.
func (s *server) arrive(d Delivery, c net.Conn, proto string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.proto = proto
	firstConn, seen := s.first[d]
	if !seen {
		s.first[d] = c
	} else if _, ok := s.next[d]; !ok {
		s.next[d] = map[bool]string{true: "reused", false: "new"}[firstConn == c]
	}
	return !seen
}

// maxRequestBody bounds the request body the replay server skips.
const maxRequestBody = 64 << 10

// readRequest reads one request head (and skips a body with a Content-Length) and returns
// its request target.
func readRequest(br *bufio.Reader) (string, error) {
	tp := textproto.NewReader(br)
	line, err := tp.ReadLine()
	if err != nil {
		return "", err
	}
	parts := strings.Fields(line)
	if len(parts) != 3 {
		return "", fmt.Errorf("bad request line %q", line)
	}
	h, err := tp.ReadMIMEHeader()
	if err != nil {
		return "", err
	}
	if n, err := strconv.ParseInt(h.Get("Content-Length"), 10, 64); err == nil && n > 0 {
		if _, err := br.Discard(int(min(n, maxRequestBody))); err != nil {
			return "", err
		}
	}
	return parts[1], nil
}
