package ui

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/explainer"
)

// Things on screen that change from run to run, and what the goldens show instead: values of
// the same width, so that every line keeps its layout.
var (
	portRe = regexp.MustCompile(`127\.0\.0\.1:\d{5}`)
	dateRe = regexp.MustCompile(`[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT`)
)

// masked replaces the lab's port and the Date the lab sends by fixed values of the same width.
func masked(screen string) string {
	screen = portRe.ReplaceAllString(screen, "127.0.0.1:40000")
	return dateRe.ReplaceAllString(screen, "Sun, 06 Nov 1994 08:49:37 GMT")
}

// goldenTiming is what every exchange on the golden screens is said to have taken: a 204's
// grace window and a little more.
var goldenTiming = probe.Timing{Connect: 180 * time.Microsecond, TTFB: 900 * time.Microsecond, Total: 201300 * time.Microsecond}

// goldenDoc stands in for the 204 document on the golden screens, so that they change when the
// screens do and not when the document's prose does; content's and the explainer's own tests
// check the real documents and their rendering. It explains the rules the lab's broken 204
// breaks, so that a finding leads into it.
func goldenDoc() *content.Doc {
	return &content.Doc{
		Key: "204", Code: 204, Name: "No Content", Class: "2xx",
		Refs:    []string{"RFC 9110 §15.3.5"},
		Related: []int{200, 205},
		Explains: map[string]string{
			"S2": "A Content-Length on a 204",
			"S9": "Bytes after a 204",
			"J2": "A JSON type with no content",
		},
		Sections: []content.Section{
			{Level: 1, Title: "204 No Content"},
			{Level: 2, Title: "Meaning"},
			{Level: 2, Title: "What goes wrong"},
			{Level: 3, Title: "A Content-Length on a 204"},
			{Level: 3, Title: "Bytes after a 204"},
			{Level: 3, Title: "A JSON type with no content"},
			{Level: 2, Title: "Related codes"},
		},
		Markdown: `# 204 No Content

The fixture document of the screen tests. It takes the place of the 204 document so that
the screens keep their layout whatever the documents say.

## Meaning

First paragraph of the meaning: a few sentences of plain prose, long enough to wrap in a
narrow pane and to show how the explainer fills its rows.

Second paragraph of the meaning, with ` + "`code`" + ` in it and a reference (RFC 9110 §15.3.5).

- a first item of a list
- a second item, long enough to wrap onto a second line in the narrowest explainer pane
- a third item

## What goes wrong

A paragraph that introduces the sections the findings lead to.

### A Content-Length on a 204

A paragraph about the Content-Length field of a 204, standing where the real document
explains rule S2.

### Bytes after a 204

A paragraph about the bytes after a 204, standing where the real document explains rule S9.
It goes on for a few more sentences so that the section fills the rows below its heading in
the small screen, and the scroll position shows.

` + "```http" + `
HTTP/1.1 204 No Content
Content-Length: 17

{"status":"done"}
` + "```" + `

A closing paragraph of the section, after the sample.

### A JSON type with no content

A paragraph about a JSON type on a response with no content, standing where the real document
explains rule J2.

## Related codes

A last paragraph, about 200 and 205.
`,
	}
}

// goldenLibrary holds goldenDoc alone.
type goldenLibrary struct{ doc *content.Doc }

func (l goldenLibrary) Lookup(code int) (*content.Doc, bool) {
	return l.doc, code == l.doc.Code
}

func (l goldenLibrary) Get(key string) (*content.Doc, bool) {
	return l.doc, key == l.doc.Key
}

func (l goldenLibrary) ForRule(id string) (*content.Doc, string, bool) {
	h, ok := l.doc.Explains[id]
	return l.doc, h, ok
}

// newGoldenDriver is newRenderingDriver for the golden screens: the explainer shows goldenDoc,
// and every exchange took goldenTiming.
func newGoldenDriver(t testing.TB, opts Options, w, h int) *driver {
	t.Helper()
	return startDriver(t, opts, w, h, &goldenTiming, explainer.WithLibrary(goldenLibrary{goldenDoc()}))
}

// TestGolden compares the main screens, escapes stripped, with testdata/TestGolden/*.golden at
// 80×24 and 160×45. Run with -update to rewrite them after an intended change.
func TestGolden(t *testing.T) {
	t.Parallel()
	url := startLab(t)
	screens := []struct {
		name string
		run  func(d *driver)
	}{
		{"start", func(*driver) {}},
		{"broken204", func(d *driver) { d.sendRequest() }},
		{"explained", func(d *driver) { d.sendRequest(); d.press("down", "enter") }},
		{"codes", func(d *driver) { d.press("f2", "3", "0") }},
		{"help", func(d *driver) { d.press("tab", "f1") }},
		{"search", func(d *driver) { d.pressAll([]string{"ctrl+f", "content-length", "enter", "n"}) }},
		{"searchraw", func(d *driver) { d.sendRequest(); d.pressAll([]string{"/", "Content-Length", "enter"}) }},
	}
	for _, sz := range [][2]int{{80, 24}, {160, 45}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				d := newGoldenDriver(t, Options{LabURL: url}, sz[0], sz[1])
				sc.run(d)
				golden.RequireEqual(t, masked(d.screen()))
			})
		}
	}
}

func TestMasked(t *testing.T) {
	t.Parallel()
	in := "GET http://127.0.0.1:41685/x\nDate: Tue, 24 Nov 2026 19:20:27 GMT\n 204 No Content · 0.5 ms      ✗ 2"
	want := "GET http://127.0.0.1:40000/x\nDate: Sun, 06 Nov 1994 08:49:37 GMT\n 204 No Content · 0.5 ms      ✗ 2"
	if got := masked(in); got != want {
		t.Errorf("masked:\n%s\nwant:\n%s", got, want)
	}
}
