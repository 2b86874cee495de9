package results

import (
	"slices"
	"testing"
)

func TestAppendEscaped(t *testing.T) {
	tests := []struct {
		in   string
		k    kind
		want []span
	}{
		{"", kPlain, nil},
		{"plain text", kString, []span{{"plain text", kString}}},
		{"\x1b[2Jx", kPlain, []span{{`\x1b`, kEscape}, {"[2Jx", kPlain}}},
		{"a\x1b\x07b", kKey, []span{{"a", kKey}, {`\x1b\x07`, kEscape}, {"b", kKey}}},
		{"a\tb\r", kPlain, []span{{"a", kPlain}, {`\t`, kEscape}, {"b", kPlain}, {`\r`, kEscape}}},
		{"é\u009b\xff", kNumber, []span{{"é", kNumber}, {`\u009b\xff`, kEscape}}},
		{"x\x00", kErr, []span{{"x", kErr}, {`\x00`, kErr}}}, // inside a highlight, the escape keeps it
	}
	for _, tt := range tests {
		got := appendEscaped(nil, tt.in, tt.k)
		if !slices.Equal(got, tt.want) {
			t.Errorf("appendEscaped(%q, %d) = %q, want %q", tt.in, tt.k, got, tt.want)
		}
	}
	if got := appendEscaped([]span{{"kept", kPlain}}, "", kString); len(got) != 1 {
		t.Errorf("appending nothing: %q", got)
	}
}
