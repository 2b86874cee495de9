package probe

import (
	"strconv"
	"strings"
)

// frame decides how the body of the final response resp is delimited, following RFC 9112 §6.3
// as a lenient recipient: no body for 1xx, 204, 304, a response to HEAD and a 2xx to CONNECT;
// Transfer-Encoding wins over Content-Length; a transfer coding other than chunked last, or a
// Content-Length that is invalid or given twice with different values, leaves the body to run
// until the server closes the connection.
func frame(resp *Response, method string) {
	resp.DeclaredLength = -1
	code := resp.Status.Code
	switch {
	case method == "HEAD", code >= 100 && code < 200, code == 204, code == 304,
		method == "CONNECT" && code >= 200 && code < 300:
		resp.Framing = FramingNone
		return
	}
	if codings := listValues(resp, "Transfer-Encoding"); len(codings) > 0 {
		if EqualFold(codings[len(codings)-1], "chunked") {
			resp.Framing = FramingChunked
		} else {
			resp.Framing = FramingClose
		}
		return
	}
	if n, ok := contentLength(resp); ok {
		resp.Framing = FramingLength
		resp.DeclaredLength = n
		return
	}
	resp.Framing = FramingClose
}

// listValues returns the comma-separated members of every field named name, in order, without
// empty members.
func listValues(resp *Response, name string) []string {
	var out []string
	for _, i := range resp.Values(name) {
		for v := range strings.SplitSeq(resp.Header[i].Value, ",") {
			if v = trimOWS(v); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// contentLength returns the length the Content-Length fields agree on. It fails when there is
// no such field, when a value is not 1*DIGIT (or does not fit in an int64) or when the values differ; a list of the same value
// repeated ("5, 5") is accepted, as RFC 9110 §8.6 allows.
func contentLength(resp *Response) (int64, bool) {
	n := int64(-1)
	for _, i := range resp.Values("Content-Length") {
		for v := range strings.SplitSeq(resp.Header[i].Value, ",") {
			v = trimOWS(v)
			m, ok := parseDigits(v)
			if !ok || (n >= 0 && m != n) {
				return -1, false
			}
			n = m
		}
	}
	return n, n >= 0
}

// parseDigits parses 1*DIGIT into an int64.
func parseDigits(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
