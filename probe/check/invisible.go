package check

import (
	"fmt"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// invisibleInFieldValue (U1): a field value carries an invisible character (a bidirectional control, a
// zero-width or other format character). Field values may hold such bytes as obs-text
// (RFC 9110 §5.5), so this is no violation, but the value a person reads on a screen is not
// the value that arrived: U+202E in a file name turns "gnp.exe" into what reads as "exe.png".
func invisibleInFieldValue(ex *probe.Exchange) []note {
	var out []note
	for _, p := range parts(ex) {
		for i, f := range p.r.Header {
			if r, ok := firstInvisible(f.Value); ok {
				out = append(out, newNote(p.header(i), "%svalue of %s carries %s, shown as %s: %s",
					p.prefix(), val(f.Name), runeName(r), termsafe.String(string(r), termsafe.Line), q(f.Value)))
			}
		}
	}
	r := ex.Response
	for i, f := range r.Trailers {
		if c, ok := firstInvisible(f.Value); ok {
			out = append(out, newNote(trailer(r, i), "value of trailer %s carries %s, shown as %s: %s",
				val(f.Name), runeName(c), termsafe.String(string(c), termsafe.Line), q(f.Value)))
		}
	}
	return out
}

// firstInvisible returns the first character of v for which termsafe.Invisible is true.
func firstInvisible(v string) (rune, bool) {
	for _, r := range v {
		if termsafe.Invisible(r) {
			return r, true
		}
	}
	return 0, false
}

// runeName names an invisible character for a message: "U+202E (right-to-left override)",
// or its code point alone for the rarer ones.
func runeName(r rune) string {
	names := map[rune]string{
		0x00ad: "soft hyphen",
		0x200b: "zero width space", 0x200c: "zero width non-joiner", 0x200d: "zero width joiner",
		0x200e: "left-to-right mark", 0x200f: "right-to-left mark",
		0x202a: "left-to-right embedding", 0x202b: "right-to-left embedding", 0x202c: "pop directional formatting",
		0x202d: "left-to-right override", 0x202e: "right-to-left override",
		0x2028: "line separator", 0x2029: "paragraph separator",
		0x2060: "word joiner",
		0x2066: "left-to-right isolate", 0x2067: "right-to-left isolate", 0x2068: "first strong isolate",
		0x2069: "pop directional isolate",
		0xfeff: "zero width no-break space",
	}
	if n, ok := names[r]; ok {
		return fmt.Sprintf("%U (%s)", r, n)
	}
	return fmt.Sprintf("%U (a format character)", r)
}
