package results

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// region is the part of a response stream a byte belongs to.
type region uint8

const (
	regHead    region = iota // head lines and trailers: where line endings matter
	regFraming               // chunk-size lines and the CRLF after each chunk's data
	regBody                  // the content of the final response
	regExtra                 // bytes beyond the final response's framing
)

// markRange is a part of the response stream that a finding points at.
type markRange struct {
	start, end int64
	sev        check.Severity
	finding    int
	// bytes is set for byte ranges (body, extra bytes), which are highlighted byte by byte;
	// otherwise the range is one head line, highlighted as a whole.
	bytes bool
}

// findingRanges maps each finding to the parts of ex's response stream it points at.
func findingRanges(ex *probe.Exchange, fs []check.Finding) []markRange {
	var out []markRange
	r := ex.Response
	for i, f := range fs {
		line := func(lines []probe.Line, idx int) {
			if idx >= 0 && idx < len(lines) {
				out = append(out, markRange{lines[idx].Offset, lines[idx].End(), f.Severity, i, false})
			}
		}
		at := f.At
		switch at.Where {
		case check.AtStatusLine:
			if r != nil {
				line(r.Lines, 0)
			}
		case check.AtHeader:
			if r != nil && at.Index >= 0 && at.Index < len(r.Header) {
				line(r.Lines, r.Header[at.Index].Line)
			}
		case check.AtLine:
			if r != nil {
				line(r.Lines, at.Index)
			}
		case check.AtTrailer:
			if r != nil && at.Index >= 0 && at.Index < len(r.Trailers) {
				line(r.TrailerLines, r.Trailers[at.Index].Line)
			}
		case check.AtInterim:
			if at.Index >= 0 && at.Index < len(ex.Interim) && ex.Interim[at.Index] != nil {
				line(ex.Interim[at.Index].Lines, 0)
			}
		case check.AtBody:
			for _, w := range ex.BodyWireRanges(at.Start, at.End) {
				out = append(out, markRange{w[0], w[1], f.Severity, i, true})
			}
		case check.AtContent:
			// Decoded bytes come from the whole coded body: mark all of it.
			if r != nil {
				for _, w := range ex.BodyWireRanges(0, r.Body.Size) {
					out = append(out, markRange{w[0], w[1], f.Severity, i, true})
				}
			}
		case check.AtExtra:
			if w, ok := ex.ExtraWireRange(at.Start, at.End); ok {
				out = append(out, markRange{w[0], w[1], f.Severity, i, true})
			}
		}
	}
	return out
}

// rawBuilder turns a response stream into the rows of the raw wire view.
type rawBuilder struct {
	ex     *probe.Exchange
	wire   []byte
	marks  []markRange
	masked bool
	// watching says that the exchange is not over (see buildRaw).
	watching bool
	// cuts are the offsets where the region changes, ascending, with the region that starts
	// there.
	cuts []regionCut
	// kinds tells head lines apart by their start offset (fields are drawn with their name
	// highlighted and their value masked when it is a secret).
	kinds map[int64]probe.LineKind
	// labels are separator rows drawn before the line that starts at their offset.
	labels []label
	rows   []row
}

type regionCut struct {
	at  int64
	reg region
}

type label struct {
	at  int64
	row row
}

// buildRaw returns the rows of the raw wire view of ex: every line as it arrived, with its
// offset in the gutter and its ending drawn as a glyph, the body and the extra bytes where they
// arrived, and the findings marked.
// watching says that the exchange is not over: the probe still watches for stray bytes.
func buildRaw(ex *probe.Exchange, marks []markRange, masked, watching bool) []row {
	b := &rawBuilder{ex: ex, wire: ex.Wire, marks: marks, masked: masked, watching: watching, kinds: map[int64]probe.LineKind{}}
	b.plan()
	b.lines()
	b.tail()
	return b.rows
}

