package results

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/internal/cells"
	"github.com/hsx-dev/hsx/ui/theme"
)

// View draws the pane: exactly Height lines, each exactly Width cells wide.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var lines []string
	switch m.state {
	case stateIdle:
		lines = m.idleLines()
	case stateRunning:
		lines = m.runningLines()
	case stateFailed:
		lines = m.failedLines()
	case stateCancelled:
		lines = m.cancelledLines()
	default:
		lines = m.headLines()
	}
	lines = lines[:min(len(lines), m.height)]
	for i, l := range lines {
		lines[i] = fit(l, m.width)
	}
	if m.shown() {
		lines = m.appendRows(lines, m.height-len(lines))
	}
	blank := strings.Repeat(" ", m.width)
	for len(lines) < m.height {
		lines = append(lines, blank)
	}
	return strings.Join(lines, "\n")
}

// fit cuts s (which may hold styles) to w cells with an ellipsis, or pads it with spaces.
func fit(s string, w int) string { return cells.Fit(s, w, "…") }

// spread puts left and right on one line of width w, right aligned to the edge; right is
// dropped when both do not fit.
func spread(left, right string, w int) string {
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	if right == "" || lw+rw+2 > w {
		return left
	}
	return left + strings.Repeat(" ", w-lw-rw) + right
}

func (m Model) idleLines() []string {
	return []string{
		"",
		" " + m.st.muted.Render("Nothing sent yet."),
		" " + m.st.muted.Render(fitWording(m.width-1,
			"Press enter in the URL field, or ctrl+s in the composer, to send the request.",
			"Press enter in the URL field, or ctrl+s, to send the request.",
			"enter in the URL field sends the request",
			"enter sends the request")),
	}
}

func (m Model) runningLines() []string {
	elapsed := m.now.Sub(m.started)
	head := " " + m.spin.View() + " " + m.st.status.Bold(true).Render("sending ") + m.requestText()
	info := fmt.Sprintf("   %s · %s received", durText(elapsed), shortBytes(m.received))
	return []string{
		head,
		m.st.muted.Render(info) + m.st.muted.Render(" · esc cancels"),
	}
}

func (m Model) cancelledLines() []string {
	elapsed := m.now.Sub(m.started)
	head := " " + m.st.sevStyle(check.Warning).Render("■ cancelled")
	if elapsed > 0 {
		head += m.st.muted.Render(" after " + durText(elapsed))
	}
	return []string{head, "   " + m.requestText()}
}

func (m Model) failedLines() []string {
	phase, msg := "", "no response"
	if pe, ok := probe.AsError(m.err); ok {
		phase, msg = phaseText(pe.Phase), pe.Msg
	} else if m.err != nil {
		msg = m.err.Error()
	}
	head := " " + m.st.errLine.Render(glyph(check.Error)+" no response")
	if phase != "" {
		head += m.st.muted.Render(" · failed " + phase)
	}
	lines := []string{
		head,
		"   " + m.st.errLine.Render(safeLine(msg)),
		"   " + m.requestText(),
	}
	if pe, ok := probe.AsError(m.err); ok && pe.Phase == probe.PhaseTLS && m.tlsHint != "" && !m.req.Insecure {
		lines = append(lines, "   "+m.st.muted.Render(safeLine(m.tlsHint)))
	}
	if m.hops() {
		lines = append(lines, "   "+m.hopsText())
	}
	return lines
}

// fitWording returns the first of wordings that fits in w cells, or the last one.
func fitWording(w int, wordings ...string) string {
	for _, s := range wordings {
		if ansi.StringWidth(s) <= w {
			return s
		}
	}
	return wordings[len(wordings)-1]
}

// requestText is the method and URL of the request on show, muted.
func (m Model) requestText() string {
	method := m.req.Method
	if method == "" {
		method = "GET"
	}
	u := m.req.URL
	if m.masked {
		u = theme.MaskURL(u)
	}
	return m.st.muted.Render(safeLine(method) + " " + safeLine(u))
}

// headLines are the lines above the active view: status, redirect hops, findings, tab bar
// (see head for what a short pane leaves out).
func (m Model) headLines() []string {
	p := m.head()
	lines := make([]string, 0, m.height)
	lines = append(lines, m.statusLine())
	if p.watch {
		lines = append(lines, m.watchLine())
	}
	if p.hops {
		lines = append(lines, " "+m.hopsText())
	}
	lines = append(lines, m.findingLines()...)
	if p.tabs {
		lines = append(lines, m.tabBar())
	}
	return lines
}

