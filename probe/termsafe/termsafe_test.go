package termsafe

import "testing"

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
			for i := 0; i < len(got); i++ {
				c := got[i]
				if c == 0x1b || c == 0x7f || (c < 0x20 && !(tt.mode == Text && (c == '\n' || c == '\t'))) {
					t.Fatalf("output %q still holds control byte %#x", got, c)
				}
			}
		})
	}
}
