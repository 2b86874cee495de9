package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/internal/cells"
)

// canvas assembles the screen from boxes of lines. The panes tile the screen, so that their
// lines are joined as they are; overlays (pickers, help, the key badge) are spliced into the
// lines they cover. Joining strings is much cheaper than drawing every cell into a cell buffer,
// and the screen is redrawn on every message.
type canvas struct {
	w    int
	rows []strings.Builder
	cols []int // cells written so far on each row
}

func newCanvas(w, h int) *canvas {
	return &canvas{w: w, rows: make([]strings.Builder, h), cols: make([]int, h)}
}

// put writes lines at column x from row y on. Boxes must be put left to right on each row; a
// gap before x is filled with spaces, and a line that would overlap what is there already is
// dropped.
func (c *canvas) put(x, y int, lines []string) {
	for i, l := range lines {
		row := y + i
		if row < 0 || row >= len(c.rows) || x < c.cols[row] || x >= c.w {
			continue
		}
		b := &c.rows[row]
		if gap := x - c.cols[row]; gap > 0 {
			b.WriteString(strings.Repeat(" ", gap))
		}
		w := cells.Width(l)
		if x+w > c.w {
			l = ansi.Truncate(l, c.w-x, "")
			w = cells.Width(l)
		}
		b.WriteString(l)
		c.cols[row] = x + w
	}
}

// overlay draws lines on top of whatever is at column x from row y on.
func (c *canvas) overlay(x, y int, lines []string) {
	for i, l := range lines {
		row := y + i
		if row < 0 || row >= len(c.rows) || x >= c.w {
			continue
		}
		l = cells.Fit(l, min(cells.Width(l), c.w-x), "")
		w := cells.Width(l)
		base := cells.Fit(c.rows[row].String(), c.w, "")
		left := cells.Fit(ansi.Truncate(base, x, ""), x, "")
		right := ansi.TruncateLeft(base, x+w, "")
		b := &c.rows[row]
		b.Reset()
		// Resets around the overlay keep a style open in the base from bleeding into it.
		b.WriteString(left + "\x1b[m" + l + "\x1b[m" + right)
		c.cols[row] = x + w + cells.Width(right)
	}
}

// String returns the screen: every row padded to the full width, so that the screen is
// exactly w×h whatever the terminal does with short lines.
func (c *canvas) String() string {
	var b strings.Builder
	b.Grow(len(c.rows) * (c.w + 64))
	for i := range c.rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(c.rows[i].String())
		if pad := c.w - c.cols[i]; pad > 0 {
			b.WriteString(strings.Repeat(" ", pad))
		}
	}
	return b.String()
}
