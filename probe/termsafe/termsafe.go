// Package termsafe makes bytes that came from a server safe to print on a terminal: every byte
// that a terminal could read as part of a control sequence is replaced by a visible escape.
package termsafe

import (
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
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				if m != Text || (c != '\t' && c != '\n') {
					return false
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || (r >= 0x80 && r < 0xa0) {
			return false
		}
		i += size
	}
	return true
}
