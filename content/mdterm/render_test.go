package mdterm

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// renderPlain renders md at width and returns it without colours.
func renderPlain(t *testing.T, md string, width int) string {
	t.Helper()
	out, err := renderText(&content.Doc{Key: "test", Markdown: md}, width, true)
	if err != nil {
		t.Fatal(err)
	}
	return ansi.Strip(out)
}

func TestRenderBlocks(t *testing.T) {
	tests := []struct {
		name  string
		md    string
		width int
		want  string
	}{
		{"paragraph wraps at the width less the margins",
			"one two three four five six", 17,
			"  one two three\n  four five six\n"},
		{"soft breaks are spaces",
			"one\ntwo", 40,
			"  one two\n"},
		{"heading without its markers, a blank line after",
			"# Title\n\n## Section\n\ntext", 40,
			"  Title\n\n  Section\n\n  text\n"},
		{"emphasis and code spans lose their markup",
			"*a* **b** `c` ***d***", 40,
			"  a b c d\n"},
		{"a code span is not broken at its spaces when it fits a line",
			"aaaa `x y z`", 11,
			"  aaaa\n  x y z\n"},
		{"a code span wider than a line breaks at a space",
			"`alpha beta gamma`", 14,
			"  alpha beta\n  gamma\n"},
		{"a word wider than a line is cut",
			"abcdefghij", 8,
			"  abcd\n  efgh\n  ij\n"},
		{"punctuation stays with a code span",
			"aaa `bbb`, ccc", 12,
			"  aaa bbb,\n  ccc\n"},
		{"RFC stays with its number",
			"see the RFC 9110", 13,
			"  see the\n  RFC 9110\n"},
		{"RFC and its number across a source line",
			"see the RFC\n9110", 13,
			"  see the\n  RFC 9110\n"},
		{"RFC after a parenthesis stays with its number",
			"see the (RFC 9110)", 14,
			"  see the\n  (RFC 9110)\n"},
		{"a word ending in RFC is a word like any other",
			"see theRFC 9110", 14,
			"  see theRFC\n  9110\n"},
		{"a section stays with its RFC",
			"as the RFC 9110 §8.6 says", 22,
			"  as the\n  RFC 9110 §8.6 says\n"},
		{"a section after a comma is a word of its own",
			"(RFC 9110 §8.6, §15.3.5)", 20,
			"  (RFC 9110 §8.6,\n  §15.3.5)\n"},
		{"hard line break",
			"one  \ntwo", 40,
			"  one\n  two\n"},
		{"tight list, text hanging under the first word",
			"- one two three\n- four", 13,
			"  • one two\n    three\n  • four\n"},
		{"loose list",
			"- one\n\n- two", 40,
			"  • one\n\n  • two\n"},
		{"nested list",
			"- one\n  - two\n- three", 40,
			"  • one\n    • two\n  • three\n"},
		{"numbered list aligns its numbers",
			"8. a\n9. b\n10. c", 40,
			"   8. a\n   9. b\n  10. c\n"},
		{"numbered list starting elsewhere",
			"3) a\n4) b", 40,
			"  3) a\n  4) b\n"},
		{"paragraphs in a list item",
			"- one\n\n  two", 40,
			"  • one\n\n    two\n"},
		{"code block indented, tabs at four columns",
			"```go\nfunc f() {\n\treturn\n}\n```", 40,
			"    func f() {\n        return\n    }\n"},
		{"blank line in a code block has no trailing spaces",
			"```http\nHTTP/1.1 204 No Content\n\nx\n```", 40,
			"    HTTP/1.1 204 No Content\n\n    x\n"},
		{"long code line broken with a marker",
			"```\nabcdefghijkl\n```", 12,
			"    abcdef\n  ↪ ghijkl\n"},
		{"indented code block",
			"text\n\n    code here", 40,
			"  text\n\n    code here\n"},
		{"quote",
			"> said", 40,
			"  │ said\n"},
		{"rule",
			"a\n\n---\n\nb", 8,
			"  a\n\n  ────\n\n  b\n"},
		{"link shows its destination",
			"[spec](https://example.com/x)", 60,
			"  spec <https://example.com/x>\n"},
		{"autolink",
			"<https://example.com/>", 60,
			"  https://example.com/\n"},
		{"table",
			"| a | bb |\n|---|---|\n| ccc | d |", 40,
			"  a   │ bb\n  ────┼───\n  ccc │ d\n"},
		{"table narrowed, its cells wrapped",
			"| h | i |\n|---|---|\n| one two three | x |", 16,
			"  h        │ i\n  ─────────┼──\n  one two  │ x\n  three    │\n"},
		{"table too wide for its columns is stacked",
			"| h | i | j |\n|---|---|---|\n| one | two | three |", 14,
			"  h: one\n  i: two\n  j: three\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderPlain(t, tt.md, tt.width); got != tt.want {
				t.Errorf("Render(%q, %d) =\n%s\nwant\n%s", tt.md, tt.width, got, tt.want)
			}
		})
	}
}

