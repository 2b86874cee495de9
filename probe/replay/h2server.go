package replay

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"

	"github.com/hsx-dev/hsx/probe"
)

// An HTTP/2 exchange is replayed over h2c (HTTP/2 with prior knowledge): the replay server
// reads the client's connection preface and answers with the frames the server sent hsx, as
// they were received. Their header blocks are valid on a fresh connection, since hsx's HPACK
// decoder started empty too, and every block is replayed in order, so the client's dynamic
// table evolves as hsx's did. Frames on stream 1, hsx's request, go on the stream of the
// client's first request, as does a GOAWAY's last stream 1. The server acknowledges the client's SETTINGS and PINGs itself (the
// captured acknowledgement of hsx's SETTINGS is left out), gives credit for a request body,
// and sends DATA only as far as the client's flow-control windows allow.

// rawFrame is one frame as received, its 9-byte header included.
type rawFrame []byte

func (f rawFrame) length() int             { return int(f[0])<<16 | int(f[1])<<8 | int(f[2]) }
func (f rawFrame) typ() http2.FrameType    { return http2.FrameType(f[3]) }
func (f rawFrame) flags() http2.Flags      { return http2.Flags(f[4]) }
func (f rawFrame) stream() uint32          { return binary.BigEndian.Uint32(f[5:9]) & (1<<31 - 1) }
func (f rawFrame) has(fl http2.Flags) bool { return f.flags().Has(fl) }

// withStream returns a copy of f on stream id, the reserved bit kept as received.
func (f rawFrame) withStream(id uint32) rawFrame {
	g := append(rawFrame(nil), f...)
	binary.BigEndian.PutUint32(g[5:9], uint32(f[5]&0x80)<<24|id)
	return g
}

// goAwayFor returns f, or for a GOAWAY whose last stream is 1, hsx's request, a copy whose
// last stream is id, the client's first.
func (f rawFrame) goAwayFor(id uint32) rawFrame {
	if f.typ() != http2.FrameGoAway || f.length() < 8 || binary.BigEndian.Uint32(f[9:13])&(1<<31-1) != 1 {
		return f
	}
	g := append(rawFrame(nil), f...)
	binary.BigEndian.PutUint32(g[9:13], uint32(f[9]&0x80)<<24|id)
	return g
}

// h2plan is what an HTTP/2 replay sends.
type h2plan struct {
	// setup are the connection-level frames that came before the first frame of a stream
	// (the server's SETTINGS): every connection gets them once the client's preface is in.
	setup []rawFrame
	// frames are the rest, in order; end is how many of them make up the response, up to
	// the frame that ended stream 1 (END_STREAM, or RST_STREAM). The frames past it are
	// what a late delivery holds back.
	frames []rawFrame
	end    int
	// failed reports a GOAWAY with an error code: the server had to close the connection
	// after it (RFC 9113 §5.4.1), so the replay closes it too.
	failed bool
}

// newH2Plan splits the received stream into complete frames. It reports how many bytes of
// wire the complete frames cover.
func newH2Plan(wire []byte) (*h2plan, int) {
	hp := &h2plan{}
	off := 0
	acked := false
	ended := -1
	inBlock := false // a header block that ends stream 1 is still open
	for len(wire)-off >= 9 {
		f := rawFrame(wire[off:])
		n := 9 + f.length()
		if len(wire)-off < n {
			break
		}
		f = f[:n:n]
		off += n
		if f.typ() == http2.FrameSettings && f.has(http2.FlagSettingsAck) && !acked {
			acked = true // it answered hsx's SETTINGS; the replay answers the client's itself
			continue
		}
		if len(hp.frames) == 0 && f.stream() == 0 && f.typ() == http2.FrameSettings {
			hp.setup = append(hp.setup, f)
			continue
		}
		hp.frames = append(hp.frames, f)
		if f.typ() == http2.FrameGoAway && f.length() >= 8 && binary.BigEndian.Uint32(f[13:17]) != uint32(http2.ErrCodeNo) {
			hp.failed = true
		}
		if ended >= 0 || f.stream() != 1 {
			continue
		}
		switch f.typ() {
		case http2.FrameHeaders:
			inBlock = f.has(http2.FlagHeadersEndStream)
			if inBlock && f.has(http2.FlagHeadersEndHeaders) {
				ended = len(hp.frames)
			}
		case http2.FrameContinuation:
			if inBlock && f.has(http2.FlagContinuationEndHeaders) {
				ended = len(hp.frames)
			}
		case http2.FrameData:
			if f.has(http2.FlagDataEndStream) {
				ended = len(hp.frames)
			}
		case http2.FrameRSTStream:
			ended = len(hp.frames)
		}
	}
	hp.end = len(hp.frames)
	if ended >= 0 {
		hp.end = ended
	}
	return hp, off
}

