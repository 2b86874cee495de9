package composer

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/curl"
	"github.com/hsx-dev/hsx/probe/termsafe"
	"github.com/hsx-dev/hsx/ui/internal/cells"
	"github.com/hsx-dev/hsx/ui/theme"
)

// View draws the composer: exactly Height lines, each exactly Width cells wide. A bar in the
// first column marks the rows of the field that has the keyboard.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	l := m.layout()
	lines := make([]string, m.height)
	lines[0] = m.bar(m.field <= FieldURL && !m.drafting) + m.requestLine()
	if l.options >= 0 {
		lines[l.options] = m.bar(m.field == FieldOptions && !m.drafting) + " " + m.optionsLine()
	}
	if l.headersLabel >= 0 {
		lines[l.headersLabel] = m.headersLabel()
	}
	if l.headersH > 0 {
		m.fill(lines[l.headersTop:l.headersTop+l.headersH], FieldHeaders)
	}
	if l.bodyLabel >= 0 {
		lines[l.bodyLabel] = m.label("Body", FieldBody, bodySize(len(m.body.Value())))
	}
	if l.bodyH > 0 {
		m.fill(lines[l.bodyTop:l.bodyTop+l.bodyH], FieldBody)
	}
	if l.draftLabel >= 0 {
		lines[l.draftLabel] = m.draftLabel()
	}
	if l.draftH > 0 {
		m.fillDraft(lines[l.draftTop : l.draftTop+l.draftH])
	}
	switch {
	case l.status >= 0 && m.drafting:
		for i, s := range m.draftStatus(l.statusH) {
			lines[l.status+i] = " " + s
		}
	case l.status >= 0:
		lines[l.status] = " " + m.statusLine()
	}
	for i, s := range lines {
		lines[i] = fit(s, m.width)
	}
	return strings.Join(lines, "\n")
}

// bar is the first column of a row: a focus bar when on is set and the composer is focused.
func (m Model) bar(on bool) string {
	if on && m.focused {
		return m.st.labelFocused.Render("▌")
	}
	return " "
}

// requestLine draws the method and the URL. A selected method is drawn in reverse video, a
// method that is not a token in the error color.
func (m Model) requestLine() string {
	var method string
	editing := m.focused && !m.drafting
	st := m.st.method
	if m.methodErr() != nil {
		st = m.st.err
	}
	switch {
	case editing && m.field == FieldMethod && m.methodSel:
		method = st.Reverse(true).Render(termsafe.String(m.method.Value(), termsafe.Line))
	case editing && m.field == FieldMethod:
		method = m.method.View()
	default:
		method = st.Render(termsafe.String(m.method.Value(), termsafe.Line))
	}
	urlW := max(m.width-methodWidth-3, 1)
	var u string
	if editing && m.field == FieldURL {
		u = m.url.View()
	} else if m.url.Value() == "" {
		u = m.st.subtle.Render(m.url.Placeholder)
	} else {
		v := m.url.Value()
		if m.masked {
			v = theme.MaskURL(v)
		}
		u = m.st.text.Render(termsafe.String(v, termsafe.Line))
	}
	return fit(method, methodWidth) + " " + fit(u, urlW)
}

// optionsLine draws the request options: the field itself while it is being edited, else its
// text (in the error color when it does not parse) or, when empty, what it takes.
func (m Model) optionsLine() string {
	w := max(m.width-2, 1)
	switch v := m.options.Value(); {
	case m.focused && !m.drafting && m.field == FieldOptions:
		return m.options.View()
	case v == "":
		return m.st.subtle.Render(cells.Fit(m.options.Placeholder, w, "…"))
	case m.optionsErr() != nil:
		return m.st.err.Render(termsafe.String(v, termsafe.Line))
	default:
		return m.st.text.Render(termsafe.String(v, termsafe.Line))
	}
}

// optionsErr says why the options line does not parse, or is nil.
func (m Model) optionsErr() error {
	_, err := curl.ParseOptions(m.options.Value())
	return err
}

