package check

import (
	"github.com/hsx-dev/hsx/probe"
)

// checkS23: a 413 for a temporary condition says when to retry in Retry-After.
func checkS23(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Status.Code != 413 || has(r, "Retry-After") {
		return nil
	}
	return []note{newNote(final(ex).whole(),
		"413 response without Retry-After: clients cannot tell whether to retry")}
}

// checkS29: Retry-After is an HTTP-date or a number of seconds, in any response; a 429 or 503
// without it leaves clients to guess when to come back.
func checkS29(ex *probe.Exchange) []note {
	r := ex.Response
	idx := r.Values("Retry-After")
	var out []note
	for _, i := range idx {
		if v := r.Header[i].Value; !isDigits(v) && !isHTTPDate(v) {
			out = append(out, newNote(final(ex).header(i), "Retry-After %s is neither seconds nor an HTTP-date", q(v)))
		}
	}
	if c := r.Status.Code; len(idx) == 0 && (c == 429 || c == 503) {
		out = append(out, newNote(final(ex).whole(), "%d response without Retry-After", c).with(Info))
	}
	return out
}
