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
