// Package termsafe is the terminal safety of the HTTP side (see probe): it makes bytes that
// came from a server safe to print on a terminal, replacing every byte that a terminal could
// read as part of a control sequence by a visible escape. Characters that are no control
// sequence but make the screen show something other than what arrived are escaped the same
// way: the Unicode format characters (category Cf: the bidirectional controls U+202A–U+202E
// and U+2066–U+2069, the zero-width characters U+200B–U+200F, U+2060 and U+FEFF, and the
// others) and the line and paragraph separators U+2028 and U+2029. ExpandTabs turns the one control
// character that text keeps, the tab, into spaces, so that text lines up whatever the
// terminal's tab stops.
package termsafe

import (
	"iter"
	"strings"
	"unicode"
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

// String returns s with control characters (C0 and C1, DEL, ESC), invalid UTF-8 and invisible
// characters (see Invisible) shown as visible escapes: \x1b, \x7f, \u009b, \u202e and so on.
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
		case Invisible(r):
			writeRune(&b, r)
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

// writeRune writes r as \uXXXX, or as \UXXXXXXXX beyond the Basic Multilingual Plane.
func writeRune(b *strings.Builder, r rune) {
	digits := 4
	if r > 0xffff {
		b.WriteString(`\U`)
		digits = 8
	} else {
		b.WriteString(`\u`)
	}
	for shift := (digits - 1) * 4; shift >= 0; shift -= 4 {
		b.WriteByte(hexDigits[(r>>shift)&0xf])
	}
}

// Invisible reports whether r is a character that draws nothing of its own yet changes what
// the screen shows: a Unicode format character (category Cf), such as the bidirectional
// controls that reverse the text after them (U+202E turns "gnp.exe" into what reads as
// "exe.png") and the zero-width characters that make two different names look the same, or
// the line and paragraph separators U+2028 and U+2029, which some terminals take for a line
// break.
func Invisible(r rune) bool {
	if r < 0xad {
		return false
	}
	return r == 0x2028 || r == 0x2029 || unicode.Is(unicode.Cf, r)
}

// HasInvisible reports whether s holds a character for which Invisible is true.
func HasInvisible(s string) bool {
	for _, r := range s {
		if Invisible(r) {
			return true
		}
	}
	return false
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
// (controls, DEL, C1, invalid UTF-8, invisible characters). A caller that draws the two kinds differently shows the
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
	return size, !(r == utf8.RuneError && size <= 1) && !(r >= 0x80 && r < 0xa0) && !Invisible(r)
}
