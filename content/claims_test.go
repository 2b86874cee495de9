package content_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/lab"
)

// A claim is one sentence of a document that says what hsx reports ("hsx reports X as rule
// **S2** (an error)"), cut down to what can be tested: the rules it names, and for each rule
// the status codes, severities and header fields its part of the sentence mentions.
type claim struct {
	where string // document and heading, for messages
	text  string
	parts []claimPart
}

// claimPart is what a claim says about one rule.
type claimPart struct {
	rule   string
	codes  [][]int // each group is one mention: "204" is {204}, "1xx" is {100, 101, 103}
	sevs   []check.Severity
	fields []string
}

var (
	claimVerb   = regexp.MustCompile(`\bhsx\b[^.;]*?\b(reports|warns|notes|flags)\b`)
	ruleMention = regexp.MustCompile(`\*\*([A-Z]\d+)\*\*`)
	// A severity word as the documents attach it to a rule: "(an error)", "as a warning",
	// "as information", "(information)". "the warning a SHOULD NOT would get" is not one.
	severityWord = regexp.MustCompile(`(?:\(|\bas |\ba |\ban )(error|warning|information|info)\b`)
	codeMention  = regexp.MustCompile(`(?:^|[\s(/])([1-5](?:\d\d|xx))(?:$|[\s),;:]|\.(?:\s|$))`)
	backticked   = regexp.MustCompile("`([^`]+)`")
)

// claims returns every claim sentence of d. A claim sentence under the heading that explains a
// rule refers to that rule when it names none.
func claims(d *content.Doc) []claim {
	byHeading := map[string]string{}
	for id, h := range d.Explains {
		byHeading[h] = id
	}
	var out []claim
	for _, p := range paragraphs(d.Markdown) {
		for _, s := range sentences(p.text) {
			if !claimVerb.MatchString(s) && !ruleMention.MatchString(s) {
				continue
			}
			c := claim{where: d.Key + ".md, " + p.heading, text: s}
			ms := ruleMention.FindAllStringSubmatchIndex(s, -1)
			if len(ms) == 0 {
				if id := byHeading[p.heading]; id != "" {
					c.parts = []claimPart{describe(id, s, d)}
				}
				out = append(out, c)
				continue
			}
			// Each rule gets the text from the end of the previous rule's mention (and its
			// parenthesis) to the end of its own mention and the parenthesis after it.
			from := 0
			for i, m := range ms {
				end := m[1]
				if rest := s[end:]; strings.HasPrefix(rest, " (") {
					if j := strings.IndexByte(rest, ')'); j > 0 {
						end += j + 1
					}
				}
				if i == len(ms)-1 {
					end = len(s)
				}
				c.parts = append(c.parts, describe(s[m[2]:m[3]], s[from:end], d))
				from = end
			}
			out = append(out, c)
		}
	}
	return out
}

// describe reads what text says about rule id.
func describe(id, text string, d *content.Doc) claimPart {
	p := claimPart{rule: id}
	for _, m := range severityWord.FindAllStringSubmatchIndex(text, -1) {
		if before := text[:m[0]]; strings.HasSuffix(before, "not ") || strings.HasSuffix(before, "not as ") ||
			strings.HasSuffix(before, "than ") {
			continue // "not as a warning", "rather than an error"
		}
		p.sevs = append(p.sevs, map[string]check.Severity{
			"error": check.Error, "warning": check.Warning, "information": check.Info, "info": check.Info,
		}[text[m[2]:m[3]]])
	}
	switch {
	case strings.Contains(text, "hsx warns"):
		p.sevs = append(p.sevs, check.Warning)
	case strings.Contains(text, "hsx notes"):
		p.sevs = append(p.sevs, check.Info)
	}
	for _, m := range backticked.FindAllStringSubmatch(text, -1) {
		name, _, _ := strings.Cut(m[1], ":")
		if slices.ContainsFunc(knownFields, func(f string) bool { return strings.EqualFold(f, name) }) {
			p.fields = append(p.fields, name)
		}
	}
	prose := backticked.ReplaceAllString(text, "``")
	for _, m := range codeMention.FindAllStringSubmatch(prose, -1) {
		if n, err := strconv.Atoi(m[1]); err == nil {
			p.codes = append(p.codes, []int{n})
			continue
		}
		var group []int
		for _, c := range sampleCodes {
			if strconv.Itoa(c)[0] == m[1][0] {
				group = append(group, c)
			}
		}
		p.codes = append(p.codes, group)
	}
	if len(p.codes) == 0 && d.Code != 0 {
		p.codes = [][]int{{d.Code}}
	}
	return p
}

