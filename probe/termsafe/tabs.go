package termsafe

import (
	"strings"
	"unicode/utf8"
)

// ExpandTabs returns s with each tab replaced by the spaces that reach the next multiple of
// width columns, so that the text lines up the same whatever tab stops the terminal has. Every
// other character, an invalid byte included, counts as one column and is kept as it is, for
// String to show.
func ExpandTabs(s string, width int) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	width = max(width, 1)
	var b strings.Builder
	b.Grow(len(s) + width)
	col := 0
	for i := 0; i < len(s); {
		if s[i] == '\t' {
			n := width - col%width
			b.WriteString(strings.Repeat(" ", n))
			col += n
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		col++
		i += size
	}
	return b.String()
}
