package probe

import (
	"encoding/base64"
	"net"
	"net/url"
	"slices"
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
	if req.BodyLimit <= 0 {
		req.BodyLimit = DefaultBodyLimit
	}
	return req
}

// buildRequest checks req and lays out the bytes to write: the request line, the header
// section (see Request.Header for the order), the blank line and the body.
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
	if !req.PathAsIs {
		removeDotSegments(u)
	}
	var proxy *url.URL
	if req.UnixSocket == "" {
		if proxy, err = req.Proxy.For(u); err != nil {
			return Sent{}, requestError("%v", err)
		}
	}
	// As curl does, a --connect-to that changes where the request goes sends it through a
	// tunnel to that place even for plain http.
	tunnel := proxy != nil && (u.Scheme == "https" || req.Proxy.Tunnel || redirected(req, u))
	absolute := proxy != nil && !tunnel

	fields := layOut(req, u, proxy, absolute)
	var b strings.Builder
	version := "HTTP/1.1"
	if req.HTTP10 {
		version = "HTTP/1.0"
	}
	target := requestTarget(req.Method, u)
	if absolute && req.Method != "CONNECT" { // absolute-form, RFC 9112 §3.2.2
		target = u.Scheme + "://" + hostField(u) + target
	}
	b.WriteString(req.Method + " " + target + " " + version + "\r\n")
	for _, f := range fields {
		b.WriteString(f.Name + ":")
		if f.Value != "" {
			b.WriteString(" " + f.Value)
		}
		b.WriteString("\r\n")
	}
	b.WriteString("\r\n")
	b.Write(req.Body)
	return Sent{Method: req.Method, Proto: version, URL: u, Header: fields, Bytes: []byte(b.String()),
		proxy: proxy, tunnel: tunnel}, nil
}

// hostField is the authority of u as the Host field gives it: without credentials, and
// without the zone of an IPv6 address, which means nothing to the server (RFC 6874 §4).
func hostField(u *url.URL) string {
	h := u.Host
	if i := strings.IndexByte(h, '%'); i >= 0 && strings.HasPrefix(h, "[") {
		if j := strings.IndexByte(h, ']'); j > i {
			h = h[:i] + h[j:]
		}
	}
	return h
}

// OwnFields returns the names of the fields probe writes itself, each where a caller's field
// of that name goes too (see Request.Header), in the order they are written: Host,
// Proxy-Authorization (to a proxy in absolute form), Authorization, User-Agent, Accept,
// Accept-Encoding (with Compressed), Proxy-Connection (to a proxy in absolute form), then
// after the caller's other fields Content-Length and Content-Type.
func OwnFields() []string {
	return []string{"Host", "Proxy-Authorization", "Authorization", "User-Agent", "Accept", "Accept-Encoding",
		"Proxy-Connection", "Content-Length", "Content-Type"}
}

// ownField is one of the fields probe writes itself: its name and the value it has when the
// caller gives none ("" for no field of probe's own).
type ownField struct{ name, value string }

// layOut returns the header fields of req in the order they are written: probe's own fields
// before the caller's (Host, Authorization, User-Agent, Accept) and after them (Content-Length,
// Content-Type), each replaced by the caller's fields of its name unless req.Omit names it.
// A request sent to proxy in absolute form also carries Proxy-Authorization after Host and
// Proxy-Connection after Accept-Encoding, as curl's does.
func layOut(req Request, u *url.URL, proxy *url.URL, absolute bool) []Field {
	auth := ""
	if u.User != nil {
		// Credentials in the URL are sent as Basic authentication, as curl does.
		pass, _ := u.User.Password()
		auth = "Basic " + base64.StdEncoding.EncodeToString([]byte(u.User.Username()+":"+pass))
	}
	length := ""
	if req.Body != nil && !hasField(req.Header, "Content-Length") && !hasField(req.Header, "Transfer-Encoding") {
		length = strconv.Itoa(len(req.Body))
	}
	encoding := ""
	if req.Compressed {
		encoding = AcceptEncoding
	}
	before := []ownField{{"Host", hostField(u)}, {"Authorization", auth}, {"User-Agent", UserAgent}, {"Accept", "*/*"},
		{"Accept-Encoding", encoding}}
	if absolute {
		before = slices.Insert(before, 1, ownField{"Proxy-Authorization", proxyAuth(req.Proxy, proxy)})
		before = append(before, ownField{"Proxy-Connection", "Keep-Alive"})
	}
	after := []ownField{{"Content-Length", length}, {"Content-Type", ""}}

	placed := make([]bool, len(req.Header))
	place := func(fields []Field, own []ownField) []Field {
		for _, o := range own {
			if slices.ContainsFunc(req.Omit, func(n string) bool { return EqualFold(n, o.name) }) {
				continue
			}
			replaced := false
			for i, f := range req.Header {
				if EqualFold(f.Name, o.name) {
					fields = append(fields, Field{Name: f.Name, Value: f.Value, Line: -1})
					placed[i], replaced = true, true
				}
			}
			if !replaced && o.value != "" {
				fields = append(fields, Field{Name: o.name, Value: o.value, Line: -1})
			}
		}
		return fields
	}
	fields := place(nil, before)
	tail := place(nil, after)
	for i, f := range req.Header {
		if !placed[i] {
			fields = append(fields, Field{Name: f.Name, Value: f.Value, Line: -1})
		}
	}
	return append(fields, tail...)
}

// hasField reports whether h holds a field named name.
func hasField(h []Field, name string) bool {
	return slices.ContainsFunc(h, func(f Field) bool { return EqualFold(f.Name, name) })
}

// removeDotSegments resolves the "." and ".." segments of u's path (RFC 3986 §5.2.4), on the
// path as it is written, so that percent-encoded dots stay as they are.
func removeDotSegments(u *url.URL) {
	in := u.EscapedPath()
	if !strings.Contains(in, ".") {
		return
	}
	var out []string
	segs := strings.Split(in, "/")
	for i, seg := range segs {
		last := i == len(segs)-1
		switch seg {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, seg)
		}
	}
	p := strings.Join(out, "/")
	if strings.HasPrefix(in, "/") && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if unescaped, err := url.PathUnescape(p); err == nil {
		u.Path, u.RawPath = unescaped, p
	}
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
