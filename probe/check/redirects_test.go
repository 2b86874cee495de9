package check

// redirect is a redirect with the status line and Location given.
func redirect(status, location string, more ...string) string {
	lines := append([]string{status, date, "Location: " + location}, more...)
	return crlf(append(lines, "Content-Length: 0", "", "")...)
}

func redirectCases() []ruleCase {
	loc := atHeader(1, "Location")
	return []ruleCase{
		// D1
		{id: "D1", name: "302 after POST", method: "POST", stream: redirect("HTTP/1.1 302 Found", "/done"), want: fires(Info, atStatus())},
		{id: "D1", name: "301 after POST", method: "POST", stream: redirect("HTTP/1.1 301 Moved Permanently", "/new"), want: fires(Info, atStatus())},
		{id: "D1", name: "303 after POST", method: "POST", stream: redirect("HTTP/1.1 303 See Other", "/done")},
		{id: "D1", name: "307 after POST", method: "POST", stream: redirect("HTTP/1.1 307 Temporary Redirect", "/again")},
		{id: "D1", name: "302 after GET", stream: redirect("HTTP/1.1 302 Found", "/login")},
		// D2
		{id: "D2", name: "to itself, relative", stream: redirect("HTTP/1.1 301 Moved Permanently", "/a?x=1"),
			setup: asked("http://h/a?x=1"), want: fires(Warning, loc)},
		{id: "D2", name: "to itself, absolute, default port, fragment", stream: redirect("HTTP/1.1 302 Found", "HTTP://H:80/a#top"),
			setup: asked("http://h/a"), want: fires(Warning, loc)},
		{id: "D2", name: "307 to itself after POST", method: "POST", stream: redirect("HTTP/1.1 307 Temporary Redirect", "/a"),
			setup: asked("http://h/a"), want: fires(Warning, loc)},
		{id: "D2", name: "to itself with Set-Cookie", stream: redirect("HTTP/1.1 302 Found", "/a", "Set-Cookie: seen=1"),
			setup: asked("http://h/a"), want: fires(Info, loc)},
		{id: "D2", name: "303 after POST to the same URI (POST/redirect/GET)", method: "POST", stream: redirect("HTTP/1.1 303 See Other", "/a"),
			setup: asked("http://h/a")},
		{id: "D2", name: "302 after POST to the same URI", method: "POST", stream: redirect("HTTP/1.1 302 Found", "/a"), setup: asked("http://h/a")},
		{id: "D2", name: "to https", stream: redirect("HTTP/1.1 301 Moved Permanently", "https://h/a"), setup: asked("http://h/a")},
		{id: "D2", name: "trailing slash", stream: redirect("HTTP/1.1 301 Moved Permanently", "/dir/"), setup: asked("http://h/dir")},
		{id: "D2", name: "other query", stream: redirect("HTTP/1.1 302 Found", "/a?page=2"), setup: asked("http://h/a?page=1")},
		{id: "D2", name: "built offline", stream: redirect("HTTP/1.1 302 Found", "/a")},
		// D3
		{id: "D3", name: "200 with Location", stream: crlf("HTTP/1.1 200 OK", date, "Location: /next", "Content-Length: 0", "", ""),
			want: fires(Info, atHeader(1, "Location"))},
		{id: "D3", name: "201 with Location", stream: crlf("HTTP/1.1 201 Created", date, "Location: /items/1", "Content-Length: 0", "", "")},
		{id: "D3", name: "202 with Location", stream: crlf("HTTP/1.1 202 Accepted", date, "Location: /jobs/1", "Content-Length: 0", "", "")},
		{id: "D3", name: "302 with Location", stream: redirect("HTTP/1.1 302 Found", "/login")},
		// D4
		{id: "D4", name: "305", stream: redirect("HTTP/1.1 305 Use Proxy", "http://proxy:3128/"), want: fires(Warning, atStatus())},
		{id: "D4", name: "306", stream: redirect("HTTP/1.1 306 Switch Proxy", "/"), want: fires(Warning, atStatus())},
		{id: "D4", name: "307", stream: redirect("HTTP/1.1 307 Temporary Redirect", "/")},
	}
}
