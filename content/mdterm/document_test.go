package mdterm

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
)

// renderText is Render as text, for the tests that compare output.
func renderText(doc *content.Doc, width int, dark bool) (string, error) {
	d, err := Render(doc, width, dark)
	return d.String(), err
}

func TestRenderHeadings(t *testing.T) {
	t.Parallel()
	md := "# Title\n\nIntro.\n\n## Meaning of `204`\n\nText.\n\n" +
		"### A heading long enough to wrap onto a second line ##\n\n```\n# not a heading\n```\n\n## Meaning of `204`\n"
	tests := []struct {
		width int
		want  []Heading
	}{
		{80, []Heading{
			{Line: 0, End: 1, Level: 1, Title: "Title", Text: "Title", Anchor: "title"},
			{Line: 4, End: 5, Level: 2, Title: "Meaning of `204`", Text: "Meaning of 204", Anchor: "meaning-of-204"},
			{Line: 8, End: 9, Level: 3, Title: "A heading long enough to wrap onto a second line",
				Text: "A heading long enough to wrap onto a second line", Anchor: "a-heading-long-enough-to-wrap-onto-a-second-line"},
			{Line: 12, End: 13, Level: 2, Title: "Meaning of `204`", Text: "Meaning of 204", Anchor: "meaning-of-204-1"},
		}},
		{30, []Heading{
			{Line: 0, End: 1, Level: 1, Title: "Title", Text: "Title", Anchor: "title"},
			{Line: 4, End: 5, Level: 2, Title: "Meaning of `204`", Text: "Meaning of 204", Anchor: "meaning-of-204"},
			{Line: 8, End: 10, Level: 3, Title: "A heading long enough to wrap onto a second line",
				Text: "A heading long enough to wrap onto a second line", Anchor: "a-heading-long-enough-to-wrap-onto-a-second-line"},
			{Line: 13, End: 14, Level: 2, Title: "Meaning of `204`", Text: "Meaning of 204", Anchor: "meaning-of-204-1"},
		}},
	}
	for _, tt := range tests {
		d, err := Render(&content.Doc{Key: "t", Markdown: md}, tt.width, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Headings) != len(tt.want) {
			t.Fatalf("width %d: headings %+v", tt.width, d.Headings)
		}
		for i, h := range d.Headings {
			if h != tt.want[i] {
				t.Errorf("width %d: heading %d = %+v, want %+v", tt.width, i, h, tt.want[i])
			}
			var shown []string
			for _, l := range d.Lines[h.Line:h.End] {
				shown = append(shown, strings.TrimSpace(ansi.Strip(l)))
			}
			if got := strings.Join(shown, " "); got != h.Text {
				t.Errorf("width %d: lines %d–%d show %q, want heading %q", tt.width, h.Line, h.End, got, h.Text)
			}
		}
	}
}

// TestHeadingsOfEveryDocument checks that the headings Render reports are the document's
// sections, titles as the content package reads them, at the widths the explainer uses.
func TestHeadingsOfEveryDocument(t *testing.T) {
	t.Parallel()
	for _, doc := range content.All() {
		for _, width := range []int{36, 79} {
			d, err := Render(doc, width, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Headings) != len(doc.Sections) {
				t.Errorf("%s at %d: %d headings, %d sections", doc.Key, width, len(d.Headings), len(doc.Sections))
				continue
			}
			for i, h := range d.Headings {
				s := doc.Sections[i]
				if h.Title != s.Title || h.Level != s.Level {
					t.Errorf("%s at %d: heading %d = %d %q, section %d %q", doc.Key, width, i, h.Level, h.Title, s.Level, s.Title)
				}
				if first := strings.TrimSpace(ansi.Strip(d.Lines[h.Line])); !strings.HasPrefix(h.Text, first) || first == "" {
					t.Errorf("%s at %d: line %d is %q, not heading %q", doc.Key, width, h.Line, first, h.Text)
				}
			}
		}
	}
}
