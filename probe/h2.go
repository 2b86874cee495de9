package probe

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"

	"github.com/hsx-dev/hsx/internal/english"
)

// FramingEndStream is how an HTTP/2 response's body is delimited: by the END_STREAM flag of
// its last frame (RFC 9113 §8.1). A response that has no content by definition (1xx, 204, 304,
// a response to HEAD) has FramingNone over HTTP/2 too, and the payload of DATA frames sent on
// it is recorded in Exchange.Extra, as bytes after it would be over HTTP/1.1.
const FramingEndStream Framing = 0x10

// maxBlockBytes bounds one header block (a HEADERS frame and its CONTINUATION frames).
const maxBlockBytes = MaxHeaderBytes

// useHTTP2 reports whether the exchange speaks HTTP/2 on the connection just dialled: TLS
// that negotiated h2, or cleartext with prior knowledge.
func useHTTP2(req Request, ex *Exchange) bool {
	if ex.TLS != nil {
		return req.HTTP2 != HTTP1Only && ex.TLS.ALPN == "h2"
	}
	return req.HTTP2 == HTTP2Prior
}

// h2Fields returns the header list of an HTTP/2 request (RFC 9113 §8.3.1): the pseudo-header
// fields, then the fields HTTP/1.1 would send with their names in lower case, without Host
// (it becomes :authority) and without the connection-specific fields HTTP/2 forbids.
func h2Fields(sent Sent) []Field {
	u := sent.URL
	authority := u.Host
	var rest []Field
	for _, f := range sent.Header {
		name := LowerASCII(f.Name)
		switch name {
		case "host":
			authority = f.Value
			continue
		case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade":
			continue
		case "te":
			if !EqualFold(f.Value, "trailers") {
				continue
			}
		}
		rest = append(rest, Field{Name: name, Value: f.Value, Line: -1})
	}
	fields := []Field{{Name: ":method", Value: sent.Method, Line: -1}}
	if sent.Method != "CONNECT" {
		fields = append(fields, Field{Name: ":scheme", Value: u.Scheme, Line: -1})
	}
	fields = append(fields, Field{Name: ":authority", Value: authority, Line: -1})
	if sent.Method != "CONNECT" {
		fields = append(fields, Field{Name: ":path", Value: requestTarget(sent.Method, u), Line: -1})
	}
	return append(fields, rest...)
}

// h2conn is one HTTP/2 connection while probe reads the response of stream 1 on it.
type h2conn struct {
	ctx      context.Context
	req      Request
	e        *env
	conn     net.Conn
	deadline time.Time
	ex       *Exchange
	begun    time.Time // when the exchange began: the origin of Timing.Total
	start    time.Time // when probe began to write: the origin of Frame.At

	wmu sync.Mutex // guards the writing side of fr
	fr  *http2.Framer
	tap *wireTap

	fmu      sync.Mutex // guards ex.Frames and ex.FrameCount
	dec      *hpack.Decoder
	rdOff    int64
	block    []byte // the header block being assembled
	blockF   int    // index in ex.Frames of the frame that began it, or -1
	blockS   uint32 // its stream
	blockH   bool   // whether the block began with HEADERS (not PUSH_PROMISE)
	blockE   bool   // whether the HEADERS frame that began it had END_STREAM
	blockOff int64  // where the frame that began it starts in the response stream

	flow *h2flow

	resp      *Response
	body      *capture
	extra     *capture // DATA on a bodyless response
	dec2      *contentDecoder
	ended     bool   // stream 1 ended with END_STREAM
	reset     string // stream 1 was reset with this error code
	goaway    bool   // the server sent GOAWAY
	unacked   int64  // DATA bytes not yet given back with WINDOW_UPDATE
	connUnack int64
}

// h2flow is the server's flow-control window for the request body.
type h2flow struct {
	mu       sync.Mutex
	cond     *sync.Cond
	conn     int64
	stream   int64
	maxFrame uint32
	closed   bool
}

