package termsafe

import (
	"slices"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct {
		name string
		in   string
		mode Mode
		want string
	}{
		{"plain", "hello, world", Line, "hello, world"},
		{"utf8 kept", "café – ✓", Line, "café – ✓"},
		{"csi clear screen", "\x1b[2J\x1b[H", Line, `\x1b[2J\x1b[H`},
		{"osc 52 clipboard", "\x1b]52;c;aGk=\x07", Line, `\x1b]52;c;aGk=\x07`},
		{"osc 8 hyperlink st", "\x1b]8;;http://x\x1b\\y", Line, `\x1b]8;;http://x\x1b\y`},
		{"c1 csi", "a\u009b31mb", Line, `a\u009b31mb`},
		{"del", "a\x7fb", Line, `a\x7fb`},
		{"nul and bell", "\x00\x07", Line, `\x00\x07`},
		{"invalid utf8", "a\xffb", Line, `a\xffb`},
		{"newline in line mode", "a\r\nb\tc", Line, `a\r\nb\tc`},
		{"newline in text mode", "a\nb\tc", Text, "a\nb\tc"},
		{"cr in text mode", "a\r\nb", Text, "a\\r\nb"},
		{"esc in text mode", "x\x1b[31my\n", Text, "x\\x1b[31my\n"},
		{"bidi override", "\u202egnp.exe", Line, `\u202egnp.exe`},
		{"bidi embeddings and isolates", "a\u202ab\u202bc\u202cd\u202de\u2066f\u2067g\u2068h\u2069", Line,
			`a\u202ab\u202bc\u202cd\u202de\u2066f\u2067g\u2068h\u2069`},
		{"zero width", "ad\u200bmin\u200c\u200d\u200e\u200f\u2060\ufeff", Line,
			`ad\u200bmin\u200c\u200d\u200e\u200f\u2060\ufeff`},
		{"other format characters", "\u00ad\u061c\u2064\U000e0041", Line, `\u00ad\u061c\u2064\U000e0041`},
		{"line separators", "a\u2028b\u2029", Line, `a\u2028b\u2029`},
		{"bidi in text mode", "name: \u202eexe.txt\n", Text, "name: \\u202eexe.txt\n"},
		{"visible neighbours kept", "\u00ac\u00ae\u2027\u202f\u206a\u2070", Line, "\u00ac\u00ae\u2027\u202f\\u206a\u2070"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := String(tt.in, tt.mode)
			if got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if Safe(tt.in, tt.mode) != (got == tt.in) {
				t.Errorf("Safe(%q) = %v, disagrees with String", tt.in, Safe(tt.in, tt.mode))
			}
			var joined strings.Builder
			for run, safe := range Runs(tt.in, tt.mode) {
				if !safe {
					run = String(run, tt.mode)
				}
				joined.WriteString(run)
			}
			if joined.String() != got {
				t.Errorf("Runs(%q) escaped = %q, want String's %q", tt.in, joined.String(), got)
			}
			for i := 0; i < len(got); i++ {
				c := got[i]
				if c == 0x1b || c == 0x7f || (c < 0x20 && !(tt.mode == Text && (c == '\n' || c == '\t'))) {
					t.Fatalf("output %q still holds control byte %#x", got, c)
				}
			}
			if HasInvisible(got) {
				t.Fatalf("output %q still holds an invisible character", got)
			}
		})
	}
}

func TestRuns(t *testing.T) {
	type run struct {
		text string
		safe bool
	}
	tests := []struct {
		in   string
		mode Mode
		want []run
	}{
		{"", Line, nil},
		{"plain", Line, []run{{"plain", true}}},
		{"\x1b[2J", Line, []run{{"\x1b", false}, {"[2J", true}}},
		{"a\x1b\x07b", Line, []run{{"a", true}, {"\x1b\x07", false}, {"b", true}}},
		{"é\u009b\xffx", Line, []run{{"é", true}, {"\u009b\xff", false}, {"x", true}}},
		{"a\tb\n", Line, []run{{"a", true}, {"\t", false}, {"b", true}, {"\n", false}}},
		{"a\tb\n", Text, []run{{"a\tb\n", true}}},
		{"a\r\n", Text, []run{{"a", true}, {"\r", false}, {"\n", true}}},
		{"x\u202egnp\u200b", Text, []run{{"x", true}, {"\u202e", false}, {"gnp", true}, {"\u200b", false}}},
	}
	for _, tt := range tests {
		var got []run
		for text, safe := range Runs(tt.in, tt.mode) {
			got = append(got, run{text, safe})
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Runs(%q, %d) = %+v, want %+v", tt.in, tt.mode, got, tt.want)
		}
	}
}

func TestExpandTabs(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"no tabs", 4, "no tabs"},
		{"\tx", 4, "    x"},
		{"a\tb", 4, "a   b"},
		{"abcd\te", 4, "abcd    e"},
		{"ab\t\tc", 4, "ab      c"},
		{"a\tb", 8, "a       b"},
		{"é\tx", 4, "é   x"},       // a character is one column, whatever its bytes
		{"\xff\tx", 4, "\xff   x"}, // an invalid byte is kept, for String to show
		{"\u009b\tx", 4, "\u009b   x"},
		{"a\tb", 0, "a b"}, // no width is one column
	}
	for _, tt := range tests {
		if got := ExpandTabs(tt.in, tt.width); got != tt.want {
			t.Errorf("ExpandTabs(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestInvisible(t *testing.T) {
	for _, r := range []rune{0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
		0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0xfeff, 0x00ad, 0x2028, 0x2029, 0xe0001} {
		if !Invisible(r) {
			t.Errorf("Invisible(%U) = false", r)
		}
	}
	for _, r := range []rune{'a', ' ', 0xa0, 0xac, 0x2027, 0x202f, 0x2070, 0x1f600, 0xfffd} {
		if Invisible(r) {
			t.Errorf("Invisible(%U) = true", r)
		}
	}
	if !HasInvisible("ok\u2066") || HasInvisible("café") {
		t.Error("HasInvisible disagrees with Invisible")
	}
}

// FuzzString checks that whatever the input, String leaves no control character (but tab and
// newline in Text mode) and no invisible character, that Safe agrees with it, and that Runs
// cuts the input into pieces that String escapes to the same text.
func FuzzString(f *testing.F) {
	for _, seed := range []string{"plain", "\x1b[2J", "a\u202eb\u200b", "\xff\u009b", "tab\tnl\n", "\U000e0041x\u2028"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range []Mode{Line, Text} {
			got := String(s, m)
			for _, r := range got {
				if (r < 0x20 && !(m == Text && (r == '\t' || r == '\n'))) || r == 0x7f || (r >= 0x80 && r < 0xa0) || Invisible(r) {
					t.Fatalf("String(%q, %d) = %q holds %U", s, m, got, r)
				}
			}
			if Safe(s, m) != (got == s) {
				t.Fatalf("Safe(%q, %d) disagrees with String", s, m)
			}
			var joined strings.Builder
			for run, safe := range Runs(s, m) {
				if !safe {
					run = String(run, m)
				}
				joined.WriteString(run)
			}
			if joined.String() != got {
				t.Fatalf("Runs(%q, %d) escaped = %q, want %q", s, m, joined.String(), got)
			}
		}
	})
}
