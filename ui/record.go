package ui

import (
	"errors"
	"fmt"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/history"
)

// historyLoadedMsg carries the history read at start.
type historyLoadedMsg struct {
	entries []history.Entry
	err     error
}

// historySavedMsg reports a failed history write (nil err on success).
type historySavedMsg struct{ err error }

// historyOp is one change to the history file, run in the background, one at a time.
type historyOp func(history.Store) error

// loadHistory reads the history in the background. With history off (Options.NoHistory)
// nothing is read: the list holds this run's requests only.
func (m Model) loadHistory() tea.Cmd {
	if m.opts.NoHistory {
		return func() tea.Msg { return historyLoadedMsg{} }
	}
	if m.store == nil {
		err := fmt.Errorf("history is off: %w", m.storeErr)
		return func() tea.Msg { return historyLoadedMsg{err: err} }
	}
	st := *m.store
	return func() tea.Msg {
		entries, err := st.Load()
		return historyLoadedMsg{entries: entries, err: err}
	}
}

// historyLoaded keeps the loaded entries (newest first) behind any sent meanwhile, warns when a
// damaged file was set aside, and starts the writes that waited for the load.
func (m *Model) historyLoaded(msg historyLoadedMsg) tea.Cmd {
	loaded := m.forget(slices.Clone(msg.entries))
	slices.SortStableFunc(loaded, func(a, b history.Entry) int { return b.Time.Compare(a.Time) })
	m.history = append(m.history, loaded...)
	m.loaded = true
	next := m.saveNext()
	var damaged *history.DamagedError
	switch {
	case errors.As(msg.err, &damaged):
		m.historyDamaged(damaged.Moved)
	case msg.err != nil:
		return tea.Batch(next, m.flash(msg.err.Error(), noticeError))
	}
	return next
}

// historySaved starts the next queued write, and reports a failed one.
func (m *Model) historySaved(msg historySavedMsg) tea.Cmd {
	m.saving = false
	next := m.saveNext()
	var damaged *history.DamagedError
	switch {
	case msg.err == nil:
		return next
	case errors.As(msg.err, &damaged):
		m.historyDamaged(damaged.Moved)
		return next
	}
	return tea.Batch(next, m.flash("cannot save history: "+msg.err.Error(), noticeError))
}

// historyDamaged notes that a damaged history file was moved to moved: the hint bar warns until
// the history list, which says where the file went, has been opened.
func (m *Model) historyDamaged(moved string) {
	m.setAside = append(m.setAside, moved)
	m.warnHistory = true
}

// record adds a sent request to the history: in memory now, on disk in the background. Writes
// are queued and run one at a time, after the history read at start, so that two quick sends
// cannot race on the file and a write cannot put an entry into the history still being read
// (which would then hold it twice) or set a damaged file aside that the read sets aside too.
func (m *Model) record(req probe.Request, status int) tea.Cmd {
	if req.Method == "" {
		req.Method = "GET"
	}
	req.Progress, req.Watching = nil, nil
	e := history.FromRequest(req, status, time.Now()).InLab(m.opts.LabURL)
	if len(m.history) > 0 && history.SameRequest(m.history[0], e) {
		m.history[0] = e
	} else {
		m.history = slices.Insert(m.history, 0, e)
	}
	return m.queue(func(s history.Store) error { return s.Add(e) })
}

// queue runs op on the history file after the ones queued before it; nothing when there is
// no file.
func (m *Model) queue(op historyOp) tea.Cmd {
	if m.store == nil {
		return nil
	}
	m.saveQueue = append(m.saveQueue, op)
	return m.saveNext()
}

// saveNext starts the oldest queued change unless a write is running or the history has
// not been read yet.
func (m *Model) saveNext() tea.Cmd {
	if !m.loaded || m.saving || len(m.saveQueue) == 0 || m.store == nil {
		return nil
	}
	op := m.saveQueue[0]
	m.saveQueue = m.saveQueue[1:]
	m.saving = true
	st := *m.store
	return func() tea.Msg { return historySavedMsg{err: op(st)} }
}