func (f *h2flow) add(stream uint32, n int64) {
	f.mu.Lock()
	if stream == 0 {
		f.conn += n
	} else if stream == 1 {
		f.stream += n
	}
	f.mu.Unlock()
	f.cond.Broadcast()
}

// take waits until some window is open and takes up to n bytes of it.
func (f *h2flow) take(n int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	for !f.closed && (f.conn <= 0 || f.stream <= 0) {
		f.cond.Wait()
	}
	if f.closed {
		return 0
	}
	n = int(min(int64(n), f.conn, f.stream, int64(f.maxFrame)))
	f.conn -= int64(n)
	f.stream -= int64(n)
	return n
}

func (f *h2flow) close() {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	f.cond.Broadcast()
}

// wireTap keeps the start of the stream of received bytes and counts them.
type wireTap struct {
	r        io.Reader
	ex       *Exchange
	first    time.Time
	progress func(int64)
}

func (t *wireTap) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if n > 0 {
		if t.first.IsZero() {
			t.first = time.Now()
		}
		if room := MaxWireCapture - len(t.ex.Wire); room > 0 {
			t.ex.Wire = append(t.ex.Wire, p[:min(n, room)]...)
		}
		t.ex.WireSize += int64(n)
		if t.progress != nil {
			t.progress(t.ex.WireSize)
		}
	}
	return n, err
}

// h2exchange sends req as stream 1 of a new HTTP/2 connection on conn and reads its response,
// every frame recorded in ex.Frames.
func h2exchange(ctx context.Context, req Request, conn net.Conn, begun, deadline time.Time, e *env, ex *Exchange,
	final func(ex *Exchange, resp *Response) bool) *Error {
	sent := &ex.Request
	sent.Proto = ProtoHTTP2
	sent.Header = h2Fields(*sent)

	h := &h2conn{ctx: ctx, req: req, e: e, conn: conn, begun: begun, deadline: deadline, ex: ex, blockF: -1,
		dec: hpack.NewDecoder(4096, nil)}
	h.dec.SetMaxStringLength(maxBlockBytes)
	h.flow = &h2flow{conn: 65535, stream: 65535, maxFrame: 16384}
	h.flow.cond = sync.NewCond(&h.flow.mu)
	defer h.flow.close()
	h.tap = &wireTap{r: conn, ex: ex, progress: req.Progress}
	var out bytes.Buffer
	h.fr = http2.NewFramer(&out, nil)

	// The preface, our SETTINGS, a larger connection window and the request's HEADERS go out
	// in one write; the body follows as the server's window allows.
	h.start = time.Now()
	out.WriteString(http2.ClientPreface)
	settings := []http2.Setting{{ID: http2.SettingEnablePush, Val: 0}, {ID: http2.SettingInitialWindowSize, Val: h2Window}}
	_ = h.fr.WriteSettings(settings...)
	h.logSent(http2.FrameSettings, 0, 0, uint32(6*len(settings)), settingsFrame(settings))
	_ = h.fr.WriteWindowUpdate(0, h2Window-65535)
	h.logSent(http2.FrameWindowUpdate, 0, 0, 4, Frame{Summary: fmt.Sprintf("+%d", h2Window-65535)})
	h.writeHeaders(sent.Header, req.Body == nil)
	sent.Bytes = append([]byte(nil), out.Bytes()...)
	h.fr = http2.NewFramer(conn, bufio.NewReaderSize(h.tap, 64<<10))
	h.fr.AllowIllegalReads = true
	h.fr.SetMaxReadFrameSize(1<<24 - 1)

	// The first bytes are written before anything is read, so that no answer to the
	// server's SETTINGS can go out ahead of the connection preface.
	if _, err := conn.Write(sent.Bytes); err != nil {
		return e.writeError(err)
	}
	wrote := make(chan error, 1)
	go func() {
		var err error
		if req.Body != nil {
			err = h.writeBody(req.Body)
		}
		wrote <- err
	}()

	out2 := &outputs{ctx: ctx, deadline: deadline, bodyTo: req.BodyTo, contentTo: req.ContentTo}
	if final != nil {
		out2.final = func(resp *Response) bool { return final(ex, resp) }
	}
	err := h.read(out2)
	if h.dec2 != nil {
		h.dec2.finish()
	}
	if h.resp != nil && h.body != nil {
		h.resp.Body = h.body.result()
		h.resp.End = h.rdOff
	}
	if h.extra != nil {
		ex.Extra = h.extra.result()
	}
	ex.WriteErr = out2.writeErr
	if !h.tap.first.IsZero() {
		ex.Timing.TTFB = h.tap.first.Sub(h.start)
	}
	// A body still being written is cut off now, so that no frame is recorded once the
	// exchange is handed back; a write that had failed explains a missing response better than
	// the read does.
	var werr error
	select {
	case werr = <-wrote:
	default:
		h.flow.close()
		_ = conn.SetWriteDeadline(time.Now())
		<-wrote
	}
	if err != nil && h.resp == nil && werr != nil {
		return e.writeError(werr)
	}
	return err
}

