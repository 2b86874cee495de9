package check

import (
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// codings returns the content codings the response names, lowercase, with the index of the
// field that names each; identity (no coding) is left out.
func codings(r *probe.Response) (names []string, at []int) {
	for _, i := range r.Values("Content-Encoding") {
		for m := range strings.SplitSeq(r.Header[i].Value, ",") {
			if m = probe.LowerASCII(strings.Trim(m, " \t")); m != "" && m != "identity" {
				names, at = append(names, m), append(at, i)
			}
		}
	}
	return names, at
}

// codingOnNoContent: a 204 has no content, so Content-Encoding codes nothing. Clients ignore
// it, but it usually means a compression layer ran on a response it should have let through
// (a 304's Content-Encoding is S17's).
func codingOnNoContent(ex *probe.Exchange) []note {
	r := ex.Response
	names, at := codings(r)
	if r.Status.Code != 204 || len(names) == 0 {
		return nil
	}
	return []note{newNote(final(ex).header(at[0]), "Content-Encoding %s on a 204, which has no content to code",
		q(strings.Join(names, ", ")))}
}

// codingRepeated: a coding named twice means the content was coded twice, in that order
// (RFC 9110 §8.4): usually two layers that each compress, or each add the field. Clients
// undo both, so content coded once fails to decode (E1) and content coded twice wastes work.
func codingRepeated(ex *probe.Exchange) []note {
	r := ex.Response
	names, at := codings(r)
	seen := map[string]bool{}
	for k, n := range names {
		if seen[n] {
			return []note{newNote(final(ex).header(at[k]), "Content-Encoding names %s twice (%s): the content must be coded twice",
				q(n), q(strings.Join(names, ", ")))}
		}
		seen[n] = true
	}
	return nil
}

// varyAcceptEncodingMissing: a response coded because the request accepted the coding varies
// by Accept-Encoding, and says so with Vary (RFC 9110 §12.5.5, a SHOULD): without it a shared
// cache hands the coded response to clients that cannot decode it. That is a warning when the
// response invites shared caches to keep it (Cache-Control public, s-maxage or max-age, or an
// Expires); without such freshness a cache keeps it only by heuristics (RFC 9111 §4.2.2), and
// nginx's gzip leaves Vary out by default, so it is worth knowing (Info); a response no shared
// cache may store (private, no-store) only misses a hint. A coded answer to a request
// without Accept-Encoding shows that the server codes whatever the request says, so nothing
// varies (E2 notes the coding nobody asked for).
func varyAcceptEncodingMissing(ex *probe.Exchange) []note {
	r := ex.Response
	names, at := codings(r)
	if c := r.Status.Code; len(names) == 0 || (c != 200 && c != 203 && c != 206) ||
		(sentRequest(ex) && !requestHas(ex, "Accept-Encoding")) {
		return nil
	}
	for _, v := range members(r, "Vary") {
		if v == "*" || probe.EqualFold(v, "Accept-Encoding") {
			return nil
		}
	}
	coding := q(strings.Join(names, ", "))
	shared := has(r, "Expires")
	for _, d := range cacheDirectives(r) {
		switch d.name {
		case "private", "no-store":
			return []note{newNote(final(ex).header(at[0]), "Content-Encoding %s without Vary: Accept-Encoding (Cache-Control %s: no shared cache keeps it)",
				coding, d.name).with(Info)}
		case "public", "s-maxage", "max-age":
			shared = true
		}
	}
	if !shared { // a shared cache may still keep it, but only by its own heuristics
		return []note{newNote(final(ex).header(at[0]), "Content-Encoding %s without Vary: Accept-Encoding: a cache that keeps it may serve it to clients that cannot decode it",
			coding).with(Info)}
	}
	return []note{newNote(final(ex).header(at[0]), "Content-Encoding %s without Vary: Accept-Encoding, and shared caches may keep it: one may serve it to clients that cannot decode it",
		coding)}
}

// codedRange: a 206 of coded content carries bytes of the coded data (RFC 9110 §14.1: ranges
// count the bytes of the representation, codings included). A part cannot be decoded on its
// own, only once the client has put all the parts together; a client that wants ranges of the
// decoded content must ask without Accept-Encoding.
func codedRange(ex *probe.Exchange) []note {
	r := ex.Response
	names, at := codings(r)
	if r.Status.Code != 206 || len(names) == 0 {
		return nil
	}
	return []note{newNote(final(ex).header(at[0]), "206 with Content-Encoding %s: the range counts bytes of the coded data, which decode only whole",
		q(strings.Join(names, ", ")))}
}
