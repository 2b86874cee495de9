package probe

import (
	"encoding/base64"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// UserAgent is the User-Agent probe sends unless the request sets its own.
const UserAgent = "hsx/dev"

// withDefaults returns req with its zero optional fields replaced by the defaults.
func withDefaults(req Request) Request {
	if req.Method == "" {
		req.Method = "GET"
	}
	if req.Timeout <= 0 {
		req.Timeout = DefaultTimeout
	}
	if req.Grace <= 0 {
		req.Grace = DefaultGrace
	}
	if req.BodyLimit <= 0 {
		req.BodyLimit = DefaultBodyLimit
	}
	return req
}

// buildRequest checks req and lays out the bytes to write: the request line, Host, User-Agent
// and Accept (each replaced by a caller's field of the same name, in the caller's spelling), the
// caller's other fields in order, Content-Length for a body, the blank line and the body.
func buildRequest(req Request) (Sent, *Error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return Sent{}, requestError("invalid URL %q: %v", req.URL, unwrapURLError(err))
	}
	switch u.Scheme = strings.ToLower(u.Scheme); u.Scheme {
	case "http", "https":
	case "":
		return Sent{}, requestError("URL %q has no scheme (use http:// or https://)", req.URL)
	default:
		return Sent{}, requestError("unsupported scheme %q (use http or https)", u.Scheme)
	}
	if u.Hostname() == "" {
		return Sent{}, requestError("URL %q has no host", req.URL)
	}
	if !IsToken(req.Method) {
		return Sent{}, requestError("invalid method %q", req.Method)
	}
	for _, f := range req.Header {
		if !IsToken(f.Name) {
			return Sent{}, requestError("invalid header field name %q", f.Name)
		}
		if strings.ContainsAny(f.Value, "\r\n\x00") {
			return Sent{}, requestError("header field %s has a line break or NUL in its value", f.Name)
		}
	}

	defaults := []Field{{Name: "Host", Value: u.Host}, {Name: "User-Agent", Value: UserAgent},
		{Name: "Accept", Value: "*/*"}}
	if req.Compressed {
		defaults = append(defaults, Field{Name: "Accept-Encoding", Value: AcceptEncoding})
	}
	if u.User != nil {
		// Credentials in the URL are sent as Basic authentication, as curl does.
		pass, _ := u.User.Password()
		defaults = append(defaults, Field{Name: "Authorization",
			Value: "Basic " + base64.StdEncoding.EncodeToString([]byte(u.User.Username()+":"+pass))})
	}
	used := make([]bool, len(req.Header))
	var fields []Field
	for _, d := range defaults {
		replaced := false
		for i, f := range req.Header {
			if equalFold(f.Name, d.Name) {
				fields = append(fields, Field{Name: f.Name, Value: f.Value, Line: -1})
				used[i], replaced = true, true
			}
		}
		if !replaced {
			fields = append(fields, Field{Name: d.Name, Value: d.Value, Line: -1})
		}
	}
	hasLength := false
	for i, f := range req.Header {
		if !used[i] {
			fields = append(fields, Field{Name: f.Name, Value: f.Value, Line: -1})
		}
		hasLength = hasLength || equalFold(f.Name, "Content-Length") || equalFold(f.Name, "Transfer-Encoding")
	}
	if req.Body != nil && !hasLength {
		fields = append(fields, Field{Name: "Content-Length", Value: strconv.Itoa(len(req.Body)), Line: -1})
	}

	var b strings.Builder
	version := "HTTP/1.1"
	if req.HTTP10 {
		version = "HTTP/1.0"
	}
	b.WriteString(req.Method + " " + requestTarget(req.Method, u) + " " + version + "\r\n")
	for _, f := range fields {
		b.WriteString(f.Name + ": " + f.Value + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(req.Body)
	return Sent{Method: req.Method, URL: u, Header: fields, Bytes: []byte(b.String())}, nil
}

// requestTarget is the origin-form of u: its path (at least "/") and query; for CONNECT it
// is the authority-form, host and port.
func requestTarget(method string, u *url.URL) string {
	if method == "CONNECT" { // authority-form, RFC 9112 §3.2.3: the port is always given
		port := u.Port()
		if port == "" {
			port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
		}
		return net.JoinHostPort(u.Hostname(), port)
	}
	t := u.EscapedPath()
	if t == "" {
		t = "/"
	} else if t[0] != '/' {
		t = "/" + t
	}
	if u.RawQuery != "" || u.ForceQuery {
		t += "?" + escapeQuery(u.RawQuery)
	}
	return t
}

// escapeQuery percent-encodes the bytes of a raw query that cannot stand in a request line
// (RFC 9112 §3.2): spaces, controls and non-ASCII bytes. The rest is sent as given.
func escapeQuery(q string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		if c := q[i]; c <= ' ' || c >= 0x7f {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// IsToken reports whether s is a token (RFC 9110 §5.6.2), as a method or a header field name
// must be.
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}