// h2conn is one client connection of an HTTP/2 replay server.
type h2conn struct {
	s  *server
	c  net.Conn
	fr *http2.Framer

	wmu sync.Mutex // guards writes to c

	fmu     sync.Mutex
	cond    *sync.Cond
	window  int64            // the client's connection window
	streams map[uint32]int64 // the client's stream windows
	initial int64            // its SETTINGS_INITIAL_WINDOW_SIZE
	closed  bool

	// jobs are the runs of frames the sender has yet to write, in order; a queue, so that the
	// reader never waits for the sender, which may wait for the reader's WINDOW_UPDATEs.
	jobs []h2job
	// first is the stream of the delivery's first request; held the frames a late delivery
	// keeps for the next request.
	first uint32
	held  []rawFrame
}

// h2job is a run of frames for the sender; stream is the stream whose window the DATA
// frames use (0: only the connection's); closeAfter half-closes the connection after them.
type h2job struct {
	frames     []rawFrame
	stream     []uint32
	closeAfter bool
}

// serveH2 serves one HTTP/2 connection.
func (s *server) serveH2(c net.Conn) {
	br := bufio.NewReader(c)
	_ = c.SetDeadline(time.Now().Add(ioTimeout))
	preface := make([]byte, len(http2.ClientPreface))
	if _, err := io.ReadFull(br, preface); err != nil || string(preface) != http2.ClientPreface {
		return
	}
	h := &h2conn{s: s, c: c, fr: http2.NewFramer(io.Discard, br), window: 65535, initial: 65535,
		streams: map[uint32]int64{}}
	h.cond = sync.NewCond(&h.fmu)
	var wg sync.WaitGroup
	wg.Go(h.send)
	defer func() {
		h.fmu.Lock()
		h.closed = true
		h.fmu.Unlock()
		h.cond.Broadcast()
		c.Close()
		wg.Wait()
	}()
	h.writeRaw(s.p.h2.setup...)
	dec := hpack.NewDecoder(4096, nil)
	var block []byte
	var blockStream uint32
	for {
		_ = c.SetDeadline(time.Now().Add(ioTimeout))
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
		case *http2.WindowUpdateFrame:
			h.fmu.Lock()
			if f.StreamID == 0 {
				h.window += int64(f.Increment)
			} else if _, ok := h.streams[f.StreamID]; ok {
				h.streams[f.StreamID] += int64(f.Increment)
			}
			h.fmu.Unlock()
			h.cond.Broadcast()
		case *http2.DataFrame:
			// A request body: credit for all of it, so that the client can send the rest.
			if n := f.Header().Length; n > 0 {
				id := f.StreamID
				h.write(func(fr *http2.Framer) error {
					if err := fr.WriteWindowUpdate(0, n); err != nil {
						return err
					}
					return fr.WriteWindowUpdate(id, n)
				})
			}
		case *http2.HeadersFrame:
			block, blockStream = append([]byte(nil), f.HeaderBlockFragment()...), f.StreamID
			if f.HeadersEnded() && !h.request(dec, blockStream, block) {
				return
			}
		case *http2.ContinuationFrame:
			block = append(block, f.HeaderBlockFragment()...)
			if f.HeadersEnded() && !h.request(dec, blockStream, block) {
				return
			}
		}
	}
}

// request answers the request whose header block arrived on stream id. It reports false
// when the block does not decode.
func (h *h2conn) request(dec *hpack.Decoder, id uint32, block []byte) bool {
	fields, err := dec.DecodeFull(block)
	if err != nil {
		return false
	}
	path := ""
	for _, f := range fields {
		if f.Name == ":path" {
			path = f.Value
		}
	}
	h.fmu.Lock()
	h.streams[id] = h.initial
	h.fmu.Unlock()
	d := Delivery(path[strings.LastIndexByte(path, '/')+1:])
	if d != Together && d != Late {
		h.queue(h2job{frames: []rawFrame{h2Answer(id, 404, true)}, stream: []uint32{0}})
		return true
	}
	p := h.s.p
	if h.s.arrive(d, h.c, probe.ProtoHTTP2) {
		frames := p.h2.frames
		if d == Late && !p.closeAfter {
			frames, h.held = frames[:p.h2.end], frames[p.h2.end:]
		}
		h.first = id
		job := h2job{closeAfter: p.closeAfter}
		for i, f := range frames {
			win := uint32(0)
			if f.stream() == 1 {
				f = f.withStream(id)
				if i < p.h2.end {
					win = id
				}
			}
			f = f.goAwayFor(id)
			job.frames, job.stream = append(job.frames, f), append(job.stream, win)
		}
		h.queue(job)
		return true
	}
	var job h2job
	for _, f := range h.held {
		if f.stream() == 1 && h.first != 0 {
			f = f.withStream(h.first)
		}
		if h.first != 0 {
			f = f.goAwayFor(h.first)
		}
		job.frames, job.stream = append(job.frames, f), append(job.stream, 0)
	}
	h.held = nil
	job.frames = append(job.frames, h2Answer(id, 200, p.head))
	job.stream = append(job.stream, 0)
	if !p.head {
		job.frames = append(job.frames, h2Data(id, nextBody))
		job.stream = append(job.stream, id)
	}
	h.queue(job)
	return true
}