// knownFields are the header fields whose mention in a claim is checked against the rule.
var knownFields = []string{"Age", "Allow", "Cache-Control", "Content-Encoding", "Content-Language",
	"Content-Length", "Content-Location", "Content-Range", "Content-Type", "Date", "ETag", "Expires",
	"Last-Modified", "Location", "Proxy-Authenticate", "Retry-After", "Trailer", "Transfer-Encoding",
	"Upgrade", "Vary", "WWW-Authenticate"}

// paragraph is a run of prose lines under one heading.
type paragraph struct {
	heading, text string
}

// paragraphs returns the prose of a markdown body: no code blocks, no headings; a list item
// starts a new paragraph.
func paragraphs(body string) []paragraph {
	var out []paragraph
	heading, fence := "", false
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, paragraph{heading, strings.Join(cur, " ")})
			cur = nil
		}
	}
	for _, line := range strings.Split(body, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			flush()
			fence = !fence
		case fence:
		case strings.HasPrefix(t, "#"):
			flush()
			heading = strings.TrimSpace(strings.TrimLeft(t, "#"))
		case t == "":
			flush()
		case strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* "):
			flush()
			cur = append(cur, t[2:])
		default:
			cur = append(cur, t)
		}
	}
	flush()
	return out
}

// sentences splits a paragraph after ".", "!", "?" or ";" followed by a space, outside
// backticks.
func sentences(p string) []string {
	var out []string
	start, code, code2 := 0, false, false
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case strings.HasPrefix(p[i:], "``"):
			code2 = !code2
			i++
		case c == '`' && !code2:
			code = !code
		case !code && !code2 && strings.IndexByte(".!?;", c) >= 0 && i+1 < len(p) && p[i+1] == ' ' &&
			!strings.HasSuffix(p[:i+1], "e.g.") && !strings.HasSuffix(p[:i+1], "i.e."):
			out = append(out, strings.TrimSpace(p[start:i+1]))
			start = i + 1
		}
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// sampleCodes stand for a class ("4xx") in a claim, and for any code when a topic document's
// claim names none.
var sampleCodes = []int{100, 101, 103, 200, 201, 204, 205, 206, 300, 301, 302, 303, 304, 307, 308,
	400, 401, 404, 405, 407, 412, 413, 416, 417, 426, 429, 500, 503, 600}

// variant is one way of breaking (or not) a response with a given status code: extra header
// lines and content, and an optional change to the exchange the wire cannot express.
type variant struct {
	status string // the status line, with %d for the code; "HTTP/1.1 %d Reason" when empty
	lines  []string
	body   string
	noDate bool
	setup  func(*probe.Exchange)
}

const claimDate = "Tue, 24 Nov 2026 18:57:03 GMT"

