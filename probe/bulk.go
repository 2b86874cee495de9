package probe

import (
	"crypto/sha256"
	"errors"
	"io"
)

// Reading a large body: past bulkMin bytes, the body is read in blocks of bulkBlockSize, and
// each block is hashed on a goroutine of its own while the next one is read, so that hashing
// every byte does not halve the throughput. bulkBlocks blocks circulate between the two.
const (
	bulkMin       = 1 << 20
	bulkBlockSize = 512 << 10
	bulkBlocks    = 3
)

// copyBulk moves the next n bytes of the stream into dst, or all of them until the stream
// ends when n < 0, reading straight from the source; nothing may be buffered. It returns how
// many bytes it moved and the error that stopped it short.
func (wr *wireReader) copyBulk(dst *capture, n int64) (int64, error) {
	if dst.h == nil {
		dst.h = sha256.New()
	}
	full := make(chan []byte, bulkBlocks)
	free := make(chan []byte, bulkBlocks)
	for range bulkBlocks {
		free <- make([]byte, bulkBlockSize)
	}
	hashed := make(chan struct{})
	go func() {
		defer close(hashed)
		for b := range full {
			dst.h.Write(b)
			free <- b
		}
	}()
	defer func() {
		close(full)
		<-hashed // dst.h is the caller's again
	}()

	wr.r, wr.w = 0, 0
	var done int64
	for n < 0 || done < n {
		if wr.err != nil {
			return done, wr.err
		}
		b := <-free
		b = b[:cap(b)]
		if n >= 0 && n-done < int64(len(b)) {
			b = b[:n-done]
		}
		k, err := wr.readSome(b)
		if k > 0 {
			dst.keep(b[:k])
			wr.off += int64(k)
			done += int64(k)
			full <- b[:k]
		} else {
			free <- b
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
