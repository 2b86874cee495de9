package ui

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/ui/history"
	"github.com/hsx-dev/hsx/ui/picker"
)

// HistoryKeyMap is the keys of the history list besides the picker's own.
type HistoryKeyMap struct {
	// Delete removes the selected request (every sending of it) from the history.
	Delete key.Binding
	// Clear asks to remove every request, and does on enter.
	Clear key.Binding
	// All shows the requests of earlier runs too, in presentation mode, where the list starts
	// with this run's only.
	All key.Binding
}

// DefaultHistoryKeyMap returns the default keys of the history list. They are control and
// editing keys, since printable ones go to the filter.
func DefaultHistoryKeyMap() HistoryKeyMap {
	return HistoryKeyMap{
		Delete: key.NewBinding(key.WithKeys("delete", "ctrl+d"), key.WithHelp("del", "delete")),
		Clear:  key.NewBinding(key.WithKeys("shift+delete", "ctrl+k"), key.WithHelp("ctrl+k", "clear all")),
		All:    key.NewBinding(key.WithKeys("ctrl+a"), key.WithHelp("ctrl+a", "earlier runs")),
	}
}

// The actions of the history list, in the order given to the picker.
const (
	historyDelete = iota
	historyClear
	historyAll
)

// historyShown returns the history entries the list offers: all of them, or in presentation
// mode only this run's until the user asks for all.
func (m Model) historyShown() []history.Entry {
	if !m.opts.Present || m.allHistory {
		return m.history
	}
	return slices.DeleteFunc(slices.Clone(m.history), func(e history.Entry) bool { return e.Time.Before(m.started) })
}

// historyNote is what the history list says above its rows: where the entries come from when
// that is not simply "the history file".
func (m Model) historyNote() []string {
	var note []string
	switch {
	case m.opts.NoHistory:
		note = append(note, "History is off (--no-history): this run's requests, kept in memory only.")
	case m.opts.Present && !m.allHistory:
		if hidden := len(m.history) - len(m.historyShown()); hidden > 0 {
			note = append(note, fmt.Sprintf("Presenting: this run's requests only · ctrl+a adds %d from earlier runs.", hidden))
		}
	}
	if m.confirmClear {
		note = append(note, fmt.Sprintf("Clear all %s from the history? enter clears · any other key keeps them.",
			english.Plural(len(m.history), "request")))
	}
	return note
}

// historyAction applies a key of the history list: delete the selected entry, ask to clear
// them all, or show every run's.
func (m *Model) historyAction(act picker.Pressed) tea.Cmd {
	switch act.Action {
	case historyDelete:
		if act.Index < 0 || act.Index >= len(m.overlay.entries) {
			return nil
		}
		e := m.overlay.entries[act.Index]
		m.history = slices.DeleteFunc(m.history, func(o history.Entry) bool { return history.SameRequest(o, e) })
		if !m.loaded {
			m.forgotten = append(m.forgotten, e)
		}
		m.reopenHistory(act.Index)
		return tea.Batch(m.queue(func(s history.Store) error { return s.Remove(e) }),
			m.flash("deleted from the history: "+e.Method+" "+m.shownURL(e.URL), noticeInfo))
	case historyClear:
		if len(m.history) == 0 {
			return m.flash("the history is empty", noticeInfo)
		}
		m.confirmClear = true
		m.reopenHistory(m.overlay.p.Selected())
	case historyAll:
		if m.opts.Present {
			m.allHistory = !m.allHistory
			m.reopenHistory(0)
		}
	}
	return nil
}

// confirmKey answers the question to clear the history: enter clears it, any other key keeps it.
func (m *Model) confirmKey(msg tea.KeyPressMsg) tea.Cmd {
	m.confirmClear = false
	if msg.Code != tea.KeyEnter {
		m.reopenHistory(m.overlay.p.Selected())
		return m.flash("the history was kept", noticeInfo)
	}
	n := len(m.history)
	m.history = nil
	m.clearedAll = m.clearedAll || !m.loaded
	m.reopenHistory(0)
	msgText := "history cleared: " + english.Plural(n, "request") + " removed"
	if m.store != nil {
		msgText += " from " + m.store.Path
	}
	return tea.Batch(m.queue(history.Store.Clear), m.flash(msgText, noticeInfo))
}

// forget drops from entries read at start what was deleted or cleared before they came.
func (m *Model) forget(entries []history.Entry) []history.Entry {
	if m.clearedAll {
		entries = nil
	}
	for _, f := range m.forgotten {
		entries = slices.DeleteFunc(entries, func(e history.Entry) bool { return history.SameRequest(e, f) })
	}
	m.forgotten, m.clearedAll = nil, false
	return entries
}

// reopenHistory redraws the open history list after a change, with its filter kept and the
// selection near item sel.
func (m *Model) reopenHistory(sel int) {
	filter := m.overlay.p.Filter()
	m.openHistory()
	if filter != "" {
		m.overlay.p.SetFilter(filter)
	}
	m.overlay.p.Select(max(min(sel, len(m.overlay.entries)-1), 0))
}