// plan finds the regions, the kinds of head lines and the separator labels.
func (b *rawBuilder) plan() {
	ex, n := b.ex, int64(len(b.wire))
	for _, r := range append(slices.Clone(ex.Interim), ex.Response) {
		if r == nil {
			continue
		}
		for _, l := range r.Lines {
			b.kinds[l.Offset] = l.Kind
		}
		for _, l := range r.TrailerLines {
			b.kinds[l.Offset] = l.Kind
		}
	}
	type part struct {
		start, end int64
		reg        region
	}
	var spans []part
	if r := ex.Response; r != nil {
		for _, w := range ex.BodyWireRanges(0, r.Body.Size) {
			spans = append(spans, part{w[0], w[1], regBody})
		}
		if r.Body.Size > 0 || r.Framing == probe.FramingChunked {
			b.labels = append(b.labels, label{r.Body.Offset, b.labelRow(bodyLabel(r), kLabel, -1, 0)})
		}
	}
	if ex.Extra.Size > 0 {
		end := ex.Extra.Offset + ex.Extra.Size
		spans = append(spans, part{ex.Extra.Offset, end, regExtra})
		fi, sev := -1, check.Info
		for _, m := range b.marks {
			if m.bytes && m.start < end && m.end > ex.Extra.Offset && (fi < 0 || m.sev > sev) {
				fi, sev = m.finding, m.sev
			}
		}
		k := kLabel
		if fi >= 0 {
			k = lineKind(sev)
		}
		b.labels = append(b.labels, label{ex.Extra.Offset, b.labelRow(extraLabel(ex), k, fi, sev)})
	}
	slices.SortFunc(spans, func(a, b part) int { return cmp.Compare(a.start, b.start) })
	// Bytes between the parts are head lines, or chunk framing inside a chunked body.
	var chunkStart, chunkEnd int64 = -1, -1
	if r := ex.Response; r != nil && r.Framing == probe.FramingChunked {
		chunkStart, chunkEnd = r.Body.Offset, r.End
	}
	// gap adds the cuts of the bytes [from, to) between parts.
	gap := func(from, to int64) {
		for _, c := range []int64{from, chunkStart, chunkEnd} {
			if c < from || c >= to || (len(b.cuts) > 0 && b.cuts[len(b.cuts)-1].at == c) {
				continue
			}
			reg := regHead
			if c >= chunkStart && c < chunkEnd {
				reg = regFraming
			}
			b.cuts = append(b.cuts, regionCut{c, reg})
		}
	}
	at := int64(0)
	for _, s := range spans {
		s.start, s.end = max(s.start, at), min(s.end, n)
		if s.start >= s.end {
			continue
		}
		gap(at, s.start)
		b.cuts = append(b.cuts, regionCut{s.start, s.reg})
		at = s.end
	}
	gap(at, n)
	if len(b.cuts) == 0 {
		b.cuts = append(b.cuts, regionCut{0, regHead})
	}
	slices.SortStableFunc(b.labels, func(x, y label) int { return cmp.Compare(x.at, y.at) })
}

// labelRow is a separator row such as "── 11 extra bytes after the 204 ──".
func (b *rawBuilder) labelRow(text string, k kind, fi int, sev check.Severity) row {
	r := plainRow(span{"── " + text + " ──", k})
	if fi >= 0 {
		r = r.marked(fi, sev)
	}
	return r
}

func bodyLabel(r *probe.Response) string {
	switch r.Framing {
	case probe.FramingChunked:
		return fmt.Sprintf("body · chunked · %s in %s", bytesText(r.Body.Size), english.Plural(len(r.Chunks), "chunk"))
	case probe.FramingClose:
		return fmt.Sprintf("body · %s · until the server closed the connection", bytesText(r.Body.Size))
	}
	return fmt.Sprintf("body · %s · Content-Length", bytesText(r.Body.Size))
}

func extraLabel(ex *probe.Exchange) string {
	n := english.Plural(ex.Extra.Size, "extra byte")
	if r := ex.Response; r != nil {
		if r.Framing == probe.FramingNone {
			return fmt.Sprintf("%s after the %d", n, r.Status.Code)
		}
		return n + " after the body"
	}
	return n
}

// lines splits the stream into rows, one per line as it arrived. A line that runs into a
// separator label (where the extra bytes begin) is broken there, so that the label sits where
// the bytes arrived.
func (b *rawBuilder) lines() {
	n := int64(len(b.wire))
	li := 0
	for pos := int64(0); pos < n; {
		for li < len(b.labels) && b.labels[li].at <= pos {
			b.rows = append(b.rows, b.labels[li].row)
			li++
		}
		limit := n
		if li < len(b.labels) {
			limit = min(limit, b.labels[li].at)
		}
		eol, elen := lineEnd(b.wire, pos, limit)
		b.rows = append(b.rows, b.line(pos, eol, elen))
		pos = eol + int64(elen)
	}
	for ; li < len(b.labels); li++ {
		if b.labels[li].at <= n {
			b.rows = append(b.rows, b.labels[li].row)
		}
	}
}

// regionAt returns the region of the byte at off and the offset where that region ends.
func (b *rawBuilder) regionAt(off int64) (region, int64) {
	i, found := slices.BinarySearchFunc(b.cuts, off, func(c regionCut, off int64) int { return cmp.Compare(c.at, off) })
	if !found {
		i--
	}
	end := int64(len(b.wire))
	if i+1 < len(b.cuts) {
		end = b.cuts[i+1].at
	}
	if i < 0 {
		return regHead, end
	}
	return b.cuts[i].reg, end
}

