package mdterm

import (
	"slices"
	"testing"

	"github.com/hsx-dev/hsx/content"
)

// RenderTop draws the first lines of a document exactly as Render does, and stops soon after
// the rows asked for.
func TestRenderTop(t *testing.T) {
	doc, ok := content.Lookup(204)
	if !ok {
		t.Fatal("no document for 204")
	}
	short := &content.Doc{Key: "short", Markdown: "# Short\n\nOne paragraph.\n"}
	for _, tc := range []struct {
		doc         *content.Doc
		width, rows int
	}{
		{doc, 116, 38},
		{doc, 58, 38},
		{doc, 40, 10},
		{doc, 80, 1},
		{short, 80, 38},
	} {
		full, err := Render(tc.doc, tc.width, true)
		if err != nil {
			t.Fatal(err)
		}
		top, err := RenderTop(tc.doc, tc.width, true, tc.rows)
		if err != nil {
			t.Fatal(err)
		}
		n := len(top.Lines)
		switch {
		case n > len(full.Lines) || !slices.Equal(top.Lines, full.Lines[:n]):
			t.Errorf("%s at %d columns, %d rows: the lines are not the first lines of Render's", tc.doc.Key, tc.width, tc.rows)
		case n < min(tc.rows, len(full.Lines)):
			t.Errorf("%s at %d columns, %d rows: %d lines, fewer than asked", tc.doc.Key, tc.width, tc.rows, n)
		case tc.doc == doc && n >= len(full.Lines)/2:
			t.Errorf("%s at %d columns, %d rows: %d of %d lines, not the top only", tc.doc.Key, tc.width, tc.rows, n, len(full.Lines))
		}
		if len(top.Headings) > len(full.Headings) || !slices.Equal(top.Headings, full.Headings[:len(top.Headings)]) {
			t.Errorf("%s at %d columns: headings %v are not the first of %v", tc.doc.Key, tc.width, top.Headings, full.Headings)
		}
		for _, h := range top.Headings {
			if h.Line >= n {
				t.Errorf("%s at %d columns: heading %q at line %d, past the %d lines", tc.doc.Key, tc.width, h.Title, h.Line, n)
			}
		}
	}
}
