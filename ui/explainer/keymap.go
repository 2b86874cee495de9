package explainer

import "charm.land/bubbles/v2/key"

// KeyMap is the explainer's key bindings. They apply while the explainer has focus.
type KeyMap struct {
	Up, Down               key.Binding
	PageUp, PageDown       key.Binding
	HalfPageUp, HalfPageDn key.Binding
	Top, Bottom            key.Binding
	PrevSection            key.Binding
	NextSection            key.Binding
	// Sections asks the root to show the list of the document's sections (a ShowSections action).
	Sections key.Binding
	// Related asks the root to offer the document's related status codes (a ShowRelated action).
	Related key.Binding
}

// DefaultKeyMap returns the default bindings: pager keys, and [ ] to move between sections.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn/space", "page down")),
		HalfPageUp:  key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u", "½ page up")),
		HalfPageDn:  key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d", "½ page down")),
		Top:         key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "top")),
		Bottom:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "bottom")),
		PrevSection: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous section")),
		NextSection: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next section")),
		Sections:    key.NewBinding(key.WithKeys("s", "enter"), key.WithHelp("s", "sections")),
		Related:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "related codes")),
	}
}

// ShortHelp returns the bindings for the one-line hint bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.PrevSection, k.NextSection, k.Sections, k.PageDown}
}

// FullHelp returns every binding, grouped for the full help screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDn, k.Top, k.Bottom},
		{k.PrevSection, k.NextSection, k.Sections, k.Related},
	}
}
