// Package mdterm renders the markdown of a content document for a terminal: headings, lists,
// tables, block quotes and links in the document's own layout, word-wrapped to a width, with
// the code samples highlighted (HTTP messages, JSON and the languages the documents use).
// It is what the explainer pane and "hsx explain" show; the documents themselves, and their
// index, are the content package's.
package mdterm

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// defaultWidth is the wrap width Render uses when given none.
const defaultWidth = 80

// Layout, in columns: the margin on each side of the document, and the indentation of code
// blocks inside it.
const (
	margin     = 2
	codeIndent = 2
)

// codeTabWidth is the tab stop used for tabs inside code blocks.
const codeTabWidth = 4

// Document is a rendered document: its lines, and where its headings are among them, so that
// a reader can jump to a section or map a line back to the section it belongs to without
// looking for the headings' text in the output.
type Document struct {
	// Lines are the rendered lines, without line breaks; each closes the styles it opens.
	Lines []string
	// Headings are the document's top-level headings, in order.
	Headings []Heading
}

// Heading is a heading of a rendered document.
type Heading struct {
	// Line is the index in Document.Lines of the heading's first line; End is the index after
	// its last (a long heading wraps).
	Line, End int
	// Level is 1 for "#", 2 for "##" and so on.
	Level int
	// Title is the heading's text as written in the markdown, inline markup and all: what
	// content.Section.Title holds.
	Title string
	// Text is the heading as shown, without markup.
	Text string
	// Anchor is the heading's identifier in the GitHub style ("why-bytes-after-a-204-are-
	// dangerous"), with "-1", "-2"… after headings whose text repeats an earlier one.
	Anchor string
}

// String returns the lines of d, each ended by a line break.
func (d Document) String() string {
	var b strings.Builder
	for _, l := range d.Lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// Render renders doc's markdown for a terminal, word-wrapped so that no line is wider than
// width columns (80 when width is not positive), with highlighted code, and reports where its
// headings are. dark selects colours for a dark background; otherwise they suit a light one.
// Colours are 256-colour escape sequences, each line closing its own; a writer for a poorer
// terminal must downsample them.
func Render(doc *content.Doc, width int, dark bool) (Document, error) {
	return render(doc, width, dark, 0)
}

// RenderTop is Render of the document's first blocks only, as many as it takes to fill rows
// lines (or the whole document when it is shorter): what a pane shows before it is scrolled,
// at a fraction of the cost of the whole. Its lines are the first lines of Render's, and its
// headings the headings among them.
func RenderTop(doc *content.Doc, width int, dark bool, rows int) (Document, error) {
	return render(doc, width, dark, max(rows, 1))
}

// render renders doc's top-level blocks until rows lines are filled, or all of them when rows
// is not positive.
func render(doc *content.Doc, width int, dark bool, rows int) (Document, error) {
	if doc == nil {
		return Document{}, fmt.Errorf("mdterm: no document")
	}
	if width <= 0 {
		width = defaultWidth
	}
	src := []byte(doc.Markdown)
	root := newParser().Parse(text.NewReader(src))
	r := &renderer{src: src, pal: newPalette(dark)}
	lines, heads := r.document(root, width-2*margin, rows)
	out := Document{Lines: make([]string, len(lines)), Headings: heads}
	pad := strings.Repeat(" ", margin)
	for i, l := range lines {
		if l = l.trimRight(); len(l) > 0 {
			out.Lines[i] = pad + l.String()
		}
	}
	return out, nil
}

// document renders the top-level blocks of a document, a blank line between them, and notes
// where each heading lands; it stops once rows lines are filled when rows is positive.
func (r *renderer) document(root ast.Node, width, rows int) ([]line, []Heading) {
	var out []line
	var heads []Heading
	seen := map[string]int{}
	for c := root.FirstChild(); c != nil && (rows <= 0 || len(out) < rows); c = c.NextSibling() {
		if c.PreviousSibling() != nil {
			out = append(out, nil)
		}
		start := len(out)
		out = append(out, r.block(c, width)...)
		if h, ok := c.(*ast.Heading); ok {
			txt := normalizeSpace(plainText(h, r.src))
			heads = append(heads, Heading{
				Line: start, End: len(out), Level: h.Level,
				Title: sourceText(h, r.src), Text: txt, Anchor: anchor(txt, seen),
			})
		}
	}
	return out, heads
}

// sourceText is the markdown of a heading's text, as written.
func sourceText(n ast.Node, src []byte) string {
	var b strings.Builder
	segs := n.Lines()
	for i := 0; i < segs.Len(); i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		seg := segs.At(i)
		b.Write(seg.Value(src))
	}
	return strings.TrimSpace(b.String())
}

