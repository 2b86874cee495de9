package check

import (
	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
)

// contentIn1xx (S1): a 1xx response has no content and no trailers.
func contentIn1xx(ex *probe.Exchange) []note {
	var out []note
	for _, p := range parts(ex) {
		if c := p.r.Status.Code; c < 100 || c > 199 {
			continue
		}
		if n := p.r.Body.Size; n > 0 {
			loc := p.whole()
			if p.isFinal() {
				loc = bodyRange(0, n)
			}
			out = append(out, newNote(loc, "%s has %s of content", p.kind(), english.Plural(n, "byte")))
		}
		if len(p.r.Trailers) > 0 {
			out = append(out, newNote(p.whole(), "%s has trailers", p.kind()))
		}
	}
	return out
}

// contentLengthIn1xxOr204 (S2): a 1xx or 204 response has no Content-Length, not even "0".
func contentLengthIn1xxOr204(ex *probe.Exchange) []note {
	return forbiddenIn(ex, "Content-Length")
}

// transferEncodingIn1xxOr204 (S3): a 1xx or 204 response has no Transfer-Encoding.
func transferEncodingIn1xxOr204(ex *probe.Exchange) []note {
	return forbiddenIn(ex, "Transfer-Encoding")
}

// forbiddenIn reports every field named name in the 1xx and 204 responses of ex.
func forbiddenIn(ex *probe.Exchange, name string) []note {
	var out []note
	for _, p := range parts(ex) {
		c := p.r.Status.Code
		if c != 204 && (c < 100 || c > 199) {
			continue
		}
		for _, i := range p.r.Values(name) {
			f := p.r.Header[i]
			out = append(out, newNote(p.header(i), "%s in %s", field(f), article(p.kind())))
		}
	}
	return out
}

// field renders a header field as "Name: value", quoted, for a message.
func field(f probe.Field) string { return q(f.Name + ": " + f.Value) }

// bodyAfter204 (S9): a 204 ends with its header section: no content, no trailers, nothing after it.
func bodyAfter204(ex *probe.Exchange) []note { return nothingAfterHead(ex, 204) }

// bodyAfter304 (S16): a 304 ends with its header section: no content, no trailers, nothing after
// it.
func bodyAfter304(ex *probe.Exchange) []note { return nothingAfterHead(ex, 304) }

// contentInHeadResponse (S33): a response to HEAD carries no content. (204 and 304 responses are
// S9's and S16's.)
func contentInHeadResponse(ex *probe.Exchange) []note {
	c := ex.Response.Status.Code
	if method(ex) != "HEAD" || isBodyless(c) {
		return nil
	}
	return afterHead(ex, "response to HEAD")
}

// nothingAfterHead reports content, trailers and stray bytes after a final response with status
// code.
func nothingAfterHead(ex *probe.Exchange, code int) []note {
	if ex.Response.Status.Code != code {
		return nil
	}
	return afterHead(ex, codeText(code)+" response")
}

// afterHead reports the body, trailers and extra bytes of ex's final response, which must
// have none.
func afterHead(ex *probe.Exchange, what string) []note {
	r := ex.Response
	var out []note
	if n := r.Body.Size; n > 0 {
		out = append(out, newNote(bodyRange(0, n), "%s has %s of content: %s",
			what, english.Plural(n, "byte"), preview(r.Body)))
	}
	for i, f := range r.Trailers {
		out = append(out, newNote(trailer(r, i), "%s has trailer %s", what, field(f)))
	}
	if n := ex.Extra.Size; n > 0 {
		out = append(out, newNote(extraRange(0, n), "%s after the header section of a %s: %s",
			english.Plural(n, "byte"), what, preview(ex.Extra)))
	}
	return out
}

// contentIn205 (S10): a 205 has no content. It is not bodyless by definition, so it needs
// Content-Length: 0, an empty chunked body, or the connection closing right away.
func contentIn205(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Status.Code != 205 || r.Body.Size == 0 {
		return nil
	}
	return []note{newNote(bodyRange(0, r.Body.Size), "205 response has %s of content: %s",
		english.Plural(r.Body.Size, "byte"), contentPreview(r))}
}

// framingOnConnect2xx (S34): a 2xx to CONNECT turns the connection into a tunnel; it has no
// Content-Length and no Transfer-Encoding.
func framingOnConnect2xx(ex *probe.Exchange) []note {
	if !connect2xx(ex) {
		return nil
	}
	r := ex.Response
	var out []note
	for i, f := range r.Header {
		if probe.EqualFold(f.Name, "Content-Length") || probe.EqualFold(f.Name, "Transfer-Encoding") {
			out = append(out, newNote(final(ex).header(i), "%s in a %d response to CONNECT", field(f), r.Status.Code))
		}
	}
	return out
}
