// Package uitest holds what the tests of several ui packages share: the screen shape every
// component must keep, a stand-in for the markdown renderer, and a large response to draw.
package uitest

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
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
// is, indented, each line cut to width. Most tests do not depend on how a document is rendered,
// and stay the same when its styling changes.
func PlainRender(doc *content.Doc, width int, _ bool) (string, error) {
	lines := strings.Split(doc.Markdown, "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate("  "+l, width, "")
	}
	return strings.Join(lines, "\n"), nil
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
