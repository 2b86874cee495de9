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
const (
	bulkMin       = 1 << 20
	bulkBlockSize = 512 << 10
)

// copyBulk moves the next n bytes of the stream into dst, or all of them until the stream
// ends when n < 0, reading straight from the source; nothing may be buffered. It returns how
// many bytes it moved and the error that stopped it short.
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
		k, err := wr.readSome(b)
		dst.write(b[:k])
		wr.off += int64(k)
		done += int64(k)
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
		if err != nil {
			wr.err = err
			wr.eof = errors.Is(err, io.EOF)
		}
		if n > 0 || err != nil {
			return n, err
		}
	}
	wr.err = io.ErrNoProgress
	return 0, wr.err
}
