package explainer

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/search"
)

// finder is the pane's side of a search: the query, its matches in the rendered lines and the
// current one.
type finder struct {
	query   string
	matches []search.Match
	cur     int      // index in matches of the current match, -1 for none
	plain   []string // the rendered lines without styles, what is searched; nil until needed
	from    int      // the top line when the search began: the preview starts there
	origin  place    // where the pane was when the search began, for going back
	started bool     // whether StartSearch has been called for the search on show
}

// StartSearch begins a search from the current position: matches are looked for from the
// top line down, and going back after a jump to a match returns here.
func (m *Model) StartSearch() {
	m.find = finder{cur: -1, from: m.vp.YOffset(), started: true}
	m.find.origin, _ = m.here()
}

// SetSearch sets the query and finds its matches in the document as shown; the first at or
// after the line the search began at becomes current and is scrolled into view. An empty
// query clears the matches.
func (m *Model) SetSearch(query string) {
	if !m.find.started {
		m.StartSearch()
	}
	m.find.query = query
	m.findMatches()
	m.find.cur = search.First(m.find.matches, m.find.from)
	m.revealMatch()
}

// SearchJump goes to a match: with first, the current one (the first at or after the top of
// the view when there is none yet), and the next (dir 1) or previous (dir -1) otherwise.
// Jumps are places to go back to: the first one from where the search began, and a run of
// next and previous jumps as one move.
func (m *Model) SearchJump(first bool, dir int) {
	ms := m.find.matches
	if len(ms) == 0 {
		return
	}
	if first {
		if m.find.cur < 0 {
			m.find.cur = search.First(ms, m.vp.YOffset())
		}
		m.pushBack(m.find.origin)
		m.run = moveNone
	} else {
		m.record(moveSearch)
		m.find.cur = search.Step(ms, m.find.cur, dir)
	}
	m.revealMatch()
	m.endRun(moveSearch)
}

// EndSearch drops the query and its matches.
func (m *Model) EndSearch() { m.find = finder{cur: -1} }

// SearchCount returns the index of the current match (-1 for none) and the number of matches.
func (m Model) SearchCount() (cur, total int) { return m.find.cur, len(m.find.matches) }

// findMatches looks for the query in the lines on show.
func (m *Model) findMatches() {
	if m.find.query == "" || !m.rendered {
		m.find.matches = nil
		return
	}
	if m.find.plain == nil {
		m.find.plain = make([]string, len(m.lines))
		for i, l := range m.lines {
			m.find.plain[i] = ansi.Strip(l)
		}
	}
	m.find.matches = search.Find(m.find.plain, m.find.query)
}

// refindAfterRender finds the matches again in a new render (another width or background),
// the first at or after the top line becoming current.
func (m *Model) refindAfterRender() {
	m.find.plain = nil
	if m.find.query == "" {
		return
	}
	had := m.find.cur >= 0
	m.findMatches()
	m.find.cur = -1
	if had {
		m.find.cur = search.First(m.find.matches, m.vp.YOffset())
	}
}

// revealMatch scrolls the current match into view, a third of the page from the top, unless
// it is on screen already.
func (m *Model) revealMatch() {
	if m.find.cur < 0 || m.find.cur >= len(m.find.matches) {
		return
	}
	line, top, h := m.find.matches[m.find.cur].Line, m.vp.YOffset(), m.vp.Height()
	if line >= top && line < top+h {
		return
	}
	m.vp.SetYOffset(max(line-h/3, 0))
	m.target = -1
}

// highlight draws the matches on line i of the document, which is drawn as l.
func (m Model) highlight(i int, l string) string {
	if len(m.find.matches) == 0 || i >= len(m.find.plain) {
		return l
	}
	on := search.OnLine(m.find.matches, i)
	if len(on) == 0 {
		return l
	}
	var cur *search.Match
	if c := m.find.cur; c >= 0 && c < len(m.find.matches) && m.find.matches[c].Line == i {
		cur = &m.find.matches[c]
	}
	return search.Highlight(l, m.find.plain[i], on, cur, m.fstyles)
}