// writeHeaders writes the request's header block on stream 1, in CONTINUATION frames after the
// HEADERS frame when it does not fit in one.
func (h *h2conn) writeHeaders(fields []Field, endStream bool) {
	var blk bytes.Buffer
	enc := hpack.NewEncoder(&blk)
	var decoded []HeaderField
	for _, f := range fields {
		_ = enc.WriteField(hpack.HeaderField{Name: f.Name, Value: f.Value})
		decoded = append(decoded, HeaderField{Name: f.Name, Value: f.Value, Rep: LiteralIndexed})
	}
	b := blk.Bytes()
	const max = 16384
	first := b[:min(len(b), max)]
	b = b[len(first):]
	_ = h.fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: first, EndStream: endStream, EndHeaders: len(b) == 0})
	var bits http2.Flags
	if endStream {
		bits |= http2.FlagHeadersEndStream
	}
	if len(b) == 0 {
		bits |= http2.FlagHeadersEndHeaders
	}
	h.logSent(http2.FrameHeaders, bits, 1, uint32(len(first)), Frame{Fields: decoded})
	for len(b) > 0 {
		c := b[:min(len(b), max)]
		b = b[len(c):]
		_ = h.fr.WriteContinuation(1, len(b) == 0, c)
		var cb http2.Flags
		if len(b) == 0 {
			cb = http2.FlagContinuationEndHeaders
		}
		h.logSent(http2.FrameContinuation, cb, 1, uint32(len(c)), Frame{})
	}
}

// writeBody sends the request body in DATA frames on stream 1 as the server's flow-control
// window opens, END_STREAM on the last.
func (h *h2conn) writeBody(body []byte) error {
	for {
		n := 0
		if len(body) > 0 {
			if n = h.flow.take(len(body)); n == 0 {
				return nil // the exchange is over
			}
		}
		chunk := body[:n]
		body = body[n:]
		end := len(body) == 0
		h.wmu.Lock()
		err := h.fr.WriteData(1, end, chunk)
		h.wmu.Unlock()
		var bits http2.Flags
		if end {
			bits = http2.FlagDataEndStream
		}
		h.logSent(http2.FrameData, bits, 1, uint32(n), Frame{Summary: english.Plural(int64(n), "byte")})
		if err != nil || end {
			return err
		}
	}
}

// settingsFrame describes a SETTINGS payload.
func settingsFrame(s []http2.Setting) Frame {
	var f Frame
	var parts []string
	for _, st := range s {
		f.Settings = append(f.Settings, Setting{Name: settingName(st.ID), Value: st.Val})
		parts = append(parts, fmt.Sprintf("%s=%d", settingName(st.ID), st.Val))
	}
	f.Summary = strings.Join(parts, " ")
	return f
}

// logSent records a frame probe wrote.
func (h *h2conn) logSent(t http2.FrameType, bits http2.Flags, stream, length uint32, f Frame) {
	f.Sent, f.Type, f.Flags, f.Bits = true, typeName(t), flagNames(t, bits), uint8(bits)
	f.Stream, f.Length, f.At, f.Offset = stream, length, time.Since(h.start), -1
	// probe's WINDOW_UPDATE frames answer the body's DATA; past the record's cap they go
	// uncounted in it with the DATA they answer.
	h.log(f, t == http2.FrameWindowUpdate)
}

