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
)

// Scenario is one path of the lab and what it teaches.
type Scenario struct {
	// Path is the URL path, e.g. "/204/body". A path with a parameter names it in capitals
	// ("/bytes/N"); Example gives a concrete path.
	Path string
	// Methods are the request methods the scenario is meant to be requested with; nil means any
	// method. It is advice, not a restriction: the server does not refuse other methods.
	Methods []string
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
	// HTTP2 reports whether the scenario is served over HTTP/2 only: request it with prior
	// knowledge (h2c, --http2-prior-knowledge) on the lab's port. Over HTTP/1.1 it answers 505.
	HTTP2 bool

	example string           // concrete path for a parameterised Path
	pattern string           // http.ServeMux pattern; "" means Path
	raw     *rawResponse     // written on the hijacked connection
	serve   http.HandlerFunc // an ordinary handler, when raw is nil
	frames  h2Frames         // the frames of an HTTP/2 scenario
}

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
