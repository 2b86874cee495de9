package check

import (
	"strings"
	"testing"
)

// cached is a 200 with the given fields after Date and five bytes of text.
func cached(fields ...string) string {
	return head(append(append([]string{"HTTP/1.1 200 OK", date}, fields...), "Content-Type: text/plain", "Content-Length: 5")...) + "hello"
}

// notModified is a 304 with the given fields after Date.
func notModified(fields ...string) string {
	return head(append([]string{"HTTP/1.1 304 Not Modified", date}, fields...)...)
}

// cachingCases are the cases of the validator, freshness and conditional request rules.
func cachingCases() []ruleCase {
	earlier := "Mon, 23 Nov 2026 10:00:00 GMT"
	later := "Wed, 25 Nov 2026 10:00:00 GMT"
	return []ruleCase{
		// K1
		{id: "K1", name: "unquoted", stream: cached("ETag: abc123"), want: fires(Error, atHeader(1, "ETag"))},
		{id: "K1", name: "lower-case weak prefix", stream: cached(`ETag: w/"abc"`), want: fires(Error, atHeader(1, "ETag"))},
		{id: "K1", name: "two tags", stream: cached(`ETag: "a", "b"`), want: fires(Error, atHeader(1, "ETag"))},
		{id: "K1", name: "space inside", stream: cached(`ETag: "a b"`), want: fires(Error, atHeader(1, "ETag"))},
		{id: "K1", name: "strong", stream: cached(`ETag: "6488865a-267"`)},
		{id: "K1", name: "weak", stream: cached(`ETag: W/"15-7KZQbTYdYmDNbvZmBd1hDmtc2AM"`)},
		{id: "K1", name: "empty tag", stream: cached(`ETag: ""`)},
		// K2
		{id: "K2", name: "after Date", stream: cached("Last-Modified: " + later), want: fires(Error, atHeader(1, "Last-Modified"))},
		{id: "K2", name: "before Date", stream: cached("Last-Modified: " + earlier)},
		{id: "K2", name: "equal to Date", stream: cached("Last-Modified: " + testDate)},
		// K3
		{id: "K3", name: "Last-Modified in RFC 850 format", stream: cached("Last-Modified: Monday, 23-Nov-26 10:00:00 GMT"), want: fires(Warning, atHeader(1, "Last-Modified"))},
		{id: "K3", name: "Last-Modified not a date", stream: cached("Last-Modified: 2026-11-23T10:00:00Z"), want: fires(Warning, atHeader(1, "Last-Modified"))},
		{id: "K3", name: "Expires in asctime format", stream: cached("Expires: Wed Nov 25 10:00:00 2026"), want: fires(Warning, atHeader(1, "Expires"))},
		{id: "K3", name: "IMF-fixdates", stream: cached("Last-Modified: "+earlier, "Expires: "+later)},
		{id: "K3", name: "Expires 0 is K4's", stream: cached("Expires: 0")},
		// K4
		{id: "K4", name: "Expires not a date", stream: cached("Expires: tomorrow"), want: fires(Warning, atHeader(1, "Expires"))},
		{id: "K4", name: "Expires 0", stream: cached("Expires: 0"), want: fires(Info, atHeader(1, "Expires"))},
		{id: "K4", name: "Expires date", stream: cached("Expires: " + later)},
		{id: "K4", name: "Expires in the past", stream: cached("Expires: Thu, 01 Jan 1970 00:00:01 GMT")},
		// K5
		{id: "K5", name: "negative", stream: cached("Age: -5"), want: fires(Error, atHeader(1, "Age"))},
		{id: "K5", name: "fraction", stream: cached("Age: 1.5"), want: fires(Error, atHeader(1, "Age"))},
		{id: "K5", name: "seconds", stream: cached("Age: 120")},
		// K6
		{id: "K6", name: "quoted max-age", stream: cached(`Cache-Control: max-age="60"`), want: fires(Error, atHeader(1, "Cache-Control"))},
		{id: "K6", name: "negative max-age", stream: cached("Cache-Control: max-age=-1"), want: fires(Error, atHeader(1, "Cache-Control"))},
		{id: "K6", name: "max-age without seconds", stream: cached("Cache-Control: public, max-age"), want: fires(Error, atHeader(1, "Cache-Control"))},
		{id: "K6", name: "semicolons", stream: cached("Cache-Control: no-cache; no-store"), want: fires(Error, atHeader(1, "Cache-Control"))},
		{id: "K6", name: "unclosed quote", stream: cached(`Cache-Control: private="Set-Cookie`), want: fires(Error, atHeader(1, "Cache-Control"))},
		{id: "K6", name: "s-maxage in the second field", stream: cached("Cache-Control: public", "Cache-Control: s-maxage=1h"), want: fires(Error, atHeader(2, "Cache-Control"))},
		{id: "K6", name: "well formed", stream: cached(`Cache-Control: public, max-age=3600, no-cache="Set-Cookie, X-A", stale-while-revalidate=30, x-ext=token`)},
		{id: "K6", name: "Django never_cache", stream: cached("Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private")},
		// K7
		{id: "K7", name: "public and private", stream: cached("Cache-Control: public, private"), want: fires(Warning, atHeader(1, "Cache-Control"))},
		{id: "K7", name: "no-store with max-age", stream: cached("Cache-Control: no-store, max-age=3600"), want: fires(Warning, atHeader(1, "Cache-Control"))},
		{id: "K7", name: "no-cache with max-age in two fields", stream: cached("Cache-Control: no-cache", "Cache-Control: max-age=60"), want: fires(Warning, atHeader(2, "Cache-Control"))},
		{id: "K7", name: "max-age twice", stream: cached("Cache-Control: max-age=60, max-age=0"), want: fires(Warning, atHeader(1, "Cache-Control"))},
		{id: "K7", name: "no-store with max-age=0", stream: cached("Cache-Control: no-store, max-age=0")},
		{id: "K7", name: "no-cache naming a field, with max-age", stream: cached(`Cache-Control: max-age=60, no-cache="Set-Cookie"`)},
		{id: "K7", name: "Express static", stream: cached("Cache-Control: public, max-age=0")},
		// K8
		{id: "K8", name: "304 to an unconditional GET", stream: notModified(`ETag: "v1"`), setup: requested(), want: fires(Warning, atStatus())},
		{id: "K8", name: "304 to a PUT", method: "PUT", stream: notModified(`ETag: "v1"`), setup: requested(`If-None-Match: "v1"`), want: fires(Warning, atStatus())},
		{id: "K8", name: "304 to If-None-Match", stream: notModified(`ETag: "v1"`), setup: requested(`If-None-Match: "v1"`)},
		{id: "K8", name: "304 to If-Modified-Since", method: "HEAD", stream: notModified(`ETag: "v1"`), setup: requested("If-Modified-Since: " + earlier)},
		{id: "K8", name: "built offline, no request to compare with", stream: notModified(`ETag: "v1"`)},
		// K9
		{id: "K9", name: "304 without ETag", stream: notModified("Cache-Control: max-age=60"), setup: requested(`If-None-Match: "v1"`), want: fires(Warning, atMessage())},
		{id: "K9", name: "304 with ETag", stream: notModified(`ETag: "v1"`), setup: requested(`If-None-Match: "v0", "v1"`)},
		{id: "K9", name: "304 to If-Modified-Since only", stream: notModified("Last-Modified: " + earlier), setup: requested("If-Modified-Since: " + earlier)},
		// K12
		{id: "K12", name: "304 naming another tag", stream: notModified(`ETag: "v2"`), setup: requested(`If-None-Match: "v1"`), want: fires(Warning, atHeader(1, "ETag"))},
		{id: "K12", name: "304 naming one of the tags, weakly", stream: notModified(`ETag: W/"v1"`), setup: requested(`If-None-Match: "v0", "v1"`)},
		{id: "K12", name: "304 to If-None-Match *", stream: notModified(`ETag: "v2"`), setup: requested("If-None-Match: *")},
		{id: "K12", name: "304 to If-Modified-Since", stream: notModified(`ETag: "v2"`), setup: requested("If-Modified-Since: " + earlier)},
		{id: "K12", name: "malformed ETag is K1's", stream: notModified("ETag: v2"), setup: requested(`If-None-Match: "v1"`)},
		// K10
		{id: "K10", name: "412 to GET with If-None-Match", stream: head("HTTP/1.1 412 Precondition Failed", date, "Content-Length: 0"),
			setup: requested(`If-None-Match: "v1"`), want: fires(Error, atStatus())},
		{id: "K10", name: "412 to PUT with If-None-Match *", method: "PUT", stream: head("HTTP/1.1 412 Precondition Failed", date, "Content-Length: 0"),
			setup: requested("If-None-Match: *")},
		{id: "K10", name: "412 to GET with If-Match", stream: head("HTTP/1.1 412 Precondition Failed", date, "Content-Length: 0"),
			setup: requested(`If-Match: "v2"`, `If-None-Match: "v1"`)},
		{id: "K10", name: "412 without conditions is S25's", stream: head("HTTP/1.1 412 Precondition Failed", date, "Content-Length: 0"), setup: requested()},
		// K11
		{id: "K11", name: "If-None-Match matches", stream: cached(`ETag: "v1"`), setup: requested(`If-None-Match: "v0", "v1"`), want: fires(Error, atHeader(1, "ETag"))},
		{id: "K11", name: "weak comparison", method: "HEAD", stream: strings.TrimSuffix(cached(`ETag: W/"v1"`), "hello"), setup: requested(`If-None-Match: "v1"`), want: fires(Error, atHeader(1, "ETag"))},
		{id: "K11", name: "If-Modified-Since not older", stream: cached("Last-Modified: " + earlier), setup: requested("If-Modified-Since: " + earlier), want: fires(Warning, atHeader(1, "Last-Modified"))},
		{id: "K11", name: "If-None-Match does not match", stream: cached(`ETag: "v2"`), setup: requested(`If-None-Match: "v1"`)},
		{id: "K11", name: "If-None-Match wins over If-Modified-Since", stream: cached(`ETag: "v2"`, "Last-Modified: "+earlier),
			setup: requested(`If-None-Match: "v1"`, "If-Modified-Since: "+later)},
		{id: "K11", name: "modified since", stream: cached("Last-Modified: " + later), setup: requested("If-Modified-Since: " + earlier)},
		{id: "K11", name: "a POST is not answered 304", method: "POST", stream: cached(`ETag: "v1"`), setup: requested(`If-None-Match: "v1"`)},
	}
}

