package probe

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// AcceptEncoding is the Accept-Encoding value of a request with Compressed set: the content
// codings probe decodes, in the order curl names them for its --compressed.
const AcceptEncoding = "deflate, gzip, br, zstd"

// MaxContentRatio bounds decoding: once the decoded content has grown past MaxContentRatio
// times the coded bytes read so far (plus 1 MiB), decoding stops, so that a small coded body
// that expands without end (a decompression bomb) costs neither memory nor much time. Content
// that goes to Request.ContentTo is not bounded so: it is decoded to its end.
const MaxContentRatio = 1000

// Limits of the content decoders.
const (
	contentSlack   = 1 << 20  // decoded bytes allowed whatever the ratio
	zstdMaxWindow  = 8 << 20  // the largest window a zstd coding may use (RFC 9659 §3)
	codedBlockSize = 32 << 10 // bytes the coded source takes from the body at a time
	codedReadMax   = 4 << 10  // bytes one read of the coded source hands out, to place errors
)

// ContentCoding describes the content codings a response's Content-Encoding names and the
// content that is left once they are removed (RFC 9110 §8.4). Content-Type describes that
// decoded content, so the rules that read content read it.
type ContentCoding struct {
	// Codings are the codings named, lowercased, in the order they were applied; decoding
	// removes them in the reverse order.
	Codings []string
	// NotDecoded says why the body was left coded, when it was: a coding probe has no decoder
	// for, or a 206 that carries a range of the coded data. Empty when probe decoded it.
	NotDecoded string
	// Content is the decoded content: its first bytes, up to the request's BodyLimit, are
	// kept, and all of them are counted. Its Offset is 0 (it is not on the wire).
	Content Capture
	// Err says in one line why decoding failed or was stopped, e.g. "gzip: checksum does not
	// match"; empty when the codings were removed to the end of the body.
	Err string
	// ErrOffset is where in the body (Response.Body, transfer coding removed) decoding failed
	// or stopped: how many coded bytes the decoders had read. -1 when Err is empty.
	ErrOffset int64
	// EndedEarly reports that the coded data ended before the coding did: a truncated stream.
	EndedEarly bool
	// Stopped reports that probe stopped decoding (the content grew past MaxContentRatio, or
	// the exchange ran out of time), not that the data was wrong.
	Stopped bool
	// RawDeflate reports a deflate coding sent as raw DEFLATE data without the zlib wrapper
	// that RFC 9110 §8.4.1.2 defines. probe decodes it anyway, as browsers and curl do.
	RawDeflate bool
}

// Decoded reports whether the codings were removed from the whole body.
func (c *ContentCoding) Decoded() bool { return c.NotDecoded == "" && c.Err == "" }

// Content returns the response's content with its content codings removed, and whether it is
// the whole of it: the body itself when no coding applies, the decoded content when the
// codings were removed. When a coding is left on (one probe does not decode) it returns the
// coded body, and when decoding failed or stopped the part that was decoded, both with
// whole false.
func (r *Response) Content() (c Capture, whole bool) {
	switch cc := r.Coding; {
	case cc == nil:
		return r.Body, true
	case cc.NotDecoded != "":
		return r.Body, false
	default:
		return cc.Content, cc.Err == ""
	}
}

// newContentCoding reads the Content-Encoding fields of resp; nil when they name no coding.
func newContentCoding(resp *Response) *ContentCoding {
	codings := listValues(resp, "Content-Encoding")
	if len(codings) == 0 {
		return nil
	}
	cc := &ContentCoding{Codings: codings, ErrOffset: -1}
	for i, c := range codings {
		codings[i] = LowerASCII(c)
		if cc.NotDecoded == "" && !knownCoding(codings[i]) {
			cc.NotDecoded = "no decoder for the coding " + codings[i]
		}
	}
	if cc.NotDecoded == "" && resp.Status.Code == 206 {
		cc.NotDecoded = "a 206 carries a range of the coded data, which does not decode on its own"
	}
	return cc
}

