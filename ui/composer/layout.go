package composer

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// layout says which rows of the pane hold what; a section that does not fit has height 0 and
// row -1.
type layout struct {
	options                            int // the options line's row
	headersLabel, headersTop, headersH int
	bodyLabel, bodyTop, bodyH          int
	draftLabel, draftTop, draftH       int
	status, statusH                    int // the status takes statusH rows from row status
}

// layout places the sections in the pane's height: the request line on row 0, the options
// line under it, the status line on the last row, and between them the headers and the body,
// each under a label. The options line is left out, like an empty body, while it is empty and
// the composer is not focused. Each
// field gets the rows it wants (see wants) as far as they go, the body at least one; rows to
// spare go to the field being edited, else to the headers. When rows are short the body is
// reduced to its label (when it holds something), then dropped, then the headers' rows. An
// empty body is left out while the composer is not focused.
func (m Model) layout() layout {
	l := layout{options: -1, headersLabel: -1, headersTop: -1, bodyLabel: -1, bodyTop: -1, draftLabel: -1, draftTop: -1, status: -1}
	h := m.height
	if h >= 2 {
		l.status, l.statusH = h-1, 1
	}
	avail := h - 2 // rows between the request line and the status line
	if m.drafting {
		// A pasted command that did not parse takes the place of the headers and the body,
		// and its error takes up to maxErrRows rows, leaving the rule and a row of the command.
		if h >= 2 {
			l.statusH = max(1, min(len(m.draftErrRows()), maxErrRows, h-3))
			l.status = h - l.statusH
			avail = l.status - 1
		}
		switch {
		case avail >= 2:
			l.draftLabel, l.draftTop, l.draftH = 1, 2, avail-1
		case avail == 1:
			l.draftTop, l.draftH = 1, 1
		}
		return l
	}
	top := 1 // the first row under the request line and the options line
	if avail >= 1 && m.showOptions() {
		l.options, top = 1, 2
		avail--
	}
	bodyLabelOnly := false
	switch {
	case !m.focused && m.body.Value() == "":
		l.headersH = max(avail-1, 0) // nothing to show of an empty body
		if avail == 1 {
			l.headersH = 0
		}
	case avail >= 4:
		rows := avail - 2
		hw, bw := m.wants()
		l.headersH = min(hw, rows-1)
		l.bodyH = rows - l.headersH
		if spare := l.bodyH - bw; spare > 0 && !(m.focused && m.field == FieldBody) {
			l.headersH += spare
			l.bodyH = bw
		}
	case avail == 3 && m.body.Value() != "":
		l.headersH = 1
		bodyLabelOnly = true
	case avail >= 2:
		l.headersH = avail - 1
	}
	switch {
	case l.headersH > 0:
		l.headersLabel, l.headersTop = top, top+1
	case avail == 1:
		l.headersLabel = top // the label alone still says how many fields there are
	}
	if l.bodyH > 0 || bodyLabelOnly {
		l.bodyLabel = l.headersTop + l.headersH
	}
	if l.bodyH > 0 {
		l.bodyTop = l.bodyLabel + 1
	}
	return l
}

// wants returns how many rows the headers and the body would like: one per line of text, at
// least one, and while the headers are being edited one more for the next field.
func (m Model) wants() (headers, body int) {
	headers = max(1, strings.Count(strings.TrimRight(m.headers.Value(), "\n"), "\n")+1)
	if m.focused && m.field == FieldHeaders {
		headers++
	}
	body = max(1, m.body.LineCount()) // the number of lines, without building the whole text
	return headers, body
}

// PreferredLines returns how many lines the composer would like, to show every line of its
// fields: the request line, the options line, the headers and the body under their labels, and the status line.
// Unfocused, an empty body and an empty options line are left out. The root hands it to the layout, which caps it.
func (m Model) PreferredLines() int {
	if m.drafting {
		return 1 + 1 + m.draftRows() + min(len(m.draftErrRows()), maxErrRows)
	}
	hw, bw := m.wants()
	n := 1 + 1 + hw + 1
	if m.showOptions() {
		n++
	}
	if m.focused || m.body.Value() != "" {
		n += 1 + bw
	}
	return n
}

// showOptions reports whether the options line has a row: while the composer is focused, or
// when it holds something.
func (m Model) showOptions() bool {
	return m.focused || m.options.Value() != ""
}

// maxErrRows is the most rows the error about a pasted command takes.
const maxErrRows = 3

// draftRows is how many rows the pasted command takes when each of its lines wraps at the
// pane's width.
func (m Model) draftRows() int {
	w := max(m.width-2, 1)
	n := 0
	for line := range strings.SplitSeq(m.draft.Value(), "\n") {
		n += max(1, (ansi.StringWidth(line)+w)/w) // one more for the cursor after a full row
	}
	return n
}

// fitAreas gives the text areas the heights the layout has for them.
func (m *Model) fitAreas() {
	l := m.layout()
	m.headers.SetHeight(max(l.headersH, 1))
	m.body.SetHeight(max(l.bodyH, 1))
	m.draft.SetHeight(max(l.draftH, 1))
}
