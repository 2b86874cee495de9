package check

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
)

// byteRange is a parsed Content-Range of the bytes unit: "bytes first-last/complete", with
// complete -1 for "*"; unsatisfied is the "bytes */complete" form of a 416.
type byteRange struct {
	first, last, complete int64
	unsatisfied           bool
}

// size is how many bytes the range holds.
func (b byteRange) size() int64 { return b.last - b.first + 1 }

// parseContentRange reads a Content-Range value (RFC 9110 §14.4). unit is the range unit in
// lowercase; problem says why the value is invalid, or is "". Only the bytes unit is read
// beyond its name: other units have no grammar hsx knows.
func parseContentRange(v string) (unit string, br byteRange, problem string) {
	unit, rest, ok := strings.Cut(v, " ")
	switch {
	case !ok:
		return "", br, "no space after the range unit"
	case unit == "" || badTokenByte(unit) >= 0:
		return "", br, "the range unit is not a token"
	}
	unit = probe.LowerASCII(unit)
	if unit != "bytes" {
		return unit, br, ""
	}
	resp, length, ok := strings.Cut(rest, "/")
	if !ok {
		return unit, br, "no \"/\" before the complete length"
	}
	br.complete = -1
	if length != "*" {
		n, err := strconv.ParseInt(length, 10, 64)
		if !isDigits(length) || err != nil {
			return unit, br, "the complete length " + q(length) + " is not a number or \"*\""
		}
		br.complete = n
	}
	if resp == "*" {
		if br.complete < 0 {
			return unit, br, "\"*/*\" names neither a range nor a length"
		}
		br.unsatisfied = true
		return unit, br, ""
	}
	a, b, ok := strings.Cut(resp, "-")
	first, err1 := strconv.ParseInt(a, 10, 64)
	last, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || !isDigits(a) || !isDigits(b) || err1 != nil || err2 != nil {
		return unit, br, q(resp) + " is not first-last"
	}
	br.first, br.last = first, last
	switch {
	case last < first:
		return unit, br, "the last byte comes before the first"
	case br.complete >= 0 && last >= br.complete:
		return unit, br, "the last byte is past the complete length " + strconv.FormatInt(br.complete, 10)
	}
	return unit, br, ""
}

// singlePart returns the index of the Content-Range field of a single-part 206 and its parsed
// value; ok is false when the response is not a 206, is multipart, or has no valid bytes range.
func singlePart(r *probe.Response) (int, byteRange, bool) {
	i := first(r, "Content-Range")
	if r.Status.Code != 206 || i < 0 {
		return -1, byteRange{}, false
	}
	if mt, _, _ := mediaType(r); mt == "multipart/byteranges" {
		return -1, byteRange{}, false
	}
	unit, br, problem := parseContentRange(r.Header[i].Value)
	return i, br, unit == "bytes" && problem == "" && !br.unsatisfied
}

// contentRangeInvalid: the Content-Range of a single-part 206 follows the grammar of RFC 9110
// §14.4 and names a range that can exist; a 206 cannot carry the "*/length" form of a 416.
func contentRangeInvalid(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Status.Code != 206 {
		return nil
	}
	if mt, _, _ := mediaType(r); mt == "multipart/byteranges" {
		return nil // a top-level Content-Range there is S12's
	}
	var out []note
	for _, i := range r.Values("Content-Range") {
		v := r.Header[i].Value
		unit, br, problem := parseContentRange(v)
		if problem == "" && unit == "bytes" && br.unsatisfied {
			problem = "\"*/length\" is the form of a 416, not of a 206"
		}
		if problem != "" {
			out = append(out, newNote(final(ex).header(i), "Content-Range %s is invalid: %s", q(v), problem))
		}
	}
	return out
}

// contentRangeLength: a single-part 206 holds exactly the bytes its Content-Range names, so its
// Content-Length (or, without one, its body) is last-first+1.
func contentRangeLength(ex *probe.Exchange) []note {
	r := ex.Response
	i, br, ok := singlePart(r)
	if !ok {
		return nil
	}
	if cl := first(r, "Content-Length"); cl >= 0 {
		n, err := strconv.ParseInt(r.Header[cl].Value, 10, 64)
		if err != nil || !isDigits(r.Header[cl].Value) || n == br.size() {
			return nil // a Content-Length that is not a number is F11's
		}
		return []note{newNote(final(ex).header(cl), "Content-Length %d, but Content-Range %s names %s",
			n, q(r.Header[i].Value), english.Plural(br.size(), "byte"))}
	}
	if !r.BodyComplete || r.Body.Size == br.size() || method(ex) == "HEAD" {
		return nil
	}
	return []note{newNote(final(ex).header(i), "Content-Range %s names %s, but the body has %s",
		q(r.Header[i].Value), english.Plural(br.size(), "byte"), english.Plural(r.Body.Size, "byte"))}
}

