// Package uitest holds what the tests of several ui packages share: the screen shape every
// component must keep, a stand-in for the markdown renderer, and a large response to draw.
package uitest

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/content/mdterm"
)

// Shape reports, as an error naming the first offending line, whether view is not exactly h
// lines of exactly w cells each: the contract of every component's View.
func Shape(view string, w, h int) error {
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		return fmt.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			return fmt.Errorf("line %d is %d cells wide, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
	return nil
}

// PlainRender stands in for mdterm.Render (it is an explainer.RenderFunc): the markdown as it
// is, indented, each line cut to width, and its lines that start with "#" as the headings.
// Most tests do not depend on how a document is rendered, and stay the same when its styling
// changes.
func PlainRender(doc *content.Doc, width int, _ bool) (mdterm.Document, error) {
	var d mdterm.Document
	fenced := false
	for i, l := range strings.Split(strings.TrimRight(doc.Markdown, "\n"), "\n") {
		d.Lines = append(d.Lines, ansi.Truncate("  "+l, width, ""))
		if strings.HasPrefix(l, "```") {
			fenced = !fenced
		}
		if level := len(l) - len(strings.TrimLeft(l, "#")); !fenced && level > 0 && strings.HasPrefix(l[level:], " ") {
			title := strings.TrimSpace(l[level:])
			d.Headings = append(d.Headings, mdterm.Heading{Line: i, End: i + 1, Level: level, Title: title, Text: title})
		}
	}
	return d, nil
}

// BigJSONResponse is the wire bytes of a 200 response with a body of about 1 MiB of JSON.
func BigJSONResponse() []byte {
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := 0; b.Len() < 1<<20; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"name":"item %d","ok":true}`, i, i)
	}
	b.WriteString(`]}`)
	body := b.String()
	return fmt.Appendf(nil, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
}
