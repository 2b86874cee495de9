package ui

import (
	"charm.land/bubbles/v2/key"
)

// KeyMap is the explorer's global keys. They work whatever pane has focus; the ones without a
// modifier work only when no text field has focus, so that they can still be typed.
type KeyMap struct {
	Quit      key.Binding // from anywhere
	QuitPlain key.Binding // q, when not typing
	Help      key.Binding
	HelpPlain key.Binding // ?, when not typing
	Next      key.Binding
	Prev      key.Binding
	Cancel    key.Binding
	Send      key.Binding
	Codes     key.Binding
	Lab       key.Binding
	History   key.Binding
	Zoom      key.Binding
	ZoomPlain key.Binding // z, when not typing
	Copy      key.Binding
	// New empties the composer for a new request; Undo brings back what New emptied.
	New  key.Binding
	Undo key.Binding
	// Save opens the list of ways to save or copy the response on show.
	Save      key.Binding
	SavePlain key.Binding // s, in the response pane
	// Deep sends the follow-up requests of the response on show (d in the response pane).
	Deep key.Binding
	// Search opens the search line under the focused pane (the explainer's from the composer).
	Search      key.Binding
	SearchPlain key.Binding // /, when not typing
	// Back and Forward move the explainer through the places it has been.
	Back      key.Binding
	BackPlain key.Binding // backspace, when not typing
	Forward   key.Binding
}

// DefaultKeyMap returns the default global keys. Function keys have a control-key twin for
// terminals (and laptops) where function keys are awkward; none of the control keys is one a
// text field uses.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		QuitPlain: key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit (not while typing)")),
		Help:      key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "help")),
		HelpPlain: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help (not while typing)")),
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel request / close")),
		Send:      key.NewBinding(key.WithKeys("f5", "ctrl+s"), key.WithHelp("f5/ctrl+s", "send the request")),
		Codes:     key.NewBinding(key.WithKeys("f2", "ctrl+o"), key.WithHelp("f2/ctrl+o", "status codes")),
		Lab:       key.NewBinding(key.WithKeys("f3", "ctrl+l"), key.WithHelp("f3/ctrl+l", "lab scenarios")),
		History:   key.NewBinding(key.WithKeys("f4", "ctrl+r"), key.WithHelp("f4/ctrl+r", "history")),
		Zoom:      key.NewBinding(key.WithKeys("f6"), key.WithHelp("f6", "zoom pane")),
		ZoomPlain: key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "zoom pane (not while typing)")),
		Copy:      key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "copy as curl")),
		New:       key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "new request (URL kept)")),
		Undo:      key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "undo the new request")),
		Save:      key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "save or copy the response")),
		SavePlain: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save or copy (response pane)")),
		Deep:      key.NewBinding(key.WithKeys("f7", "ctrl+g"), key.WithHelp("f7/ctrl+g", "follow-ups (--deep)")),

		Search:      key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "search the pane in focus")),
		SearchPlain: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search (not while typing)")),
		Back:        key.NewBinding(key.WithKeys("alt+left"), key.WithHelp("alt+←", "back in the explainer")),
		BackPlain:   key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "back (not while typing)")),
		Forward:     key.NewBinding(key.WithKeys("alt+right"), key.WithHelp("alt+→", "forward in the explainer")),
	}
}

// ShortHelp returns the global keys for the hint bar, the most useful first. Help is not among
// them: the hint bar always shows it on its own.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Codes, k.Lab, k.History, k.Quit}
}

// FullHelp returns every global key, grouped. The keys of search and of going back are in
// FindHelp.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Send, k.Cancel, k.New, k.Undo, k.Copy, k.Save, k.SavePlain, k.Deep},
		{k.Next, k.Prev, k.Zoom, k.ZoomPlain},
		{k.Codes, k.Lab, k.History, k.Help, k.HelpPlain, k.Quit, k.QuitPlain},
	}
}

// FindHelp returns the keys that open a search and move back and forward in the explainer.
func (k KeyMap) FindHelp() []key.Binding {
	return []key.Binding{k.Search, k.SearchPlain, k.Back, k.BackPlain, k.Forward}
}
