package probe

import "testing"

func TestFoldASCII(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		equal bool
		lower string // LowerASCII(a)
	}{
		{"Content-Length", "content-length", true, "content-length"},
		{"GZIP", "gzip", true, "gzip"},
		{"Tranſfer-Encoding", "transfer-encoding", false, "tranſfer-encoding"},
		{"\u212Aeep-Alive", "keep-alive", false, "\u212Aeep-alive"},
		{"x", "xy", false, "x"},
		{"", "", true, ""},
		{"Ä", "ä", false, "Ä"},
	} {
		if got := EqualFold(c.a, c.b); got != c.equal {
			t.Errorf("EqualFold(%q, %q) = %v, want %v", c.a, c.b, got, c.equal)
		}
		if got := LowerASCII(c.a); got != c.lower {
			t.Errorf("LowerASCII(%q) = %q, want %q", c.a, got, c.lower)
		}
	}
}
