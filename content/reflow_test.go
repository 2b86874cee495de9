package content

import "testing"

func TestJoinListLines(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"bullet continued", "- one\n  two\n- three", "- one two\n- three"},
		{"lazy continuation", "* one\ntwo", "* one two"},
		{"numbered", "1. first\n   line\n2) second", "1. first line\n2) second"},
		{"paragraph untouched", "para\nline\n\n- a", "para\nline\n\n- a"},
		{"blank ends item", "- a\n\nb", "- a\n\nb"},
		{"fence inside item kept", "- a\n  ```go\n  x := 1\n  ```\n  b", "- a\n  ```go\n  x := 1\n  ```\n  b"},
		{"fence content untouched", "```\n- a\nb\n```", "```\n- a\nb\n```"},
		{"heading after item", "- a\n## H", "- a\n## H"},
		{"table after item", "- a\n| x |", "- a\n| x |"},
		{"number wrapped into bullet", "- for any\n  204. The bytes", "- for any 204. The bytes"},
		{"number wrapped into numbered", "1. code\n   204. More", "1. code 204. More"},
		{"sibling numbered item", "1. a\n2. b\n10. c", "1. a\n2. b\n10. c"},
		{"nested list starting at 1", "- a\n  1. b", "- a\n  1. b"},
		{"nested bullet", "- a\n  - b", "- a\n  - b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := joinListLines(tt.in); got != tt.want {
				t.Errorf("joinListLines(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
