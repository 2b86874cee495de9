package check

import "github.com/hsx-dev/hsx/probe"

// part is one response of an exchange, interim or final, with a way to point at its pieces.
// The final response can be pointed at line by line and field by field; an interim response
// is pointed at as a whole.
type part struct {
	r *probe.Response
	// interim is the response's index in Exchange.Interim, or -1 for the final response.
	interim int
}

// parts returns the interim responses of ex, in order, then its final response.
func parts(ex *probe.Exchange) []part {
	ps := make([]part, 0, len(ex.Interim)+1)
	for i, r := range ex.Interim {
		if r != nil {
			ps = append(ps, part{r, i})
		}
	}
	return append(ps, part{ex.Response, -1})
}

// final returns the final response of ex as a part.
func final(ex *probe.Exchange) part { return part{ex.Response, -1} }

// isFinal reports whether p is the final response.
func (p part) isFinal() bool { return p.interim < 0 }

// whole points at the response as a whole.
func (p part) whole() Location {
	if p.isFinal() {
		return Location{Where: AtMessage}
	}
	return Location{Where: AtInterim, Index: p.interim}
}

// status points at the status line.
func (p part) status() Location {
	if p.isFinal() {
		return Location{Where: AtStatusLine}
	}
	return p.whole()
}

// header points at the header field with index i.
func (p part) header(i int) Location {
	if p.isFinal() {
		return Location{Where: AtHeader, Index: i, Name: p.r.Header[i].Name}
	}
	return p.whole()
}

// line points at the head line with index i.
func (p part) line(i int) Location {
	if p.isFinal() {
		return Location{Where: AtLine, Index: i}
	}
	return p.whole()
}

// prefix starts a message about an interim response with its status, so that the reader
// knows which of the responses it is about; it is empty for the final response.
func (p part) prefix() string {
	if p.isFinal() {
		return ""
	}
	return "interim " + codeText(p.r.Status.Code) + ": "
}

// kind names the response for a message: "204 response" or "interim 100 response".
func (p part) kind() string {
	if p.isFinal() {
		return codeText(p.r.Status.Code) + " response"
	}
	return "interim " + codeText(p.r.Status.Code) + " response"
}

// trailer points at the trailer field with index i of the final response.
func trailer(r *probe.Response, i int) Location {
	return Location{Where: AtTrailer, Index: i, Name: r.Trailers[i].Name}
}

// bodyRange points at the bytes [start, end) of the final response's decoded body.
func bodyRange(start, end int64) Location { return Location{Where: AtBody, Start: start, End: end} }

// extraRange points at the bytes [start, end) of the extra bytes.
func extraRange(start, end int64) Location { return Location{Where: AtExtra, Start: start, End: end} }

// position returns where on the wire (as an offset in the response stream) the thing loc
// points at begins. It orders findings; a location it cannot resolve sorts at the end of the
// final response's head.
func position(ex *probe.Exchange, loc Location) int64 {
	r := ex.Response
	switch loc.Where {
	case AtStatusLine:
		return r.Offset
	case AtHeader:
		if loc.Index >= 0 && loc.Index < len(r.Header) {
			if l := r.Header[loc.Index].Line; l >= 0 && l < len(r.Lines) {
				return r.Lines[l].Offset
			}
		}
	case AtLine:
		if loc.Index >= 0 && loc.Index < len(r.Lines) {
			return r.Lines[loc.Index].Offset
		}
	case AtBody:
		if rs := ex.BodyWireRanges(loc.Start, max(loc.End, loc.Start+1)); len(rs) > 0 {
			return rs[0][0]
		}
		return r.Body.Offset + loc.Start
	case AtContent:
		return r.Body.Offset // decoded bytes have no place on the wire but the body's
	case AtExtra:
		return ex.Extra.Offset + loc.Start
	case AtTrailer:
		if loc.Index >= 0 && loc.Index < len(r.Trailers) {
			if l := r.Trailers[loc.Index].Line; l >= 0 && l < len(r.TrailerLines) {
				return r.TrailerLines[l].Offset
			}
		}
		return r.End
	case AtFrame:
		if loc.Index >= 0 && loc.Index < len(ex.Frames) && ex.Frames[loc.Index].Offset >= 0 {
			return ex.Frames[loc.Index].Offset
		}
	case AtInterim:
		if loc.Index >= 0 && loc.Index < len(ex.Interim) && ex.Interim[loc.Index] != nil {
			return ex.Interim[loc.Index].Offset
		}
	}
	return headEnd(r)
}

// headEnd is the offset of the blank line that ends r's head (or of its last line).
func headEnd(r *probe.Response) int64 {
	if n := len(r.Lines); n > 0 {
		return r.Lines[n-1].Offset
	}
	return r.Offset
}
