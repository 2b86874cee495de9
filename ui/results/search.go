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
	view viewKey
	// texts is the text of each logical line of that view, lineRow the row each starts on
	// (kept while the view stays the same: only the query changes as it is typed), and
	// pieces the parts of matches on each row, in row order.
	texts   []string
	lineRow []int
	rowLen  []int // the length of the text of each row made from the lines (not hex rows)
	pieces  []piece
}

// viewKey identifies the rows of a view: its tab, its rows (a re-wrap or a new result
// replaces them) and its bytes per hex row.
type viewKey struct {
	tab   Tab
	rows  *row
	nrows int
	per   int
}

// keyOf returns the key of the active view.
func (m *Model) keyOf() viewKey {
	v := &m.views[m.tab]
	return viewKey{m.tab, firstRow(v.rows), len(v.rows), v.per}
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
	if m.find.view == m.keyOf() {
		return
	}
	v := &m.views[m.tab]
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
	if k := m.keyOf(); f.view != k || f.lineRow == nil {
		f.view, f.texts, f.lineRow, f.rowLen = k, nil, nil, nil
		if m.Searchable() {
			f.texts, f.lineRow, f.rowLen = viewText(v)
		}
	}
	f.matches, f.pieces = nil, nil
	if f.query == "" || !m.Searchable() {
		return
	}
	f.matches = search.Find(f.texts, f.query)
	f.pieces = f.place()
}

// place maps the matches onto the rows they fall on, in one pass: the matches of a line come
// in order, so the walk along its rows goes on from where the previous match left it.
func (f *finder) place() []piece {
	out := make([]piece, 0, len(f.matches))
	line, row, off := -1, 0, 0 // the walk: the row reached in line, and where it starts
	for i, mt := range f.matches {
		first := f.lineRow[mt.Line]
		if first >= len(f.rowLen) { // a hex row, never wrapped
			out = append(out, piece{row: first, start: mt.Start, end: mt.End, match: i})
			continue
		}
		if mt.Line != line {
			line, row, off = mt.Line, first, 0
		}
		for row < len(f.rowLen) {
			n := f.rowLen[row]
			if s, e := max(mt.Start-off, 0), min(mt.End-off, n); s < e {
				out = append(out, piece{row: row, start: s, end: e, match: i})
			}
			if off+n >= mt.End {
				break // the next match may start on this row too
			}
			off += n
			row++
		}
	}
	return out
}

// viewText returns the text of each logical line of v as drawn (without the gutter), the row
// each line starts on, and the length of the text of each of v's rows. Lines are the view's
// lines before wrapping, then its hex rows.
func viewText(v *view) (texts []string, lineRow, rowLen []int) {
	texts = make([]string, 0, len(v.lines))
	lineRow = make([]int, 0, len(v.lines))
	rowLen = make([]int, len(v.rows))
	for i, r := range v.rows {
		for _, sp := range r.spans {
			rowLen[i] += len(sp.text)
		}
	}
	r := 0
	for _, l := range v.lines {
		t := rowText(l)
		texts = append(texts, t)
		lineRow = append(lineRow, r)
		// The rows of a wrapped line hold its text in order, cut and nothing dropped.
		for n := 0; r < len(v.rows); {
			n += rowLen[r]
			r++
			if n >= len(t) {
				break
			}
		}
	}
	if v.hex != nil && v.per > 0 {
		for i := len(v.rows); i < v.count(); i++ {
			texts = append(texts, rowText(v.rowAt(i)))
			lineRow = append(lineRow, i)
		}
	}
	return texts, lineRow, rowLen
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
	if len(f.pieces) == 0 || f.view.tab != m.tab {
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
