package check

// challenged is a response with the status line and one challenge field.
func challenged(status, field string) string {
	return withBody(crlf(status, date, field, "Content-Type: text/plain", "Content-Length: "), "Log in.\n")
}

func authCases() []ruleCase {
	wa := atHeader(1, "WWW-Authenticate")
	s401 := "HTTP/1.1 401 Unauthorized"
	return []ruleCase{
		// A1
		{id: "A1", name: "no comma between parameters", stream: challenged(s401, `WWW-Authenticate: Basic realm="x" charset=UTF-8`), want: fires(Error, wa)},
		{id: "A1", name: "parameter without a value", stream: challenged(s401, `WWW-Authenticate: Digest realm=, nonce="n"`), want: fires(Error, wa)},
		{id: "A1", name: "realm= alone is a token68", stream: challenged(s401, `WWW-Authenticate: Basic realm=`)},
		{id: "A1", name: "unterminated quoted string", stream: challenged(s401, `WWW-Authenticate: Basic realm="site`), want: fires(Error, wa)},
		{id: "A1", name: "value with a space, unquoted", stream: challenged(s401, `WWW-Authenticate: Basic realm=my site`), want: fires(Error, wa)},
		{id: "A1", name: "no auth-scheme", stream: challenged(s401, `WWW-Authenticate: realm="x"`), want: fires(Error, wa)},
		{id: "A1", name: "bad Proxy-Authenticate", stream: challenged("HTTP/1.1 407 Proxy Authentication Required", `Proxy-Authenticate: Basic realm=""proxy""`),
			want: fires(Error, atHeader(1, "Proxy-Authenticate"))},
		{id: "A1", name: "Basic", stream: challenged(s401, `WWW-Authenticate: Basic realm="Restricted", charset="UTF-8"`)},
		{id: "A1", name: "two challenges in one field", stream: challenged(s401,
			`WWW-Authenticate: Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`)},
		{id: "A1", name: "token68 and a scheme alone", stream: challenged(s401, `WWW-Authenticate: Negotiate, NTLM TlRMTVNTUAACAAAA==`)},
		{id: "A1", name: "Bearer with an error", stream: challenged(s401,
			`WWW-Authenticate: Bearer realm="example", error="invalid_token", error_description="The access token expired"`)},
		{id: "A1", name: "spaces around the equals sign", stream: challenged(s401, `WWW-Authenticate: Digest realm = "x", nonce="n", qop="auth"`)},
		// A2
		{id: "A2", name: "Basic without realm", stream: challenged(s401, `WWW-Authenticate: Basic`), want: fires(Error, wa)},
		{id: "A2", name: "Basic with another charset", stream: challenged(s401, `WWW-Authenticate: Basic realm="x", charset="ISO-8859-1"`), want: fires(Error, wa)},
		{id: "A2", name: "Basic with realm", stream: challenged(s401, `WWW-Authenticate: basic REALM="x"`)},
		{id: "A2", name: "Bearer without realm", stream: challenged(s401, `WWW-Authenticate: Bearer`)},
		// A3
		{id: "A3", name: "insufficient_scope on a 401", stream: challenged(s401, `WWW-Authenticate: Bearer error="insufficient_scope", scope="read"`),
			want: fires(Warning, wa)},
		{id: "A3", name: "invalid_token on a 403", stream: challenged("HTTP/1.1 403 Forbidden", `WWW-Authenticate: Bearer error="invalid_token"`),
			want: fires(Warning, wa)},
		{id: "A3", name: "unknown error code", stream: challenged(s401, `WWW-Authenticate: Bearer error="expired"`), want: fires(Info, wa)},
		{id: "A3", name: "invalid_token on a 401", stream: challenged(s401, `WWW-Authenticate: Bearer realm="api", error="invalid_token"`)},
		{id: "A3", name: "insufficient_scope on a 403", stream: challenged("HTTP/1.1 403 Forbidden", `WWW-Authenticate: Bearer error="insufficient_scope"`)},
		// A4
		{id: "A4", name: "Basic on a 403", stream: challenged("HTTP/1.1 403 Forbidden", `WWW-Authenticate: Basic realm="x"`), want: fires(Info, wa)},
		{id: "A4", name: "Bearer insufficient_scope on a 403", stream: challenged("HTTP/1.1 403 Forbidden", `WWW-Authenticate: Bearer error="insufficient_scope"`)},
		{id: "A4", name: "Basic on a 401", stream: challenged(s401, `WWW-Authenticate: Basic realm="x"`)},
		// A5
		{id: "A5", name: "realm twice", stream: challenged(s401, `WWW-Authenticate: Basic realm="a", Realm="b"`), want: fires(Error, wa)},
		{id: "A5", name: "realm in two challenges", stream: challenged(s401, `WWW-Authenticate: Basic realm="a", Bearer realm="a"`)},
	}
}
