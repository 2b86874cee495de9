package check

import (
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// content returns the content of ex's final response as the rules that read content see it:
// decoded when a content coding was removed (RFC 9110 §8.4: Content-Type describes the decoded
// data), with a function that points at a byte range of it; whole is false when the content is
// not all there (a coding left on, decoding failed or stopped).
func content(ex *probe.Exchange) (c probe.Capture, whole bool, at func(start, end int64) Location) {
	r := ex.Response
	c, whole = r.Content()
	if r.Coding == nil {
		return c, whole, bodyRange
	}
	return c, whole, contentRange
}

// contentRange points at the bytes [start, end) of the final response's decoded content.
func contentRange(start, end int64) Location {
	return Location{Where: AtContent, Start: start, End: end}
}

// contentPreview quotes the first bytes of the final response's content for a message,
// decoded when a content coding was removed, and says which coding it had.
func contentPreview(r *probe.Response) string {
	cc := r.Coding
	if cc == nil {
		return preview(r.Body)
	}
	codings := strings.Join(cc.Codings, ", ")
	if cc.NotDecoded != "" || len(cc.Content.Data) == 0 {
		return val(codings) + "-coded"
	}
	return preview(cc.Content) + " (" + val(codings) + "-decoded)"
}

// codingDoesNotDecode (E1): a coded body decodes. Corrupt or truncated coded data is an error:
// browsers fail the whole response (ERR_CONTENT_DECODING_FAILED), curl --compressed exits 61. A
// deflate coding sent as raw DEFLATE without its zlib wrapper is a warning: browsers and curl
// accept it, but it is not the deflate coding RFC 9110 §8.4.1.2 defines, and strict decoders refuse
// it. A coded body cut short by its framing is F13's; a decoding that probe stopped says nothing
// about the server.
func codingDoesNotDecode(ex *probe.Exchange) []note {
	r := ex.Response
	cc := r.Coding
	if cc == nil {
		return nil
	}
	ce := final(ex).header(first(r, "Content-Encoding"))
	var out []note
	if cc.RawDeflate {
		out = append(out, newNote(ce, "Content-Encoding deflate, but the data is raw DEFLATE without the zlib wrapper").
			with(Warning))
	}
	if cc.Err == "" || cc.Stopped || (cc.EndedEarly && !r.BodyComplete) {
		return out
	}
	return append(out, newNote(bodyRange(cc.ErrOffset, max(r.Body.Size, cc.ErrOffset+1)),
		"Content-Encoding %s does not decode: %s, at byte %d of the body",
		q(strings.Join(cc.Codings, ", ")), val(cc.Err), cc.ErrOffset))
}

// codingNotAccepted (E2): the content coding is one the request accepted (RFC 9110 §12.5.3).
// Without an Accept-Encoding field any coding is allowed, so that is only worth knowing (Info): a
// client that did not ask for one is unlikely to decode it (curl without --compressed hands over
// the coded bytes). With one, a coding it does not list, or lists with q=0, should not be sent. An
// exchange built offline has no request to compare with.
func codingNotAccepted(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Coding == nil || r.Body.Size == 0 || len(ex.Request.Bytes) == 0 {
		return nil
	}
	ce := final(ex).header(first(r, "Content-Encoding"))
	var accept []string
	sent := false
	for _, f := range ex.Request.Header {
		if probe.EqualFold(f.Name, "Accept-Encoding") {
			sent = true
			for m := range strings.SplitSeq(f.Value, ",") {
				if m = strings.Trim(m, " \t"); m != "" {
					accept = append(accept, m)
				}
			}
		}
	}
	for _, c := range r.Coding.Codings {
		if c == "identity" {
			continue
		}
		switch qv, named := acceptance(accept, c); {
		case !sent:
			return []note{newNote(ce, "Content-Encoding %s, but the request sent no Accept-Encoding", q(c)).with(Info)}
		case !named:
			return []note{newNote(ce, "Content-Encoding %s, but the request's Accept-Encoding %s does not name it",
				q(c), q(strings.Join(accept, ", ")))}
		case qv == 0:
			return []note{newNote(ce, "Content-Encoding %s, which the request's Accept-Encoding %s refuses with q=0",
				q(c), q(strings.Join(accept, ", ")))}
		}
	}
	return nil
}

// acceptance returns the qvalue the Accept-Encoding members give coding (lowercase), and
// whether any member names it: the coding itself (x-gzip standing for gzip), or "*".
func acceptance(members []string, coding string) (float64, bool) {
	if coding == "x-gzip" {
		coding = "gzip"
	}
	star, starQ := false, 0.0
	for _, m := range members {
		name, params, _ := strings.Cut(m, ";")
		name = probe.LowerASCII(strings.Trim(name, " \t"))
		if name == "x-gzip" {
			name = "gzip"
		}
		qv := qvalue(params)
		switch name {
		case coding:
			return qv, true
		case "*":
			star, starQ = true, qv
		}
	}
	return starQ, star
}

// qvalue reads the q parameter of an Accept-Encoding member's parameters ("q=0.5"); without
// one (or with one that does not parse) it is 1.
func qvalue(params string) float64 {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(strings.Trim(p, " \t"), "=")
		if !ok || !probe.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
			return f
		}
	}
	return 1
}