// queue hands a job to the sender.
func (h *h2conn) queue(job h2job) {
	h.fmu.Lock()
	h.jobs = append(h.jobs, job)
	h.fmu.Unlock()
	h.cond.Broadcast()
}

// next waits for the sender's next job; false when the connection is closed.
func (h *h2conn) next() (h2job, bool) {
	h.fmu.Lock()
	defer h.fmu.Unlock()
	for len(h.jobs) == 0 && !h.closed {
		h.cond.Wait()
	}
	if h.closed {
		return h2job{}, false
	}
	job := h.jobs[0]
	h.jobs = h.jobs[1:]
	return job, true
}

// send writes the jobs' frames in order, as many at once as the client's windows allow.
func (h *h2conn) send() {
	for {
		job, ok := h.next()
		if !ok {
			return
		}
		var out []rawFrame
		for i, f := range job.frames {
			if f.typ() == http2.FrameData && f.length() > 0 {
				if !h.take(int64(f.length()), job.stream[i], func() { h.writeRaw(out...); out = nil }) {
					return
				}
			}
			out = append(out, f)
		}
		h.writeRaw(out...)
		if job.closeAfter {
			// A half-close, then the reader drains what the client still sends: closing with
			// unread bytes would reset the connection and could cost the client the frames.
			if cw, ok := h.c.(interface{ CloseWrite() error }); ok {
				_ = cw.CloseWrite()
			}
		}
	}
}

// take waits until the client's windows hold n bytes and takes them; wait is called first
// when they do not. It reports false when the connection is closed.
func (h *h2conn) take(n int64, stream uint32, wait func()) bool {
	h.fmu.Lock()
	defer h.fmu.Unlock()
	fits := func() bool {
		if h.window < n {
			return false
		}
		w, ok := h.streams[stream]
		return stream == 0 || !ok || w >= n
	}
	if !fits() && !h.closed {
		h.fmu.Unlock()
		wait()
		h.fmu.Lock()
	}
	for !fits() && !h.closed {
		h.cond.Wait()
	}
	if h.closed {
		return false
	}
	h.window -= n
	if _, ok := h.streams[stream]; ok && stream != 0 {
		h.streams[stream] -= n
	}
	return true
}

// writeRaw writes frames as they are, in one write.
func (h *h2conn) writeRaw(frames ...rawFrame) {
	if len(frames) == 0 {
		return
	}
	h.wmu.Lock()
	defer h.wmu.Unlock()
	_, _ = h.c.Write(bytes.Join(asBytes(frames), nil))
}

// write writes the frames fn writes, in one write.
func (h *h2conn) write(fn func(fr *http2.Framer) error) {
	var b bytes.Buffer
	_ = fn(http2.NewFramer(&b, nil))
	h.wmu.Lock()
	defer h.wmu.Unlock()
	_, _ = h.c.Write(b.Bytes())
}

func asBytes(frames []rawFrame) [][]byte {
	out := make([][]byte, len(frames))
	for i, f := range frames {
		out[i] = f
	}
	return out
}

// h2Answer is the HEADERS frame of the replay server's own answer on stream id: :status,
// content-type and content-length, each a literal without indexing whose name comes from the
// static table (RFC 7541 §6.2.2), so that it neither reads nor changes the dynamic table the
// replayed blocks built.
func h2Answer(id uint32, code int, end bool) rawFrame {
	var blk []byte
	field := func(index uint64, value string) {
		blk = hpackInt(blk, 0x00, 4, index)
		blk = hpackInt(blk, 0x00, 7, uint64(len(value)))
		blk = append(blk, value...)
	}
	field(8, strconv.Itoa(code)) // :status
	if code == 200 {
		field(31, "text/plain")                // content-type
		field(28, strconv.Itoa(len(nextBody))) // content-length
	} else {
		field(28, "0")
	}
	var b bytes.Buffer
	_ = http2.NewFramer(&b, nil).WriteHeaders(http2.HeadersFrameParam{StreamID: id, BlockFragment: blk,
		EndStream: end || code != 200, EndHeaders: true})
	return b.Bytes()
}

// h2Data is a DATA frame with body on stream id and END_STREAM.
func h2Data(id uint32, body string) rawFrame {
	var b bytes.Buffer
	_ = http2.NewFramer(&b, nil).WriteData(id, true, []byte(body))
	return b.Bytes()
}

// hpackInt appends v as an HPACK integer with an n-bit prefix after the bits of first
// (RFC 7541 §5.1).
func hpackInt(b []byte, first byte, n uint, v uint64) []byte {
	limit := uint64(1)<<n - 1
	if v < limit {
		return append(b, first|byte(v))
	}
	b = append(b, first|byte(limit))
	for v -= limit; v >= 128; v >>= 7 {
		b = append(b, byte(v&0x7f|0x80))
	}
	return append(b, byte(v))
}
