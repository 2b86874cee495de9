// Package layout computes where the panes of the hsx terminal UI go. It is a pure function from
// the terminal size and a few toggles to rectangles, so that it can be tested on its own and the
// root model never does arithmetic on cells in its View.
//
// Wide terminals put the explainer on the left and the request above the response on the right;
// narrow ones stack the request, the response and the explainer, giving the larger share of the
// height to whichever of the last two has focus. Every rectangle is an outer rectangle: the pane
// draws its border inside it.
package layout

import (
	"cmp"
	"slices"
)

// Pane names one of the three panes.
type Pane int

// The panes, in focus order.
const (
	Composer Pane = iota
	Results
	Explainer
	// NumPanes is the number of panes.
	NumPanes
)

func (p Pane) String() string {
	switch p {
	case Composer:
		return "request"
	case Results:
		return "response"
	case Explainer:
		return "explainer"
	}
	return "pane"
}

// Sizes below which the screen shows only a "terminal too small" notice, and the width from
// which panes go side by side.
const (
	MinWidth  = 40
	MinHeight = 16
	WideWidth = 140
)

// Rect is a rectangle of terminal cells. The zero Rect is empty: the pane is hidden.
type Rect struct {
	X, Y, W, H int
}

// Empty reports whether the rectangle has no cells.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Contains reports whether the cell at (x, y) lies inside the rectangle.
func (r Rect) Contains(x, y int) bool {
	return !r.Empty() && x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Inset returns the rectangle shrunk by dx cells on the left and right and dy cells at the top
// and bottom; never negative.
func (r Rect) Inset(dx, dy int) Rect {
	out := Rect{X: r.X + dx, Y: r.Y + dy, W: r.W - 2*dx, H: r.H - 2*dy}
	if out.W < 0 {
		out.W = 0
	}
	if out.H < 0 {
		out.H = 0
	}
	return out
}

// Toggles are the parts of the UI state that change the layout.
type Toggles struct {
	// Focus is the focused pane. Stacked, the focused one of results and explainer gets the larger
	// share of the height.
	Focus Pane
	// Zoom gives the whole body of the screen to the focused pane.
	Zoom bool
	// Present (presentation mode) leaves a blank cell between panes.
	Present bool
	// Idle says that nothing has been sent yet: stacked, the explainer then gets the larger share
	// (unless the results pane has focus), since the results pane has nothing to show.
	Idle bool
	// ComposerLines is the number of content lines the composer would like; 0 means a default
	// that depends on the terminal height and grows while the composer has focus, so that its
	// body field shows up while it is being edited. The composer never gets more than a third of
	// the body (two fifths while focused).
	ComposerLines int
}

// Layout is where everything goes.
type Layout struct {
	// TooSmall is set when the terminal is smaller than MinWidth×MinHeight; no pane is placed.
	TooSmall bool
	// Wide is set when the explainer sits beside the request and response.
	Wide bool
	// Panes are the outer rectangles of the panes, indexed by Pane; a hidden pane's is empty.
	Panes [NumPanes]Rect
	// Hint is the one-line hint bar at the bottom.
	Hint Rect
}

// Pane returns the outer rectangle of p.
func (l Layout) Pane(p Pane) Rect {
	if p < 0 || p >= NumPanes {
		return Rect{}
	}
	return l.Panes[p]
}

// At returns the pane under the cell (x, y), and whether there is one.
func (l Layout) At(x, y int) (Pane, bool) {
	for p, r := range l.Panes {
		if r.Contains(x, y) {
			return Pane(p), true
		}
	}
	return 0, false
}

// Compute lays out a terminal of w×h cells.
func Compute(w, h int, t Toggles) Layout {
	var l Layout
	if w < MinWidth || h < MinHeight {
		l.TooSmall = true
		return l
	}
	l.Hint = Rect{X: 0, Y: h - 1, W: w, H: 1}
	body := Rect{X: 0, Y: 0, W: w, H: h - 1}
	gap := 0
	if t.Present {
		gap = 1
	}
	if t.Zoom && t.Focus >= 0 && t.Focus < NumPanes {
		l.Panes[t.Focus] = body
		return l
	}
	l.Wide = w >= WideWidth
	if l.Wide {
		l.wide(body, gap, t)
	} else {
		l.stacked(body, gap, t)
	}
	return l
}

// wide puts the explainer on the left, the composer at the top right, the results below it.
func (l *Layout) wide(body Rect, gap int, t Toggles) {
	ew := clamp(body.W*2/5, 48, 110)
	right := Rect{X: ew + gap, Y: body.Y, W: body.W - ew - gap, H: body.H}
	ch := composerHeight(body.H, t)
	l.Panes[Explainer] = Rect{X: body.X, Y: body.Y, W: ew, H: body.H}
	l.Panes[Composer] = Rect{X: right.X, Y: right.Y, W: right.W, H: ch}
	l.Panes[Results] = Rect{X: right.X, Y: right.Y + ch + gap, W: right.W, H: right.H - ch - gap}
}

// stacked puts the composer, the results and the explainer one above the other.
func (l *Layout) stacked(body Rect, gap int, t Toggles) {
	ch := composerHeight(body.H, t)
	rest := body.H - ch - 2*gap
	small := rest * 2 / 5
	if small < minPane {
		small = min(minPane, rest/2)
	}
	big := rest - small
	rh, eh := big, small
	if t.Focus == Explainer || (t.Idle && t.Focus != Results) {
		rh, eh = small, big
	}
	y := body.Y
	l.Panes[Composer] = Rect{X: body.X, Y: y, W: body.W, H: ch}
	y += ch + gap
	l.Panes[Results] = Rect{X: body.X, Y: y, W: body.W, H: rh}
	y += rh + gap
	l.Panes[Explainer] = Rect{X: body.X, Y: y, W: body.W, H: eh}
}

// minPane is the smallest outer height of a pane: a border and three lines.
const minPane = 5

// composerHeight is the outer height of the composer for a body of h lines.
func composerHeight(h int, t Toggles) int {
	want, limit := t.ComposerLines, h/3
	if want <= 0 {
		want = 4
		if h >= 30 {
			want = 7
		}
		if t.Focus == Composer {
			want += 2
		}
	}
	if t.Focus == Composer {
		limit = h * 2 / 5
	}
	return clamp(want+2, minPane, max(minPane, limit))
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// PanesByX returns the panes that are shown, from left to right (and top to bottom in a
// column), the order in which their lines are joined into the screen's rows.
func (l Layout) PanesByX() []Pane {
	out := make([]Pane, 0, NumPanes)
	for p := range NumPanes {
		if !l.Panes[p].Empty() {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b Pane) int {
		ra, rb := l.Panes[a], l.Panes[b]
		if ra.X != rb.X {
			return cmp.Compare(ra.X, rb.X)
		}
		return cmp.Compare(ra.Y, rb.Y)
	})
	return out
}
