package check

import (
	"mime"
	"strconv"
	"strings"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// first returns the index in r.Header of the first field named name, or -1.
func first(r *probe.Response, name string) int {
	if idx := r.Values(name); len(idx) > 0 {
		return idx[0]
	}
	return -1
}

// has reports whether r has a field named name.
func has(r *probe.Response, name string) bool { return first(r, name) >= 0 }

// members returns the non-empty comma-separated members of every field named name, in order.
func members(r *probe.Response, name string) []string {
	var out []string
	for _, i := range r.Values(name) {
		for m := range strings.SplitSeq(r.Header[i].Value, ",") {
			if m = strings.Trim(m, " \t"); m != "" {
				out = append(out, m)
			}
		}
	}
	return out
}

// requestHas reports whether the request that was sent carried a field named name.
func requestHas(ex *probe.Exchange, name string) bool {
	for _, f := range ex.Request.Header {
		if probe.EqualFold(f.Name, name) {
			return true
		}
	}
	return false
}

// method returns the request method of ex; an empty one is GET.
func method(ex *probe.Exchange) string {
	if ex.Request.Method == "" {
		return "GET"
	}
	return ex.Request.Method
}

// requestHTTP10 reports whether the request was written as HTTP/1.0 (or older). An exchange
// built offline carries no request bytes and counts as HTTP/1.1.
func requestHTTP10(ex *probe.Exchange) bool {
	line, _, _ := strings.Cut(string(ex.Request.Bytes), "\n")
	line = strings.TrimRight(line, "\r")
	i := strings.LastIndexByte(line, ' ')
	if i < 0 {
		return false
	}
	switch line[i+1:] {
	case "HTTP/1.0", "HTTP/0.9":
		return true
	}
	return false
}

// mediaType returns the lower-case media type of r's Content-Type (without parameters), its
// parameters (nil when they do not parse) and the field's index; the index is -1 when there is
// no Content-Type.
func mediaType(r *probe.Response) (string, map[string]string, int) {
	i := first(r, "Content-Type")
	if i < 0 {
		return "", nil, -1
	}
	v := r.Header[i].Value
	mt, _, _ := strings.Cut(v, ";")
	// mime.ParseMediaType lowers the type with strings.ToLower before it checks it, which
	// turns "K" (U+212A) into "k": a type that is not ASCII does not go through it.
	if isASCII(mt) {
		if mt, params, err := mime.ParseMediaType(v); err == nil {
			return mt, params, i
		}
	}
	return probe.LowerASCII(strings.Trim(mt, " \t")), nil, i
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isJSON reports whether the media type mt is JSON: application/json or any type with the
// +json structured syntax suffix.
func isJSON(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// badTokenByte returns the index of the first byte of s that is not a tchar (RFC 9110 §5.6.2),
// or -1.
func badTokenByte(s string) int {
	for i := 0; i < len(s); i++ {
		if !isTchar(s[i]) {
			return i
		}
	}
	return -1
}

// isTchar reports whether c may appear in a token.
func isTchar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// isDigits reports whether s is 1*DIGIT.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// imfFixdate is the layout of the preferred HTTP date format (RFC 9110 §5.6.7).
const imfFixdate = "Mon, 02 Jan 2006 15:04:05 GMT"

// isIMFFixdate reports whether s is an IMF-fixdate, exactly: a valid date whose day name
// matches it, written with every field at its fixed width.
func isIMFFixdate(s string) bool {
	t, err := time.Parse(imfFixdate, s)
	return err == nil && t.Format(imfFixdate) == s
}

// isObsoleteHTTPDate reports whether s is an HTTP-date in one of the two obsolete formats that
// recipients must still accept: RFC 850's or asctime's (RFC 9110 §5.6.7).
func isObsoleteHTTPDate(s string) bool {
	for _, layout := range []string{"Monday, 02-Jan-06 15:04:05 GMT", "Mon Jan _2 15:04:05 2006"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// codeText writes a status code for a message: "204", or "invalid" when it was not three digits.
func codeText(code int) string {
	if code < 0 {
		return "invalid"
	}
	return strconv.Itoa(code)
}

// isBodyless reports whether code is a status whose responses never have content:
// 1xx, 204 and 304.
func isBodyless(code int) bool {
	return code >= 100 && code < 200 || code == 204 || code == 304
}

// requestValue returns the value of the first field named name that the request carried.
func requestValue(ex *probe.Exchange, name string) (string, bool) {
	for _, f := range ex.Request.Header {
		if probe.EqualFold(f.Name, name) {
			return f.Value, true
		}
	}
	return "", false
}