// appendRows draws up to n visible rows of the active view; they come out exactly as wide as
// the pane.
func (m Model) appendRows(lines []string, n int) []string {
	v := &m.views[m.tab]
	f := newFrame(m.width, v.gutter)
	tiny := m.width < v.gutter+5 // narrower than a row's margin: cut every row
	var b strings.Builder
	for i := v.top; i < v.count() && i < v.top+n; i++ {
		b.Reset()
		r := m.highlightRow(i, v.rowAt(i))
		selected := r.mark > 0 && r.finding == m.sel && m.focused
		if m.tab == TabClients {
			selected = m.clients.phase == runDone && r.finding == m.clients.sel && m.focused
		}
		if m.tab == TabFollowups {
			selected = m.deep.phase == runDone && r.finding == m.deep.sel && m.focused
		}
		writeRow(&b, r, f, &m.st, selected)
		if tiny {
			lines = append(lines, fit(b.String(), m.width))
			continue
		}
		lines = append(lines, b.String())
	}
	return lines
}

// statusLine is the prominent first line: code and reason in the class color, protocol, size
// and time, and the count of findings by severity at the right.
func (m Model) statusLine() string {
	r := m.finalResponse()
	st := r.Status
	code := strconv.Itoa(st.Code)
	if st.Code < 0 {
		code = "???"
	}
	codeStyle := m.st.statusCode.Foreground(m.th.Class(st.Code))
	left := " " + codeStyle.Render(code+" "+safeLine(st.Reason))
	info := []string{safeLine(st.Proto)}
	if t := m.ex.TLS; t != nil {
		v := safeLine(t.Version)
		if !t.Verified {
			v += " unverified"
		}
		info = append(info, v)
	}
	info = append(info, shortBytes(m.ex.WireSize))
	if m.ex.Timing.Total > 0 && m.state != stateWatching { // the watch line says how long it runs
		info = append(info, durText(m.ex.Timing.Total))
	}
	left += m.st.muted.Render("  " + strings.Join(info, " · "))
	var counts []string
	var n [3]int
	for _, f := range m.findings {
		n[min(f.Severity, check.Error)]++
	}
	for _, s := range []check.Severity{check.Error, check.Warning, check.Info} {
		if n[s] > 0 {
			counts = append(counts, m.st.sevStyle(s).Render(glyph(s)+" "+english.Plural(n[s], s.String())))
		}
	}
	return spread(left, strings.Join(counts, " ")+" ", m.width)
}

// watchLine says, while the probe watches for stray bytes after the response on show, that it
// does and how long the watch has run since it began or began again, of how long it lasts.
// The spinner and the words carry it without colour.
func (m Model) watchLine() string {
	elapsed := min(max(m.now.Sub(m.since), 0), m.ex.Timing.Watch)
	return " " + m.spin.View() + " " + m.st.status.Bold(true).Render("listening for stray bytes…") +
		m.st.muted.Render(" "+durText(elapsed)+" of "+durText(m.ex.Timing.Watch)+" · esc cancels")
}

// hopsText lists the redirect hops before the final response.
func (m Model) hopsText() string {
	parts := make([]string, 0, len(m.exs))
	for _, h := range m.exs[:len(m.exs)-1] {
		if h == nil {
			continue
		}
		p := strconv.Itoa(h.StatusCode())
		if h.Request.URL != nil {
			p += " " + safeLine(h.Request.URL.String())
		}
		parts = append(parts, p)
	}
	return m.st.muted.Render("via " + strings.Join(parts, " → ") + " → " + strconv.Itoa(m.ex.StatusCode()))
}

// failure says how an exchange that got a response failed after it, in wordings from the
// longest to the shortest, or is nil: the checks do not judge such a response, so this takes
// the place of the findings.
func (m Model) failure() []string {
	if m.err == nil || m.state != stateDone {
		return nil
	}
	msg := safeLine(m.err.Error())
	if pe, ok := probe.AsError(m.err); ok && pe.Phase == probe.PhaseBody && pe.Timeout {
		return []string{msg + "; -m raises the limit", msg + "; raise -m", msg}
	}
	return []string{msg}
}

