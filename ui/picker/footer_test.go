package picker

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/theme"
)

func TestFooterFitsAShortList(t *testing.T) {
	tests := []struct {
		name  string
		items []Item
	}{
		{"short titles", []Item{{Title: "200 OK", Detail: "2xx"}, {Title: "404 Not Found", Detail: "4xx"}}},
		{"one item", []Item{{Title: "x"}}},
		{"long titles", []Item{{Title: strings.Repeat("t", 60), Detail: "d"}}},
	}
	for _, tt := range tests {
		m := New(theme.New(true, false), "x", "Related", tt.items)
		m.SetSize(100, 20)
		if v := ansi.Strip(m.View()); !strings.Contains(v, "esc close") {
			t.Errorf("%s: the footer is cut:\n%s", tt.name, v)
		}
	}
}