// TestEntityTagMessages: entity-tags in messages keep their own quotes and get none added;
// a value without quotes is quoted so that it shows.
func TestEntityTagMessages(t *testing.T) {
	tests := []struct {
		id, stream string
		sent       []string
		want       string
	}{
		{"K11", cached(`ETag: "v1"`), []string{`If-None-Match: "v1"`}, `200 with ETag "v1", which the request's If-None-Match "v1" matches: a 304 was due`},
		{"K1", cached("ETag: abc123"), nil, `ETag value abc123 is not an entity-tag like "v1" or W/"v1": the tag is not in double quotes`},
		{"K1", cached("ETag: "), nil, `ETag value (empty) is not an entity-tag like "v1" or W/"v1": the tag is not in double quotes`},
		{"K9", notModified(), []string{`If-None-Match: W/"v1"`}, `304 to If-None-Match W/"v1" without ETag: a cache cannot tell which stored response it refreshes`},
	}
	for _, tt := range tests {
		ex := parse(t, tt.stream, "GET")
		requested(tt.sent...)(ex)
		fs := withID(Run(ex), tt.id)
		if len(fs) != 1 || fs[0].Message != tt.want {
			t.Errorf("%s: %+v\nwant message %q", tt.id, fs, tt.want)
		}
	}
}