// normalizeSpace turns non-breaking spaces into spaces and collapses runs of white space.
func normalizeSpace(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// anchor returns the GitHub-style identifier of a heading whose text is txt: lower case,
// letters, digits, "-" and "_" kept, spaces turned into "-", everything else dropped; seen
// counts the identifiers given so far, so that a repeated one gets a number.
func anchor(txt string, seen map[string]int) string {
	var b strings.Builder
	for _, c := range strings.ToLower(txt) {
		switch {
		case unicode.IsLetter(c), unicode.IsDigit(c), c == '-', c == '_':
			b.WriteRune(c)
		case c == ' ':
			b.WriteByte('-')
		}
	}
	id := b.String()
	n := seen[id]
	seen[id] = n + 1
	if n > 0 {
		id += "-" + strconv.Itoa(n)
	}
	return id
}

// newParser returns a CommonMark parser that also reads GitHub's tables.
func newParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
			util.Prioritized(tableParagraphs{}, 200))...),
	)
}

// renderer turns a markdown tree into lines.
type renderer struct {
	src []byte
	pal *palette
}

// blocks renders the children of a container block, a blank line between them; in a tight
// list item, the item's text and a list nested in it stay together.
func (r *renderer) blocks(n ast.Node, width int) []line {
	var out []line
	tight := false
	if item, ok := n.(*ast.ListItem); ok {
		if list, ok := item.Parent().(*ast.List); ok {
			tight = list.IsTight
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.PreviousSibling() != nil && !tight {
			out = append(out, nil)
		}
		out = append(out, r.block(c, width)...)
	}
	return out
}

// block renders one block at most width columns wide.
func (r *renderer) block(n ast.Node, width int) []line {
	width = max(width, 1)
	switch n := n.(type) {
	case *ast.Heading:
		return r.heading(n, width)
	case *ast.Paragraph, *ast.TextBlock:
		return wrap(r.inline(n, none), width)
	case *ast.List:
		return r.list(n, width)
	case *ast.FencedCodeBlock:
		return r.code(string(n.Language(r.src)), n.Lines(), width)
	case *ast.CodeBlock:
		return r.code("", n.Lines(), width)
	case *ast.Blockquote:
		return prefix(r.blocks(n, width-2), span{"│ ", r.pal[roleMarker]}, span{"│ ", r.pal[roleMarker]})
	case *ast.ThematicBreak:
		return []line{{{strings.Repeat("─", width), r.pal[roleMarker]}}}
	case *east.Table:
		return r.table(n, width)
	case *ast.HTMLBlock:
		return r.code("", n.Lines(), width)
	}
	return r.blocks(n, width)
}

// heading renders a heading in the heading style, a section (##) underlined as well.
func (r *renderer) heading(n *ast.Heading, width int) []line {
	st := r.pal[roleHeading]
	st.underline = n.Level == 2
	return wrap(r.inline(n, st), width)
}

// list renders a list's items with a bullet or a number, their text hanging under its first
// word; the items of a loose list have a blank line between them.
func (r *renderer) list(n *ast.List, width int) []line {
	var out []line
	num := n.Start
	markerWidth := 2
	if n.IsOrdered() {
		markerWidth = len(fmt.Sprint(n.Start+n.ChildCount()-1)) + 2
	}
	flat := width-markerWidth < minListText // nested too deep for the width: no indentation
	hang := span{strings.Repeat(" ", markerWidth), none}
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		if item.PreviousSibling() != nil && !n.IsTight {
			out = append(out, nil)
		}
		marker := "• "
		if n.IsOrdered() {
			marker = fmt.Sprintf("%*d%c ", markerWidth-2, num, n.Marker)
			num++
		}
		if flat {
			out = append(out, r.blocks(item, width)...)
			continue
		}
		body := r.blocks(item, width-markerWidth)
		out = append(out, prefix(body, span{marker, r.pal[roleMarker]}, hang)...)
	}
	return out
}

