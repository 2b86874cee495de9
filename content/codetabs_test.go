package content

import "testing"

func TestExpandCodeTabs(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no tabs", "a\n```go\nx\n```", "a\n```go\nx\n```"},
		{"leading tabs in code", "```go\n\t\treturn\n```", "```go\n        return\n```"},
		{"tab stop after text", "```\nab\tc\n```", "```\nab  c\n```"},
		{"tab outside code kept", "a\tb\n```\n\tx\n```", "a\tb\n```\n    x\n```"},
		{"tilde fence", "~~~\n\tx\n~~~\n\ty", "~~~\n    x\n~~~\n\ty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := expandCodeTabs(tt.in); got != tt.want {
				t.Errorf("expandCodeTabs(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
