package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// TextOptions controls the human-readable report.
type TextOptions struct {
	// Color turns on ANSI colors. The glyphs in the margin mark offending lines either way.
	Color bool
	// Width is the terminal width in cells; longer lines are cut. Zero means 100.
	Width int
}

// Limits of what the text report shows of a response.
const (
	previewLines = 10   // lines of body or extra bytes
	previewBytes = 800  // bytes of body or extra bytes
	maxHeadLines = 200  // lines of a response head
	maxFindings  = 50   // findings listed
	defaultWidth = 100  // cells, when TextOptions.Width is zero
	minWidth     = 40   // narrower widths are treated as this
	maxLineBytes = 4096 // bytes of one line escaped before it is cut to the width
)

// Text writes the human-readable report of a chain of exchanges (the last is the final one)
// and their findings (findings[i] belongs to exs[i]).
func Text(w io.Writer, exs []*probe.Exchange, findings [][]check.Finding, opts TextOptions) error {
	t := newWriter(w, opts)
	for i, ex := range exs {
		if len(exs) > 1 {
			t.rule(fmt.Sprintf("hop %d of %d", i+1, len(exs)))
		}
		t.exchange(ex, at(findings, i))
	}
	if len(exs) > 0 && exs[len(exs)-1].Err == nil {
		t.summary(Count(findings))
	}
	return t.err
}

// writer accumulates the first write error, so that the report code reads straight through.
type writer struct {
	w     io.Writer
	width int
	color bool
	err   error

	muted, bold, ok lipgloss.Style
	sev             [3]lipgloss.Style
}

func newWriter(w io.Writer, opts TextOptions) *writer {
	width := opts.Width
	if width == 0 {
		width = defaultWidth
	}
	t := &writer{w: w, width: max(width, minWidth), color: opts.Color}
	if opts.Color {
		t.muted = lipgloss.NewStyle().Faint(true)
		t.bold = lipgloss.NewStyle().Bold(true)
		t.ok = lipgloss.NewStyle().Foreground(lipgloss.Green)
		t.sev[check.Info] = lipgloss.NewStyle().Foreground(lipgloss.Blue)
		t.sev[check.Warning] = lipgloss.NewStyle().Foreground(lipgloss.Yellow)
		t.sev[check.Error] = lipgloss.NewStyle().Foreground(lipgloss.Red).Bold(true)
	}
	return t
}

func (t *writer) println(s string) {
	if t.err == nil {
		_, t.err = io.WriteString(t.w, s+"\n")
	}
}

// style renders s with st when color is on.
func (t *writer) style(st lipgloss.Style, s string) string {
	if !t.color || s == "" {
		return s
	}
	return st.Render(s)
}

// line writes one line with a margin: a severity glyph when marked, spaces otherwise. text
// must already be safe for the terminal; it is cut to the width.
func (t *writer) line(sev check.Severity, marked bool, text string) {
	text = ansi.Truncate(text, t.width-2, "…")
	if !marked {
		t.println("  " + text)
		return
	}
	st := t.sev[sev]
	t.println(t.style(st, sev.Glyph()) + " " + t.style(st, text))
}

func (t *writer) rule(title string) {
	t.println(t.style(t.bold, "── "+title+" "+strings.Repeat("─", max(0, min(t.width, 60)-len(title)-4))))
}

func (t *writer) heading(s string) {
	t.println("")
	t.println(t.style(t.bold, s))
}

// safe escapes a server's bytes for one line, cutting very long input first.
func safe(b []byte) string {
	if len(b) > maxLineBytes {
		return termsafe.Bytes(b[:maxLineBytes], termsafe.Line) + "…"
	}
	return termsafe.Bytes(b, termsafe.Line)
}

func (t *writer) exchange(ex *probe.Exchange, fs []check.Finding) {
	t.request(ex)
	t.proxy(ex)
	if ex.Err != nil {
		// A response can have arrived and still be no verdict: a body the timeout ended, a
		// redirect that was not followed.
		label := "no response: "
		if ex.Response != nil {
			label = "failed: "
		}
		t.println("")
		t.line(check.Error, true, label+termsafe.String(ex.Err.Error(), termsafe.Line))
		t.timing(ex)
		return
	}
	if ex.HTTP2() {
		t.exchangeH2(ex, fs)
		return
	}
	m := newMarks(ex, fs)
	for i, in := range ex.Interim {
		sev, ok := m.interim[i]
		t.heading("interim response")
		t.head(in.Lines, map[int]check.Severity{0: sev}, ok)
	}
	resp := ex.Response
	title := "response"
	switch {
	case ex.Proxy != nil && ex.Proxy.Tunnel != nil:
		title += " through the tunnel at " + termsafe.String(ex.Addr, termsafe.Line)
	case ex.Addr != "":
		title += " from " + termsafe.String(ex.Addr, termsafe.Line)
	}
	t.heading(title)
	t.proxyAnswered(ex)
	t.head(resp.Lines, m.lines, true)
	if resp.Header != nil || len(resp.Lines) > 0 {
		t.body(resp, m)
	}
	if shownLines(resp.TrailerLines) {
		t.heading("trailers")
		t.head(resp.TrailerLines, m.trailers, true)
	}
	t.extra(ex, m)
	t.tls(ex.TLS)
	t.findings(fs)
	t.timing(ex)
}

