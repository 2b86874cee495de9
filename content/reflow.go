package content

import (
	"regexp"
	"strings"
)

// listItem matches the first line of a bullet or numbered list item: its indentation, then its
// marker.
var listItem = regexp.MustCompile(`^(\s*)([-*+]|\d+[.)])\s+\S`)

// joinListLines puts each list item of md on one line. The documents wrap list items at about
// 100 columns for readability in an editor; glamour keeps those soft breaks inside list items
// instead of reflowing them, which leaves ragged lines in a narrow pane. Paragraphs, code
// blocks, tables and headings are left as they are.
func joinListLines(md string) string {
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines))
	inFence, inItem := false, false
	var itemIndent int
	var itemMarker string
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		isFence := strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")
		m := listItem.FindStringSubmatch(line)
		switch {
		case isFence:
			inFence = !inFence
			inItem = false
		case inFence:
		case trimmed == "":
			inItem = false
		case m != nil && !(inItem && continuesItem(m[1], m[2], itemIndent, itemMarker)):
			inItem, itemIndent, itemMarker = true, len(m[1]), m[2]
		case inItem && !strings.HasPrefix(trimmed, "#") && !strings.HasPrefix(trimmed, "|") &&
			!strings.HasPrefix(trimmed, ">"):
			out[len(out)-1] += " " + trimmed
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// continuesItem reports whether a line that looks like a numbered item ("204. The stray bytes")
// is really wrapped text of the current item. Markdown lets a new list interrupt an item's text
// only when it starts at 1, so a number other than 1 that cannot be a sibling of the current
// item (a bullet, or an item indented less) is a continuation, as glamour renders it.
func continuesItem(indent, marker string, itemIndent int, itemMarker string) bool {
	num := strings.TrimRight(marker, ".)")
	if num == marker || num == "1" {
		return false // a bullet, or a list that may interrupt
	}
	sibling := strings.TrimRight(itemMarker, ".)") != itemMarker && len(indent) <= itemIndent
	return !sibling
}
