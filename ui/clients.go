package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/replay"
)

// ReplayFunc replays the response of ex to the client stacks installed here (see
// probe/replay.Run) and reports what each did.
type ReplayFunc func(ctx context.Context, ex *probe.Exchange) (replay.Report, error)

// replayRun is the replay to client stacks that is running.
type replayRun struct {
	id     int
	cancel context.CancelFunc
}

// clientsMsg is the outcome of replay id.
type clientsMsg struct {
	id  int
	rep replay.Report
	err error
}

// stillWatching is what the actions on a whole response say while it is not whole yet.
const stillWatching = "the response is not over: hsx is still listening for stray bytes (esc stops it)"

// replayClients starts the replay of the response on show to the client stacks, cancelling
// one that runs; the results pane shows it in its Clients view.
func (m *Model) replayClients() tea.Cmd {
	ex, ok := m.results.Exchange()
	switch {
	case m.results.Watching():
		return m.flash(stillWatching, noticeInfo)
	case !ok:
		return m.flash("no response to replay to the clients", noticeInfo)
	case m.opts.Replay == nil:
		return m.flash("replaying to clients is not available here", noticeInfo)
	}
	m.stopClients()
	m.replayID++
	ctx, cancel := context.WithCancel(m.ctx)
	m.replaying = &replayRun{id: m.replayID, cancel: cancel}
	id, run := m.replayID, m.opts.Replay
	return tea.Batch(m.results.StartClients(id), func() tea.Msg {
		rep, err := run(ctx, ex)
		return clientsMsg{id: id, rep: rep, err: err}
	})
}

// clientsDone shows the outcome of the running replay; outcomes of cancelled or superseded
// replays are dropped.
func (m *Model) clientsDone(msg clientsMsg) {
	if m.replaying == nil || msg.id != m.replaying.id {
		return
	}
	m.replaying.cancel()
	m.replaying = nil
	m.results.SetClients(msg.id, msg.rep, msg.err)
}

// cancelClients stops the running replay and says so.
func (m *Model) cancelClients() tea.Cmd {
	id := m.replaying.id
	m.stopClients()
	m.results.CancelClients(id)
	return m.flash("replay cancelled", noticeInfo)
}

// stopClients cancels the running replay, if any.
func (m *Model) stopClients() {
	if m.replaying != nil {
		m.replaying.cancel()
		m.replaying = nil
	}
}
