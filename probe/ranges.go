package probe

import "errors"

// StatusCode returns the final response's status code, or 0 when there is no final response.
func (ex *Exchange) StatusCode() int {
	if ex == nil || ex.Response == nil {
		return 0
	}
	return ex.Response.Status.Code
}

// BodyWireRanges maps the half-open range [start, end) of the final response's decoded body
// (offsets into Response.Body.Data) to the half-open ranges of the response stream (offsets
// into Wire) that carried those bytes, in order. A Content-Length or close-delimited body is one
// contiguous range; a chunked body gives one range for each chunk the range touches, skipping
// the chunk-size lines between them. The range is clipped to the body; nil when it is empty or
// there is no response.
func (ex *Exchange) BodyWireRanges(start, end int64) [][2]int64 {
	if ex == nil || ex.Response == nil {
		return nil
	}
	r := ex.Response
	start, end = max(start, 0), min(end, r.Body.Size)
	if start >= end {
		return nil
	}
	if r.Framing != FramingChunked {
		return [][2]int64{{r.Body.Offset + start, r.Body.Offset + end}}
	}
	var out [][2]int64
	for _, c := range r.Chunks {
		cs, ce := c.DataOffset, min(c.DataOffset+c.Size, r.Body.Size)
		lo, hi := max(start, cs), min(end, ce)
		if lo < hi {
			out = append(out, [2]int64{c.DataWire + lo - cs, c.DataWire + hi - cs})
		}
	}
	return out
}

// ExtraWireRange maps the half-open range [start, end) of the extra bytes (offsets into
// Extra.Data) to the half-open range of the response stream that carried them. The extra bytes
// are contiguous on the wire, so this is Extra.Offset added to both ends, after clipping the
// range to the extra bytes. ok is false when the clipped range is empty.
func (ex *Exchange) ExtraWireRange(start, end int64) (r [2]int64, ok bool) {
	start, end = max(start, 0), min(end, ex.Extra.Size)
	if start >= end {
		return r, false
	}
	return [2]int64{ex.Extra.Offset + start, ex.Extra.Offset + end}, true
}

// AsError returns the *Error in err's chain, if there is one.
func AsError(err error) (*Error, bool) {
	var pe *Error
	ok := errors.As(err, &pe)
	return pe, ok
}
