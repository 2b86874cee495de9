package probe

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"time"
)

// readBufferSize is the size of the window the wire reader reads into. Lines and bodies of any
// length pass through it; only the parts a caller keeps are copied out.
const readBufferSize = 32 << 10

// errLineTooLong is returned by readLine when a line does not end within its budget.
var errLineTooLong = errors.New("line too long")

// wireReader is a buffered reader over a response stream that knows the stream offset of every
// byte, keeps the first MaxWireCapture bytes of the stream, and remembers when the first byte
// arrived. Errors from the source are sticky: once a read failed, every later fill fails the
// same way, after the bytes already buffered have been consumed.
type wireReader struct {
	src  io.Reader
	buf  []byte
	r, w int   // buf[r:w] is buffered and not yet consumed
	off  int64 // stream offset of buf[r]

	received int64     // bytes read from src in all
	wire     []byte    // the first MaxWireCapture bytes of the stream
	first    time.Time // when the first byte arrived
	err      error     // the sticky error of src
	eof      bool      // src reported io.EOF: the peer closed the stream
	block    []byte    // copyBulk's read buffer, allocated on first use and then reused

	progress func(received int64)
	// onData, when not nil, is called by copyAll and copyBulk each time bytes arrive, with the
	// capture they fill as it stands once they are in it.
	onData func(got Capture)
	// arrived, when not nil, reads only bytes that have already arrived, without waiting: it
	// returns 0 and no error when there are none.
	arrived func(p []byte) (int, error)
	// skip, when not nil, drops up to len(p) bytes of the source without reading them into p,
	// waiting for them as a read would (see skipper); it never returns 0 and no error.
	skip func(p []byte) (int, error)
}

func newWireReader(src io.Reader, progress func(int64)) *wireReader {
	return &wireReader{src: src, buf: make([]byte, readBufferSize), progress: progress}
}

// buffered returns the bytes read but not yet consumed. They stay valid until the next fill.
func (wr *wireReader) buffered() []byte { return wr.buf[wr.r:wr.w] }

// consume marks the next n buffered bytes as read.
func (wr *wireReader) consume(n int) {
	wr.r += n
	wr.off += int64(n)
}

// fill reads once from the source into the free part of the buffer. It returns nil when at
// least one byte arrived, or the source's (sticky) error.
func (wr *wireReader) fill() error {
	if wr.err != nil {
		return wr.err
	}
	if wr.r > 0 {
		copy(wr.buf, wr.buf[wr.r:wr.w])
		wr.w -= wr.r
		wr.r = 0
	}
	if wr.w == len(wr.buf) {
		return nil
	}
	n, err := wr.readSome(wr.buf[wr.w:])
	wr.w += n
	if n > 0 {
		return nil
	}
	return err
}

// maxArrivedReads bounds how many reads drainArrived makes, so that a server sending without
// pause cannot hold it.
const maxArrivedReads = 32

// drainArrived moves the bytes buffered and those that have already arrived into dst, without
// waiting for more. Without an arrived function, it makes one ordinary read, bounded by the
// source's read deadline.
func (wr *wireReader) drainArrived(dst *capture) {
	wr.copyBuffered(dst)
	if wr.arrived == nil {
		if wr.fill() == nil {
			wr.copyBuffered(dst)
		}
		return
	}
	yielded := false
	for range maxArrivedReads {
		if wr.err != nil {
			return
		}
		wr.r, wr.w = 0, 0
		n, err := wr.arrived(wr.buf)
		if n > 0 {
			wr.record(wr.buf[:n])
			wr.w = n
			wr.copyBuffered(dst)
		}
		wr.fail(err)
		if n == 0 && !yielded {
			// A server that writes its stray bytes right after the body may not have had the
			// processor yet: let it run, once, and look again.
			yielded = true
			runtime.Gosched()
			continue
		}
		if n < len(wr.buf) {
			return
		}
	}
}

// record notes newly arrived bytes: the wire capture, the byte count and the first byte's time.
func (wr *wireReader) record(p []byte) {
	if room := MaxWireCapture - len(wr.wire); room > 0 {
		wr.wire = appendCapped(wr.wire, p[:min(room, len(p))], MaxWireCapture)
	}
	wr.arrive(len(p))
}

// arrive notes that n more bytes arrived: the byte count, the first byte's time and progress.
func (wr *wireReader) arrive(n int) {
	if wr.received == 0 {
		wr.first = time.Now()
	}
	wr.received += int64(n)
	if wr.progress != nil {
		wr.progress(wr.received)
	}
}

// ensure fills until at least n bytes are buffered; it returns the error that stopped it short.
func (wr *wireReader) ensure(n int) error {
	for wr.w-wr.r < n {
		if err := wr.fill(); err != nil {
			return err
		}
	}
	return nil
}

// readLine reads one line ending in CRLF, a bare LF or a bare CR. The line's text and ending
// take at most max bytes, or errLineTooLong is returned. When the stream ends first, the line
// read so far is returned with Ending NoEnd and the stream's error.
func (wr *wireReader) readLine(max int) (Line, error) {
	line := Line{Offset: wr.off, Text: []byte{}}
	for {
		if wr.r == wr.w {
			if err := wr.fill(); err != nil {
				line.Ending = NoEnd
				return line, err
			}
			continue
		}
		b := wr.buffered()
		i := bytes.IndexAny(b, "\r\n")
		if i < 0 {
			if len(line.Text)+len(b) > max {
				return line, errLineTooLong
			}
			line.Text = append(line.Text, b...)
			wr.consume(len(b))
			continue
		}
		if len(line.Text)+i+1 > max {
			return line, errLineTooLong
		}
		line.Text = append(line.Text, b[:i]...)
		c := b[i]
		wr.consume(i + 1)
		if c == '\n' {
			line.Ending = LF
			return line, nil
		}
		if wr.r == wr.w {
			_ = wr.fill() // a failure leaves a bare CR; the error stays for the next read
		}
		if wr.r < wr.w && wr.buf[wr.r] == '\n' {
			wr.consume(1)
			line.Ending = CRLF
		} else {
			line.Ending = CR
		}
		return line, nil
	}
}

// copyN moves the next n bytes of the stream into dst and returns how many it moved.
func (wr *wireReader) copyN(dst *capture, n int64) (int64, error) {
	var done int64
	for done < n {
		if wr.r == wr.w {
			if n-done >= bulkMin {
				k, err := wr.copyBulk(dst, n-done)
				return done + k, err
			}
			if err := wr.fill(); err != nil {
				return done, err
			}
			continue
		}
		k := int(min(int64(wr.w-wr.r), n-done))
		dst.write(wr.buf[wr.r : wr.r+k])
		wr.consume(k)
		done += int64(k)
	}
	return done, nil
}

// copyBuffered moves the bytes already buffered into dst.
func (wr *wireReader) copyBuffered(dst *capture) {
	dst.write(wr.buffered())
	wr.consume(wr.w - wr.r)
}

// copyAll moves the rest of the stream into dst and returns the error that ended it. It calls
// onData, if set, each time bytes arrive, after moving them into dst, so that the caller can
// move the read deadline and see what arrived.
func (wr *wireReader) copyAll(dst *capture) error {
	for {
		wr.copyBuffered(dst)
		if dst.size >= bulkMin {
			_, err := wr.copyBulk(dst, -1)
			return err
		}
		if err := wr.fill(); err != nil {
			return err
		}
		if wr.onData != nil {
			wr.copyBuffered(dst)
			wr.onData(dst.result())
		}
	}
}
