package results

import (
	"fmt"
	"strings"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// buildHeaders returns the rows of the headers view: interim responses, the final response's
// status line and fields (with lines that findings point at marked and colored), trailers, a
// pointer to any extra bytes, and the request as it was sent.
func buildHeaders(ex *probe.Exchange, fs []check.Finding, masked bool) []row {
	if ex.HTTP2() {
		return appendExtraAndRequest(buildHeadersH2(ex, fs, masked), ex, fs, masked)
	}
	var rows []row
	for i, r := range ex.Interim {
		if r == nil {
			continue
		}
		rows = append(rows, sectionRow(fmt.Sprintf("interim %d %s", r.Status.Code, safeLine(r.Status.Reason))))
		start := len(rows)
		rows = appendHead(rows, r.Lines, masked)
		for fi, f := range fs {
			if f.At.Where == check.AtInterim && f.At.Index == i && start < len(rows) {
				rows[start] = rows[start].marked(fi, f.Severity)
				rows[start] = recolor(rows[start], f.Severity)
			}
		}
	}
	r := ex.Response
	if r == nil {
		return rows
	}
	if len(ex.Interim) > 0 {
		rows = append(rows, sectionRow("final response"))
	}
	base := len(rows)
	rows = appendHead(rows, r.Lines, masked)
	// lineRow maps an index in r.Lines to its row (blank lines have none).
	lineRow := make([]int, len(r.Lines))
	for i, n := 0, base; i < len(r.Lines); i++ {
		lineRow[i] = -1
		if r.Lines[i].Kind != probe.BlankLineKind {
			lineRow[i] = n
			n++
		}
	}
	var trailerBase int
	if len(r.TrailerLines) > 0 {
		rows = append(rows, sectionRow("trailers"))
		trailerBase = len(rows)
		rows = appendHead(rows, r.TrailerLines, masked)
	}
	mark := func(ri, fi int, sev check.Severity) {
		if ri >= 0 && ri < len(rows) {
			rows[ri] = recolor(rows[ri].marked(fi, sev), sev)
		}
	}
	for fi, f := range fs {
		at := f.At
		switch at.Where {
		case check.AtStatusLine:
			if len(lineRow) > 0 {
				mark(lineRow[0], fi, f.Severity)
			}
		case check.AtHeader:
			if at.Index >= 0 && at.Index < len(r.Header) {
				if l := r.Header[at.Index].Line; l >= 0 && l < len(lineRow) {
					mark(lineRow[l], fi, f.Severity)
				}
			}
		case check.AtLine:
			if at.Index >= 0 && at.Index < len(lineRow) {
				mark(lineRow[at.Index], fi, f.Severity)
			}
		case check.AtTrailer:
			if at.Index >= 0 && at.Index < len(r.Trailers) {
				mark(trailerBase+trailerRow(r.TrailerLines, r.Trailers[at.Index].Line), fi, f.Severity)
			}
		}
	}
	return appendExtraAndRequest(rows, ex, fs, masked)
}

// appendExtraAndRequest appends a pointer to any extra bytes and the request as it was sent.
func appendExtraAndRequest(rows []row, ex *probe.Exchange, fs []check.Finding, masked bool) []row {
	if ex.Extra.Size > 0 {
		er := plainRow(span{"── " + extraLabel(ex) + " · shown in the raw view ──", kLabel})
		for fi, f := range fs {
			if f.At.Where == check.AtExtra {
				er = recolor(er.marked(fi, f.Severity), f.Severity)
				break
			}
		}
		rows = append(rows, er)
	}
	return appendRequest(rows, ex.Request, masked)
}

// trailerRow is the row offset of trailer line l among the trailer rows (blank lines have none).
func trailerRow(lines []probe.Line, l int) int {
	n := 0
	for i := 0; i < l && i < len(lines); i++ {
		if lines[i].Kind != probe.BlankLineKind {
			n++
		}
	}
	return n
}

// appendHead appends one row per head line (the blank line excepted).
func appendHead(rows []row, lines []probe.Line, masked bool) []row {
	for _, l := range lines {
		switch l.Kind {
		case probe.BlankLineKind:
			continue
		case probe.FieldLineKind:
			rows = append(rows, fieldRow(string(l.Text), masked))
		default:
			rows = append(rows, plainRow(appendEscaped(nil, string(l.Text), kPlain)...))
		}
	}
	return rows
}

// fieldRow is a "Name: value" row with the name highlighted and a secret value masked.
func fieldRow(text string, masked bool) row {
	name, value, ok := cutColon(text)
	if !ok {
		return plainRow(appendEscaped(nil, text, kPlain)...)
	}
	spans := appendEscaped(nil, name, kName)
	spans = append(spans, span{":", kPunct})
	v := maskedValue(name, value, masked)
	if v != "" {
		spans = append(spans, span{" ", kPlain})
		spans = appendEscaped(spans, v, kPlain)
	}
	return plainRow(spans...)
}

// cutColon splits a field line into its name and its value without surrounding whitespace.
func cutColon(s string) (name, value string, ok bool) {
	name, value, ok = strings.Cut(s, ":")
	return name, strings.Trim(value, " \t"), ok && name != ""
}

// recolor draws every span of r in the color of a finding of severity sev.
func recolor(r row, sev check.Severity) row {
	k := lineKind(sev)
	spans := make([]span, len(r.spans))
	for i, sp := range r.spans {
		spans[i] = span{sp.text, k}
	}
	r.spans = spans
	return r
}

// sectionRow is a separator label row.
func sectionRow(text string) row { return plainRow(span{"── " + text + " ──", kLabel}) }

// appendRequest appends the request as it was written: request line and every field.
func appendRequest(rows []row, sent probe.Sent, masked bool) []row {
	if sent.Method == "" && len(sent.Header) == 0 {
		return rows
	}
	rows = append(rows, plainRow(), sectionRow("request as sent"))
	rows = append(rows, plainRow(appendEscaped(nil, sent.RequestLine(), kMuted)...))
	for _, f := range sent.Header {
		spans := appendEscaped(nil, f.Name, kMuted)
		spans = append(spans, span{": ", kSubtle})
		spans = appendEscaped(spans, maskedValue(f.Name, f.Value, masked), kMuted)
		rows = append(rows, plainRow(spans...))
	}
	return rows
}
