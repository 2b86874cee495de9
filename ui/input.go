package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/composer"
	"github.com/hsx-dev/hsx/ui/explainer"
	"github.com/hsx-dev/hsx/ui/layout"
	"github.com/hsx-dev/hsx/ui/results"
	"github.com/hsx-dev/hsx/ui/search"
)

// handleKey handles a key press: the help screen or an overlay take it first, then the global
// keys, then the focused pane.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	badge := m.badge.press(m.opts.Present, msg)
	switch {
	case key.Matches(msg, m.Keys.Quit):
		m.stop()
		return tea.Quit
	case m.helpTop >= 0:
		return tea.Batch(badge, m.helpKey(msg))
	case m.overlay.open():
		return tea.Batch(badge, m.overlayUpdate(msg))
	}
	if cmd, ok := m.searchKey(msg); ok {
		return tea.Batch(badge, cmd)
	}
	if cmd, ok := m.globalKey(msg); ok {
		return tea.Batch(badge, cmd)
	}
	return tea.Batch(badge, m.paneUpdate(m.focus, msg))
}

// globalKey runs a global key and reports whether msg was one.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k, plain := m.Keys, !m.typing()
	switch {
	case key.Matches(msg, k.Help), plain && key.Matches(msg, k.HelpPlain):
		m.helpTop = 0
	case plain && key.Matches(msg, k.QuitPlain):
		m.stop()
		return tea.Quit, true
	case key.Matches(msg, k.Next):
		return m.setFocus((m.focus + 1) % layout.NumPanes), true
	case key.Matches(msg, k.Prev):
		return m.setFocus((m.focus + layout.NumPanes - 1) % layout.NumPanes), true
	case key.Matches(msg, k.Cancel) && m.inflight != nil:
		return m.cancel(), true
	case key.Matches(msg, k.Cancel) && m.replaying != nil:
		return m.cancelClients(), true
	case key.Matches(msg, k.Cancel) && m.deep != nil:
		return m.cancelFollowups(), true
	case plain && m.focus == layout.Results && key.Matches(msg, m.results.KeyMap.RunClients):
		return m.replayClients(), true
	case key.Matches(msg, k.Deep), plain && m.focus == layout.Results && key.Matches(msg, m.results.KeyMap.RunFollowups):
		return m.runFollowups(), true
	case key.Matches(msg, k.Cancel) && m.zoom:
		m.zoom = false
		return m.relayout(), true
	case key.Matches(msg, k.Send):
		return m.sendComposer(), true
	case key.Matches(msg, k.Codes):
		m.openCodes()
	case key.Matches(msg, k.Lab):
		return m.openLab(), true
	case key.Matches(msg, k.History):
		m.openHistory()
	case key.Matches(msg, k.Zoom), plain && key.Matches(msg, k.ZoomPlain):
		m.zoom = !m.zoom
		return m.relayout(), true
	case key.Matches(msg, k.Copy):
		return m.copyCurl(), true
	case key.Matches(msg, k.New):
		return m.newRequest(), true
	case key.Matches(msg, k.Undo):
		return m.undoNew(), true
	case key.Matches(msg, k.Save), m.focus == layout.Results && key.Matches(msg, k.SavePlain):
		return m.openSave(), true
	case key.Matches(msg, m.composer.KeyMap.Insecure), key.Matches(msg, m.composer.KeyMap.Redirects):
		return m.toggleOption(msg), true
	case key.Matches(msg, k.Search), plain && key.Matches(msg, k.SearchPlain):
		return m.openSearch(), true
	case key.Matches(msg, k.Back), plain && key.Matches(msg, k.BackPlain):
		return m.travel(false), true
	case key.Matches(msg, k.Forward):
		return m.travel(true), true
	default:
		return nil, false
	}
	return nil, true
}

// paneUpdate hands msg to pane p and applies at once what the pane reports, before any other
// message is handled: a key that follows finds the state the report left.
func (m *Model) paneUpdate(p layout.Pane, msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch p {
	case layout.Composer:
		want := m.composer.PreferredLines()
		var act composer.Action
		m.composer, act, cmd = m.composer.Update(msg)
		if m.composer.PreferredLines() != want {
			cmd = tea.Batch(cmd, m.relayout()) // a line was added or removed
		}
		if act, ok := act.(composer.Send); ok {
			cmd = tea.Batch(cmd, m.send(act.Request))
		}
	case layout.Results:
		before, _ := m.results.Finding()
		var act results.Action
		m.results, act, cmd = m.results.Update(msg)
		cmd = tea.Batch(cmd, m.follow(before))
		if act, ok := act.(results.Explain); ok {
			cmd = tea.Batch(cmd, m.explain(act.ID))
		}
	case layout.Explainer:
		var act explainer.Action
		m.explainer, act, cmd = m.explainer.Update(msg)
		switch act := act.(type) {
		case explainer.ShowSections:
			m.openSections(act)
		case explainer.ShowRelated:
			m.openRelated(act)
		}
	}
	return cmd
}

// follow keeps the explainer on the explanation of the selected finding while the selection
// moves through the list, without taking focus from the response pane.
func (m *Model) follow(before check.Finding) tea.Cmd {
	f, ok := m.results.Finding()
	if !ok || f.ID == before.ID {
		return nil
	}
	return m.explainer.GotoRule(f.ID)
}

// handlePaste gives a paste to the overlay's filter or to the composer (where a pasted curl
// command fills the fields), moving focus there.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	if m.overlay.open() {
		return m.overlayUpdate(msg)
	}
	if m.find.Editing() {
		var act search.Action
		var cmd tea.Cmd
		m.find, act, cmd = m.find.Update(msg)
		return tea.Batch(cmd, m.applySearch(act))
	}
	var focus tea.Cmd
	if m.focus != layout.Composer {
		focus = m.setFocus(layout.Composer)
	}
	return tea.Batch(focus, m.paneUpdate(layout.Composer, msg))
}

// handleMouse focuses the pane under a click and scrolls the one under the wheel; panes get the
// event with coordinates relative to their content.
func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	mo := msg.Mouse()
	if m.helpTop >= 0 {
		return m.helpMouse(msg)
	}
	if m.overlay.open() {
		return m.overlayMouse(msg)
	}
	p, ok := m.lay.At(mo.X, mo.Y)
	if !ok {
		return nil
	}
	inner := m.inner(p)
	mo.X, mo.Y = mo.X-inner.X, mo.Y-inner.Y
	switch msg.(type) {
	case tea.MouseClickMsg:
		var focus tea.Cmd
		if p != m.focus {
			focus = m.setFocus(p)
		}
		return tea.Batch(focus, m.paneUpdate(p, tea.MouseClickMsg(mo)))
	case tea.MouseWheelMsg:
		return m.paneUpdate(p, tea.MouseWheelMsg(mo))
	}
	return nil
}
