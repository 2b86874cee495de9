package check

import (
	"bytes"
	"fmt"

	"github.com/hsx-dev/hsx/probe"
)

// lineName describes head line i of p for a message: the status line, a field line quoted,
// or the blank line.
func (p part) lineName(i int) string {
	l := p.r.Lines[i]
	switch {
	case l.Kind == probe.StatusLineKind:
		return "status line"
	case l.Kind == probe.BlankLineKind:
		return "blank line ending the header section"
	}
	return fmt.Sprintf("line %d %s", i+1, q(string(l.Text)))
}

// lineEndings (F5): every line ends in CRLF. A bare CR is an error (recipients must not treat it as
// a line ending, so the line's meaning differs from one recipient to another); a bare LF is a
// warning (recipients may accept it).
func lineEndings(ex *probe.Exchange) []note {
	var out []note
	for _, p := range parts(ex) {
		for i, l := range p.r.Lines {
			out = append(out, lineEndingNotes(l, p.line(i), p.prefix()+p.lineName(i))...)
		}
	}
	r := ex.Response
	for i, l := range r.TrailerLines {
		loc, name := Location{Where: AtMessage}, fmt.Sprintf("trailer section line %d", i+1)
		for j, f := range r.Trailers {
			if f.Line == i {
				loc, name = trailer(r, j), "trailer "+q(string(l.Text))
			}
		}
		out = append(out, lineEndingNotes(l, loc, name)...)
	}
	return out
}

// lineEndingNotes reports a bare CR inside l and a line ending other than CRLF.
func lineEndingNotes(l probe.Line, loc Location, name string) []note {
	var out []note
	if bytes.IndexByte(l.Text, '\r') >= 0 {
		out = append(out, newNote(loc, "%s contains a bare CR", name).with(Error))
	}
	switch l.Ending {
	case probe.CR:
		out = append(out, newNote(loc, "%s ends in a bare CR, not CRLF", name).with(Error))
	case probe.LF:
		out = append(out, newNote(loc, "%s ends in a bare LF, not CRLF", name).with(Warning))
	}
	return out
}

// startsWithSpace reports whether head line i of p begins with whitespace.
func (p part) startsWithSpace(i int) bool {
	t := p.r.Lines[i].Text
	return len(t) > 0 && (t[0] == ' ' || t[0] == '\t')
}

// whitespaceBeforeFirstField (F6): no whitespace between the status line and the first field line.
// Recipients must ignore such a line or reject the message; a line that looks like a field there
// would otherwise be hidden from some recipients and not from others.
func whitespaceBeforeFirstField(ex *probe.Exchange) []note {
	var out []note
	for _, p := range parts(ex) {
		if len(p.r.Lines) > 1 && p.startsWithSpace(1) {
			out = append(out, newNote(p.line(1), "%swhitespace before the first header field: %s",
				p.prefix(), q(string(p.r.Lines[1].Text))))
		}
	}
	return out
}

// obsoleteLineFolding (F9): no obs-fold: a line that starts with whitespace does not continue the
// field before.
func obsoleteLineFolding(ex *probe.Exchange) []note {
	var out []note
	for _, p := range parts(ex) {
		for i, l := range p.r.Lines {
			if l.Kind == probe.FoldLineKind && i > 1 {
				out = append(out, newNote(p.line(i), "%sobs-fold: %s continues the previous field",
					p.prefix(), q(string(l.Text))))
			}
		}
	}
	return out
}
