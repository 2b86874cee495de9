package curl

import (
	"bytes"
	"strings"
	"testing"
)

// TestChunk: a body is framed as curl 7.88 frames it (a 100000-byte body went out as chunks of
// fff4 and 86ac bytes), and unchunk takes back only that framing.
func TestChunk(t *testing.T) {
	big := bytes.Repeat([]byte("a"), 100000)
	tests := []struct {
		name  string
		body  []byte
		sizes []string
	}{
		{"empty", nil, []string{"0"}},
		{"small", []byte("abc"), []string{"3", "0"}},
		{"100000 bytes", big, []string{"fff4", "86ac", "0"}},
	}
	for _, tt := range tests {
		enc := chunk(tt.body)
		var sizes []string
		for rest := string(enc); rest != ""; {
			line, after, _ := strings.Cut(rest, "\r\n")
			sizes = append(sizes, line)
			n := 0
			for _, c := range line {
				n = n*16 + strings.IndexRune("0123456789abcdef", c)
			}
			if n == 0 {
				if after != "\r\n" {
					t.Errorf("%s: after the last chunk %q", tt.name, after)
				}
				break
			}
			rest = after[n+2:]
		}
		if strings.Join(sizes, " ") != strings.Join(tt.sizes, " ") {
			t.Errorf("%s: chunks %q, want %q", tt.name, sizes, tt.sizes)
		}
		if got, ok := unchunk(enc); !ok || !bytes.Equal(got, tt.body) {
			t.Errorf("%s: unchunk gave %d bytes, %v", tt.name, len(got), ok)
		}
	}
	for _, bad := range []string{"", "3\r\nabc\r\n", "3\r\nabc\r\n0\r\nX: 1\r\n\r\n", "03\r\nabc\r\n0\r\n\r\n", "zz\r\n"} {
		if _, ok := unchunk([]byte(bad)); ok {
			t.Errorf("unchunk(%q) took it", bad)
		}
	}
}
