package explainer

import (
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/content"
)

// place is a position in a document, to come back to: the section at the top of the pane
// and how many lines below its heading the top is, which survives a re-render at another
// width better than a line number.
type place struct {
	key   string // the document's content key
	title string // the heading of the section at the top, "" above the first heading
	delta int    // lines from that heading (or from the top of the document) to the top
	// marked is set when the heading at the top was jumped to, and marked as such.
	marked bool
}

// move is a kind of move that repeats in runs: a run of section steps, or of jumps from
// match to match, is one move to go back over.
type move uint8

const (
	moveNone move = iota
	moveSection
	moveSearch
)

// historyLimit is how many places back the pane remembers.
const historyLimit = 100

// here returns the current place; false when no document is shown.
func (m Model) here() (place, bool) {
	if m.doc == nil {
		return place{}, false
	}
	if !m.rendered {
		return place{key: m.doc.Key, title: m.pending}, true
	}
	top := m.vp.YOffset()
	if i := m.sectionAt(top); i >= 0 {
		marked := m.target == i && m.heads[i].line == top
		return place{key: m.doc.Key, title: m.heads[i].title, delta: top - m.heads[i].line, marked: marked}, true
	}
	return place{key: m.doc.Key, delta: top}, true
}

// record remembers the current place before a move of kind k: Back returns to it. A move that
// continues a run of its kind from where the run left the pane adds nothing.
func (m *Model) record(k move) {
	p, ok := m.here()
	if !ok {
		return
	}
	if k != moveNone && k == m.run && p == m.runEnd {
		return
	}
	m.pushBack(p)
	m.run = moveNone
}

// pushBack remembers p as the place Back goes to, and forgets the places ahead.
func (m *Model) pushBack(p place) {
	if p.key == "" {
		return
	}
	m.forward = nil
	if n := len(m.back); n > 0 && m.back[n-1] == p {
		return
	}
	m.back = append(m.back, p)
	if len(m.back) > historyLimit {
		m.back = m.back[len(m.back)-historyLimit:]
	}
}

// endRun notes that a move of kind k left the pane where it is now.
func (m *Model) endRun(k move) {
	m.run = k
	m.runEnd, _ = m.here()
}

// CanBack and CanForward report whether Back or Forward has a place to go to.
func (m Model) CanBack() bool    { return len(m.back) > 0 }
func (m Model) CanForward() bool { return len(m.forward) > 0 }

// Back returns to the place before the last move (a related code, a pick from the list of
// codes, a finding's explanation, a section jump, a jump to a match): the document and its
// scroll position. It reports false when there is nowhere to go back to.
func (m *Model) Back() (tea.Cmd, bool) {
	return m.travel(&m.back, &m.forward)
}

// Forward undoes a Back. It reports false when there is nothing to go forward to.
func (m *Model) Forward() (tea.Cmd, bool) {
	return m.travel(&m.forward, &m.back)
}

// travel goes to the last place of from, remembering the current place in to.
func (m *Model) travel(from, to *[]place) (tea.Cmd, bool) {
	cur, ok := m.here()
	for len(*from) > 0 {
		p := (*from)[len(*from)-1]
		*from = (*from)[:len(*from)-1]
		if ok && p == cur {
			continue
		}
		doc, found := m.lib.Get(p.key)
		if !found {
			continue
		}
		if ok {
			*to = append(*to, cur)
		}
		m.run = moveNone
		if m.doc != nil && m.doc.Key == p.key && m.rendered {
			m.goPlace(p)
			return nil, true
		}
		return m.showAt(doc, p), true
	}
	return nil, false
}

// goPlace scrolls the rendered document to p.
func (m *Model) goPlace(p place) {
	top, target := p.delta, -1
	if p.title != "" {
		for i, h := range m.heads {
			if h.title == p.title {
				top += h.line
				if p.marked {
					target = i
				}
				break
			}
		}
	}
	m.vp.SetYOffset(max(top, 0))
	m.target = target
}

// showAt switches to doc and renders it; the view scrolls to p once the render arrives (at
// once when a kept render is used).
func (m *Model) showAt(doc *content.Doc, p place) tea.Cmd {
	cmd := m.show(doc, "")
	if m.rendered {
		m.goPlace(p)
	} else {
		m.restore = &p
	}
	return cmd
}
