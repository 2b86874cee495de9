package probe

// capture records a run of bytes with bounded memory: it keeps the first limit bytes and
// counts all of them.
type capture struct {
	limit  int64
	offset int64
	data   []byte
	size   int64
	// tee, when not nil, also gets every run of bytes written (the body's outputs).
	tee func(p []byte)
}

func newCapture(limit, offset int64) *capture {
	return &capture{limit: limit, offset: offset}
}

// write counts p and keeps what fits of it. It copies what it keeps, so p may be reused.
func (c *capture) write(p []byte) {
	if c.tee != nil {
		c.tee(p)
	}
	if room := c.limit - int64(len(c.data)); room > 0 && len(p) > 0 {
		c.data = appendCapped(c.data, p[:min(room, int64(len(p)))], c.limit)
	}
	c.size += int64(len(p))
}

// countsOnly reports whether the bytes written from now on are only counted: the kept part is
// full and nothing else takes them.
func (c *capture) countsOnly() bool {
	return c.tee == nil && int64(len(c.data)) >= c.limit
}

// count counts n bytes that are not kept, as write does for bytes past the kept part.
func (c *capture) count(n int64) {
	c.size += n
}

// result returns the record as a Capture.
func (c *capture) result() Capture {
	return Capture{Data: c.data, Size: c.size, Offset: c.offset}
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
