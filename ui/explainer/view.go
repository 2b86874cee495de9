package explainer

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/internal/cells"
)

// View renders the pane: a title line, then the document with a scroll bar.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	out := make([]string, 0, m.height)
	out = append(out, m.titleLine())
	body := m.bodyLines()
	bar := m.scrollBar(len(body))
	for i, l := range body {
		out = append(out, pad(l, m.width-1)+bar[i])
	}
	return strings.Join(out, "\n")
}

// bodyLines returns exactly height-1 lines of the document (or of a note), each at most width-1.
func (m Model) bodyLines() []string {
	n := m.height - 1
	var lines []string
	switch {
	case m.doc == nil && m.missing != "":
		lines = wrapNote(m.styles.note.Render(m.missing), m.width-1)
	case m.err != nil:
		lines = wrapNote(m.styles.err.Render("Cannot render this document: "+m.err.Error()), m.width-1)
	case !m.rendered && m.doc != nil && m.lines == nil:
		lines = []string{m.styles.note.Render("  rendering " + m.doc.Title() + "…")}
	default:
		top := min(m.vp.YOffset(), len(m.lines))
		lines = slices.Clone(m.lines[top:min(top+n, len(m.lines))])
		for i, l := range lines {
			lines[i] = m.highlight(top+i, l)
		}
		if m.target >= 0 && m.target < len(m.heads) {
			if row := m.heads[m.target].line - m.vp.YOffset(); row >= 0 && row < len(lines) {
				lines[row] = m.styles.marker.Render("▶") + ansi.Cut(lines[row], 1, m.width-1)
			}
		}
	}
	for len(lines) < n {
		lines = append(lines, "")
	}
	return lines[:n]
}

// titleLine is the document title, the current section and the scroll position, in one line.
func (m Model) titleLine() string {
	w := m.width
	var left string
	switch {
	case m.doc != nil:
		st := m.styles.title
		if m.doc.Code != 0 {
			st = st.Foreground(m.th.Class(m.doc.Code))
		}
		left = st.Render(m.doc.Title())
		if s := m.Section(); s != "" && s != m.doc.Title() && !strings.HasPrefix(m.doc.Title(), s) {
			left += m.styles.muted.Render(" · " + s)
		}
	default:
		left = m.styles.title.Render("Explainer")
	}
	right := ""
	if m.rendered && m.vp.TotalLineCount() > m.vp.Height() {
		right = m.styles.subtle.Render(fmt.Sprintf(" %3.0f%%", m.vp.ScrollPercent()*100))
	}
	lw := w - ansi.StringWidth(right)
	if lw < 1 {
		return pad(ansi.Truncate(left, w, "…"), w)
	}
	return pad(ansi.Truncate(left, lw, "…"), lw) + right
}

// scrollBar returns one cell per body row: a thumb where the visible part lies, a track elsewhere.
func (m Model) scrollBar(rows int) []string {
	bar := make([]string, rows)
	total := m.vp.TotalLineCount()
	if !m.rendered || total <= rows || rows <= 0 {
		for i := range bar {
			bar[i] = " "
		}
		return bar
	}
	size := max(1, rows*rows/total)
	pos := int(m.vp.ScrollPercent() * float64(rows-size))
	thumb, track := m.styles.thumb.Render("┃"), m.styles.track.Render("│")
	for i := range bar {
		if i >= pos && i < pos+size {
			bar[i] = thumb
		} else {
			bar[i] = track
		}
	}
	return bar
}

// pad truncates or pads s with spaces to exactly w cells.
func pad(s string, w int) string { return cells.Fit(s, w, "") }

// wrapNote word-wraps a short note to width w, indented like the document.
func wrapNote(s string, w int) []string {
	return strings.Split(lipgloss.NewStyle().Width(max(w, 1)).PaddingLeft(2).Render(s), "\n")
}