// TestRenderStyles checks the escape sequences themselves: each styled run is closed, headings
// and code carry their colours, and the dark and light palettes differ.
func TestRenderStyles(t *testing.T) {
	md := "## A Section\n\nSome `code` and **bold**.\n\n```go\nreturn nil // done\n```\n"
	dark, err := renderText(&content.Doc{Key: "t", Markdown: md}, 60, true)
	if err != nil {
		t.Fatal(err)
	}
	light, err := renderText(&content.Doc{Key: "t", Markdown: md}, 60, false)
	if err != nil {
		t.Fatal(err)
	}
	if dark == light {
		t.Error("dark and light renderings are the same")
	}
	pal := newPalette(true)
	for _, want := range []string{
		"\x1b[1;4;38;5;75mA Section\x1b[0m",       // a section heading: bold, underlined, spaces too
		pal[roleCode].sgr() + "code\x1b[0m",       // a code span
		"\x1b[1mbold\x1b[0m",                      // strong
		pal[roleKeyword].sgr() + "return\x1b[0m",  // a keyword in code
		pal[roleComment].sgr() + "// done\x1b[0m", // a comment
	} {
		if !strings.Contains(dark, want) {
			t.Errorf("dark rendering lacks %q", want)
		}
	}
	for i, l := range strings.Split(dark, "\n") {
		if strings.Count(l, "\x1b[") != 2*strings.Count(l, "\x1b[0m") {
			t.Errorf("line %d leaves a style open: %q", i, l)
		}
	}
}

func TestRender(t *testing.T) {
	d, ok := content.Lookup(204)
	if !ok {
		t.Fatal("no 204 document")
	}
	out := map[[2]int]string{}
	for _, width := range []int{40, 120} {
		for _, dark := range []bool{true, false} {
			r, err := renderText(d, width, dark)
			if err != nil {
				t.Fatalf("Render(%d, %v): %v", width, dark, err)
			}
			plain := ansi.Strip(r)
			if !strings.Contains(plain, "Meaning") || !strings.Contains(plain, "No Content") {
				t.Errorf("Render(%d, %v): headings missing", width, dark)
			}
			if strings.Contains(plain, "## Meaning") || strings.Contains(plain, "### Why bytes") {
				t.Errorf("Render(%d, %v): headings keep their markdown markers", width, dark)
			}
			if strings.Contains(r, "```") {
				t.Errorf("Render(%d, %v): code fences left unrendered", width, dark)
			}
			k := 0
			if dark {
				k = 1
			}
			out[[2]int{width, k}] = r
		}
	}
	for k := range 2 {
		narrow, wide := strings.Count(out[[2]int{40, k}], "\n"), strings.Count(out[[2]int{120, k}], "\n")
		if narrow <= wide {
			t.Errorf("width 40 gives %d lines, width 120 %d: no word wrap", narrow, wide)
		}
	}
	if out[[2]int{40, 0}] == out[[2]int{40, 1}] && out[[2]int{120, 0}] == out[[2]int{120, 1}] {
		t.Error("dark and light renderings are the same")
	}
	if _, err := Render(nil, 80, true); err == nil {
		t.Error("Render(nil) succeeded")
	}
}

