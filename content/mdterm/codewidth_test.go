package mdterm

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// maxCodeColumns is the widest code line that Render shows unbroken at
// width 80: the document's margins and the code block's own indentation take
// the other six columns.
const maxCodeColumns = 74

// TestCodeLinesFitPane keeps every line of every fenced block narrow enough
// for an 80-column terminal, measured as Render shows it (tabs at four).
func TestCodeLinesFitPane(t *testing.T) {
	for _, d := range content.All() {
		inFence := false
		for i, line := range strings.Split(d.Markdown, "\n") {
			trimmed := strings.TrimSpace(line)
			if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
				inFence = !inFence
				continue
			}
			if !inFence {
				continue
			}
			if n := utf8.RuneCountInString(termsafe.ExpandTabs(line, codeTabWidth)); n > maxCodeColumns {
				t.Errorf("%s.md body line %d: %d columns, at most %d fit: %s",
					d.Key, i+1, n, maxCodeColumns, line)
			}
		}
	}
}

// TestMaxCodeColumns checks the limit itself: at width 80 a code line of
// maxCodeColumns columns (indented by a tab) stays whole, one more wraps.
func TestMaxCodeColumns(t *testing.T) {
	for _, tt := range []struct {
		columns int
		whole   bool
	}{{maxCodeColumns, true}, {maxCodeColumns + 1, false}} {
		words := strings.Repeat("ab ", tt.columns)[:tt.columns-codeTabWidth-1] + "z"
		d := &content.Doc{Key: "width", Markdown: "```go\n\t" + words + "\n```\n"}
		out, err := renderText(d, 80, true)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(ansi.Strip(out), words); got != tt.whole {
			t.Errorf("%d columns: line kept whole = %v, want %v", tt.columns, got, tt.whole)
		}
	}
}