// lineEnd finds the end of the line that starts at pos, within [pos, end): the offset of its
// ending and the ending's length (0 when the line runs to end).
func lineEnd(wire []byte, pos, end int64) (int64, int) {
	i := bytes.IndexAny(wire[pos:end], "\r\n")
	if i < 0 {
		return end, 0
	}
	eol := pos + int64(i)
	if wire[eol] == '\r' && eol+1 < end && wire[eol+1] == '\n' {
		return eol, 2
	}
	return eol, 1
}

// line builds the row of the line [pos, eol) with an ending of elen bytes.
func (b *rawBuilder) line(pos, eol int64, elen int) row {
	r := plainRow()
	r.gutter = strconv.FormatInt(pos, 10)
	lineEnd := eol + int64(elen)
	base := kPlain // the color of the whole line when a finding points at it
	for _, m := range b.marks {
		if m.start < lineEnd && m.end > pos {
			r = r.marked(m.finding, m.sev)
			if !m.bytes && m.start == pos {
				base = lineKind(m.sev)
			}
		}
	}
	text := b.wire[pos:eol]
	if reg, _ := b.regionAt(pos); reg == regHead && b.kinds[pos] == probe.FieldLineKind {
		if i := bytes.IndexByte(text, ':'); i > 0 {
			name := string(text[:i])
			nk := kName
			if base != kPlain {
				nk = base
			}
			r.spans = appendEscaped(r.spans, name, nk)
			rest := string(text[i:])
			if b.masked {
				if v := maskedValue(name, rest[1:], true); v != rest[1:] {
					rest = ": " + v
				}
			}
			r.spans = appendEscaped(r.spans, rest, base)
			return b.ending(r, eol, elen)
		}
	}
	r.spans = b.pieces(r.spans, pos, eol, base)
	return b.ending(r, eol, elen)
}

// pieces appends the bytes [pos, end) as spans: bytes that a byte-range finding points at in
// its color, extra bytes highlighted, the rest in base.
func (b *rawBuilder) pieces(spans []span, pos, end int64, base kind) []span {
	for pos < end {
		reg, regEnd := b.regionAt(pos)
		next, k := min(end, regEnd), base
		switch {
		case base != kPlain:
		case reg == regExtra:
			k = kHiInfo
		case reg == regFraming:
			k = kMuted
		}
		for _, m := range b.marks {
			if !m.bytes || m.end <= pos || m.start >= next {
				continue
			}
			if m.start <= pos {
				next, k = min(next, m.end), byteKind(m.sev)
				break
			}
			next = min(next, m.start)
		}
		spans = appendEscaped(spans, string(b.wire[pos:next]), k)
		pos = next
	}
	return spans
}

// ending appends the glyph of the line ending at eol: dim when it is right, in the warning or
// error color when a bare LF or CR ends a line of a head, chunk framing or trailers.
func (b *rawBuilder) ending(r row, eol int64, elen int) row {
	if elen == 0 {
		return r
	}
	reg, _ := b.regionAt(eol)
	k := kEnding
	glyph := "␍␊"
	switch {
	case elen == 1 && b.wire[eol] == '\n':
		glyph = "␊"
		if reg == regHead || reg == regFraming {
			k = kEndingLF
		}
	case elen == 1:
		glyph = "␍"
		if reg == regHead || reg == regFraming {
			k = kEndingCR
		}
	}
	if reg == regExtra {
		k = kHiInfo
	}
	for _, m := range b.marks {
		if m.bytes && m.start <= eol && m.end > eol {
			k = byteKind(m.sev)
		}
	}
	r.spans = append(r.spans, span{glyph, k})
	return r
}

// tail adds the rows that say how the stream ended.
func (b *rawBuilder) tail() {
	ex := b.ex
	if ex.WireSize > int64(len(b.wire)) {
		b.rows = append(b.rows, plainRow(span{fmt.Sprintf("── the raw view keeps the first %s; %s arrived ──",
			bytesText(int64(len(b.wire))), bytesText(ex.WireSize)), kLabel}))
	}
	b.rows = append(b.rows, endRow(ex, b.watching, bytesText(ex.WireSize)))
}

// endRow is the last row of the raw view: how many bytes (got) came in and how the stream
// ended, or, while the probe still watches for stray bytes, that it has not.
func endRow(ex *probe.Exchange, watching bool, got string) row {
	if watching {
		return plainRow(span{"── so far · " + got + " · still listening ──", kMuted})
	}
	end := "the connection stayed open"
	if ex.Closed {
		end = "the server closed the connection"
	}
	return plainRow(span{"── end · " + got + " · " + end + " ──", kMuted})
}
