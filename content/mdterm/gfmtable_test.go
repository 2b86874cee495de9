package mdterm

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// TestTableParagraphs checks which paragraphs become tables and what their cells hold.
func TestTableParagraphs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		md   string
		want string // the blocks: "P" for a paragraph, a table as its rows of cells
	}{
		{"header, delimiter and rows", "| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |\n", "T[a|b][1|2][3|4]"},
		{"no pipes at the ends", "a | b\n--- | ---\n1 | 2\n", "T[a|b][1|2]"},
		{"alignments", "| l | c | r | n |\n|:--|:-:|--:|---|\n", "T[a=L,C,R,N][l|c|r|n]"},
		{"escaped pipe stays in its cell", "| a | b |\n|---|---|\n| x \\| y | z |\n", "T[a|b][x \\| y|z]"},
		{"inline markdown in cells", "| `a` | **b** |\n|---|---|\n", "T[a|b]"},
		{"short and long rows", "| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n", "T[a|b][1|][1|2]"},
		{"text before the header stays a paragraph", "intro\n| a | b |\n|---|---|\n| 1 | 2 |\n", "P T[a|b][1|2]"},
		{"cell count differs from the delimiter row", "| a | b |\n|---|\n", "P"},
		{"not a delimiter row", "| a | b |\n| -x- | --- |\n", "P"},
		{"colons without dashes", "| a |\n| : |\n", "P"},
		{"one line", "| a | b |\n", "P"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := []byte(tt.md)
			root := newParser().Parse(text.NewReader(src))
			var blocks []string
			for n := root.FirstChild(); n != nil; n = n.NextSibling() {
				switch n := n.(type) {
				case *ast.Paragraph:
					blocks = append(blocks, "P")
				case *east.Table:
					blocks = append(blocks, describeTable(n, src, strings.Contains(tt.want, "a=")))
				default:
					blocks = append(blocks, n.Kind().String())
				}
			}
			if got := strings.Join(blocks, " "); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// describeTable writes a table as "T" and its rows of cells, "[a|b]", the cells' text with
// inline markup removed; with aligns, the alignments first.
func describeTable(tb *east.Table, src []byte, aligns bool) string {
	var b strings.Builder
	b.WriteString("T")
	if aligns {
		names := map[east.Alignment]string{east.AlignLeft: "L", east.AlignCenter: "C", east.AlignRight: "R", east.AlignNone: "N"}
		var a []string
		for _, al := range tb.Alignments {
			a = append(a, names[al])
		}
		b.WriteString("[a=" + strings.Join(a, ",") + "]")
	}
	for row := tb.FirstChild(); row != nil; row = row.NextSibling() {
		if h, ok := row.(*east.TableHeader); ok && h.FirstChild() != nil {
			if _, nested := h.FirstChild().(*east.TableRow); nested {
				row = h.FirstChild()
			}
		}
		var cells []string
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, plainText(c, src))
		}
		b.WriteString("[" + strings.Join(cells, "|") + "]")
	}
	return b.String()
}
