package results

import (
	"strconv"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

func TestBodyHeadingAndCut(t *testing.T) {
	response := func(ctype, body string) string {
		return "HTTP/1.1 200 OK\r\nContent-Type: " + ctype + "\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	}
	big := strings.Repeat("abcdefghij\n", probe.DefaultBodyLimit/11+20000)
	tests := []struct {
		name    string
		stream  string
		heading string // the summary line's text, which must start where a text body's does
		want    []string
		not     []string
	}{
		{"text", response("text/plain", "hello\n"), "text/plain · 6 bytes", nil, []string{"cut"}},
		{"binary, in hex", response("application/octet-stream", "\x00\x01\x02\xff"), "application/octet-stream · 4 bytes", []string{"00000000"}, nil},
		{"beyond what is kept", response("text/plain", big), "text/plain · 1.2 MiB · cut: the first 1.0 MiB kept",
			[]string{"── cut: hsx keeps the first 1.0 MiB of a body; 214.8 KiB more arrived ──"}, nil},
	}
	const textColumn = 4 // pointer, mark, spaces: where the rows of a view without a gutter start
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newDone(t, tt.stream, nil, 100, 30, TabBody)
			m.scroll(m.views[TabBody].count()) // to the end, where a cut is said
			end := plain(m)
			m.scroll(-m.views[TabBody].count())
			s := plain(m)
			line := lastLineWith(s, tt.heading)
			if line == "" {
				t.Fatalf("no heading %q:\n%s", tt.heading, s)
			}
			if col := strings.Index(line, tt.heading); col != textColumn {
				t.Errorf("heading at column %d, want %d:\n%s", col, textColumn, s)
			}
			for _, w := range tt.want {
				if !strings.Contains(s+end, w) {
					t.Errorf("lacks %q:\n%s\n%s", w, s, end)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(s+end, n) {
					t.Errorf("shows %q:\n%s", n, s)
				}
			}
		})
	}
}
