package composer

// layout says which rows of the pane hold what; a section that does not fit has height 0 and
// row -1.
type layout struct {
	headersLabel, headersTop, headersH int
	bodyLabel, bodyTop, bodyH          int
	status                             int
}

// layout places the sections in the pane's height: the request line on row 0, the status
// line on the last row, and between them the headers and the body, each under a label. The
// headers get the larger share; the body is dropped first when rows are short.
func (m Model) layout() layout {
	l := layout{headersLabel: -1, headersTop: -1, bodyLabel: -1, bodyTop: -1, status: -1}
	h := m.height
	if h >= 2 {
		l.status = h - 1
	}
	avail := h - 2 // rows between the request line and the status line
	switch {
	case avail >= 4:
		rows := avail - 2
		l.headersH = max(1, (rows*3+4)/5)
		l.bodyH = rows - l.headersH
		if l.bodyH == 0 {
			l.headersH--
			l.bodyH = 1
		}
	case avail >= 2:
		l.headersH = avail - 1
	}
	if l.headersH > 0 {
		l.headersLabel, l.headersTop = 1, 2
	}
	if l.bodyH > 0 {
		l.bodyLabel = l.headersTop + l.headersH
		l.bodyTop = l.bodyLabel + 1
	}
	return l
}
