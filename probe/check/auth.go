package check

import (
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// authParam is one auth-param of a challenge: name=value, the value unquoted.
type authParam struct{ name, value string }

// challengeItem is one challenge of a WWW-Authenticate or Proxy-Authenticate field
// (RFC 9110 §11.3): an auth-scheme with a token68 or auth-params.
type challengeItem struct {
	scheme  string
	token68 string
	params  []authParam
}

// param returns the value of the challenge's parameter name (compared case-insensitively).
func (c challengeItem) param(name string) (string, bool) {
	for _, p := range c.params {
		if probe.EqualFold(p.name, name) {
			return p.value, true
		}
	}
	return "", false
}

// challengeReader reads the challenges of one field value.
type challengeReader struct {
	s string
	i int
}

func (r *challengeReader) end() bool  { return r.i >= len(r.s) }
func (r *challengeReader) peek() byte { return r.s[r.i] }
func (r *challengeReader) skipOWS()   { r.skip(" \t") }
func (r *challengeReader) skip(set string) {
	for !r.end() && strings.IndexByte(set, r.peek()) >= 0 {
		r.i++
	}
}

// token reads a token; "" when there is none at the current position.
func (r *challengeReader) token() string {
	j := r.i
	for !r.end() && isTchar(r.peek()) {
		r.i++
	}
	return r.s[j:r.i]
}

// isToken68 reports whether c may appear in a token68 before its "=" padding.
func isToken68(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~+/", c) >= 0
}

// token68At returns the end of a token68 that starts at j and ends the challenge (the value
// ends, or a comma follows), or -1.
func (r *challengeReader) token68At(j int) int {
	k := j
	for k < len(r.s) && isToken68(r.s[k]) {
		k++
	}
	if k == j {
		return -1
	}
	for k < len(r.s) && r.s[k] == '=' {
		k++
	}
	e := k
	for e < len(r.s) && (r.s[e] == ' ' || r.s[e] == '\t') {
		e++
	}
	if e < len(r.s) && r.s[e] != ',' {
		return -1
	}
	return k
}

// paramAt reports whether an auth-param (token BWS "=") starts at j.
func (r *challengeReader) paramAt(j int) bool {
	if r.token68At(j) >= 0 {
		return false
	}
	k := j
	for k < len(r.s) && isTchar(r.s[k]) {
		k++
	}
	if k == j {
		return false
	}
	for k < len(r.s) && (r.s[k] == ' ' || r.s[k] == '\t') {
		k++
	}
	return k < len(r.s) && r.s[k] == '='
}

// quoted reads a quoted-string (RFC 9110 §5.6.4) and returns its unescaped text.
func (r *challengeReader) quoted() (string, bool) {
	var b strings.Builder
	for r.i++; !r.end(); r.i++ {
		switch c := r.peek(); {
		case c == '"':
			r.i++
			return b.String(), true
		case c == '\\':
			if r.i+1 >= len(r.s) {
				return "", false
			}
			r.i++
			b.WriteByte(r.peek())
		case c == '\t' || c >= 0x20 && c != 0x7f:
			b.WriteByte(c)
		default:
			return "", false
		}
	}
	return "", false
}

// parseChallenges reads a WWW-Authenticate or Proxy-Authenticate value: a list of challenges,
// `auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 9110 §11.3, §11.2). problem says
// where the value leaves the grammar, or is "".
func parseChallenges(v string) (out []challengeItem, problem string) {
	r := &challengeReader{s: v}
	for {
		r.skip(" \t,")
		if r.end() {
			return out, ""
		}
		at := r.i
		c := challengeItem{scheme: r.token()}
		if c.scheme == "" {
			return out, "expected an auth-scheme at " + q(v[at:])
		}
		sp := r.i
		r.skip(" ")
		if r.end() || r.peek() == ',' {
			out = append(out, c)
			continue
		}
		if r.i == sp {
			return out, "auth-scheme " + q(c.scheme) + " is followed by " + q(v[sp:]) + ", not a space"
		}
		if k := r.token68At(r.i); k >= 0 {
			c.token68, r.i = v[r.i:k], k
			out = append(out, c)
			continue
		}
		for {
			at := r.i
			name := r.token()
			r.skipOWS()
			if name == "" || r.end() || r.peek() != '=' {
				return out, "expected name=value in the " + val(c.scheme) + " challenge at " + q(v[at:])
			}
			r.i++
			r.skipOWS()
			var value string
			switch {
			case !r.end() && r.peek() == '"':
				s, ok := r.quoted()
				if !ok {
					return out, "the value of " + q(name) + " is an unterminated or invalid quoted string"
				}
				value = s
			default:
				if value = r.token(); value == "" {
					return out, "the value of " + q(name) + " is neither a token nor a quoted string"
				}
			}
			c.params = append(c.params, authParam{name, value})
			r.skipOWS()
			if r.end() {
				break
			}
			if r.peek() != ',' {
				return out, "expected a comma after " + q(name+"="+value) + " at " + q(v[r.i:])
			}
			j := r.i
			for j < len(v) && strings.IndexByte(" \t,", v[j]) >= 0 {
				j++
			}
			if !r.paramAt(j) {
				break // the next challenge starts there
			}
			r.i = j
		}
		out = append(out, c)
	}
}

// challengeFields are the fields that carry challenges.
var challengeFields = [...]string{"WWW-Authenticate", "Proxy-Authenticate"}

// challengeEach calls fn with every field that carries challenges, its index and its parsed
// challenges; fields whose value leaves the grammar are passed with their problem.
func challengeEach(r *probe.Response, fn func(i int, cs []challengeItem, problem string)) {
	for _, name := range challengeFields {
		for _, i := range r.Values(name) {
			if strings.Trim(r.Header[i].Value, " \t,") == "" {
				continue // an empty challenge list is S19's and S22's
			}
			cs, problem := parseChallenges(r.Header[i].Value)
			fn(i, cs, problem)
		}
	}
}

// challengeSyntax: WWW-Authenticate and Proxy-Authenticate follow the challenge grammar of
// RFC 9110 §11.3 and §11.6.1. A client that cannot read the challenge cannot answer it: a
// browser shows no login dialog, and a library's authentication handler gives up.
func challengeSyntax(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	challengeEach(r, func(i int, _ []challengeItem, problem string) {
		if problem != "" {
			out = append(out, newNote(final(ex).header(i), "%s %s is not a challenge list: %s",
				r.Header[i].Name, q(r.Header[i].Value), problem))
		}
	})
	return out
}

// challengeParamRepeated: each parameter name occurs once per challenge (RFC 9110 §11.2).
func challengeParamRepeated(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	challengeEach(r, func(i int, cs []challengeItem, _ string) {
		for _, c := range cs {
			seen := map[string]bool{}
			for _, p := range c.params {
				n := probe.LowerASCII(p.name)
				if seen[n] {
					out = append(out, newNote(final(ex).header(i), "parameter %s appears twice in the %s challenge of %s",
						q(p.name), val(c.scheme), r.Header[i].Name))
					break
				}
				seen[n] = true
			}
		}
	})
	return out
}

// basicWithoutRealm: a Basic challenge has a realm (RFC 7617 §2 makes it required), and its
// only allowed charset is UTF-8 (RFC 7617 §2.1).
func basicWithoutRealm(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	challengeEach(r, func(i int, cs []challengeItem, _ string) {
		for _, c := range cs {
			if !probe.EqualFold(c.scheme, "Basic") {
				continue
			}
			if _, ok := c.param("realm"); !ok {
				out = append(out, newNote(final(ex).header(i), "Basic challenge %s without realm", q(r.Header[i].Value)))
			}
			if cs, ok := c.param("charset"); ok && !probe.EqualFold(cs, "UTF-8") {
				out = append(out, newNote(final(ex).header(i), "Basic challenge with charset %s: only \"UTF-8\" is allowed", q(cs)))
			}
		}
	})
	return out
}

// bearerErrors are the error codes of RFC 6750 §3.1 and the status each goes with.
var bearerErrors = map[string]int{"invalid_request": 400, "invalid_token": 401, "insufficient_scope": 403}

// bearerErrorStatus: a Bearer challenge's error code goes with its status: invalid_request
// with 400, invalid_token with 401, insufficient_scope with 403 (RFC 6750 §3.1, a SHOULD).
// A code outside RFC 6750 is only worth knowing: clients act on the three it defines.
func bearerErrorStatus(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	challengeEach(r, func(i int, cs []challengeItem, _ string) {
		for _, c := range cs {
			code, ok := c.param("error")
			if !probe.EqualFold(c.scheme, "Bearer") || !ok {
				continue
			}
			want, known := bearerErrors[code]
			switch {
			case !known:
				out = append(out, newNote(final(ex).header(i), "Bearer error %s is not one of RFC 6750's "+
					"(invalid_request, invalid_token, insufficient_scope)", q(code)).with(Info))
			case want != r.Status.Code:
				out = append(out, newNote(final(ex).header(i), "Bearer error %s goes with a %d, not a %d",
					q(code), want, r.Status.Code))
			}
		}
	})
	return out
}

// challengeOn403: a 403 refuses whatever the credentials; it is the 401 that asks for them.
// A challenge on a 403 is not acted on (browsers show no login dialog for it), except Bearer's
// insufficient_scope, which RFC 6750 §3.1 puts on a 403.
func challengeOn403(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Status.Code != 403 {
		return nil
	}
	for _, i := range r.Values("WWW-Authenticate") {
		cs, _ := parseChallenges(r.Header[i].Value)
		scoped := false
		for _, c := range cs {
			if e, _ := c.param("error"); probe.EqualFold(c.scheme, "Bearer") && e == "insufficient_scope" {
				scoped = true
			}
		}
		if !scoped && len(cs) > 0 {
			return []note{newNote(final(ex).header(i), "403 with WWW-Authenticate %s: clients do not answer a challenge on a 403; a 401 asks for credentials",
				q(r.Header[i].Value))}
		}
	}
	return nil
}
