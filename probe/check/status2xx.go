package check

import (
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// validatorMissingOn200 (S7): a 200 to GET or HEAD carries a validator (ETag or Last-Modified), so
// that caches and clients can revalidate instead of downloading again.
func validatorMissingOn200(ex *probe.Exchange) []note {
	r := ex.Response
	m := method(ex)
	if r.Status.Code != 200 || (m != "GET" && m != "HEAD") || has(r, "ETag") || has(r, "Last-Modified") {
		return nil
	}
	return []note{newNote(final(ex).whole(), "200 response to %s without ETag or Last-Modified", val(m))}
}

// locationMissingOn201 (S8): a 201 names the new resource in Location; without it, the new resource
// is the request's target.
func locationMissingOn201(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Status.Code != 201 || has(r, "Location") {
		return nil
	}
	return []note{newNote(final(ex).whole(),
		"201 response without Location: the created resource is the request's target")}
}

// contentRangeMissingOn206 (S11): a single-part 206 says which range it carries in Content-Range.
func contentRangeMissingOn206(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Status.Code != 206 || has(r, "Content-Range") {
		return nil
	}
	if mt, _, _ := mediaType(r); mt == "multipart/byteranges" {
		return nil
	}
	return []note{newNote(final(ex).whole(),
		"206 response without Content-Range (and not multipart/byteranges)")}
}

// multipart206Malformed (S12): a multipart 206 is multipart/byteranges with a boundary, and carries
// its ranges in the parts, not in a top-level Content-Range.
func multipart206Malformed(ex *probe.Exchange) []note {
	r := ex.Response
	mt, params, ct := mediaType(r)
	if r.Status.Code != 206 || ct < 0 || !strings.HasPrefix(mt, "multipart/") {
		return nil
	}
	var out []note
	if mt != "multipart/byteranges" {
		out = append(out, newNote(final(ex).header(ct),
			"multipart 206 of type %s, not multipart/byteranges", val(mt)))
	} else if params["boundary"] == "" {
		out = append(out, newNote(final(ex).header(ct), "Content-Type %s has no boundary", q(r.Header[ct].Value)))
	}
	for _, i := range r.Values("Content-Range") {
		out = append(out, newNote(final(ex).header(i), "top-level Content-Range %s in a multipart 206",
			q(r.Header[i].Value)))
	}
	return out
}
