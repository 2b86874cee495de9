package results

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/replay"
)

// clients is the state of the Clients view: the replay of the response on show to the client
// stacks installed here (probe/replay), run on demand; sel and open count clients.
type clients struct {
	run
	rep replay.Report
	err error
}

func newClients(st styles) clients { return clients{run: newRun(st)} }

// reset forgets the replay of an earlier response; the ID and the spinner stay.
func (c *clients) reset() {
	*c = clients{run: c.run}
	c.run.reset()
}

// Exchange returns the final exchange on show when it has a response that can be replayed.
func (m Model) Exchange() (*probe.Exchange, bool) {
	if m.state != stateDone || m.ex == nil || m.ex.Response == nil {
		return nil, false
	}
	return m.ex, true
}

// StartClients shows the replay id to client stacks as running, on the Clients view, and
// returns the command that starts its spinner. A replay with an id below the current one is
// ignored.
func (m *Model) StartClients(id int) tea.Cmd {
	if m.state != stateDone || id < m.clients.id {
		return nil
	}
	m.clients.reset()
	m.clients.start(id)
	m.tab = TabClients
	m.refreshClients()
	return m.clients.spin.Tick
}

// SetClients shows the outcome of replay id: what each client made of the response, or err
// when there was no replay. Stale and cancelled replays are ignored.
func (m *Model) SetClients(id int, rep replay.Report, err error) {
	c := &m.clients
	if id != c.id || c.phase != runRunning {
		return
	}
	c.rep, c.err, c.phase = rep, err, runDone
	if err != nil {
		c.phase = runFailed
	}
	c.sel, c.open = 0, -1
	m.refreshClients()
}

// CancelClients shows replay id as cancelled by the user.
func (m *Model) CancelClients(id int) {
	if m.clients.cancel(id) {
		m.refreshClients()
	}
}

// ClientsRunning reports whether a replay to client stacks is running.
func (m Model) ClientsRunning() bool { return m.clients.phase == runRunning }

// clientsTick advances the replay's spinner and elapsed time.
func (m Model) clientsTick(msg spinner.TickMsg) (Model, tea.Cmd) {
	cmd, ok := m.clients.tick(msg)
	if ok {
		m.refreshClients()
	}
	return m, cmd
}

// clientsKey handles the keys of the Clients view: up and down select a client, enter shows
// or hides its details. It reports whether it took the key.
func (m *Model) clientsKey(msg tea.KeyPressMsg) bool {
	c := &m.clients
	if c.phase != runDone {
		return false
	}
	switch {
	case key.Matches(msg, m.KeyMap.Up):
		c.sel = max(c.sel-1, 0)
	case key.Matches(msg, m.KeyMap.Down):
		c.sel = min(c.sel+1, len(c.rep.Clients)-1)
	case key.Matches(msg, m.KeyMap.Explain):
		if c.open == c.sel {
			c.open = -1
		} else {
			c.open = c.sel
		}
	default:
		return false
	}
	m.refreshClients()
	m.revealClient()
	return true
}

// refreshClients rebuilds the rows of the Clients view.
func (m *Model) refreshClients() { m.refreshView(TabClients, m.clientsRows) }

// revealClient scrolls the Clients view to the selected client's rows.
func (m *Model) revealClient() { m.revealItem(TabClients, m.clients.sel) }

// refreshView rebuilds the rows of view t from rows, keeping its scroll position in range.
func (m *Model) refreshView(t Tab, rows func(w int) []row) {
	v := &m.views[t]
	top := v.top
	*v = view{cw: -1, top: top}
	if m.width > 0 {
		v.lines = rows(newFrame(m.width, 0).content)
		v.fit(m.width)
		v.top = clampTop(v.top, v.count(), m.paneHeight())
	}
}

