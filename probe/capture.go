package probe

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
)

// capture records a run of bytes with bounded memory: it keeps the first limit bytes and
// counts and hashes all of them.
type capture struct {
	limit  int64
	offset int64
	data   []byte
	size   int64
	h      hash.Hash
}

func newCapture(limit, offset int64) *capture {
	return &capture{limit: limit, offset: offset}
}

func (c *capture) write(p []byte) {
	if len(p) == 0 {
		return
	}
	if c.h == nil {
		c.h = sha256.New()
	}
	c.h.Write(p)
	c.keep(p)
}

// keep counts p and keeps what fits of it, without hashing it: for a caller that hashes p
// itself, into c.h.
func (c *capture) keep(p []byte) {
	if room := c.limit - int64(len(c.data)); room > 0 {
		c.data = appendCapped(c.data, p[:min(room, int64(len(p)))], c.limit)
	}
	c.size += int64(len(p))
}

// result returns the record as a Capture.
func (c *capture) result() Capture {
	out := Capture{Data: c.data, Size: c.size, Offset: c.offset}
	if c.h != nil {
		out.SHA256 = hex.EncodeToString(c.h.Sum(nil))
	}
	return out
}

// appendCapped appends p to dst, growing dst by doubling but never beyond limit bytes of
// capacity; the caller makes sure len(dst)+len(p) <= limit. Doubling keeps the bytes allocated
// for a capture of n bytes under 2n, where append's gentler growth for large slices copies more.
func appendCapped(dst, p []byte, limit int64) []byte {
	if need := len(dst) + len(p); need > cap(dst) {
		size := int(min(limit, int64(max(2*cap(dst), need, 512))))
		grown := make([]byte, len(dst), size)
		copy(grown, dst)
		dst = grown
	}
	return append(dst, p...)
}
