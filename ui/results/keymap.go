package results

import "charm.land/bubbles/v2/key"

// KeyMap holds the keys of the results pane. It implements help.KeyMap.
type KeyMap struct {
	// Up and Down select the previous and next finding; the view scrolls to what it points at.
	Up, Down key.Binding
	// Explain asks for the explanation of the selected finding (an Explain action).
	Explain key.Binding
	// NextTab and PrevTab switch between the views; Headers, Body, Raw and Timing jump to one.
	NextTab, PrevTab           key.Binding
	Headers, Body, Raw, Timing key.Binding
	// Clients jumps to the Clients view; RunClients replays the response to the client stacks
	// installed here (the explorer runs it; the pane shows it).
	Clients, RunClients key.Binding
	// Followups jumps to the Follow-ups view; RunFollowups sends the follow-up requests of
	// the response on show (the explorer runs them; the pane shows them).
	Followups, RunFollowups       key.Binding
	LineUp, LineDown              key.Binding
	PageUp, PageDown, Top, Bottom key.Binding
}

// DefaultKeyMap returns the default keys of the results pane.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous finding")),
		Down:         key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next finding")),
		Explain:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "explain")),
		NextTab:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "view")),
		PrevTab:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous view")),
		Headers:      key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "headers")),
		Body:         key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "body")),
		Raw:          key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "raw wire")),
		Timing:       key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "timing, TLS")),
		Clients:      key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "clients")),
		RunClients:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "replay to clients")),
		Followups:    key.NewBinding(key.WithKeys("6"), key.WithHelp("6", "follow-ups")),
		RunFollowups: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "send follow-ups")),
		LineUp:       key.NewBinding(key.WithKeys("shift+up", "K"), key.WithHelp("K", "scroll up")),
		LineDown:     key.NewBinding(key.WithKeys("shift+down", "J"), key.WithHelp("J", "scroll down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn/space", "page down")),
		Top:          key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "top")),
		Bottom:       key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "bottom")),
	}
}

// ShortHelp returns the keys for the one-line help bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.Explain, k.NextTab, k.LineDown}
}

// FullHelp returns every key, grouped.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Explain},
		{k.NextTab, k.PrevTab, k.Headers, k.Body, k.Raw, k.Timing, k.Clients, k.RunClients, k.Followups, k.RunFollowups},
		{k.LineUp, k.LineDown, k.PageUp, k.PageDown, k.Top, k.Bottom},
	}
}

// HintKeys returns the keys worth showing in the help bar for what the pane shows now: none
// before a response arrives (nothing there reacts to a key), the finding keys only when there
// are findings.
func (m Model) HintKeys() []key.Binding {
	if !m.shown() {
		return nil
	}
	if m.tab == TabClients && m.state == stateDone {
		return []key.Binding{m.KeyMap.RunClients,
			key.NewBinding(key.WithKeys("down"), key.WithHelp("↓/j", "next client")),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details"))}
	}
	if m.tab == TabFollowups && m.state == stateDone {
		return []key.Binding{m.KeyMap.RunFollowups,
			key.NewBinding(key.WithKeys("down"), key.WithHelp("↓/j", "next")),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details / explain"))}
	}
	if len(m.findings) == 0 {
		return []key.Binding{m.KeyMap.NextTab, m.KeyMap.LineDown}
	}
	return m.KeyMap.ShortHelp()
}
