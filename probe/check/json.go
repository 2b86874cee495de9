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

// checkJ2: a 204 or 304 labelled JSON is allowed (the field describes the target resource's
// representation, not this message's content), but generic code that picks a parser by media
// type will try to parse nothing. Only worth knowing: Go net/http, fetch, axios, requests and curl
// treat such a response exactly like one without the field.
func checkJ2(ex *probe.Exchange) []note {
	r := ex.Response
	mt, _, ct := mediaType(r)
	c := r.Status.Code
	if ct < 0 || !isJSON(mt) || (c != 204 && c != 304) {
		return nil
	}
	return []note{newNote(final(ex).header(ct), "%d response labelled %s, but it has no content to parse", c, val(mt))}
}
