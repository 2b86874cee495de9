package mdterm

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hsx-dev/hsx/internal/jsonlex"
)

// syntax is what the highlighter knows of a programming language: enough to tell comments,
// strings, numbers and keywords from the rest, which is what a reader's eye needs in a short
// sample. It is not a parser; a construct it does not know is shown as plain code.
type syntax struct {
	lineComments []string
	blockComment [2]string
	quotes       string
	keywords     []string
}

// syntaxFor returns the syntax of a code fence's language. "http" and "json" have highlighters
// of their own; any other language is shown as plain code.
func syntaxFor(lang string) (syntax, bool) {
	cLike := [2]string{"/*", "*/"}
	switch strings.ToLower(lang) {
	case "go":
		return syntax{[]string{"//"}, cLike, "\"'`", strings.Fields(`break case chan const
			continue default defer else fallthrough for func go goto if import interface map
			package range return select struct switch type var nil true false`)}, true
	case "js", "javascript", "ts", "typescript":
		return syntax{[]string{"//"}, cLike, "\"'`", strings.Fields(`async await break case
			catch class const continue default delete do else export extends false finally for
			from function if import in instanceof let new null of return static super switch
			this throw true try typeof undefined var void while yield`)}, true
	case "java":
		return syntax{[]string{"//"}, cLike, "\"'", strings.Fields(`abstract boolean break
			byte case catch char class continue default do double else enum extends false final
			finally float for if implements import instanceof int interface long new null
			package private protected public record return short static super switch this throw
			throws true try var void while`)}, true
	case "csharp", "cs", "c#":
		return syntax{[]string{"//"}, cLike, "\"'", strings.Fields(`abstract async await base
			bool break case catch class const continue default do else enum false finally for
			foreach if in int interface internal is namespace new null out override private
			protected public readonly return sealed static string struct switch this throw true
			try using var virtual void while`)}, true
	case "php":
		return syntax{[]string{"//", "#"}, cLike, "\"'", strings.Fields(`abstract and array as
			break case catch class const continue default do echo else elseif empty extends
			false final finally fn for foreach function global if implements isset namespace new
			null or private protected public require require_once return static switch throw
			true try use while`)}, true
	case "python", "py":
		return syntax{[]string{"#"}, [2]string{}, "\"'", strings.Fields(`and as assert async
			await break class continue def del elif else except False finally for from global
			if import in is lambda None nonlocal not or pass raise return True try while with
			yield`)}, true
	case "ruby", "rb":
		return syntax{[]string{"#"}, [2]string{}, "\"'", strings.Fields(`alias and begin break
			case class def do else elsif end ensure false for if in module next nil not or
			rescue retry return self super then true unless until when while yield`)}, true
	case "sh", "bash", "shell", "console":
		return syntax{[]string{"#"}, [2]string{}, "\"'", strings.Fields(`case do done elif else
			esac export fi for function if in local return then until while`)}, true
	}
	return syntax{}, false
}

// highlighter colours the lines of one code block. It carries what spans lines: a block
// comment left open, and for an HTTP message, whether the header section is over.
type highlighter struct {
	lang    string
	syn     syntax
	known   bool
	pal     *palette
	inBlock bool // inside a block comment
	inBody  bool // an HTTP message's header section has ended
}

func newHighlighter(lang string, pal *palette) *highlighter {
	syn, known := syntaxFor(lang)
	return &highlighter{lang: strings.ToLower(lang), syn: syn, known: known, pal: pal}
}

// line returns the spans of one line of code (tabs already expanded).
func (h *highlighter) line(s string) line {
	switch {
	case h.lang == "http":
		return h.http(s)
	case h.lang == "json":
		return h.json(s)
	case h.known:
		return h.code(s)
	}
	return line{{s, h.pal[roleCodeText]}}
}

// painter builds the spans of one line of code: the text between the runs it paints is plain
// code.
type painter struct {
	pal  *palette
	s    string
	out  line
	from int // where the text not yet in out begins
}

// paint adds s[i:end] in role r, after the plain text before it.
func (p *painter) paint(i, end int, r role) {
	p.add(p.s[p.from:i], roleCodeText)
	p.add(p.s[i:end], r)
	p.from = end
}

// done adds the plain text left and returns the line.
func (p *painter) done() line {
	p.add(p.s[p.from:], roleCodeText)
	p.from = len(p.s)
	return p.out
}

func (p *painter) add(text string, r role) {
	if text != "" {
		p.out = append(p.out, span{text, p.pal[r]})
	}
}

