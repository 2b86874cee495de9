package search

import "charm.land/bubbles/v2/key"

// KeyMap holds the keys of the search line. While the query is typed, enter goes to the first
// match at or after the top of the view; after that enter and n go to the next match,
// shift+enter and N to the previous one. n and N are text while the query is typed.
type KeyMap struct {
	Next, Prev           key.Binding
	NextPlain, PrevPlain key.Binding
	Close                key.Binding
}

// DefaultKeyMap returns the default keys of the search line.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "first match, then next")),
		Prev:      key.NewBinding(key.WithKeys("shift+enter"), key.WithHelp("shift+enter", "previous match")),
		NextPlain: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevPlain: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Close:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close the search")),
	}
}

// ShortHelp returns the keys for the hint bar while the matches are shown.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextPlain, k.PrevPlain, k.Close}
}

// FullHelp returns every key, grouped.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev, k.NextPlain, k.PrevPlain, k.Close}}
}
