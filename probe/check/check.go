// Package check is the rule catalog of the HTTP side (see probe): it judges an exchange
// against the requirements of RFC 9110, RFC 9112 and related specifications. The catalog is a
// table of rules; each rule is data (an ID, a severity, a title and a reference) and one small
// function from an exchange to findings. Findings say exactly where the problem is, so that a
// view can highlight it.
//
// Explanations of the rules live in the content package, looked up by rule ID.
package check

import (
	"github.com/hsx-dev/hsx/probe"
)

// Severity is how serious a finding is. The policy: Error breaks a MUST or MUST NOT or makes
// mainstream clients fail; Warning breaks a SHOULD or is a well-known client pitfall; Info is
// worth knowing but not wrong.
type Severity uint8

// The severities, least serious first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// Glyph returns the one-cell text mark of a severity, which survives the loss of color:
// "✗" error, "!" warning, "i" info.
func (s Severity) Glyph() string {
	switch s {
	case Error:
		return "✗"
	case Warning:
		return "!"
	}
	return "i"
}

// Where says which part of an exchange a finding points at.
type Where uint8

// The parts of an exchange a finding can point at.
const (
	AtMessage    Where = iota // the response as a whole (e.g. something missing)
	AtStatusLine              // the final response's status line
	AtHeader                  // one header field of the final response
	AtLine                    // one line of the final response's head (for lines that are not fields)
	AtBody                    // a byte range of the decoded body
	AtExtra                   // a byte range of the extra bytes after the response
	AtTrailer                 // one trailer field
	AtInterim                 // one interim (1xx) response
	// AtContent is a byte range of the content with its content coding removed
	// (Response.Coding.Content); rules that read content point there when a coding applied.
	AtContent
	// AtFrame is one HTTP/2 frame (Exchange.Frames), and with Name one field of the header
	// block it begins.
	AtFrame
)

// Location is exactly where a finding points.
type Location struct {
	Where Where
	// Index is the index in Response.Header (AtHeader), Response.Lines (AtLine),
	// Response.Trailers (AtTrailer), Exchange.Interim (AtInterim) or Exchange.Frames (AtFrame).
	Index int
	// Name is the field name, for AtHeader and AtTrailer, and for AtFrame when the finding is
	// about one field of the frame's header block.
	Name string
	// Start and End are a half-open byte range, for AtBody, AtContent and AtExtra.
	Start, End int64
}

// Finding is one rule broken (or one fact noted) by one exchange.
type Finding struct {
	ID       string
	Severity Severity
	// Message is one line that names the offending value.
	Message string
	// Ref is the reference, in "RFC 9110 §15.3.5" style.
	Ref string
	At  Location
}

// Rule is one requirement of the catalog.
type Rule struct {
	ID       string
	Severity Severity // the severity of the rule's usual finding
	// Title is a short name for the requirement, e.g. "204 response has content".
	Title string
	Ref   string
	// Check returns the findings for ex. It is only called when ex has a final response.
	Check func(ex *probe.Exchange) []Finding
}
