package replay

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"

	"github.com/hsx-dev/hsx/probe"
)

// h2wire writes frames with fn and returns their bytes, each frame apart.
func h2wire(fn func(fr *http2.Framer)) []rawFrame {
	var b bytes.Buffer
	fn(http2.NewFramer(&b, nil))
	var out []rawFrame
	for w := b.Bytes(); len(w) >= 9; {
		f := rawFrame(w)
		n := 9 + f.length()
		out = append(out, f[:n:n])
		w = w[n:]
	}
	return out
}

// h2block encodes fields (name, value, …) with enc.
func h2block(enc *hpack.Encoder, buf *bytes.Buffer, kv ...string) []byte {
	buf.Reset()
	for i := 0; i+1 < len(kv); i += 2 {
		_ = enc.WriteField(hpack.HeaderField{Name: kv[i], Value: kv[i+1]})
	}
	return append([]byte(nil), buf.Bytes()...)
}

// h2Capture is an HTTP/2 exchange as probe records it: the server's SETTINGS and its
// acknowledgement of hsx's, a 200 whose header block adds to the dynamic table, 100 bytes of
// DATA that end the stream, then a stray DATA frame, a PING and a GOAWAY(NO_ERROR) for stream 1
// after the end.
func h2Capture() (*probe.Exchange, []rawFrame) {
	var buf bytes.Buffer
	enc := hpack.NewEncoder(&buf)
	frames := h2wire(func(fr *http2.Framer) {
		_ = fr.WriteSettings(http2.Setting{ID: http2.SettingMaxConcurrentStreams, Val: 100})
		_ = fr.WriteSettingsAck()
		_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, EndHeaders: true,
			BlockFragment: h2block(enc, &buf, ":status", "200", "x-lab", "one", "content-length", "100")})
		_ = fr.WriteData(1, true, bytes.Repeat([]byte("x"), 100))
		_ = fr.WriteData(1, true, []byte("{}"))
		_ = fr.WritePing(false, [8]byte{1, 2, 3, 4, 5, 6, 7, 8})
		_ = fr.WriteGoAway(1, http2.ErrCodeNo, nil)
	})
	wire := bytes.Join(asBytes(frames), nil)
	ex := &probe.Exchange{Request: probe.Sent{Method: "GET", Proto: probe.ProtoHTTP2}, Wire: wire, WireSize: int64(len(wire)),
		Response: &probe.Response{Status: probe.StatusLine{Proto: probe.ProtoHTTP2, Code: 200}, Framing: probe.FramingEndStream,
			Body: probe.Capture{Size: 100}, BodyComplete: true, End: int64(len(wire))}}
	return ex, frames
}

func TestH2Plan(t *testing.T) {
	ex, frames := h2Capture()
	var buf bytes.Buffer
	enc := hpack.NewEncoder(&buf)
	block := h2block(enc, &buf, ":status", "204", "x-lab", strings.Repeat("v", 40))
	join := func(fs ...rawFrame) []byte { return bytes.Join(asBytes(fs), nil) }
	tests := []struct {
		name              string
		wire              []byte
		setup, all, end   int
		failed            bool
		wholeLessThanWire bool
	}{
		{"a body, then frames after its end", ex.Wire, 1, 5, 2, false, false},
		// END_STREAM on a HEADERS frame ends the stream with the last CONTINUATION.
		{"a header block in two frames", join(h2wire(func(fr *http2.Framer) {
			_ = fr.WriteSettings()
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, EndStream: true, BlockFragment: block[:10]})
			_ = fr.WriteContinuation(1, true, block[10:])
			_ = fr.WriteGoAway(1, http2.ErrCodeNo, nil)
		})...), 1, 3, 2, false, false},
		{"a reset stream, then GOAWAY for an error", join(h2wire(func(fr *http2.Framer) {
			_ = fr.WriteSettings()
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, EndHeaders: true, BlockFragment: block})
			_ = fr.WriteRSTStream(1, http2.ErrCodeInternal)
			_ = fr.WriteGoAway(1, http2.ErrCodeInternal, []byte("bye"))
		})...), 1, 3, 2, true, false},
		// A stream that never ends: everything is the response.
		{"no end", join(frames[0], frames[2]), 1, 1, 1, false, false},
		// A capture cut inside a frame: the frames before it.
		{"cut", ex.Wire[:len(ex.Wire)-37], 1, 2, 2, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hp, whole := newH2Plan(tt.wire)
			if len(hp.setup) != tt.setup || len(hp.frames) != tt.all || hp.end != tt.end || hp.failed != tt.failed {
				t.Errorf("setup %d, frames %d, end %d, failed %v; want %d, %d, %d, %v",
					len(hp.setup), len(hp.frames), hp.end, hp.failed, tt.setup, tt.all, tt.end, tt.failed)
			}
			if (whole < len(tt.wire)) != tt.wholeLessThanWire {
				t.Errorf("complete frames cover %d of %d bytes", whole, len(tt.wire))
			}
			for _, f := range append(hp.setup, hp.frames...) {
				if f.typ() == http2.FrameSettings && f.has(http2.FlagSettingsAck) {
					t.Errorf("the acknowledgement of hsx's SETTINGS is replayed")
				}
			}
		})
	}
}

