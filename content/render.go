package content

import (
	"fmt"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
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
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(termStyle(dark)),
		glamour.WithWordWrap(width),
	)
	if err != nil {
		return "", fmt.Errorf("content: render %s: %w", doc.Key, err)
	}
	out, err := r.Render(expandCodeTabs(joinListLines(doc.Markdown)))
	if err != nil {
		return "", fmt.Errorf("content: render %s: %w", doc.Key, err)
	}
	return out, nil
}

// termStyle is glamour's standard dark or light style with section headings shown as styled
// text instead of literal "##" and "###" markers: a section (##) is underlined, a subsection
// (###) keeps the bold heading colour. Both styles already colour and embolden headings.
func termStyle(dark bool) ansi.StyleConfig {
	style := styles.LightStyleConfig
	if dark {
		style = styles.DarkStyleConfig
	}
	underline := true
	style.H2.Prefix = ""
	style.H2.Underline = &underline
	style.H3.Prefix = ""
	return style
}
