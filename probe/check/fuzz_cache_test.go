package check

import (
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// FuzzCORSAndCachingFields runs the whole catalog on a response whose CORS and caching fields
// hold arbitrary values, answering a request with arbitrary CORS and conditional fields: no
// panic, and every message one line safe for a terminal.
func FuzzCORSAndCachingFields(f *testing.F) {
	f.Add("OPTIONS", "http://a.test", "PUT", "x-a, authorization", `"v1"`, "http://a.test", "GET PUT", "-1", `W/"v1"`,
		`max-age="60", no-store, private="a, b`, "Wed, 25 Nov 2026 10:00:00 GMT", "0", "-5", "304")
	f.Add("GET", "null", "", "", "*", "*", "*", "99999999999999999999", "abc", `no-cache="x\"`, "x", "tomorrow", "1.5", "412")
	f.Fuzz(func(t *testing.T, method, origin, acrm, acrh, inm, acao, acam, maxAge, etag, cc, lm, expires, age, code string) {
		if len(code) != 3 {
			code = "200"
		}
		fields := []string{"Access-Control-Allow-Origin: " + acao, "Access-Control-Allow-Methods: " + acam,
			"Access-Control-Allow-Headers: " + acrh, "Access-Control-Max-Age: " + maxAge, "Access-Control-Allow-Credentials: " + origin,
			"ETag: " + etag, "Cache-Control: " + cc, "Last-Modified: " + lm, "Expires: " + expires, "Age: " + age}
		for _, v := range fields {
			if strings.ContainsAny(v, "\r\n") {
				return
			}
		}
		ex := probe.Parse([]byte(head(append([]string{"HTTP/1.1 " + code + " X", date}, fields...)...)), "GET")
		if ex.Err != nil || ex.Response == nil {
			return
		}
		ex.Request.Method = method
		requested("Origin: "+origin, "Access-Control-Request-Method: "+acrm, "Access-Control-Request-Headers: "+acrh,
			"If-None-Match: "+inm, "If-Modified-Since: "+lm)(ex)
		for _, fd := range Run(ex) {
			if fd.Message == "" || strings.Contains(fd.Message, "\n") || !termsafe.Safe(fd.Message, termsafe.Line) {
				t.Fatalf("%s: message %q is not one safe line", fd.ID, fd.Message)
			}
		}
	})
}
