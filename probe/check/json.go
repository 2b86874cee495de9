package check

import (
	"encoding/json"
	"errors"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// checkJ1: a body labelled application/json (or any +json type) parses as JSON; an empty body
// is not JSON. Responses that have no content by definition are J2's; a body cut short (by the
// connection or by the capture limit) is not judged.
func checkJ1(ex *probe.Exchange) []note {
	r := ex.Response
	mt, _, ct := mediaType(r)
	if ct < 0 || !isJSON(mt) || isBodyless(r.Status.Code) || method(ex) == "HEAD" || connect2xx(ex) ||
		!r.BodyComplete || r.Body.Truncated() {
		return nil
	}
	if r.Body.Size == 0 {
		return []note{newNote(final(ex).header(ct), "body labelled %s is empty; empty input is not JSON", val(mt))}
	}
	var v any
	err := json.Unmarshal(r.Body.Data, &v)
	if err == nil {
		return nil
	}
	start := int64(0)
	if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
		start = max(0, min(se.Offset-1, r.Body.Size))
	}
	return []note{newNote(bodyRange(start, r.Body.Size), "body labelled %s does not parse: %s", val(mt),
		termsafe.String(err.Error(), termsafe.Line))}
}

// checkJ2: a 204 or 304 labelled JSON is allowed but invites clients that parse by media type to
// parse nothing. It is a warning on a 204 and only worth knowing on a 304, whose header fields
// describe the representation the client already has.
func checkJ2(ex *probe.Exchange) []note {
	r := ex.Response
	mt, _, ct := mediaType(r)
	c := r.Status.Code
	if ct < 0 || !isJSON(mt) || (c != 204 && c != 304) {
		return nil
	}
	n := newNote(final(ex).header(ct), "%d response labelled %s, but it has no content to parse", c, val(mt))
	if c == 304 {
		n = n.with(Info)
	}
	return []note{n}
}
