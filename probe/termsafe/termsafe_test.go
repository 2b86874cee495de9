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
