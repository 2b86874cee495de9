package check

import (
	"encoding/json"
	"errors"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// jsonBodyInvalid (J1): content labelled application/json (or any +json type) parses as JSON; empty
// content is not JSON. The content is read with its content coding removed, since Content-Type
// describes the decoded data (RFC 9110 §8.4). Responses that have no content by definition are
// J2's; content cut short (by the connection, by the capture limit, by a coding that did not
// decode) is not judged.
func jsonBodyInvalid(ex *probe.Exchange) []note {
	r := ex.Response
	mt, _, ct := mediaType(r)
	if ct < 0 || !isJSON(mt) || isBodyless(r.Status.Code) || method(ex) == "HEAD" || connect2xx(ex) ||
		!r.BodyComplete {
		return nil
	}
	c, whole, at := content(ex)
	if !whole || c.Truncated() {
		return nil
	}
	if c.Size == 0 {
		return []note{newNote(final(ex).header(ct), "body labelled %s is empty; empty input is not JSON", val(mt))}
	}
	var v any
	err := json.Unmarshal(c.Data, &v)
	if err == nil {
		return nil
	}
	start := int64(0)
	if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
		start = max(0, min(se.Offset-1, c.Size))
	}
	return []note{newNote(at(start, c.Size), "body labelled %s does not parse: %s", val(mt),
		termsafe.String(err.Error(), termsafe.Line))}
}

// jsonTypeWithoutContent (J2): a 204 or 304 labelled JSON is allowed (the field describes the
// target resource's representation, not this message's content), but generic code that picks a
// parser by media type will try to parse nothing. Only worth knowing: Go net/http, fetch, axios,
// requests and curl treat such a response exactly like one without the field.
func jsonTypeWithoutContent(ex *probe.Exchange) []note {
	r := ex.Response
	mt, _, ct := mediaType(r)
	c := r.Status.Code
	if ct < 0 || !isJSON(mt) || (c != 204 && c != 304) {
		return nil
	}
	return []note{newNote(final(ex).header(ct), "%d response labelled %s, but it has no content to parse", c, val(mt))}
}
