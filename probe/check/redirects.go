package check

import (
	"net/url"
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// isRedirect reports whether code is a redirect that clients follow by its Location.
func isRedirect(code int) bool {
	switch code {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

// redirectAfterPost: after a POST, clients follow a 301 or a 302 with a GET and drop the body
// (RFC 9110 §15.4.2 and §15.4.3 allow it for historical reasons; fetch, curl -L and Go do it).
// That is what a POST/redirect/GET flow wants, and 303 says it outright; 307 and 308 keep the
// method.
func redirectAfterPost(ex *probe.Exchange) []note {
	c := ex.Response.Status.Code
	if method(ex) != "POST" || (c != 301 && c != 302) || !has(ex.Response, "Location") {
		return nil
	}
	keep := "307"
	if c == 301 {
		keep = "308"
	}
	return []note{newNote(final(ex).status(),
		"%d to a POST: clients follow it with a GET and drop the body (303 says so, %s keeps the POST)", c, keep)}
}

// redirectToItself: a redirect whose Location resolves to the request's own URI (fragments
// aside, which are not sent) makes the client ask again for what it just asked: a loop that
// ends at the client's redirect limit (fetch and Go stop after 20, curl after 50, requests
// after 30). A 301, 302 or 303 after a POST turns it into a GET of the same URI, which is the
// POST/redirect/GET pattern, not a loop. With Set-Cookie the next request differs by its
// cookie, a known way to test for cookies, so that is only worth knowing. An empty Location
// is S15's; an exchange built offline has no URI to compare.
func redirectToItself(ex *probe.Exchange) []note {
	r := ex.Response
	c := r.Status.Code
	m := method(ex)
	base := ex.Request.URL
	if !isRedirect(c) || base == nil || (m == "POST" && c != 307 && c != 308) || (c == 303 && m != "GET" && m != "HEAD") {
		return nil
	}
	i := first(r, "Location")
	if i < 0 || r.Header[i].Value == "" {
		return nil
	}
	ref, err := url.Parse(r.Header[i].Value)
	if err != nil {
		return nil
	}
	if !sameResource(base, base.ResolveReference(ref)) {
		return nil
	}
	n := newNote(final(ex).header(i), "Location %s is the request's own URI: the %d redirects to itself",
		q(r.Header[i].Value), c)
	if has(r, "Set-Cookie") {
		n = newNote(final(ex).header(i), "Location %s is the request's own URI, with Set-Cookie: a loop unless the cookie changes the answer",
			q(r.Header[i].Value)).with(Info)
	}
	return []note{n}
}

// sameResource reports whether a and b name the same resource: scheme and host compared
// case-insensitively with default ports filled in, path and query as written, fragments
// ignored.
func sameResource(a, b *url.URL) bool {
	port := func(u *url.URL) string {
		if p := u.Port(); p != "" {
			return p
		}
		if probe.EqualFold(u.Scheme, "https") {
			return "443"
		}
		return "80"
	}
	path := func(u *url.URL) string {
		if p := u.EscapedPath(); p != "" {
			return p
		}
		return "/"
	}
	return probe.EqualFold(a.Scheme, b.Scheme) && probe.EqualFold(a.Hostname(), b.Hostname()) &&
		port(a) == port(b) && path(a) == path(b) && a.RawQuery == b.RawQuery
}

// locationIgnored: Location means something in a 201 and in a 3xx (RFC 9110 §10.2.2); a 202
// often points at a status monitor with it. On other statuses no client follows it: a 200
// with Location is usually a redirect that forgot its status code.
func locationIgnored(ex *probe.Exchange) []note {
	r := ex.Response
	c := r.Status.Code
	i := first(r, "Location")
	if i < 0 || c < 200 || c == 201 || c == 202 || (c >= 300 && c < 400) {
		return nil
	}
	return []note{newNote(final(ex).header(i), "Location %s in a %d response: clients do not follow it",
		q(r.Header[i].Value), c)}
}

// obsoleteRedirect: 305 Use Proxy is deprecated and 306 is reserved, no longer used (RFC 9110
// §15.4.6, §15.4.7). Browsers and curl do not act on either.
func obsoleteRedirect(ex *probe.Exchange) []note {
	switch ex.Response.Status.Code {
	case 305:
		return []note{newNote(final(ex).status(), "305 Use Proxy is deprecated: clients do not use the proxy it names")}
	case 306:
		return []note{newNote(final(ex).status(), "306 is reserved and no longer used: %s", q(strings.TrimSpace(ex.Response.Status.Reason)))}
	}
	return nil
}