// log records f in the exchange, unless the record is full; bulk says whether f is a DATA
// frame of the response body (or probe's WINDOW_UPDATE for one), which is the first to be only
// counted.
func (h *h2conn) log(f Frame, bulk bool) int {
	h.fmu.Lock()
	defer h.fmu.Unlock()
	h.ex.FrameCount++
	n := len(h.ex.Frames)
	if n >= 2*MaxFrames || (bulk && n >= MaxFrames) {
		return -1
	}
	h.ex.Frames = append(h.ex.Frames, f)
	return n
}

// write writes one frame with fn while holding the write lock.
func (h *h2conn) write(fn func(fr *http2.Framer) error) {
	h.wmu.Lock()
	defer h.wmu.Unlock()
	_ = fn(h.fr)
}

// read reads frames until stream 1 is over and its tail has been watched, or the connection
// fails. It returns the exchange's error, if any.
func (h *h2conn) read(o *outputs) *Error {
	_ = h.conn.SetReadDeadline(h.deadline)
	over := false     // stream 1 is done: the reads now only watch for late frames
	watching := false // the watch after a bodyless response runs, and the caller follows it
	for {
		f, err := h.fr.ReadFrame()
		if err != nil {
			return h.readError(err, over)
		}
		hdr := f.Header()
		off := h.rdOff
		h.rdOff += 9 + int64(hdr.Length)
		rec := Frame{Type: typeName(hdr.Type), Flags: flagNames(hdr.Type, hdr.Flags), Bits: uint8(hdr.Flags),
			Stream: hdr.StreamID, Length: hdr.Length, Offset: off, At: time.Since(h.start)}
		done := h.handle(f, rec, o)
		if watching {
			h.req.Watching(h.partial()) // a late frame
		}
		if done && !over {
			over = true
			wait := shortRead
			bodyless := h.resp != nil && h.resp.Framing == FramingNone
			if bodyless {
				// Frames after END_STREAM on a response that has no content are what the
				// watch is for, as after an HTTP/1.1 204.
				wait = watchWindow(h.req.Grace, h.ex.Timing.Connect)
				h.ex.Timing.Watch = wait
			}
			_ = h.conn.SetReadDeadline(earliest(time.Now().Add(wait), h.deadline))
			// Not for a redirect that is followed: the next hop's response is the answer.
			if watching = bodyless && h.req.Watching != nil && (o.final == nil || o.final(h.resp)); watching {
				h.req.Watching(h.partial())
			}
		}
	}
}

// partial is the exchange as it stands during the watch (see Request.Watching). It holds
// the frames recorded so far, but not one whose header block is still open: its fields are
// written into the record when the block ends.
func (h *h2conn) partial() *Exchange {
	var extra Capture
	if h.extra != nil {
		extra = h.extra.result()
	}
	h.fmu.Lock() // the writing goroutine records the frames it sends
	defer h.fmu.Unlock()
	s := partial(h.ex, h.ex.Wire, h.ex.WireSize, extra)
	s.Timing.TTFB, s.Timing.Total = h.tap.first.Sub(h.start), time.Since(h.begun)
	n := len(h.ex.Frames)
	if h.blockF >= 0 {
		n = min(n, h.blockF)
	}
	s.Frames = h.ex.Frames[:n:n]
	s.Response.Body = h.body.result()
	s.Response.Body.Data = slices.Clip(s.Response.Body.Data)
	s.Response.End = h.rdOff
	return s
}

