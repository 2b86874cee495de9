package check

import (
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
)

// The CORS rules judge a response against the request's Origin, Access-Control-Request-Method
// and Access-Control-Request-Headers, the way a browser's CORS check (Fetch §4.10) and
// CORS-preflight fetch (Fetch §4.8) do. A request without Origin is not a CORS request, and
// none of these rules ever judges its response.

// Browsers keep a preflight result at most this many seconds, whatever Access-Control-Max-Age
// says: Chromium two hours, Firefox a day.
const (
	chromiumMaxAge = 2 * 60 * 60
	firefoxMaxAge  = 24 * 60 * 60
)

// requestOrigin returns the request's Origin, and whether it had one.
func requestOrigin(ex *probe.Exchange) (string, bool) {
	o, ok := requestValue(ex, "Origin")
	return strings.Trim(o, " \t"), ok
}

// isPreflight reports whether the request was a CORS preflight: OPTIONS with Origin and
// Access-Control-Request-Method.
func isPreflight(ex *probe.Exchange) bool {
	_, origin := requestValue(ex, "Origin")
	_, method := requestValue(ex, "Access-Control-Request-Method")
	return origin && method && ex.Request.Method == "OPTIONS"
}

// isOKStatus reports whether code is an ok status (Fetch §2.2.3): 200 to 299.
func isOKStatus(code int) bool { return code >= 200 && code <= 299 }

// speaksCORS reports whether r carries any Access-Control-Allow-* field, the sign that the
// server answers CORS requests at all.
func speaksCORS(r *probe.Response) bool {
	for _, f := range r.Header {
		if len(f.Name) > len("Access-Control-Allow-") && probe.EqualFold(f.Name[:len("Access-Control-Allow-")], "Access-Control-Allow-") {
			return true
		}
	}
	return false
}

// allowOrigin returns the combined Access-Control-Allow-Origin value of r (fields joined with
// ", ", as a browser extracts it), the index of its first field, and whether there was one.
func allowOrigin(r *probe.Response) (string, int, bool) {
	idx := r.Values("Access-Control-Allow-Origin")
	if len(idx) == 0 {
		return "", -1, false
	}
	vs := make([]string, len(idx))
	for n, i := range idx {
		vs[n] = strings.Trim(r.Header[i].Value, " \t")
	}
	return strings.Join(vs, ", "), idx[0], true
}

// credentialsAllowed reports whether r says Access-Control-Allow-Credentials: true, exactly.
func credentialsAllowed(r *probe.Response) bool {
	i := first(r, "Access-Control-Allow-Credentials")
	return i >= 0 && strings.Trim(r.Header[i].Value, " \t") == "true"
}

// originProblem says why v, an Access-Control-Allow-Origin value, is neither "*", "null" nor
// one serialized origin (scheme "://" host [":" port], nothing after it), or "".
func originProblem(v string) string {
	if v == "*" || v == "null" {
		return ""
	}
	if strings.Contains(v, ",") || strings.ContainsAny(v, " \t") {
		return "more than one value"
	}
	scheme, rest, ok := strings.Cut(v, "://")
	if !ok || scheme == "" || rest == "" {
		return "not scheme://host"
	}
	for i := 0; i < len(scheme); i++ {
		c := scheme[i]
		lower := 'a' <= c && c <= 'z'
		if !lower && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return "the scheme is not in lower case"
		}
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		return "an origin ends after the host and port, but this one goes on with " + strconv.Quote(rest[i:])
	}
	return ""
}

// corsOriginAllowed reports whether the CORS check would let a request from origin read r as
// far as Access-Control-Allow-Origin goes: "*" or exactly the origin.
func corsOriginAllowed(r *probe.Response, origin string) bool {
	v, _, ok := allowOrigin(r)
	return ok && (v == "*" || v == origin)
}

// admittedPreflight reports whether ex is a preflight that succeeded as far as its status and
// Access-Control-Allow-Origin go, so that what it allows is worth judging.
func admittedPreflight(ex *probe.Exchange) bool {
	origin, _ := requestOrigin(ex)
	return isPreflight(ex) && isOKStatus(ex.Response.Status.Code) && corsOriginAllowed(ex.Response, origin)
}

