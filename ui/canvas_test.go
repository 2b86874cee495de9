package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestCanvas(t *testing.T) {
	red := func(s string) string { return "\x1b[31m" + s + "\x1b[m" }
	c := newCanvas(12, 4)
	c.put(0, 0, []string{red("left"), "left"})   // rows 0-1, columns 0-3
	c.put(6, 0, []string{"right!", "right!!!!"}) // a gap of two, and a line cut at the edge
	c.put(2, 0, []string{"late"})                // overlaps what row 0 holds: dropped
	c.put(0, 3, []string{"漢字 wide"})
	c.overlay(3, 1, []string{red("[ov]"), "[o漢]"}) // over row 1 and, with a wide character, row 2
	c.overlay(10, 3, []string{"xyz"})              // cut at the right edge
	got := strings.Split(c.String(), "\n")
	want := []string{
		"left  right!",
		"lef[ov]ight!",
		"   [o漢]    ",
		"漢字 wide xy",
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if p := ansi.Strip(got[i]); p != want[i] {
			t.Errorf("row %d = %q, want %q", i, p, want[i])
		}
		if w := ansi.StringWidth(got[i]); w != 12 {
			t.Errorf("row %d is %d cells wide, want 12", i, w)
		}
	}
	if !strings.Contains(got[1], "\x1b[m[ov]") && !strings.Contains(got[1], "\x1b[m\x1b[31m[ov]") {
		t.Errorf("the overlay is not set off from the base's styles: %q", got[1])
	}
}
