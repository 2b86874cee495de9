package lab

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// The lab speaks HTTP/2 with prior knowledge (h2c) on the same port as HTTP/1.1: a connection
// that opens with the HTTP/2 connection preface ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") is served
// here, frame by frame; any other goes to net/http. /h2/… scenarios write their frames raw, so
// that they can break RFC 9113; every other path is served by the lab's ordinary handler through
// a small HTTP/2 response writer.

// prefaceTimeout bounds how long the lab waits for a new connection's first bytes.
const prefaceTimeout = 10 * time.Second

// h2FrameSize is the largest DATA payload the lab sends, the default SETTINGS_MAX_FRAME_SIZE.
const h2FrameSize = 16384

// sniffListener hands HTTP/1.1 connections to net/http and serves HTTP/2 ones itself.
type sniffListener struct {
	net.Listener
	ctx     context.Context // ends every HTTP/2 connection
	handler http.Handler
	conns   chan net.Conn
	done    chan struct{}
	once    sync.Once
	wg      sync.WaitGroup
}

func newSniffListener(ctx context.Context, ln net.Listener, h http.Handler) *sniffListener {
	s := &sniffListener{Listener: ln, ctx: ctx, handler: h, conns: make(chan net.Conn), done: make(chan struct{})}
	s.wg.Go(s.acceptLoop)
	return s
}

// acceptLoop accepts connections and tells each one's protocol apart in a goroutine of its own.
func (s *sniffListener) acceptLoop() {
	for {
		c, err := s.Listener.Accept()
		if err != nil {
			s.once.Do(func() { close(s.done) })
			return
		}
		s.wg.Go(func() { s.sniff(c) })
	}
}

// sniff reads until the first bytes either are the HTTP/2 preface or cannot be.
func (s *sniffListener) sniff(c net.Conn) {
	_ = c.SetReadDeadline(time.Now().Add(prefaceTimeout))
	buf := make([]byte, len(http2.ClientPreface))
	n := 0
	for n < len(buf) && http2.ClientPreface[:n] == string(buf[:n]) {
		m, err := c.Read(buf[n:])
		n += m
		if err != nil {
			break
		}
	}
	_ = c.SetReadDeadline(time.Time{})
	if string(buf[:n]) == http2.ClientPreface {
		s.serveH2(c)
		return
	}
	pc := &prefixConn{Conn: c, r: io.MultiReader(bytes.NewReader(buf[:n]), c)}
	select {
	case s.conns <- pc:
	case <-s.done:
		c.Close()
	}
}

// Accept returns the next HTTP/1.x connection.
func (s *sniffListener) Accept() (net.Conn, error) {
	select {
	case c := <-s.conns:
		return c, nil
	case <-s.done:
		return nil, net.ErrClosed
	}
}

// Close stops listening; wait waits for the HTTP/2 connections, which end with s.ctx.
func (s *sniffListener) Close() error {
	err := s.Listener.Close()
	s.once.Do(func() { close(s.done) })
	return err
}

func (s *sniffListener) wait() { s.wg.Wait() }

// prefixConn is a connection whose first bytes were already read: it reads them again first.
type prefixConn struct {
	net.Conn
	r io.Reader
}

func (p *prefixConn) Read(b []byte) (int, error) { return p.r.Read(b) }

// CloseWrite half-closes the connection, as the raw scenarios need.
func (p *prefixConn) CloseWrite() error {
	if cw, ok := p.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return errors.ErrUnsupported
}

// h2Conn is one HTTP/2 connection of the lab.
type h2Conn struct {
	ctx     context.Context // the lab's: it ends when the lab closes
	c       net.Conn
	handler http.Handler
	wmu     sync.Mutex // guards fr's writing side and enc
	fr      *http2.Framer
	enc     *hpack.Encoder
	encBuf  bytes.Buffer
	fmu     sync.Mutex
	cond    *sync.Cond
	window  int64            // the connection's send window
	streams map[uint32]int64 // each open stream's send window
	initial int64            // the client's SETTINGS_INITIAL_WINDOW_SIZE
	closed  bool
}