// knownCoding reports whether probe removes the content coding c (lowercase).
func knownCoding(c string) bool {
	switch c {
	case "gzip", "x-gzip", "deflate", "br", "zstd", "identity":
		return true
	}
	return false
}

// outputs are where the body of the final response goes besides the capture: the caller's
// writers and the content decoder. The parser sets one up per response body.
type outputs struct {
	ctx       context.Context
	deadline  time.Time
	bodyTo    io.Writer
	contentTo io.Writer
	// final reports whether resp is the response whose body the caller's writers receive (with
	// redirects followed, the last one); nil means every one.
	final func(resp *Response) bool
	// writeErr is the first error of a caller's writer; after it nothing more is written there.
	writeErr error
}

// attach prepares the outputs of resp's body: it sets resp.Coding and returns the function
// that takes each run of body bytes (nil when nothing but the capture needs them) and the
// content decoder, if one runs, which the caller finishes once the body has ended.
func (o *outputs) attach(resp *Response, limit int64) (tee func([]byte), dec *contentDecoder) {
	resp.Coding = newContentCoding(resp)
	bodyTo, contentTo := o.bodyTo, o.contentTo
	if o.final != nil && (bodyTo != nil || contentTo != nil) && !o.final(resp) {
		bodyTo, contentTo = nil, nil
	}
	if cc := resp.Coding; cc != nil && cc.NotDecoded == "" && resp.Framing != FramingNone {
		dec = &contentDecoder{cc: cc, limit: limit, out: contentTo, o: o}
		contentTo = nil // the decoder writes the decoded content there
	}
	var sinks []func([]byte)
	if bodyTo != nil {
		sinks = append(sinks, o.writer(bodyTo))
	}
	if contentTo != nil {
		sinks = append(sinks, o.writer(contentTo))
	}
	if dec != nil {
		sinks = append(sinks, dec.write)
	}
	switch len(sinks) {
	case 0:
		return nil, dec
	case 1:
		return sinks[0], dec
	}
	return func(p []byte) {
		for _, s := range sinks {
			s(p)
		}
	}, dec
}

// writer returns a sink that writes to w until w fails once.
func (o *outputs) writer(w io.Writer) func([]byte) {
	failed := false
	return func(p []byte) {
		if failed || len(p) == 0 {
			return
		}
		if _, err := w.Write(p); err != nil {
			failed = true
			if o.writeErr == nil {
				o.writeErr = err
			}
		}
	}
}

// contentDecoder removes the content codings of one body while the body streams in: the parser
// hands it the body's bytes through a pipe, and a goroutine of its own runs the decoders and
// records the content. It starts with the first byte, so an empty body is never decoded.
type contentDecoder struct {
	cc    *ContentCoding
	limit int64
	out   io.Writer // the caller's ContentTo, or nil
	o     *outputs

	pw      *io.PipeWriter
	done    chan struct{}
	started bool
	stopped bool // the decoders are done: later bytes are dropped
	outErr  error
}

// write hands p to the decoders. It returns once they have taken it all, or have stopped.
func (d *contentDecoder) write(p []byte) {
	if d.stopped || len(p) == 0 {
		return
	}
	if !d.started {
		d.start()
	}
	if _, err := d.pw.Write(p); err != nil {
		d.stopped = true
	}
}

func (d *contentDecoder) start() {
	d.started = true
	pr, pw := io.Pipe()
	d.pw, d.done = pw, make(chan struct{})
	go d.run(pr)
}

// finish ends the coded stream and waits for the decoders to finish with it. A nil decoder
// has nothing to finish.
func (d *contentDecoder) finish() {
	if d == nil || !d.started {
		return
	}
	d.pw.Close()
	<-d.done
	if d.outErr != nil && d.o.writeErr == nil {
		d.o.writeErr = d.outErr
	}
}

// errDecoderDone closes the pipe once the decoders no longer read it.
var errDecoderDone = errors.New("content decoding ended")

