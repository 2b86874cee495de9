package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/ui/layout"
)

// newRequest empties the composer for a new request (see composer.Clear), keeping what it held
// so that Undo can bring it back.
func (m *Model) newRequest() tea.Cmd {
	prev := m.composer
	m.undo = &prev
	m.composer.Clear()
	if m.zoom && m.focus != layout.Composer {
		m.zoom = false
	}
	return tea.Batch(m.setFocus(layout.Composer),
		m.flash("new request: GET, no headers, no body, URL kept · ctrl+z undoes", noticeInfo))
}

// undoNew brings back the request the last new request emptied.
func (m *Model) undoNew() tea.Cmd {
	if m.undo == nil {
		return m.flash("nothing to undo", noticeInfo)
	}
	m.composer = *m.undo
	m.undo = nil
	m.composer.SetTheme(m.th)
	m.composer.SetMasked(m.opts.Present)
	return tea.Batch(m.setFocus(layout.Composer), m.flash("the request is back as it was", noticeInfo))
}
