package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/ui/layout"
	"github.com/hsx-dev/hsx/ui/search"
)

// openSearch opens the search line under the focused pane, or gives it the keyboard again;
// from the composer, the search is in the explainer.
func (m *Model) openSearch() tea.Cmd {
	p := m.focus
	var focus tea.Cmd
	if p == layout.Composer {
		p = layout.Explainer
		focus = m.setFocus(p)
	}
	if p == layout.Results && !m.results.Searchable() {
		return tea.Batch(focus, m.flash("nothing to search in this view", noticeError))
	}
	if m.find.IsOpen() && m.findPane != p {
		m.closeSearch()
	}
	if m.inner(p).H <= 2 {
		return tea.Batch(focus, m.flash("the pane is too small to search in: zoom it (f6)", noticeError))
	}
	fresh := !m.find.IsOpen()
	m.findPane = p
	cmd := m.find.Open()
	if fresh {
		switch p {
		case layout.Explainer:
			m.explainer.StartSearch()
		case layout.Results:
			m.results.StartSearch()
		}
	}
	return tea.Batch(focus, cmd, m.relayout())
}

// closeSearch closes the search line and clears the matches of its pane.
func (m *Model) closeSearch() {
	m.find.Close()
	m.endSearch()
}

// endSearch clears the matches of the search line's pane.
func (m *Model) endSearch() {
	switch m.findPane {
	case layout.Explainer:
		m.explainer.EndSearch()
	case layout.Results:
		m.results.EndSearch()
	}
}

// searchKey gives msg to the search line when it takes it: while the query is typed, or
// while its pane has focus and the key steps through the matches or closes the line. It
// reports whether the line took the key.
func (m *Model) searchKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !m.find.IsOpen() || !m.find.Handles(msg) {
		return nil, false
	}
	if !m.find.Editing() && (m.focus != m.findPane || (m.inflight != nil && msg.String() == "esc")) {
		return nil, false // another pane's keys, or esc that cancels the running request first
	}
	var act search.Action
	var cmd tea.Cmd
	m.find, act, cmd = m.find.Update(msg)
	return tea.Batch(cmd, m.applySearch(act)), true
}

// applySearch carries out what the search line reported on its pane.
func (m *Model) applySearch(act search.Action) tea.Cmd {
	switch act := act.(type) {
	case search.Changed:
		switch m.findPane {
		case layout.Explainer:
			m.explainer.SetSearch(act.Query)
		case layout.Results:
			m.results.SetSearch(act.Query)
		}
	case search.Jump:
		switch m.findPane {
		case layout.Explainer:
			m.explainer.SearchJump(act.First, act.Dir)
		case layout.Results:
			m.results.SearchJump(act.First, act.Dir)
		}
	case search.Closed:
		m.endSearch()
		return m.relayout()
	}
	return nil
}

// searchLine is the search line as its pane shows it, with that pane's count of matches.
func (m Model) searchLine() string {
	f := m.find
	switch m.findPane {
	case layout.Explainer:
		f.SetCount(m.explainer.SearchCount())
	case layout.Results:
		f.SetCount(m.results.SearchCount())
	}
	return f.View()
}

// travel moves the explainer back (or forward) to where it was before its last move.
func (m *Model) travel(forward bool) tea.Cmd {
	var cmd tea.Cmd
	var ok bool
	if forward {
		cmd, ok = m.explainer.Forward()
	} else {
		cmd, ok = m.explainer.Back()
	}
	if !ok {
		what := "no earlier place in the explainer"
		if forward {
			what = "no later place in the explainer"
		}
		return m.flash(what, noticeInfo)
	}
	return cmd
}
