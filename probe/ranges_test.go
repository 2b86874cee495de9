package probe

import "testing"

func TestBodyWireRanges(t *testing.T) {
	chunked := Parse([]byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4;e\r\ndefg\r\n0\r\n\r\nXY"), "GET")
	plain := Parse([]byte("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloXY"), "GET")
	tests := []struct {
		name       string
		ex         *Exchange
		start, end int64
		want       string // the wire bytes the ranges cover, joined
		n          int    // how many ranges
	}{
		{"plain whole", plain, 0, 5, "hello", 1},
		{"plain clipped", plain, 3, 99, "lo", 1},
		{"plain empty", plain, 4, 4, "", 0},
		{"chunked across chunks", chunked, 1, 6, "bcdef", 2},
		{"chunked inside one chunk", chunked, 4, 6, "ef", 1},
		{"chunked whole", chunked, 0, 7, "abcdefg", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ranges := tt.ex.BodyWireRanges(tt.start, tt.end)
			got := ""
			for _, r := range ranges {
				got += string(tt.ex.Wire[r[0]:r[1]])
			}
			if got != tt.want || len(ranges) != tt.n {
				t.Errorf("ranges %v cover %q, want %q in %d ranges", ranges, got, tt.want, tt.n)
			}
		})
	}
	for _, ex := range []*Exchange{chunked, plain} {
		r, ok := ex.ExtraWireRange(0, 10)
		if !ok || string(ex.Wire[r[0]:r[1]]) != "XY" {
			t.Errorf("extra range %v (%v)", r, ok)
		}
		if _, ok := ex.ExtraWireRange(2, 3); ok {
			t.Error("a range past the extra bytes is not empty")
		}
	}
	if (&Exchange{}).StatusCode() != 0 || plain.StatusCode() != 200 {
		t.Error("StatusCode")
	}
}