// h2client is a raw HTTP/2 client of a replay server.
type h2client struct {
	t   *testing.T
	c   net.Conn
	fr  *http2.Framer
	enc *hpack.Encoder
	buf bytes.Buffer
}

func dialH2(t *testing.T, s *server, settings ...http2.Setting) *h2client {
	t.Helper()
	c, err := net.Dial("tcp", s.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	h := &h2client{t: t, c: c, fr: http2.NewFramer(c, nil)}
	h.enc = hpack.NewEncoder(&h.buf)
	if _, err := io.WriteString(c, http2.ClientPreface); err != nil {
		t.Fatal(err)
	}
	if err := h.fr.WriteSettings(settings...); err != nil {
		t.Fatal(err)
	}
	return h
}

func (h *h2client) get(id uint32, path string) {
	h.t.Helper()
	block := h2block(h.enc, &h.buf, ":method", "GET", ":scheme", "http", ":authority", "x", ":path", path)
	if err := h.fr.WriteHeaders(http2.HeadersFrameParam{StreamID: id, BlockFragment: block, EndStream: true, EndHeaders: true}); err != nil {
		h.t.Fatal(err)
	}
}

// read reads one frame as raw bytes; nil when none comes within wait.
func (h *h2client) read(wait time.Duration) rawFrame {
	h.t.Helper()
	_ = h.c.SetReadDeadline(time.Now().Add(wait))
	head := make([]byte, 9)
	if _, err := io.ReadFull(h.c, head); err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil
		}
		h.t.Fatalf("reading a frame: %v", err)
	}
	f := append(rawFrame(head), make([]byte, rawFrame(head).length())...)
	if _, err := io.ReadFull(h.c, f[9:]); err != nil {
		h.t.Fatal(err)
	}
	return f
}

// expect reads frames until want, which must be the next one that is not a SETTINGS ACK or a
// PING ACK (those are checked where they are due).
func (h *h2client) expect(what string, want rawFrame) {
	h.t.Helper()
	got := h.read(2 * time.Second)
	if !bytes.Equal(got, want) {
		h.t.Fatalf("%s: got frame %x, want %x", what, []byte(got), []byte(want))
	}
}

