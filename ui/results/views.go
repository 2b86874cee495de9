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
	if !m.shown() || ex == nil {
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
		lines:  buildRaw(ex, m.marks, m.masked, m.state == stateWatching),
		wrap:   true,
		gutter: max(3, len(strconv.Itoa(len(ex.Wire)))) + 1,
		cw:     -1,
	}
	if ex.HTTP2() {
		m.views[TabRaw].lines = buildFrames(ex, m.findings, m.masked, m.state == stateWatching)
	}
	m.views[TabTiming] = view{wrap: true, cw: -1}
	m.views[TabClients] = view{cw: -1}
	m.views[TabFollowups] = view{cw: -1}
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
		if Tab(t) == TabTiming && m.ex != nil && m.shown() {
			if f := newFrame(m.width, 0); v.cw != f.content {
				v.lines = buildTiming(m.exs, m.req, f.content, m.started, m.state == stateWatching)
			}
		}
		if Tab(t) == TabClients && m.state == stateDone {
			if f := newFrame(m.width, 0); v.cw != f.content {
				v.lines = m.clientsRows(f.content)
			}
		}
		if Tab(t) == TabFollowups && m.state == stateDone {
			if f := newFrame(m.width, 0); v.cw != f.content {
				v.lines = m.followupsRows(f.content)
			}
		}
		if (Tab(t) == TabClients || Tab(t) == TabFollowups) && m.state == stateWatching {
			v.lines = []row{plainRow(span{"These run on the whole response, once the watch for stray bytes is over.", kMuted})}
		}
		v.fit(m.width)
		v.top = clampTop(v.top, v.count(), m.paneHeight())
	}
	m.ftop = clampFindingTop(m.ftop, m.sel, m.findingRows(), len(m.findings))
	m.syncSearch()
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
// screen (see view.reveal).
func (m *Model) revealSelected() {
	h := m.paneHeight()
	for t := range m.views {
		m.views[t].reveal(m.sel, h)
	}
	m.ftop = clampFindingTop(m.ftop, m.sel, m.findingRows(), len(m.findings))
}

// reveal scrolls the view, for a page of h rows, so that the rows finding i marks are on
// screen: all of them when they fit, with up to a third of the page above them for context;
// otherwise from the first of them. A view that shows them all already stays put.
func (v *view) reveal(i, h int) {
	first, last, ok := v.markedRows(i)
	if !ok || (first >= v.top && last < v.top+h) {
		return
	}
	top := first
	if span := last - first + 1; span < h {
		top = first - min(h/3, h-span)
	}
	v.top = clampTop(top, v.count(), h)
}

// markedRows returns the first and last rows of the view that finding i marks.
func (v *view) markedRows(i int) (first, last int, ok bool) {
	first, last = -1, -1
	for j := range v.rows {
		if v.rows[j].mark > 0 && v.rows[j].finding == i {
			if first < 0 {
				first = j
			}
			last = j
		}
	}
	return first, last, first >= 0
}

// selectedOnScreen reports, for each view, whether a row the selected finding marks is on
// screen.
func (m *Model) selectedOnScreen() [numTabs]bool {
	var on [numTabs]bool
	h := m.paneHeight()
	for t := range m.views {
		v := &m.views[t]
		if first, last, ok := v.markedRows(m.sel); ok {
			on[t] = last >= v.top && first < v.top+h
		}
	}
	return on
}

// hops reports whether the result has redirect hops before the final response.
func (m Model) hops() bool { return len(m.exs) > 1 }

// minViewRows is how many rows of the active view the head leaves at least, when the pane is
// tall enough: a finding on the extra bytes points at their label and their first row.
const minViewRows = 2

// headPlan is how the rows above the active view are spent at the pane's height.
type headPlan struct {
	watch    bool // the line that says the probe still watches for stray bytes
	hops     bool // the line of redirect hops
	findings int  // rows of the findings list
	tabs     bool // the tab bar
}

// head plans the rows above the active view. The status line and at least one finding always
// show; in a short pane the line of hops and then the tab bar give way, so that the rows a
// finding points at still fit below.
func (m Model) head() headPlan {
	if !m.shown() {
		return headPlan{}
	}
	p := headPlan{findings: 1, watch: m.state == stateWatching}
	if n := len(m.findings); n > 0 {
		p.findings = min(n, max(1, (m.height-3)/3))
	}
	rest := m.height - 1 - p.findings
	if p.watch {
		rest--
	}
	if m.hops() && rest-2 >= minViewRows {
		p.hops = true
		rest--
	}
	p.tabs = rest-1 >= minViewRows
	return p
}

// findingRows is how many rows the findings list takes.
func (m Model) findingRows() int { return m.head().findings }

// firstFindingRow is the row of the pane where the findings list starts.
func (m Model) firstFindingRow() int {
	p := m.head()
	n := 1
	if p.watch {
		n++
	}
	if p.hops {
		n++
	}
	return n
}

// headRows is how many rows come before the active view.
func (m Model) headRows() int {
	p := m.head()
	n := m.firstFindingRow() + p.findings
	if p.tabs {
		n++
	}
	return n
}

// paneHeight is how many rows the active view gets.
func (m Model) paneHeight() int {
	return max(0, m.height-m.headRows())
}

// finalResponse returns the final response on show, or nil.
func (m Model) finalResponse() *probe.Response {
	if m.ex == nil {
		return nil
	}
	return m.ex.Response
}

// keepSelected brings the selected finding's rows back into the views where some of them were
// on screen (on, from selectedOnScreen before a resize), so that a pane that shrinks keeps
// showing what the finding points at rather than the rows above it.
func (m *Model) keepSelected(on [numTabs]bool) {
	if !m.shown() {
		return
	}
	h := m.paneHeight()
	for t := range m.views {
		if on[t] {
			m.views[t].reveal(m.sel, h)
		}
	}
}
