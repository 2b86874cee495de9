package probe

import (
	"context"
	"net/url"
	"time"
)

// Run sends req and, when req.FollowRedirects is set, follows redirects: each 301, 302, 303,
// 307 or 308 response with a Location that resolves to an http or https URL leads to another
// request, at most MaxRedirects times. Every hop is its own Exchange, in order; the last one is
// the final one (after MaxRedirects redirects it can itself be a redirect). req.Timeout bounds
// all hops together.
//
// As browsers do, a 303 turns the request into a GET without a body (HEAD stays HEAD), and so
// does a 301 or 302 answering a POST; 307 and 308 keep the method and the body. When a redirect
// leads to another host, Authorization, Cookie, Proxy-Authorization and a caller's Host field
// are not sent there.
//
// The error is that of the last hop, as Do returns it.
func Run(ctx context.Context, req Request) ([]*Exchange, error) {
	req = withDefaults(req)
	deadline := time.Now().Add(req.Timeout)
	var hops []*Exchange
	for {
		// The body goes to the caller's writers unless this response is followed.
		final := func(ex *Exchange, resp *Response) bool {
			if !req.FollowRedirects || len(hops) >= MaxRedirects {
				return true
			}
			_, follow := redirect(req, &Exchange{Request: ex.Request, Response: resp})
			return !follow
		}
		ex, err := do(ctx, req, deadline, final)
		hops = append(hops, ex)
		if err != nil || !req.FollowRedirects || len(hops) > MaxRedirects {
			return hops, err
		}
		next, ok := redirect(req, ex)
		if !ok {
			return hops, nil
		}
		req = next
	}
}

// redirect returns the request that follows ex's response, if it is a redirect to follow.
func redirect(req Request, ex *Exchange) (Request, bool) {
	r := ex.Response
	if r == nil || ex.Request.URL == nil {
		return req, false
	}
	code := r.Status.Code
	switch code {
	case 301, 302, 303, 307, 308:
	default:
		return req, false
	}
	loc, ok := r.Get("Location")
	if !ok || loc == "" {
		return req, false
	}
	target, err := ex.Request.URL.Parse(loc)
	if err != nil || (target.Scheme != "http" && target.Scheme != "https") || target.Host == "" {
		return req, false
	}
	next := req
	next.URL = target.String()
	if (code == 303 && req.Method != "HEAD") || ((code == 301 || code == 302) && req.Method == "POST") {
		next.Method = "GET"
		next.Body = nil
		next.Header = without(req.Header, "Content-Length", "Content-Type", "Transfer-Encoding")
	}
	if !sameOrigin(target, ex.Request.URL) {
		next.Header = without(next.Header, "Authorization", "Cookie", "Proxy-Authorization", "Host")
	}
	return next, true
}

// sameOrigin reports whether a and b have the same scheme, host and port.
func sameOrigin(a, b *url.URL) bool {
	return a.Scheme == b.Scheme && equalFold(a.Host, b.Host)
}

// without returns the fields of h not named any of names; h itself is not changed.
func without(h []Field, names ...string) []Field {
	out := make([]Field, 0, len(h))
next:
	for _, f := range h {
		for _, n := range names {
			if equalFold(f.Name, n) {
				continue next
			}
		}
		out = append(out, f)
	}
	return out
}
