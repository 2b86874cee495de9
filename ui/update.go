package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/ui/explainer"
	"github.com/hsx-dev/hsx/ui/layout"
	"github.com/hsx-dev/hsx/ui/theme"
)

// Update routes a message: input to the focused pane or the open overlay, background results
// to the component that asked, and everything of the root's own to a small method.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		cmd = m.relayout()
	case tea.BackgroundColorMsg:
		cmd = m.setDark(msg.IsDark())
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	case tea.PasteMsg:
		cmd = m.handlePaste(msg)
	case tea.MouseMsg:
		cmd = m.handleMouse(msg)
	case sendInitialMsg:
		cmd = m.sendComposer()
	case resultMsg:
		cmd = m.finish(msg)
	case progressMsg:
		cmd = m.progress(msg)
	case watchMsg:
		cmd = m.watching(msg)
	case clientsMsg:
		m.clientsDone(msg)
	case followupsMsg:
		m.followupsDone(msg)
	case explainer.Msg:
		cmd = m.paneUpdate(layout.Explainer, msg)
	case historyLoadedMsg:
		cmd = m.historyLoaded(msg)
	case historySavedMsg:
		cmd = m.historySaved(msg)
	case savedMsg:
		cmd = m.saved(msg)
	case copiedMsg:
		cmd = m.copied(msg)
	case noticeExpiredMsg:
		m.notice.expire(msg.seq)
	case badgeExpiredMsg:
		m.badge.expire(msg.seq)
	default:
		cmd = m.forward(msg)
	}
	return m, cmd
}

// forward hands a message the root does not know (spinner ticks, cursor blinks, the composer's
// parsed curl command) to the panes that handle such messages.
func (m *Model) forward(msg tea.Msg) tea.Cmd {
	return tea.Batch(m.paneUpdate(layout.Composer, msg), m.paneUpdate(layout.Results, msg))
}

// explain moves the explainer to the section that explains rule id. When the panes are stacked
// the explainer also takes focus, which gives it the larger share of the height to be read in.
func (m *Model) explain(id string) tea.Cmd {
	cmd := m.explainer.GotoRule(id)
	if m.lay.Wide || m.zoom {
		return cmd
	}
	return tea.Batch(cmd, m.setFocus(layout.Explainer))
}

// relayout recomputes the layout and hands each pane its size.
func (m *Model) relayout() tea.Cmd {
	m.lay = layout.Compute(m.width, m.height, layout.Toggles{
		Focus: m.focus, Zoom: m.zoom, Present: m.opts.Present, Idle: m.reqID == 0,
		ComposerLines: m.composer.PreferredLines(),
	})
	if m.lay.TooSmall {
		return nil
	}
	m.overlay.setSize(m.width, m.height)
	var cmd tea.Cmd
	for p := range layout.NumPanes {
		r := m.inner(p)
		if r.Empty() {
			continue // hidden by zoom: keeps its last size
		}
		if m.find.IsOpen() && p == m.findPane && r.H > 2 {
			r.H-- // the search line's row, under the pane
			m.find.SetWidth(r.W)
		}
		switch p {
		case layout.Composer:
			m.composer.SetSize(r.W, r.H)
		case layout.Results:
			m.results.SetSize(r.W, r.H)
		case layout.Explainer:
			cmd = m.explainer.SetSize(r.W, r.H)
		}
	}
	return cmd
}

// inner is the content rectangle of pane p: inside its border, and in presentation mode inside
// a column of padding on each side.
func (m Model) inner(p layout.Pane) layout.Rect {
	r := m.lay.Pane(p).Inset(1, 1)
	if m.opts.Present {
		r = r.Inset(1, 0)
	}
	return r
}

// setDark applies the terminal's background to every component.
func (m *Model) setDark(dark bool) tea.Cmd {
	if dark == m.th.Dark {
		return nil
	}
	m.th = theme.New(dark, m.opts.Present)
	m.help.Styles = helpStyles(m.th)
	m.composer.SetTheme(m.th)
	m.results.SetTheme(m.th)
	m.overlay.setTheme(m.th)
	m.find.SetTheme(m.th)
	return m.explainer.SetTheme(m.th)
}
