package mdterm

import (
	"strings"

	east "github.com/yuin/goldmark/extension/ast"
)

// Table layout: the rule between two columns, and the narrowest a column is squeezed to.
const (
	columnGap   = " │ "
	minColWidth = 4
)

// table renders a table: the header row in bold over a rule, the columns separated by a bar.
// Columns wider than the block are narrowed, the widest first, and their cells wrapped.
func (r *renderer) table(t *east.Table, width int) []line {
	_, hasHeader := t.FirstChild().(*east.TableHeader)
	var rows [][][]word
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		_, header := row.(*east.TableHeader)
		var cells [][]word
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			st := none
			st.bold = header
			cells = append(cells, r.inline(cell, st))
		}
		rows = append(rows, cells)
	}
	cols := len(t.Alignments)
	widths, ok := columnWidths(rows, cols, width)
	if !ok {
		return r.stackedTable(rows, width)
	}
	gap := span{columnGap, r.pal[roleMarker]}
	var out []line
	for i, cells := range rows {
		wrapped := make([][]line, cols)
		height := 1
		for c := range cols {
			var ws []word
			if c < len(cells) {
				ws = cells[c]
			}
			wrapped[c] = wrap(ws, widths[c])
			height = max(height, len(wrapped[c]))
		}
		for y := range height {
			var l line
			for c := range cols {
				if c > 0 {
					l = append(l, gap)
				}
				var cell line
				if y < len(wrapped[c]) {
					cell = wrapped[c][y]
				}
				l = append(l, cell...)
				if pad := widths[c] - cell.width(); pad > 0 && c < cols-1 {
					l = append(l, span{strings.Repeat(" ", pad), none})
				}
			}
			out = append(out, l)
		}
		if i == 0 && hasHeader {
			var rule []string
			for _, w := range widths {
				rule = append(rule, strings.Repeat("─", w))
			}
			out = append(out, line{{strings.Join(rule, "─┼─"), r.pal[roleMarker]}})
		}
	}
	return out
}

// columnWidths returns the width of each column: what its widest cell needs, narrowed (the
// widest column first, never below minColWidth) until the row fits in width. It reports false
// when the columns cannot fit.
func columnWidths(rows [][][]word, cols, width int) ([]int, bool) {
	widths := make([]int, cols)
	for _, cells := range rows {
		for c, ws := range cells {
			if c < cols {
				widths[c] = max(widths[c], wordsWidth(ws))
			}
		}
	}
	room := width - (cols-1)*len([]rune(columnGap))
	for {
		total, widest := 0, 0
		for c, w := range widths {
			total += w
			if w > widths[widest] {
				widest = c
			}
		}
		if total <= room {
			return widths, true
		}
		if widths[widest] <= minColWidth {
			return nil, false
		}
		widths[widest]--
	}
}

// stackedTable renders a table too wide for its columns to fit as one block per row, each
// cell on lines of its own after its column's header: "Method: GET".
func (r *renderer) stackedTable(rows [][][]word, width int) []line {
	var out []line
	header := rows[0]
	for i, cells := range rows[1:] {
		if i > 0 {
			out = append(out, nil)
		}
		for c, ws := range cells {
			var item []word
			if c < len(header) && len(header[c]) > 0 {
				item = append(item, header[c]...)
				last := &item[len(item)-1]
				last.spans = append(last.spans[:len(last.spans):len(last.spans)], span{":", last.spans[len(last.spans)-1].st})
				last.width++
			}
			out = append(out, wrap(append(item, ws...), width)...)
		}
	}
	return out
}

// wordsWidth is how wide words are on one line.
func wordsWidth(ws []word) int {
	w := 0
	for i, x := range ws {
		if i > 0 {
			w++
		}
		w += x.width
	}
	return w
}
