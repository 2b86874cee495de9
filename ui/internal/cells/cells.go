// Package cells measures and fits styled terminal text quickly.
//
// ansi.StringWidth segments every string into grapheme clusters, which is exact but costs
// most of the time of drawing a full screen. The panes of the hsx UI draw mostly ASCII, SGR
// styles, and a small set of symbols (box drawing, arrows, control pictures, ✗ ✓ · …) that
// are one cell wide on their own and never join a cluster with their neighbours. Width counts
// those directly and hands any other string to ansi.StringWidth, so it is always exact.
package cells

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Width returns the number of cells s takes on a terminal, ignoring escape sequences; the
// same as ansi.StringWidth(s).
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			j := skipCSI(s, i)
			if j < 0 {
				return ansi.StringWidth(s)
			}
			i = j
		case c >= 0x20 && c < 0x7f:
			n++
			i++
		case c < 0x80:
			return ansi.StringWidth(s) // a control character: leave it to the exact path
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !Narrow(r) {
				return ansi.StringWidth(s)
			}
			n++
			i += size
		}
	}
	return n
}

// skipCSI returns the index just after the CSI sequence (ESC [ … final) that starts at s[i],
// or -1 when s[i] starts anything else.
func skipCSI(s string, i int) int {
	if i+1 >= len(s) || s[i+1] != '[' {
		return -1
	}
	for j := i + 2; j < len(s); j++ {
		switch c := s[j]; {
		case c >= 0x40 && c <= 0x7e:
			return j + 1
		case c < 0x20 || c > 0x3f:
			return -1 // not a parameter or intermediate byte
		}
	}
	return -1
}

// Narrow reports whether r is in the set of symbols Width counts as one cell without
// segmenting: printable Latin, Greek and Cyrillic letters, general punctuation, currency signs,
// arrows, mathematical operators, control pictures, box drawing, block elements, geometric
// shapes, Braille patterns, and the check marks the UI draws. Combining marks, joiners,
// variation selectors and anything that may take two cells are not in it.
func Narrow(r rune) bool {
	switch {
	case r >= 0xa0 && r <= 0x2ff:
		return r != 0xad // the soft hyphen's width depends on the terminal
	case r >= 0x370 && r <= 0x3ff, r >= 0x400 && r <= 0x482:
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e, r >= 0x20a0 && r <= 0x20c0:
		return true
	case r >= 0x2190 && r <= 0x21ff, r >= 0x2200 && r <= 0x22ff:
		return r != 0x21a9 && r != 0x21aa && !(r >= 0x2194 && r <= 0x2199) // emoji with a text default
	case r >= 0x2400 && r <= 0x2426:
		return true
	case r >= 0x2500 && r <= 0x25ff:
		return !(r >= 0x25fd && r <= 0x25fe) && r != 0x25aa && r != 0x25ab && r != 0x25b6 && r != 0x25c0 && !(r >= 0x25fb && r <= 0x25fc)
	case r >= 0x2800 && r <= 0x28ff:
		return true
	case r == 0x2713 || r == 0x2717:
		return true
	}
	return false
}

// Fit pads s with spaces or cuts it (with tail, such as "…") to exactly w cells.
func Fit(s string, w int, tail string) string {
	if w <= 0 {
		return ""
	}
	sw := Width(s)
	if sw > w {
		s = ansi.Truncate(s, w, tail)
		sw = Width(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}
