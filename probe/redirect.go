package probe

import (
	"context"
	"fmt"
	"net/url"
	"time"
)

// Run sends req and, when req.FollowRedirects is set, follows redirects: each 301, 302, 303,
// 307 or 308 response with a Location that resolves to an http or https URL leads to another
// request, at most MaxRedirects times. Every hop is its own Exchange, in order; the last one is
// the final one. req.Timeout bounds all hops together.
//
// A chain that does not end fails, as curl's does (its exit status 47): when the response
// after MaxRedirects redirects redirects again, or when a redirect leads back to a request
// already made (same method and URL), the last hop's Err is an *Error in PhaseRedirect that
// says so, and its Response is kept.
//
// As browsers do, a 303 turns the request into a GET without a body (HEAD stays HEAD), and so
// does a 301 or 302 answering a POST; 307 and 308 keep the method and the body. When a redirect
// leads to another host, Authorization, Cookie, Proxy-Authorization and a caller's Host field
// are not sent there.
//
// The error is that of the last hop.
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
		if err != nil || !req.FollowRedirects {
			return hops, err
		}
		next, ok := redirect(req, ex)
		if !ok {
			return hops, nil
		}
		if err := chainError(hops, next); err != nil {
			ex.Err = err
			return hops, err
		}
		req = next
	}
}

// chainError is the error of a redirect chain that would go on with next: past MaxRedirects,
// or back to a request already made. It is nil when next may be sent.
func chainError(hops []*Exchange, next Request) *Error {
	last := hops[len(hops)-1]
	if len(hops) > MaxRedirects {
		loc, _ := last.Response.Get("Location")
		return &Error{Phase: PhaseRedirect, Msg: fmt.Sprintf("stopped after %d redirects; the last response redirects again, to %q",
			MaxRedirects, loc)}
	}
	for _, h := range hops {
		if h.Request.Method == next.Method && h.Request.URL.String() == next.URL {
			return &Error{Phase: PhaseRedirect, Msg: fmt.Sprintf("redirect loop: %s points back to %s",
				last.Request.URL, next.URL)}
		}
	}
	return nil
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
	return a.Scheme == b.Scheme && EqualFold(a.Host, b.Host)
}

// without returns the fields of h not named any of names; h itself is not changed.
func without(h []Field, names ...string) []Field {
	out := make([]Field, 0, len(h))
next:
	for _, f := range h {
		for _, n := range names {
			if EqualFold(f.Name, n) {
				continue next
			}
		}
		out = append(out, f)
	}
	return out
}
