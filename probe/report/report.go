// Package report holds the reports of the HTTP side (see probe): it writes the result of
// `hsx check` as a human-readable text report, with every offending line marked by a glyph in
// the left margin (and by color on a color terminal), or as the JSON object of
// `hsx check --json`.
//
// Everything a server sent is escaped with termsafe before it is written, so no response can
// put a control sequence on the user's terminal.
package report

import (
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// Counts is how many findings of each severity a chain of exchanges has.
type Counts struct {
	Errors, Warnings, Infos int
}

// Count counts the findings of every hop.
func Count(findings [][]check.Finding) Counts {
	var c Counts
	for _, fs := range findings {
		for _, f := range fs {
			switch f.Severity {
			case check.Error:
				c.Errors++
			case check.Warning:
				c.Warnings++
			default:
				c.Infos++
			}
		}
	}
	return c
}

// marks maps the parts of one exchange to the most severe finding that points at them.
type marks struct {
	lines    map[int]check.Severity // index in Response.Lines
	trailers map[int]check.Severity // index in Response.TrailerLines
	interim  map[int]check.Severity // index in Exchange.Interim
	body     []check.Finding
	content  []check.Finding // ranges of the decoded content
	extra    []check.Finding
}

func newMarks(ex *probe.Exchange, fs []check.Finding) marks {
	m := marks{lines: map[int]check.Severity{}, trailers: map[int]check.Severity{}, interim: map[int]check.Severity{}}
	resp := ex.Response
	for _, f := range fs {
		switch f.At.Where {
		case check.AtStatusLine:
			raise(m.lines, 0, f.Severity)
		case check.AtLine:
			raise(m.lines, f.At.Index, f.Severity)
		case check.AtHeader:
			if resp != nil && f.At.Index >= 0 && f.At.Index < len(resp.Header) {
				raise(m.lines, resp.Header[f.At.Index].Line, f.Severity)
			}
		case check.AtTrailer:
			if resp != nil && f.At.Index >= 0 && f.At.Index < len(resp.Trailers) {
				raise(m.trailers, resp.Trailers[f.At.Index].Line, f.Severity)
			}
		case check.AtInterim:
			raise(m.interim, f.At.Index, f.Severity)
		case check.AtBody:
			m.body = append(m.body, f)
		case check.AtContent:
			m.content = append(m.content, f)
		case check.AtExtra:
			m.extra = append(m.extra, f)
		}
	}
	return m
}

// raise sets m[k] to s unless it already holds a more severe one.
func raise[K comparable](m map[K]check.Severity, k K, s check.Severity) {
	if old, ok := m[k]; !ok || s > old {
		m[k] = s
	}
}

// rangeMark returns the most severe finding among fs whose byte range overlaps [start, end).
func rangeMark(fs []check.Finding, start, end int64) (check.Severity, bool) {
	var sev check.Severity
	found := false
	for _, f := range fs {
		s, e := f.At.Start, f.At.End
		if e <= s {
			e = s + 1
		}
		if s < end && start < e && (!found || f.Severity > sev) {
			sev, found = f.Severity, true
		}
	}
	return sev, found
}
