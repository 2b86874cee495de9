// Package results is the pane of the hsx terminal UI that shows what came back for a request:
// a prominent status line colored by the status class, the findings (most severe first, each
// with its glyph, severity, message and RFC reference), and four views of the same exchange:
//
//   - Headers: the response head, one field per row, offending lines marked in the margin and
//     colored; long values are cut with an ellipsis.
//   - Body: pretty-printed JSON, simple coloring for JSON, HTML and XML, a hex dump for binary.
//   - Raw: every line as it crossed the wire with its byte offset and its ending drawn as a
//     glyph (␍␊, a bare ␊ or ␍ in a warning color); the extra bytes after the message where they
//     arrived, highlighted. Long lines are soft-wrapped, so that every byte is on screen
//     somewhere; only the first row of a line carries its offset.
//   - Timing: a bar per phase of the exchange, then the connection: the address and, for
//     https, the TLS session and the server certificate, and whether it was verified.
//   - Clients: what real client stacks make of the response, replayed to them on request
//     (probe/replay): a row per client, ✓ or ✗ with a note, its details on enter.
//   - Follow-ups: the follow-up requests a safe request calls for (hsx check --deep), sent on
//     request: a row per follow-up with what came back and a glyph for its worst finding, its
//     findings under it (enter explains one), what it sent and got on enter.
//
// While the probe still watches for stray bytes after a response that has no content (a 204,
// a 304, any response to HEAD), the pane already shows the exchange so far (SetPartial): the
// status line, the head, the findings so far and the views, under a line that says it is
// still listening and for how long; the final result replaces it.
//
// Every byte a server sent goes through probe/termsafe before it is drawn. Rows are prepared
// when a result arrives (and re-wrapped when the width changes), so View only draws the rows
// that are visible.
//
// Mouse messages given to Update must carry coordinates relative to the pane's top-left cell.
package results

import (
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/theme"
)

// Action is what Update reports to the pane's owner: nil, or an Explain.
type Action interface{ resultsAction() }

// Explain asks for the explanation of the finding with rule ID ID. Update reports it when
// enter is pressed on a finding or a finding is clicked.
type Explain struct {
	ID string
}

func (Explain) resultsAction() {}

// Tab is one of the views of an exchange.
type Tab int

// The views, in the order of the tab bar.
const (
	TabHeaders Tab = iota
	TabBody
	TabRaw
	TabTiming
	TabClients
	TabFollowups
	numTabs
)

var tabNames = [numTabs]string{"Headers", "Body", "Raw", "Timing", "Clients", "Follow-ups"}

// String returns the tab's title.
func (t Tab) String() string {
	if t >= 0 && t < numTabs {
		return tabNames[t]
	}
	return "?"
}

// state is what the pane is showing.
type state uint8

const (
	stateIdle      state = iota // nothing sent yet
	stateRunning                // waiting for the response
	stateDone                   // a response arrived (the exchange may still have failed after it)
	stateFailed                 // no response (probe error)
	stateCancelled              // the user cancelled the request
	// stateWatching: the response's head arrived, and the probe still watches for stray bytes
	// after it; the exchange so far is on show until the final one replaces it.
	stateWatching
)

// Model is the results pane. The zero value is not ready for use; call New.
type Model struct {
	// KeyMap holds the pane's keys.
	KeyMap KeyMap

	th      theme.Theme
	st      styles
	width   int
	height  int
	focused bool
	masked  bool

	id       int
	state    state
	req      probe.Request
	started  time.Time
	now      time.Time
	received int64
	spin     spinner.Model
	// since is when the watch for stray bytes began, or began again (stateWatching).
	since time.Time

	exs      []*probe.Exchange
	ex       *probe.Exchange
	findings []check.Finding
	marks    []markRange
	err      error
	// tlsHint says how to turn certificate verification off (see SetTLSHint).
	tlsHint string

	sel  int // selected finding
	ftop int // first visible finding
	tab  Tab
	// views holds the prepared rows of each tab.
	views [numTabs]view
	// clients is the replay of the response to client stacks.
	clients clients
	// deep is the follow-up requests of the response on show.
	deep followups
	// find is the search in the active view.
	find finder
}

// New returns an empty results pane drawn with th.
func New(th theme.Theme) Model {
	m := Model{
		KeyMap: DefaultKeyMap(),
		th:     th,
		st:     newStyles(th),
		spin:   spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		tab:    TabRaw,
		find:   finder{cur: -1},
	}
	m.spin.Style = m.st.spinner
	m.clients = newClients(m.st)
	m.deep = newFollowups(m.st)
	return m
}

// Start shows request id as running: a spinner, the elapsed time and the bytes received so
// far. It returns the command that starts the spinner; its spinner.TickMsg must be passed to
// Update. A request with an id below the current one is ignored.
func (m *Model) Start(id int, req probe.Request) tea.Cmd {
	if id < m.id {
		return nil
	}
	m.id, m.state, m.req = id, stateRunning, req
	m.clients.reset()
	m.deep.reset()
	m.started = time.Now()
	m.now = m.started
	m.received = 0
	return m.spin.Tick
}

// SetProgress records how many response bytes request id has received so far.
func (m *Model) SetProgress(id int, bytes int64) {
	if id != m.id || m.state != stateRunning {
		return
	}
	m.received = bytes
}