// run decodes the coded stream read from pr into the content capture, then records how it
// ended in d.cc.
func (d *contentDecoder) run(pr *io.PipeReader) {
	defer close(d.done)
	src := &codedSource{r: pr, buf: make([]byte, codedBlockSize)}
	sink := &contentSink{c: newCapture(d.limit, 0), out: d.out, src: src, o: d.o}
	err := decodeCodings(d.cc, src, sink)
	_ = pr.CloseWithError(errDecoderDone)
	d.cc.Content = sink.c.result()
	d.outErr = sink.outErr
	if err == nil {
		return
	}
	d.cc.ErrOffset = src.consumed
	var stop *stopError
	switch {
	case errors.As(err, &stop):
		d.cc.Stopped = true
		d.cc.Err = stop.msg
	default:
		d.cc.Err = err.Error()
		d.cc.EndedEarly = errors.Is(err, io.ErrUnexpectedEOF)
	}
}

// decodeCodings removes the codings of cc, last applied first, from src into sink.
func decodeCodings(cc *ContentCoding, src *codedSource, sink *contentSink) error {
	var r peekReader = src
	for i := len(cc.Codings) - 1; i >= 0; i-- {
		next, err := openCoding(cc, cc.Codings[i], r)
		if err != nil {
			return err
		}
		if c, ok := next.(io.Closer); ok {
			defer c.Close()
		}
		if i == 0 {
			_, err = io.Copy(sink, next)
			return err
		}
		r = bufio.NewReaderSize(next, codedBlockSize)
	}
	return nil
}

// peekReader is a source a decoder can look ahead in without consuming.
type peekReader interface {
	io.Reader
	io.ByteReader
	Peek(n int) ([]byte, error)
}

// openCoding returns a reader of what in holds with the coding name removed. Its errors name
// the coding, and it fails when data follows the end of the coded data.
func openCoding(cc *ContentCoding, name string, in peekReader) (io.Reader, error) {
	var r io.Reader
	var err error
	switch name {
	case "identity":
		return in, nil
	case "gzip", "x-gzip":
		return newGzipMembers(name, in)
	case "deflate":
		if zlibHeader(in) {
			r, err = zlib.NewReader(in)
		} else {
			cc.RawDeflate = true
			r = flate.NewReader(in)
		}
	case "br":
		r = brotli.NewReader(in)
	case "zstd":
		var z *zstd.Decoder
		z, err = zstd.NewReader(in, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(zstdMaxWindow), zstd.WithDecoderMaxMemory(zstdMaxWindow*4))
		if z != nil {
			r = z.IOReadCloser()
		}
	}
	if err != nil {
		return nil, codingErr(name, err)
	}
	return &endChecked{name: name, r: r, in: in}, nil
}

// zlibHeader reports whether in starts with a zlib header (RFC 1950 §2.2) for deflate data: a
// method of 8, a window of at most 32 KiB, and a check that makes the pair a multiple of 31.
func zlibHeader(in peekReader) bool {
	b, err := in.Peek(2)
	if err != nil || len(b) < 2 {
		return true // too short to be raw deflate either: let zlib say what is wrong
	}
	return b[0]&0x0f == 8 && b[0]>>4 <= 7 && (uint16(b[0])<<8|uint16(b[1]))%31 == 0
}

// endChecked reads a decoder and, at its end, fails when its input goes on.
type endChecked struct {
	name string
	r    io.Reader
	in   peekReader
}

// Close releases the decoder's resources (the zstd decoder's buffers).
func (e *endChecked) Close() error {
	if c, ok := e.r.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

func (e *endChecked) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	switch {
	case err == io.EOF:
		if b, _ := e.in.Peek(1); len(b) > 0 {
			return n, codingErr(e.name, errTrailing)
		}
		return n, io.EOF
	case err != nil:
		return n, codingErr(e.name, err)
	}
	return n, nil
}

// gzipMembers reads one gzip member after another (RFC 1952 §2.2), and fails on bytes after the
// last member that do not start another.
type gzipMembers struct {
	name string
	in   peekReader
	z    *gzip.Reader
}

