package composer

import "charm.land/bubbles/v2/key"

// KeyMap holds the composer's own keys; editing keys are those of bubbles' textinput and
// textarea. It implements help.KeyMap.
type KeyMap struct {
	// Send sends the request from anywhere in the composer; SendFromURL is enter in the URL
	// field (in the other fields enter edits).
	Send, SendFromURL key.Binding
	// Method cycles through the common methods.
	Method key.Binding
	// NextField and PrevField move between method, URL, options, headers and body. Down and up do the
	// same from a one-line field and from the last or first line of a text area.
	NextField, PrevField key.Binding
	// Back returns from the method, headers or body to the URL field, so that what is typed
	// next goes into the URL.
	Back key.Binding
	// Insecure and Redirects toggle -k and -L in the options line. They use alt so that they
	// work while a field is being typed in; the explorer's root runs them from any pane.
	Insecure, Redirects key.Binding
	// Retry and Drop apply while a pasted curl command that did not parse is open: Retry
	// parses it again (filling the fields when it parses), Drop closes it.
	Retry, Drop key.Binding
}

// DefaultKeyMap returns the default keys of the composer.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Send:        key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "send from any field")),
		SendFromURL: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send")),
		Method:      key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "method")),
		NextField:   key.NewBinding(key.WithKeys("ctrl+down", "alt+down"), key.WithHelp("ctrl+↓", "next field")),
		PrevField:   key.NewBinding(key.WithKeys("ctrl+up", "alt+up"), key.WithHelp("ctrl+↑", "previous field")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the URL field")),
		Insecure:    key.NewBinding(key.WithKeys("alt+k"), key.WithHelp("alt+k", "toggle -k (skip TLS verification)")),
		Redirects:   key.NewBinding(key.WithKeys("alt+r"), key.WithHelp("alt+r", "toggle -L (follow redirects)")),
		Retry:       key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter", "retry the paste")),
		Drop:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "drop the paste")),
	}
}

// ShortHelp returns the keys for the one-line help bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.SendFromURL, k.Method, k.NextField}
}

// FullHelp returns the keys of the composer's fields, grouped. The keys that toggle request
// options are not among them: see OptionKeys.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.SendFromURL, k.Send, k.Method}, {k.NextField, k.PrevField, k.Back}, {k.Retry, k.Drop}}
}

// OptionKeys returns the keys that toggle request options. An owner that runs them from any
// pane (as the explorer does) lists them in a group of their own.
func (k KeyMap) OptionKeys() []key.Binding {
	return []key.Binding{k.Insecure, k.Redirects}
}
