package content

import (
	"regexp"
	"strings"
)

// listItem matches the first line of a bullet or numbered list item.
var listItem = regexp.MustCompile(`^\s*([-*+]|\d+[.)])\s+\S`)

// joinListLines puts each list item of md on one line. The documents wrap list items at about
// 100 columns for readability in an editor; glamour keeps those soft breaks inside list items
// instead of reflowing them, which leaves ragged lines in a narrow pane. Paragraphs, code
// blocks, tables and headings are left as they are.
func joinListLines(md string) string {
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines))
	inFence, inItem := false, false
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		isFence := strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")
		switch {
		case isFence:
			inFence = !inFence
			inItem = false
		case inFence:
		case trimmed == "":
			inItem = false
		case listItem.MatchString(line):
			inItem = true
		case inItem && !strings.HasPrefix(trimmed, "#") && !strings.HasPrefix(trimmed, "|") &&
			!strings.HasPrefix(trimmed, ">"):
			out[len(out)-1] += " " + trimmed
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