// preflightMethodNotAllowed: a successful preflight that lets the origin in allows the method
// it asked for in Access-Control-Allow-Methods (Fetch §4.8). GET, HEAD and POST are
// CORS-safelisted and need no listing; "*" allows any method to a request without
// credentials. With credentials allowed too, whether "*" is enough depends on the credentials
// mode of the request, which one exchange does not show: that is a warning.
func preflightMethodNotAllowed(ex *probe.Exchange) []note {
	r := ex.Response
	if !admittedPreflight(ex) {
		return nil
	}
	m, _ := requestValue(ex, "Access-Control-Request-Method")
	m = strings.Trim(m, " \t")
	switch m {
	case "GET", "HEAD", "POST":
		return nil
	}
	allowed := members(r, "Access-Control-Allow-Methods")
	if !allTokens(allowed) {
		return nil // allowListNotTokens
	}
	for _, a := range allowed {
		if a == m || probe.EqualFold(a, m) || a == "*" && !credentialsAllowed(r) {
			return nil
		}
	}
	i := first(r, "Access-Control-Allow-Methods")
	if i < 0 {
		return []note{newNote(final(ex).whole(),
			"preflight asked for method %s, but the response has no Access-Control-Allow-Methods", val(m))}
	}
	if containsFold(allowed, "*") {
		return []note{newNote(final(ex).header(i), "preflight asked for method %s; Access-Control-Allow-Methods %s allows it only to requests without credentials, which this response also allows",
			val(m), q(strings.Join(allowed, ", "))).with(Warning)}
	}
	return []note{newNote(final(ex).header(i), "preflight asked for method %s, but Access-Control-Allow-Methods %s does not allow it",
		val(m), q(strings.Join(allowed, ", ")))}
}

// preflightHeaderNotAllowed: a successful preflight that lets the origin in allows every
// header named in the request's Access-Control-Request-Headers (Fetch §4.8). Names compare
// case-insensitively; "*" allows any name but Authorization to a request without credentials
// (with credentials allowed too, a warning, as for methods).
func preflightHeaderNotAllowed(ex *probe.Exchange) []note {
	r := ex.Response
	if !admittedPreflight(ex) {
		return nil
	}
	asked, _ := requestValue(ex, "Access-Control-Request-Headers")
	allowed := members(r, "Access-Control-Allow-Headers")
	if !allTokens(allowed) {
		return nil // allowListNotTokens
	}
	star := containsFold(allowed, "*")
	var missing, starred []string
	for name := range strings.SplitSeq(asked, ",") {
		switch name = strings.Trim(name, " \t"); {
		case name == "" || containsFold(allowed, name):
		case star && !probe.EqualFold(name, "Authorization") && credentialsAllowed(r):
			starred = append(starred, name)
		case star && !probe.EqualFold(name, "Authorization"):
		default:
			missing = append(missing, name)
		}
	}
	i := first(r, "Access-Control-Allow-Headers")
	if len(missing) == 0 && len(starred) > 0 {
		return []note{newNote(final(ex).header(i), "preflight asked for header %s; Access-Control-Allow-Headers \"*\" allows it only to requests without credentials, which this response also allows",
			q(strings.Join(starred, ", "))).with(Warning)}
	}
	if len(missing) == 0 {
		return nil
	}
	if i < 0 {
		return []note{newNote(final(ex).whole(),
			"preflight asked for header %s, but the response has no Access-Control-Allow-Headers", q(strings.Join(missing, ", ")))}
	}
	return []note{newNote(final(ex).header(i), "preflight asked for header %s, but Access-Control-Allow-Headers %s does not allow it",
		q(strings.Join(missing, ", ")), q(strings.Join(allowed, ", ")))}
}

