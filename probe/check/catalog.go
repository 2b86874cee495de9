package check

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/hsx-dev/hsx/probe"
)

// Rules returns the catalog: every rule that can be judged from one exchange, in a stable
// order (framing and message rules, then media type and content coding rules, then status code
// rules). The slice is the caller's own; changing it changes no other.
func Rules() []Rule { return slices.Clone(catalog()) }

// catalog returns the table of rules, built on first use and shared afterwards. It is a
// sync.OnceValue rather than a package-level slice, so that nothing can assign to the table;
// Lookup and Run only read it, and Rules hands out copies.
var catalog = sync.OnceValue(func() []Rule {
	return append([]Rule{
		rule("F1", Error, "Status line is malformed", "RFC 9112 §4; RFC 9112 §2.3", statusLineMalformed),
		rule("F2", Error, "No space after the status code", "RFC 9112 §4", spaceAfterStatusCode),
		rule("F3", Error, "Status code outside 100–599", "RFC 9110 §15", statusCodeOutOfRange),
		rule("F4", Error, "Reason phrase has invalid characters", "RFC 9112 §4; RFC 9110 §2.2", reasonPhraseChars),
		rule("F5", Warning, "Line does not end in CRLF", "RFC 9112 §2.2", lineEndings),
		rule("F6", Error, "Whitespace before the first header field", "RFC 9112 §2.2", whitespaceBeforeFirstField),
		rule("F7", Error, "Field name is not a token", "RFC 9110 §5.1; RFC 9112 §5.1", fieldNameNotToken),
		rule("F8", Error, "Field value has invalid characters", "RFC 9110 §5.5", fieldValueChars),
		rule("F9", Error, "Obsolete line folding", "RFC 9112 §5.2", obsoleteLineFolding),
		rule("F10", Error, "Singleton field repeated", "RFC 9110 §5.3", singletonRepeated),
		rule("F11", Error, "Content-Length is not a number", "RFC 9110 §8.6; RFC 9112 §6.3", contentLengthNotNumber),
		rule("F12", Error, "Both Content-Length and Transfer-Encoding", "RFC 9112 §6.2; RFC 9112 §6.3", contentLengthWithTransferEncoding),
		rule("F13", Error, "Body length does not match its framing", "RFC 9112 §6.3", bodyLengthMismatch),
		rule("F14", Error, "Transfer-Encoding misuses chunked", "RFC 9112 §6.1", chunkedMisused),
		rule("F15", Error, "Transfer-Encoding in a response to HTTP/1.0", "RFC 9112 §6.1", transferEncodingToHTTP10),
		rule("F16", Info, "Body delimited by closing the connection", "RFC 9112 §6.3; RFC 9110 §8.6", closeDelimitedBody),
		rule("F17", Warning, "Date missing or not IMF-fixdate", "RFC 9110 §6.6.1; RFC 9110 §5.6.7", dateMissingOrMalformed),
		rule("F18", Warning, "Content without Content-Type", "RFC 9110 §8.3", contentWithoutType),
		rule("F20", Info, "Trailer field not declared in Trailer", "RFC 9110 §6.6.2", trailerNotDeclared),
		rule("U1", Info, "Field value carries an invisible character", "RFC 9110 §5.5", invisibleInFieldValue),
		rule("J1", Warning, "Body labelled JSON is not JSON", "RFC 8259 §2; RFC 8259 §8.1", jsonBodyInvalid),
		rule("J2", Info, "JSON Content-Type on a response without content", "RFC 9110 §8.3; RFC 9110 §15.3.5; RFC 9110 §15.4.5", jsonTypeWithoutContent),
		rule("E1", Error, "Coded content does not decode", "RFC 9110 §8.4; RFC 9110 §8.4.1", codingDoesNotDecode),
		rule("E2", Warning, "Content coding the request did not accept", "RFC 9110 §12.5.3; RFC 9110 §8.4", codingNotAccepted),
		rule("S1", Error, "1xx response with content or trailers", "RFC 9110 §15.2; RFC 9112 §6.3", contentIn1xx),
		rule("S2", Error, "Content-Length in a 1xx or 204 response", "RFC 9110 §8.6", contentLengthIn1xxOr204),
		rule("S3", Error, "Transfer-Encoding in a 1xx or 204 response", "RFC 9112 §6.1", transferEncodingIn1xxOr204),
		rule("S5", Error, "101 or 426 without Upgrade", "RFC 9110 §7.8; RFC 9110 §15.2.2; RFC 9110 §15.5.22", upgradeMissing),
		rule("S7", Info, "200 without ETag or Last-Modified", "RFC 9110 §8.8.2.1; RFC 9110 §8.8.3.1", validatorMissingOn200),
		rule("S8", Info, "201 without Location", "RFC 9110 §15.3.2", locationMissingOn201),
		rule("S9", Error, "204 response with content or trailers", "RFC 9110 §15.3.5; RFC 9110 §6.4.1; RFC 9112 §6.3", bodyAfter204),
		rule("S10", Error, "205 response with content", "RFC 9110 §15.3.6; RFC 9112 §6.3", contentIn205),
		rule("S11", Error, "206 without Content-Range", "RFC 9110 §15.3.7.1", contentRangeMissingOn206),
		rule("S12", Error, "Malformed multipart 206", "RFC 9110 §15.3.7.2", multipart206Malformed),
		rule("S14", Warning, "Redirect without Location", "RFC 9110 §15.4.1; RFC 9110 §15.4.2; RFC 9110 §15.4.3; RFC 9110 §15.4.4; RFC 9110 §15.4.8; RFC 9110 §15.4.9", redirectWithoutLocation),
		rule("S15", Error, "Location is empty or not a URI reference", "RFC 9110 §10.2.2", locationInvalid),
		rule("S16", Error, "304 response with content or trailers", "RFC 9110 §15.4.5; RFC 9112 §6.3", bodyAfter304),
		rule("S17", Info, "304 with representation metadata", "RFC 9110 §15.4.5", metadataIn304),
		rule("S19", Error, "401 without WWW-Authenticate", "RFC 9110 §15.5.2; RFC 9110 §11.6.1", wwwAuthenticateMissingOn401),
		rule("S20", Error, "405 without a correct Allow", "RFC 9110 §15.5.6; RFC 9110 §10.2.1", allowIncorrectOn405),
		rule("S22", Error, "407 without Proxy-Authenticate", "RFC 9110 §15.5.8", proxyAuthenticateMissingOn407),
		rule("S23", Info, "413 without Retry-After", "RFC 9110 §15.5.14", retryAfterMissingOn413),
		rule("S24", Warning, "416 without Content-Range: bytes */length", "RFC 9110 §15.5.17; RFC 9110 §14.4", contentRangeMissingOn416),
		rule("S25", Info, "Precondition status without a precondition", "RFC 9110 §15.5.13; RFC 9110 §15.5.17; RFC 9110 §15.5.18", preconditionNotAsked),
		rule("S29", Error, "Retry-After missing or malformed", "RFC 6585 §4; RFC 9110 §10.2.3; RFC 9110 §15.6.4", retryAfterMissingOrMalformed),
		rule("S30", Info, "Error response without an explanation", "RFC 9110 §15.5; RFC 9110 §15.6", errorWithoutExplanation),
		rule("S33", Error, "Response to HEAD with content", "RFC 9110 §9.3.2", contentInHeadResponse),
		rule("S34", Error, "2xx to CONNECT with framing fields", "RFC 9110 §8.6; RFC 9112 §6.1", framingOnConnect2xx),
		// Ranges, redirects, authentication and content codings; then the rules that compare a
		// follow-up exchange with the one before it (check --deep).
		rule("R1", Error, "206 with an invalid Content-Range", "RFC 9110 §14.4; RFC 9110 §15.3.7.1", contentRangeInvalid),
		rule("R2", Error, "206 length disagrees with its Content-Range", "RFC 9110 §14.4; RFC 9110 §8.6", contentRangeLength),
		rule("R3", Error, "Multipart 206 part without a correct Content-Range", "RFC 9110 §15.3.7.2; RFC 9110 §14.6", byteRangesPart),
		rule("R4", Warning, "Accept-Ranges is not a list of range units", "RFC 9110 §14.3", acceptRangesSyntax),
		rule("R5", Info, "206 to a request without Range", "RFC 9110 §15.3.7; RFC 9110 §14.2", partialWithoutRange),
		rule("R6", Error, "206 does not answer the Range asked for", "RFC 9110 §15.3.7.2; RFC 9110 §14.2", partialNotRequested),
		rule("R7", Info, "Content-Range outside a 206 or 416", "RFC 9110 §14.4", contentRangeMeaningless),
		rule("R8", Info, "Range ignored despite Accept-Ranges: bytes", "RFC 9110 §14.3; RFC 9110 §14.2", rangeIgnored),
		rule("D1", Info, "301 or 302 to a POST", "RFC 9110 §15.4.2; RFC 9110 §15.4.3; RFC 9110 §15.4.4", redirectAfterPost),
		rule("D2", Warning, "Redirect to its own URI", "RFC 9110 §15.4; RFC 9110 §10.2.2", redirectToItself),
		rule("D3", Info, "Location on a status that does not use it", "RFC 9110 §10.2.2", locationIgnored),
		rule("D4", Warning, "305 or 306 status", "RFC 9110 §15.4.6; RFC 9110 §15.4.7", obsoleteRedirect),
		rule("A1", Error, "Challenge is not valid syntax", "RFC 9110 §11.3; RFC 9110 §11.2; RFC 9110 §11.6.1", challengeSyntax),
		rule("A2", Error, "Basic challenge without realm", "RFC 7617 §2; RFC 7617 §2.1", basicWithoutRealm),
		rule("A3", Warning, "Bearer error code and status disagree", "RFC 6750 §3.1", bearerErrorStatus),
		rule("A4", Info, "Challenge on a 403", "RFC 9110 §15.5.4; RFC 9110 §15.5.2", challengeOn403),
		rule("A5", Error, "Challenge parameter repeated", "RFC 9110 §11.2", challengeParamRepeated),
		rule("E3", Info, "Content-Encoding on a 204", "RFC 9110 §8.4; RFC 9110 §15.3.5", codingOnNoContent),
		rule("E4", Warning, "Content coding listed twice", "RFC 9110 §8.4", codingRepeated),
		rule("E5", Warning, "Coded response without Vary: Accept-Encoding", "RFC 9110 §12.5.5; RFC 9110 §12.5.3", varyAcceptEncodingMissing),
		rule("E6", Info, "206 of coded content", "RFC 9110 §14.1; RFC 9110 §8.4", codedRange),
		rule("S18", Error, "Content-Length unlike the GET's", "RFC 9110 §8.6; RFC 9110 §9.3.2", lengthUnlikeGet),
		rule("S37", Warning, "HEAD answered unlike GET", "RFC 9110 §9.3.2", headUnlikeGet),
		rule("S38", Warning, "304 without the 200's cache fields", "RFC 9110 §15.4.5", notModifiedFields),
		// CORS: judged only when the request carried Origin
		rule("C1", Error, "Preflight does not allow the requested method", "Fetch §4.8", preflightMethodNotAllowed),
		rule("C2", Error, "Preflight does not allow a requested header", "Fetch §4.8", preflightHeaderNotAllowed),
		rule("C3", Error, "Preflight status outside 200–299", "Fetch §4.8; Fetch §2.2.3", preflightNotOK),
		rule("C4", Error, "Access-Control-Allow-Origin * with credentials", "Fetch §3.3.5; Fetch §4.10", wildcardOriginWithCredentials),
		rule("C5", Error, "Access-Control-Allow-Origin is not one origin", "Fetch §3.3.4; Fetch §4.10", allowOriginNotOneOrigin),
		rule("C6", Warning, "Access-Control-Allow-Credentials other than true", "Fetch §3.3.4; Fetch §4.10", allowCredentialsNotTrue),
		rule("C7", Error, "Access-Control-Allow-Methods or -Headers is not a list of tokens", "Fetch §3.3.4; Fetch §4.8", allowListNotTokens),
		rule("C8", Info, "Echoed origin without Vary: Origin", "RFC 9110 §12.5.5", echoedOriginWithoutVary),
		rule("C9", Warning, "Access-Control-Max-Age is not a number of seconds", "Fetch §3.3.4; Fetch §4.8", maxAgeMalformed),
		rule("C10", Info, "Access-Control-Max-Age longer than browsers keep", "Fetch §4.8", maxAgeAboveBrowserCap),
		rule("C11", Info, "Preflight answered with content", "RFC 9110 §9.3.7", preflightWithContent),
		rule("C12", Info, "Origin not allowed to read the response", "Fetch §4.10", originNotAllowed),
		// validators, freshness and conditional requests
		rule("K1", Error, "ETag is not an entity-tag", "RFC 9110 §8.8.3", etagMalformed),
		rule("K2", Error, "Last-Modified later than Date", "RFC 9110 §8.8.2.1", lastModifiedAfterDate),
		rule("K3", Warning, "Last-Modified or Expires not an IMF-fixdate", "RFC 9110 §5.6.7", dateNotIMFFixdate),
		rule("K4", Warning, "Expires is not an HTTP-date", "RFC 9111 §5.3", expiresInvalid),
		rule("K5", Error, "Age is not a number of seconds", "RFC 9111 §5.1", ageMalformed),
		rule("K6", Error, "Cache-Control directive is malformed", "RFC 9111 §5.2; RFC 9111 §1.2.2; RFC 9111 §5.2.2.1; RFC 9111 §5.2.2.10", cacheControlMalformed),
		rule("K7", Warning, "Contradictory Cache-Control directives", "RFC 9111 §4.2.1", cacheControlContradicts),
		rule("K8", Warning, "304 to a request that cannot get one", "RFC 9110 §15.4.5; RFC 9110 §13.1.2", notModifiedWithoutCondition),
		rule("K9", Warning, "304 to If-None-Match without ETag", "RFC 9110 §15.4.5", notModifiedWithoutETag),
		rule("K10", Error, "412 where a 304 is due", "RFC 9110 §13.1.2; RFC 9110 §13.1.3", preconditionFailedForGet),
		rule("K11", Error, "200 where a 304 is due", "RFC 9110 §13.1.2; RFC 9110 §13.1.3", fullResponseWhereNotModified),
		rule("K12", Warning, "304 with an ETag the request did not name", "RFC 9110 §13.1.2; RFC 9111 §4.3.4", notModifiedOtherETag),
	}, h2Rules()...)
})

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	for _, r := range catalog() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Run judges ex against every rule of the catalog. Findings come most severe first, then in
// the order of the bytes they point at on the wire, then in catalog order. An exchange without
// a final response (nil, or failed) has no findings.
func Run(ex *probe.Exchange) []Finding {
	if ex == nil || ex.Err != nil || ex.Response == nil {
		return nil
	}
	type placed struct {
		f   Finding
		pos int64
	}
	var all []placed
	for _, r := range catalog() {
		if !appliesTo(r.ID, ex) {
			continue
		}
		for _, f := range r.Check(ex) {
			all = append(all, placed{f, position(ex, f.At)})
		}
	}
	slices.SortStableFunc(all, func(a, b placed) int {
		if c := cmp.Compare(b.f.Severity, a.f.Severity); c != 0 {
			return c
		}
		return cmp.Compare(a.pos, b.pos)
	})
	out := make([]Finding, len(all))
	for i, p := range all {
		out[i] = p.f
	}
	return out
}

// note is what a rule's function reports: a message and a location, and a severity when it
// differs from the rule's usual one.
type note struct {
	msg string
	at  Location
	sev Severity
	own bool // sev overrides the rule's severity
}

// newNote returns a note at loc with a formatted message.
func newNote(loc Location, format string, args ...any) note {
	return note{msg: fmt.Sprintf(format, args...), at: loc}
}

// with returns n with its own severity.
func (n note) with(s Severity) note {
	n.sev, n.own = s, true
	return n
}

// rule builds a catalog entry whose Check turns fn's notes into findings carrying the rule's
// ID, reference and severity.
func rule(id string, sev Severity, title, ref string, fn func(*probe.Exchange) []note) Rule {
	return Rule{
		ID: id, Severity: sev, Title: title, Ref: ref,
		Check: func(ex *probe.Exchange) []Finding {
			if ex == nil || ex.Response == nil {
				return nil
			}
			notes := fn(ex)
			if len(notes) == 0 {
				return nil
			}
			out := make([]Finding, len(notes))
			for i, n := range notes {
				s := sev
				if n.own {
					s = n.sev
				}
				out[i] = Finding{ID: id, Severity: s, Message: n.msg, Ref: ref, At: n.at}
			}
			return out
		},
	}
}