// findingLines draws the visible part of the findings list.
func (m Model) findingLines() []string {
	rows := m.findingRows()
	if msg := m.failure(); len(msg) > 0 {
		return []string{" " + m.st.errLine.Render(glyph(check.Error)+" "+fitWording(m.width-3, msg...))}
	}
	if len(m.findings) == 0 && m.state == stateWatching {
		return []string{" " + m.st.ok.Render("✓ no problems so far")}
	}
	if len(m.findings) == 0 {
		return []string{" " + m.st.ok.Render("✓ no problems found")}
	}
	out := make([]string, 0, rows)
	last := min(len(m.findings), m.ftop+rows) - 1
	for i := m.ftop; i <= last; i++ {
		more := " "
		switch {
		case i == last && last < len(m.findings)-1:
			more = "↓" // more findings below
		case i == m.ftop && m.ftop > 0:
			more = "↑"
		}
		out = append(out, m.findingLine(i, more))
	}
	return out
}

// findingLine draws finding i: selection marker, glyph, severity, rule ID, message,
// reference (the first reference only when the full list does not fit) and, in the last
// column, more: an arrow when the list continues past this row. The selected finding is drawn
// on the selection background while the pane has focus.
func (m Model) findingLine(i int, more string) string {
	f := m.findings[i]
	sel := i == m.sel
	hl := sel && m.focused
	style := func(s lipgloss.Style) lipgloss.Style {
		if hl {
			return s.Background(m.th.SelectionBg)
		}
		return s
	}
	marker := "  "
	if sel {
		marker = "▸ "
	}
	head := style(m.st.tabActive).Render(marker) +
		style(m.st.sevStyle(f.Severity)).Render(glyph(f.Severity)+" "+fmt.Sprintf("%-7s", f.Severity)+" ") +
		style(m.st.tabActive).Render(fmt.Sprintf("%-4s ", f.ID))
	ref := f.Ref
	hw := ansi.StringWidth(head)
	msg := safeLine(f.Message)
	room := m.width - hw - 1
	if ansi.StringWidth(msg)+2+ansi.StringWidth(ref) > room {
		if i := strings.Index(ref, ";"); i > 0 {
			ref = ref[:i]
		}
	}
	rw := ansi.StringWidth(ref)
	mw := room - rw - 2
	if mw < 12 {
		ref, rw, mw = "", 0, room
	}
	if ansi.StringWidth(msg) > mw {
		msg = ansi.Truncate(msg, mw, "…")
	}
	gap := max(room-ansi.StringWidth(msg)-rw, 0)
	if rw > 0 {
		gap = max(gap, 1)
	}
	return head + style(m.st.status).Render(msg+strings.Repeat(" ", gap)) + style(m.st.muted).Render(ref) +
		style(m.st.tabActive).Render(more)
}

// tabLayout returns the x position where each tab's title starts and the width of each.
func tabLayout() (xs [numTabs]int, ws [numTabs]int) {
	x := 1
	for t := range numTabs {
		xs[t] = x
		ws[t] = len(tabNames[t]) + 4
		x += ws[t] + 1
	}
	return xs, ws
}

// tabBar draws the tab titles (the active one in brackets, so it reads without color) and the
// scroll position, on a rule that separates the findings from the view.
func (m Model) tabBar() string {
	var b strings.Builder
	b.WriteString(m.st.subtle.Render("─"))
	for t := range numTabs {
		name := tabNames[t]
		if t == m.tab {
			b.WriteString(m.st.tabActive.Render("[ " + name + " ]"))
		} else {
			b.WriteString(m.st.tab.Render("  " + name + "  "))
		}
		b.WriteString(m.st.subtle.Render("─"))
	}
	left := b.String()
	v := &m.views[m.tab]
	n, ph := v.count(), m.paneHeight()
	pos := ""
	if n > ph && ph > 0 {
		pos = fmt.Sprintf(" %d–%d/%d ", v.top+1, min(v.top+ph, n), n)
	}
	lw, pw := ansi.StringWidth(left), ansi.StringWidth(pos)
	if lw+pw+1 > m.width {
		return left
	}
	return left + m.st.subtle.Render(strings.Repeat("─", m.width-lw-pw)) + m.st.muted.Render(pos)
}
