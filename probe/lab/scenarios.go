package lab

import (
	"net/http"
	"strconv"
)

// corsPreflight are the fields of the preflight a browser on http://app.test sends before a PUT
// with a JSON body.
var corsPreflight = []string{corsOrigin, "Access-Control-Request-Method: PUT",
	"Access-Control-Request-Headers: content-type"}

// corsOrigin is the Origin of a CORS request from a page on http://app.test.
const corsOrigin = "Origin: http://app.test"

// Bodies shared by several scenarios.
const (
	jsonDone    = `{"status":"done"}` // 17 bytes, the length /204/content-length declares
	textType    = "text/plain; charset=utf-8"
	textPlain   = "Content-Type: " + textType
	jsonType    = "Content-Type: application/json"
	helloBody   = "hello from the hsx lab\n"
	drip        = "drip drip drip drip\n"
	dripDelay   = 100 // milliseconds between two bytes of /drip
	partialText = "0123456789abcdefghijklmnopqrstuvwxyz\n"
)

// Scenarios returns the lab's scenarios in a stable order: each correct response next to its
// broken twins. The slice is new on every call.
func Scenarios() []Scenario {
	return append([]Scenario{
		{Path: "/204", Code: 204, Twin: "/204/body", serve: noContent,
			Description: "a correct 204 No Content, to any method"},
		{Path: "/204/body", Code: 204, Rules: []string{"J2", "S2", "S9"}, GoClient: ClientOutcome{ClientWarned, ClientNextFailed}, Twin: "/204",
			Description: "204 with Content-Length and a JSON body after the header section",
			raw: raw("204 No Content",
				[]string{"Content-Type: application/json", "Content-Length: 17"}, jsonDone)},
		{Path: "/204/content-length", Code: 204, Rules: []string{"S2"}, GoClient: both(ClientOK), Twin: "/204",
			Description: "204 with Content-Length: 17 and no body (Node's writeHead with a length)",
			raw:         raw("204 No Content", []string{"Content-Length: 17"}, "")},
		{Path: "/204/chunked", Code: 204, Rules: []string{"S3", "S9"}, GoClient: ClientOutcome{ClientWarned, ClientNextFailed}, Twin: "/204",
			Description: "204 with Transfer-Encoding: chunked and a last-chunk after it",
			raw:         raw("204 No Content", []string{"Transfer-Encoding: chunked"}, "0\r\n\r\n")},
		{Path: "/204/json-type", Code: 204, Rules: []string{"J2"}, GoClient: both(ClientOK), Twin: "/204",
			Description: "204 with Content-Type: application/json and nothing else: allowed, worth knowing",
			serve:       noContentJSON},
		{Path: "/204/close", Code: 204, Rules: []string{"S9"}, GoClient: both(ClientOK), Twin: "/204",
			Description: "204 with Connection: close, then a body until the server closes",
			raw:         raw("204 No Content", []string{"Connection: close"}, jsonDone)},

		{Path: "/200", Code: 200, Twin: "/framing/no-content-type", serve: hello,
			Description: "a correct 200 with a short text body"},
		{Path: "/200/json", Code: 200, Twin: "/200/empty-json", serve: jsonOK,
			Description: "a correct 200 with a JSON body"},
		{Path: "/200/empty-json", Code: 200, Rules: []string{"J1"}, GoClient: both(ClientOK), Twin: "/200/json",
			Description: "200 labelled application/json with Content-Length: 0",
			raw:         raw("200 OK", []string{jsonType, "Content-Length: 0"}, "")},
		{Path: "/200/invalid-json", Code: 200, Rules: []string{"J1"}, GoClient: both(ClientOK), Twin: "/200/json",
			Description: "200 labelled application/json whose body does not parse",
			raw:         rawBody("200 OK", []string{jsonType}, `{"items": [1, 2, 3,], "more": true`)},

		{Path: "/gzip/json", Code: 200, Twin: "/gzip/unasked", serve: negotiated("gzip"),
			Description: "JSON in gzip when the request accepts gzip (try --compressed), plain otherwise"},
		{Path: "/br/json", Code: 200, Twin: "/gzip/unasked", serve: negotiated("br"),
			Description: "JSON in brotli when the request accepts br (try --compressed), plain otherwise"},
		{Path: "/zstd/json", Code: 200, Twin: "/gzip/unasked", serve: negotiated("zstd"),
			Description: "JSON in zstd when the request accepts zstd (try --compressed), plain otherwise"},
		{Path: "/gzip/unasked", Code: 200, Rules: []string{"E2"}, GoClient: both(ClientOK), Twin: "/gzip/json", serve: coded("gzip", "gzip", nil),
			Description: "JSON in gzip even when the request does not accept it"},
		{Path: "/gzip/corrupt", Code: 200, Rules: []string{"E1", "E2"}, GoClient: both(ClientFirstFailed), Twin: "/gzip/json", serve: coded("gzip", "gzip", badCRC),
			Description: "gzip-coded JSON whose CRC-32 does not match, sent whether asked or not"},
		{Path: "/deflate/raw", Code: 200, Rules: []string{"E1", "E2"}, GoClient: both(ClientOK), Twin: "/gzip/json", serve: coded("deflate", "rawDeflate", nil),
			Description: "Content-Encoding: deflate on raw DEFLATE data without the zlib wrapper, sent whether asked or not"},

		{Path: "/head", Methods: []string{"HEAD"}, Code: 200, Twin: "/head/body", serve: hello,
			Description: "a correct answer to HEAD: the headers of a GET, no body"},
		{Path: "/head/body", Methods: []string{"HEAD"}, Code: 200, Rules: []string{"S33"}, GoClient: ClientOutcome{ClientWarned, ClientNextFailed}, Twin: "/head",
			Description: "an answer to HEAD that sends the body anyway",
			raw:         rawBody("200 OK", []string{textPlain}, helloBody)},

		{Path: "/205", Code: 205, Twin: "/205/body", serve: resetContent,
			Description: "a correct 205 Reset Content with Content-Length: 0"},
		{Path: "/205/body", Code: 205, Rules: []string{"S10"}, GoClient: both(ClientOK), Twin: "/205",
			Description: "205 with a body",
			raw:         rawBody("205 Reset Content", []string{textPlain}, "The form has been reset.\n")},

		{Path: "/304", Code: 304, Headers: []string{`If-None-Match: "v1"`}, Twin: "/304/body", serve: notModified,
			Description: "a correct 304 Not Modified with an ETag"},
		{Path: "/304/body", Code: 304, Headers: []string{`If-None-Match: "v1"`}, Rules: []string{"S16"}, GoClient: ClientOutcome{ClientWarned, ClientNextFailed}, Twin: "/304",
			Description: "304 with a body",
			raw:         rawBody("304 Not Modified", []string{`ETag: "v1"`, textPlain}, helloBody)},

		{Path: "/cache", Code: 200, Twin: "/cache/broken", serve: cacheable,
			Description: "a correct cacheable 200: a quoted ETag, Last-Modified before Date, Cache-Control: max-age=3600"},
		{Path: "/cache/broken", Code: 200, Rules: []string{"K1", "K2", "K7"}, GoClient: both(ClientOK), Twin: "/cache",
			Description: "200 with an unquoted ETag, a Last-Modified a day after its Date, and Cache-Control: no-store, max-age=3600",
			serve:       cacheableBroken},
		{Path: "/cache/ignores-condition", Code: 200, Headers: []string{`If-None-Match: "v1"`}, Rules: []string{"K11"}, GoClient: both(ClientOK), Twin: "/304",
			Description: `a full 200 with ETag "v1" to If-None-Match: "v1", where a 304 is due`,
			serve:       cacheableIgnoring},
		{Path: "/cache/dates", Code: 200, Rules: []string{"K3", "K4"}, GoClient: both(ClientOK), Twin: "/cache",
			Description: "200 with a Last-Modified in the obsolete RFC 850 format and Expires: tomorrow",
			serve:       fixed(http.StatusOK, "Last-Modified: Friday, 20-Nov-26 10:00:00 GMT", "Expires: tomorrow")},
		{Path: "/cache/syntax", Code: 200, Rules: []string{"K5", "K6"}, GoClient: both(ClientOK), Twin: "/cache",
			Description: `200 with Age: -1 and Cache-Control: max-age="60", seconds in quotes`,
			serve:       fixed(http.StatusOK, "Age: -1", `Cache-Control: max-age="60"`)},
		{Path: "/304/unconditional", Code: 304, Rules: []string{"K8"}, GoClient: both(ClientOK), Twin: "/304",
			Description: "a 304 to any request, with or without a condition",
			serve:       notModified},
		{Path: "/304/no-etag", Code: 304, Headers: []string{`If-None-Match: "v1"`}, Rules: []string{"K9"}, GoClient: both(ClientOK), Twin: "/304",
			Description: `a 304 without ETag to If-None-Match: "v1"`,
			serve:       fixed(http.StatusNotModified, "Cache-Control: max-age=60")},
		{Path: "/304/other-etag", Code: 304, Headers: []string{`If-None-Match: "v1"`}, Rules: []string{"K12"}, GoClient: both(ClientOK), Twin: "/304",
			Description: `a 304 with ETag "v2" to If-None-Match: "v1"`,
			serve:       fixed(http.StatusNotModified, `ETag: "v2"`)},
		{Path: "/412/get", Code: 412, Headers: []string{`If-None-Match: "v1"`}, Rules: []string{"K10"}, GoClient: both(ClientOK), Twin: "/304",
			Description: `a 412 to a GET with If-None-Match: "v1", where a 304 is due`,
			serve:       fixed(http.StatusPreconditionFailed, `ETag: "v1"`)},

		{Path: "/cors", Headers: []string{corsOrigin}, Code: 200, Twin: "/cors/no-vary", serve: corsHello,
			Description: "a correct answer to a CORS request: the origin echoed, with Vary: Origin"},
		{Path: "/cors/no-vary", Headers: []string{corsOrigin}, Code: 200, Rules: []string{"C8"}, GoClient: both(ClientOK), Twin: "/cors",
			Description: "the request's origin echoed in Access-Control-Allow-Origin without Vary: Origin",
			serve:       fixedOrigin("", "")},
		{Path: "/cors/origins", Headers: []string{corsOrigin}, Code: 200, Rules: []string{"C5"}, GoClient: both(ClientOK), Twin: "/cors",
			Description: "Access-Control-Allow-Origin listing two origins",
			serve:       fixedOrigin("http://app.test, http://admin.test", "")},
		{Path: "/cors/credentials", Headers: []string{corsOrigin}, Code: 200, Rules: []string{"C6"}, GoClient: both(ClientOK), Twin: "/cors",
			Description: "Access-Control-Allow-Credentials: True, which browsers read as no",
			serve:       fixedOrigin("", "True")},
		{Path: "/cors/other-origin", Headers: []string{corsOrigin}, Code: 200, Rules: []string{"C12"}, GoClient: both(ClientOK), Twin: "/cors",
			Description: "an origin refused: Access-Control-Allow-Origin names another one (worth knowing, not wrong)",
			serve:       fixedOrigin("https://other.test", "")},
		{Path: "/cors/preflight", Methods: []string{"OPTIONS"}, Headers: corsPreflight, Code: 204, Twin: "/cors/preflight/broken", serve: preflightOK,
			Description: "a correct answer to a preflight for PUT with Content-Type: 204, the origin echoed, Vary: Origin"},
		{Path: "/cors/preflight/broken", Methods: []string{"OPTIONS"}, Headers: corsPreflight, Code: 204, Rules: []string{"C4", "C7"}, GoClient: both(ClientOK), Twin: "/cors/preflight",
			Description: "a preflight answer with Allow-Origin * and Allow-Credentials: true, and methods separated by spaces",
			serve:       preflightBroken},
		{Path: "/cors/preflight/401", Methods: []string{"OPTIONS"}, Headers: corsPreflight, Code: 401, Rules: []string{"C3"}, GoClient: both(ClientOK), Twin: "/cors/preflight",
			Description: "a preflight that meets an authentication check first: 401 with the CORS fields on it",
			serve:       preflightUnauthorized},
		{Path: "/cors/preflight/method", Methods: []string{"OPTIONS"}, Headers: corsPreflight, Code: 204, Rules: []string{"C1"}, GoClient: both(ClientOK), Twin: "/cors/preflight",
			Description: "a preflight for PUT answered with Access-Control-Allow-Methods: GET, POST",
			serve:       preflightAllowing("GET, POST", "Content-Type", "600")},
		{Path: "/cors/preflight/headers", Methods: []string{"OPTIONS"}, Headers: corsPreflight, Code: 204, Rules: []string{"C2"}, GoClient: both(ClientOK), Twin: "/cors/preflight",
			Description: "a preflight asking for Content-Type answered with Access-Control-Allow-Headers: X-Token",
			serve:       preflightAllowing("GET, PUT", "X-Token", "600")},
		{Path: "/cors/preflight/max-age", Methods: []string{"OPTIONS"}, Headers: corsPreflight, Code: 204, Rules: []string{"C9"}, GoClient: both(ClientOK), Twin: "/cors/preflight",
			Description: "a preflight answer with Access-Control-Max-Age: 10m, which browsers cannot read",
			serve:       preflightAllowing("GET, PUT", "Content-Type", "10m")},
		{Path: "/cors/preflight/week", Methods: []string{"OPTIONS"}, Headers: corsPreflight, Code: 204, Rules: []string{"C10"}, GoClient: both(ClientOK), Twin: "/cors/preflight",
			Description: "a preflight answer with Access-Control-Max-Age of a week, more than browsers keep (worth knowing)",
			serve:       preflightAllowing("GET, PUT", "Content-Type", "604800")},
		{Path: "/cors/preflight/body", Methods: []string{"OPTIONS"}, Headers: corsPreflight, Code: 200, Rules: []string{"C11"}, GoClient: both(ClientOK), Twin: "/cors/preflight",
			Description: `a preflight answered 200 with the content "OK", which browsers discard (worth knowing)`,
			serve:       preflightWithBody},

		{Path: "/201", Methods: []string{"POST"}, Code: 201, Twin: "/201/no-location", serve: created,
			Description: "a correct 201 Created with a Location"},
		{Path: "/201/no-location", Methods: []string{"POST"}, Code: 201, Rules: []string{"S8"}, GoClient: both(ClientOK), Twin: "/201",
			Description: "201 without Location: the request's target is the new resource",
			serve:       createdHere},

		redirect(301, "Moved Permanently"), redirectBroken(301, "Moved Permanently"),
		redirect(302, "Found"), redirectBroken(302, "Found"),
		redirect(307, "Temporary Redirect"), redirectBroken(307, "Temporary Redirect"),
		redirect(308, "Permanent Redirect"), redirectBroken(308, "Permanent Redirect"),

		{Path: "/302/bad-location", Code: 302, Rules: []string{"S15"}, GoClient: both(ClientOK), Twin: "/302",
			Description: "302 whose Location has spaces in it, so it is not a URI reference",
			raw:         rawBody("302 Found", []string{textPlain, "Location: /a page with spaces"}, "See the Location field.\n")},

		{Path: "/401", Code: 401, Twin: "/401/no-challenge", serve: unauthorized,
			Description: "a correct 401 with a WWW-Authenticate challenge"},
		{Path: "/401/no-challenge", Code: 401, Rules: []string{"S19"}, GoClient: both(ClientOK), Twin: "/401",
			Description: "401 without WWW-Authenticate",
			raw:         rawBody("401 Unauthorized", []string{textPlain}, "Log in first.\n")},
		{Path: "/407", Code: 407, Twin: "/407/no-challenge", serve: proxyAuth,
			Description: "a correct 407 with a Proxy-Authenticate challenge"},
		{Path: "/407/no-challenge", Code: 407, Rules: []string{"S22"}, GoClient: both(ClientOK), Twin: "/407",
			Description: "407 without Proxy-Authenticate",
			raw:         rawBody("407 Proxy Authentication Required", []string{textPlain}, "Log in to the proxy first.\n")},
		{Path: "/405", Methods: []string{"DELETE"}, Code: 405, Twin: "/405/no-allow", serve: methodNotAllowed,
			Description: "a correct 405 with Allow: GET, HEAD (GET gets a 200)"},
		{Path: "/405/no-allow", Methods: []string{"DELETE"}, Code: 405, Rules: []string{"S20"}, GoClient: both(ClientOK), Twin: "/405",
			Description: "405 without Allow",
			raw:         rawBody("405 Method Not Allowed", []string{textPlain}, "Not with that method.\n")},

		{Path: "/206", Headers: []string{rangeFirst16}, Code: 206, Twin: "/206/no-content-range", serve: partial,
			Description: "a correct 206 Partial Content with Content-Range, to Range: bytes=0-15 (and bytes 0-15 without one)"},
		{Path: "/206/no-content-range", Headers: []string{rangeFirst16}, Code: 206, Rules: []string{"S11"}, GoClient: both(ClientOK), Twin: "/206",
			Description: "206 without Content-Range",
			raw:         rawBody("206 Partial Content", []string{textPlain}, partialText[:16])},
		{Path: "/206/multipart", Headers: []string{rangeTwo}, Code: 206, Twin: "/206/multipart-no-boundary", serve: partialMulti,
			Description: "a correct multipart/byteranges 206 (bytes 0-3 and 10-13 without a Range)"},
		{Path: "/206/multipart-no-boundary", Headers: []string{rangeTwo}, Code: 206, Rules: []string{"S12"}, GoClient: both(ClientOK), Twin: "/206/multipart",
			Description: "a multipart/byteranges 206 whose Content-Type has no boundary",
			raw:         rawBody("206 Partial Content", []string{"Content-Type: multipart/byteranges"}, multipartBody)},
		{Path: "/416", Code: 416, Twin: "/416/no-content-range", serve: rangeNotSatisfiable,
			Description: "a correct 416 with Content-Range: bytes */37"},
		{Path: "/416/no-content-range", Code: 416, Rules: []string{"S24"}, GoClient: both(ClientOK), Twin: "/416",
			Description: "416 without Content-Range",
			raw:         rawBody("416 Range Not Satisfiable", []string{textPlain}, "No such range.\n")},

		{Path: "/413", Methods: []string{"POST"}, Code: 413, Twin: "/413/no-retry-after", serve: retryAfterSeconds(413),
			Description: "a 413 Content Too Large with Retry-After: 120 (the limit is temporary)"},
		{Path: "/413/no-retry-after", Methods: []string{"POST"}, Code: 413, Rules: []string{"S23"}, GoClient: both(ClientOK), Twin: "/413",
			serve: retryAfterNone(413), Description: "413 without Retry-After (right when the limit is permanent)"},
		{Path: "/429", Code: 429, Twin: "/429/bad-retry-after", serve: retryAfterSeconds(429),
			Description: "a correct 429 with Retry-After: 120"},
		{Path: "/429/no-retry-after", Code: 429, Rules: []string{"S29"}, GoClient: both(ClientOK), Twin: "/429", serve: retryAfterNone(429),
			Description: "429 without Retry-After (allowed, but the client has to guess)"},
		{Path: "/429/bad-retry-after", Code: 429, Rules: []string{"S29"}, GoClient: both(ClientOK), Twin: "/429",
			Description: "429 with a Retry-After that is neither seconds nor an HTTP-date",
			raw:         rawBody("429 Too Many Requests", []string{textPlain, "Retry-After: in two minutes"}, "Slow down.\n")},
		{Path: "/503", Code: 503, Twin: "/503/bad-retry-after", serve: retryAfterDate(503),
			Description: "a correct 503 with Retry-After as an HTTP-date"},
		{Path: "/503/no-retry-after", Code: 503, Rules: []string{"S29"}, GoClient: both(ClientOK), Twin: "/503", serve: retryAfterNone(503),
			Description: "503 without Retry-After (allowed, but the client has to guess)"},
		{Path: "/503/bad-retry-after", Code: 503, Rules: []string{"S29"}, GoClient: both(ClientOK), Twin: "/503",
			Description: "503 with a Retry-After that is neither seconds nor an HTTP-date",
			raw:         rawBody("503 Service Unavailable", []string{textPlain, "Retry-After: -5"}, "Back soon.\n")},

		{Path: "/426", Code: 426, Twin: "/426/no-upgrade", serve: upgradeRequired,
			Description: "a correct 426 Upgrade Required with Upgrade: HTTP/2.0"},
		{Path: "/426/no-upgrade", Code: 426, Rules: []string{"S5"}, GoClient: both(ClientOK), Twin: "/426",
			Description: "426 without Upgrade: the client is not told what to upgrade to",
			raw:         rawBody("426 Upgrade Required", []string{textPlain}, "Upgrade, but to what?\n")},

		{Path: "/100", Code: 200, serve: interim(http.StatusContinue),
			Description: "an interim 100 Continue, then a 200"},
		{Path: "/103", Code: 200, Twin: "/103/content-length", serve: interim(http.StatusEarlyHints),
			Description: "an interim 103 Early Hints with a Link, then a 200"},
		{Path: "/103/content-length", Code: 200, Rules: []string{"S2"}, GoClient: both(ClientOK), Twin: "/103",
			Description: "an interim 103 with Content-Length, then a 200",
			raw:         earlyHintsWithLength()},

		{Path: "/framing/chunked", Code: 200, Twin: "/framing/cl-te", serve: chunked,
			Description: "a correct 200 with a chunked body"},
		{Path: "/framing/cl-te", Code: 200, Rules: []string{"F12"}, GoClient: both(ClientOK), Twin: "/framing/chunked",
			Description: "200 with both Content-Length and Transfer-Encoding: chunked",
			raw: raw("200 OK", []string{textPlain, "Content-Length: 23", "Transfer-Encoding: chunked"},
				"17\r\n"+helloBody+"\r\n0\r\n\r\n")},
		{Path: "/framing/duplicate-length", Code: 200, Rules: []string{"F10"}, GoClient: both(ClientFirstFailed), Twin: "/200",
			Description: "200 with two Content-Length fields of different values",
			raw:         raw("200 OK", []string{textPlain, "Content-Length: 23", "Content-Length: 42"}, helloBody)},
		{Path: "/framing/obs-fold", Code: 200, Rules: []string{"F9"}, GoClient: both(ClientOK), Twin: "/200",
			Description: "200 with a header field folded onto a second line (obs-fold)",
			raw:         rawBody("200 OK", []string{textPlain, "X-Lab-Note: this value\r\n  continues on the next line"}, helloBody)},
		{Path: "/framing/bare-lf", Code: 200, Rules: []string{"F5"}, GoClient: both(ClientOK), Twin: "/200",
			Description: "200 whose head lines end in a bare LF instead of CRLF",
			raw:         &rawResponse{status: "HTTP/1.1 200 OK", header: []string{textPlain, "Content-Length: 23"}, body: helloBody, eol: "\n"}},
		{Path: "/framing/short-body", Code: 200, Rules: []string{"F13"}, GoClient: both(ClientFirstFailed), Twin: "/200",
			Description: "200 with Content-Length: 100 and only 23 bytes, then a close",
			raw:         raw("200 OK", []string{textPlain, "Content-Length: 100"}, helloBody)},
		{Path: "/framing/close-delimited", Code: 200, Rules: []string{"F16"}, GoClient: both(ClientOK), Twin: "/200",
			Description: "200 without Content-Length: the body ends when the server closes",
			raw:         raw("200 OK", []string{textPlain, "Connection: close"}, helloBody)},
		{Path: "/framing/no-date", Code: 200, Rules: []string{"F17"}, GoClient: both(ClientOK), Twin: "/200",
			Description: "200 without a Date field",
			raw:         &rawResponse{status: "HTTP/1.1 200 OK", header: []string{textPlain, "Content-Length: 23"}, body: helloBody, noDate: true}},
		{Path: "/framing/no-content-type", Code: 200, Rules: []string{"F18"}, GoClient: both(ClientOK), Twin: "/200",
			Description: "200 with a body and no Content-Type",
			raw:         rawBody("200 OK", nil, helloBody)},
		{Path: "/framing/no-reason-space", Code: 200, Rules: []string{"F2"}, GoClient: both(ClientOK), Twin: "/200",
			Description: `status line "HTTP/1.1 200" without the space before the (empty) reason`,
			raw:         &rawResponse{status: "HTTP/1.1 200", header: []string{textPlain, "Content-Length: 23"}, body: helloBody}},

		{Path: "/framing/status-600", Code: 600, Rules: []string{"F3"}, GoClient: both(ClientOK), Twin: "/200",
			Description: "status code 600, outside 100-599 (clients treat it as a 5xx)",
			raw:         rawBody("600 Unknown", []string{textPlain}, helloBody)},
		{Path: "/framing/space-before-fields", Code: 200, Rules: []string{"F6"}, GoClient: both(ClientFirstFailed), Twin: "/200",
			Description: "whitespace between the status line and the first header field",
			// The indented line is part of the status string so that it comes before Date.
			raw: rawBody("200 OK\r\n X-Lab-Note: indented", []string{textPlain}, helloBody)},
		{Path: "/framing/space-before-colon", Code: 200, Rules: []string{"F7"}, GoClient: both(ClientOK), Twin: "/200",
			Description: `a field name followed by whitespace before its colon ("X-Lab-Note : …")`,
			raw:         rawBody("200 OK", []string{textPlain, "X-Lab-Note : spaced"}, helloBody)},
		{Path: "/framing/nul-in-value", Code: 200, Rules: []string{"F8"}, GoClient: both(ClientFirstFailed), Twin: "/200",
			Description: "a field value with a NUL byte in it",
			raw:         rawBody("200 OK", []string{textPlain, "X-Lab-Note: before\x00after"}, helloBody)},
		{Path: "/framing/bad-length", Code: 200, Rules: []string{"F11"}, GoClient: both(ClientFirstFailed), Twin: "/200",
			Description: `Content-Length: "23 bytes", which is not a number; the body then ends with a close`,
			raw:         raw("200 OK", []string{textPlain, "Content-Length: 23 bytes"}, helloBody)},
		{Path: "/framing/chunked-twice", Code: 200, Rules: []string{"F14"}, GoClient: both(ClientFirstFailed), Twin: "/framing/chunked",
			Description: "Transfer-Encoding: chunked, chunked (chunked applied twice)",
			raw: raw("200 OK", []string{textPlain, "Transfer-Encoding: chunked, chunked"},
				chunk(chunk(helloBody)+"0\r\n\r\n")+"0\r\n\r\n")},
		{Path: "/framing/trailer", Code: 200, Twin: "/framing/undeclared-trailer", serve: withTrailer,
			Description: "a correct chunked 200 with a trailer field declared in Trailer"},
		{Path: "/framing/undeclared-trailer", Code: 200, Rules: []string{"F20"}, GoClient: both(ClientOK), Twin: "/framing/trailer",
			Description: "a chunked 200 with a trailer field that Trailer does not declare",
			raw: raw("200 OK", []string{textPlain, "Transfer-Encoding: chunked"},
				chunk(helloBody)+"0\r\nX-Lab-Checksum: 23\r\n\r\n")},

		{Path: "/drip", Code: 200, serve: dripFeed,
			Description: "200 with a 20-byte body sent one byte every 100 ms"},
		{Path: "/ansi", Code: 200, serve: ansi,
			Description: "200 text full of terminal escapes: clear screen, clipboard write, title, colors, link"},
		{Path: "/bidi", Code: 200, Rules: []string{"U1"}, GoClient: both(ClientOK),
			Description: "200 whose file name carries a right-to-left override: it reads as \"invoiceexe.pdf\" and is an .exe",
			raw: rawBody("200 OK", []string{textPlain, "Content-Disposition: attachment; filename=\"invoice\u202efdp.exe\"",
				"X-User: ad\u200bmin"}, "Saved as invoice\u202efdp.exe by ad\u200bmin.\n")},
		{Path: "/bytes/N", Code: 200, example: "/bytes/1024", pattern: "/bytes/{n}", serve: byteStream,
			Description: "N bytes of generated data with Content-Length, streamed (N up to 64 GiB)"},
		{Path: "/hang", Code: 0, serve: hang,
			Description: "reads the request and never answers, until the client or the server gives up"},
	}, append(semanticScenarios(), h2Scenarios()...)...)
}

