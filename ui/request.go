package ui

import (
	"context"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/layout"
)

// progressEvery is the shortest time between two progress updates of a running request; a fast
// download would otherwise redraw the screen for every read.
const progressEvery = 100 * time.Millisecond

// inflight is the request that is running.
type inflight struct {
	id     int
	req    probe.Request
	cancel context.CancelFunc
	meter  *meter
}

// meter carries what the probe's reading goroutine reports to the UI: the number of response
// bytes received, and the exchange so far during the stray-byte watch. Each is kept in an
// atomic, the newest replacing the one before, with a wake-up signal that never blocks the
// reader.
type meter struct {
	bytes   atomic.Int64
	signal  chan struct{} // capacity 1: one pending wake-up is enough
	partial atomic.Pointer[snapshot]
	watched chan struct{} // the same for partial
	done    chan struct{} // closed when the request has finished
}

// snapshot is the exchange so far during the watch, and when the probe handed it over: when
// the watch began, or began again with an arrival of stray bytes.
type snapshot struct {
	ex *probe.Exchange
	at time.Time
}

func newMeter() *meter {
	return &meter{signal: make(chan struct{}, 1), watched: make(chan struct{}, 1), done: make(chan struct{})}
}

// report is the probe's Progress callback.
func (mt *meter) report(n int64) {
	mt.bytes.Store(n)
	wake(mt.signal)
}

// watch is the probe's Watching callback.
func (mt *meter) watch(ex *probe.Exchange) {
	mt.partial.Store(&snapshot{ex: ex, at: time.Now()})
	wake(mt.watched)
}

