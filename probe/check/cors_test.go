package check

import (
	"slices"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

// requested makes the exchange's request one that was sent with the given fields, each
// "Name: value".
func requested(fields ...string) func(*probe.Exchange) {
	return func(ex *probe.Exchange) {
		var b strings.Builder
		b.WriteString(method(ex) + " / HTTP/1.1\r\nHost: h\r\n")
		ex.Request.Header = []probe.Field{{Name: "Host", Value: "h", Line: -1}}
		for _, f := range fields {
			name, value, _ := strings.Cut(f, ": ")
			ex.Request.Header = append(ex.Request.Header, probe.Field{Name: name, Value: value, Line: -1})
			b.WriteString(f + "\r\n")
		}
		ex.Request.Bytes = []byte(b.String() + "\r\n")
	}
}

// preflight is a CORS preflight from http://a.test for method, with the request headers
// given (none when empty).
func preflight(method, headers string) func(*probe.Exchange) {
	fields := []string{"Origin: http://a.test", "Access-Control-Request-Method: " + method}
	if headers != "" {
		fields = append(fields, "Access-Control-Request-Headers: "+headers)
	}
	return requested(fields...)
}

// fromA is a CORS request from http://a.test.
var fromA = requested("Origin: http://a.test")

// preflight204 is a 204 answer to a preflight with the given fields after Date.
func preflight204(fields ...string) string {
	return head(append([]string{"HTTP/1.1 204 No Content", date}, fields...)...)
}

// corsOK is a correct answer to a CORS GET from http://a.test.
var corsOK = head("HTTP/1.1 200 OK", date, "Access-Control-Allow-Origin: http://a.test", "Vary: Origin",
	"Content-Type: text/plain", "Content-Length: 5") + "hello"

// corsCases are the cases of the CORS rules.
func corsCases() []ruleCase {
	allowA := "Access-Control-Allow-Origin: http://a.test"
	return []ruleCase{
		// C1
		{id: "C1", name: "PUT not in Allow-Methods", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: GET, POST"), want: fires(Error, atHeader(3, "Access-Control-Allow-Methods"))},
		{id: "C1", name: "no Allow-Methods", method: "OPTIONS", setup: preflight("DELETE", ""),
			stream: preflight204(allowA, "Vary: Origin"), want: fires(Error, atMessage())},
		{id: "C1", name: "* with credentials", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Methods: *"),
			want:   fires(Warning, atHeader(4, "Access-Control-Allow-Methods"))},
		{id: "C1", name: "PUT allowed", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE")},
		{id: "C1", name: "* without credentials", method: "OPTIONS", setup: preflight("PATCH", ""),
			stream: preflight204("Access-Control-Allow-Origin: *", "Access-Control-Allow-Methods: *")},
		{id: "C1", name: "safelisted method needs no listing", method: "OPTIONS", setup: preflight("POST", "content-type"),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Headers: content-type")},
		{id: "C1", name: "origin not allowed is C12's", method: "OPTIONS", setup: preflight("PUT", ""), stream: preflight204()},
		{id: "C1", name: "not a preflight", method: "PUT", setup: fromA, stream: corsOK},
		{id: "C1", name: "space-separated methods are C7's", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: GET POST")},
		// C2
		{id: "C2", name: "header not allowed", method: "OPTIONS", setup: preflight("PUT", "x-token, content-type"),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Access-Control-Allow-Headers: Content-Type"),
			want:   fires(Error, atHeader(4, "Access-Control-Allow-Headers"))},
		{id: "C2", name: "no Allow-Headers", method: "OPTIONS", setup: preflight("GET", "authorization"),
			stream: preflight204(allowA, "Vary: Origin"), want: fires(Error, atMessage())},
		{id: "C2", name: "* does not cover Authorization", method: "OPTIONS", setup: preflight("GET", "authorization"),
			stream: preflight204("Access-Control-Allow-Origin: *", "Access-Control-Allow-Headers: *"), want: fires(Error, atHeader(2, "Access-Control-Allow-Headers"))},
		{id: "C2", name: "* with credentials", method: "OPTIONS", setup: preflight("GET", "x-token"),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Headers: *"),
			want:   fires(Warning, atHeader(4, "Access-Control-Allow-Headers"))},
		{id: "C2", name: "* with credentials, Authorization missing", method: "OPTIONS", setup: preflight("GET", "x-token, authorization"),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Headers: *"),
			want:   fires(Error, atHeader(4, "Access-Control-Allow-Headers"))},
		{id: "C2", name: "allowed in another case", method: "OPTIONS", setup: preflight("PUT", "x-token,content-type"),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Access-Control-Allow-Headers: Content-Type, X-Token")},
		{id: "C2", name: "* covers other names", method: "OPTIONS", setup: preflight("GET", "x-token"),
			stream: preflight204("Access-Control-Allow-Origin: *", "Access-Control-Allow-Headers: *")},
		// C3
		{id: "C3", name: "preflight answered 401 with CORS fields", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: head("HTTP/1.1 401 Unauthorized", date, allowA, "WWW-Authenticate: Bearer", "Content-Length: 0"), want: fires(Error, atStatus())},
		{id: "C3", name: "preflight answered 301 with CORS fields", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: head("HTTP/1.1 301 Moved Permanently", date, allowA, "Location: /b", "Content-Length: 0"), want: fires(Error, atStatus())},
		{id: "C3", name: "preflight answered 501 by a server without CORS", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: head("HTTP/1.1 501 Not Implemented", date, "Content-Length: 0"), want: fires(Info, atStatus())},
		{id: "C3", name: "preflight answered 204", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: PUT")},
		{id: "C3", name: "OPTIONS without Access-Control-Request-Method", method: "OPTIONS", setup: fromA,
			stream: head("HTTP/1.1 405 Method Not Allowed", date, "Allow: GET", "Content-Length: 0")},
		// C4
		{id: "C4", name: "* with credentials", setup: fromA, want: fires(Error, atHeader(1, "Access-Control-Allow-Origin")),
			stream: head("HTTP/1.1 200 OK", date, "Access-Control-Allow-Origin: *", "Access-Control-Allow-Credentials: true", "Content-Length: 0")},
		{id: "C4", name: "echoed origin with credentials", setup: fromA,
			stream: head("HTTP/1.1 200 OK", date, allowA, "Vary: Origin", "Access-Control-Allow-Credentials: true", "Content-Length: 0")},
		{id: "C4", name: "no Origin, no CORS judgement",
			stream: head("HTTP/1.1 200 OK", date, "Access-Control-Allow-Origin: *", "Access-Control-Allow-Credentials: true", "Content-Length: 0")},
		// C5
		{id: "C5", name: "two origins in one field", setup: fromA, want: fires(Error, atHeader(1, "Access-Control-Allow-Origin")),
			stream: head("HTTP/1.1 200 OK", date, "Access-Control-Allow-Origin: http://a.test, http://b.test", "Vary: Origin", "Content-Length: 0")},
		{id: "C5", name: "two fields", setup: fromA, want: fires(Error, atHeader(3, "Access-Control-Allow-Origin")),
			stream: head("HTTP/1.1 200 OK", date, allowA, "Vary: Origin", "Access-Control-Allow-Origin: *", "Content-Length: 0")},
		{id: "C5", name: "trailing slash", setup: fromA, want: fires(Error, atHeader(1, "Access-Control-Allow-Origin")),
			stream: head("HTTP/1.1 200 OK", date, "Access-Control-Allow-Origin: http://a.test/", "Content-Length: 0")},
		{id: "C5", name: "one origin with a port", setup: fromA,
			stream: head("HTTP/1.1 200 OK", date, "Access-Control-Allow-Origin: https://b.test:8443", "Content-Length: 0")},
		{id: "C5", name: "null", setup: fromA, stream: head("HTTP/1.1 200 OK", date, "Access-Control-Allow-Origin: null", "Content-Length: 0")},
		{id: "C5", name: "two origins, no Origin sent",
			stream: head("HTTP/1.1 200 OK", date, "Access-Control-Allow-Origin: http://a.test, http://b.test", "Content-Length: 0")},
		// C6
		{id: "C6", name: "True in capitals", setup: fromA, want: fires(Warning, atHeader(3, "Access-Control-Allow-Credentials")),
			stream: head("HTTP/1.1 200 OK", date, allowA, "Vary: Origin", "Access-Control-Allow-Credentials: True", "Content-Length: 0")},
		{id: "C6", name: "false", setup: fromA, want: fires(Warning, atHeader(3, "Access-Control-Allow-Credentials")),
			stream: head("HTTP/1.1 200 OK", date, allowA, "Vary: Origin", "Access-Control-Allow-Credentials: false", "Content-Length: 0")},
		{id: "C6", name: "true", setup: fromA,
			stream: head("HTTP/1.1 200 OK", date, allowA, "Vary: Origin", "Access-Control-Allow-Credentials: true", "Content-Length: 0")},
		// C7
		{id: "C7", name: "space-separated methods", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: GET PUT"), want: fires(Error, atHeader(3, "Access-Control-Allow-Methods"))},
		{id: "C7", name: "space-separated headers", method: "OPTIONS", setup: preflight("PUT", "x-a"),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Access-Control-Allow-Headers: X-A X-B"),
			want:   fires(Error, atHeader(4, "Access-Control-Allow-Headers"))},
		{id: "C7", name: "comma-separated", method: "OPTIONS", setup: preflight("PUT", "x-a"),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: GET,PUT", "Access-Control-Allow-Headers: X-A, X-B,")},
		// C8
		{id: "C8", name: "echo without Vary", setup: fromA, want: fires(Info, atHeader(1, "Access-Control-Allow-Origin")),
			stream: head("HTTP/1.1 200 OK", date, allowA, "Content-Type: text/plain", "Content-Length: 5") + "hello"},
		{id: "C8", name: "echo with Vary among others", setup: fromA,
			stream: head("HTTP/1.1 200 OK", date, allowA, "Vary: Accept-Encoding, origin", "Content-Type: text/plain", "Content-Length: 5") + "hello"},
		{id: "C8", name: "*", setup: fromA, stream: head("HTTP/1.1 200 OK", date, "Access-Control-Allow-Origin: *", "Content-Length: 0")},
		// C9
		{id: "C9", name: "negative", method: "OPTIONS", setup: preflight("PUT", ""), want: fires(Warning, atHeader(4, "Access-Control-Max-Age")),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: -1")},
		{id: "C9", name: "with a unit", method: "OPTIONS", setup: preflight("PUT", ""), want: fires(Warning, atHeader(4, "Access-Control-Max-Age")),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 10m")},
		{id: "C9", name: "seconds", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 600")},
		// C10
		{id: "C10", name: "a week", method: "OPTIONS", setup: preflight("PUT", ""), want: fires(Info, atHeader(4, "Access-Control-Max-Age")),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 604800")},
		{id: "C10", name: "more digits than a number holds", method: "OPTIONS", setup: preflight("PUT", ""), want: fires(Info, atHeader(4, "Access-Control-Max-Age")),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 99999999999999999999999")},
		{id: "C10", name: "two hours", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: preflight204(allowA, "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 7200")},
		// C11
		{id: "C11", name: "preflight with a body", method: "OPTIONS", setup: preflight("PUT", ""), want: fires(Info, Location{Where: AtBody, End: 2}),
			stream: head("HTTP/1.1 200 OK", date, allowA, "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Content-Type: text/plain", "Content-Length: 2") + "OK"},
		{id: "C11", name: "OPTIONS that is not a preflight", method: "OPTIONS",
			stream: head("HTTP/1.1 200 OK", date, "Allow: GET, OPTIONS", "Content-Type: text/plain", "Content-Length: 2") + "OK"},
		{id: "C11", name: "error page of a failed preflight is C3's", method: "OPTIONS", setup: preflight("PUT", ""),
			stream: head("HTTP/1.1 401 Unauthorized", date, allowA, "Content-Type: text/plain", "Content-Length: 2") + "no"},
		// C12
		{id: "C12", name: "no Allow-Origin", setup: fromA, want: fires(Info, atMessage()), stream: ok},
		{id: "C12", name: "another origin", setup: fromA, want: fires(Info, atHeader(1, "Access-Control-Allow-Origin")),
			stream: head("HTTP/1.1 200 OK", date, "Access-Control-Allow-Origin: https://app.test", "Content-Length: 0")},
		{id: "C12", name: "allowed", setup: fromA, stream: corsOK},
		{id: "C12", name: "no Origin sent", stream: ok},
	}
}

// TestNoCORSFindingWithoutOrigin: a request without Origin is not a CORS request. Every
// response of the CORS cases, sent to the same request without its Origin, gets no finding of
// a CORS rule.
func TestNoCORSFindingWithoutOrigin(t *testing.T) {
	for _, tc := range corsCases() {
		ex := parse(t, tc.stream, tc.method)
		if tc.setup != nil {
			tc.setup(ex)
		}
		ex.Request.Header = slices.DeleteFunc(ex.Request.Header, func(f probe.Field) bool { return probe.EqualFold(f.Name, "Origin") })
		for _, f := range Run(ex) {
			if strings.HasPrefix(f.ID, "C") {
				t.Errorf("%s/%s without Origin: %s %s", tc.id, tc.name, f.ID, f.Message)
			}
		}
	}
}
