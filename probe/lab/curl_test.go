package lab

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestCurlSeesExcessBytes asks curl, a client we did not write, whether the broken 204
// scenarios really send bytes after the header section. curl ignores them, but says so in
// verbose mode ("Excess found ... (zero-length body)").
func TestCurlSeesExcessBytes(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl not installed: ", err)
	}
	s := startLab(t)
	tests := []struct {
		path   string
		excess string // what curl reports, or "" when it must report nothing
	}{
		{"/204/body", "excess = 17"},
		{"/204/chunked", "excess = 5"},
		{"/204/close", "excess = 17"},
		{"/204/content-length", ""},
		{"/204", ""},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			var stderr bytes.Buffer
			cmd := exec.CommandContext(ctx, curl, "-sv", "--max-time", "3", s.URL()+tt.path)
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("curl: %v\n%s", err, stderr.String())
			}
			log := stderr.String()
			if !strings.Contains(log, "< HTTP/1.1 204 No Content") {
				t.Fatalf("curl did not see a 204:\n%s", log)
			}
			found := strings.Contains(log, "Excess found") || strings.Contains(log, "Leftovers after chunking")
			switch {
			case tt.excess == "" && found:
				t.Errorf("curl reports excess data for a scenario without any:\n%s", log)
			case tt.excess != "" && !strings.Contains(log, tt.excess):
				t.Errorf("curl does not report %q:\n%s", tt.excess, log)
			}
		})
	}
}