// preflightNotOK: a preflight is answered with an ok status, 200 to 299; browsers fail any
// other (Fetch §4.8, §2.2.3). When the response carries no CORS field at all, the server
// probably does not offer CORS, which is only worth knowing.
func preflightNotOK(ex *probe.Exchange) []note {
	r := ex.Response
	if !isPreflight(ex) || isOKStatus(r.Status.Code) {
		return nil
	}
	if !speaksCORS(r) {
		return []note{newNote(final(ex).status(),
			"preflight answered %s with no CORS fields: browsers will not send the request (the server does not seem to offer CORS)",
			codeText(r.Status.Code)).with(Info)}
	}
	return []note{newNote(final(ex).status(),
		"preflight answered %s: browsers fail any preflight whose status is not 200–299, whatever its CORS fields say",
		codeText(r.Status.Code))}
}

// wildcardOriginWithCredentials: Access-Control-Allow-Origin "*" cannot be combined with
// credentials; a credentialed request fails the CORS check (Fetch §3.3.5, §4.10).
func wildcardOriginWithCredentials(ex *probe.Exchange) []note {
	r := ex.Response
	if _, ok := requestOrigin(ex); !ok || !credentialsAllowed(r) {
		return nil
	}
	if v, i, ok := allowOrigin(r); ok && v == "*" {
		return []note{newNote(final(ex).header(i),
			`Access-Control-Allow-Origin "*" with Access-Control-Allow-Credentials: true: browsers refuse every credentialed request`)}
	}
	return nil
}

// allowOriginNotOneOrigin: Access-Control-Allow-Origin is one value, "*", "null" or one
// serialized origin; a list, a second field, a path or a trailing slash never equals the
// request's origin, and the CORS check fails (Fetch §3.3.4, §4.10).
func allowOriginNotOneOrigin(ex *probe.Exchange) []note {
	r := ex.Response
	if _, ok := requestOrigin(ex); !ok {
		return nil
	}
	idx := r.Values("Access-Control-Allow-Origin")
	if len(idx) > 1 {
		return []note{newNote(final(ex).header(idx[1]), "Access-Control-Allow-Origin sent %d times: browsers read %s, which is no origin",
			len(idx), func() string { v, _, _ := allowOrigin(r); return q(v) }())}
	}
	if len(idx) == 1 {
		v := strings.Trim(r.Header[idx[0]].Value, " \t")
		if why := originProblem(v); why != "" {
			return []note{newNote(final(ex).header(idx[0]), "Access-Control-Allow-Origin %s is not one origin: %s", q(v), why)}
		}
	}
	return nil
}

// echoedOriginWithoutVary: a response whose Access-Control-Allow-Origin repeats the request's
// Origin depends on that field, and a cache must know it (RFC 9110 §12.5.5). One exchange
// cannot tell an echo from a fixed origin that happens to equal the request's, so this is
// only worth knowing.
func echoedOriginWithoutVary(ex *probe.Exchange) []note {
	r := ex.Response
	origin, ok := requestOrigin(ex)
	if !ok || origin == "" || origin == "null" {
		return nil
	}
	v, i, found := allowOrigin(r)
	if !found || v != origin {
		return nil
	}
	for _, m := range members(r, "Vary") {
		if m == "*" || probe.EqualFold(m, "Origin") {
			return nil
		}
	}
	return []note{newNote(final(ex).header(i),
		"Access-Control-Allow-Origin %s repeats the request's Origin, but Vary does not name Origin: if it follows the request, a shared cache can serve it to another origin",
		q(v))}
}

// maxAgeMalformed: Access-Control-Max-Age is delta-seconds; anything else makes browsers
// fall back to caching the preflight for 5 seconds (Fetch §3.3.4, §4.8).
func maxAgeMalformed(ex *probe.Exchange) []note {
	r := ex.Response
	if _, ok := requestOrigin(ex); !ok {
		return nil
	}
	var out []note
	for _, i := range r.Values("Access-Control-Max-Age") {
		if v := strings.Trim(r.Header[i].Value, " \t"); !isDigits(v) {
			out = append(out, newNote(final(ex).header(i),
				"Access-Control-Max-Age %s is not a number of seconds: browsers that follow Fetch keep the preflight for their default 5 seconds", q(v)))
		}
	}
	return out
}

