package results

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// viewRows returns the rows of the active view as drawn, without the lines above it.
func viewRows(m Model) string {
	lines := strings.Split(plain(m), "\n")
	return strings.Join(lines[m.headRows():], "\n")
}

// TestSelectedFindingOnScreen selects each finding of the broken 204 at every pane height and
// after shrinking the pane, and checks that the rows it points at are what the raw view shows.
func TestSelectedFindingOnScreen(t *testing.T) {
	tests := []struct {
		id   string
		tab  Tab
		want []string // texts of the rows the finding points at, in order
	}{
		{"S9", TabRaw, []string{"11 extra bytes after the 204", `{"ok":true}`}},
		{"S2", TabRaw, []string{"Content-Length: 11"}},
		{"S2", TabHeaders, []string{"Content-Length: 11"}},
	}
	for _, tt := range tests {
		for h := 3; h <= 16; h++ {
			for _, from := range []int{0, 20} { // 0: selected at this height; 20: then shrunk to it
				m := newDone(t, broken204, broken204Findings(), 80, h, tt.tab)
				if from > 0 {
					m.SetSize(80, from)
				}
				for m.findings[m.sel].ID != tt.id {
					m, _, _ = m.Update(keyDown)
				}
				if from > 0 {
					m.SetSize(80, h)
				}
				checkShape(t, m.View(), 80, h)
				rows := viewRows(m)
				if !strings.Contains(plain(m), "▸") {
					t.Errorf("%s, height %d from %d: the selected finding is not drawn", tt.id, h, from)
				}
				shown := min(len(tt.want), m.paneHeight())
				if shown == 0 {
					t.Errorf("%s, height %d from %d: no rows of the view are on screen", tt.id, h, from)
				}
				for _, w := range tt.want[:shown] {
					if !strings.Contains(rows, w) {
						t.Errorf("%s on %v, height %d from %d: the view does not show %q:\n%s", tt.id, tt.tab, h, from, w, plain(m))
					}
				}
			}
		}
	}
}

// TestFindingLinesFit checks that a finding line fills the pane's width without being cut by
// the pane (which would put a second ellipsis after the message's own).
func TestFindingLinesFit(t *testing.T) {
	for w := 30; w <= 90; w++ {
		m := newDone(t, broken204, broken204Findings(), w, 12, TabRaw)
		for i := range m.findings {
			l := m.findingLine(i, "↓")
			if got := ansi.StringWidth(l); got != w {
				t.Errorf("width %d: finding %d is %d cells: %q", w, i, got, ansi.Strip(l))
			}
			if strings.Contains(ansi.Strip(l), "……") {
				t.Errorf("width %d: finding %d is cut twice: %q", w, i, ansi.Strip(l))
			}
		}
	}
}