// SetResult shows the outcome of request id: exs are its exchanges (earlier ones redirect
// hops, the last one the final response), findings the checks of the final exchange, err the
// failure of the exchange. A failure after a response arrived (a body that the timeout ended,
// a redirect chain that loops) shows that response, with the failure said in place of the
// findings. Results of stale requests (id below the current one) are
// ignored, and so is a late result of a request that was cancelled. A failure that is a
// cancellation is shown as cancelled.
func (m *Model) SetResult(id int, exs []*probe.Exchange, findings []check.Finding, err error) {
	if id < m.id || (id == m.id && m.state == stateCancelled) {
		return
	}
	if pe, ok := probe.AsError(err); ok && pe.Canceled {
		m.SetCancelled(id)
		return
	}
	m.id = id
	m.exs, m.findings, m.err = exs, findings, err
	m.ex = nil
	if len(exs) > 0 {
		m.ex = exs[len(exs)-1]
	}
	if m.ex != nil && m.ex.Response == nil && err == nil {
		err = m.ex.Err
		m.err = err
	}
	m.state = stateDone
	if m.ex == nil || m.ex.Response == nil {
		m.state = stateFailed
	}
	m.clients.reset()
	m.deep.reset()
	m.sel, m.ftop = 0, 0
	m.prepare()
	m.revealSelected()
}

// SetTLSHint sets what the pane says after a failed TLS handshake about skipping verification,
// such as "alt+k turns -k on"; empty for nothing.
func (m *Model) SetTLSHint(hint string) { m.tlsHint = hint }

// SetCancelled shows request id as cancelled by the user.
func (m *Model) SetCancelled(id int) {
	if id < m.id {
		return
	}
	m.id = id
	m.state = stateCancelled
	m.clients.reset()
	m.deep.reset()
	m.exs, m.ex, m.findings, m.marks, m.err = nil, nil, nil, nil, nil
	m.views = [numTabs]view{}
}

// ID returns the id of the request the pane is showing (or waiting for).
func (m Model) ID() int { return m.id }

// Running reports whether the pane is waiting for a response, or for the rest of one.
func (m Model) Running() bool { return m.state == stateRunning || m.state == stateWatching }

// Watching reports whether the pane shows a response so far, while the probe still watches for
// stray bytes after it (see SetPartial).
func (m Model) Watching() bool { return m.state == stateWatching }

// shown reports whether an exchange is on show: a response arrived, whole or so far.
func (m Model) shown() bool { return m.state == stateDone || m.state == stateWatching }

// SetPartial shows the exchange so far of request id while the probe watches for stray bytes
// after its response: the status line, the head, the findings so far and the views, under a
// line saying that the pane is still listening, with how long the watch has run of
// ex.Timing.Watch since it began or began again (since). The view, the scroll positions and
// the selected finding stay as they were from one snapshot to the next. The final result
// (SetResult) replaces it. It is ignored unless request id is running.
func (m *Model) SetPartial(id int, ex *probe.Exchange, findings []check.Finding, since time.Time) {
	if id != m.id || !m.Running() || ex == nil || ex.Response == nil {
		return
	}
	again := m.state == stateWatching
	var tops [numTabs]int
	for t := range m.views {
		tops[t] = m.views[t].top
	}
	m.exs, m.ex, m.findings, m.err = []*probe.Exchange{ex}, ex, findings, nil
	m.state, m.since = stateWatching, since
	if !again {
		m.sel, m.ftop = 0, 0
	}
	m.sel = max(0, min(m.sel, len(findings)-1))
	m.prepare()
	if !again {
		m.revealSelected()
		return
	}
	h := m.paneHeight()
	for t := range m.views {
		m.views[t].top = clampTop(tops[t], m.views[t].count(), h)
	}
}

// Finding returns the selected finding, if there is one.
func (m Model) Finding() (check.Finding, bool) {
	if !m.shown() || m.sel < 0 || m.sel >= len(m.findings) {
		return check.Finding{}, false
	}
	return m.findings[m.sel], true
}

// Exchanges returns the exchanges on show, redirect hops first and the final one last; nil
// unless a response arrived.
func (m Model) Exchanges() []*probe.Exchange {
	if m.state != stateDone {
		return nil
	}
	return m.exs
}

// Findings returns the findings on show, most severe first.
func (m Model) Findings() []check.Finding { return m.findings }

// Tab returns the view on show.
func (m Model) Tab() Tab { return m.tab }

// SetTab shows view t.
func (m *Model) SetTab(t Tab) {
	if t >= 0 && t < numTabs {
		m.tab = t
		m.syncSearch()
	}
}

// SetSize sets the pane's size in cells; View returns exactly that many lines of that width.
// A view that showed the selected finding's rows still shows all of them that fit.
func (m *Model) SetSize(w, h int) {
	if w == m.width && h == m.height {
		return
	}
	on := m.selectedOnScreen()
	m.width, m.height = max(w, 0), max(h, 0)
	m.layout()
	m.keepSelected(on)
}

// Width returns the pane's width.
func (m Model) Width() int { return m.width }

// Height returns the pane's height.
func (m Model) Height() int { return m.height }

// Focus gives the pane the keyboard.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	return nil
}

// Blur takes the keyboard away.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether the pane has the keyboard.
func (m Model) Focused() bool { return m.focused }

// SetTheme redraws the pane with th.
func (m *Model) SetTheme(th theme.Theme) {
	m.th = th
	m.st = newStyles(th)
	m.spin.Style = m.st.spinner
	m.clients.spin.Style = m.st.spinner
	m.deep.spin.Style = m.st.spinner
}

// SetMasked turns the masking of secret header values (present mode) on or off.
func (m *Model) SetMasked(on bool) {
	if on == m.masked {
		return
	}
	m.masked = on
	if m.shown() {
		m.prepare()
	}
}
