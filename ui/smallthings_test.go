package ui

import (
	"strings"
	"testing"
)

func TestShortExplainerSaysHowToRead(t *testing.T) {
	t.Parallel()
	labURL := startLab(t)
	tests := []struct {
		name string
		w, h int
		keys []string // after sending
		want string   // "" for no hint
	}{
		{"80x24, response focused", 80, 24, nil, "╰─ tab: read here, with more room"},
		{"80x24, composer focused", 80, 24, []string{"shift+tab"}, "╰─ shift+tab: read here, with more room"},
		{"80x24, explainer focused", 80, 24, []string{"tab"}, ""},
		{"80x24, zoomed", 80, 24, []string{"f6"}, ""},
		{"160x45, side by side", 160, 45, nil, ""},
		{"100x50, tall enough", 100, 50, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, Options{LabURL: labURL}, tt.w, tt.h)
			d.sendRequest()
			d.press(tt.keys...)
			s := d.screen()
			if tt.want != "" && !strings.Contains(s, tt.want) {
				t.Errorf("no %q:\n%s", tt.want, s)
			}
			if tt.want == "" && strings.Contains(s, "read here, with more room") {
				t.Errorf("a hint where none is needed:\n%s", s)
			}
		})
	}
}

func TestLabPickerShowsEveryRuleTag(t *testing.T) {
	t.Parallel()
	for _, w := range []int{100, 120, 160} {
		d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, w, 60)
		d.press("ctrl+l")
		s := d.screen()
		rows := 0
		for _, l := range strings.Split(s, "\n") {
			if !strings.Contains(l, "/204/body") || !strings.Contains(l, "DELETE") && !strings.Contains(l, "GET") {
				continue
			}
			rows++
			if !strings.Contains(l, "[J2 S2 S9]") {
				t.Errorf("%d columns: the row of /204/body lacks its whole rule tags:\n%s", w, l)
			}
			// The path column is as wide as the longest method and path, not half the box.
			if gap := strings.Index(l, "/204/body") + len("/204/body"); strings.Count(l[gap:gap+40], " ") > 30 {
				t.Errorf("%d columns: a wide gap after the path:\n%s", w, l)
			}
		}
		if rows == 0 {
			t.Errorf("%d columns: no row for /204/body:\n%s", w, s)
		}
	}
}
