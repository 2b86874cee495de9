package check

import (
	"bytes"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
)

// fieldNameNotToken (F7): a field name is a token, and no whitespace comes between it and the
// colon. A line in the header section that is not a field at all is reported here too.
func fieldNameNotToken(ex *probe.Exchange) []note {
	var out []note
	for _, p := range parts(ex) {
		for i, f := range p.r.Header {
			if why := fieldNameProblem(p.r, f); why != "" {
				out = append(out, newNote(p.header(i), "%s%s", p.prefix(), why))
			}
		}
		for i, l := range p.r.Lines {
			if l.Kind != probe.BadLineKind || (i == 1 && p.startsWithSpace(1)) {
				continue // the first line after the status line is F6's
			}
			why := "has no colon"
			if bytes.IndexByte(l.Text, ':') >= 0 {
				why = "has an empty field name"
			}
			out = append(out, newNote(p.line(i), "%sline %s is not a field: it %s",
				p.prefix(), q(string(l.Text)), why))
		}
	}
	r := ex.Response
	for i, f := range r.Trailers {
		if why := nameProblem(f.Name); why != "" {
			out = append(out, newNote(trailer(r, i), "trailer %s", why))
		}
	}
	return out
}

// fieldNameProblem says what is wrong with the name of header field f of r, or "".
func fieldNameProblem(r *probe.Response, f probe.Field) string {
	if f.Line >= 0 && f.Line < len(r.Lines) {
		text := r.Lines[f.Line].Text
		if i := bytes.IndexByte(text, ':'); i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
			return "field name " + q(f.Name) + " is followed by whitespace before the colon"
		}
	}
	return nameProblem(f.Name)
}

// nameProblem says what is wrong with a field name, or "".
func nameProblem(name string) string {
	if i := badTokenByte(name); i >= 0 {
		return "field name " + q(name) + " contains " + byteName(name[i])
	}
	return ""
}

// fieldValueChars (F8): a field value has no NUL and no control characters other than HTAB. (A CR
// is F5's: it ends a line.)
func fieldValueChars(ex *probe.Exchange) []note {
	var out []note
	for _, p := range parts(ex) {
		for i, f := range p.r.Header {
			if c, bad := badValueByte(f.Value); bad {
				out = append(out, newNote(p.header(i), "%svalue of %s contains %s: %s",
					p.prefix(), val(f.Name), byteName(c), q(f.Value)))
			}
		}
	}
	r := ex.Response
	for i, f := range r.Trailers {
		if c, bad := badValueByte(f.Value); bad {
			out = append(out, newNote(trailer(r, i), "value of trailer %s contains %s: %s",
				val(f.Name), byteName(c), q(f.Value)))
		}
	}
	return out
}

// badValueByte returns the first byte of v that may not appear in a field value.
func badValueByte(v string) (byte, bool) {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < 0x20 && c != '\t' && c != '\r') || c == 0x7f {
			return c, true
		}
	}
	return 0, false
}

// singletonRepeated (F10): a field that takes one value appears once (RFC 9110 §5.3). Two different
// values leave the recipient to guess which one counts; the same value twice breaks the same MUST
// NOT, and for Content-Length it makes Node.js and fetch implementations built on llhttp reject the
// whole response ("Duplicate Content-Length").
func singletonRepeated(ex *probe.Exchange) []note {
	r := ex.Response
	singletons := [...]string{
		"Age", "Content-Length", "Content-Location", "Content-Range", "Content-Type", "Date",
		"ETag", "Expires", "Last-Modified", "Location", "Retry-After",
	}
	var out []note
	for _, name := range singletons {
		idx := r.Values(name)
		for _, i := range idx[min(1, len(idx)):] {
			v0, v := r.Header[idx[0]].Value, r.Header[i].Value
			switch {
			case v != v0:
				out = append(out, newNote(final(ex).header(i), "%s sent twice with different values: %s and %s",
					name, q(v0), q(v)))
			case name == "Content-Length":
				out = append(out, newNote(final(ex).header(i),
					"Content-Length %s sent twice; Node.js and fetch reject a repeated Content-Length", q(v)))
			default:
				out = append(out, newNote(final(ex).header(i), "%s %s sent twice", name, q(v)))
			}
		}
	}
	return out
}

// dateMissingOrMalformed (F17): an origin server with a clock sends Date in 2xx, 3xx and 4xx
// responses, as an IMF-fixdate. (A 2xx to CONNECT comes from a proxy, not an origin server.)
func dateMissingOrMalformed(ex *probe.Exchange) []note {
	r := ex.Response
	i := first(r, "Date")
	if i >= 0 {
		if v := r.Header[i].Value; !isIMFFixdate(v) {
			return []note{newNote(final(ex).header(i), "Date %s is not an IMF-fixdate like %q",
				q(v), "Sun, 06 Nov 1994 08:49:37 GMT")}
		}
		return nil
	}
	if c := r.Status.Code; c >= 200 && c < 500 && !connect2xx(ex) { // a tunnel comes from a proxy
		return []note{newNote(final(ex).whole(), "no Date in a %d response", c)}
	}
	return nil
}

// contentWithoutType (F18): content is sent with a Content-Type.
func contentWithoutType(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Body.Size == 0 || has(r, "Content-Type") {
		return nil
	}
	return []note{newNote(bodyRange(0, r.Body.Size), "%s of content without a Content-Type",
		english.Plural(r.Body.Size, "byte"))}
}

// trailerNotDeclared (F20): a trailer field is declared in the Trailer header field.
func trailerNotDeclared(ex *probe.Exchange) []note {
	r := ex.Response
	declared := members(r, "Trailer")
	var out []note
	for i, f := range r.Trailers {
		if !containsFold(declared, f.Name) {
			out = append(out, newNote(trailer(r, i), "trailer %s is not declared in Trailer", q(f.Name)))
		}
	}
	return out
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, v := range list {
		if probe.EqualFold(v, s) {
			return true
		}
	}
	return false
}
