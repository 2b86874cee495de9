package results

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// wheelStep is how many rows one notch of the mouse wheel scrolls.
const wheelStep = 3

// Update handles keys (when focused), mouse wheel and clicks (coordinates relative to the
// pane), and the spinner's ticks. It reports what the owner must do, if anything, as an Action.
func (m Model) Update(msg tea.Msg) (out Model, act Action, cmd tea.Cmd) {
	defer func() { out.syncSearch() }() // a key or a click may have switched the view
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if msg.ID == m.clients.spin.ID() {
			m, cmd := m.clientsTick(msg)
			return m, nil, cmd
		}
		if msg.ID == m.deep.spin.ID() {
			m, cmd := m.followupsTick(msg)
			return m, nil, cmd
		}
		if !m.Running() {
			return m, nil, nil // let the tick chain of a finished request die out
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		if !msg.Time.IsZero() && msg.Time.After(m.now) {
			m.now = msg.Time
		}
		return m, nil, cmd
	case tea.KeyPressMsg:
		if !m.focused {
			return m, nil, nil
		}
		m, act := m.handleKey(msg)
		return m, act, nil
	case tea.MouseWheelMsg:
		mo := msg.Mouse()
		switch mo.Button {
		case tea.MouseWheelUp:
			m.wheel(mo.Y, -1)
		case tea.MouseWheelDown:
			m.wheel(mo.Y, 1)
		}
		return m, nil, nil
	case tea.MouseClickMsg:
		m, act := m.click(msg.Mouse())
		return m, act, nil
	}
	return m, nil, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (Model, Action) {
	km := m.KeyMap
	if m.tab == TabClients && m.clientsKey(msg) {
		return m, nil
	}
	if m.tab == TabFollowups {
		if act, ok := m.followupsKey(msg); ok {
			return m, act
		}
	}
	switch {
	case key.Matches(msg, km.Explain):
		return m, m.explain()
	case key.Matches(msg, km.Up):
		m.selectFinding(m.sel - 1)
	case key.Matches(msg, km.Down):
		m.selectFinding(m.sel + 1)
	case key.Matches(msg, km.NextTab):
		m.tab = (m.tab + 1) % numTabs
	case key.Matches(msg, km.PrevTab):
		m.tab = (m.tab + numTabs - 1) % numTabs
	case key.Matches(msg, km.Headers):
		m.tab = TabHeaders
	case key.Matches(msg, km.Body):
		m.tab = TabBody
	case key.Matches(msg, km.Raw):
		m.tab = TabRaw
	case key.Matches(msg, km.Timing):
		m.tab = TabTiming
	case key.Matches(msg, km.Clients):
		m.tab = TabClients
	case key.Matches(msg, km.Followups):
		m.tab = TabFollowups
	case key.Matches(msg, km.LineUp):
		m.scroll(-1)
	case key.Matches(msg, km.LineDown):
		m.scroll(1)
	case key.Matches(msg, km.PageUp):
		m.scroll(-max(m.paneHeight()-1, 1))
	case key.Matches(msg, km.PageDown):
		m.scroll(max(m.paneHeight()-1, 1))
	case key.Matches(msg, km.Top):
		m.scroll(-m.views[m.tab].count())
	case key.Matches(msg, km.Bottom):
		m.scroll(m.views[m.tab].count())
	}
	return m, nil
}

// explain asks for the selected finding's explanation; nil when none is selected.
func (m Model) explain() Action {
	f, ok := m.Finding()
	if !ok {
		return nil
	}
	return Explain{ID: f.ID}
}

// selectFinding selects finding i (clamped) and brings what it points at into view.
func (m *Model) selectFinding(i int) {
	if len(m.findings) == 0 || !m.shown() {
		return
	}
	i = max(0, min(i, len(m.findings)-1))
	if i == m.sel {
		return
	}
	m.sel = i
	m.revealSelected()
}

// scroll moves the active view by n rows.
func (m *Model) scroll(n int) {
	v := &m.views[m.tab]
	v.top = clampTop(v.top+n, v.count(), m.paneHeight())
}

// wheel scrolls the findings list when the pointer is over it, the active view otherwise.
func (m *Model) wheel(y, dir int) {
	if !m.shown() {
		return
	}
	first := m.firstFindingRow()
	if y >= first && y < first+m.findingRows() && len(m.findings) > m.findingRows() {
		m.ftop = max(0, min(m.ftop+dir, len(m.findings)-m.findingRows()))
		return
	}
	m.scroll(dir * wheelStep)
}

// click selects and explains a finding, or switches to a tab.
func (m Model) click(mo tea.Mouse) (Model, Action) {
	if !m.shown() || mo.Button != tea.MouseLeft {
		return m, nil
	}
	first := m.firstFindingRow()
	if mo.Y >= first && mo.Y < first+m.findingRows() {
		i := m.ftop + mo.Y - first
		if i < len(m.findings) {
			m.sel = i
			m.revealSelected()
			return m, m.explain()
		}
		return m, nil
	}
	if m.head().tabs && mo.Y == first+m.findingRows() {
		xs, ws := tabLayout()
		for t := range numTabs {
			if mo.X >= xs[t] && mo.X < xs[t]+ws[t] {
				m.tab = t
			}
		}
	}
	return m, nil
}
