package composer

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/curl"
)

// Methods returns the methods the method key cycles through, in order.
func Methods() []string {
	return []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
}

// nextMethod returns the method after m in the cycle (GET after an unknown one).
func nextMethod(m string) string {
	methods := Methods()
	for i, x := range methods {
		if strings.EqualFold(x, m) {
			return methods[(i+1)%len(methods)]
		}
	}
	return methods[0]
}

// fields is the text of the composer's fields.
type fields struct {
	method, url, options, headers, body string
}

// buildRequest validates the fields and returns the request they describe. Errors are one line
// and name the field. opts carries the settings that have no field (see withExtras).
func buildRequest(f fields, opts probe.Request) (probe.Request, error) {
	o, err := curl.ParseOptions(f.options)
	if err != nil {
		return probe.Request{}, fmt.Errorf("options: %w", err)
	}
	req := withExtras(o, opts)
	if req.Method, err = checkMethod(f.method); err != nil {
		return req, err
	}
	u, err := checkURL(strings.TrimSpace(f.url))
	if err != nil {
		return req, fmt.Errorf("URL: %w", err)
	}
	req.URL = u
	req.Header, req.Omit, err = curl.ParseHeaders(strings.Split(f.headers, "\n"))
	if err != nil {
		return req, fmt.Errorf("headers %w", err)
	}
	if f.body != "" {
		req.Body = []byte(f.body)
	}
	return req, nil
}

// withExtras returns req with the settings of from that no field of the composer shows: the
// body limit, the grace period and the callers' hooks.
func withExtras(req, from probe.Request) probe.Request {
	req.Grace, req.BodyLimit, req.Progress = from.Grace, from.BodyLimit, from.Progress
	req.BodyTo, req.ContentTo = from.BodyTo, from.ContentTo
	return req
}

// checkMethod returns the method typed as text: GET when it is empty, an error naming the field
// when it is not a token (RFC 9110 §9.1, §5.6.2).
func checkMethod(text string) (string, error) {
	method := strings.TrimSpace(text)
	if method == "" {
		return "GET", nil
	}
	if !probe.IsToken(method) {
		return method, fmt.Errorf("method: %s is not a method name (letters, digits and !#$%%&'*+-.^_`|~)", strconv.Quote(method))
	}
	return method, nil
}

// checkURL checks that raw is an absolute http or https URL with a host. A URL without a
// scheme gets "http://", the way curl reads it.
func checkURL(raw string) (string, error) {
	if raw == "" {
		return "", fmt.Errorf("empty; type an http:// or https:// address")
	}
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		if ue, ok := err.(*url.Error); ok {
			err = ue.Err // the URL itself is already on screen
		}
		return "", err
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return "", fmt.Errorf("unsupported scheme %q (hsx speaks http and https)", u.Scheme)
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("no host in %q", raw)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", fmt.Errorf("port %s out of range", p)
		}
	}
	return raw, nil
}
