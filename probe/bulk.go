package probe

import (
	"errors"
	"io"
)

// Reading a long run of bytes (a body, a chunk's data, the extra bytes): once bulkMin bytes or
// more of a known length are left, or a run that lasts until the stream ends has passed bulkMin
// bytes, the rest is read straight from the source into one block of bulkBlockSize bytes,
// reused for every read, rather than through the wire reader's small buffer. On a 1 GiB
// loopback download, blocks from 64 KiB to 1 MiB cost about the same, 512 KiB a little less.
// Past the parts that are kept, where the bytes are only counted, a plain TCP connection on
// Linux drops them in the kernel instead (see skipper): copying them out was most of the time.
const (
	bulkMin       = 1 << 20
	bulkBlockSize = 512 << 10
)

// copyBulk moves the next n bytes of the stream into dst, or all of them until the stream
// ends when n < 0, reading straight from the source; nothing may be buffered. It returns how
// many bytes it moved and the error that stopped it short. It calls onData, if set, as copyAll
// does, each time bytes arrive. Bytes that nothing keeps (dst only counts them and the wire
// capture is full) are dropped by wr.skip, when there is one, without being read.
func (wr *wireReader) copyBulk(dst *capture, n int64) (int64, error) {
	if wr.block == nil {
		wr.block = make([]byte, bulkBlockSize)
	}
	wr.r, wr.w = 0, 0
	var done int64
	for n < 0 || done < n {
		if wr.err != nil {
			return done, wr.err
		}
		b := wr.block
		if n >= 0 && n-done < int64(len(b)) {
			b = b[:n-done]
		}
		var k int
		var err error
		if wr.skip != nil && dst.countsOnly() && len(wr.wire) >= MaxWireCapture {
			k, err = wr.skipSome(b)
			dst.count(int64(k))
		} else {
			k, err = wr.readSome(b)
			dst.write(b[:k])
		}
		wr.off += int64(k)
		done += int64(k)
		if k > 0 && wr.onData != nil {
			wr.onData(dst.result()) // the stray-byte watch: each arrival restarts it
		}
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// readSome reads from the source into b until at least one byte arrives or the source fails,
// and records what arrived; a failure is made sticky. It gives up on a source that returns
// nothing, again and again, without an error. It serves fill and copyBulk alike.
func (wr *wireReader) readSome(b []byte) (int, error) {
	for range 100 {
		n, err := wr.src.Read(b)
		if n > 0 {
			wr.record(b[:n])
		}
		wr.fail(err)
		if n > 0 || err != nil {
			return n, err
		}
	}
	wr.err = io.ErrNoProgress
	return 0, wr.err
}

// skipSome is readSome with wr.skip in place of the source's Read: the bytes are counted as
// arrived, and not kept.
func (wr *wireReader) skipSome(b []byte) (int, error) {
	n, err := wr.skip(b)
	if n == 0 && err == nil {
		err = io.ErrNoProgress
	}
	if n > 0 {
		wr.arrive(n)
	}
	wr.fail(err)
	return n, err
}

// fail makes err, when it is not nil, the sticky error of the source.
func (wr *wireReader) fail(err error) {
	if err != nil {
		wr.err = err
		wr.eof = errors.Is(err, io.EOF)
	}
}