// TestH2ServerReplays: the frames go out as they were received, on the client's stream, as far
// as the client's window allows, the server answering the client's SETTINGS and PING; a late
// delivery holds the frames past the end until the next request, answered with a 200 in
// literals that leave the dynamic table alone.
func TestH2ServerReplays(t *testing.T) {
	for _, d := range Deliveries() {
		t.Run(string(d), func(t *testing.T) {
			ex, frames := h2Capture()
			p, err := newPlan(ex)
			if err != nil {
				t.Fatal(err)
			}
			s, err := newServer(p)
			if err != nil {
				t.Fatal(err)
			}
			defer s.close()
			if !strings.HasSuffix(s.url(), "/h2c/get/") {
				t.Fatalf("url %s", s.url())
			}
			// A window of 10 bytes holds the 100 bytes of DATA back.
			c := dialH2(t, s, http2.Setting{ID: http2.SettingInitialWindowSize, Val: 10})
			c.expect("the server's SETTINGS", frames[0])
			c.expect("the acknowledgement of the client's SETTINGS", h2wire(func(fr *http2.Framer) { _ = fr.WriteSettingsAck() })[0])
			c.get(5, "/h2c/get/"+string(d)) // a client may skip stream IDs: 5 is its first
			c.expect("the response's HEADERS on stream 5", frames[2].withStream(5))
			if f := c.read(200 * time.Millisecond); f != nil {
				t.Fatalf("a frame past the client's window: %x", []byte(f))
			}
			if err := c.fr.WritePing(false, [8]byte{9}); err != nil {
				t.Fatal(err)
			}
			c.expect("the answer to the client's PING", h2wire(func(fr *http2.Framer) { _ = fr.WritePing(true, [8]byte{9}) })[0])
			if err := c.fr.WriteWindowUpdate(5, 90); err != nil {
				t.Fatal(err)
			}
			c.expect("the DATA, once the window allows", frames[3].withStream(5))
			goaway := h2wire(func(fr *http2.Framer) { _ = fr.WriteGoAway(5, http2.ErrCodeNo, nil) })[0]
			after := []rawFrame{frames[4].withStream(5), frames[5], goaway}
			if d == Together {
				for _, f := range after {
					c.expect("a frame past the end", f)
				}
			} else if f := c.read(200 * time.Millisecond); f != nil {
				t.Fatalf("a late delivery sent a frame past the end before the next request: %x", []byte(f))
			}
			c.get(7, "/h2c/get/"+string(d))
			if d == Late {
				for _, f := range after {
					c.expect("a held-back frame", f)
				}
			}
			head := c.read(2 * time.Second)
			if head == nil || head.typ() != http2.FrameHeaders || head.stream() != 7 {
				t.Fatalf("the next answer: %x", []byte(head))
			}
			// The answer's block decodes after the replayed one, each field a literal without
			// indexing (first four bits zero).
			dec := hpack.NewDecoder(4096, nil)
			if _, err := dec.DecodeFull(frames[2][9:]); err != nil {
				t.Fatal(err)
			}
			fields, err := dec.DecodeFull(head[9:])
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fields {
				got = append(got, f.Name+": "+f.Value)
			}
			if strings.Join(got, ", ") != ":status: 200, content-type: text/plain, content-length: 3" || head[9]&0xf0 != 0 {
				t.Errorf("the next answer's fields %q, block %x", got, []byte(head[9:]))
			}
			if body := c.read(2 * time.Second); body == nil || body.stream() != 7 || string(body[9:]) != nextBody || !body.has(http2.FlagDataEndStream) {
				t.Errorf("the next answer's DATA: %x", []byte(body))
			}
			seen, proto := s.close()
			if seen[d] != "reused" || proto != probe.ProtoHTTP2 {
				t.Errorf("next request seen as %q, protocol %q", seen[d], proto)
			}
		})
	}
}

// TestH2ServerClosesAfterCut: of a capture cut inside a frame, the complete frames are
// replayed, then the connection is closed; the note says so.
func TestH2ServerClosesAfterCut(t *testing.T) {
	ex, frames := h2Capture()
	ex.Wire = ex.Wire[:len(ex.Wire)-37]
	p, err := newPlan(ex)
	if err != nil {
		t.Fatal(err)
	}
	if !p.closeAfter || !strings.HasPrefix(p.note(), "hsx kept the first") {
		t.Fatalf("close after %v, note %q", p.closeAfter, p.note())
	}
	s, err := newServer(p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	c := dialH2(t, s)
	c.expect("the server's SETTINGS", frames[0])
	c.read(2 * time.Second) // the acknowledgement
	c.get(1, "/h2c/get/late")
	for _, f := range frames[2:4] {
		c.expect("a kept frame", f)
	}
	_ = c.c.SetReadDeadline(time.Now().Add(2 * time.Second))
	if n, err := c.c.Read(make([]byte, 100)); err != io.EOF {
		t.Errorf("after the kept frames: %d bytes, %v; want the connection closed", n, err)
	}
}

// TestH2ServerClosesWhileWaiting: a sender that waits for a window the client never opens,
// with requests piling up behind it, does not keep close from returning.
func TestH2ServerClosesWhileWaiting(t *testing.T) {
	ex, _ := h2Capture()
	p, err := newPlan(ex)
	if err != nil {
		t.Fatal(err)
	}
	s, err := newServer(p)
	if err != nil {
		t.Fatal(err)
	}
	c := dialH2(t, s, http2.Setting{ID: http2.SettingInitialWindowSize, Val: 10})
	for id := uint32(1); id < 40; id += 2 {
		c.get(id, "/h2c/get/together")
	}
	time.Sleep(100 * time.Millisecond) // the server reads them
	done := make(chan struct{})
	go func() { s.close(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("close did not return")
	}
}