// minListText is the narrowest a list item's text is indented to; with less room, a nested
// list is drawn without bullets or indentation.
const minListText = 4

// prefix puts first before the first line of lines and rest before the others that are not
// blank.
func prefix(lines []line, first, rest span) []line {
	out := make([]line, len(lines))
	for i, l := range lines {
		switch {
		case i == 0:
			out[i] = append(line{first}, l...)
		case len(l) > 0:
			out[i] = append(line{rest}, l...)
		}
	}
	if len(out) == 0 {
		out = append(out, line{first})
	}
	return out
}

// code renders a code block, indented and highlighted. Tabs become spaces up to the next
// multiple of codeTabWidth. A line too wide for the block is broken, its continuation marked
// with an arrow in the indentation.
func (r *renderer) code(lang string, segs *text.Segments, width int) []line {
	h := newHighlighter(lang, r.pal)
	pad := span{strings.Repeat(" ", codeIndent), none}
	more := span{"↪" + strings.Repeat(" ", codeIndent-1), r.pal[roleMarker]}
	var out []line
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		src := strings.TrimRight(string(s.Value(r.src)), "\r\n")
		src = termsafe.ExpandTabs(src, codeTabWidth)
		spans := h.line(src)
		parts := []line{spans}
		if w := width - codeIndent; spans.width() > w {
			parts = breakCode(spans, max(w, 1))
		}
		for j, p := range parts {
			lead := pad
			if j > 0 {
				lead = more
			}
			if p.width() == 0 {
				out = append(out, nil)
				continue
			}
			out = append(out, append(line{lead}, p...))
		}
	}
	return out
}

// breakCode cuts a line of code into pieces of at most width columns, at the width: code has
// no spaces that are safe to lose.
func breakCode(l line, width int) []line {
	var out []line
	var cur line
	used := 0
	for _, s := range l {
		for _, r := range s.text {
			rw := runeWidth(r)
			if used+rw > width && used > 0 {
				out = append(out, cur)
				cur, used = nil, 0
			}
			if n := len(cur); n > 0 && cur[n-1].st == s.st {
				cur[n-1].text += string(r)
			} else {
				cur = append(cur, span{string(r), s.st})
			}
			used += rw
		}
	}
	return append(out, cur)
}

// inline collects the words of a block's inline content, in base style st.
func (r *renderer) inline(n ast.Node, st style) []word {
	var ws words
	r.collect(n, st, &ws)
	return ws.done()
}

// collect adds the inline children of n to ws.
func (r *renderer) collect(n ast.Node, st style, ws *words) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			ws.add(string(c.Segment.Value(r.src)), st, false)
			switch {
			case c.HardLineBreak():
				ws.hardBreak()
			case c.SoftLineBreak():
				ws.space(st)
			}
		case *ast.String:
			ws.add(string(c.Value), st, false)
		case *ast.CodeSpan:
			code := r.pal[roleCode]
			code.bold, code.italic = st.bold, st.italic
			ws.add(plainText(c, r.src), code, true)
		case *ast.Emphasis:
			inner := st
			if c.Level >= 2 {
				inner.bold = true
			} else {
				inner.italic = true
			}
			r.collect(c, inner, ws)
		case *ast.Link:
			r.collect(c, r.pal[roleLink], ws)
			if dest := string(c.Destination); dest != plainText(c, r.src) {
				ws.end()
				ws.add("<"+dest+">", r.pal[roleMarker], true)
			}
		case *ast.AutoLink:
			ws.add(string(c.URL(r.src)), r.pal[roleLink], true)
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				ws.add(string(seg.Value(r.src)), st, false)
			}
		default:
			r.collect(c, st, ws)
		}
	}
}

// plainText is the text of an inline node without its markup, line breaks as spaces.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}