func newGzipMembers(name string, in peekReader) (io.Reader, error) {
	if err := gzipMagic(in); err != nil {
		return nil, codingErr(name, err)
	}
	z, err := gzip.NewReader(in)
	if err != nil {
		return nil, codingErr(name, err)
	}
	z.Multistream(false)
	return &gzipMembers{name: name, in: in, z: z}, nil
}

func (g *gzipMembers) Read(p []byte) (int, error) {
	for {
		n, err := g.z.Read(p)
		if err != io.EOF {
			if err != nil {
				err = codingErr(g.name, err)
			}
			return n, err
		}
		b, _ := g.in.Peek(2)
		switch {
		case len(b) == 0:
			return n, io.EOF
		case gzipMagic(g.in) != nil:
			return n, codingErr(g.name, errTrailing)
		}
		if err := g.z.Reset(g.in); err != nil {
			return n, codingErr(g.name, err)
		}
		g.z.Multistream(false)
		if n > 0 {
			return n, nil
		}
	}
}

// gzipMagic checks, without consuming them, that the next bytes of in start a gzip member
// (RFC 1952 §2.3.1), so that a body that is not gzip at all fails where it starts.
func gzipMagic(in peekReader) error {
	b, err := in.Peek(2)
	switch {
	case len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b:
		return nil
	case len(b) < 2 && err != nil:
		return io.ErrUnexpectedEOF
	}
	return errNotGzip
}

// errNotGzip is the failure of gzip data that does not start with the gzip magic bytes.
var errNotGzip = errors.New("not gzip data: it does not start with the bytes 1f 8b")

// errTrailing is the failure of coded data followed by more bytes.
var errTrailing = errors.New("bytes follow the end of the coded data")

// codingError is a decoder's failure, with the coding it failed in.
type codingError struct {
	coding string
	err    error
}

func (e *codingError) Error() string { return e.coding + ": " + describeCodingErr(e.coding, e.err) }
func (e *codingError) Unwrap() error { return e.err }

// codingErr wraps err with the coding name, unless it already names one (an error of an outer
// coding read through an inner one) or is the sink's stop.
func codingErr(name string, err error) error {
	var ce *codingError
	var se *stopError
	if errors.As(err, &ce) || errors.As(err, &se) {
		return err
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF // the coded data ended where it may not
	}
	return &codingError{coding: name, err: err}
}

// describeCodingErr says in a few words what went wrong in the coding.
func describeCodingErr(coding string, err error) string {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the coded data ends early (truncated)"
	case errors.Is(err, errTrailing), errors.Is(err, errNotGzip):
		return err.Error()
	case errors.Is(err, gzip.ErrHeader):
		return "invalid gzip header"
	case errors.Is(err, gzip.ErrChecksum):
		return "CRC-32 or length in the gzip trailer does not match the data"
	case errors.Is(err, zlib.ErrHeader):
		return "invalid zlib header"
	case errors.Is(err, zlib.ErrChecksum):
		return "Adler-32 checksum in the zlib trailer does not match the data"
	case errors.Is(err, zlib.ErrDictionary):
		return "the zlib data needs a preset dictionary"
	case errors.As(err, &corrupt):
		return "corrupt DEFLATE data"
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "brotli: ")
	msg = strings.TrimPrefix(msg, "zstd: ")
	return msg
}

// stopError is the sink's refusal to take more content.
type stopError struct{ msg string }

func (e *stopError) Error() string { return e.msg }

// contentSink takes the decoded content: it keeps the first bytes, counts all of them, writes
// them to the caller's ContentTo, and stops decoding past MaxContentRatio or the deadline.
type contentSink struct {
	c      *capture
	out    io.Writer
	outErr error
	src    *codedSource
	o      *outputs
}