// serveH2 serves one HTTP/2 connection until the client closes it or the lab stops.
func (s *sniffListener) serveH2(c net.Conn) {
	defer c.Close()
	// The requests' context ends with the connection, or with the lab.
	ctx, cancel := context.WithCancel(s.ctx)
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	h := &h2Conn{ctx: ctx, c: c, handler: s.handler, window: 65535, initial: 65535, streams: map[uint32]int64{}}
	h.cond = sync.NewCond(&h.fmu)
	h.fr = http2.NewFramer(c, bufio.NewReader(c))
	h.enc = hpack.NewEncoder(&h.encBuf)
	var wg sync.WaitGroup
	defer func() {
		// Wake every stream that waits for a window or for its context, then wait for them.
		cancel()
		h.fmu.Lock()
		h.closed = true
		h.fmu.Unlock()
		h.cond.Broadcast()
		wg.Wait()
	}()
	h.write(func(fr *http2.Framer) error {
		return fr.WriteSettings(http2.Setting{ID: http2.SettingMaxConcurrentStreams, Val: 100})
	})
	dec := hpack.NewDecoder(4096, nil)
	var block []byte
	var blockStream uint32
	for {
		f, err := h.fr.ReadFrame()
		if err != nil {
			return
		}
		switch f := f.(type) {
		case *http2.SettingsFrame:
			if f.IsAck() {
				continue
			}
			if v, ok := f.Value(http2.SettingInitialWindowSize); ok {
				h.fmu.Lock()
				for id := range h.streams {
					h.streams[id] += int64(v) - h.initial
				}
				h.initial = int64(v)
				h.fmu.Unlock()
				h.cond.Broadcast()
			}
			h.write(func(fr *http2.Framer) error { return fr.WriteSettingsAck() })
		case *http2.PingFrame:
			if !f.IsAck() {
				data := f.Data
				h.write(func(fr *http2.Framer) error { return fr.WritePing(true, data) })
			}
		case *http2.RSTStreamFrame:
			// The client gave up on the stream: its writer stops at its next frame.
			h.fmu.Lock()
			delete(h.streams, f.StreamID)
			h.fmu.Unlock()
			h.cond.Broadcast()
		case *http2.WindowUpdateFrame:
			h.fmu.Lock()
			if f.StreamID == 0 {
				h.window += int64(f.Increment)
			} else if _, ok := h.streams[f.StreamID]; ok {
				h.streams[f.StreamID] += int64(f.Increment)
			}
			h.fmu.Unlock()
			h.cond.Broadcast()
		case *http2.HeadersFrame:
			block, blockStream = append([]byte(nil), f.HeaderBlockFragment()...), f.StreamID
			if f.HeadersEnded() && !h.request(dec, blockStream, block, &wg) {
				return
			}
		case *http2.ContinuationFrame:
			block = append(block, f.HeaderBlockFragment()...)
			if f.HeadersEnded() && !h.request(dec, blockStream, block, &wg) {
				return
			}
		}
	}
}

// request decodes the header block of a new request on stream id and serves it in a goroutine
// of wg. It reports false when the block does not decode: the connection is then done.
func (h *h2Conn) request(dec *hpack.Decoder, id uint32, block []byte, wg *sync.WaitGroup) bool {
	fields, err := dec.DecodeFull(block)
	if err != nil {
		_ = h.write(func(fr *http2.Framer) error { return fr.WriteGoAway(id, http2.ErrCodeCompression, nil) })
		return false
	}
	h.fmu.Lock()
	h.streams[id] = h.initial
	h.fmu.Unlock()
	wg.Go(func() { h.serveStream(id, fields) })
	return true
}

// write writes frames with fn while holding the write lock.
func (h *h2Conn) write(fn func(fr *http2.Framer) error) error {
	h.wmu.Lock()
	defer h.wmu.Unlock()
	return fn(h.fr)
}

// block encodes fields (name, value, name, value, …) as a header block, names exactly as given.
func (h *h2Conn) block(kv ...string) []byte {
	h.encBuf.Reset()
	for i := 0; i+1 < len(kv); i += 2 {
		_ = h.enc.WriteField(hpack.HeaderField{Name: kv[i], Value: kv[i+1]})
	}
	return append([]byte(nil), h.encBuf.Bytes()...)
}

// headers writes a HEADERS frame on stream id.
func (h *h2Conn) headers(id uint32, end bool, kv ...string) error {
	return h.write(func(fr *http2.Framer) error {
		return fr.WriteHeaders(http2.HeadersFrameParam{StreamID: id, BlockFragment: h.block(kv...), EndStream: end, EndHeaders: true})
	})
}

// data writes b on stream id in DATA frames as the client's flow-control windows allow.
func (h *h2Conn) data(id uint32, b []byte, end bool) error {
	for len(b) > 0 || end {
		n := 0
		if len(b) > 0 {
			h.fmu.Lock()
			_, open := h.streams[id]
			for !h.closed && open && (h.window <= 0 || h.streams[id] <= 0) {
				h.cond.Wait()
				_, open = h.streams[id]
			}
			if h.closed || !open {
				h.fmu.Unlock()
				return net.ErrClosed
			}
			n = int(min(int64(len(b)), h.window, h.streams[id], h2FrameSize))
			h.window -= int64(n)
			h.streams[id] -= int64(n)
			h.fmu.Unlock()
		}
		last := end && n == len(b)
		if err := h.write(func(fr *http2.Framer) error { return fr.WriteData(id, last, b[:n]) }); err != nil {
			return err
		}
		b = b[n:]
		if last {
			return nil
		}
	}
	return nil
}

