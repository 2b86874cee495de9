package results

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/probe/check"
)

// span is a run of text with one style. Its text is already safe for a terminal.
type span struct {
	text string
	k    kind
}

// row is one pre-formatted row of a view: an optional gutter (a byte offset), a margin mark
// with the severity of the finding that points at the row, and the styled content.
type row struct {
	gutter string
	// mark is the severity of the most severe finding that points at this row, plus one;
	// zero when no finding does.
	mark uint8
	// finding is the index of that finding in the findings list, or -1.
	finding int
	spans   []span
	// full rows take the gutter's cells for their content: a view's heading above rows that
	// have offsets in their gutter starts at the pane's edge like the headings of other views.
	full bool
}

func plainRow(spans ...span) row { return row{finding: -1, spans: spans} }

// marked returns r marked by finding i of severity sev, unless a more severe finding already
// marks it.
func (r row) marked(i int, sev check.Severity) row {
	if r.mark == 0 || uint8(sev)+1 > r.mark {
		r.mark, r.finding = uint8(sev)+1, i
	}
	return r
}

// textWidth is the number of cells s takes; s holds no escape sequences.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// cutText splits s after at most w cells. When the first character alone is wider than w and
// force is set, that character is taken anyway, so that wrapping always makes progress. It
// looks at no more of s than the cut needs, so that cutting a long line into rows is linear.
func cutText(s string, w int, force bool) (head, tail string) {
	ascii := true
	for i := 0; i < len(s) && i <= w; i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		if len(s) <= w {
			return s, ""
		}
		return s[:w], s[w:]
	}
	// A cell rarely takes more than a few bytes; cut a generous prefix at a character
	// boundary and measure only that.
	window := s
	if limit := (w + 1) * 16; len(window) > limit {
		for limit > 0 && !utf8.RuneStart(window[limit]) {
			limit--
		}
		window = window[:limit]
	}
	head = ansi.Truncate(window, w, "")
	if head == "" && force && s != "" {
		_, size := utf8.DecodeRuneInString(s)
		head = s[:size]
	}
	return head, s[len(head):]
}

// wrapRow appends r to out split into rows of at most w content cells. Continuation rows keep
// the mark (so a highlighted run shows a bar of glyphs down the margin) but not the gutter.
func wrapRow(r row, w int, out []row) []row {
	if w < 1 {
		w = 1
	}
	total := 0
	for _, sp := range r.spans {
		if total += len(sp.text); total > w {
			break
		}
	}
	if total <= w { // no span is wider than its length in bytes: the row fits as it is
		return append(out, r)
	}
	cur := row{gutter: r.gutter, mark: r.mark, finding: r.finding}
	used := 0
	for _, sp := range r.spans {
		text := sp.text
		for text != "" {
			head, tail := cutText(text, w-used, used == 0)
			if head != "" {
				cur.spans = append(cur.spans, span{head, sp.k})
				used += textWidth(head)
			}
			if tail == "" && used <= w {
				break
			}
			out = append(out, cur)
			cur = row{mark: r.mark, finding: r.finding}
			used = 0
			text = tail
		}
	}
	return append(out, cur)
}

// frame is the geometry of the rows of one view: the gutter width (0 for none) and the
// content width.
type frame struct {
	gutter  int
	content int
}

// newFrame lays out rows of width w with a gutter of gw cells. A row is drawn as a selection
// pointer, the gutter (if any), a space, the margin mark, a space, and the content:
// "▸  79 ✗ Content-Length: 11".
func newFrame(w, gw int) frame {
	return frame{gutter: gw, content: max(w-gw-4, 1)}
}

// writeRow draws r into b as exactly f's width: pointer, gutter, margin mark, content (cut
// with an ellipsis when it does not fit), padding. The rows of the selected finding get the
// pointer and an accented gutter.
func writeRow(b *strings.Builder, r row, f frame, st *styles, selected bool) {
	if selected {
		writeSpan(b, "▸", kAccent, st)
	} else {
		b.WriteByte(' ')
	}
	content := f.content
	if f.gutter > 0 && r.full {
		content += f.gutter
	} else if f.gutter > 0 {
		g := r.gutter
		if gw := textWidth(g); gw < f.gutter {
			g = strings.Repeat(" ", f.gutter-gw) + g
		} else if gw > f.gutter {
			g, _ = cutText(g, f.gutter, true)
		}
		k := kSubtle
		if selected {
			k = kAccent
		}
		writeSpan(b, g, k, st)
	}
	b.WriteByte(' ')
	if r.mark > 0 {
		sev := check.Severity(r.mark - 1)
		writeSpan(b, glyph(sev), lineKind(sev), st)
	} else {
		b.WriteByte(' ')
	}
	b.WriteByte(' ')
	used := 0
	for i, sp := range r.spans {
		w := textWidth(sp.text)
		if used+w > content || (used+w == content && hasText(r.spans[i+1:])) {
			if room := content - used - 1; room > 0 {
				head, _ := cutText(sp.text, room, false)
				writeSpan(b, head, sp.k, st)
				used += textWidth(head)
			}
			writeSpan(b, "…", kSubtle, st)
			used++
			break
		}
		writeSpan(b, sp.text, sp.k, st)
		used += w
	}
	if used < content {
		b.WriteString(strings.Repeat(" ", content-used))
	}
}

// hasText reports whether any of spans has text.
func hasText(spans []span) bool {
	for _, sp := range spans {
		if sp.text != "" {
			return true
		}
	}
	return false
}

// writeSpan writes text in the style k.
func writeSpan(b *strings.Builder, text string, k kind, st *styles) {
	if text == "" {
		return
	}
	if sgr := st.sgr[k]; sgr != "" {
		b.WriteString(sgr)
		b.WriteString(text)
		b.WriteString(ansi.ResetStyle)
		return
	}
	b.WriteString(text)
}