// handle takes one frame: it records it, answers it where the protocol asks for an answer,
// and feeds the response of stream 1. It reports whether stream 1 is now over.
func (h *h2conn) handle(f http2.Frame, rec Frame, o *outputs) bool {
	stream := rec.Stream
	switch f := f.(type) {
	case *http2.SettingsFrame:
		if !f.IsAck() {
			var s []http2.Setting
			_ = f.ForeachSetting(func(st http2.Setting) error {
				s = append(s, st)
				switch st.ID {
				case http2.SettingInitialWindowSize:
					h.flow.mu.Lock()
					h.flow.stream += int64(st.Val) - 65535
					h.flow.mu.Unlock()
				case http2.SettingMaxFrameSize:
					h.flow.mu.Lock()
					h.flow.maxFrame = max(16384, st.Val)
					h.flow.mu.Unlock()
				}
				return nil
			})
			sf := settingsFrame(s)
			rec.Settings, rec.Summary = sf.Settings, sf.Summary
			h.log(rec, false)
			h.write(func(fr *http2.Framer) error { return fr.WriteSettingsAck() })
			h.logSent(http2.FrameSettings, http2.FlagSettingsAck, 0, 0, Frame{})
			return false
		}
		h.log(rec, false)
	case *http2.PingFrame:
		rec.Summary = fmt.Sprintf("%x", f.Data)
		h.log(rec, false)
		if !f.IsAck() {
			data := f.Data
			h.write(func(fr *http2.Framer) error { return fr.WritePing(true, data) })
			h.logSent(http2.FramePing, http2.FlagPingAck, 0, 8, Frame{Summary: rec.Summary})
		}
	case *http2.WindowUpdateFrame:
		rec.Summary = fmt.Sprintf("+%d", f.Increment)
		h.log(rec, false)
		h.flow.add(stream, int64(f.Increment))
	case *http2.RSTStreamFrame:
		rec.ErrCode = errCodeName(f.ErrCode)
		rec.Summary = rec.ErrCode
		h.log(rec, false)
		if stream == 1 && !h.ended && h.reset == "" {
			h.reset = rec.ErrCode
			return true
		}
	case *http2.GoAwayFrame:
		rec.ErrCode, rec.LastStream = errCodeName(f.ErrCode), f.LastStreamID
		rec.Debug = string(f.DebugData())
		rec.Summary = fmt.Sprintf("%s, last stream %d", rec.ErrCode, f.LastStreamID)
		if rec.Debug != "" {
			rec.Summary += ", debug " + strconv.Quote(rec.Debug)
		}
		h.log(rec, false)
		h.goaway = true
		if f.LastStreamID < 1 || f.ErrCode != http2.ErrCodeNo {
			return true
		}
	case *http2.HeadersFrame:
		i := h.log(rec, false)
		h.blockOff = rec.Offset
		return h.startBlock(i, stream, true, f.StreamEnded(), f.HeaderBlockFragment(), f.HeadersEnded(), o)
	case *http2.PushPromiseFrame:
		rec.Summary = fmt.Sprintf("promised stream %d", f.PromiseID)
		i := h.log(rec, false)
		return h.startBlock(i, stream, false, false, f.HeaderBlockFragment(), f.HeadersEnded(), o)
	case *http2.ContinuationFrame:
		h.log(rec, false)
		if h.blockF == -2 || h.block != nil {
			h.block = appendBlock(h.block, f.HeaderBlockFragment())
			if f.HeadersEnded() {
				return h.endBlock(o)
			}
		}
	case *http2.DataFrame:
		data := f.Data()
		rec.Summary = english.Plural(int64(len(data)), "byte")
		if int(rec.Length) != len(data) {
			rec.Summary += fmt.Sprintf(" (%d of padding)", int(rec.Length)-len(data))
		}
		h.giveBack(stream, int64(rec.Length))
		body := stream == 1 && h.resp != nil && !h.ended && h.reset == ""
		// The frame that ends the stream is always kept: the rules read where the stream ended.
		h.log(rec, body && !f.StreamEnded())
		if body {
			if h.resp.Framing == FramingNone {
				// A response that has no content by definition: DATA on it is not a body, it is
				// bytes after the response, as they would be after an HTTP/1.1 204.
				if h.extra == nil {
					h.extra = newCapture(h.req.BodyLimit, rec.Offset+9)
				}
				h.extra.write(data)
			} else {
				h.body.write(data)
			}
			if f.StreamEnded() {
				return h.endStream()
			}
		}
	default:
		h.log(rec, false)
	}
	return false
}