// serveStream answers one request: a raw frame scenario for /h2/… paths, the lab's handler for
// the rest.
func (h *h2Conn) serveStream(id uint32, fields []hpack.HeaderField) {
	defer func() {
		h.fmu.Lock()
		delete(h.streams, id)
		h.fmu.Unlock()
	}()
	req := &http.Request{Method: "GET", Proto: "HTTP/2.0", ProtoMajor: 2, Header: http.Header{}, Body: http.NoBody}
	target := "/"
	for _, f := range fields {
		switch f.Name {
		case ":method":
			req.Method = f.Value
		case ":path":
			target = f.Value
		case ":authority":
			req.Host = f.Value
		case ":scheme":
		default:
			req.Header.Add(f.Name, f.Value)
		}
	}
	u, err := url.ParseRequestURI(target)
	if err != nil {
		_ = h.write(func(fr *http2.Framer) error { return fr.WriteRSTStream(id, http2.ErrCodeProtocol) })
		return
	}
	req.URL, req.RequestURI = u, target
	if sc, ok := h2Scenario(u.Path); ok {
		sc.frames(h, id)
		return
	}
	w := &h2Writer{h: h, id: id, header: http.Header{}, head: req.Method == http.MethodHead}
	defer func() {
		// As net/http does, a handler that panics (http.ErrAbortHandler, when a write fails)
		// ends its own stream, not the lab.
		if recover() != nil {
			_ = h.write(func(fr *http2.Framer) error { return fr.WriteRSTStream(id, http2.ErrCodeInternal) })
		}
	}()
	h.handler.ServeHTTP(w, req.WithContext(h.ctx))
	w.finish()
}

// h2Scenario returns the scenario at path if it is written as raw frames.
func h2Scenario(path string) (Scenario, bool) {
	if !strings.HasPrefix(path, "/h2/") {
		return Scenario{}, false
	}
	s, ok := Lookup(path)
	return s, ok && s.frames != nil
}

// h2Writer is the lab's http.ResponseWriter over one HTTP/2 stream: HEADERS on the first write,
// DATA for the body, END_STREAM when the handler returns.
type h2Writer struct {
	h       *h2Conn
	id      uint32
	header  http.Header
	head    bool // the request was HEAD: no DATA
	status  int
	sent    bool // HEADERS went out
	ended   bool
	written int64
}

func (w *h2Writer) Header() http.Header { return w.header }

// WriteHeader sends the head. Interim 1xx heads go out at once; the final one waits for the
// first write, or for the handler to return.
func (w *h2Writer) WriteHeader(code int) {
	if w.sent {
		return
	}
	if code >= 100 && code < 200 {
		_ = w.h.headers(w.id, false, w.fields(code)...)
		return
	}
	w.status = code
}

// fields are the head's fields: :status, then the header in lower case without the
// connection-specific fields, which HTTP/2 forbids.
func (w *h2Writer) fields(code int) []string {
	kv := []string{":status", strconv.Itoa(code)}
	if _, ok := w.header["Date"]; !ok && code >= 200 {
		kv = append(kv, "date", time.Now().UTC().Format(http.TimeFormat))
	}
	for name, vs := range w.header {
		switch strings.ToLower(name) {
		case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade":
			continue
		}
		if code == http.StatusNoContent && (strings.EqualFold(name, "Content-Length")) {
			continue
		}
		for _, v := range vs {
			kv = append(kv, strings.ToLower(name), v)
		}
	}
	return kv
}

// bodyless reports whether the response carries no DATA.
func (w *h2Writer) bodyless() bool {
	return w.head || w.status == http.StatusNoContent || w.status == http.StatusNotModified
}

func (w *h2Writer) sendHead(end bool) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.sent = true
	w.ended = end
	_ = w.h.headers(w.id, end, w.fields(w.status)...)
}

func (w *h2Writer) Write(b []byte) (int, error) {
	if !w.sent {
		w.sendHead(w.bodyless())
	}
	if w.bodyless() {
		return 0, http.ErrBodyNotAllowed
	}
	if err := w.h.data(w.id, b, false); err != nil {
		return 0, err
	}
	w.written += int64(len(b))
	return len(b), nil
}

// Flush sends the head if it has not gone out yet.
func (w *h2Writer) Flush() {
	if !w.sent {
		w.sendHead(w.bodyless())
	}
}

// finish ends the stream.
func (w *h2Writer) finish() {
	switch {
	case !w.sent:
		w.sendHead(true)
	case !w.ended:
		_ = w.h.data(w.id, nil, true)
	}
}