// code highlights a line of a programming language.
func (h *highlighter) code(s string) line {
	p := &painter{pal: h.pal, s: s}
	opener, closer := h.syn.blockComment[0], h.syn.blockComment[1]
	for i := 0; i < len(s); {
		if h.inBlock { // the comment began at p.from, on this line or an earlier one
			end := strings.Index(s[i:], closer)
			if end < 0 {
				p.paint(p.from, len(s), roleComment)
				return p.done()
			}
			end += i + len(closer)
			p.paint(p.from, end, roleComment)
			h.inBlock = false
			i = end
			continue
		}
		switch {
		case h.startsComment(s, i):
			p.paint(i, len(s), roleComment)
			return p.done()
		case opener != "" && strings.HasPrefix(s[i:], opener):
			p.paint(i, i, roleComment) // the plain text before it
			h.inBlock = true
			i += len(opener)
		case strings.IndexByte(h.syn.quotes, s[i]) >= 0:
			end := quoteEnd(s, i)
			p.paint(i, end, roleString)
			i = end
		case isIdentStart(s, i):
			end := identEnd(s, i)
			switch word := s[i:end]; {
			case isNumber(word):
				p.paint(i, end, roleNumber)
			case slices.Contains(h.syn.keywords, word):
				p.paint(i, end, roleKeyword)
			}
			i = end
		default:
			i++
		}
	}
	return p.done()
}

// startsComment reports whether a line comment starts at s[i]. A "#" counts only at the start
// of the line or after a space, so that "$#" in a shell line or "#fragment" in a URL does not.
func (h *highlighter) startsComment(s string, i int) bool {
	for _, c := range h.syn.lineComments {
		if !strings.HasPrefix(s[i:], c) {
			continue
		}
		if c != "#" || i == 0 || s[i-1] == ' ' || s[i-1] == '\t' {
			return true
		}
	}
	return false
}

// quoteEnd returns where the string literal opened by the quote at s[i] ends: after its
// closing quote (a backslash escapes the next byte), or at the end of the line.
func quoteEnd(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case q:
			return j + 1
		}
	}
	return len(s)
}

// isIdentStart reports whether a word (an identifier or a number) starts at s[i].
func isIdentStart(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
		return false
	}
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return !(unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '_' || prev == '$' || prev == '.')
}

// identEnd returns where the word starting at s[i] ends.
func identEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '?') {
			break
		}
		i += size
	}
	return i
}

// isNumber reports whether an identifier-like word is a decimal number.
func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// json highlights a line of JSON: member names apart from string values, numbers and the
// literals true, false and null.
func (h *highlighter) json(s string) line {
	p := &painter{pal: h.pal, s: s}
	i := 0
	for tok := range jsonlex.Tokens(s) {
		end := i + len(tok.Text)
		switch tok.Kind {
		case jsonlex.Name:
			p.paint(i, end, roleName)
		case jsonlex.String:
			p.paint(i, end, roleString)
		case jsonlex.Number:
			p.paint(i, end, roleNumber)
		case jsonlex.Literal:
			p.paint(i, end, roleKeyword)
		}
		i = end
	}
	return p.done()
}

// http highlights a line of an HTTP/1.1 message as the documents show it: the request or
// status line, header field names, and a JSON body. A sample may hold several messages; a
// start line begins a new one.
func (h *highlighter) http(s string) line {
	switch {
	case isStartLine(s):
		h.inBody = false
		return line{{s, h.pal[roleStart]}}
	case strings.TrimSpace(s) == "":
		h.inBody = true
		return line{{s, h.pal[roleCodeText]}}
	case !h.inBody:
		if colon := strings.IndexByte(s, ':'); colon > 0 && isFieldName(s[:colon]) {
			return line{{s[:colon], h.pal[roleName]}, {s[colon:], h.pal[roleCodeText]}}
		}
	case strings.ContainsAny(strings.TrimSpace(s)[:1], "{[\"]}"):
		return h.json(s)
	}
	return line{{s, h.pal[roleCodeText]}}
}

// isStartLine reports whether s looks like a status line ("HTTP/1.1 204 No Content") or a
// request line ("DELETE /items/7 HTTP/1.1").
func isStartLine(s string) bool {
	if strings.HasPrefix(s, "HTTP/") {
		return true
	}
	f := strings.Fields(s)
	return len(f) == 3 && strings.HasPrefix(f[2], "HTTP/") && isFieldName(f[0]) && strings.ToUpper(f[0]) == f[0]
}

// isFieldName reports whether s is an HTTP token, as a header field name must be.
func isFieldName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"(),/:;<=>?@[\\]{}", c) >= 0 {
			return false
		}
	}
	return true
}
