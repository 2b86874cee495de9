package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Match is one occurrence of a query: bytes [Start, End) of line Line of the text searched,
// the text as a pane shows it (escapes of unsafe bytes included, styles left out). Start and
// End fall on character boundaries.
type Match struct {
	Line, Start, End int
}

// CaseSensitive reports whether query is matched case for case: when it holds a capital
// letter ("smart case"). A query all in lower case matches any case.
func CaseSensitive(query string) bool {
	return strings.IndexFunc(query, unicode.IsUpper) >= 0
}

// Find returns every occurrence of query in lines, in order, none overlapping another. It
// ignores case unless the query has a capital letter. An empty query matches nothing.
func Find(lines []string, query string) []Match {
	if query == "" {
		return nil
	}
	fold := !CaseSensitive(query)
	var out []Match
	for i, l := range lines {
		out = appendMatches(out, i, l, query, fold)
	}
	return out
}

// appendMatches appends the occurrences of q in line i, whose text is s.
func appendMatches(out []Match, i int, s, q string, fold bool) []Match {
	if !fold {
		for at := 0; ; {
			j := strings.Index(s[at:], q)
			if j < 0 {
				return out
			}
			out = append(out, Match{i, at + j, at + j + len(q)})
			at += j + len(q)
		}
	}
	if isASCII(s) && isASCII(q) {
		return appendMatches(out, i, strings.ToLower(s), strings.ToLower(q), false)
	}
	for at := 0; at < len(s); {
		if n, ok := prefixFold(s[at:], q); ok {
			out = append(out, Match{i, at, at + n})
			at += n
			continue
		}
		_, size := utf8.DecodeRuneInString(s[at:])
		at += size
	}
	return out
}

// prefixFold reports whether s begins with q, ignoring case, and how many bytes of s that
// beginning takes.
func prefixFold(s, q string) (int, bool) {
	n := 0
	for _, qr := range q {
		if n >= len(s) {
			return 0, false
		}
		sr, size := utf8.DecodeRuneInString(s[n:])
		if sr != qr && unicode.ToLower(sr) != unicode.ToLower(qr) {
			return 0, false
		}
		n += size
	}
	return n, true
}

// isASCII reports whether s is all ASCII, where case folding keeps byte offsets.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// First returns the index of the first match on line top or below it, the first match of all
// when there is none below (a search wraps around), or -1 when there are no matches.
func First(ms []Match, top int) int {
	if len(ms) == 0 {
		return -1
	}
	i, _ := slices.BinarySearchFunc(ms, top, func(m Match, line int) int { return m.Line - line })
	if i == len(ms) {
		return 0
	}
	return i
}

// Step returns the index of the match after cur (dir > 0) or before it, wrapping around;
// -1 when there are no matches.
func Step(ms []Match, cur, dir int) int {
	n := len(ms)
	if n == 0 {
		return -1
	}
	if cur < 0 || cur >= n {
		if dir < 0 {
			return n - 1
		}
		return 0
	}
	if dir < 0 {
		return (cur + n - 1) % n
	}
	return (cur + 1) % n
}

// OnLine returns the matches on line i (ms in order), as a sub-slice.
func OnLine(ms []Match, i int) []Match {
	lo, _ := slices.BinarySearchFunc(ms, i, func(m Match, line int) int { return m.Line - line })
	hi := lo
	for hi < len(ms) && ms[hi].Line == i {
		hi++
	}
	return ms[lo:hi]
}

// Highlight draws the matches of one line over it: line is the line as drawn, styles and all,
// plain its text (what Find searched), ms its matches, and current the one among them that is
// the current match, or nil. Matches are drawn in the match style, the current one in the
// current style; the text between keeps its own styles. Escape sequences and wide characters
// are never split, since the cuts fall on the cells where matched characters begin and end.
func Highlight(line, plain string, ms []Match, current *Match, st Styles) string {
	if len(ms) == 0 {
		return line
	}
	var b strings.Builder
	col, total := 0, ansi.StringWidth(line)
	for _, m := range ms {
		start := ansi.StringWidth(plain[:m.Start])
		end := start + ansi.StringWidth(plain[m.Start:m.End])
		if start < col || start >= total {
			continue
		}
		end = min(end, total)
		b.WriteString(ansi.Cut(line, col, start))
		s := st.Match
		if current != nil && *current == m {
			s = st.Current
		}
		b.WriteString(ansi.ResetStyle)
		b.WriteString(s.String())
		b.WriteString(ansi.Strip(ansi.Cut(line, start, end)))
		b.WriteString(ansi.ResetStyle)
		col = end
	}
	b.WriteString(ansi.Cut(line, col, total))
	return b.String()
}
