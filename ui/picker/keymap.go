package picker

import "charm.land/bubbles/v2/key"

// KeyMap is the picker's key bindings. Printable keys always go to the filter, so the list is
// moved with arrows and control keys only.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Choose           key.Binding
	Close            key.Binding
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "ctrl+p", "shift+tab"), key.WithHelp("↑", "previous")),
		Down:     key.NewBinding(key.WithKeys("down", "ctrl+n", "tab"), key.WithHelp("↓", "next")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Choose:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}

// ShortHelp returns the bindings for the one-line hint bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Choose, k.Close}
}

// FullHelp returns every binding, grouped for the full help screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Choose, k.Close}}
}