func variants() []variant {
	http10 := func(ex *probe.Exchange) { ex.Request.Bytes = []byte("GET / HTTP/1.0\r\n\r\n") }
	// asked records a request that sent the Accept-Encoding field given, or none for "".
	asked := func(accept string) func(*probe.Exchange) {
		return func(ex *probe.Exchange) {
			ex.Request.Bytes = []byte("GET / HTTP/1.1\r\n\r\n")
			if accept != "" {
				ex.Request.Header = []probe.Field{{Name: "Accept-Encoding", Value: accept, Line: -1}}
			}
		}
	}
	// sent records a request that carried the fields given ("Name: value"), as OPTIONS when
	// options is set, and with its method otherwise.
	sent := func(options bool, fields ...string) func(*probe.Exchange) {
		return func(ex *probe.Exchange) {
			if options {
				ex.Request.Method = "OPTIONS"
			}
			ex.Request.Bytes = []byte(ex.Request.Method + " / HTTP/1.1\r\n\r\n")
			ex.Request.Header = nil
			for _, f := range fields {
				name, value, _ := strings.Cut(f, ": ")
				ex.Request.Header = append(ex.Request.Header, probe.Field{Name: name, Value: value, Line: -1})
			}
		}
	}
	preflight := sent(true, "Origin: http://a.test", "Access-Control-Request-Method: PUT", "Access-Control-Request-Headers: x-token")
	// ranged records a request that sent Range; at one that was sent to rawURL.
	ranged := func(r string) func(*probe.Exchange) {
		return func(ex *probe.Exchange) {
			ex.Request.Bytes = []byte("GET / HTTP/1.1\r\n\r\n")
			ex.Request.Header = []probe.Field{{Name: "Range", Value: r, Line: -1}}
		}
	}
	at := func(rawURL string) func(*probe.Exchange) {
		return func(ex *probe.Exchange) { ex.Request.URL, _ = url.Parse(rawURL) }
	}
	// full is a GET's 200 with every field a follow-up compares; codedFull a gzip-coded one.
	full := "HTTP/1.1 200 OK\r\nDate: " + claimDate + "\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n" +
		`ETag: "v1"` + "\r\nLast-Modified: " + claimDate + "\r\nCache-Control: max-age=60\r\nExpires: " + claimDate +
		"\r\nVary: Accept-Encoding\r\nContent-Location: /a.txt\r\nAccept-Ranges: bytes\r\n\r\nhello!!"
	// followed makes the exchange a follow-up, sent with the given fields, of a GET answered
	// with basis.
	followed := func(basis string, fields ...string) func(*probe.Exchange) {
		return func(ex *probe.Exchange) {
			ex.Request.Bytes = []byte(ex.Request.Method + " / HTTP/1.1\r\n\r\n")
			for _, f := range fields {
				name, value, _ := strings.Cut(f, ": ")
				ex.Request.Header = append(ex.Request.Header, probe.Field{Name: name, Value: value, Line: -1})
			}
			ex.Basis = probe.Parse([]byte(basis), "GET")
		}
	}
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write([]byte(`{"a":1}`))
	zw.Close()
	gz := zipped.String()
	codedFull := "HTTP/1.1 200 OK\r\nDate: " + claimDate + "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n" +
		`ETag: "z1"` + "\r\nLast-Modified: " + claimDate + "\r\nVary: Accept-Encoding\r\nContent-Length: " + strconv.Itoa(len(gz)) + "\r\n\r\n" + gz
	corrupt := gz[:len(gz)-8] + "\x00\x00\x00\x00" + gz[len(gz)-4:] // a CRC that does not match
	return []variant{
		{lines: []string{"Content-Length: 0"}},
		{status: "http/1.1 %d Reason", lines: []string{"Content-Length: 0"}},
		{status: "HTTP/1.1 %d", lines: []string{"Content-Length: 0"}},
		{status: "HTTP/1.1 %d Re\x01son", lines: []string{"Content-Length: 0"}},
		{lines: []string{"X-A: 1\nX-B: 2", "Content-Length: 0"}},
		{lines: []string{"X-A: 1\rX-B: 2", "Content-Length: 0"}},
		{lines: []string{" X-A: 1", "Date: " + claimDate, "Content-Length: 0"}, noDate: true},
		{lines: []string{"X A: 1", "X-B : 2", "Content-Length: 0"}},
		{lines: []string{"X-A: a\x01b", "Content-Length: 0"}},
		{lines: []string{"X-A: \u202egnp.exe", "Content-Length: 0"}},
		{lines: []string{"X-A: 1", " folded", "Content-Length: 0"}},
		{lines: []string{"Content-Length: 0"}, noDate: true},
		{lines: []string{"Date: Tuesday, 24-Nov-26 18:57:03 GMT", "Content-Length: 0"}, noDate: true},
		{lines: []string{"Content-Type: text/plain", "Content-Length: 5"}, body: "hello"},
		{lines: []string{"Content-Length: 5"}, body: "hello"},
		{lines: []string{"Content-Type: text/plain"}, body: "hello"},
		{lines: []string{"Content-Length: 10", "Content-Type: text/plain"}, body: "hello"},
		{lines: []string{"Content-Length: 5", "Content-Length: 5", "Content-Type: text/plain"}, body: "hello"},
		{lines: []string{"Content-Length: five", "Content-Type: text/plain"}, body: "hello"},
		{lines: []string{"Transfer-Encoding: chunked"}, body: "0\r\n\r\n"},
		{lines: []string{"Transfer-Encoding: chunked", "Content-Type: text/plain"}, body: "0\r\n\r\n", setup: http10},
		{lines: []string{"Transfer-Encoding: chunked, gzip", "Content-Type: text/plain"}, body: "hello"},
		{lines: []string{"Transfer-Encoding: identity", "Content-Type: text/plain"}, body: "hello"},
		{lines: []string{"Content-Length: 5", "Transfer-Encoding: chunked", "Content-Type: text/plain"}, body: "5\r\nhello\r\n0\r\n\r\n"},
		{lines: []string{"Transfer-Encoding: chunked", "Content-Type: text/plain"}, body: "5\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n"},
		{lines: []string{"Content-Type: application/json"}},
		{lines: []string{"Content-Type: application/json", "Content-Length: 0"}},
		{lines: []string{"Content-Type: application/json", "Content-Length: 3"}, body: "{x}"},
		{lines: []string{"Location: ", "Content-Length: 0"}},
		{lines: []string{"Location: /a b", "Content-Length: 0"}},
		{lines: []string{"Retry-After: soon", "Content-Length: 0"}},
		{lines: []string{"Retry-After: Wednesday, 21-Oct-15 07:28:00 GMT", "Content-Length: 0"}},
		{lines: []string{"Allow: GET, HEAD, POST, PUT, DELETE", "Content-Length: 0"}},
		{lines: []string{"WWW-Authenticate: ", "Proxy-Authenticate: ", "Upgrade: ", "Content-Length: 0"}},
		{lines: []string{"Content-Range: bytes 0-1/2", "Content-Length: 0"}},
		{lines: []string{"Content-Type: multipart/byteranges", "Content-Length: 0"}},
		{lines: []string{"Content-Type: multipart/mixed; boundary=B", "Content-Range: bytes 0-1/2", "Content-Length: 0"}},
		{lines: []string{`ETag: "v1"`, "Last-Modified: " + claimDate, "Content-Type: text/html",
			"Content-Encoding: gzip", "Content-Language: en"}},
		{lines: []string{"Content-Type: application/json", "Content-Encoding: gzip", "Content-Length: " + strconv.Itoa(len(gz))},
			body: gz, setup: asked("")},
		{lines: []string{"Content-Type: application/json", "Content-Encoding: gzip", "Content-Length: " + strconv.Itoa(len(gz))},
			body: gz, setup: asked("br")},
		{lines: []string{"Content-Type: application/json", "Content-Encoding: gzip", "Content-Length: " + strconv.Itoa(len(corrupt))},
			body: corrupt, setup: asked("gzip")},
		{lines: []string{"Content-Range: bytes 5-1/2", "Content-Length: 0"}},
		{lines: []string{"Content-Type: multipart/byteranges; boundary=B", "Content-Length: 25"}, body: "--B\r\n\r\nab\r\n--B--\r\n\r\n"},
		{lines: []string{"Content-Range: bytes 0-1/2", "Content-Length: 2"}, body: "ab", setup: ranged("bytes=1-")},
		{lines: []string{"Accept-Ranges: bytes, none", "Content-Length: 0"}},
		{lines: []string{"Location: /a", "Content-Length: 0"}, setup: at("http://h/a")},
		{lines: []string{"Location: /a", "Set-Cookie: seen=1", "Content-Length: 0"}, setup: at("http://h/a")},
		{lines: []string{`WWW-Authenticate: Basic realm="x" charset=UTF-8`, `Proxy-Authenticate: Basic realm="p" x`, "Content-Length: 0"}},
		{lines: []string{`WWW-Authenticate: Basic`, `Proxy-Authenticate: Basic realm="p", charset="latin1"`, "Content-Length: 0"}},
		{lines: []string{`WWW-Authenticate: Bearer error="insufficient_scope", Newauth realm="a", realm="b"`, "Content-Length: 0"}},
		{lines: []string{`WWW-Authenticate: Bearer error="expired"`, `WWW-Authenticate: Basic realm="x"`, "Content-Length: 0"}},
		{lines: []string{"Content-Type: application/json", "Content-Encoding: gzip, gzip", "Vary: Accept-Encoding", "Content-Length: " + strconv.Itoa(len(gz))}, body: gz},
		{lines: []string{"Content-Type: application/json", "Content-Encoding: gzip", "Cache-Control: private", "Content-Length: " + strconv.Itoa(len(gz))}, body: gz},
		{lines: []string{"Content-Type: application/json", "Content-Encoding: gzip", "Cache-Control: max-age=60", "Content-Length: " + strconv.Itoa(len(gz))},
			body: gz, setup: asked("gzip")},
		// follow-ups: a conditional request with the 200's ETag and a first-byte Range, one with
		// its Last-Modified, and a plain one after a coded 200.
		{lines: []string{`ETag: "v1"`, "Content-Length: 0"}, setup: followed(full, `If-None-Match: "v1"`, "Range: bytes=0-0")},
		{lines: []string{"Last-Modified: " + claimDate, "Cache-Control: max-age=60", "Expires: " + claimDate, "Content-Length: 0"},
			setup: followed(full, "If-Modified-Since: "+claimDate)},
		{lines: []string{"Content-Length: 0"}, setup: followed(codedFull)},
		// CORS, judged against the request's Origin and preflight fields
		{lines: []string{"Access-Control-Allow-Origin: http://a.test", "Access-Control-Allow-Methods: GET, POST",
			"Access-Control-Allow-Headers: content-type", "Access-Control-Max-Age: -1", "Content-Length: 0"}, setup: preflight},
		{lines: []string{"Access-Control-Allow-Origin: *", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Methods: GET PUT",
			"Access-Control-Max-Age: 86400", "Content-Type: text/plain", "Content-Length: 2"}, body: "OK", setup: preflight},
		{lines: []string{"Content-Length: 0"}, setup: preflight},
		{lines: []string{"Access-Control-Allow-Origin: http://a.test", "Vary: Origin", "Access-Control-Allow-Credentials: true",
			"Access-Control-Allow-Methods: *", "Access-Control-Allow-Headers: *", "Content-Length: 0"}, setup: preflight},
		{lines: []string{"Access-Control-Allow-Origin: http://a.test/", "Access-Control-Allow-Credentials: True", "Content-Length: 0"},
			setup: sent(false, "Origin: http://a.test")},
		// validators, freshness and conditional requests
		{lines: []string{"ETag: abc", "Last-Modified: Wed, 25 Nov 2026 10:00:00 GMT", "Expires: 0", "Age: -1",
			"Cache-Control: public, private, no-store, max-age=60", `Cache-Control: s-maxage="5"`, "Content-Length: 0"}},
		{lines: []string{"Last-Modified: Monday, 23-Nov-26 10:00:00 GMT", "Expires: tomorrow", "Content-Length: 0"}},
		{lines: []string{`ETag: "v1"`, "Content-Length: 0"}, setup: sent(false)},
		{lines: []string{`ETag: "v1"`, "Last-Modified: Mon, 23 Nov 2026 10:00:00 GMT", "Content-Length: 0"},
			setup: sent(false, `If-None-Match: "v1"`)},
		{lines: []string{"Last-Modified: Mon, 23 Nov 2026 10:00:00 GMT", "Content-Length: 0"},
			setup: sent(false, "If-Modified-Since: Mon, 23 Nov 2026 10:00:00 GMT")},
		{lines: []string{"Content-Length: 0"}, setup: sent(false, `If-None-Match: "v1"`)},
		{lines: []string{`ETag: "v2"`, "Content-Length: 0"}, setup: sent(false, `If-None-Match: "v1"`)},
		{lines: []string{"Content-Length: 0"}, setup: func(ex *probe.Exchange) {
			if len(ex.Interim) > 0 {
				ex.Interim[0].Trailers = []probe.Field{{Name: "X-A", Value: "1"}}
			}
		}},
	}
}