// part is one body part of a multipart/byteranges body: where its header section and its data
// are in the body, and its Content-Range value ("" when it has none).
type bodyPart struct {
	start, dataStart, end int64
	contentRange          string
	hasRange              bool
}

// byteRangeParts splits a multipart body on boundary (RFC 2046 §5.1.1, as RFC 9110 §14.6 uses
// it). closed reports whether the close delimiter was found.
func byteRangeParts(body []byte, boundary string) (parts []bodyPart, closed bool) {
	delim := []byte("--" + boundary)
	var starts []int
	for i := 0; ; {
		j := bytes.Index(body[i:], delim)
		if j < 0 {
			break
		}
		j += i
		if j == 0 || body[j-1] == '\n' {
			starts = append(starts, j)
		}
		i = j + len(delim)
	}
	for k, s := range starts {
		after := body[s+len(delim):]
		if bytes.HasPrefix(after, []byte("--")) {
			return parts, true
		}
		nl := bytes.IndexByte(after, '\n')
		if nl < 0 {
			break
		}
		p := bodyPart{start: int64(s + len(delim) + nl + 1)}
		end := len(body)
		if k+1 < len(starts) {
			end = starts[k+1]
			end -= 1 // the LF before the next delimiter
			if end > 0 && body[end-1] == '\r' {
				end--
			}
		}
		p.end = int64(max(end, int(p.start)))
		seg := body[p.start:p.end]
		blank := bytes.Index(seg, []byte("\r\n\r\n"))
		sep := 4
		if blank < 0 {
			blank, sep = bytes.Index(seg, []byte("\n\n")), 2
		}
		if bytes.HasPrefix(seg, []byte("\r\n")) {
			blank, sep = 0, 2
		}
		if blank < 0 {
			p.dataStart = p.end
		} else {
			p.dataStart = p.start + int64(blank+sep)
		}
		for line := range strings.SplitSeq(string(body[p.start:p.dataStart]), "\n") {
			name, value, ok := strings.Cut(strings.TrimRight(line, "\r"), ":")
			if ok && probe.EqualFold(strings.TrimSpace(name), "Content-Range") {
				p.contentRange, p.hasRange = strings.Trim(value, " \t"), true
			}
		}
		parts = append(parts, p)
	}
	return parts, false
}

// byteRangesPart: every part of a multipart/byteranges 206 has a valid Content-Range whose
// length is the part's, and the body is delimited by the boundary its Content-Type names
// (RFC 9110 §15.3.7.2, §14.6). A missing boundary parameter is S12's; a body probe did not
// read whole is not judged.
func byteRangesPart(ex *probe.Exchange) []note {
	r := ex.Response
	mt, params, _ := mediaType(r)
	if r.Status.Code != 206 || mt != "multipart/byteranges" || params["boundary"] == "" ||
		method(ex) == "HEAD" || !r.BodyComplete || r.Body.Truncated() {
		return nil
	}
	body := r.Body.Data
	parts, closed := byteRangeParts(body, params["boundary"])
	all := bodyRange(0, r.Body.Size)
	if len(parts) == 0 {
		return []note{newNote(all, "multipart/byteranges body has no part delimited by boundary %s",
			q(params["boundary"]))}
	}
	var out []note
	for n, p := range parts {
		at := bodyRange(p.start, p.dataStart)
		if !p.hasRange {
			out = append(out, newNote(at, "part %d of the multipart 206 has no Content-Range", n+1))
			continue
		}
		unit, br, problem := parseContentRange(p.contentRange)
		switch {
		case problem == "" && br.unsatisfied:
			problem = "\"*/length\" is the form of a 416"
		case problem == "" && unit == "bytes" && p.end-p.dataStart != br.size():
			problem = "it names " + english.Plural(br.size(), "byte") + ", the part has " + english.Plural(p.end-p.dataStart, "byte")
		}
		if problem != "" {
			out = append(out, newNote(at, "part %d's Content-Range %s is wrong: %s", n+1, q(p.contentRange), problem))
		}
	}
	if !closed {
		out = append(out, newNote(all, "multipart/byteranges body does not end with the close delimiter \"--%s--\"",
			val(params["boundary"])))
	}
	return out
}

// acceptRangesSyntax: Accept-Ranges is a list of range units, or "none" alone (RFC 9110 §14.3).
func acceptRangesSyntax(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	ms := members(r, "Accept-Ranges")
	for _, i := range r.Values("Accept-Ranges") {
		v := r.Header[i].Value
		switch {
		case strings.Trim(v, " \t,") == "":
			out = append(out, newNote(final(ex).header(i), "Accept-Ranges is empty: send \"bytes\" or \"none\""))
			continue
		case len(ms) > 1 && slicesContainsFold(ms, "none"):
			out = append(out, newNote(final(ex).header(i), "Accept-Ranges %s lists \"none\" with range units", q(v)))
			continue
		}
		for m := range strings.SplitSeq(v, ",") {
			if m = strings.Trim(m, " \t"); m != "" && badTokenByte(m) >= 0 {
				out = append(out, newNote(final(ex).header(i), "Accept-Ranges member %s is not a range unit", q(m)))
				break
			}
		}
	}
	return out
}

