package composer

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/theme"
)

func TestHeaderSummary(t *testing.T) {
	tests := []struct{ text, want string }{
		{"", "none"},
		{"\n  \n", "none"},
		{"A: b", "1 field"},
		{"A: b\nC: d\n", "2 fields"},
		{"Accept", "1 line without a colon"},
		{"A: b\nAccept\nOops", "1 field · 2 lines without a colon"},
	}
	for _, tt := range tests {
		if got := headerSummary(tt.text); got != tt.want {
			t.Errorf("headerSummary(%q) = %q, want %q", tt.text, got, tt.want)
		}
		m := New(theme.New(true, false))
		m.SetSize(90, 12)
		m.headers.SetValue(tt.text)
		if v := ansi.Strip(m.View()); !strings.Contains(v, tt.want) {
			t.Errorf("headers %q: the label lacks %q:\n%s", tt.text, tt.want, v)
		}
	}
}
