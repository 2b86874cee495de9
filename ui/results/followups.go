package results

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/theme"
)

// followups is the state of the Follow-ups view: the follow-up requests a safe request calls
// for (probe.PlanFollowups), sent on demand and each judged against the response on show; sel
// and open count items.
type followups struct {
	run
	planned  []string // why each follow-up is sent, while they run
	fs       []probe.Followup
	findings [][]check.Finding
	// items are what the selection moves through: each follow-up and each of its findings.
	items []followupItem
}

// followupItem is one selectable entry of the Follow-ups view: follow-up f itself (finding
// -1) or its finding n.
type followupItem struct{ f, n int }

func newFollowups(st styles) followups { return followups{run: newRun(st)} }

// reset forgets the follow-ups of an earlier response; the ID and the spinner stay.
func (f *followups) reset() {
	*f = followups{run: f.run}
	f.run.reset()
}

// Request returns the request whose response is on show, when a response arrived.
func (m Model) Request() (probe.Request, bool) {
	if _, ok := m.Exchange(); !ok {
		return probe.Request{}, false
	}
	return m.req, true
}

// StartFollowups shows the follow-ups id as running, on the Follow-ups view; planned says why
// each is sent. It returns the command that starts their spinner. Follow-ups with an id below
// the current one are ignored.
func (m *Model) StartFollowups(id int, planned []string) tea.Cmd {
	if m.state != stateDone || id < m.deep.id {
		return nil
	}
	m.deep.reset()
	m.deep.start(id)
	m.deep.planned = planned
	m.tab = TabFollowups
	m.refreshFollowups()
	return m.deep.spin.Tick
}

// SetFollowups shows the outcome of the follow-ups id: each follow-up with what came back and
// findings[i], the findings on fs[i]. Stale and cancelled follow-ups are ignored.
func (m *Model) SetFollowups(id int, fs []probe.Followup, findings [][]check.Finding) {
	d := &m.deep
	if !d.current(id) {
		return
	}
	d.fs, d.findings, d.phase = fs, findings, runDone
	d.items = d.items[:0]
	for i := range fs {
		d.items = append(d.items, followupItem{i, -1})
		for n := range at(findings, i) {
			d.items = append(d.items, followupItem{i, n})
		}
	}
	d.sel, d.open = 0, -1
	m.refreshFollowups()
}

// CancelFollowups shows the follow-ups id as cancelled by the user.
func (m *Model) CancelFollowups(id int) {
	if m.deep.cancel(id) {
		m.refreshFollowups()
	}
}

// FollowupsRunning reports whether follow-ups are running.
func (m Model) FollowupsRunning() bool { return m.deep.phase == runRunning }

// at returns findings[i], or nil when there is none.
func at(findings [][]check.Finding, i int) []check.Finding {
	if i < len(findings) {
		return findings[i]
	}
	return nil
}

// followupsTick advances the follow-ups' spinner and elapsed time.
func (m Model) followupsTick(msg spinner.TickMsg) (Model, tea.Cmd) {
	cmd, ok := m.deep.tick(msg)
	if ok {
		m.refreshFollowups()
	}
	return m, cmd
}

// followupsKey handles the keys of the Follow-ups view: up and down select a follow-up or
// one of its findings; enter on a follow-up shows or hides what was sent and what came back,
// and on a finding asks for its explanation. It reports whether it took the key.
func (m *Model) followupsKey(msg tea.KeyPressMsg) (Action, bool) {
	d := &m.deep
	if d.phase != runDone || len(d.items) == 0 {
		return nil, false
	}
	var act Action
	switch {
	case key.Matches(msg, m.KeyMap.Up):
		d.sel = max(d.sel-1, 0)
	case key.Matches(msg, m.KeyMap.Down):
		d.sel = min(d.sel+1, len(d.items)-1)
	case key.Matches(msg, m.KeyMap.Explain):
		it := d.items[d.sel]
		switch {
		case it.n >= 0:
			act = Explain{ID: d.findings[it.f][it.n].ID}
		case d.open == it.f:
			d.open = -1
		default:
			d.open = it.f
		}
	default:
		return nil, false
	}
	m.refreshFollowups()
	m.revealFollowup()
	return act, true
}

// FollowupFinding returns the follow-up finding selected in the Follow-ups view and why the
// follow-up that found it was sent.
func (m Model) FollowupFinding() (check.Finding, string, bool) {
	d := m.deep
	if m.tab != TabFollowups || d.phase != runDone || d.sel >= len(d.items) {
		return check.Finding{}, "", false
	}
	it := d.items[d.sel]
	if it.n < 0 {
		return check.Finding{}, "", false
	}
	return d.findings[it.f][it.n], d.fs[it.f].Why, true
}

// refreshFollowups rebuilds the rows of the Follow-ups view.
func (m *Model) refreshFollowups() { m.refreshView(TabFollowups, m.followupsRows) }

// revealFollowup scrolls the Follow-ups view to the selected item's rows.
func (m *Model) revealFollowup() { m.revealItem(TabFollowups, m.deep.sel) }

