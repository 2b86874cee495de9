// Package jsonlex cuts a line of JSON into tokens for syntax colouring: white space, the
// structural characters, strings (an object member's name apart from other strings), numbers,
// the literals true, false and null, and any other word. It does not validate: a line of a
// document cut short, or one that is not JSON at all, still cuts into tokens, so that colouring
// shows what is there. The response pane's body view and the document renderer's samples both
// colour JSON through it.
package jsonlex

import (
	"iter"
	"strings"
)

// Kind is what a token is.
type Kind uint8

// The kinds of token.
const (
	// Space is a run of white space: spaces, tabs, carriage returns, line feeds.
	Space Kind = iota
	// Punct is one structural character: { } [ ] , or :.
	Punct
	// Name is a string that a colon follows (white space between them allowed): an object
	// member's name.
	Name
	// String is any other string, its quotes included. A backslash escapes the byte after it;
	// a string left open runs to the end of the line.
	String
	// Number is a word that starts as a number does, with a minus sign or a digit.
	Number
	// Literal is one of the words true, false and null.
	Literal
	// Other is any other word: the bytes up to the next white space, structural character or
	// quote.
	Other
)

// Token is one token of a line: its kind and its text, a part of the line.
type Token struct {
	Kind Kind
	Text string
}

// Tokens yields the tokens of line in order; their texts together make up the whole line.
func Tokens(line string) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		for i := 0; i < len(line); {
			k, end := next(line, i)
			if !yield(Token{k, line[i:end]}) {
				return
			}
			i = end
		}
	}
}

// next returns the kind of the token that starts at line[i] and where it ends.
func next(line string, i int) (Kind, int) {
	switch c := line[i]; {
	case isSpace(c):
		j := i + 1
		for j < len(line) && isSpace(line[j]) {
			j++
		}
		return Space, j
	case isPunct(c):
		return Punct, i + 1
	case c == '"':
		j := stringEnd(line, i)
		if strings.HasPrefix(strings.TrimLeft(line[j:], " \t\r\n"), ":") {
			return Name, j
		}
		return String, j
	default:
		j := i + 1
		for j < len(line) && !isSpace(line[j]) && !isPunct(line[j]) && line[j] != '"' {
			j++
		}
		switch w := line[i:j]; {
		case w == "true" || w == "false" || w == "null":
			return Literal, j
		case c == '-' || (c >= '0' && c <= '9'):
			return Number, j
		}
		return Other, j
	}
}

// stringEnd returns the offset just past the string that starts at s[i] (a quote), or len(s)
// when it is not closed on this line.
func stringEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(s)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isPunct(c byte) bool { return strings.IndexByte("{}[],:", c) >= 0 }
