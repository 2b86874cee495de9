package results

import (
	"strconv"

	"github.com/hsx-dev/hsx/probe"
)

// view is the prepared content of one tab: its logical rows, the rows as drawn (wrapped to the
// content width when the view wraps), and the scroll position. The body's hex dump keeps its
// bytes and makes its rows only when they are drawn.
type view struct {
	lines  []row
	rows   []row
	wrap   bool
	gutter int
	hex    []byte
	per    int
	top    int
	// cw is the content width rows were made for; -1 forces a rebuild.
	cw int
}

// count is the number of rows of the view.
func (v *view) count() int {
	n := len(v.rows)
	if v.hex != nil && v.per > 0 {
		n += (len(v.hex) + v.per - 1) / v.per
	}
	return n
}

// rowAt returns row i of the view.
func (v *view) rowAt(i int) row {
	if i < len(v.rows) {
		return v.rows[i]
	}
	return hexRow(v.hex, i-len(v.rows), v.per)
}

// fit re-wraps the view for width w.
func (v *view) fit(w int) frame {
	f := newFrame(w, v.gutter)
	if v.cw == f.content {
		return f
	}
	v.cw = f.content
	if v.hex != nil {
		v.per = hexPerRow(f.content)
	}
	if !v.wrap {
		v.rows = v.lines
		return f
	}
	rows := make([]row, 0, len(v.lines))
	for _, l := range v.lines {
		rows = wrapRow(l, f.content, rows)
	}
	v.rows = rows
	return f
}

// prepare builds the rows of every view from the result on show.
func (m *Model) prepare() {
	m.views = [numTabs]view{}
	for i := range m.views {
		m.views[i].cw = -1
	}
	ex := m.ex
	if m.state != stateDone || ex == nil {
		m.marks = nil
		m.layout()
		return
	}
	m.marks = findingRanges(ex, m.findings)
	m.views[TabHeaders] = view{lines: buildHeaders(ex, m.findings, m.masked), cw: -1}
	b := buildBody(ex, m.findings)
	bv := view{lines: b.rows, wrap: true, hex: b.hex, cw: -1}
	if b.hex != nil {
		bv.gutter = 9
	}
	m.views[TabBody] = bv
	m.views[TabRaw] = view{
		lines:  buildRaw(ex, m.marks, m.masked),
		wrap:   true,
		gutter: max(3, len(strconv.Itoa(len(ex.Wire)))) + 1,
		cw:     -1,
	}
	m.views[TabTiming] = view{cw: -1}
	m.layout()
	m.frameMarks()
}

// frameMarks scrolls each view so that its rows that findings point at are on screen: from
// just above the first of them, or, when the rows from the first to the last one fit on one
// page, far enough down to show the last one too.
func (m *Model) frameMarks() {
	h := m.paneHeight()
	for t := range m.views {
		v := &m.views[t]
		first, last := -1, -1
		for i := range v.rows {
			if v.rows[i].mark > 0 {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 {
			continue
		}
		top := max(first-1, 0)
		if last >= top+h && last-first < h {
			top = last - h + 1
		}
		v.top = clampTop(top, v.count(), h)
	}
}

// layout fits every view to the pane's width and keeps scroll positions in range.
func (m *Model) layout() {
	if m.width <= 0 {
		return
	}
	for t := range m.views {
		v := &m.views[t]
		if Tab(t) == TabTiming && m.ex != nil && m.state == stateDone {
			if f := newFrame(m.width, 0); v.cw != f.content {
				v.lines = buildTiming(m.exs, m.req, f.content)
			}
		}
		v.fit(m.width)
		v.top = clampTop(v.top, v.count(), m.paneHeight())
	}
	m.ftop = clampFindingTop(m.ftop, m.sel, m.findingRows(), len(m.findings))
}

// clampTop keeps a scroll position between 0 and the last full page.
func clampTop(top, n, h int) int {
	return max(0, min(top, n-max(h, 1)))
}

// clampFindingTop keeps the selected finding within the visible finding rows.
func clampFindingTop(top, sel, rows, n int) int {
	if rows <= 0 {
		return 0
	}
	if sel < top {
		top = sel
	}
	if sel >= top+rows {
		top = sel - rows + 1
	}
	return max(0, min(top, n-rows))
}

// revealSelected scrolls every view so that the rows the selected finding points at are on
// screen, a little below the top.
func (m *Model) revealSelected() {
	h := m.paneHeight()
	for t := range m.views {
		v := &m.views[t]
		for i := range v.rows {
			if v.rows[i].finding == m.sel && v.rows[i].mark > 0 {
				if i < v.top || i >= v.top+h {
					v.top = clampTop(i-h/3, v.count(), h)
				}
				break
			}
		}
	}
	m.ftop = clampFindingTop(m.ftop, m.sel, m.findingRows(), len(m.findings))
}

// hops reports whether the pane shows a line of redirect hops.
func (m Model) hops() bool { return len(m.exs) > 1 }

// findingRows is how many rows the findings list takes.
func (m Model) findingRows() int {
	if m.state != stateDone {
		return 0
	}
	n := len(m.findings)
	if n == 0 {
		return 1 // "no problems found"
	}
	limit := max(1, (m.height-3)/3)
	return min(n, limit)
}

// headRows is how many rows come before the tab bar.
func (m Model) headRows() int {
	n := 1 + m.findingRows()
	if m.hops() {
		n++
	}
	return n
}

// paneHeight is how many rows the active view gets.
func (m Model) paneHeight() int {
	return max(0, m.height-m.headRows()-1)
}

// finalResponse returns the final response on show, or nil.
func (m Model) finalResponse() *probe.Response {
	if m.ex == nil {
		return nil
	}
	return m.ex.Response
}
