package check

import (
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// wwwAuthenticateMissingOn401 (S19): a 401 carries WWW-Authenticate with at least one challenge.
func wwwAuthenticateMissingOn401(ex *probe.Exchange) []note {
	return challenge(ex, 401, "WWW-Authenticate")
}

// proxyAuthenticateMissingOn407 (S22): a 407 carries Proxy-Authenticate with at least one
// challenge.
func proxyAuthenticateMissingOn407(ex *probe.Exchange) []note {
	return challenge(ex, 407, "Proxy-Authenticate")
}

// challenge reports a response with status code that lacks a challenge in the field name.
func challenge(ex *probe.Exchange, code int, name string) []note {
	r := ex.Response
	if r.Status.Code != code {
		return nil
	}
	idx := r.Values(name)
	if len(idx) == 0 {
		return []note{newNote(final(ex).whole(), "%d response without %s", code, name)}
	}
	if len(members(r, name)) == 0 {
		return []note{newNote(final(ex).header(idx[0]),
			"%s is empty: a %d needs at least one challenge", name, code)}
	}
	return nil
}

// allowIncorrectOn405 (S20): a 405 lists the methods the resource supports in Allow, and the method
// that was refused is not among them.
func allowIncorrectOn405(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Status.Code != 405 {
		return nil
	}
	idx := r.Values("Allow")
	if len(idx) == 0 {
		return []note{newNote(final(ex).whole(), "405 response without Allow")}
	}
	m := method(ex)
	for _, i := range idx {
		for a := range strings.SplitSeq(r.Header[i].Value, ",") {
			if strings.Trim(a, " \t") == m {
				return []note{newNote(final(ex).header(i), "Allow %s lists %s, the method the 405 refused",
					q(r.Header[i].Value), val(m)).with(Warning)}
			}
		}
	}
	return nil
}

// contentRangeMissingOn416 (S24): a 416 says how long the representation is, in Content-Range:
// bytes */length.
func contentRangeMissingOn416(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Status.Code != 416 {
		return nil
	}
	i := first(r, "Content-Range")
	if i < 0 {
		return []note{newNote(final(ex).whole(), "416 response without Content-Range: bytes */length")}
	}
	v := r.Header[i].Value
	if length, ok := strings.CutPrefix(v, "bytes */"); !ok || !isDigits(length) {
		return []note{newNote(final(ex).header(i), "Content-Range %s in a 416 is not bytes */length", q(v))}
	}
	return nil
}

// preconditionNotAsked (S25): 412, 416 and 417 answer something the request asked for: a
// precondition, a Range, an Expect. Without it in the request, the status is unexpected.
func preconditionNotAsked(ex *probe.Exchange) []note {
	var want []string
	missing := ""
	switch ex.Response.Status.Code {
	case 412:
		want = []string{"If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "If-Range"}
		missing = "precondition (" + strings.Join(want, ", ") + ")"
	case 416:
		want, missing = []string{"Range"}, "Range"
	case 417:
		want, missing = []string{"Expect"}, "Expect"
	default:
		return nil
	}
	for _, name := range want {
		if requestHas(ex, name) {
			return nil
		}
	}
	return []note{newNote(final(ex).status(), "%d response, but the request had no %s",
		ex.Response.Status.Code, missing)}
}

// errorWithoutExplanation (S30): a 4xx or 5xx response (except to HEAD) explains the error in its
// content.
func errorWithoutExplanation(ex *probe.Exchange) []note {
	r := ex.Response
	if c := r.Status.Code; c < 400 || c > 599 || method(ex) == "HEAD" || r.Body.Size > 0 {
		return nil
	}
	return []note{newNote(final(ex).whole(), "%d response with no content to explain the error", r.Status.Code)}
}
