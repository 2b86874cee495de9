package content

import (
	"fmt"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
)

// defaultWidth is the wrap width Render uses when given none.
const defaultWidth = 80

// Render renders doc's markdown for a terminal, word-wrapped at width
// columns (80 when width is not positive), with syntax-highlighted code. dark
// selects colours for a dark background; otherwise they suit a light one.
func Render(doc *Doc, width int, dark bool) (string, error) {
	if doc == nil {
		return "", fmt.Errorf("content: render: no document")
	}
	if width <= 0 {
		width = defaultWidth
	}
	style := styles.LightStyle
	if dark {
		style = styles.DarkStyle
	}
	r, err := glamour.NewTermRenderer(
		glamour.WithStandardStyle(style),
		glamour.WithWordWrap(width),
	)
	if err != nil {
		return "", fmt.Errorf("content: render %s: %w", doc.Key, err)
	}
	out, err := r.Render(joinListLines(doc.Markdown))
	if err != nil {
		return "", fmt.Errorf("content: render %s: %w", doc.Key, err)
	}
	return out, nil
}