// headersLabel is the rule over the headers: how many fields they send and, as far as it fits,
// which fields hsx adds of its own, so that the head on screen is the head that is sent.
func (m Model) headersLabel() string {
	header, omit, err := curl.ParseHeaders(strings.Split(m.headers.Value(), "\n"))
	count := fieldCount(len(header))
	if err != nil { // say what the lines are, one without a colon being no field
		header, omit = looseHeaders(m.headers.Value())
		count = headerSummary(m.headers.Value())
	}
	opts, oerr := curl.ParseOptions(m.options.Value())
	opts.URL, opts.Header, opts.Omit = m.url.Value(), header, omit
	if own := ownFields(opts); len(own) > 0 && oerr == nil { // the options decide on Accept-Encoding
		for _, note := range []string{count + " · hsx adds " + strings.Join(own, ", "), count + " + " + strconv.Itoa(len(own)) + " of hsx's"} {
			if l := m.label("Headers", FieldHeaders, note); ansi.StringWidth(l) <= m.width {
				return l
			}
		}
	}
	return m.label("Headers", FieldHeaders, count)
}

// ownFields names the fields that hsx adds itself to req before its body (see
// probe.Request.Header): Host, User-Agent and Accept, Authorization for credentials in the URL
// and Accept-Encoding with --compressed, less those that req omits or sets itself.
func ownFields(req probe.Request) []string {
	var out []string
	for _, name := range probe.OwnFields() {
		switch name {
		case "Authorization":
			if u, err := url.Parse(req.URL); err != nil || u.User == nil {
				continue
			}
		case "Accept-Encoding":
			if !req.Compressed {
				continue
			}
		case "Content-Length", "Content-Type":
			continue // after the body's fields, and only with a body
		case "Proxy-Authorization", "Proxy-Connection":
			continue // for a proxy only, which the request line shows when there is one
		}
		if slices.ContainsFunc(req.Omit, func(n string) bool { return probe.EqualFold(n, name) }) ||
			slices.ContainsFunc(req.Header, func(f probe.Field) bool { return probe.EqualFold(f.Name, name) }) {
			continue
		}
		out = append(out, name)
	}
	return out
}

// label draws a section label on a rule, with a note at the right.
func (m Model) label(title string, f Field, note string) string {
	st := m.st.label
	if m.focused && (m.field == f && !m.drafting || f < 0 && m.drafting) {
		st = m.st.labelFocused
	}
	left := " " + st.Render(title) + " "
	right := " " + m.st.muted.Render(note) + " "
	rule := max(m.width-ansi.StringWidth(left)-ansi.StringWidth(right), 0)
	return left + m.st.rule.Render(strings.Repeat("─", rule)) + right
}

// fill draws field f into rows: the text area itself while it is being edited, otherwise a
// read-only rendering with field names highlighted and secrets masked when masking is on.
func (m Model) fill(rows []string, f Field) {
	editing := m.focused && m.field == f && !m.drafting
	a := m.headers
	if f == FieldBody {
		a = m.body
	}
	var content []string
	switch {
	case editing:
		content = strings.Split(a.View(), "\n")
	case a.Value() == "":
		content = []string{m.st.subtle.Render(a.Placeholder)}
	default:
		content = m.readOnly(a.Value(), f == FieldHeaders, len(rows))
	}
	m.fillRows(rows, content, editing)
}

// fillRows draws content into rows, each after the focus bar (when on) and a space.
func (m Model) fillRows(rows, content []string, on bool) {
	for i := range rows {
		s := ""
		if i < len(content) {
			s = content[i]
		}
		rows[i] = m.bar(on) + " " + fit(s, max(m.width-2, 0))
	}
}

// draftLabel is the rule above a pasted command that did not parse; it says that the request
// line above is the request from before.
func (m Model) draftLabel() string {
	for _, note := range []string{"not used · the request above is unchanged", "not used"} {
		if l := m.label("Pasted curl command", -1, note); ansi.StringWidth(l) <= m.width {
			return l
		}
	}
	return m.label("Pasted curl command", -1, "")
}

// fillDraft draws the pasted command into rows: the text area itself, with a cursor while the
// composer has focus.
func (m Model) fillDraft(rows []string) {
	m.fillRows(rows, strings.Split(m.draft.View(), "\n"), m.focused)
}