// stream builds the response bytes for a status code and a variant. A 1xx is sent as an
// interim response carrying the variant's fields, followed by a plain 200.
func (v variant) stream(code int) string {
	format := v.status
	if format == "" {
		format = "HTTP/1.1 %d Reason"
	}
	status := fmt.Sprintf(format, code)
	lines := []string{status}
	if !v.noDate {
		lines = append(lines, "Date: "+claimDate)
	}
	lines = append(lines, v.lines...)
	h := strings.Join(lines, "\r\n") + "\r\n\r\n"
	if code < 200 {
		return h + "HTTP/1.1 200 OK\r\nDate: " + claimDate + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
	}
	return h + v.body
}

// firing is one finding of a rule on a generated exchange.
type firing struct {
	code int
	f    check.Finding
}

// exchanges are the generated exchanges of each status code, built once per test.
type exchanges map[int][]*probe.Exchange

// of returns the exchanges for code: every variant with every common method.
func (e exchanges) of(code int) []*probe.Exchange {
	if xs, ok := e[code]; ok {
		return xs
	}
	var xs []*probe.Exchange
	for _, v := range variants() {
		for _, m := range []string{"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT"} {
			ex := probe.Parse([]byte(v.stream(code)), m)
			if ex.Err != nil || ex.Response == nil {
				continue
			}
			if v.setup != nil {
				v.setup(ex)
			}
			xs = append(xs, ex)
		}
	}
	e[code] = xs
	return xs
}

