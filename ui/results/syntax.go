package results

import (
	"strings"

	"github.com/hsx-dev/hsx/internal/jsonlex"
)

// colorJSON splits one line of pretty-printed JSON into colored spans: object keys, strings,
// numbers, literals and punctuation. Any other word is colored as a number.
func colorJSON(line string) []span {
	spans := make([]span, 0, 8)
	for tok := range jsonlex.Tokens(line) {
		switch tok.Kind {
		case jsonlex.Punct:
			spans = append(spans, span{tok.Text, kPunct})
		case jsonlex.Space:
			spans = appendEscaped(spans, tok.Text, kPlain)
		case jsonlex.Name:
			spans = appendEscaped(spans, tok.Text, kKey)
		case jsonlex.String:
			spans = appendEscaped(spans, tok.Text, kString)
		case jsonlex.Literal:
			spans = appendEscaped(spans, tok.Text, kLiteral)
		default:
			spans = appendEscaped(spans, tok.Text, kNumber)
		}
	}
	return spans
}

// colorMarkup splits one line of HTML or XML into colored spans: tags, attribute names and
// values, comments and text. Each line is colored on its own, so a tag that spans lines is
// colored from its first line only.
func colorMarkup(line string) []span {
	var spans []span
	for i := 0; i < len(line); {
		if strings.HasPrefix(line[i:], "<!--") {
			j := strings.Index(line[i+4:], "-->")
			end := len(line)
			if j >= 0 {
				end = i + 4 + j + 3
			}
			spans = appendEscaped(spans, line[i:end], kComment)
			i = end
			continue
		}
		if line[i] != '<' {
			j := strings.IndexByte(line[i:], '<')
			end := len(line)
			if j >= 0 {
				end = i + j
			}
			spans = appendEscaped(spans, line[i:end], kPlain)
			i = end
			continue
		}
		i = colorTag(line, i, &spans)
	}
	return spans
}

// colorTag colors the tag that starts at line[i] ('<') and returns the offset after it.
func colorTag(line string, i int, spans *[]span) int {
	j := i + 1
	if j < len(line) && (line[j] == '/' || line[j] == '!' || line[j] == '?') {
		j++
	}
	*spans = append(*spans, span{line[i:j], kPunct})
	k := kTag
	if line[j-1] == '!' || line[j-1] == '?' {
		k = kComment
	}
	i = j
	for j < len(line) && !isTagStop(line[j]) {
		j++
	}
	*spans = appendEscaped(*spans, line[i:j], k)
	for i = j; i < len(line); {
		c := line[i]
		switch {
		case c == '>':
			*spans = append(*spans, span{">", kPunct})
			return i + 1
		case c == '/' || c == '=' || c == '?':
			*spans = append(*spans, span{line[i : i+1], kPunct})
			i++
		case c == '"' || c == '\'':
			end := strings.IndexByte(line[i+1:], c)
			e := len(line)
			if end >= 0 {
				e = i + 1 + end + 1
			}
			*spans = appendEscaped(*spans, line[i:e], kString)
			i = e
		case c == ' ' || c == '\t':
			*spans = append(*spans, span{line[i : i+1], kPlain})
			i++
		default:
			j := i
			for j < len(line) && !isTagStop(line[j]) && line[j] != '=' {
				j++
			}
			if j == i {
				j++
			}
			*spans = appendEscaped(*spans, line[i:j], kKey)
			i = j
		}
	}
	return i
}

func isTagStop(c byte) bool { return c == ' ' || c == '\t' || c == '>' || c == '/' }

// indentJSON pretty-prints JSON with two-space indentation without validating it, so that a
// body cut short by the capture limit is still readable. Strings are copied as they are.
func indentJSON(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + len(data)/2)
	depth := 0
	newline := func() {
		b.WriteByte('\n')
		for range depth {
			b.WriteString("  ")
		}
	}
	// nextSignificant returns the next byte after i that is not whitespace, or 0.
	nextSignificant := func(i int) byte {
		for j := i + 1; j < len(data); j++ {
			switch data[j] {
			case ' ', '\t', '\r', '\n':
				continue
			}
			return data[j]
		}
		return 0
	}
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch c {
		case ' ', '\t', '\r', '\n':
		case '"':
			j := i + 1
			for j < len(data) && data[j] != '"' {
				if data[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(data))
			b.Write(data[i:j])
			i = j - 1
		case '{', '[':
			b.WriteByte(c)
			if n := nextSignificant(i); n == '}' || n == ']' {
				continue
			}
			depth++
			newline()
		case '}', ']':
			if i > 0 {
				if p := data[lastSignificant(data, i)]; p != '{' && p != '[' {
					depth = max(depth-1, 0)
					newline()
				}
			}
			b.WriteByte(c)
		case ',':
			b.WriteByte(c)
			newline()
		case ':':
			b.WriteString(": ")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// lastSignificant returns the index of the last byte before i that is not whitespace, or i.
func lastSignificant(data []byte, i int) int {
	for j := i - 1; j >= 0; j-- {
		switch data[j] {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return j
	}
	return i
}