// appendBlock appends a fragment to a header block, up to maxBlockBytes.
func appendBlock(b, frag []byte) []byte {
	if len(b)+len(frag) > maxBlockBytes {
		return b
	}
	return append(b, frag...)
}

// giveBack answers DATA with WINDOW_UPDATE once half the window probe granted has been used,
// so that a long body streams without waiting.
func (h *h2conn) giveBack(stream uint32, n int64) {
	h.connUnack += n
	if stream == 1 && !h.ended {
		h.unacked += n
	}
	if h.connUnack >= h2Window/2 {
		inc := uint32(h.connUnack)
		h.connUnack = 0
		h.write(func(fr *http2.Framer) error { return fr.WriteWindowUpdate(0, inc) })
		h.logSent(http2.FrameWindowUpdate, 0, 0, 4, Frame{Summary: fmt.Sprintf("+%d", inc)})
	}
	if h.unacked >= h2Window/2 {
		inc := uint32(h.unacked)
		h.unacked = 0
		h.write(func(fr *http2.Framer) error { return fr.WriteWindowUpdate(1, inc) })
		h.logSent(http2.FrameWindowUpdate, 0, 1, 4, Frame{Summary: fmt.Sprintf("+%d", inc)})
	}
}

// startBlock begins a header block at frame i (or -1 when that frame was not recorded).
func (h *h2conn) startBlock(i int, stream uint32, headers, endStream bool, frag []byte, ended bool, o *outputs) bool {
	h.block = appendBlock(make([]byte, 0, len(frag)), frag)
	h.blockF, h.blockS, h.blockH, h.blockE = i, stream, headers, endStream
	if i < 0 {
		h.blockF = -2 // decode it anyway, to keep the HPACK table in step
	}
	if ended {
		return h.endBlock(o)
	}
	return false
}

// endBlock decodes the header block just completed, records its fields under the frame that
// began it and, for stream 1, takes it as the response's head, an interim response or its
// trailers.
func (h *h2conn) endBlock(o *outputs) bool {
	fields, err := decodeBlock(h.dec, h.block)
	h.block = nil
	i := h.blockF
	h.blockF = -1
	if i >= 0 {
		h.fmu.Lock()
		h.ex.Frames[i].Fields = fields
		if err != nil {
			h.ex.Frames[i].BlockError = err.Error()
		}
		h.fmu.Unlock()
	}
	if !h.blockH || h.blockS != 1 || h.ended || h.reset != "" {
		return false
	}
	if h.resp != nil { // a trailer section
		for _, f := range fields {
			if !strings.HasPrefix(f.Name, ":") {
				h.resp.Trailers = append(h.resp.Trailers, Field{Name: f.Name, Value: strings.Trim(f.Value, " \t"), Line: -1})
			}
		}
		if h.blockE {
			return h.endStream()
		}
		return false
	}
	resp := h2Response(fields, h.blockOff)
	if c := resp.Status.Code; c >= 100 && c < 200 && !h.blockE {
		h.ex.Interim = append(h.ex.Interim, resp)
		return false
	}
	h.resp = resp
	h.ex.Response = resp
	method := h.ex.Request.Method
	frame(resp, method)
	switch resp.Framing {
	case FramingNone:
	default:
		resp.Framing = FramingEndStream
		if n, ok := contentLength(resp); ok {
			resp.DeclaredLength = n
		}
	}
	h.body = newCapture(h.req.BodyLimit, h.rdOff)
	tee, dec := o.attach(resp, h.req.BodyLimit)
	h.body.tee, h.dec2 = tee, dec
	if h.blockE {
		return h.endStream()
	}
	return false
}

// endStream notes that stream 1 ended with END_STREAM.
func (h *h2conn) endStream() bool {
	h.ended = true
	h.resp.BodyComplete = true
	return true
}

