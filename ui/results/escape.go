package results

import (
	"github.com/hsx-dev/hsx/probe/termsafe"
	"github.com/hsx-dev/hsx/ui/theme"
)

// appendEscaped appends s, bytes that came from a server, as spans: runs of printable text in
// kind k and everything a terminal could read as a control (C0, DEL, C1, invalid UTF-8) as a
// visible escape produced by termsafe, in kEscape, so that an escape and the same characters
// typed literally look different. Inside a highlight the escapes keep the highlight.
func appendEscaped(spans []span, s string, k kind) []span {
	if s == "" {
		return spans
	}
	if termsafe.Safe(s, termsafe.Line) { // the common case, without cutting s into runs
		return append(spans, span{s, k})
	}
	ek := kEscape
	if k >= kErr && k <= kHiInfo {
		ek = k
	}
	for run, safe := range termsafe.Runs(s, termsafe.Line) {
		if safe {
			spans = append(spans, span{run, k})
		} else {
			spans = append(spans, span{termsafe.String(run, termsafe.Line), ek})
		}
	}
	return spans
}

// safeLine is s, one line from a server, made safe to print.
func safeLine(s string) string { return termsafe.String(s, termsafe.Line) }

// maskedValue returns the value as shown: masked when masking is on and name is a secret.
func maskedValue(name, value string, masked bool) string {
	if masked && theme.Secret(name) {
		return theme.MaskValue(value)
	}
	return value
}

// expandTabs replaces tabs with spaces to the next multiple of four columns.
func expandTabs(s string) string { return termsafe.ExpandTabs(s, 4) }
