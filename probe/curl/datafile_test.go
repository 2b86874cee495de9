package curl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDataFileLimit(t *testing.T) {
	dir := t.TempDir()
	atLimit := filepath.Join(dir, "at-limit")
	over := filepath.Join(dir, "over")
	if err := os.WriteFile(atLimit, make([]byte, MaxDataFile), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(over, make([]byte, MaxDataFile+1), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		wantErr    string // "" for success
	}{
		{"exactly the limit", atLimit, ""},
		{"one byte over", over, "file larger than 64 MiB"},
		{"endless device", "/dev/zero", "file larger than 64 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := os.Stat(tt.file); err != nil {
				t.Skipf("%s not available here: %v", tt.file, err)
			}
			cmd, err := Parse([]string{"-d", "@" + tt.file, "http://h/"})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if got := len(cmd.Request.Body); got != MaxDataFile {
					t.Fatalf("body is %d bytes, want %d", got, MaxDataFile)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Parse error = %v, want one containing %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
		})
	}
}
