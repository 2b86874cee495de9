package cells

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestNarrowIsOneCell checks every rune of the narrow set against ansi.StringWidth, alone and
// between letters, so that Width can never disagree with the exact measure.
func TestNarrowIsOneCell(t *testing.T) {
	for r := rune(0); r <= 0x2fff; r++ {
		if !Narrow(r) {
			continue
		}
		s := string(r)
		if w := ansi.StringWidth(s); w != 1 {
			t.Errorf("U+%04X %q: ansi.StringWidth = %d, but Narrow says one cell", r, s, w)
		}
		if w := ansi.StringWidth("a" + s + "b"); w != 3 {
			t.Errorf("U+%04X %q between letters: ansi.StringWidth = %d, want 3", r, s, w)
		}
	}
}

func TestWidth(t *testing.T) {
	tests := []string{
		"",
		"plain ascii",
		"\x1b[1;38;5;160m✗ error\x1b[0m  S9 · RFC 9110 §15.3.5",
		"│ ╭─ Request ──╮ ␍␊ ▸ ┃ ⠋ … → ✓",
		"wide: 漢字 and emoji 🎉 and flags 🇫🇷",
		"combining: e\u0301 and ZWJ 👩\u200d💻 and VS16 ✔\ufe0f",
		"\x1b]8;;https://example.test\x07link\x1b]8;;\x07",
		"control \x07 bell and tab\t",
		"\x1b[", // an unfinished sequence
		"soft\u00adhyphen",
		strings.Repeat("─", 200),
	}
	for _, s := range tests {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		s    string
		w    int
		want string
	}{
		{"abc", 5, "abc  "},
		{"abcdef", 4, "abc…"},
		{"\x1b[1mab\x1b[0m", 3, "ab "},
		{"漢字漢字", 5, "漢字…"},
		{"anything", 0, ""},
	}
	for _, tt := range tests {
		got := Fit(tt.s, tt.w, "…")
		if ansi.Strip(got) != tt.want || ansi.StringWidth(got) != max(tt.w, 0) {
			t.Errorf("Fit(%q, %d) = %q, want %q", tt.s, tt.w, ansi.Strip(got), tt.want)
		}
	}
}
