package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// deepRun is the run of follow-up requests that is going on.
type deepRun struct {
	id     int
	cancel context.CancelFunc
}

// followupsMsg is the outcome of follow-up run id: each follow-up with what came back, and
// findings[i], the checks of fs[i].
type followupsMsg struct {
	id       int
	fs       []probe.Followup
	findings [][]check.Finding
}

// runFollowups sends the follow-up requests of the response on show (what hsx check --deep
// sends), cancelling a run that is going on; the results pane shows them in its Follow-ups
// view. A request of an unsafe method gets none, and the hint bar says why.
func (m *Model) runFollowups() tea.Cmd {
	req, ok := m.results.Request()
	ex, _ := m.results.Exchange()
	switch {
	case m.results.Watching():
		return m.flash(stillWatching, noticeInfo)
	case !ok:
		return m.flash("no response to follow up on", noticeInfo)
	case !probe.IsSafeMethod(req.Method):
		return m.flash("only safe methods get follow-ups (GET, HEAD, OPTIONS), not "+req.Method+": none sent", noticeInfo)
	}
	m.stopFollowups()
	m.deepID++
	planned := probe.PlanFollowups(req, ex)
	why := make([]string, len(planned))
	for i, f := range planned {
		why[i] = f.Why
	}
	ctx, cancel := context.WithCancel(m.ctx)
	m.deep = &deepRun{id: m.deepID, cancel: cancel}
	id := m.deepID
	return tea.Batch(m.results.StartFollowups(id, why), func() tea.Msg {
		probe.RunFollowups(ctx, planned, ex)
		findings := make([][]check.Finding, len(planned))
		for i, f := range planned {
			findings[i] = check.Run(f.Exchange)
		}
		return followupsMsg{id: id, fs: planned, findings: findings}
	})
}

// followupsDone shows the outcome of the running follow-ups; outcomes of cancelled or
// superseded runs are dropped.
func (m *Model) followupsDone(msg followupsMsg) {
	if m.deep == nil || msg.id != m.deep.id {
		return
	}
	m.deep.cancel()
	m.deep = nil
	m.results.SetFollowups(msg.id, msg.fs, msg.findings)
}

// cancelFollowups stops the running follow-ups and says so.
func (m *Model) cancelFollowups() tea.Cmd {
	id := m.deep.id
	m.stopFollowups()
	m.results.CancelFollowups(id)
	return m.flash("follow-ups cancelled", noticeInfo)
}

// stopFollowups cancels the running follow-ups, if any.
func (m *Model) stopFollowups() {
	if m.deep != nil {
		m.deep.cancel()
		m.deep = nil
	}
}
