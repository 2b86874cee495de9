package mdterm

import "strings"

// codeTabWidth is the tab stop used for tabs inside code blocks.
const codeTabWidth = 4

// expandTabs replaces each tab of line by the spaces that reach the next multiple of width.
func expandTabs(line string, width int) string {
	var b strings.Builder
	col := 0
	for _, r := range line {
		if r == '\t' {
			n := width - col%width
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}