// TestRenderDocuments renders every document at widths from the narrowest pane to a wide
// terminal: the text is safe to print as it is, no line is wider than asked, no markdown markup
// is left in the prose, every line of every code sample is shown whole when there is room, and
// no word of prose is lost.
func TestRenderDocuments(t *testing.T) {
	for _, d := range content.All() {
		// The renderer writes the documents' text as it is: no control character or invalid
		// UTF-8 may hide in it.
		if !termsafe.Safe(d.Markdown, termsafe.Text) {
			t.Errorf("%s: the markdown holds control characters or invalid UTF-8", d.Key)
		}
		for _, width := range []int{10, 24, 40, 57, 80, 120, 200} {
			for _, dark := range []bool{true, false} {
				out, err := renderText(d, width, dark)
				if err != nil {
					t.Fatalf("%s at %d: %v", d.Key, width, err)
				}
				for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
					if w := ansi.StringWidth(l); w > width {
						t.Errorf("%s at %d, dark %v: line %d is %d columns: %q", d.Key, width, dark, i+1, w, ansi.Strip(l))
					}
					if strings.HasSuffix(ansi.Strip(l), " ") {
						t.Errorf("%s at %d: line %d ends in a space: %q", d.Key, width, i+1, ansi.Strip(l))
					}
				}
			}
		}
		wide, err := renderText(d, 200, true)
		if err != nil {
			t.Fatal(err)
		}
		plain := ansi.Strip(wide)
		if strings.Contains(plain, "```") {
			t.Errorf("%s: a code fence is left in the rendering", d.Key)
		}
		checkProse(t, d, plain)
	}
}

// checkProse checks that the text of every paragraph, list item and heading of d appears in
// the plain rendering, markup removed, and that every code line appears whole.
func checkProse(t *testing.T, d *content.Doc, plain string) {
	t.Helper()
	flat := strings.Join(strings.Fields(plain), " ")
	lines := strings.Split(plain, "\n")
	src := []byte(d.Markdown)
	root := newParser().Parse(text.NewReader(src))
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.Table:
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			want := strings.Join(strings.Fields(plainText(n, src)), " ")
			if want == "" {
				t.Errorf("%s: a %s with no text", d.Key, n.Kind())
			} else if !strings.Contains(flat, want) {
				t.Errorf("%s: text missing from the rendering: %q", d.Key, want)
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				code := strings.TrimRight(termsafe.ExpandTabs(string(seg.Value(src)), codeTabWidth), "\r\n ")
				if code != "" && !containsLine(lines, code) {
					t.Errorf("%s: code line missing: %q", d.Key, code)
				}
			}
		}
		return ast.WalkContinue, nil
	})
}