// slicesContainsFold reports whether ss holds s, compared case-insensitively.
func slicesContainsFold(ss []string, s string) bool {
	for _, x := range ss {
		if probe.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// sentRequest reports whether ex records a request that was written (not one built offline).
func sentRequest(ex *probe.Exchange) bool { return len(ex.Request.Bytes) > 0 }

// partialWithoutRange: a 206 answers a request with Range (RFC 9110 §15.3.7). A client that
// did not ask for part of the representation takes the part for the whole.
func partialWithoutRange(ex *probe.Exchange) []note {
	if ex.Response.Status.Code != 206 || !sentRequest(ex) || requestHas(ex, "Range") {
		return nil
	}
	return []note{newNote(final(ex).status(), "206 response, but the request had no Range: a client that did not ask takes the part for the whole")}
}

// rangeSpec is one range of a request's Range field: "first-last", "first-" (last -1) or the
// suffix "-n" (first -1, last n).
type rangeSpec struct{ first, last int64 }

// requestRanges reads the request's Range field of the bytes unit; ok is false without one, or
// when it does not parse.
func requestRanges(ex *probe.Exchange) ([]rangeSpec, bool) {
	v, found := requestValue(ex, "Range")
	unit, set, ok := strings.Cut(v, "=")
	if !found || !ok || !probe.EqualFold(strings.TrimSpace(unit), "bytes") {
		return nil, false
	}
	var out []rangeSpec
	for m := range strings.SplitSeq(set, ",") {
		m = strings.Trim(m, " \t")
		if m == "" {
			continue
		}
		a, b, ok := strings.Cut(m, "-")
		rs := rangeSpec{-1, -1}
		if !ok || (a == "" && b == "") || (a != "" && !isDigits(a)) || (b != "" && !isDigits(b)) {
			return nil, false
		}
		if a != "" {
			rs.first, _ = strconv.ParseInt(a, 10, 64)
		}
		if b != "" {
			rs.last, _ = strconv.ParseInt(b, 10, 64)
		}
		out = append(out, rs)
	}
	return out, len(out) > 0
}

// partialNotRequested: a 206 answers the Range that was asked for. A request for one range
// gets one part, never multipart/byteranges (RFC 9110 §15.3.7.2), and that part starts where
// the range does (RFC 9110 §14.2): curl's resume refuses a part that starts elsewhere.
func partialNotRequested(ex *probe.Exchange) []note {
	r := ex.Response
	specs, ok := requestRanges(ex)
	if r.Status.Code != 206 || !ok || len(specs) != 1 {
		return nil
	}
	want, _ := requestValue(ex, "Range")
	if mt, _, ct := mediaType(r); mt == "multipart/byteranges" {
		return []note{newNote(final(ex).header(ct), "multipart 206 to a request for one range (Range %s)", q(want))}
	}
	i, br, ok := singlePart(r)
	if !ok || br.complete < 0 {
		return nil
	}
	s := specs[0]
	start := s.first
	if s.first < 0 {
		start = max(br.complete-s.last, 0)
	}
	if start >= br.complete || start == br.first {
		return nil
	}
	return []note{newNote(final(ex).header(i), "Content-Range %s starts at byte %d, but the request asked for Range %s",
		q(r.Header[i].Value), br.first, q(want))}
}

// contentRangeMeaningless: Content-Range means something only in a 206 and a 416 (RFC 9110
// §14.4); elsewhere clients ignore it, and a 200 with one is often a range answer sent with
// the wrong status.
func contentRangeMeaningless(ex *probe.Exchange) []note {
	r := ex.Response
	c := r.Status.Code
	i := first(r, "Content-Range")
	if i < 0 || c == 206 || c == 416 || c < 200 {
		return nil
	}
	return []note{newNote(final(ex).header(i), "Content-Range %s in a %d response, where it has no meaning",
		q(r.Header[i].Value), c)}
}

// rangeIgnored (a follow-up): a server that says Accept-Ranges: bytes answered a Range
// request with the whole representation. It may (RFC 9110 §14.2), but it said it would not.
func rangeIgnored(ex *probe.Exchange) []note {
	b := ex.Basis
	if b == nil || b.Response == nil || ex.Response.Status.Code != 200 || !requestHas(ex, "Range") {
		return nil
	}
	if !slicesContainsFold(members(b.Response, "Accept-Ranges"), "bytes") {
		return nil
	}
	want, _ := requestValue(ex, "Range")
	return []note{newNote(final(ex).status(), "200 to Range %s, though the first response said Accept-Ranges: bytes", q(want))}
}
