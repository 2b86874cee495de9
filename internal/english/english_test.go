package english

import "testing"

func TestPlural(t *testing.T) {
	tests := []struct {
		n    int64
		noun string
		want string
	}{
		{0, "byte", "0 bytes"},
		{1, "byte", "1 byte"},
		{2, "chunk", "2 chunks"},
		{-1, "byte", "-1 bytes"},
		{1 << 40, "byte", "1099511627776 bytes"},
		{1, "more byte", "1 more byte"},
	}
	for _, tt := range tests {
		if got := Plural(tt.n, tt.noun); got != tt.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
		}
		if tt.n == int64(int(tt.n)) {
			if got := Plural(int(tt.n), tt.noun); got != tt.want {
				t.Errorf("Plural(int %d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
			}
		}
	}
}
