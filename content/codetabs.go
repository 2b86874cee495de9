package content

import "strings"

// codeTabWidth is the tab stop used for tabs inside code blocks.
const codeTabWidth = 4

// expandCodeTabs replaces the tabs inside fenced code blocks of md by spaces up to the next tab
// stop. Glamour measures a tab as one column and pads the line to the wrap width, while the
// terminal moves to the next multiple of eight, so an indented Go sample would spill past the
// pane and wrap. Text outside code blocks is left as it is.
func expandCodeTabs(md string) string {
	if !strings.Contains(md, "\t") {
		return md
	}
	lines := strings.Split(md, "\n")
	inFence := false
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence && strings.Contains(line, "\t") {
			lines[i] = expandTabs(line, codeTabWidth)
		}
	}
	return strings.Join(lines, "\n")
}

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
