package main

import (
	"strings"
	"testing"
)

// TestCheckRedirectLimit: with -L, a chain that never ends stops at the limit and says so on
// standard error; a chain that ends says nothing.
func TestCheckRedirectLimit(t *testing.T) {
	loop := rawServer(t, "HTTP/1.1 302 Found\r\nDate: Tue, 24 Nov 2026 19:00:00 GMT\r\n"+
		"Location: /loop\r\nContent-Length: 0\r\n\r\n")
	tests := []struct {
		name     string
		args     []string
		wantNote bool
	}{
		{"-L through a loop", []string{"check", "-L", loop + "/loop"}, true},
		{"without -L", []string{"check", loop + "/loop"}, false},
		{"-L to the end", []string{"check", "-L", rawServer(t, "HTTP/1.1 200 OK\r\nDate: Tue, 24 Nov 2026 19:00:00 GMT\r\n"+
			"Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runArgs(t, tt.args...)
			if r.code != exitOK {
				t.Fatalf("exit %d, want %d; stderr %q", r.code, exitOK, r.errs)
			}
			got := strings.Contains(r.errs, "stopped after 10 redirects") && strings.Contains(r.errs, `"/loop"`)
			if got != tt.wantNote {
				t.Errorf("stderr %q: note %v, want %v", r.errs, got, tt.wantNote)
			}
		})
	}
}
