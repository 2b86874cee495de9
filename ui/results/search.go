package results

import (
	"slices"
	"strings"

	"github.com/hsx-dev/hsx/ui/search"
)

// finder is the pane's side of a search: the query, its matches in the text of the active
// view and the current one. Matches are found in the view's logical lines (a raw line before
// it is wrapped, so that a match across a wrap is found) and drawn on the rows they fall on.
type finder struct {
	query   string
	matches []search.Match
	cur     int // index in matches of the current match, -1 for none
	from    int // the line at the top when the search began
	started bool
	// The view the matches belong to: its tab and its rows, which a re-wrap replaces.
	tab   Tab
	rows  *row
	nrows int
	per   int
	// lineRow is the first row of each logical line, and pieces the parts of matches on each
	// row, in row order.
	lineRow []int
	pieces  []piece
}

// piece is the part of a match that falls on one row: bytes [start, end) of its text.
type piece struct {
	row, start, end, match int
}

// StartSearch begins a search in the active view from its top row.
func (m *Model) StartSearch() {
	m.find = finder{cur: -1, started: true}
	m.refind()
	m.find.from = m.lineAt(m.views[m.tab].top)
}

// SetSearch sets the query and finds it in the active view; the first match at or after the
// line the search began at becomes current and is scrolled into view. An empty query clears
// the matches.
func (m *Model) SetSearch(query string) {
	if !m.find.started {
		m.StartSearch()
	}
	m.find.query = query
	m.refind()
	m.find.cur = search.First(m.find.matches, m.find.from)
	m.revealMatch()
}

// SearchJump goes to a match: with first, the current one (the first at or after the top
// of the view when there is none yet), and the next (dir 1) or previous (dir -1) otherwise.
func (m *Model) SearchJump(first bool, dir int) {
	m.syncSearch()
	ms := m.find.matches
	if len(ms) == 0 {
		return
	}
	switch {
	case first && m.find.cur < 0:
		m.find.cur = search.First(ms, m.lineAt(m.views[m.tab].top))
	case !first:
		m.find.cur = search.Step(ms, m.find.cur, dir)
	}
	m.revealMatch()
}

// EndSearch drops the query and its matches.
func (m *Model) EndSearch() { m.find = finder{cur: -1} }

// SearchCount returns the index of the current match (-1 for none) and the number of matches.
func (m Model) SearchCount() (cur, total int) { return m.find.cur, len(m.find.matches) }

// Searchable reports whether the active view has text to search (the timing view has not).
func (m Model) Searchable() bool { return m.state == stateDone && m.tab != TabTiming }

// syncSearch finds the matches again when the active view is another one than they were found
// in: another tab, a new result, a re-wrap.
func (m *Model) syncSearch() {
	if m.find.query == "" {
		return
	}
	v := &m.views[m.tab]
	if m.find.tab == m.tab && m.find.rows == firstRow(v.rows) && m.find.nrows == len(v.rows) && m.find.per == v.per {
		return
	}
	had := m.find.cur >= 0
	m.refind()
	m.find.cur = -1
	if had {
		m.find.cur = search.First(m.find.matches, m.lineAt(v.top))
	}
}

// firstRow identifies a slice of rows by its first element.
func firstRow(rows []row) *row {
	if len(rows) == 0 {
		return nil
	}
	return &rows[0]
}

// refind finds the query in the active view and maps the matches onto its rows.
func (m *Model) refind() {
	f := &m.find
	v := &m.views[m.tab]
	f.tab, f.rows, f.nrows, f.per = m.tab, firstRow(v.rows), len(v.rows), v.per
	f.matches, f.pieces, f.lineRow = nil, nil, nil
	if !m.Searchable() {
		return
	}
	texts, lineRow := viewText(v)
	f.lineRow = lineRow
	if f.query == "" {
		return
	}
	f.matches = search.Find(texts, f.query)
	for i, mt := range f.matches {
		f.pieces = appendPieces(f.pieces, v, lineRow[mt.Line], mt, i)
	}
}

