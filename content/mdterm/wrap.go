package mdterm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// span is a run of text in one style. Its text holds no line breaks and no tabs.
type span struct {
	text string
	st   style
}

// line is one output line, as spans.
type line []span

// width is the number of terminal columns l takes.
func (l line) width() int {
	w := 0
	for _, s := range l {
		w += textWidth(s.text)
	}
	return w
}

// textWidth is the number of columns s takes: its length when it is printable ASCII, which
// most of a document is, and otherwise what ansi.StringWidth measures.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// String renders l with its styles, each run closed by a reset so that nothing leaks into
// the next line or a pane beside it. Neighbouring spans of one style share one sequence.
func (l line) String() string {
	var b strings.Builder
	n := 0
	for _, s := range l {
		n += len(s.text)
	}
	b.Grow(n + 16*len(l))
	for i := 0; i < len(l); {
		st, j := l[i].st, i
		seq := st.sgr()
		b.WriteString(seq)
		for ; j < len(l) && l[j].st == st; j++ {
			b.WriteString(l[j].text)
		}
		if seq != "" {
			b.WriteString("\x1b[0m")
		}
		i = j
	}
	return b.String()
}

// trimRight returns l without the spaces at its end.
func (l line) trimRight() line {
	for len(l) > 0 {
		last := l[len(l)-1]
		t := strings.TrimRight(last.text, " ")
		if t != "" {
			l[len(l)-1].text = t
			return l
		}
		l = l[:len(l)-1]
	}
	return l
}

// word is text that wrapping keeps on one line when it can: the characters between two
// spaces of prose, or a whole code span with what is glued to it ("`PUT`,").
type word struct {
	spans []span
	width int
	// hardBreak is set on the first word after a hard line break.
	hardBreak bool
}

// words collects the words of a paragraph's spans. Spaces in prose separate words; a code
// span (marked by keep) is never split at its own spaces unless it cannot fit on a line.
type words struct {
	list []word
	cur  word
}

// open reports whether the current word holds text.
func (ws *words) open() bool { return len(ws.cur.spans) > 0 }

// add appends text in st; keep holds it together with its neighbours instead of breaking at
// its spaces.
func (ws *words) add(text string, st style, keep bool) {
	if keep {
		ws.glue(text, st)
		return
	}
	for i, part := range strings.Split(text, " ") {
		if i > 0 {
			ws.space(st)
		}
		ws.glue(part, st)
	}
}

// space is a space between words of prose: it ends the current word, except after "RFC"
// (or "(RFC"), which stays on one line with its number.
func (ws *words) space(st style) {
	if n := len(ws.cur.spans); n > 0 && endsWithWord(ws.cur.spans[n-1].text, "RFC") {
		ws.glue(" ", st)
		return
	}
	ws.end()
}

// glue appends text to the current word. A section sign that starts a word right after
// "RFC 9110" joins it: "RFC 9110 §15.3.5" stays on one line.
func (ws *words) glue(text string, st style) {
	if text == "" {
		return
	}
	if !ws.open() && strings.HasPrefix(text, "§") && len(ws.list) > 0 && isRFCNumber(ws.list[len(ws.list)-1]) {
		ws.cur = ws.list[len(ws.list)-1]
		ws.list = ws.list[:len(ws.list)-1]
		ws.cur.spans = append(ws.cur.spans, span{" ", st})
		ws.cur.width++
	}
	ws.cur.spans = append(ws.cur.spans, span{text, st})
	ws.cur.width += textWidth(text)
}

// end ends the current word.
func (ws *words) end() {
	open := ws.open()
	if open {
		ws.list = append(ws.list, ws.cur)
	}
	ws.cur = word{hardBreak: ws.cur.hardBreak && !open} // a hard break not yet used stays
}

// hardBreak ends the line: the next word starts a new one.
func (ws *words) hardBreak() {
	ws.end()
	ws.cur.hardBreak = true
}

// done returns the words collected.
func (ws *words) done() []word {
	ws.end()
	return ws.list
}

// wrap fills lines of at most width columns with ws, one space between words. A word wider
// than a line is cut: at its last space that fits, else at the width.
func wrap(ws []word, width int) []line {
	width = max(width, 1)
	// Every line is a piece of one backing array, capped at its end so that a caller that
	// appends to a line gets a copy rather than overwriting the next one.
	n := 0
	for _, w := range ws {
		n += len(w.spans) + 1
	}
	all := make([]span, 0, n)
	var out []line
	start, used := 0, 0
	flush := func() {
		out = append(out, line(all[start:len(all):len(all)]))
		start, used = len(all), 0
	}
	for _, w := range ws {
		if used > 0 && (w.hardBreak || used+1+w.width > width) {
			flush()
		}
		if used > 0 {
			all = append(all, span{" ", gapStyle(all[len(all)-1].st, w.spans)})
			used++
		}
		for w.width > width-used { // only on an empty line: a word that fits no line
			head, rest := cut(w.spans, width)
			out = append(out, head)
			w = word{spans: rest, width: line(rest).width()}
		}
		all = append(all, w.spans...)
		used += w.width
	}
	if len(all) > start || len(out) == 0 {
		flush()
	}
	return out
}

// gapStyle is the style of the space between a word ending in style prev and the next word:
// theirs when both share it, so that an underlined heading or link stays underlined across
// its spaces; the terminal's own otherwise.
func gapStyle(prev style, next []span) style {
	if len(next) > 0 && next[0].st == prev {
		return prev
	}
	return none
}

// cut splits spans after at most n columns: at the last space within them (the space is
// dropped), or in the middle of a word when there is none. The head holds at least one
// character, even one wider than n.
func cut(spans []span, n int) (head, rest []span) {
	type pos struct{ span, byte int }
	var space, limit pos
	haveSpace, full := false, false
	w := 0
scan:
	for i, s := range spans {
		for j, r := range s.text {
			rw := runeWidth(r)
			if w+rw > n && (i > 0 || j > 0) {
				limit, full = pos{i, j}, true
				if r == ' ' {
					space, haveSpace = limit, true
				}
				break scan
			}
			if r == ' ' && (i > 0 || j > 0) {
				space, haveSpace = pos{i, j}, true
			}
			w += rw
		}
	}
	if !full {
		return spans, nil
	}
	at, skip := limit, 0
	if haveSpace {
		at, skip = space, 1
	}
	head = append(head, spans[:at.span]...)
	s := spans[at.span]
	if at.byte > 0 {
		head = append(head, span{s.text[:at.byte], s.st})
	}
	if tail := s.text[at.byte+skip:]; tail != "" {
		rest = append(rest, span{tail, s.st})
	}
	return head, append(rest, spans[at.span+1:]...)
}

// runeWidth is the number of columns r takes.
func runeWidth(r rune) int {
	if r >= ' ' && r < 0x7f {
		return 1
	}
	return ansi.StringWidth(string(r))
}

// endsWithWord reports whether s ends with the word w, not with a longer word that ends
// like it.
func endsWithWord(s, w string) bool {
	rest, ok := strings.CutSuffix(s, w)
	if !ok {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(rest)
	return rest == "" || !unicode.IsLetter(last)
}

// isRFCNumber reports whether w is an RFC and its number: "RFC 9110", "(RFC 9112".
func isRFCNumber(w word) bool {
	var b strings.Builder
	for _, s := range w.spans {
		b.WriteString(s.text)
	}
	head, num, ok := strings.Cut(b.String(), " ")
	return ok && endsWithWord(head, "RFC") && isNumber(num)
}
