package probe

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Followup is one follow-up request sent after a first exchange (hsx check --deep), to judge
// what only a second request can show, and what came of it.
type Followup struct {
	// Why names the follow-up: "If-None-Match", "If-Modified-Since", "HEAD", "GET", "Range"
	// or "preflight".
	Why string
	// Request is what was sent.
	Request Request
	// Exchange is what came back; its Basis is the first exchange.
	Exchange *Exchange
	// Err is why the follow-up got no response, as Do returns it.
	Err error
}

// IsSafeMethod reports whether method is one of the safe methods follow-ups are sent for:
// GET, HEAD and OPTIONS (RFC 9110 §9.2.1). An empty method is GET.
func IsSafeMethod(method string) bool {
	switch method {
	case "", "GET", "HEAD", "OPTIONS":
		return true
	}
	return false
}

// PlanFollowups returns the follow-up requests for req, whose final exchange was ex: a
// conditional GET with the validators the response gave (If-None-Match with its ETag, and
// If-Modified-Since with its Last-Modified), a HEAD beside a GET (or a GET beside a HEAD), a
// Range request for the first byte when the response said Accept-Ranges: bytes, and the CORS
// preflight a browser would send first when req carries Origin. Each is req sent again, to the
// URL ex was for, without following redirects and without writing its body anywhere.
// There are none when req's method is not safe (see IsSafeMethod) or ex has no response.
func PlanFollowups(req Request, ex *Exchange) []Followup {
	if !IsSafeMethod(req.Method) || ex == nil || ex.Response == nil || ex.Err != nil {
		return nil
	}
	base := req
	base.FollowRedirects, base.BodyTo, base.ContentTo, base.Progress, base.Watching = false, nil, nil, nil, nil
	if ex.Request.URL != nil {
		base.URL = ex.Request.URL.String()
	}
	m := ex.Request.Method
	if m == "" {
		m = "GET"
	}
	base.Method = m
	with := func(method string, fields ...Field) Request {
		r := base
		r.Method = method
		r.Header = append(withoutFields(base.Header, "If-None-Match", "If-Modified-Since", "If-Match",
			"If-Unmodified-Since", "If-Range", "Range"), fields...)
		if method == "HEAD" || method == "OPTIONS" {
			r.Body = nil
		}
		return r
	}
	resp := ex.Response
	var out []Followup
	if m == "GET" || m == "HEAD" {
		if resp.Status.Code == 200 {
			if etag, ok := resp.Get("ETag"); ok && etag != "" {
				out = append(out, Followup{Why: "If-None-Match", Request: with(m, Field{Name: "If-None-Match", Value: etag, Line: -1})})
			}
			if lm, ok := resp.Get("Last-Modified"); ok && lm != "" {
				out = append(out, Followup{Why: "If-Modified-Since", Request: with(m, Field{Name: "If-Modified-Since", Value: lm, Line: -1})})
			}
		}
		other := "HEAD"
		if m == "HEAD" {
			other = "GET"
		}
		out = append(out, Followup{Why: other, Request: with(other)})
		if resp.Status.Code == 200 && acceptsByteRanges(resp) {
			out = append(out, Followup{Why: "Range", Request: with("GET", Field{Name: "Range", Value: "bytes=0-0", Line: -1})})
		}
	}
	if origin, ok := fieldValue(req.Header, "Origin"); ok && m != "OPTIONS" {
		fields := []Field{{Name: "Origin", Value: origin, Line: -1},
			{Name: "Access-Control-Request-Method", Value: m, Line: -1}}
		if names := unsafeHeaderNames(req.Header); names != "" {
			fields = append(fields, Field{Name: "Access-Control-Request-Headers", Value: names, Line: -1})
		}
		r := base
		r.Method, r.Body, r.Header = "OPTIONS", nil, fields
		out = append(out, Followup{Why: "preflight", Request: r})
	}
	return out
}

// RunFollowups sends each planned follow-up in turn, each bounded by its own Timeout and by
// ctx, and records its exchange with ex as its Basis. It stops early when ctx is done; the
// follow-ups not sent then carry ctx's error.
func RunFollowups(ctx context.Context, fs []Followup, ex *Exchange) {
	for i := range fs {
		if err := ctx.Err(); err != nil {
			fs[i].Err = fmt.Errorf("not sent: %w", err)
			continue
		}
		fx, err := Do(ctx, fs[i].Request)
		if fx != nil {
			fx.Basis = ex
		}
		fs[i].Exchange, fs[i].Err = fx, err
	}
}

// acceptsByteRanges reports whether r says Accept-Ranges: bytes.
func acceptsByteRanges(r *Response) bool {
	for _, i := range r.Values("Accept-Ranges") {
		for m := range strings.SplitSeq(r.Header[i].Value, ",") {
			if EqualFold(strings.TrimSpace(m), "bytes") {
				return true
			}
		}
	}
	return false
}

// fieldValue returns the value of the first field in h named name.
func fieldValue(h []Field, name string) (string, bool) {
	for _, f := range h {
		if EqualFold(f.Name, name) {
			return f.Value, true
		}
	}
	return "", false
}

// withoutFields returns a copy of h without the fields named in names.
func withoutFields(h []Field, names ...string) []Field {
	out := make([]Field, 0, len(h))
	for _, f := range h {
		if !slices.ContainsFunc(names, func(n string) bool { return EqualFold(n, f.Name) }) {
			out = append(out, f)
		}
	}
	return out
}

// unsafeHeaderNames lists, as a browser writes Access-Control-Request-Headers (lowercase,
// sorted, comma-separated), the names of the caller's fields that are not CORS-safelisted
// request headers (Fetch standard §2.2.2). Content-Type counts as safelisted only with one of
// the three media types forms can send.
func unsafeHeaderNames(h []Field) string {
	var names []string
	for _, f := range h {
		n := LowerASCII(f.Name)
		switch n {
		case "accept", "accept-language", "content-language", "origin", "host", "user-agent",
			"accept-encoding", "connection", "content-length", "referer", "cookie":
			continue
		case "content-type":
			mt, _, _ := strings.Cut(LowerASCII(f.Value), ";")
			switch strings.TrimSpace(mt) {
			case "application/x-www-form-urlencoded", "multipart/form-data", "text/plain":
				continue
			}
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}
