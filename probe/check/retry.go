package check

import (
	"github.com/hsx-dev/hsx/probe"
)

// retryAfterMissingOn413 (S23): a 413 for a temporary condition says when to retry in Retry-After.
func retryAfterMissingOn413(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Status.Code != 413 || has(r, "Retry-After") {
		return nil
	}
	return []note{newNote(final(ex).whole(),
		"413 response without Retry-After: if the limit is temporary, Retry-After tells clients when to try again")}
}

// retryAfterMissingOrMalformed (S29): Retry-After is an HTTP-date or a number of seconds, in any
// response; a 429 or 503 without it leaves clients to guess when to come back. A date in one of the
// two obsolete formats is a warning, not an error: senders must write IMF-fixdate, but recipients
// must accept all three formats (RFC 9110 §5.6.7), so nothing breaks.
func retryAfterMissingOrMalformed(ex *probe.Exchange) []note {
	r := ex.Response
	idx := r.Values("Retry-After")
	var out []note
	for _, i := range idx {
		switch v := r.Header[i].Value; {
		case isDigits(v), isIMFFixdate(v):
		case isObsoleteHTTPDate(v):
			out = append(out, newNote(final(ex).header(i), "Retry-After %s is an obsolete date format; send an IMF-fixdate like %q",
				q(v), "Sun, 06 Nov 1994 08:49:37 GMT").with(Warning))
		default:
			out = append(out, newNote(final(ex).header(i), "Retry-After %s is neither seconds nor an HTTP-date", q(v)))
		}
	}
	if c := r.Status.Code; len(idx) == 0 && (c == 429 || c == 503) {
		out = append(out, newNote(final(ex).whole(), "%d response without Retry-After", c).with(Info))
	}
	return out
}
