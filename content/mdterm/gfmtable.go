package mdterm

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// tableParagraphs turns a paragraph that holds a GitHub table into an east.Table: a header row,
// a delimiter row of dashes (with optional colons) that has as many cells, and the body rows
// up to the end of the paragraph. Lines before the header stay a paragraph. Cells are split at
// every "|" that no backslash escapes; their text is parsed as inline markdown afterwards, as
// any block's is.
//
// It reads only what the documents need, and so keeps goldmark's extension package, whose
// initialisation compiles regular expressions in every process, out of the binary.
type tableParagraphs struct{}

// Transform implements parser.ParagraphTransformer.
func (tableParagraphs) Transform(para *ast.Paragraph, reader text.Reader, _ parser.Context) {
	lines := para.Lines()
	src := reader.Source()
	for i := 1; i < lines.Len(); i++ {
		aligns := delimiterRow(src, lines.At(i))
		if aligns == nil {
			continue
		}
		head := splitRow(src, lines.At(i-1))
		if len(head) != len(aligns) {
			continue
		}
		table := east.NewTable()
		table.Alignments = aligns
		table.AppendChild(table, east.NewTableHeader(tableRow(head, aligns)))
		for j := i + 1; j < lines.Len(); j++ {
			table.AppendChild(table, tableRow(splitRow(src, lines.At(j)), aligns))
		}
		parent := para.Parent()
		if i == 1 {
			parent.ReplaceChild(parent, para, table)
			return
		}
		kept := text.NewSegments()
		for j := range i - 1 {
			kept.Append(lines.At(j))
		}
		para.SetLines(kept)
		parent.InsertAfter(parent, para, table)
		return
	}
}

// tableRow makes a row of cells, as many as there are columns: extra cells are dropped and
// missing ones left empty.
func tableRow(cells []text.Segment, aligns []east.Alignment) *east.TableRow {
	row := east.NewTableRow(aligns)
	for c, a := range aligns {
		cell := east.NewTableCell()
		cell.Alignment = a
		if c < len(cells) {
			cell.Lines().Append(cells[c])
		}
		row.AppendChild(row, cell)
	}
	return row
}

// splitRow returns the cells of a table row, each trimmed of spaces: the text between the
// unescaped pipes, without the optional pipes at the ends of the line.
func splitRow(src []byte, seg text.Segment) []text.Segment {
	seg = trimSpace(src, seg)
	start, stop := seg.Start, seg.Stop
	if start < stop && src[start] == '|' {
		start++
	}
	if stop > start && src[stop-1] == '|' && (stop-2 < start || src[stop-2] != '\\') {
		stop--
	}
	var cells []text.Segment
	from := start
	for i := start; i <= stop; i++ {
		if i < stop && (src[i] != '|' || i > start && src[i-1] == '\\') {
			continue
		}
		cells = append(cells, trimSpace(src, text.NewSegment(from, i)))
		from = i + 1
	}
	return cells
}

// delimiterRow returns the alignment of each column when seg is a table's delimiter row
// ("| --- | :-: | --: |"), or nil when it is not one.
func delimiterRow(src []byte, seg text.Segment) []east.Alignment {
	var aligns []east.Alignment
	for _, cell := range splitRow(src, seg) {
		v := cell.Value(src)
		if len(v) == 0 {
			return nil
		}
		left, right := v[0] == ':', v[len(v)-1] == ':'
		dashes := v
		if left {
			dashes = dashes[1:]
		}
		if right && len(dashes) > 0 {
			dashes = dashes[:len(dashes)-1]
		}
		if len(dashes) == 0 {
			return nil
		}
		for _, b := range dashes {
			if b != '-' {
				return nil
			}
		}
		switch {
		case left && right:
			aligns = append(aligns, east.AlignCenter)
		case left:
			aligns = append(aligns, east.AlignLeft)
		case right:
			aligns = append(aligns, east.AlignRight)
		default:
			aligns = append(aligns, east.AlignNone)
		}
	}
	return aligns
}

// trimSpace returns seg without the white space (line ending included) at its ends.
func trimSpace(src []byte, seg text.Segment) text.Segment {
	seg = seg.TrimLeftSpace(src)
	return seg.TrimRightSpace(src)
}