// revealItem scrolls view t to the rows of item sel, the rows whose finding is sel.
func (m *Model) revealItem(t Tab, sel int) {
	v := &m.views[t]
	first, last := -1, -1
	for i, r := range v.rows {
		if r.finding == sel {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return
	}
	h := m.paneHeight()
	switch {
	case first < v.top:
		v.top = first
	case last >= v.top+h:
		v.top = clampTop(max(first, last-h+1), v.count(), h)
	}
}

// clientsRows are the rows of the Clients view for a content width of w cells, text wrapped
// at word boundaries. Each row of client i has finding i, so that the selection marks all of
// them.
func (m Model) clientsRows(w int) []row {
	c := m.clients
	text := func(k kind, s string) row { return plainRow(span{s, k}) }
	switch c.phase {
	case runNone:
		return append([]row{text(kMuted, "What would real clients make of this response?")},
			wrapped(-1, "", kMuted, "Press "+m.KeyMap.RunClients.Help().Key+" to replay it, byte for byte, from "+
				"127.0.0.1 to the client stacks installed here (Go net/http, curl, Node, Python, Java); "+
				"esc cancels.", w)...)
	case runRunning:
		return []row{plainRow(span{m.clients.spin.View() + " ", kAccent}, span{"replaying to the clients", kPlain},
			span{" · " + durText(c.now.Sub(c.started)) + " · esc cancels", kMuted})}
	case runCancelled:
		return []row{text(kWarn, "■ replay cancelled"),
			text(kMuted, "Press "+m.KeyMap.RunClients.Help().Key+" to run it again.")}
	case runFailed:
		return wrapped(-1, "", kErr, "✗ not replayed: "+safeLine(c.err.Error()), w)
	}
	var rows []row
	if c.rep.Note != "" {
		rows = append(rows, wrapped(-1, "", kMuted, safeLine(c.rep.Note), w)...)
	}
	for i, r := range c.rep.Clients {
		mark, k := "✗ ", kErr
		switch {
		case r.NotInstalled || r.NotApplicable:
			mark, k = "– ", kMuted
		case r.OK:
			mark, k = "✓ ", kOk
		}
		head := row{finding: i, spans: []span{{mark, k}, {safeLine(r.Name), kName}}}
		if r.Version != "" {
			head.spans = append(head.spans, span{" " + safeLine(r.Version), kMuted})
		}
		rows = append(rows, head)
		rows = append(rows, wrapped(i, "  ", kPlain, safeLine(r.Note), w)...)
		if i == c.open {
			rows = append(rows, clientDetails(i, r, w)...)
		}
	}
	return rows
}

// clientDetails are the rows that show what client i got in each delivery.
func clientDetails(i int, r replay.Result, w int) []row {
	var rows []row
	add := func(k kind, indent, s string) { rows = append(rows, wrapped(i, indent, k, s, w)...) }
	for _, d := range r.Deliveries {
		add(kLabel, "  ", string(d.Delivery))
		add(kPlain, "           ", "first: "+outcomeText(d.First))
		add(kPlain, "           ", "next:  "+outcomeText(d.Next))
		for _, warning := range d.Warnings {
			add(kWarn, "           ", "warned: "+safeLine(warning))
		}
	}
	if len(r.Deliveries) == 0 {
		add(kMuted, "  ", "nothing was replayed to it")
	}
	return rows
}

// wrapped breaks s (safe text, no escapes) at word boundaries into rows of at most w cells
// that start with indent, for client i (-1 for none). The first row's indent is cut to its
// first two cells, so that a label such as "first:" hangs.
func wrapped(i int, indent string, k kind, s string, w int) []row {
	lines := strings.Split(ansi.Wrap(s, max(w-len(indent), 8), ""), "\n")
	rows := make([]row, 0, len(lines))
	for n, l := range lines {
		pre := indent
		if n == 0 && len(indent) > 4 {
			pre = "    "
		}
		rows = append(rows, row{finding: i, spans: []span{{pre + l, k}}})
	}
	return rows
}

// outcomeText says in one line what the application got from one request.
func outcomeText(o replay.Outcome) string {
	var parts []string
	if o.Status != 0 {
		parts = append(parts, strconv.Itoa(o.Status)+", "+english.Plural(o.BodyBytes, "body byte"))
	}
	if o.Error != "" {
		parts = append(parts, "error: "+safeLine(o.Error))
	}
	if o.Connection != "" {
		parts = append(parts, o.Connection+" connection")
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, " · ")
}