// addHTTP2 adds real HTTP/2 exchanges to the generated ones: the lab's /h2/… scenarios, each
// requested with prior knowledge from a lab started for the test, so that sentences about the
// HTTP/2 rules are held to what those rules find on the wire.
func (e exchanges) addHTTP2(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := lab.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatalf("lab: %v", err)
	}
	defer srv.Close()
	for _, sc := range lab.Scenarios() {
		if !sc.HTTP2 {
			continue
		}
		req := sc.Request(srv.URL())
		req.Timeout, req.Grace = 5*time.Second, 100*time.Millisecond
		ex, _ := probe.Do(ctx, req)
		if ex == nil || ex.Response == nil {
			t.Fatalf("%s: no response: %v", sc.Path, ex.Err)
		}
		code := ex.Response.Status.Code
		if code < 100 { // no :status at all: kept with the codes outside 100–599
			code = 600
		}
		e[code] = append(e.of(code), ex)
	}
}

// firings runs rule on the generated exchanges of every code in codes.
func (e exchanges) firings(rule check.Rule, codes []int) []firing {
	var out []firing
	for _, code := range codes {
		for _, ex := range e.of(code) {
			for _, f := range rule.Check(ex) {
				out = append(out, firing{code, f})
			}
		}
	}
	return out
}