// h2Response builds a Response from the decoded fields of a response header block: the status
// from :status (-1 when it is missing or not three digits), the regular fields in order.
func h2Response(fields []HeaderField, off int64) *Response {
	r := &Response{Offset: off, DeclaredLength: -1,
		Status: StatusLine{Proto: ProtoHTTP2, Major: 2, Minor: 0, Code: -1, HasSpaceAfterCode: true}}
	for _, f := range fields {
		if strings.HasPrefix(f.Name, ":") {
			if f.Name == ":status" && r.Status.Code == -1 && len(f.Value) == 3 {
				if n, err := strconv.Atoi(f.Value); err == nil && n >= 0 {
					r.Status.Code = n
				}
			}
			continue
		}
		r.Header = append(r.Header, Field{Name: f.Name, Value: strings.Trim(f.Value, " \t"), Line: -1})
	}
	return r
}

// readError turns the error that ended the reading into the exchange's outcome. After stream
// 1 was over, a timeout or a closed connection is the normal end of the watch.
func (h *h2conn) readError(err error, over bool) *Error {
	closed := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
	h.ex.Closed = h.ex.Closed || closed
	msg, timeout, canceled := h.e.cause(err)
	var ce http2.ConnectionError
	switch {
	case errors.As(err, &ce) && h.fr.ErrorDetail() != nil:
		msg = fmt.Sprintf("malformed HTTP/2 frame: %v (%s)", h.fr.ErrorDetail(), errCodeName(http2.ErrCode(ce)))
	case errors.As(err, &ce):
		msg = "malformed HTTP/2 frame (" + errCodeName(http2.ErrCode(ce)) + ")"
	case errors.Is(err, http2.ErrFrameTooLarge):
		msg = "malformed HTTP/2 frame: " + err.Error()
	}
	if over {
		if h.reset != "" && h.resp != nil {
			h.resp.BodyComplete = false
			h.resp.BodyError = fmt.Sprintf("the server reset the stream (RST_STREAM %s) after %s", h.reset, english.Plural(h.body.size, "byte"))
		}
		if h.reset != "" && h.resp == nil {
			return &Error{Phase: PhaseStatus, Msg: fmt.Sprintf("the server reset the stream (RST_STREAM %s) before the response headers", h.reset)}
		}
		if h.resp == nil {
			return &Error{Phase: PhaseStatus, Msg: "the server sent GOAWAY " + h.goawayText() + " before the response headers"}
		}
		if !h.ended && h.reset == "" {
			h.resp.BodyError = fmt.Sprintf("got %s: the server sent GOAWAY %s before END_STREAM", english.Plural(h.body.size, "byte"), h.goawayText())
		}
		return nil
	}
	if h.resp == nil {
		if len(h.ex.Wire) > 0 && looksLikeHTTP(h.ex.Wire) {
			return &Error{Phase: PhaseStatus, Msg: "not an HTTP/2 response: the server answered in HTTP/1.x: got " +
				sample(h.ex.Wire) + " (it may not speak h2c; try without --http2-prior-knowledge)"}
		}
		if timeout || canceled || closed {
			return h.e.waitError(PhaseStatus, "the HTTP/2 response headers", err)
		}
		return &Error{Phase: PhaseStatus, Msg: msg, Err: err}
	}
	// The head arrived; the body did not end.
	got := english.Plural(h.body.size, "byte")
	switch {
	case timeout || canceled:
		h.resp.BodyError = fmt.Sprintf("got %s: %s before END_STREAM", got, msg)
		return &Error{Phase: PhaseBody, Msg: h.resp.BodyError, Timeout: timeout, Canceled: canceled, Err: err}
	case closed:
		h.resp.BodyError = fmt.Sprintf("got %s: connection closed before END_STREAM", got)
	default:
		h.resp.BodyError = fmt.Sprintf("got %s: %s", got, msg)
	}
	return nil
}

// goawayText describes the last GOAWAY received.
func (h *h2conn) goawayText() string {
	h.fmu.Lock()
	defer h.fmu.Unlock()
	for i := len(h.ex.Frames) - 1; i >= 0; i-- {
		if f := h.ex.Frames[i]; !f.Sent && f.Type == "GOAWAY" {
			return "(" + f.Summary + ")"
		}
	}
	return ""
}
