package check

import (
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
)

// The rules in this file compare a follow-up exchange with the one it followed up on
// (Exchange.Basis): what only a second request can show.

// basisOK returns the response ex followed up on, when it is a final one.
func basisOK(ex *probe.Exchange) *probe.Response {
	if b := ex.Basis; b != nil && b.Err == nil && b.Response != nil {
		return b.Response
	}
	return nil
}

// sameCoding reports whether a and b name the same content codings.
func sameCoding(a, b *probe.Response) bool {
	x, _ := codings(a)
	y, _ := codings(b)
	return strings.Join(x, ",") == strings.Join(y, ",")
}

// declaredLength returns a response's Content-Length and its field's index, when it has one
// that is a number.
func declaredLength(r *probe.Response) (int64, int, bool) {
	i := first(r, "Content-Length")
	if i < 0 || !isDigits(r.Header[i].Value) {
		return 0, -1, false
	}
	n, err := strconv.ParseInt(r.Header[i].Value, 10, 64)
	return n, i, err == nil
}

// fullLength returns how many bytes of content a complete 200 to GET carried.
func fullLength(ex *probe.Exchange) (int64, bool) {
	r := ex.Response
	if r == nil || r.Status.Code != 200 || method(ex) != "GET" || !r.BodyComplete {
		return 0, false
	}
	return r.Body.Size, true
}

// lengthUnlikeGet (S18): a HEAD's or a 304's Content-Length, when sent, is the length the
// content of a 200 to GET has (RFC 9110 §8.6, §9.3.2). Clients that take it from HEAD to size a
// download, or a cache that updates its stored length from a 304, get it wrong otherwise.
func lengthUnlikeGet(ex *probe.Exchange) []note {
	r, b := ex.Response, basisOK(ex)
	if b == nil || !sameCoding(r, b) {
		return nil
	}
	switch {
	case method(ex) == "HEAD" && r.Status.Code == 200:
		full, ok := fullLength(ex.Basis)
		n, i, has := declaredLength(r)
		if ok && has && n != full {
			return []note{newNote(final(ex).header(i), "HEAD's Content-Length %d, but GET sent %s", n, english.Plural(full, "byte"))}
		}
	case method(ex.Basis) == "HEAD" && b.Status.Code == 200:
		full, ok := fullLength(ex)
		n, _, has := declaredLength(b)
		if ok && has && n != full {
			return []note{newNote(final(ex).whole(), "the HEAD said Content-Length %d, but GET sent %s", n, english.Plural(full, "byte"))}
		}
	case r.Status.Code == 304:
		full, ok := fullLength(ex.Basis)
		n, i, has := declaredLength(r)
		if ok && has && n != full {
			return []note{newNote(final(ex).header(i), "304's Content-Length %d, but the 200 sent %s", n, english.Plural(full, "byte"))}
		}
	}
	return nil
}

// plainFollowup reports whether the follow-up asked for the whole representation
// unconditionally, as the first request did.
func plainFollowup(ex *probe.Exchange) bool {
	for _, name := range [...]string{"Range", "If-None-Match", "If-Modified-Since", "If-Range", "If-Match", "If-Unmodified-Since"} {
		if requestHas(ex, name) {
			return false
		}
	}
	return true
}

// headUnlikeGet (S37): a HEAD gets the status and the header fields a GET would (RFC 9110
// §9.3.2, a SHOULD). Fields whose value only the content determines, such as Content-Length,
// may be left out.
func headUnlikeGet(ex *probe.Exchange) []note {
	r, b := ex.Response, basisOK(ex)
	if b == nil || (method(ex) == "HEAD") == (method(ex.Basis) == "HEAD") || !plainFollowup(ex) || !plainFollowup(ex.Basis) {
		return nil
	}
	head, get := r, b
	if method(ex) != "HEAD" {
		head, get = b, r
	}
	if head.Status.Code != get.Status.Code {
		return []note{newNote(final(ex).status(), "HEAD got %d, GET got %d", head.Status.Code, get.Status.Code)}
	}
	var diffs []string
	for _, name := range [...]string{"Content-Type", "Content-Encoding", "ETag", "Last-Modified"} {
		hv, hok := head.Get(name)
		gv, gok := get.Get(name)
		switch {
		case hok == gok && (hv == gv || name == "ETag" || name == "Last-Modified"):
		case !hok:
			diffs = append(diffs, "GET sent "+q(name+": "+gv)+", HEAD did not")
		case !gok:
			diffs = append(diffs, "HEAD sent "+q(name+": "+hv)+", GET did not")
		default:
			diffs = append(diffs, "HEAD sent "+q(name+": "+hv)+", GET "+q(gv))
		}
	}
	if len(diffs) == 0 {
		return nil
	}
	return []note{newNote(final(ex).whole(), "%s", strings.Join(diffs, "; "))}
}

// notModifiedFields (S38): a 304 carries those of Content-Location, Date, ETag, Vary,
// Cache-Control and Expires that the 200 would have carried (RFC 9110 §15.4.5, a MUST), so that
// a cache can update its stored response. A cache keeps the stored fields a 304 leaves out
// (RFC 9111 §4.3.4), so the harm is in freshness: without Cache-Control or Expires the renewed
// response may stay stale (an old Expires stays in the past) and be revalidated on every use; a
// missing ETag, Vary or Content-Location is kept from the stored response, which is only worth
// knowing (nginx's gzip_vary, for one, adds Vary only to responses with content). Date is F17's.
func notModifiedFields(ex *probe.Exchange) []note {
	r, b := ex.Response, basisOK(ex)
	if b == nil || r.Status.Code != 304 || b.Status.Code != 200 {
		return nil
	}
	var missing []string
	sev := Info
	for _, name := range [...]string{"Cache-Control", "Expires", "ETag", "Vary", "Content-Location"} {
		if has(b, name) && !has(r, name) {
			missing = append(missing, name)
			if name == "Cache-Control" || name == "Expires" {
				sev = Warning
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return []note{newNote(final(ex).whole(), "304 without %s, which the 200 sent", strings.Join(missing, ", ")).with(sev)}
}
