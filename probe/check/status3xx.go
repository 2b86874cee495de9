package check

import (
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// redirectWithoutLocation (S14): a redirect names its target in Location. A 300 should when it has
// a preferred choice, so its absence there is only worth knowing.
func redirectWithoutLocation(ex *probe.Exchange) []note {
	r := ex.Response
	switch c := r.Status.Code; {
	case has(r, "Location"):
		return nil
	case c == 300:
		return []note{newNote(final(ex).whole(), "300 response without Location: no preferred choice").with(Info)}
	case c == 301, c == 302, c == 303, c == 307, c == 308:
		return []note{newNote(final(ex).whole(), "%d redirect without Location: clients have nowhere to go", c)}
	}
	return nil
}

// locationInvalid (S15): Location is one URI reference. An empty one is a valid (same-document)
// reference, but on a redirect it points back at the request's own URI: fetch follows it until its
// redirect limit and fails, while curl, Go and requests do not follow it at all.
func locationInvalid(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	for _, i := range r.Values("Location") {
		v := r.Header[i].Value
		if v == "" {
			if c := r.Status.Code; c == 301 || c == 302 || c == 303 || c == 307 || c == 308 {
				out = append(out, newNote(final(ex).header(i),
					"empty Location in a %d redirects to the same URI: fetch loops until its redirect limit", c))
			}
			continue
		}
		if why := uriRefProblem(v); why != "" {
			out = append(out, newNote(final(ex).header(i), "Location %s is not a URI reference: %s",
				q(r.Header[i].Value), why))
		}
	}
	return out
}

// uriRefProblem says why s is not a URI-reference (RFC 3986 §4.1), or "". It checks the
// characters and percent-encodings; the grammar's structure is not parsed further.
func uriRefProblem(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return "\"%\" is not followed by two hex digits"
			}
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0:
		default:
			return byteName(c) + " must be percent-encoded"
		}
	}
	return ""
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// metadataIn304 (S17): a 304 carries no representation metadata beyond what updates the cached
// response (Content-Location, Date, ETag, Vary, Cache-Control, Expires; Last-Modified may guide
// caches).
func metadataIn304(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Status.Code != 304 {
		return nil
	}
	var out []note
	for i, f := range r.Header {
		for _, name := range [...]string{"Content-Type", "Content-Encoding", "Content-Language"} {
			if probe.EqualFold(f.Name, name) {
				out = append(out, newNote(final(ex).header(i), "%s in a 304 response", field(f)))
			}
		}
	}
	return out
}
