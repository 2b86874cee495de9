package check

import (
	"strconv"
	"strings"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// The caching rules judge validators (ETag, Last-Modified), the freshness fields
// (Cache-Control, Expires, Age) and the answers to conditional requests (RFC 9110 §13,
// RFC 9111).

// httpDate parses an HTTP-date in any of its three formats (RFC 9110 §5.6.7).
func httpDate(s string) (time.Time, bool) {
	for _, layout := range []string{imfFixdate, "Monday, 02-Jan-06 15:04:05 GMT", "Mon Jan _2 15:04:05 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// entityTagProblem says why s is not an entity-tag (RFC 9110 §8.8.3): an optional "W/"
// (upper case) and an opaque tag in double quotes of etagc characters; or "".
func entityTagProblem(s string) string {
	tag := s
	if rest, ok := strings.CutPrefix(s, "W/"); ok {
		tag = rest
	} else if strings.HasPrefix(s, "w/") {
		return `the weak prefix is "W/", in upper case`
	}
	if len(tag) < 2 || tag[0] != '"' || tag[len(tag)-1] != '"' {
		return "the tag is not in double quotes"
	}
	for i := 1; i < len(tag)-1; i++ {
		if c := tag[i]; c == '"' || c <= 0x20 || c == 0x7f {
			return byteName(c) + " inside the quotes"
		}
	}
	return ""
}

// quoteOnce quotes a value for a message (entity-tags, Cache-Control directives): as it is
// when it carries its own quotes, in quotes otherwise (so that an empty or unquoted one shows).
func quoteOnce(s string) string {
	if strings.Contains(s, `"`) {
		return val(s)
	}
	return q(s)
}

// etagMatches reports whether the If-None-Match value list matches tag by weak comparison
// (RFC 9110 §8.8.3.2, §13.1.2): "*" matches any current representation.
func etagMatches(list, tag string) bool {
	opaque := func(t string) string { return strings.TrimPrefix(t, "W/") }
	for m := range strings.SplitSeq(list, ",") {
		m = strings.Trim(m, " \t")
		if m == "*" || tag != "" && entityTagProblem(m) == "" && opaque(m) == opaque(tag) {
			return true
		}
	}
	return false
}

// etagMalformed: ETag is one entity-tag, "opaque" or W/"opaque" (RFC 9110 §8.8.3).
func etagMalformed(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	for _, i := range r.Values("ETag") {
		v := r.Header[i].Value
		if why := entityTagProblem(strings.Trim(v, " \t")); why != "" {
			shown := val(v)
			if strings.Trim(v, " \t") == "" {
				shown = "(empty)"
			}
			out = append(out, newNote(final(ex).header(i), `ETag value %s is not an entity-tag like "v1" or W/"v1": %s`, shown, why))
		}
	}
	return out
}

// lastModifiedAfterDate: an origin server never sends a Last-Modified later than its Date
// (RFC 9110 §8.8.2.1: a time in the future is replaced by the message's date).
func lastModifiedAfterDate(ex *probe.Exchange) []note {
	r := ex.Response
	lm, d := first(r, "Last-Modified"), first(r, "Date")
	if lm < 0 || d < 0 {
		return nil
	}
	lmt, ok1 := httpDate(r.Header[lm].Value)
	dt, ok2 := httpDate(r.Header[d].Value)
	if !ok1 || !ok2 || !lmt.After(dt) {
		return nil
	}
	return []note{newNote(final(ex).header(lm), "Last-Modified %s is %s after the response's Date %s",
		q(r.Header[lm].Value), lmt.Sub(dt), q(r.Header[d].Value))}
}

// dateNotIMFFixdate: Last-Modified and Expires are sent as IMF-fixdate (RFC 9110 §5.6.7).
// Recipients must accept the two obsolete formats, so those are a warning; a Last-Modified
// that is no date at all is ignored, and the response loses its validator. (Date is
// checked by F17, Retry-After by S29, an Expires that is no date by expiresInvalid.)
func dateNotIMFFixdate(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	for _, name := range [...]string{"Last-Modified", "Expires"} {
		for _, i := range r.Values(name) {
			switch v := r.Header[i].Value; {
			case isIMFFixdate(v):
			case isObsoleteHTTPDate(v):
				out = append(out, newNote(final(ex).header(i), "%s %s is an obsolete date format; send an IMF-fixdate like %q",
					name, q(v), "Sun, 06 Nov 1994 08:49:37 GMT"))
			case name == "Last-Modified":
				out = append(out, newNote(final(ex).header(i), "Last-Modified %s is not an HTTP-date like %q: recipients ignore it",
					q(v), "Sun, 06 Nov 1994 08:49:37 GMT"))
			}
		}
	}
	return out
}

// expiresInvalid: an Expires that is not an HTTP-date means "already expired" to a cache
// (RFC 9111 §5.3). "0" and "-1" are the usual ways of saying so on purpose, which is only
// worth knowing; any other value was probably meant as a date.
func expiresInvalid(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	for _, i := range r.Values("Expires") {
		v := strings.Trim(r.Header[i].Value, " \t")
		if _, ok := httpDate(v); ok {
			continue
		}
		n := newNote(final(ex).header(i), "Expires %s is not an HTTP-date: caches take it as already expired", q(v))
		if v == "0" || v == "-1" {
			n = n.with(Info)
		}
		out = append(out, n)
	}
	return out
}

// ageMalformed: Age is a non-negative number of seconds (RFC 9111 §5.1).
func ageMalformed(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	for _, i := range r.Values("Age") {
		if v := strings.Trim(r.Header[i].Value, " \t"); !isDigits(v) {
			out = append(out, newNote(final(ex).header(i), "Age %s is not a non-negative number of seconds", q(v)))
		}
	}
	return out
}

// directive is one Cache-Control directive as sent.
type directive struct {
	name   string // lower case
	arg    string // without quotes
	hasArg bool
	quoted bool
	field  int    // index of the header field
	bad    string // why it does not parse, or ""
	text   string // the directive as written
}

// cacheDirectives splits every Cache-Control field of r into directives: token [ "="
// ( token / quoted-string ) ], separated by commas (RFC 9111 §5.2).
func cacheDirectives(r *probe.Response) []directive {
	var out []directive
	for _, i := range r.Values("Cache-Control") {
		v := r.Header[i].Value
		for pos := 0; pos < len(v); {
			for pos < len(v) && (v[pos] == ' ' || v[pos] == '\t' || v[pos] == ',') {
				pos++
			}
			if pos >= len(v) {
				break
			}
			start := pos
			d := directive{field: i}
			for pos < len(v) && v[pos] != '=' && v[pos] != ',' {
				pos++
			}
			d.name = strings.TrimRight(v[start:pos], " \t")
			if b := badTokenByte(d.name); b >= 0 || d.name == "" {
				d.bad = "the directive name is not a token"
			}
			if pos < len(v) && v[pos] == '=' {
				pos++
				d.hasArg = true
				if pos < len(v) && v[pos] == '"' {
					d.quoted = true
					var arg strings.Builder
					pos++
					closed := false
					for pos < len(v) {
						c := v[pos]
						pos++
						if c == '\\' && pos < len(v) {
							arg.WriteByte(v[pos])
							pos++
							continue
						}
						if c == '"' {
							closed = true
							break
						}
						arg.WriteByte(c)
					}
					d.arg = arg.String()
					if !closed && d.bad == "" {
						d.bad = "the quoted argument is not closed"
					}
					for pos < len(v) && v[pos] != ',' {
						if v[pos] != ' ' && v[pos] != '\t' && d.bad == "" {
							d.bad = "text after the quoted argument"
						}
						pos++
					}
				} else {
					as := pos
					for pos < len(v) && v[pos] != ',' {
						pos++
					}
					d.arg = strings.Trim(v[as:pos], " \t")
					if d.bad == "" && (d.arg == "" || badTokenByte(d.arg) >= 0) {
						d.bad = "the argument is neither a token nor a quoted string"
					}
				}
			}
			d.text = strings.Trim(v[start:pos], " \t")
			d.name = probe.LowerASCII(d.name)
			out = append(out, d)
		}
	}
	return out
}

// secondsDirectives are the response directives whose argument is delta-seconds in the token
// form (RFC 9111 §5.2.2.1, §5.2.2.10: a sender must not quote it).
var secondsDirectives = [...]string{"max-age", "s-maxage"}

// isSecondsDirective reports whether name takes delta-seconds.
func isSecondsDirective(name string) bool {
	for _, s := range secondsDirectives {
		if name == s {
			return true
		}
	}
	return false
}

// cacheControlMalformed: every Cache-Control directive is a token with an optional token or
// quoted-string argument (RFC 9111 §5.2), and max-age and s-maxage take a number of seconds,
// unquoted (RFC 9111 §1.2.2, §5.2.2.1, §5.2.2.10).
func cacheControlMalformed(ex *probe.Exchange) []note {
	var out []note
	for _, d := range cacheDirectives(ex.Response) {
		loc := final(ex).header(d.field)
		switch {
		case d.bad != "":
			out = append(out, newNote(loc, "Cache-Control directive %s does not parse: %s", quoteOnce(d.text), d.bad))
		case isSecondsDirective(d.name) && !d.hasArg:
			out = append(out, newNote(loc, "Cache-Control %s without a number of seconds", val(d.name)))
		case isSecondsDirective(d.name) && d.quoted:
			out = append(out, newNote(loc, "Cache-Control %s quotes its seconds: write %s=%s", quoteOnce(d.text), val(d.name), val(d.arg)))
		case isSecondsDirective(d.name) && !isDigits(d.arg):
			out = append(out, newNote(loc, "Cache-Control %s: the argument is not a non-negative number of seconds", q(d.text)))
		}
	}
	return out
}

// cacheControlContradicts: Cache-Control directives that contradict each other leave each
// cache to pick one; RFC 9111 §4.2.1 says to honour the most restrictive, so the other is
// sent for nothing: public with private, no-store or no-cache with a positive freshness
// lifetime, and one directive repeated with different arguments.
func cacheControlContradicts(ex *probe.Exchange) []note {
	ds := cacheDirectives(ex.Response)
	seen := map[string]directive{}
	var out []note
	for _, d := range ds {
		if d.bad != "" {
			continue
		}
		if prev, ok := seen[d.name]; ok && prev.arg != d.arg {
			out = append(out, newNote(final(ex).header(d.field), "Cache-Control has %s and %s: caches use the first or treat the response as stale",
				quoteOnce(prev.text), quoteOnce(d.text)))
		}
		if _, ok := seen[d.name]; !ok {
			seen[d.name] = d
		}
	}
	pair := func(a, b directive) {
		out = append(out, newNote(final(ex).header(b.field), "Cache-Control has both %s and %s: caches honour the more restrictive one",
			quoteOnce(a.text), quoteOnce(b.text)))
	}
	positive := func(name string) (directive, bool) {
		d, ok := seen[name]
		n, err := strconv.ParseUint(d.arg, 10, 64)
		return d, ok && isDigits(d.arg) && (err != nil || n > 0)
	}
	if pub, ok := seen["public"]; ok {
		if priv, ok := seen["private"]; ok {
			pair(pub, priv)
		}
	}
	for _, strict := range [...]string{"no-store", "no-cache"} {
		s, ok := seen[strict]
		if !ok || s.hasArg { // no-cache="field" limits itself to fields
			continue
		}
		for _, name := range secondsDirectives {
			if d, ok := positive(name); ok {
				pair(s, d)
			}
		}
	}
	return out
}

// conditionalRequest reports whether the request carried If-None-Match or If-Modified-Since,
// the conditions that a 304 answers.
func conditionalRequest(ex *probe.Exchange) bool {
	return requestHas(ex, "If-None-Match") || requestHas(ex, "If-Modified-Since")
}

// notModifiedWithoutCondition: a 304 answers a conditional GET or HEAD (RFC 9110 §15.4.5);
// to a request without If-None-Match or If-Modified-Since, the client has no copy to use, and
// to any other method a false condition is a 412 (RFC 9110 §13.1.2). An exchange built offline
// has no request to compare with.
func notModifiedWithoutCondition(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Status.Code != 304 || len(ex.Request.Bytes) == 0 {
		return nil
	}
	switch m := method(ex); {
	case m != "GET" && m != "HEAD":
		return []note{newNote(final(ex).status(), "304 to %s: only GET and HEAD are answered 304; a failed condition on %s is a 412", val(m), val(m))}
	case !conditionalRequest(ex):
		return []note{newNote(final(ex).status(), "304 to a request without If-None-Match or If-Modified-Since: the client has no stored copy to use")}
	}
	return nil
}

// notModifiedWithoutETag: a 304 sends the ETag a 200 would have (RFC 9110 §15.4.5). A
// request whose If-None-Match named entity-tags and got a 304 matched one of them, so the
// resource has one.
func notModifiedWithoutETag(ex *probe.Exchange) []note {
	r := ex.Response
	inm, ok := requestValue(ex, "If-None-Match")
	if r.Status.Code != 304 || !ok || strings.Trim(inm, " \t") == "*" || has(r, "ETag") {
		return nil
	}
	return []note{newNote(final(ex).whole(), "304 to If-None-Match %s without ETag: a cache cannot tell which stored response it refreshes", quoteOnce(inm))}
}

// notModifiedOtherETag: a 304 to If-None-Match says that one of the request's entity-tags
// still matches (RFC 9110 §13.1.2); its ETag names the stored response a cache refreshes
// (RFC 9111 §4.3.4). An ETag that none of them matches leaves the cache with no stored
// response to refresh, or the wrong one.
func notModifiedOtherETag(ex *probe.Exchange) []note {
	r := ex.Response
	inm, ok := requestValue(ex, "If-None-Match")
	i := first(r, "ETag")
	if r.Status.Code != 304 || !ok || i < 0 {
		return nil
	}
	tag := strings.Trim(r.Header[i].Value, " \t")
	if entityTagProblem(tag) != "" || etagMatches(inm, tag) {
		return nil
	}
	return []note{newNote(final(ex).header(i), "304 with ETag %s, which the request's If-None-Match %s does not name: caches have no stored response with that tag to refresh",
		quoteOnce(tag), quoteOnce(inm))}
}

// preconditionFailedForGet: a GET or HEAD whose only conditions are If-None-Match or
// If-Modified-Since is answered 304 when they fail, never 412 (RFC 9110 §13.1.2, §13.1.3). A
// 412 without any condition is S25's.
func preconditionFailedForGet(ex *probe.Exchange) []note {
	r := ex.Response
	m := method(ex)
	if r.Status.Code != 412 || m != "GET" && m != "HEAD" || !conditionalRequest(ex) ||
		requestHas(ex, "If-Match") || requestHas(ex, "If-Unmodified-Since") {
		return nil
	}
	return []note{newNote(final(ex).status(), "412 to a %s whose only conditions are If-None-Match or If-Modified-Since: a failed condition there is a 304", m)}
}

// fullResponseWhereNotModified: a GET or HEAD whose If-None-Match matches the response's own
// ETag, or (without If-None-Match) whose If-Modified-Since is not older than its
// Last-Modified, is answered 304 (RFC 9110 §13.1.2, §13.1.3). Sending the whole
// representation again wastes the client's copy. If-None-Match is a MUST (Error);
// If-Modified-Since a SHOULD (Warning), a date being a weaker validator than a tag. With
// --deep the follow-up that sends the 200's own validators back is judged here too.
func fullResponseWhereNotModified(ex *probe.Exchange) []note {
	r := ex.Response
	m := method(ex)
	if r.Status.Code != 200 || m != "GET" && m != "HEAD" {
		return nil
	}
	if inm, ok := requestValue(ex, "If-None-Match"); ok {
		i := first(r, "ETag")
		tag := ""
		if i >= 0 {
			tag = strings.Trim(r.Header[i].Value, " \t")
		}
		if i < 0 || !etagMatches(inm, tag) {
			return nil
		}
		return []note{newNote(final(ex).header(i), "200 with ETag %s, which the request's If-None-Match %s matches: a 304 was due",
			quoteOnce(tag), quoteOnce(inm))}
	}
	ims, ok := requestValue(ex, "If-Modified-Since")
	i := first(r, "Last-Modified")
	if !ok || i < 0 {
		return nil
	}
	since, ok1 := httpDate(strings.Trim(ims, " \t"))
	lm, ok2 := httpDate(r.Header[i].Value)
	if !ok1 || !ok2 || lm.After(since) {
		return nil
	}
	return []note{newNote(final(ex).header(i), "200 with Last-Modified %s, not after the request's If-Modified-Since %s: a 304 was due",
		q(r.Header[i].Value), q(ims)).with(Warning)}
}
