// Package lab is the lab server of the HTTP side (see probe): a small HTTP server of correct
// and broken responses, for demonstrations and for learning. Each broken scenario has a
// correct twin, so the two can be compared side by side.
//
// Correct responses go through ordinary net/http handlers. Broken ones are written byte for byte
// on the hijacked connection, because net/http refuses to send some of them (a body on a 204, for
// one) and rewrites others (it strips Content-Length and Transfer-Encoding from a 204). Every raw
// response carries a current Date and "Server: hsx-lab", so that it breaks only the rules its
// scenario declares; the connection is closed after it.
//
// One table, returned by Scenarios, drives the server, the listing of `hsx lab --list` and the
// tests that hold the lab, the probe and the check catalog to the same contract.
package lab

import (
	"net/http"
	"slices"
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// Scenario is one path of the lab and what it teaches.
type Scenario struct {
	// Path is the URL path, e.g. "/204/body". A path with a parameter names it in capitals
	// ("/bytes/N"); Example gives a concrete path.
	Path string
	// Methods are the request methods the scenario is meant to be requested with; nil means any
	// method. It is advice, not a restriction: the server does not refuse other methods.
	Methods []string
	// Headers are the request fields, each "Name: value", the scenario is meant to be requested
	// with, as curl's -H gives them: the Origin of a CORS request, the condition of a conditional
	// one. Like Methods they are advice: the server answers without them too.
	Headers []string
	// Description says in one line what the server sends.
	Description string
	// Code is the status code of the final response; 0 when the server never answers, -1 when
	// its response has no status (an HTTP/2 head without :status).
	Code int
	// Rules are the IDs of the check catalog the response is meant to trigger (errors and
	// warnings, plus the informational ones the scenario exists to show); nil for a correct one.
	Rules []string
	// Twin is the path of the correct (or broken) counterpart, "" if there is none.
	Twin string
	// GoClient is what the application of Go's net/http client makes of a broken scenario's
	// response when hsx replays it (hsx check --clients); the zero value for a correct one.
	GoClient ClientOutcome
	// HTTP2 reports whether the scenario is served over HTTP/2 only: request it with prior
	// knowledge (h2c, --http2-prior-knowledge) on the lab's port. Over HTTP/1.1 it answers 505.
	HTTP2 bool

	example string           // concrete path for a parameterised Path
	pattern string           // http.ServeMux pattern; "" means Path
	raw     *rawResponse     // written on the hijacked connection
	serve   http.HandlerFunc // an ordinary handler, when raw is nil
	frames  h2Frames         // the frames of an HTTP/2 scenario
}

// ClientOutcome is what a client's application makes of a response replayed to it, in each of
// the two deliveries: the captured bytes together, or the bytes past the framing late.
type ClientOutcome struct {
	Together, Late string
}

// What a client's application made of a replayed response, in one delivery.
const (
	// ClientOK: the response as it was sent, then the next request worked.
	ClientOK = "ok"
	// ClientWarned: the same, with a warning printed on the side.
	ClientWarned = "warned"
	// ClientFirstFailed: an error, or something other than what was sent.
	ClientFirstFailed = "first failed"
	// ClientNextFailed: the response arrived, then the next request failed.
	ClientNextFailed = "next failed"
)

// both is the outcome of a client that does the same in both deliveries.
func both(outcome string) ClientOutcome { return ClientOutcome{outcome, outcome} }

// Example returns a concrete path that requests the scenario: Path itself, or for a path with a
// parameter such as "/bytes/N", a path with a sample value.
func (s Scenario) Example() string {
	if s.example != "" {
		return s.example
	}
	return s.Path
}

// Method returns the method to request the scenario with: the first of Methods, or GET.
func (s Scenario) Method() string {
	if len(s.Methods) > 0 {
		return s.Methods[0]
	}
	return http.MethodGet
}

// Request returns the request the scenario is meant to be sent with, to the lab at baseURL:
// its Method, its Example path and its Headers.
func (s Scenario) Request(baseURL string) probe.Request {
	req := probe.Request{Method: s.Method(), URL: baseURL + s.Example()}
	if s.HTTP2 {
		req.HTTP2 = probe.HTTP2Prior // served as HTTP/2 frames only
	}
	for _, h := range s.Headers {
		name, value, _ := strings.Cut(h, ":")
		req.Header = append(req.Header, probe.Field{Name: name, Value: strings.TrimLeft(value, " \t"), Line: -1})
	}
	return req
}

// methods returns Methods for display: "any" when nil.
func (s Scenario) methods() string {
	if len(s.Methods) == 0 {
		return "any"
	}
	return strings.Join(s.Methods, ",")
}

// rules returns Rules for display: "-" when nil.
func (s Scenario) rules() string {
	if len(s.Rules) == 0 {
		return "-"
	}
	return strings.Join(s.Rules, ",")
}

// Lookup returns the scenario whose Path is path.
func Lookup(path string) (Scenario, bool) {
	all := Scenarios()
	i := slices.IndexFunc(all, func(s Scenario) bool { return s.Path == path })
	if i < 0 {
		return Scenario{}, false
	}
	return all[i], true
}
