// Package termsafe is the terminal safety of the HTTP side (see probe): it makes bytes that
// came from a server safe to print on a terminal, replacing every byte that a terminal could
// read as part of a control sequence by a visible escape. ExpandTabs turns the one control
// character that text keeps, the tab, into spaces, so that text lines up whatever the
// terminal's tab stops.
package termsafe

import (
	"iter"
	"strings"
	"unicode/utf8"
)

// Mode chooses which whitespace passes through unchanged.
type Mode uint8

// The modes of escaping.
const (
	// Line escapes everything but printable text and the space: tab, newline and carriage return
	// become \t, \n and \r. Use it for one-line values such as header fields.
	Line Mode = iota
	// Text lets tab and newline through, for multi-line bodies shown as text.
	Text
)

// String returns s with control characters (C0 and C1, DEL, ESC) and invalid UTF-8 shown as
// visible escapes: \x1b, \x7f, \u009b and so on.
func String(s string, m Mode) string {
	if isClean(s, m) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			writeHex(&b, s[i])
		case r == '\t' && m == Text, r == '\n' && m == Text:
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			writeHex(&b, byte(r))
		case r >= 0x80 && r < 0xa0:
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[byte(r)>>4])
			b.WriteByte(hexDigits[byte(r)&0xf])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Bytes is String for a byte slice.
func Bytes(p []byte, m Mode) string { return String(string(p), m) }

// Safe reports whether s can be printed as it is in mode m.
func Safe(s string, m Mode) bool { return isClean(s, m) }

const hexDigits = "0123456789abcdef"

func writeHex(b *strings.Builder, c byte) {
	b.WriteString(`\x`)
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xf])
}

func isClean(s string, m Mode) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f { // printable ASCII, the common case
			i++
			continue
		}
		size, ok := next(s[i:], m)
		if !ok {
			return false
		}
		i += size
	}
	return true
}

// Runs yields s as consecutive runs that together make up all of it, each with whether a
// terminal may see it as it is in mode m: printable text, or characters that String escapes
// (controls, DEL, C1, invalid UTF-8). A caller that draws the two kinds differently shows the
// safe runs as they are and String of the others.
func Runs(s string, m Mode) iter.Seq2[string, bool] {
	return func(yield func(string, bool) bool) {
		start, safe := 0, true
		for i := 0; i < len(s); {
			size, ok := next(s[i:], m)
			if ok != safe && i > start {
				if !yield(s[start:i], safe) {
					return
				}
				start = i
			}
			safe = ok
			i += size
		}
		if start < len(s) {
			yield(s[start:], safe)
		}
	}
}

// next returns the length of the character at the start of s, which is not empty, and whether
// a terminal may see it as it is in mode m.
func next(s string, m Mode) (size int, safe bool) {
	if c := s[0]; c < utf8.RuneSelf {
		return 1, (c >= 0x20 && c != 0x7f) || (m == Text && (c == '\t' || c == '\n'))
	}
	r, size := utf8.DecodeRuneInString(s)
	return size, !(r == utf8.RuneError && size <= 1) && !(r >= 0x80 && r < 0xa0)
}
