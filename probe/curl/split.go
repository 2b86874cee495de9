package curl

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Split splits a shell command line into words the way a POSIX shell (bash, zsh) would:
// whitespace separates words; single quotes keep everything literally; double quotes keep
// everything but backslash escapes of $ ` " \ and newline; $'…' strings decode C-style escapes
// (\n, \t, \xHH, \uHHHH, octal, …); a backslash outside quotes escapes the next character; and a
// backslash before a line break joins the lines. A # at the start of a word starts a comment.
//
// Newlines outside quotes separate words like spaces, so a pasted command that lost its
// continuation backslashes still reads as one command. Shell operators (| & ; < > ( )),
// variables ($NAME, ${…}), command substitution ($(…), `…`) and unterminated quotes are
// errors, because they would make the request differ from what the shell would send.
func Split(line string) ([]string, error) {
	var (
		words  []string
		cur    strings.Builder
		inWord bool
	)
	end := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			end()
			i++
		case c == '#' && !inWord:
			for i < len(line) && line[i] != '\n' && line[i] != '\r' {
				i++
			}
		case c == '\\':
			n := continuation(line[i+1:])
			switch {
			case n > 0:
				i += 1 + n
			case i+1 < len(line):
				_, size := utf8.DecodeRuneInString(line[i+1:])
				cur.WriteString(line[i+1 : i+1+size])
				inWord = true
				i += 1 + size
			default:
				return nil, fmt.Errorf("the command ends with a lone backslash")
			}
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated ' quote")
			}
			cur.WriteString(line[i+1 : i+1+j])
			inWord = true
			i += j + 2
		case c == '"':
			n, err := doubleQuoted(line[i+1:], &cur)
			if err != nil {
				return nil, err
			}
			inWord = true
			i += n + 1
		case c == '$' && i+1 < len(line) && line[i+1] == '\'':
			n, err := ansiC(line[i+2:], &cur)
			if err != nil {
				return nil, err
			}
			inWord = true
			i += n + 2
		case c == '$' && i+1 < len(line) && line[i+1] == '"':
			i++ // $"…" is a locale string; read it as "…"
		case c == '$' && i+1 < len(line) && isVarStart(line[i+1]):
			return nil, fmt.Errorf("shell expansion %s is not supported: paste the value itself", expansion(line[i:]))
		case c == '`':
			return nil, fmt.Errorf("command substitution with ` is not supported: paste the value itself")
		case strings.IndexByte("|&;<>()", c) >= 0:
			return nil, fmt.Errorf("shell operator %q is not supported: paste only the curl command", string(c))
		default:
			cur.WriteByte(c)
			inWord = true
			i++
		}
	}
	end()
	return words, nil
}

// continuation returns the length of a line break at the start of s ("\n", "\r\n" or a bare
// "\r", which is what many terminals send for a line break in a bracketed paste), or 0.
func continuation(s string) int {
	switch {
	case strings.HasPrefix(s, "\n"):
		return 1
	case strings.HasPrefix(s, "\r\n"):
		return 2
	case strings.HasPrefix(s, "\r"):
		return 1
	}
	return 0
}

// isVarStart reports whether c after a $ starts an expansion.
func isVarStart(c byte) bool {
	return c == '{' || c == '(' || c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') ||
		('0' <= c && c <= '9') || strings.IndexByte("@*#?-$!", c) >= 0
}

// expansion returns the expansion at the start of s for an error message, e.g. "$TOKEN".
func expansion(s string) string {
	n := 2
	for n < len(s) && n < 40 {
		c := s[n]
		if !(c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')) {
			break
		}
		n++
	}
	return s[:n]
}

// doubleQuoted reads the inside of a "…" string from s into b and returns how many bytes of s
// it used, closing quote included.
func doubleQuoted(s string, b *strings.Builder) (int, error) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			return i + 1, nil
		case c == '\\' && i+1 < len(s):
			if n := continuation(s[i+1:]); n > 0 {
				i += 1 + n
				continue
			}
			if strings.IndexByte("$`\"\\", s[i+1]) >= 0 {
				b.WriteByte(s[i+1])
			} else {
				b.WriteByte('\\')
				b.WriteByte(s[i+1])
			}
			i += 2
		case c == '$' && i+1 < len(s) && isVarStart(s[i+1]):
			return 0, fmt.Errorf("shell expansion %s is not supported: paste the value itself", expansion(s[i:]))
		case c == '`':
			return 0, fmt.Errorf("command substitution with ` is not supported: paste the value itself")
		default:
			b.WriteByte(c)
			i++
		}
	}
	return 0, fmt.Errorf("unterminated \" quote")
}

// ansiC reads the inside of a $'…' string from s into b, decoding its escapes, and returns how
// many bytes of s it used, closing quote included.
func ansiC(s string, b *strings.Builder) (int, error) {
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\'' {
			return i + 1, nil
		}
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			i++
			continue
		}
		e := s[i+1]
		i += 2
		switch e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'e', 'E':
			b.WriteByte(0x1b)
		case '\\', '\'', '"', '?':
			b.WriteByte(e)
		case 'c':
			if i < len(s) {
				b.WriteByte(s[i] & 0x1f)
				i++
			}
		case 'x':
			n := hexRun(s[i:], 2)
			if n == 0 {
				b.WriteString(`\x`)
				continue
			}
			v, _ := strconv.ParseUint(s[i:i+n], 16, 8)
			b.WriteByte(byte(v))
			i += n
		case 'u', 'U':
			max := 4
			if e == 'U' {
				max = 8
			}
			n := hexRun(s[i:], max)
			if n == 0 {
				b.WriteByte('\\')
				b.WriteByte(e)
				continue
			}
			v, _ := strconv.ParseUint(s[i:i+n], 16, 32)
			b.WriteRune(rune(v))
			i += n
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i - 1
			for j < len(s) && j < i+2 && '0' <= s[j] && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i-1:j], 8, 16)
			b.WriteByte(byte(v))
			i = j
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return 0, fmt.Errorf("unterminated $' quote")
}

// hexRun returns how many hex digits, at most max, start s.
func hexRun(s string, max int) int {
	n := 0
	for n < len(s) && n < max && isHexDigit(s[n]) {
		n++
	}
	return n
}

func isHexDigit(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}