// wake leaves a wake-up signal on ch unless one is waiting already.
func wake(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// resultMsg is the outcome of request id.
type resultMsg struct {
	id       int
	exs      []*probe.Exchange
	findings []check.Finding
	err      error
}

// progressMsg reports the bytes received so far by request id.
type progressMsg struct {
	id    int
	bytes int64
}

// watchMsg is the exchange so far of request id while the probe watches for stray bytes after
// its response, with the findings on it so far; since is when the watch began, or began
// again with an arrival of stray bytes.
type watchMsg struct {
	id       int
	ex       *probe.Exchange
	findings []check.Finding
	since    time.Time
}

// sendComposer sends what the composer holds. When it cannot be sent the composer says why on
// its status line, as for enter, and gets the keyboard (and the screen, when another pane was
// zoomed) so that the reason is in sight.
func (m *Model) sendComposer() tea.Cmd {
	req, cmd, ok := m.composer.Submit()
	if ok {
		return m.send(req)
	}
	if m.zoom && m.focus != layout.Composer {
		m.zoom = false
	}
	return tea.Batch(cmd, m.setFocus(layout.Composer))
}

// send cancels the running request, if any, and starts req under a new id. The response pane
// gets focus, since that is where the answer will be.
func (m *Model) send(req probe.Request) tea.Cmd {
	if m.inflight != nil {
		m.inflight.cancel()
	}
	m.stopClients()
	m.stopFollowups()
	m.reqID++
	ctx, cancel := context.WithCancel(m.ctx)
	mt := newMeter()
	req.Progress, req.Watching = mt.report, mt.watch
	if req.Grace == 0 {
		req.Grace = m.opts.Grace
	}
	m.inflight = &inflight{id: m.reqID, req: req, cancel: cancel, meter: mt}
	start := m.results.Start(m.reqID, req)
	focus := m.setFocus(layout.Results)
	return tea.Batch(start, focus, runProbe(ctx, m.reqID, req, mt), waitProgress(m.reqID, mt, 0),
		waitWatch(m.reqID, mt, 0))
}

// runProbe runs the exchange (following redirects when asked) and the check catalog on the
// final response.
func runProbe(ctx context.Context, id int, req probe.Request, mt *meter) tea.Cmd {
	return func() tea.Msg {
		exs, err := probe.Run(ctx, req)
		close(mt.done)
		var findings []check.Finding
		if n := len(exs); n > 0 && exs[n-1].Response != nil {
			findings = check.Run(exs[n-1])
		}
		return resultMsg{id: id, exs: exs, findings: findings, err: err}
	}
}

// waitProgress waits (after a pause, to bound the redraw rate) for the meter to move and
// reports it; it returns nil once the request is done.
func waitProgress(id int, mt *meter, pause time.Duration) tea.Cmd {
	return func() tea.Msg {
		if !await(mt.signal, mt.done, pause) {
			return nil
		}
		return progressMsg{id: id, bytes: mt.bytes.Load()}
	}
}

// waitWatch waits (after a pause, as waitProgress does) for the probe to hand over the
// exchange so far during the watch, and reports the newest one with its findings; it returns
// nil once the request is done. The checks run here, neither in the probe's reading
// goroutine nor in Update.
func waitWatch(id int, mt *meter, pause time.Duration) tea.Cmd {
	return func() tea.Msg {
		if !await(mt.watched, mt.done, pause) {
			return nil
		}
		s := mt.partial.Load()
		return watchMsg{id: id, ex: s.ex, findings: check.Run(s.ex), since: s.at}
	}
}

// await waits for pause and then for a signal on signal; it reports false as soon as done is
// closed.
func await(signal, done <-chan struct{}, pause time.Duration) bool {
	if pause > 0 {
		t := time.NewTimer(pause)
		defer t.Stop()
		select {
		case <-t.C:
		case <-done:
			return false
		}
	}
	select {
	case <-signal:
		return true
	case <-done:
		return false
	}
}

// progress shows the bytes received and waits for more.
func (m *Model) progress(msg progressMsg) tea.Cmd {
	if m.inflight == nil || msg.id != m.inflight.id {
		return nil
	}
	m.results.SetProgress(msg.id, msg.bytes)
	return waitProgress(msg.id, m.inflight.meter, progressEvery)
}

// watching shows the exchange so far of the running request while the probe watches for stray
// bytes, and waits for the next; a snapshot of an older request is dropped.
func (m *Model) watching(msg watchMsg) tea.Cmd {
	if m.inflight == nil || msg.id != m.inflight.id {
		return nil
	}
	m.results.SetPartial(msg.id, msg.ex, msg.findings, msg.since)
	return waitWatch(msg.id, m.inflight.meter, progressEvery)
}

// finish shows the outcome of the running request, moves the explainer to the status code that
// came back and records the request in the history. Results of cancelled or superseded requests
// are dropped.
func (m *Model) finish(msg resultMsg) tea.Cmd {
	if m.inflight == nil || msg.id != m.inflight.id {
		return nil
	}
	req := m.inflight.req
	m.inflight.cancel() // releases the context's resources
	m.inflight = nil
	m.results.SetResult(msg.id, msg.exs, msg.findings, msg.err)
	m.resultAt = time.Now()
	status := 0
	var explain tea.Cmd
	if n := len(msg.exs); n > 0 && msg.exs[n-1].Response != nil {
		status = msg.exs[n-1].Response.Status.Code
		explain = m.explainer.SetCode(status)
	}
	return tea.Batch(explain, m.record(req, status))
}

// cancel stops the running request and says so.
func (m *Model) cancel() tea.Cmd {
	f := m.inflight
	f.cancel()
	m.inflight = nil
	m.results.SetCancelled(f.id)
	return tea.Batch(m.record(f.req, 0), m.flash("request cancelled", noticeInfo))
}

// stop cancels the running request before the program ends.
func (m *Model) stop() {
	if m.inflight != nil {
		m.inflight.cancel()
		m.inflight = nil
	}
	m.stopClients()
	m.stopFollowups()
}

// toggleOption turns -k or -L on or off in the composer's options line, from any pane, and
// says so.
func (m *Model) toggleOption(msg tea.KeyPressMsg) tea.Cmd {
	want := m.composer.PreferredLines()
	var on bool
	flag, what := "-L", "redirects are followed"
	if key.Matches(msg, m.composer.KeyMap.Insecure) {
		on = m.composer.ToggleInsecure()
		flag, what = "-k", "the certificate is not verified"
	} else {
		on = m.composer.ToggleRedirects()
	}
	var relayout tea.Cmd
	if m.composer.PreferredLines() != want {
		relayout = m.relayout() // the options line came or went
	}
	if e := m.composer.Err(); e != "" {
		return tea.Batch(relayout, m.flash(e, noticeError))
	}
	text := flag + " off for the next send"
	if on {
		text = flag + " on: " + what + " in the next send (f5 sends)"
	}
	return tea.Batch(relayout, m.flash(text, noticeInfo))
}

// copyCurl copies the composer's request as a curl command (see copyText).
func (m *Model) copyCurl() tea.Cmd {
	s := m.composer.CurlCommand()
	if s == "" {
		return m.flash("nothing to copy", noticeInfo)
	}
	return m.copyText("curl command", s)
}