func (s *contentSink) Write(p []byte) (int, error) {
	// Content the caller asked to have written out is decoded to its end, as curl does; only
	// the deadline bounds it. Memory stays bounded either way.
	if room := MaxContentRatio*s.src.consumed + contentSlack - s.c.size; s.out == nil && int64(len(p)) > room {
		s.take(p[:max(room, 0)])
		return 0, &stopError{fmt.Sprintf("decoding stopped after %d bytes: more than %d times the %d coded bytes read",
			s.c.size, MaxContentRatio, s.src.consumed)}
	}
	if s.o.ctx != nil && s.o.ctx.Err() != nil {
		return 0, &stopError{"decoding stopped: the exchange was canceled"}
	}
	if !s.o.deadline.IsZero() && time.Now().After(s.o.deadline) {
		return 0, &stopError{"decoding stopped: the exchange ran out of time"}
	}
	s.take(p)
	return len(p), nil
}

// take records p as content.
func (s *contentSink) take(p []byte) {
	s.c.write(p)
	if s.out != nil && s.outErr == nil && len(p) > 0 {
		if _, err := s.out.Write(p); err != nil {
			s.outErr = err
		}
	}
}

// codedSource reads the coded body from the pipe for the decoders, counting what it hands out so
// that a failure can be placed; each read hands out at most codedReadMax bytes.
type codedSource struct {
	r        io.Reader
	buf      []byte
	lo, hi   int
	err      error
	consumed int64
}

// fill makes at least n bytes buffered, or returns the error that stopped it.
func (s *codedSource) fill(n int) error {
	for s.hi-s.lo < n {
		if s.err != nil {
			return s.err
		}
		if s.lo > 0 {
			copy(s.buf, s.buf[s.lo:s.hi])
			s.hi -= s.lo
			s.lo = 0
		}
		k, err := s.r.Read(s.buf[s.hi:])
		s.hi += k
		if err != nil {
			s.err = err
		}
	}
	return nil
}

func (s *codedSource) Read(p []byte) (int, error) {
	if s.lo == s.hi {
		if err := s.fill(1); err != nil {
			return 0, err
		}
	}
	n := copy(p[:min(len(p), codedReadMax)], s.buf[s.lo:s.hi])
	s.lo += n
	s.consumed += int64(n)
	return n, nil
}

// ReadByte hands out one byte; flate reads through it, so its errors are placed exactly.
func (s *codedSource) ReadByte() (byte, error) {
	if s.lo == s.hi {
		if err := s.fill(1); err != nil {
			return 0, err
		}
	}
	c := s.buf[s.lo]
	s.lo++
	s.consumed++
	return c, nil
}

// Peek returns the next n bytes (fewer at the end of the stream) without consuming them.
func (s *codedSource) Peek(n int) ([]byte, error) {
	err := s.fill(n)
	return s.buf[s.lo:min(s.hi, s.lo+n)], err
}

// Summary says in one line which codings the body had and what removing them gave, for a
// body of wire bytes (transfer coding removed): "gzip · 1.7 KiB on the wire → 12.0 KiB",
// "br · does not decode at byte 812: …", "compress · left coded: no decoder for the coding
// compress". Values from the server in it are not escaped.
func (c *ContentCoding) Summary(wire int64) string {
	s := strings.Join(c.Codings, ", ")
	if c.RawDeflate {
		s += " (raw DEFLATE, no zlib wrapper)"
	}
	switch {
	case c.NotDecoded != "":
		return s + " · left coded: " + c.NotDecoded
	case c.Stopped:
		return fmt.Sprintf("%s · %s on the wire → %s, then %s", s, sizeText(wire), sizeText(c.Content.Size), c.Err)
	case c.Err != "":
		return fmt.Sprintf("%s · does not decode at byte %d of %s: %s", s, c.ErrOffset, sizeText(wire), c.Err)
	}
	return fmt.Sprintf("%s · %s on the wire → %s", s, sizeText(wire), sizeText(c.Content.Size))
}

// sizeText is a byte count for a summary: "812 bytes", "1.7 KiB", "3.2 MiB".
func sizeText(n int64) string {
	switch {
	case n == 1:
		return "1 byte"
	case n < 10<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
}
