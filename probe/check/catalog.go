package check

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/hsx-dev/hsx/probe"
)

// Rules returns the catalog: every rule that can be judged from one exchange, in a stable
// order (framing and message rules, then media type and content coding rules, then status code
// rules).
func Rules() []Rule {
	return []Rule{
		rule("F1", Error, "Status line is malformed", "RFC 9112 §4; RFC 9112 §2.3", checkF1),
		rule("F2", Error, "No space after the status code", "RFC 9112 §4", checkF2),
		rule("F3", Error, "Status code outside 100–599", "RFC 9110 §15", checkF3),
		rule("F4", Error, "Reason phrase has invalid characters", "RFC 9112 §4; RFC 9110 §2.2", checkF4),
		rule("F5", Warning, "Line does not end in CRLF", "RFC 9112 §2.2", checkF5),
		rule("F6", Error, "Whitespace before the first header field", "RFC 9112 §2.2", checkF6),
		rule("F7", Error, "Field name is not a token", "RFC 9110 §5.1; RFC 9112 §5.1", checkF7),
		rule("F8", Error, "Field value has invalid characters", "RFC 9110 §5.5", checkF8),
		rule("F9", Error, "Obsolete line folding", "RFC 9112 §5.2", checkF9),
		rule("F10", Error, "Singleton field repeated", "RFC 9110 §5.3", checkF10),
		rule("F11", Error, "Content-Length is not a number", "RFC 9110 §8.6; RFC 9112 §6.3", checkF11),
		rule("F12", Error, "Both Content-Length and Transfer-Encoding", "RFC 9112 §6.2; RFC 9112 §6.3", checkF12),
		rule("F13", Error, "Body length does not match its framing", "RFC 9112 §6.3", checkF13),
		rule("F14", Error, "Transfer-Encoding misuses chunked", "RFC 9112 §6.1", checkF14),
		rule("F15", Error, "Transfer-Encoding in a response to HTTP/1.0", "RFC 9112 §6.1", checkF15),
		rule("F16", Info, "Body delimited by closing the connection", "RFC 9112 §6.3; RFC 9110 §8.6", checkF16),
		rule("F17", Warning, "Date missing or not IMF-fixdate", "RFC 9110 §6.6.1; RFC 9110 §5.6.7", checkF17),
		rule("F18", Warning, "Content without Content-Type", "RFC 9110 §8.3", checkF18),
		rule("F20", Info, "Trailer field not declared in Trailer", "RFC 9110 §6.6.2", checkF20),
		rule("U1", Info, "Field value carries an invisible character", "RFC 9110 §5.5", checkU1),
		rule("J1", Warning, "Body labelled JSON is not JSON", "RFC 8259 §2; RFC 8259 §8.1", checkJ1),
		rule("J2", Info, "JSON Content-Type on a response without content", "RFC 9110 §8.3; RFC 9110 §15.3.5; RFC 9110 §15.4.5", checkJ2),
		rule("E1", Error, "Coded content does not decode", "RFC 9110 §8.4; RFC 9110 §8.4.1", checkE1),
		rule("E2", Warning, "Content coding the request did not accept", "RFC 9110 §12.5.3; RFC 9110 §8.4", checkE2),
		rule("S1", Error, "1xx response with content or trailers", "RFC 9110 §15.2; RFC 9112 §6.3", checkS1),
		rule("S2", Error, "Content-Length in a 1xx or 204 response", "RFC 9110 §8.6", checkS2),
		rule("S3", Error, "Transfer-Encoding in a 1xx or 204 response", "RFC 9112 §6.1", checkS3),
		rule("S5", Error, "101 or 426 without Upgrade", "RFC 9110 §7.8; RFC 9110 §15.2.2; RFC 9110 §15.5.22", checkS5),
		rule("S7", Info, "200 without ETag or Last-Modified", "RFC 9110 §8.8.2.1; RFC 9110 §8.8.3.1", checkS7),
		rule("S8", Info, "201 without Location", "RFC 9110 §15.3.2", checkS8),
		rule("S9", Error, "204 response with content or trailers", "RFC 9110 §15.3.5; RFC 9110 §6.4.1; RFC 9112 §6.3", checkS9),
		rule("S10", Error, "205 response with content", "RFC 9110 §15.3.6; RFC 9112 §6.3", checkS10),
		rule("S11", Error, "206 without Content-Range", "RFC 9110 §15.3.7.1", checkS11),
		rule("S12", Error, "Malformed multipart 206", "RFC 9110 §15.3.7.2", checkS12),
		rule("S14", Warning, "Redirect without Location", "RFC 9110 §15.4.1; RFC 9110 §15.4.2; RFC 9110 §15.4.3; RFC 9110 §15.4.4; RFC 9110 §15.4.8; RFC 9110 §15.4.9", checkS14),
		rule("S15", Error, "Location is empty or not a URI reference", "RFC 9110 §10.2.2", checkS15),
		rule("S16", Error, "304 response with content or trailers", "RFC 9110 §15.4.5; RFC 9112 §6.3", checkS16),
		rule("S17", Info, "304 with representation metadata", "RFC 9110 §15.4.5", checkS17),
		rule("S19", Error, "401 without WWW-Authenticate", "RFC 9110 §15.5.2; RFC 9110 §11.6.1", checkS19),
		rule("S20", Error, "405 without a correct Allow", "RFC 9110 §15.5.6; RFC 9110 §10.2.1", checkS20),
		rule("S22", Error, "407 without Proxy-Authenticate", "RFC 9110 §15.5.8", checkS22),
		rule("S23", Info, "413 without Retry-After", "RFC 9110 §15.5.14", checkS23),
		rule("S24", Warning, "416 without Content-Range: bytes */length", "RFC 9110 §15.5.17; RFC 9110 §14.4", checkS24),
		rule("S25", Info, "Precondition status without a precondition", "RFC 9110 §15.5.13; RFC 9110 §15.5.17; RFC 9110 §15.5.18", checkS25),
		rule("S29", Error, "Retry-After missing or malformed", "RFC 6585 §4; RFC 9110 §10.2.3; RFC 9110 §15.6.4", checkS29),
		rule("S30", Info, "Error response without an explanation", "RFC 9110 §15.5; RFC 9110 §15.6", checkS30),
		rule("S33", Error, "Response to HEAD with content", "RFC 9110 §9.3.2", checkS33),
		rule("S34", Error, "2xx to CONNECT with framing fields", "RFC 9110 §8.6; RFC 9112 §6.1", checkS34),
	}
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	for _, r := range Rules() {
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
	for _, r := range Rules() {
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