// raw builds an HTTP/1.1 response with the given status (code and reason), fields and body.
func raw(status string, header []string, body string) *rawResponse {
	return &rawResponse{status: "HTTP/1.1 " + status, header: header, body: body}
}

// rawBody is raw with a correct Content-Length for body added to the fields.
func rawBody(status string, header []string, body string) *rawResponse {
	h := append(header[:len(header):len(header)], "Content-Length: "+itoa(len(body)))
	return raw(status, h, body)
}

// chunk frames data as one chunk of a chunked body.
func chunk(data string) string {
	return strconv.FormatInt(int64(len(data)), 16) + "\r\n" + data + "\r\n"
}

// multipartBody is a multipart/byteranges body of two ranges of partialText, boundary "LAB".
const multipartBody = "--LAB\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-3/37\r\n\r\n0123\r\n" +
	"--LAB\r\nContent-Type: text/plain\r\nContent-Range: bytes 10-13/37\r\n\r\nabcd\r\n--LAB--\r\n"

// earlyHintsWithLength is a 103 that carries Content-Length, then a correct 200.
func earlyHintsWithLength() *rawResponse {
	r := raw("103 Early Hints", []string{earlyHint, "Content-Length: 0"}, "")
	r.then = rawBody("200 OK", []string{textPlain}, helloBody)
	return r
}

// redirect is the correct scenario for a redirect code: Location points at /200.
func redirect(code int, reason string) Scenario {
	p := "/" + itoa(code)
	return Scenario{Path: p, Code: code, Twin: p + "/no-location", serve: redirectTo(code),
		Description: "a correct " + itoa(code) + " " + reason + " with Location: /200"}
}

// redirectBroken is the redirect without a Location.
func redirectBroken(code int, reason string) Scenario {
	p := "/" + itoa(code)
	return Scenario{Path: p + "/no-location", Code: code, Rules: []string{"S14"}, GoClient: both(ClientOK), Twin: p,
		Description: itoa(code) + " without Location: the client has nowhere to go",
		raw:         rawBody(itoa(code)+" "+reason, []string{textPlain}, "It moved, but this response does not say where.\n")}
}