// problems says where a claim disagrees with the catalog, one line per disagreement.
func (c claim) problems(e exchanges) []string {
	var out []string
	if len(c.parts) == 0 {
		return []string{"names no rule (write the rule's ID in bold: **S2**)"}
	}
	for _, p := range c.parts {
		r, ok := check.Lookup(p.rule)
		if !ok {
			out = append(out, p.rule+" is not in the check catalog")
			continue
		}
		codes := sampleCodes
		if len(p.codes) > 0 {
			codes = nil
			for _, g := range p.codes {
				codes = append(codes, g...)
			}
		}
		fs := e.firings(r, codes)
		for _, g := range p.codes {
			if !slices.ContainsFunc(fs, func(f firing) bool { return slices.Contains(g, f.code) }) {
				out = append(out, fmt.Sprintf("%s never fires on %s", p.rule, codesText(g)))
			}
		}
		for _, s := range p.sevs {
			if !slices.ContainsFunc(fs, func(f firing) bool { return f.f.Severity == s }) {
				out = append(out, fmt.Sprintf("%s is never %s on %s", p.rule, s, codesText(codes)))
			}
		}
		for _, name := range p.fields {
			if !strings.Contains(strings.ToLower(r.Title), strings.ToLower(name)) &&
				!slices.ContainsFunc(fs, func(f firing) bool {
					return strings.EqualFold(f.f.At.Name, name) || strings.Contains(f.f.Message, name)
				}) {
				out = append(out, fmt.Sprintf("%s says nothing about %s", p.rule, name))
			}
		}
	}
	return out
}

