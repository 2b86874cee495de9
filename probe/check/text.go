package check

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hsx-dev/hsx/probe/termsafe"
)

// maxValue is how many bytes of a server's value a message quotes before it is cut.
const maxValue = 60

// val makes a value received from the server fit for a one-line message: it is cut to maxValue
// bytes (on a character boundary, with an ellipsis) and every control byte is escaped.
func val(s string) string {
	cut := false
	if len(s) > maxValue {
		n := maxValue
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		if n == 0 {
			n = maxValue
		}
		s, cut = s[:n], true
	}
	s = termsafe.String(s, termsafe.Line)
	if cut {
		s += "…"
	}
	return s
}

// q is val in double quotes, for values that may be empty or contain spaces.
func q(s string) string { return `"` + val(s) + `"` }

// byteName names one byte for a message: 0x0d as "CR", 0x00 as "NUL", others in hex.
func byteName(c byte) string {
	switch c {
	case '\r':
		return "CR"
	case '\n':
		return "LF"
	case 0:
		return "NUL"
	case '\t':
		return "HTAB"
	case ' ':
		return "SP"
	}
	if c < 0x20 || c >= 0x7f {
		return "0x" + strconv.FormatUint(uint64(c)|0x100, 16)[1:]
	}
	return strconv.QuoteRune(rune(c))
}

// article puts "a" or "an" before a noun phrase: "a 204 response", "an interim 100 response",
// "an 800 response".
func article(s string) string {
	if s != "" && strings.IndexByte("aeiou8", s[0]) >= 0 {
		return "an " + s
	}
	return "a " + s
}
