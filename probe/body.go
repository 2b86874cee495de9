package probe

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/internal/english"
)

// Limits of the chunked decoder.
const (
	maxChunkLine    = 64 << 10 // bytes in one chunk-size line, extensions included
	maxChunkSizeHex = 15       // hex digits in a chunk size (keeps it within an int64)
	maxChunkRecords = 1 << 16  // chunks described in Response.Chunks
	// maxChunkExtBytes is how many bytes of chunk extensions are kept in all; past it, Ext is
	// left empty.
	maxChunkExtBytes = 1 << 20
)

// readBody reads the body of the final response as its framing says, into resp.Body.
// The body never fails the exchange: when it ends early, BodyComplete stays false and
// BodyError says why. Bytes of a chunk-size line that could not be decoded are returned so
// that they can lead the extra bytes.
func (p *parser) readBody(resp *Response) (leftover []byte) {
	body := newCapture(p.bodyLimit, p.r.off)
	tee, dec := p.out.attach(resp, p.bodyLimit)
	body.tee = tee
	defer func() {
		dec.finish()
		resp.Body = body.result()
		resp.End = p.r.off - int64(len(leftover))
	}()
	switch resp.Framing {
	case FramingNone:
		resp.BodyComplete = true
	case FramingLength:
		n, err := p.r.copyN(body, resp.DeclaredLength)
		resp.BodyComplete = err == nil
		if err != nil {
			resp.BodyError = fmt.Sprintf("got %d of %d bytes: %s", n, resp.DeclaredLength, p.cause(err))
			p.stopBody(err, body.size, "")
		}
	case FramingClose:
		err := p.r.copyAll(body)
		resp.BodyComplete = p.r.eof
		if !p.r.eof {
			resp.BodyError = fmt.Sprintf("got %d bytes: %s before the server closed the connection",
				body.size, p.cause(err))
			p.stopBody(err, body.size, "; this body ends only when the server closes the connection")
		}
	case FramingChunked:
		leftover = p.readChunked(resp, body)
	}
	return leftover
}

func (p *parser) cause(err error) string {
	msg, _, _ := p.env.cause(err)
	return msg
}

// stopBody notes a body read that err ended. When err is the exchange's own deadline or the
// caller's cancellation, the server did not cut the body short: that fails the exchange
// (p.stopped), with got, the bytes of body read so far, and note after them in the message.
func (p *parser) stopBody(err error, got int64, note string) {
	msg, timeout, canceled := p.env.cause(err)
	if !timeout && !canceled {
		return
	}
	if canceled {
		msg = "canceled"
	}
	p.stopped = &Error{Phase: PhaseBody, Timeout: timeout, Canceled: canceled, Err: err,
		Msg: fmt.Sprintf("%s while reading the body (%s so far%s)", msg, english.Plural(got, "byte"), note)}
}

// readChunked decodes a chunked body (RFC 9112 §7.1): chunks, their extensions, the last chunk
// and the trailer section.
func (p *parser) readChunked(resp *Response, body *capture) []byte {
	r := p.r
	for {
		line, err := r.readLine(maxChunkLine)
		if err == errLineTooLong {
			resp.BodyError = fmt.Sprintf("chunk-size line longer than %d KiB", maxChunkLine>>10)
			return nil
		}
		if err != nil {
			p.stopBody(err, body.size, "")
			if len(line.Text) == 0 {
				resp.BodyError = p.cause(err) + " before the next chunk"
				return nil
			}
			resp.BodyError = p.cause(err) + " inside a chunk-size line"
			return lineBytes(line)
		}
		size, ext, ok := parseChunkLine(string(line.Text))
		if !ok {
			resp.BodyError = "invalid chunk-size line " +
				strconv.Quote(string(line.Text[:min(len(line.Text), sampleSize)]))
			return lineBytes(line)
		}
		resp.ChunkCount++
		if len(resp.Chunks) < maxChunkRecords && (body.size < p.bodyLimit || size == 0) {
			if len(ext) > p.chunkExtBytes {
				ext = ""
			}
			p.chunkExtBytes -= len(ext)
			resp.Chunks = append(resp.Chunks,
				Chunk{Offset: line.Offset, Size: size, Ext: ext, DataOffset: body.size, DataWire: r.off})
		}
		if size == 0 {
			return p.readTrailers(resp, body.size)
		}
		n, err := r.copyN(body, size)
		if err != nil {
			resp.BodyError = fmt.Sprintf("got %d of %d bytes of a chunk: %s", n, size, p.cause(err))
			p.stopBody(err, body.size, "")
			return nil
		}
		if err := r.ensure(1); err != nil {
			resp.BodyError = p.cause(err) + " after a chunk's data, before its line ending"
			p.stopBody(err, body.size, "")
			return nil
		}
		if c := r.buffered()[0]; c != '\r' && c != '\n' {
			resp.BodyError = "chunk data not followed by a line ending"
			return nil
		}
		if _, err := r.readLine(2); err != nil {
			resp.BodyError = p.cause(err) + " inside the line ending after a chunk's data"
			p.stopBody(err, body.size, "")
			return nil
		}
	}
}

// readTrailers reads the trailer section after the last chunk of a body of bodySize bytes.
func (p *parser) readTrailers(resp *Response, bodySize int64) []byte {
	budget := MaxHeaderBytes
	for {
		if len(resp.TrailerLines) > MaxHeaderLines {
			resp.BodyError = fmt.Sprintf("trailer section has more than %d lines", MaxHeaderLines)
			return nil
		}
		line, err := p.r.readLine(budget)
		if err == errLineTooLong {
			resp.BodyError = fmt.Sprintf("trailer section larger than %d MiB", MaxHeaderBytes>>20)
			return nil
		}
		if err != nil {
			if len(line.Text) > 0 {
				line.Kind = BadLineKind
				if f, ok := parseField(line.Text); ok {
					line.Kind = FieldLineKind
					f.Line = len(resp.TrailerLines)
					resp.Trailers = append(resp.Trailers, f)
				}
				resp.TrailerLines = append(resp.TrailerLines, line)
			}
			resp.BodyError = p.cause(err) + " before the end of the trailer section"
			p.stopBody(err, bodySize, "")
			return nil
		}
		budget -= int(line.End() - line.Offset)
		if addFieldLine(&resp.TrailerLines, &resp.Trailers, line) == BlankLineKind {
			resp.BodyComplete = true
			return nil
		}
	}
}

// parseChunkLine parses `chunk-size [ BWS ";" chunk-ext ]`, leniently: whitespace around the
// size is skipped. ext is everything after the first ';'.
func parseChunkLine(s string) (size int64, ext string, ok bool) {
	hexPart, ext, _ := strings.Cut(s, ";")
	hexPart = trimOWS(hexPart)
	if hexPart == "" || len(hexPart) > maxChunkSizeHex {
		return 0, "", false
	}
	for i := 0; i < len(hexPart); i++ {
		if !isHex(hexPart[i]) {
			return 0, "", false
		}
	}
	size, err := strconv.ParseInt(hexPart, 16, 64)
	return size, ext, err == nil
}

func isHex(c byte) bool {
	return isDigit(c) || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

// lineBytes rebuilds the bytes of line as they were on the wire.
func lineBytes(l Line) []byte {
	b := append([]byte{}, l.Text...)
	switch l.Ending {
	case CRLF:
		b = append(b, '\r', '\n')
	case LF:
		b = append(b, '\n')
	case CR:
		b = append(b, '\r')
	}
	return b
}