// readOnly renders text in at most n rows; when it has more lines the last row says how many
// more there are. A single row shows the first line with that count after it, so that the
// first header field is always in sight.
func (m Model) readOnly(text string, headers bool, n int) []string {
	lines := strings.Split(text, "\n")
	out := make([]string, 0, n)
	for i, line := range lines {
		if n > 1 && len(out) == n-1 && len(lines)-i > 1 {
			out = append(out, m.st.muted.Render(fmt.Sprintf("… %d more lines", len(lines)-i)))
			break
		}
		if len(out) == n {
			if n == 1 {
				more := fmt.Sprintf("  … +%d more", len(lines)-i)
				out[0] = fit(out[0], max(m.width-2-ansi.StringWidth(more), 0)) + m.st.muted.Render(more)
			}
			break
		}
		line = strings.TrimRight(line, "\r")
		if !headers {
			out = append(out, m.st.text.Render(termsafe.String(line, termsafe.Line)))
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if empty, rest, semi := strings.Cut(line, ";"); !ok && semi && strings.TrimSpace(rest) == "" {
			out = append(out, m.st.name.Render(termsafe.String(empty, termsafe.Line))+m.st.muted.Render(";")+
				m.st.subtle.Render("  sent with an empty value"))
			continue
		}
		if !ok {
			out = append(out, m.st.text.Render(termsafe.String(line, termsafe.Line)))
			continue
		}
		value = strings.TrimSpace(value)
		if value == "" {
			out = append(out, m.st.name.Render(termsafe.String(name, termsafe.Line))+m.st.muted.Render(":")+
				m.st.subtle.Render("  "+removeNote(strings.TrimSpace(name))))
			continue
		}
		if m.masked && theme.Secret(name) {
			value = theme.MaskValue(value)
		}
		out = append(out, m.st.name.Render(termsafe.String(name, termsafe.Line))+
			m.st.muted.Render(":")+" "+m.st.text.Render(termsafe.String(value, termsafe.Line)))
	}
	return out
}

// removeNote says what a "Name:" header line does: it removes hsx's own field of that name,
// or, for a name hsx does not add, sends nothing.
func removeNote(name string) string {
	for _, own := range probe.OwnFields() {
		if probe.EqualFold(own, name) {
			return "removes hsx's " + own
		}
	}
	return "not sent (hsx adds no " + name + "; write " + name + "; to send it empty)"
}

// headerLineNote says what the header line under the cursor does when it is not a plain
// "Name: value" field, or "".
func (m Model) headerLineNote() string {
	lines := strings.Split(m.headers.Value(), "\n")
	i := m.headers.Line()
	if i < 0 || i >= len(lines) {
		return ""
	}
	line := strings.TrimSpace(lines[i])
	name, value, colon := strings.Cut(line, ":")
	n, rest, semi := strings.Cut(line, ";")
	switch {
	case colon && strings.TrimSpace(value) == "" && name != "":
		return strings.TrimSpace(name) + ": " + removeNote(strings.TrimSpace(name))
	case !colon && semi && strings.TrimSpace(rest) == "" && n != "":
		return strings.TrimSpace(n) + "; is sent with an empty value"
	}
	return ""
}

// statusLine is the error, the notice, the method choices while the method is being chosen,
// or the request's settings and a hint for the current field.
func (m Model) statusLine() string {
	err := m.err
	if e := m.methodErr(); e != nil && m.focused && m.field == FieldMethod {
		err = e.Error() // said while it is being typed, not only when it is refused
	}
	if e := m.optionsErr(); e != nil && m.focused && m.field == FieldOptions && err == "" {
		err = "options: " + e.Error()
	}
	switch {
	case err != "":
		return m.st.err.Render(theme.Glyph(2) + " " + termsafe.String(err, termsafe.Line))
	case m.notice != "":
		return m.st.muted.Render(m.notice)
	case m.focused && m.field == FieldMethod:
		return m.methodChoices()
	case m.focused && m.field == FieldHeaders && m.headerLineNote() != "":
		return m.st.muted.Render(termsafe.String(m.headerLineNote(), termsafe.Line))
	}
	return m.st.muted.Render(m.hint(m.width - 1)) // the status line starts after a space
}

// draftStatus is the status under a pasted command that did not parse, in at most n rows: its
// error, wrapped, and after it what enter and esc do, as far as they fit (the hint bar says it
// too). An error longer than n rows is cut with an ellipsis.
func (m Model) draftStatus(n int) []string {
	rows := m.draftErrRows()
	out := make([]string, min(len(rows), n))
	for i := range out {
		s := rows[i]
		if i == n-1 && len(rows) > n {
			s = cells.Fit(s+" …", max(m.width-1, 0), "…") // the ellipsis says that more was cut
		}
		out[i] = m.st.err.Render(s)
	}
	last := len(out) - 1
	room := m.width - 1 - ansi.StringWidth(out[last])
	for _, h := range []string{" · enter: try again · esc: drop it", " · enter: retry · esc: drop"} {
		if ansi.StringWidth(h) <= room {
			out[last] += m.st.muted.Render(h)
			break
		}
	}
	return out
}

// draftErrRows is the error about a pasted command, wrapped to the status line's width.
func (m Model) draftErrRows() []string {
	text := theme.Glyph(2) + " " + termsafe.String(m.err, termsafe.Line)
	return strings.Split(ansi.Wrap(text, max(m.width-1, 1), ""), "\n")
}

// methodErr says why the method is refused, or is nil.
func (m Model) methodErr() error {
	_, err := checkMethod(m.method.Value())
	return err
}

// hint is a short reminder of what can be done in the current field: the longest of its
// wordings that fits in w cells, or the shortest, cut later.
func (m Model) hint(w int) string {
	var wordings []string
	switch {
	case !m.focused:
		wordings = []string{"enter sends · paste a curl command to fill the fields", "enter sends · paste a curl command", "enter sends"}
	case m.field == FieldHeaders:
		wordings = []string{"one Name: value per line · Name: removes hsx's own · Name; sends it empty · ctrl+s sends",
			"one Name: value per line · Name: removes hsx's own · ctrl+s sends · esc: back to URL",
			"one Name: value per line · ctrl+s sends · esc: back to URL", "one Name: value per line · ctrl+s sends", "ctrl+s sends"}
	case m.field == FieldOptions:
		wordings = []string{"curl's flags for the exchange: -k -L -m 30 --compressed --connect-timeout 5 --path-as-is -0 · enter sends",
			"curl's flags: -k -L -m 30 --compressed --connect-timeout 5 --path-as-is -0", "-k -L -m 30 --compressed …", "enter sends"}
	case m.field == FieldBody:
		wordings = []string{"sent as typed, with a Content-Length · ctrl+s sends · esc: back to URL",
			"sent as typed, with a Content-Length · ctrl+s sends", "ctrl+s sends"}
	default:
		wordings = []string{"enter sends · ↑ method · ↓ options, headers · paste a curl command to fill the fields",
			"enter sends · ↑ method · ↓ options · paste a curl command", "enter sends · ↑ method · ↓ options", "enter sends"}
	}
	for _, h := range wordings {
		if ansi.StringWidth(h) <= w {
			return h
		}
	}
	return wordings[len(wordings)-1]
}

// methodChoices lists the common methods with the current one in brackets.
func (m Model) methodChoices() string {
	cur := strings.TrimSpace(m.method.Value())
	var b strings.Builder
	for i, name := range Methods() {
		if i > 0 {
			b.WriteString(" ")
		}
		if strings.EqualFold(name, cur) {
			b.WriteString(m.st.labelFocused.Render("[" + name + "]"))
			continue
		}
		b.WriteString(m.st.muted.Render(name))
	}
	room := m.width - 1 - ansi.StringWidth(b.String()) // the status line starts after a space
	hints := []string{" · space: next, or type one · esc: back to URL", " · space: next · esc: back to URL"}
	if m.methodSel {
		hints = []string{" · type to replace · space: next · esc: back to URL", " · type to replace · space: next"}
	}
	for _, h := range hints {
		if ansi.StringWidth(h) <= room {
			return b.String() + m.st.muted.Render(h)
		}
	}
	return b.String() + m.st.muted.Render(" · space: next")
}

// fit cuts s to w cells with an ellipsis, or pads it with spaces.
func fit(s string, w int) string { return cells.Fit(s, w, "…") }

// fieldCount says how many fields the headers send: "none" or "N fields".
func fieldCount(n int) string {
	if n == 0 {
		return "none"
	}
	return english.Plural(n, "field")
}

// headerSummary counts the header lines typed: the fields, and apart from them the lines that
// are not a field because they have no colon (sending names the first of them as an error).
func headerSummary(text string) string {
	fields, bad := 0, 0
	for line := range strings.SplitSeq(text, "\n") {
		switch {
		case strings.TrimSpace(line) == "":
		case strings.Contains(line, ":"):
			fields++
		default:
			bad++
		}
	}
	switch {
	case bad == 0 && fields == 0:
		return "none"
	case bad == 0:
		return english.Plural(fields, "field")
	case fields == 0:
		return english.Plural(bad, "line") + " without a colon"
	}
	return english.Plural(fields, "field") + " · " + english.Plural(bad, "line") + " without a colon"
}

func bodySize(n int) string {
	if n == 0 {
		return "empty"
	}
	return english.Plural(n, "byte")
}