func codesText(codes []int) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = strconv.Itoa(c)
	}
	return strings.Join(s, ", ")
}

// TestClaimsMatchCatalog checks every sentence in which a document says what hsx reports: the
// rule it names exists, fires on the status codes the sentence is about, with the severities
// it gives, and is about the header fields it mentions. Every rule a document explains has such
// a sentence under its heading, with a severity.
func TestClaimsMatchCatalog(t *testing.T) {
	e := exchanges{}
	e.addHTTP2(t)
	for _, d := range content.All() {
		stated := map[string]bool{}
		for _, c := range claims(d) {
			for _, p := range c.parts {
				if len(p.sevs) > 0 {
					stated[p.rule] = true
				}
			}
			for _, why := range c.problems(e) {
				t.Errorf("%s: %q: %s", c.where, c.text, why)
			}
		}
		for id, h := range d.Explains {
			if !stated[id] {
				t.Errorf("%s.md, %s: no sentence says how hsx reports %s (\"hsx reports … as **%s** (an error)\")",
					d.Key, h, id, id)
			}
		}
	}
}

// TestClaimProblems holds what the claim check catches, on sentences written for it: each
// wrong one is a mistake the documents once made or could make.
func TestClaimProblems(t *testing.T) {
	tests := []struct {
		code int
		text string
		want string // part of a problem expected; "" for none
	}{
		{204, "hsx reports this as rule **S2** (an error).", ""},
		{204, "hsx reports this as rule **J2**: a warning on a 204.", "J2 is never warning"},
		{204, "hsx reports this as rule **J2** (information), on a 204 and on a 304.", ""},
		{304, "hsx reports a wrong length as rule **S4** (an error).", "S4 is not in the check catalog"},
		{205, "hsx reports `Content-Length: 0` on a 205 as rule **S2** (an error).", "S2 never fires on 205"},
		{304, "hsx reports `Last-Modified` next to an `ETag` as rule **S17** (information).", "S17 says nothing about Last-Modified"},
		{304, "hsx reports `Content-Type` on a 304 as rule **S17** (information).", ""},
		{429, "hsx reports an obsolete date as rule **S29** (a warning).", ""},
		{429, "hsx reports an RFC 850 date in `Retry-After` as rule **S29** (an error), not as a warning.", ""},
		{301, "hsx reports an empty `Location` on a 301 as rule **S15** (an error).", ""},
		{201, "hsx reports a 201 without `Location` as rule **S8** (a warning).", "S8 is never warning"},
		{200, "hsx reports a missing validator as information (rule **S7**), not as a warning.", ""},
		{404, "hsx reports an empty 404.", "names no rule"},
		{413, "hsx reports a 413 without `Retry-After` as rule **S23** (information).", ""},
		{413, "hsx reports a 413 without `Retry-After` on a 500 as rule **S23** (information).", "S23 never fires on 500"},
	}
	e := exchanges{}
	for _, tt := range tests {
		d := &content.Doc{Key: strconv.Itoa(tt.code), Code: tt.code, Markdown: "## H\n\n" + tt.text + "\n"}
		cs := claims(d)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1", tt.text, len(cs))
			continue
		}
		got := cs[0].problems(e)
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%q: problems %q, want none", tt.text, got)
		case tt.want != "" && !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, tt.want) }):
			t.Errorf("%q: problems %q, want one that says %q", tt.text, got, tt.want)
		}
	}
}