// maxAgeAboveBrowserCap: browsers cap the time they keep a preflight result (Fetch §4.8
// allows a limit): Chromium at two hours, Firefox at a day.
func maxAgeAboveBrowserCap(ex *probe.Exchange) []note {
	r := ex.Response
	if _, ok := requestOrigin(ex); !ok {
		return nil
	}
	i := first(r, "Access-Control-Max-Age")
	if i < 0 {
		return nil
	}
	v := strings.Trim(r.Header[i].Value, " \t")
	n, err := strconv.ParseUint(v, 10, 64)
	if !isDigits(v) || err == nil && n <= chromiumMaxAge {
		return nil
	}
	return []note{newNote(final(ex).header(i),
		"Access-Control-Max-Age %s is more than browsers keep: Chromium caps it at %d seconds, Firefox at %d",
		val(v), chromiumMaxAge, firefoxMaxAge)}
}

// preflightWithContent: browsers discard the content of a successful preflight response; the bytes are
// sent for nothing (RFC 9110 §9.3.7 permits them).
func preflightWithContent(ex *probe.Exchange) []note {
	r := ex.Response
	if !isPreflight(ex) || !isOKStatus(r.Status.Code) || r.Body.Size == 0 {
		return nil
	}
	return []note{newNote(bodyRange(0, r.Body.Size), "preflight answered with %s of content, which browsers discard",
		english.Plural(r.Body.Size, "byte"))}
}

// allowCredentialsNotTrue: Access-Control-Allow-Credentials has one value, "true", compared
// case-sensitively; any other value refuses credentialed requests (Fetch §3.3.4, §4.10).
func allowCredentialsNotTrue(ex *probe.Exchange) []note {
	r := ex.Response
	if _, ok := requestOrigin(ex); !ok {
		return nil
	}
	var out []note
	for _, i := range r.Values("Access-Control-Allow-Credentials") {
		if v := strings.Trim(r.Header[i].Value, " \t"); v != "true" {
			out = append(out, newNote(final(ex).header(i),
				`Access-Control-Allow-Credentials %s: only "true", in lower case, allows credentials; leave the field out otherwise`, q(v)))
		}
	}
	return out
}

// originNotAllowed: a response to a CORS request that does not let the request's origin read
// it, by leaving out Access-Control-Allow-Origin or naming another origin. Servers refuse
// origins on purpose, so this is worth knowing, not wrong (Fetch §4.10). A malformed value is
// allowOriginNotOneOrigin's.
func originNotAllowed(ex *probe.Exchange) []note {
	r := ex.Response
	origin, ok := requestOrigin(ex)
	if !ok {
		return nil
	}
	v, i, found := allowOrigin(r)
	switch {
	case !found:
		return []note{newNote(final(ex).whole(), "no Access-Control-Allow-Origin: browsers on %s cannot read this response", val(origin))}
	case v == "*" || v == origin || originProblem(v) != "" || len(r.Values("Access-Control-Allow-Origin")) > 1:
		return nil
	}
	return []note{newNote(final(ex).header(i), "Access-Control-Allow-Origin %s is not the request's origin %s: browsers on %s cannot read this response",
		q(v), q(origin), val(origin))}
}

// allTokens reports whether every member of a list is a token.
func allTokens(list []string) bool {
	for _, m := range list {
		if badTokenByte(m) >= 0 {
			return false
		}
	}
	return true
}

// allowListNotTokens: Access-Control-Allow-Methods and Access-Control-Allow-Headers are
// comma-separated lists of tokens (Fetch §3.3.4); a browser that cannot parse them fails the
// preflight (Fetch §4.8). Space-separated names are the usual mistake.
func allowListNotTokens(ex *probe.Exchange) []note {
	r := ex.Response
	if _, ok := requestOrigin(ex); !ok {
		return nil
	}
	var out []note
	for _, name := range [...]string{"Access-Control-Allow-Methods", "Access-Control-Allow-Headers"} {
		for _, i := range r.Values(name) {
			for m := range strings.SplitSeq(r.Header[i].Value, ",") {
				m = strings.Trim(m, " \t")
				if m == "" {
					continue
				}
				if b := badTokenByte(m); b >= 0 {
					out = append(out, newNote(final(ex).header(i), "%s member %s is not a token (%s at byte %d): browsers fail the preflight; separate names with commas",
						name, q(m), byteName(m[b]), b))
					break
				}
			}
		}
	}
	return out
}
