package check

func encodingCases() []ruleCase {
	okJSON := gz(`{"ok":true}`)
	twice := gz(okJSON)
	ce := atHeader(2, "Content-Encoding")
	vary := func(fields ...string) string {
		lines := append([]string{"HTTP/1.1 200 OK", date, "Content-Encoding: gzip", "Content-Type: application/json"}, fields...)
		return withBody(crlf(append(lines, "Content-Length: ")...), okJSON)
	}
	return []ruleCase{
		// E3
		{id: "E3", name: "gzip on a 204", stream: crlf("HTTP/1.1 204 No Content", date, "Content-Encoding: gzip", "", ""), want: fires(Info, atHeader(1, "Content-Encoding"))},
		{id: "E3", name: "plain 204", stream: crlf("HTTP/1.1 204 No Content", date, "", "")},
		// E4
		{id: "E4", name: "gzip twice in one field", stream: coded("gzip, gzip", twice), want: fires(Warning, ce)},
		{id: "E4", name: "gzip in two fields", stream: withBody(crlf("HTTP/1.1 200 OK", date, "Content-Encoding: gzip",
			"Content-Type: application/json", "Content-Encoding: gzip", "Vary: Accept-Encoding", "Content-Length: "), twice),
			want: fires(Warning, atHeader(3, "Content-Encoding"))},
		{id: "E4", name: "gzip then br", stream: coded("gzip, br", okJSON)},
		// E5
		{id: "E5", name: "no Vary, no freshness: heuristics only", stream: vary(), want: fires(Info, atHeader(1, "Content-Encoding"))},
		{id: "E5", name: "no Vary, shared caches invited", stream: vary("Cache-Control: public, max-age=60"), want: fires(Warning, atHeader(1, "Content-Encoding"))},
		{id: "E5", name: "no Vary, an Expires", stream: vary("Expires: Thu, 01 Jan 2099 00:00:00 GMT"), want: fires(Warning, atHeader(1, "Content-Encoding"))},
		{id: "E5", name: "Vary on something else", stream: vary("Vary: Origin", "Cache-Control: max-age=60"), want: fires(Warning, atHeader(1, "Content-Encoding"))},
		{id: "E5", name: "private", stream: vary("Cache-Control: private, max-age=60"), want: fires(Info, atHeader(1, "Content-Encoding"))},
		{id: "E5", name: "Vary: Accept-Encoding", stream: vary("Vary: Origin, accept-encoding")},
		{id: "E5", name: "Vary: *", stream: vary("Vary: *")},
		{id: "E5", name: "asked with Accept-Encoding", stream: vary("Cache-Control: s-maxage=60"), setup: sent("gzip, br"), want: fires(Warning, atHeader(1, "Content-Encoding"))},
		{id: "E5", name: "coded for a request without Accept-Encoding: nothing varies", stream: vary(), setup: sent()},
		{id: "E5", name: "identity", stream: withBody(crlf("HTTP/1.1 200 OK", date, "Content-Encoding: identity", "Content-Type: text/plain", "Content-Length: "), "hi")},
		// E6
		{id: "E6", name: "coded 206", stream: withBody(crlf("HTTP/1.1 206 Partial Content", date, "Content-Type: text/plain",
			"Content-Encoding: gzip", "Content-Range: bytes 0-3/31", "Content-Length: "), okJSON[:4]), want: fires(Info, atHeader(2, "Content-Encoding"))},
		{id: "E6", name: "plain 206", stream: partial("bytes 0-4/40", "Hello")},
	}
}