// exchangeH2 writes an HTTP/2 response: its status, then every frame in order, the body and
// the trailers as decoded from them.
func (t *writer) exchangeH2(ex *probe.Exchange, fs []check.Finding) {
	resp := ex.Response
	title := "response"
	if ex.Addr != "" {
		title += " from " + termsafe.String(ex.Addr, termsafe.Line)
	}
	t.heading(title)
	status := "HTTP/2 (no :status)"
	if resp.Status.Code >= 0 {
		status = fmt.Sprintf("HTTP/2 %03d", resp.Status.Code)
	}
	t.line(0, false, t.style(t.bold, status))
	t.frames(ex, fs)
	m := newMarks(ex, fs)
	t.body(resp, m)
	t.extra(ex, m)
	if len(resp.Trailers) > 0 {
		t.heading("trailers")
		for _, f := range resp.Trailers {
			t.line(0, false, termsafe.String(f.Name+": "+f.Value, termsafe.Line))
		}
	}
	t.tls(ex.TLS)
	t.findings(fs)
	t.timing(ex)
}

func (t *writer) request(ex *probe.Exchange) {
	host := ""
	if u := ex.Request.URL; u != nil {
		host = u.Host
	}
	t.println(t.style(t.bold, "request") + t.style(t.muted, " to "+termsafe.String(host, termsafe.Line)))
	t.line(0, false, termsafe.String(ex.Request.RequestLine(), termsafe.Line))
	for _, f := range ex.Request.Header {
		t.line(0, false, termsafe.String(f.Name+": "+f.Value, termsafe.Line))
	}
}

// head writes the lines of a response head (or trailer section), marking the lines in marks;
// all is false to mark none (an interim response without findings).
func (t *writer) head(lines []probe.Line, marks map[int]check.Severity, all bool) {
	for i, l := range lines {
		if i == maxHeadLines {
			t.line(0, false, t.style(t.muted, fmt.Sprintf("… %d more lines", len(lines)-i)))
			return
		}
		if l.Kind == probe.BlankLineKind && l.Ending == probe.CRLF {
			continue
		}
		text := safe(l.Text)
		switch {
		case l.Kind == probe.StatusLineKind:
			text = t.style(t.bold, text)
		case l.Kind == probe.BlankLineKind:
			text = t.style(t.muted, "(blank line)")
		}
		if l.Ending != probe.CRLF {
			text += t.style(t.muted, "  ⏎ "+endingName(l.Ending))
		}
		sev, ok := marks[i]
		t.line(sev, ok && all, text)
	}
}

// shownLines reports whether head would write any of lines: all but a blank line ending in
// CRLF, the usual end of a section.
func shownLines(lines []probe.Line) bool {
	for _, l := range lines {
		if l.Kind != probe.BlankLineKind || l.Ending != probe.CRLF {
			return true
		}
	}
	return false
}

func endingName(e probe.Ending) string {
	switch e {
	case probe.LF:
		return `bare LF (\n), not CRLF`
	case probe.CR:
		return `bare CR (\r), not CRLF`
	case probe.NoEnd:
		return "the stream ended inside this line"
	}
	return e.String()
}

func (t *writer) body(resp *probe.Response, m marks) {
	b := resp.Body
	desc := english.Plural(b.Size, "byte") + ", " + resp.Framing.String()
	if resp.Framing == probe.FramingNone && b.Size == 0 {
		return
	}
	if !resp.BodyComplete {
		desc += ", incomplete: " + termsafe.String(resp.BodyError, termsafe.Line)
	}
	t.heading("body " + t.style(t.muted, "("+desc+")"))
	if cc := resp.Coding; cc != nil && b.Size > 0 {
		// The coded bytes are binary noise: show what the coding was and the decoded content.
		sev, ok := rangeMark(m.body, 0, b.Size)
		t.line(sev, ok, t.style(t.muted, termsafe.String(cc.Summary(b.Size), termsafe.Line)))
		if cc.NotDecoded == "" && cc.Content.Size > 0 {
			t.preview(cc.Content, m.content)
		}
		return
	}
	t.preview(b, m.body)
}