// viewText returns the text of each logical line of v as drawn (without the gutter) and the
// row each line starts on. Lines are the view's lines before wrapping, then its hex rows.
func viewText(v *view) ([]string, []int) {
	texts := make([]string, 0, len(v.lines))
	rowOf := make([]int, 0, len(v.lines))
	r := 0
	for _, l := range v.lines {
		t := rowText(l)
		texts = append(texts, t)
		rowOf = append(rowOf, r)
		// The rows of a wrapped line hold its text in order, cut and nothing dropped.
		for n := 0; r < len(v.rows); {
			n += len(rowText(v.rows[r]))
			r++
			if n >= len(t) {
				break
			}
		}
	}
	if v.hex != nil && v.per > 0 {
		for i := len(v.rows); i < v.count(); i++ {
			texts = append(texts, rowText(v.rowAt(i)))
			rowOf = append(rowOf, i)
		}
	}
	return texts, rowOf
}

// rowText is the text of r's spans.
func rowText(r row) string {
	if len(r.spans) == 1 {
		return r.spans[0].text
	}
	var b strings.Builder
	for _, sp := range r.spans {
		b.WriteString(sp.text)
	}
	return b.String()
}

// appendPieces appends the parts of match mt (number i) on the rows of its line, which
// starts at row first.
func appendPieces(out []piece, v *view, first int, mt search.Match, i int) []piece {
	off := 0
	for r := first; r < v.count(); r++ {
		n := len(rowText(v.rowAt(r)))
		if s, e := max(mt.Start-off, 0), min(mt.End-off, n); s < e {
			out = append(out, piece{row: r, start: s, end: e, match: i})
		}
		off += n
		if off >= mt.End || r >= len(v.rows) {
			break
		}
	}
	return out
}

// lineAt returns the logical line that row r of the active view belongs to.
func (m Model) lineAt(r int) int {
	lr := m.find.lineRow
	i, found := slices.BinarySearch(lr, r)
	if !found {
		i--
	}
	return max(i, 0)
}

// revealMatch scrolls the active view so that the current match's row is on screen, a third
// of the page from the top, unless it is there already.
func (m *Model) revealMatch() {
	f := &m.find
	if f.cur < 0 {
		return
	}
	i := slices.IndexFunc(f.pieces, func(p piece) bool { return p.match == f.cur })
	if i < 0 {
		return
	}
	v, h := &m.views[m.tab], m.paneHeight()
	if r := f.pieces[i].row; r < v.top || r >= v.top+h {
		v.top = clampTop(r-h/3, v.count(), h)
	}
}

// highlightRow returns row i of the active view, r, with its parts that matches cover in the
// match styles.
func (m Model) highlightRow(i int, r row) row {
	f := &m.find
	if len(f.pieces) == 0 || f.tab != m.tab {
		return r
	}
	lo, _ := slices.BinarySearchFunc(f.pieces, i, func(p piece, row int) int { return p.row - row })
	if lo == len(f.pieces) || f.pieces[lo].row != i {
		return r
	}
	var out []span
	off := 0
	hi := lo
	for hi < len(f.pieces) && f.pieces[hi].row == i {
		hi++
	}
	ps := f.pieces[lo:hi]
	for _, sp := range r.spans {
		out = splitSpan(out, sp, off, ps, f.cur)
		off += len(sp.text)
	}
	r.spans = out
	return r
}

// splitSpan appends sp, whose text starts at byte off of its row, cut where the pieces ps
// begin and end, the parts inside them in the match styles (the current match's its own).
func splitSpan(out []span, sp span, off int, ps []piece, cur int) []span {
	text, at := sp.text, off
	for _, p := range ps {
		s, e := max(p.start, at), min(p.end, off+len(sp.text))
		if s >= e {
			continue
		}
		if s > at {
			out = append(out, span{text[at-off : s-off], sp.k})
		}
		k := kMatch
		if p.match == cur {
			k = kMatchCur
		}
		out = append(out, span{text[s-off : e-off], k})
		at = e
	}
	if at < off+len(text) {
		out = append(out, span{text[at-off:], sp.k})
	}
	return out
}
