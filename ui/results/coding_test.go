package results

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe/check"
)

// TestBodyViewCoding: the body view shows coded content decoded, says what the coding was and
// how large each side is, and shows the coded bytes when they do not decode or are left coded.
func TestBodyViewCoding(t *testing.T) {
	content := `{"items":[` + strings.Repeat(`{"name":"hsx"},`, 800) + `{"last":true}]}`
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, _ = w.Write([]byte(content))
	_ = w.Close()
	tests := []struct {
		name, coding, body string
		want, wantNot      []string
	}{
		{"gzip JSON", "gzip", gz.String(),
			[]string{fmt.Sprintf("gzip · %d bytes on the wire → 11.7 KiB · application/json · pretty-printed", gz.Len()),
				`"name": "hsx"`},
			[]string{"binary", "1f 8b"}},
		{"gzip cut short", "gzip", gz.String()[:40],
			[]string{"gzip · does not decode at byte 40 of 40 bytes: gzip: the coded data ends early (truncated) · coded bytes shown",
				"1f 8b 08"},
			[]string{`"name"`}},
		{"a coding hsx does not know", "compress", "\x1f\x9d\x90abc",
			[]string{"compress · left coded: no decoder for the coding compress · coded bytes shown", "1f 9d 90"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stream := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: %s\r\n"+
				"Content-Length: %d\r\n\r\n%s", tt.coding, len(tt.body), tt.body)
			text := plain(newDone(t, stream, nil, 140, 20, TabBody))
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("body view lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(text, w) {
					t.Errorf("body view has %q:\n%s", w, text)
				}
			}
		})
	}
}

// TestRawMarksDecodedFinding: a finding on the decoded content marks the whole coded body on
// the wire, since every coded byte went into it.
func TestRawMarksDecodedFinding(t *testing.T) {
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, _ = w.Write([]byte(`{"a": 1,}`))
	_ = w.Close()
	head := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n", gz.Len())
	ex := parse(t, head+gz.String(), "GET")
	fs := []check.Finding{{ID: "J1", Severity: check.Warning, At: check.Location{Where: check.AtContent, Start: 8, End: 9}}}
	got := findingRanges(ex, fs)
	want := []markRange{{int64(len(head)), int64(len(head) + gz.Len()), check.Warning, 0, true}}
	if len(got) != 1 || got[0] != want[0] {
		t.Errorf("ranges %+v, want %+v", got, want)
	}
}