func (t *writer) extra(ex *probe.Exchange, m marks) {
	if ex.Extra.Size == 0 {
		return
	}
	where := " after the end of the response"
	if r := ex.Response; r != nil && r.Framing == probe.FramingChunked && !r.BodyComplete {
		where = " where the next chunk could not be decoded"
	}
	t.heading("extra bytes " + t.style(t.muted, "("+english.Plural(ex.Extra.Size, "byte")+where+")"))
	t.preview(ex.Extra, m.extra)
}

// preview writes the first lines of a body or of the extra bytes, escaped, marking lines that
// overlap a finding's byte range.
func (t *writer) preview(c probe.Capture, fs []check.Finding) {
	data := c.Data
	if len(data) > previewBytes {
		data = data[:previewBytes]
		for len(data) > 0 && !utf8.RuneStart(data[len(data)-1]) && len(data) > previewBytes-4 {
			data = data[:len(data)-1]
		}
	}
	var start int64
	shown := 0
	for len(data) > 0 && shown < previewLines {
		n := len(data)
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			n = i + 1
		}
		seg := data[:n]
		sev, ok := rangeMark(fs, start, start+int64(n))
		text := termsafe.Bytes(bytes.TrimSuffix(seg, []byte("\n")), termsafe.Line)
		t.line(sev, ok, text)
		data = data[n:]
		start += int64(n)
		shown++
	}
	if rest := c.Size - start; rest > 0 {
		sev, ok := rangeMark(fs, start, c.Size)
		t.line(sev, ok, t.style(t.muted, "… "+english.Plural(rest, "more byte")))
	}
}

func (t *writer) tls(info *probe.TLSInfo) {
	if info == nil {
		return
	}
	session := info.Version + ", " + info.CipherSuite
	if info.ALPN != "" {
		session += ", ALPN " + info.ALPN
	}
	t.heading("tls")
	t.line(0, false, termsafe.String(session, termsafe.Line))
	if info.Subject != "" {
		t.line(0, false, termsafe.String("certificate "+info.Subject, termsafe.Line))
		t.line(0, false, termsafe.String("issued by "+info.Issuer+", expires "+info.NotAfter.UTC().Format("2006-01-02"), termsafe.Line))
	}
	if !info.Verified {
		t.line(check.Warning, true, "certificate NOT verified (-k)")
	}
}

func (t *writer) findings(fs []check.Finding) {
	t.heading("findings")
	if len(fs) == 0 {
		t.line(0, false, t.style(t.ok, "none: the response follows every rule hsx checks"))
		return
	}
	for i, f := range fs {
		if i == maxFindings {
			t.line(0, false, t.style(t.muted, fmt.Sprintf("… %d more findings (all of them are in --json)", len(fs)-i)))
			return
		}
		text := fmt.Sprintf("%-7s %-4s %s", f.Severity, f.ID, termsafe.String(f.Message, termsafe.Line))
		t.line(f.Severity, true, text)
		if f.Ref != "" {
			t.line(0, false, t.style(t.muted, "             "+termsafe.String(f.Ref, termsafe.Line)))
		}
	}
}

func (t *writer) timing(ex *probe.Exchange) {
	tm := ex.Timing
	phases := []struct {
		name string
		d    time.Duration
	}{{"dns", tm.DNS}, {"connect", tm.Connect}, {"tunnel", tunnelTime(ex)}, {"tls", tm.TLS}, {"ttfb", tm.TTFB}, {"total", tm.Total}}
	var parts []string
	for _, p := range phases {
		if p.d == 0 && p.name != "total" {
			continue
		}
		parts = append(parts, p.name+" "+duration(p.d))
	}
	t.heading("timing")
	t.line(0, false, strings.Join(parts, "  "))
}

// duration formats d in milliseconds with a precision that suits its size.
func duration(d time.Duration) string {
	ms := d.Seconds() * 1000
	switch {
	case ms < 10:
		return strconv.FormatFloat(ms, 'f', 2, 64) + "ms"
	case ms < 1000:
		return strconv.FormatFloat(ms, 'f', 1, 64) + "ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + "s"
}

func (t *writer) summary(c Counts) {
	t.println("")
	var parts []string
	add := func(n int, word string, sev check.Severity) {
		if n > 0 {
			parts = append(parts, t.style(t.sev[sev], english.Plural(int64(n), word)))
		}
	}
	add(c.Errors, "error", check.Error)
	add(c.Warnings, "warning", check.Warning)
	add(c.Infos, "note", check.Info)
	if len(parts) == 0 {
		t.println(t.style(t.ok, "✓ no findings"))
		return
	}
	t.println(strings.Join(parts, ", "))
}
