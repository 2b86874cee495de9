package composer

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/probe"
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

// buildRequest validates the fields and returns the request they describe. Errors are one line
// and name the field. opts carries the settings that have no field (TLS verification,
// redirects, timeouts, limits).
func buildRequest(method, rawURL, headers, body string, opts probe.Request) (probe.Request, error) {
	req := opts
	var err error
	if req.Method, err = checkMethod(method); err != nil {
		return req, err
	}
	u, err := checkURL(strings.TrimSpace(rawURL))
	if err != nil {
		return req, fmt.Errorf("URL: %w", err)
	}
	req.URL = u
	req.Header, err = parseHeaders(headers)
	if err != nil {
		return req, err
	}
	req.Body = nil
	if body != "" {
		req.Body = []byte(body)
	}
	return req, nil
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

// parseHeaders reads one "Name: value" field per line; blank lines are skipped.
func parseHeaders(text string) ([]probe.Field, error) {
	var fields []probe.Field
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("headers line %d: %s has no colon (write Name: value)", i+1, strconv.Quote(line))
		}
		name = strings.TrimSpace(name)
		if !probe.IsToken(name) {
			return nil, fmt.Errorf("headers line %d: %s is not a field name", i+1, strconv.Quote(name))
		}
		fields = append(fields, probe.Field{Name: name, Value: strings.TrimSpace(value), Line: -1})
	}
	return fields, nil
}

// formatHeaders writes fields one per line.
func formatHeaders(fields []probe.Field) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.Name)
		b.WriteString(": ")
		b.WriteString(f.Value)
	}
	return b.String()
}