// containsLine reports whether some line of lines ends with s.
func containsLine(lines []string, s string) bool {
	for _, l := range lines {
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	return false
}

func TestHighlight(t *testing.T) {
	type tok struct {
		text string
		r    role
	}
	tests := []struct {
		lang  string
		lines []string
		want  []tok // the highlighted tokens of the last line, in order
	}{
		{"go", []string{`return nil // done`}, []tok{{"return", roleKeyword}, {"nil", roleKeyword}, {"// done", roleComment}}},
		{"go", []string{`w.WriteHeader(204)`}, []tok{{"204", roleNumber}}},
		{"go", []string{"s := `raw` + \"q\\\"x\""}, []tok{{"`raw`", roleString}, {`"q\"x"`, roleString}}},
		{"go", []string{`x.return`}, nil},
		{"js", []string{`/* a`, `b */ const x = 'y'`}, []tok{{"b */", roleComment}, {"const", roleKeyword}, {"'y'", roleString}}},
		{"js", []string{`f(/* c */ 1)`}, []tok{{"/* c */", roleComment}, {"1", roleNumber}}},
		{"python", []string{`def f(): # note`}, []tok{{"def", roleKeyword}, {"# note", roleComment}}},
		{"sh", []string{`curl -i http://x/#top`}, nil},
		{"sh", []string{`echo $# # count`}, []tok{{"# count", roleComment}}},
		{"ruby", []string{`head :no_content if defined?(x)`}, []tok{{"if", roleKeyword}}},
		{"json", []string{`{"ok": true, "n": -1.5, "s": "v"}`}, []tok{{`"ok"`, roleName}, {"true", roleKeyword}, {`"n"`, roleName}, {"-1.5", roleNumber}, {`"s"`, roleName}, {`"v"`, roleString}}},
		{"http", []string{`HTTP/1.1 204 No Content`}, []tok{{"HTTP/1.1 204 No Content", roleStart}}},
		{"http", []string{`DELETE /items/7 HTTP/1.1`}, []tok{{"DELETE /items/7 HTTP/1.1", roleStart}}},
		{"http", []string{`HTTP/1.1 200 OK`, `Content-Type: text/plain`}, []tok{{"Content-Type", roleName}}},
		{"http", []string{`HTTP/1.1 200 OK`, ``, `Content-Type: text/plain`}, nil},
		{"http", []string{`HTTP/1.1 200 OK`, ``, `{"a": 1}`}, []tok{{`"a"`, roleName}, {"1", roleNumber}}},
		{"text", []string{`return nil`}, nil},
	}
	pal := newPalette(true)
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.lines[len(tt.lines)-1], func(t *testing.T) {
			h := newHighlighter(tt.lang, pal)
			var l line
			for _, s := range tt.lines {
				l = h.line(s)
			}
			var joined strings.Builder
			var got []tok
			for _, s := range l {
				joined.WriteString(s.text)
				if s.st != pal[roleCodeText] {
					for r := roleKeyword; r < numRoles; r++ { // the roles of code blocks
						if pal[r] == s.st {
							got = append(got, tok{s.text, r})
						}
					}
				}
			}
			if want := tt.lines[len(tt.lines)-1]; joined.String() != want {
				t.Errorf("spans spell %q, want %q", joined.String(), want)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("tokens %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("token %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestRenderOddInput renders markdown the documents do not use, at widths down to the
// narrowest pane: no panic, and no line wider than asked.
func TestRenderOddInput(t *testing.T) {
	inputs := []string{
		"",
		"#",
		"-",
		"1.",
		"```",
		"```go\nunclosed",
		"| a |\n|---|\n",
		"| a | b |\n|---|---|\n| only one |\n| 1 | 2 | 3 |",
		"| `code` | **bold** |\n|:--|--:|\n| x | y |",
		"宽字符的段落，没有空格可以断开，只能在字符之间断行。",
		"emoji 🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂 and more",
		"a\tb\tc in prose",
		"`" + strings.Repeat("x", 100) + "`",
		strings.Repeat("word ", 50),
		"- a\n  - b\n    - c\n      - d\n        - e\n          - f",
		"> quote\n> > nested\n> - list in quote",
		"***strong emphasis*** and __under__ and ~~strike~~",
		"<div>html block</div>\n\ninline <b>html</b>",
		"[link](http://example.com \"title\") ![img](x.png)",
		"line  \nbreak\\\nagain",
		"1. a\n\n   ```\n   code in item\n   ```\n2. b",
		"RFC §1 RFC\n§2 (RFC 9110) §3",
	}
	for _, md := range inputs {
		for _, width := range []int{1, 5, 10, 17, 40} {
			out, err := renderText(&content.Doc{Key: "odd", Markdown: md}, width, width%2 == 0)
			if err != nil {
				t.Fatalf("Render(%q, %d): %v", md, width, err)
			}
			for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				// Below 10 columns the margins and indents alone may not fit.
				if w := ansi.StringWidth(l); width >= 10 && w > width {
					t.Errorf("Render(%q, %d): line %q is %d columns", md, width, ansi.Strip(l), w)
				}
			}
		}
	}
}