// followupsRows are the rows of the Follow-ups view for a content width of w cells. Each row
// of item i has finding i, so that the selection marks all of them.
func (m Model) followupsRows(w int) []row {
	d := m.deep
	text := func(k kind, s string) row { return plainRow(span{s, k}) }
	run := m.KeyMap.RunFollowups.Help().Key
	switch d.phase {
	case runNone:
		return append([]row{text(kMuted, "What does a second request show?")},
			wrapped(-1, "", kMuted, "Press "+run+" to send the follow-ups a safe request calls for (as hsx check --deep): "+
				"a conditional GET with the response's ETag and Last-Modified, a HEAD beside a GET, a first-byte Range, "+
				"the CORS preflight when the request has an Origin; each is judged against this response. esc cancels.", w)...)
	case runRunning:
		what := "sending the follow-ups"
		if len(d.planned) > 0 {
			what = "sending " + strings.Join(d.planned, ", ")
		}
		return []row{plainRow(span{d.spin.View() + " ", kAccent}, span{safeLine(what), kPlain},
			span{" · " + durText(d.now.Sub(d.started)) + " · esc cancels", kMuted})}
	case runCancelled:
		return []row{text(kWarn, "■ follow-ups cancelled"), text(kMuted, "Press "+run+" to send them again.")}
	}
	if len(d.fs) == 0 {
		return wrapped(-1, "", kMuted, "No follow-ups: the response gave nothing to follow up on "+
			"(no ETag or Last-Modified on a 200, no Accept-Ranges: bytes, no Origin in the request, or a method other than GET and HEAD).", w)
	}
	var rows []row
	item := 0
	for i, f := range d.fs {
		fs := at(d.findings, i)
		rows = append(rows, followupHead(item, f, fs))
		item++
		if i == d.open {
			rows = append(rows, followupDetails(item-1, f, w, m.masked)...)
		}
		for _, fd := range fs {
			rows = append(rows, followupFinding(item, fd, f.Why, w)...)
			item++
		}
	}
	return rows
}

// followupFinding are the rows of finding fd, item i, of the follow-up sent for why: its
// glyph, rule ID and message, wrapped under itself, then its reference and the follow-up
// that found it.
func followupFinding(i int, fd check.Finding, why string, w int) []row {
	const indent = "           " // under the message: "    ✗ K11  "
	lines := strings.Split(ansi.Wrap(safeLine(fd.Message), max(w-len(indent), 8), ""), "\n")
	rows := []row{{finding: i, spans: []span{{"    " + glyph(fd.Severity) + " ", lineKind(fd.Severity)},
		{fmt.Sprintf("%-5s", fd.ID), kName}, {lines[0], kPlain}}}}
	for _, l := range lines[1:] {
		rows = append(rows, row{finding: i, spans: []span{{indent + l, kPlain}}})
	}
	ref := ansi.Wrap(safeLine(fd.Ref)+" · found by "+safeLine(why), max(w-len(indent), 8), "")
	for l := range strings.SplitSeq(ref, "\n") {
		rows = append(rows, row{finding: i, spans: []span{{indent + l, kMuted}}})
	}
	return rows
}

// followupHead is the row of follow-up f, item i: a glyph for the worst finding on it (✓ for
// none), why it was sent, the request and what came back.
func followupHead(i int, f probe.Followup, fs []check.Finding) row {
	mark, k := "✓ ", kOk
	if len(fs) > 0 {
		worst := fs[0].Severity
		for _, fd := range fs {
			worst = max(worst, fd.Severity)
		}
		mark, k = glyph(worst)+" ", lineKind(worst)
	}
	r := row{finding: i, spans: []span{{mark, k}, {safeLine(f.Why), kName}, {"  " + followupRequest(f.Request), kMuted}}}
	switch ex := f.Exchange; {
	case ex != nil && ex.Response != nil && ex.Err == nil:
		st := ex.Response.Status
		info := ""
		if n := ex.Response.Body.Size; n > 0 {
			info = " · " + english.Plural(n, "body byte")
		}
		r.spans = append(r.spans, span{" → ", kMuted}, span{strconv.Itoa(st.Code) + " " + safeLine(st.Reason), kPlain},
			span{info + " · " + durText(ex.Timing.Total), kMuted})
	default:
		err := f.Err
		if ex != nil && ex.Err != nil {
			err = ex.Err
		}
		r.spans[0] = span{glyph(check.Error) + " ", kErr}
		if err != nil {
			r.spans = append(r.spans, span{" → no response: " + safeLine(err.Error()), kErr})
		}
	}
	return r
}

// followupRequest is the method of a follow-up and the fields that make it one.
func followupRequest(req probe.Request) string {
	parts := []string{safeLine(req.Method)}
	for _, h := range req.Header {
		switch strings.ToLower(h.Name) {
		case "if-none-match", "if-modified-since", "range", "access-control-request-method", "access-control-request-headers":
			parts = append(parts, safeLine(h.Name+": "+h.Value))
		}
	}
	return strings.Join(parts, " · ")
}

// followupDetails are the rows that show the head of what follow-up f (item i) sent and got;
// with masked, secret values are hidden.
func followupDetails(i int, f probe.Followup, w int, masked bool) []row {
	var rows []row
	add := func(k kind, s string) { rows = append(rows, wrapped(i, "      ", k, s, w)...) }
	field := func(h probe.Field) {
		v := h.Value
		if masked && theme.Secret(h.Name) {
			v = theme.MaskValue(v)
		}
		add(kPlain, safeLine(h.Name+": "+v))
	}
	ex := f.Exchange
	if ex == nil {
		add(kMuted, "not sent")
		return rows
	}
	add(kLabel, "sent")
	target := ""
	if ex.Request.URL != nil {
		target = " " + ex.Request.URL.String()
		if masked {
			target = " " + theme.MaskURL(ex.Request.URL.String())
		}
	}
	add(kPlain, safeLine(ex.Request.Method+target))
	for _, h := range ex.Request.Header {
		field(h)
	}
	if ex.Response == nil {
		return rows
	}
	st := ex.Response.Status
	add(kLabel, "received")
	add(kPlain, safeLine(st.Proto+" "+strconv.Itoa(st.Code)+" "+st.Reason))
	for _, h := range ex.Response.Header {
		field(h)
	}
	return rows
}
