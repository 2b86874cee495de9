package jsonlex

import (
	"slices"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		line string
		want []Token
	}{
		{``, nil},
		{`  "id": 7,`, []Token{{Space, "  "}, {Name, `"id"`}, {Punct, ":"}, {Space, " "}, {Number, "7"}, {Punct, ","}}},
		{`{"a" : "b"}`, []Token{{Punct, "{"}, {Name, `"a"`}, {Space, " "}, {Punct, ":"}, {Space, " "}, {String, `"b"`}, {Punct, "}"}}},
		{"\"a\"\t:1", []Token{{Name, `"a"`}, {Space, "\t"}, {Punct, ":"}, {Number, "1"}}},
		{`[true,false,null]`, []Token{{Punct, "["}, {Literal, "true"}, {Punct, ","}, {Literal, "false"}, {Punct, ","}, {Literal, "null"}, {Punct, "]"}}},
		{`-1.5e+3 0x1f`, []Token{{Number, "-1.5e+3"}, {Space, " "}, {Number, "0x1f"}}},
		{`truex nope …`, []Token{{Other, "truex"}, {Space, " "}, {Other, "nope"}, {Space, " "}, {Other, "…"}}},
		{`"say \"hi\": x"`, []Token{{String, `"say \"hi\": x"`}}},
		{`"open: to the end`, []Token{{String, `"open: to the end`}}},
		{`"ends in \`, []Token{{String, `"ends in \`}}},
		{`x"y"`, []Token{{Other, "x"}, {String, `"y"`}}},
		{"\x1b[2J", []Token{{Other, "\x1b"}, {Punct, "["}, {Number, "2J"}}},
	}
	for _, tt := range tests {
		got := slices.Collect(Tokens(tt.line))
		if !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestTokensCoverTheLine checks that the tokens of any line, JSON or not, make up the line.
func TestTokensCoverTheLine(t *testing.T) {
	parts := []string{"{", "}", "[", "]", ",", ":", " ", "\t", `"`, `\`, "a", "1", "-", "true", "é", "\xff", "\x00"}
	for i := range 20000 {
		var b strings.Builder
		for n := i; n > 0; n /= len(parts) {
			b.WriteString(parts[n%len(parts)])
		}
		line := b.String()
		var joined strings.Builder
		for tok := range Tokens(line) {
			if tok.Text == "" {
				t.Fatalf("Tokens(%q): an empty %d token", line, tok.Kind)
			}
			joined.WriteString(tok.Text)
		}
		if joined.String() != line {
			t.Fatalf("Tokens(%q) make up %q", line, joined.String())
		}
	}
}
