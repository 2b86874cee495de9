package picker

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/internal/uitest"
	"github.com/hsx-dev/hsx/ui/theme"
)

// TestNote shows a note with a line longer than the box: it is wrapped whole, the box keeps its
// size, and a click on a list row still chooses that row.
func TestNote(t *testing.T) {
	long := "/very/long/path/" + strings.Repeat("d", 70) + "/history.json.damaged-20261124T204350Z"
	m := New(theme.New(true, false), "history", "History", codes())
	m.SetNote("! The history file could not be read. It was set aside as:", long)
	m.SetSize(60, 20)
	w, h := m.Size()
	if err := uitest.Shape(m.View(), w, h); err != nil {
		t.Fatalf("%v (the size is Size's):\n%s", err, ansi.Strip(m.View()))
	}
	lines := strings.Split(m.View(), "\n")
	var text strings.Builder
	for _, l := range lines {
		text.WriteString(strings.Trim(ansi.Strip(l), "│ "))
	}
	if !strings.Contains(text.String(), long) || strings.Contains(ansi.Strip(m.View()), "…") {
		t.Errorf("the path is not shown whole:\n%s", ansi.Strip(m.View()))
	}
	y := -1
	for i, l := range lines {
		if strings.Contains(ansi.Strip(l), codes()[2].Title) {
			y = i
		}
	}
	_, act := m.Update(tea.MouseClickMsg{X: 5, Y: y, Button: tea.MouseLeft})
	if got := chosen(t, act); got.Index != 2 {
		t.Errorf("click on row %d chose %d, want 2", y, got.Index)
	}
	m.SetNote()
	if _, h2 := m.Size(); h2 >= h || strings.Contains(ansi.Strip(m.View()), "set aside") {
		t.Errorf("the note is still there after SetNote():\n%s", ansi.Strip(m.View()))
	}
}
