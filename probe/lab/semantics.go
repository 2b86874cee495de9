package lab

import (
	"net/http"
	"strconv"
	"strings"
)

// The scenarios of this file break the rules on ranges, redirects, authentication challenges
// and content codings that one response can show, each next to a correct twin.

// Request fields of the range scenarios.
const (
	rangeFirst16 = "Range: bytes=0-15"
	rangeTwo     = "Range: bytes=0-3,10-13"
	acceptGzip   = "Accept-Encoding: gzip"
)

// gzipJSON is codingJSON in gzip, as the coded scenarios send it.
func gzipJSON() string { return string(encoders["gzip"]([]byte(codingJSON))) }

// semanticScenarios returns the scenarios of this file.
func semanticScenarios() []Scenario {
	gz := gzipJSON()
	return []Scenario{
		{Path: "/ranges", Code: 200, Twin: "/ranges/accept-none", serve: ranged,
			Description: "a correct 200 with Accept-Ranges: bytes, that answers a Range with a 206 (try -H 'Range: bytes=0-9')"},
		{Path: "/ranges/accept-none", Code: 200, Rules: []string{"R4"}, GoClient: both(ClientOK), Twin: "/ranges",
			Description: `200 with Accept-Ranges: bytes, none, "none" beside a range unit`,
			raw:         rawBody("200 OK", []string{textPlain, "Accept-Ranges: bytes, none"}, partialText)},
		{Path: "/ranges/content-range", Code: 200, Rules: []string{"R7"}, GoClient: both(ClientOK), Twin: "/ranges",
			Description: "200 with the whole text and a Content-Range, which a 200 gives no meaning (worth knowing)",
			raw:         rawBody("200 OK", []string{textPlain, "Content-Range: bytes 0-36/37"}, partialText)},
		{Path: "/206/bad-content-range", Headers: []string{rangeFirst16}, Code: 206, Rules: []string{"R1"}, GoClient: both(ClientOK), Twin: "/206",
			Description: `206 with Content-Range: bytes 0-15, without the "/" and the complete length`,
			raw:         rawBody("206 Partial Content", []string{textPlain, "Content-Range: bytes 0-15"}, partialText[:16])},
		{Path: "/206/wrong-length", Headers: []string{rangeFirst16}, Code: 206, Rules: []string{"R2"}, GoClient: both(ClientOK), Twin: "/206",
			Description: "206 whose Content-Range names bytes 0-15 (16 bytes) while it sends 10",
			raw:         rawBody("206 Partial Content", []string{textPlain, "Content-Range: bytes 0-15/37"}, partialText[:10])},
		{Path: "/206/multipart-bad-part", Headers: []string{rangeTwo}, Code: 206, Rules: []string{"R3"}, GoClient: both(ClientOK), Twin: "/206/multipart",
			Description: "a multipart/byteranges 206 whose second part has no Content-Range",
			raw:         rawBody("206 Partial Content", []string{"Content-Type: multipart/byteranges; boundary=LAB"}, multipartNoRange)},
		{Path: "/206/unasked", Code: 206, Rules: []string{"R5"}, GoClient: both(ClientOK), Twin: "/206",
			Description: "a 206 of bytes 0-15 to a request without Range, which may take the part for the whole (worth knowing)",
			serve:       partial},
		{Path: "/206/other-range", Headers: []string{"Range: bytes=10-15"}, Code: 206, Rules: []string{"R6"}, GoClient: both(ClientOK), Twin: "/206",
			Description: "a 206 of bytes 0-15 to Range: bytes=10-15",
			raw:         rawBody("206 Partial Content", []string{textPlain, "Content-Range: bytes 0-15/37"}, partialText[:16])},

		{Path: "/303", Methods: []string{"POST"}, Code: 303, Twin: "/302/post", serve: redirectTo(http.StatusSeeOther),
			Description: "a correct 303 See Other to a POST with Location: /200, to be fetched with GET"},
		{Path: "/302/post", Methods: []string{"POST"}, Code: 302, Rules: []string{"D1"}, GoClient: both(ClientOK), Twin: "/303",
			Description: "a 302 to a POST: clients follow it with a GET and drop the body, where 303 says so and 307 keeps the POST (worth knowing)",
			serve:       redirectTo(http.StatusFound)},
		{Path: "/302/itself", Code: 302, Rules: []string{"D2"}, GoClient: both(ClientOK), Twin: "/302",
			Description: "a 302 whose Location is its own path: a client that follows it loops",
			raw:         rawBody("302 Found", []string{textPlain, "Location: /302/itself"}, "See /302/itself.\n")},
		{Path: "/200/location", Code: 200, Rules: []string{"D3"}, GoClient: both(ClientOK), Twin: "/200",
			Description: "a 200 with a Location, which clients do not follow on a 200 (worth knowing)",
			serve:       fixed(http.StatusOK, "Location: /elsewhere")},
		{Path: "/305", Code: 305, Rules: []string{"D4"}, GoClient: both(ClientOK), Twin: "/307",
			Description: "305 Use Proxy, deprecated: clients do not use the proxy its Location names",
			raw:         rawBody("305 Use Proxy", []string{textPlain, "Location: http://proxy.test:3128/"}, "Use the proxy.\n")},

		{Path: "/401/bad-challenge", Code: 401, Rules: []string{"A1"}, GoClient: both(ClientOK), Twin: "/401",
			Description: `401 with WWW-Authenticate: Basic realm="hsx lab, whose quoted string never ends`,
			raw:         rawBody("401 Unauthorized", []string{textPlain, `WWW-Authenticate: Basic realm="hsx lab`}, "Log in first.\n")},
		{Path: "/401/no-realm", Code: 401, Rules: []string{"A2"}, GoClient: both(ClientOK), Twin: "/401",
			Description: "401 with WWW-Authenticate: Basic, without the realm Basic requires",
			serve:       challenge(http.StatusUnauthorized, "Basic")},
		{Path: "/401/bearer", Code: 401, Twin: "/401/bearer-scope", serve: challenge(http.StatusUnauthorized, `Bearer realm="hsx lab", error="invalid_token"`),
			Description: `a correct 401 for an expired token: WWW-Authenticate: Bearer … error="invalid_token"`},
		{Path: "/401/bearer-scope", Code: 401, Rules: []string{"A3"}, GoClient: both(ClientOK), Twin: "/401/bearer",
			Description: `401 with a Bearer error="insufficient_scope", which goes with a 403`,
			serve:       challenge(http.StatusUnauthorized, `Bearer realm="hsx lab", error="insufficient_scope"`)},
		{Path: "/403/challenge", Code: 403, Rules: []string{"A4"}, GoClient: both(ClientOK), Twin: "/401",
			Description: "403 with a Basic challenge, which clients do not answer on a 403 (worth knowing)",
			serve:       challenge(http.StatusForbidden, `Basic realm="hsx lab"`)},
		{Path: "/401/repeated-param", Code: 401, Rules: []string{"A5"}, GoClient: both(ClientOK), Twin: "/401",
			Description: `401 with WWW-Authenticate: Basic realm="hsx lab", realm="other", the realm given twice`,
			serve:       challenge(http.StatusUnauthorized, `Basic realm="hsx lab", realm="other"`)},

		{Path: "/204/coded", Code: 204, Rules: []string{"E3"}, GoClient: both(ClientOK), Twin: "/204",
			Description: "a 204 with Content-Encoding: gzip, on no content (worth knowing)",
			raw:         raw("204 No Content", []string{"Content-Encoding: gzip"}, "")},
		{Path: "/gzip/twice", Headers: []string{acceptGzip}, Code: 200, Rules: []string{"E4"}, GoClient: both(ClientOK), Twin: "/gzip/json",
			Description: "JSON in gzip twice, Content-Encoding: gzip, gzip",
			raw: rawBody("200 OK", []string{"Content-Type: application/json", "Content-Encoding: gzip, gzip", "Vary: Accept-Encoding"},
				string(encoders["gzip"]([]byte(gz))))},
		{Path: "/gzip/no-vary", Headers: []string{acceptGzip}, Code: 200, Rules: []string{"E5"}, GoClient: both(ClientOK), Twin: "/gzip/json",
			Description: "JSON in gzip with Cache-Control: public, max-age=3600 and no Vary: Accept-Encoding: a shared cache may hand it to a client that cannot decode it",
			raw:         rawBody("200 OK", []string{"Content-Type: application/json", "Content-Encoding: gzip", "Cache-Control: public, max-age=3600"}, gz)},
		{Path: "/206/coded", Headers: []string{"Range: bytes=0-99", acceptGzip}, Code: 206, Rules: []string{"E6"}, GoClient: both(ClientFirstFailed), Twin: "/206",
			Description: "a 206 of the first 100 bytes of gzip-coded JSON, which do not decode on their own (worth knowing)",
			raw: rawBody("206 Partial Content", []string{"Content-Type: application/json", "Content-Encoding: gzip", "Vary: Accept-Encoding",
				"Content-Range: bytes 0-99/" + strconv.Itoa(len(gz))}, gz[:100])},
	}
}

// multipartNoRange is multipartBody with the second part's Content-Range left out.
var multipartNoRange = strings.Replace(multipartBody, "Content-Range: bytes 10-13/37\r\n", "", 1)

// ranged serves partialText with Accept-Ranges: bytes, answering a Range as http.ServeContent
// does.
func ranged(w http.ResponseWriter, r *http.Request) {
	http.ServeContent(w, r, "lab.txt", partialModTime(), strings.NewReader(partialText))
}

// challenge sends code with the WWW-Authenticate challenge value and a short text body.
func challenge(code int, value string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("WWW-Authenticate", value)
		writeText(w, code, "Log in first.\n")
	}
}
