package results

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// bodyKind is how a body is shown.
type bodyKind uint8

const (
	bodyText bodyKind = iota
	bodyJSON
	bodyMarkup // HTML or XML
	bodyHex
)

// bodyView is the prepared body view: rows for text, or the bytes for the hex view, whose rows
// are made only when they are drawn.
type bodyView struct {
	rows []row
	hex  []byte
}

// buildBody prepares the body view of ex: a one-line summary, then the content pretty-printed
// and colored by its media type, or a hex dump when it is binary.
func buildBody(ex *probe.Exchange, fs []check.Finding) bodyView {
	r := ex.Response
	if r == nil {
		return bodyView{}
	}
	data := r.Body.Data
	ctype, _ := r.Get("Content-Type")
	var v bodyView
	if len(data) == 0 {
		v.rows = append(v.rows, plainRow(span{noContent(ex), kMuted}))
		if ex.Extra.Size > 0 {
			er := plainRow(span{extraLabel(ex) + ", shown in the raw view", kLabel})
			for fi, f := range fs {
				if f.At.Where == check.AtExtra {
					er = recolor(er.marked(fi, f.Severity), f.Severity)
					break
				}
			}
			v.rows = append(v.rows, er)
		}
		return v
	}
	// A content coding is removed before the content is shown (RFC 9110 §8.4: Content-Type
	// describes the decoded data); when it cannot be, the coded bytes are shown as they came.
	shown := r.Body
	summary := []string{}
	if cc := r.Coding; cc != nil {
		summary = append(summary, safeLine(cc.Summary(r.Body.Size)))
		if cc.Decoded() {
			shown = cc.Content
		} else {
			summary = append(summary, "coded bytes shown")
		}
		data = shown.Data
	}
	kind := sniff(data, ctype)
	if ctype != "" {
		summary = append(summary, safeLine(ctype))
	}
	if r.Coding == nil {
		summary = append(summary, bytesText(r.Body.Size))
	}
	if shown.Truncated() {
		summary = append(summary, "cut: the first "+bytesText(int64(len(data)))+" kept")
	}
	text := string(data)
	switch kind {
	case bodyJSON:
		if shown.Truncated() || json.Valid(data) { // content cut short is indented, parse or not
			text = indentJSON(data)
			summary = append(summary, "pretty-printed")
		} else {
			kind = bodyText
			summary = append(summary, "not valid JSON, shown as received")
		}
	case bodyHex:
		summary = append(summary, "binary, shown in hex")
		v.hex = data
	}
	sum := plainRow(span{strings.Join(summary, " · "), kMuted})
	sum.full = true
	for fi, f := range fs {
		if f.At.Where == check.AtBody || f.At.Where == check.AtContent {
			sum = sum.marked(fi, f.Severity)
			break
		}
	}
	v.rows = append(v.rows, sum, plainRow())
	if kind == bodyHex {
		return v
	}
	for line := range strings.SplitSeq(text, "\n") {
		line = expandTabs(strings.TrimSuffix(line, "\r"))
		var spans []span
		switch kind {
		case bodyJSON:
			spans = colorJSON(line)
		case bodyMarkup:
			spans = colorMarkup(line)
		default:
			spans = appendEscaped(nil, line, kPlain)
		}
		v.rows = append(v.rows, plainRow(spans...))
	}
	if shown.Truncated() { // the decoded content where a coding was removed, else the body
		v.rows = append(v.rows, plainRow(), plainRow(span{fmt.Sprintf("── cut: hsx keeps the first %s of a body; %s more arrived ──",
			bytesText(int64(len(shown.Data))), bytesText(shown.Size-int64(len(shown.Data)))), kLabel}))
	}
	why := r.BodyError
	if pe, ok := probe.AsError(ex.Err); ok && pe.Phase == probe.PhaseBody {
		why = pe.Msg // the exchange's own timeout ended the body, not the server
	}
	if !r.BodyComplete && why != "" {
		v.rows = append(v.rows, plainRow(), plainRow(span{"── incomplete: " + safeLine(why) + " ──", kWarn}))
	}
	return v
}

// noContent says why a response has no content.
func noContent(ex *probe.Exchange) string {
	r := ex.Response
	switch {
	case r.Framing != probe.FramingNone:
		return "no content (the body is empty)"
	case ex.Request.Method == "HEAD":
		return "no content (a response to HEAD never has any)"
	case r.Status.Code/100 == 1 || r.Status.Code == 204 || r.Status.Code == 304:
		return fmt.Sprintf("no content (a %d response never has any)", r.Status.Code)
	}
	return "no content"
}

// sniff decides how to show a body, from its media type and its first bytes.
func sniff(data []byte, ctype string) bodyKind {
	if isBinary(data) {
		return bodyHex
	}
	ct := strings.ToLower(ctype)
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case strings.Contains(ct, "json"):
		return bodyJSON
	case strings.Contains(ct, "html"), strings.Contains(ct, "xml"), strings.Contains(ct, "svg"):
		return bodyMarkup
	case ct == "" && len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') && json.Valid(data):
		return bodyJSON
	case ct == "" && len(trimmed) > 0 && trimmed[0] == '<':
		return bodyMarkup
	}
	return bodyText
}

// isBinary reports whether data is not text: invalid UTF-8 (beyond a character cut at the
// end), a NUL byte, or more than one control byte in eight among the first kilobytes.
func isBinary(data []byte) bool {
	sample := data[:min(len(data), 8<<10)]
	if bytes.IndexByte(sample, 0) >= 0 {
		return true
	}
	ctl, n := 0, 0
	for i := 0; i < len(sample); {
		r, size := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && size == 1 {
			if len(sample)-i < utf8.UTFMax && !utf8.FullRune(sample[i:]) {
				break
			}
			return true
		}
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != 0x1b {
			ctl++
		}
		n++
		i += size
	}
	return n > 0 && ctl*8 > n
}

// hexRow draws row i of a hex dump of data with per bytes a row.
func hexRow(data []byte, i, per int) row {
	start := i * per
	end := min(start+per, len(data))
	chunk := data[start:end]
	var h, a strings.Builder
	for j := 0; j < per; j++ {
		if j > 0 && j%8 == 0 {
			h.WriteByte(' ')
		}
		if j < len(chunk) {
			fmt.Fprintf(&h, "%02x ", chunk[j])
		} else {
			h.WriteString("   ")
		}
	}
	for _, c := range chunk {
		if c >= 0x20 && c < 0x7f {
			a.WriteByte(c)
		} else {
			a.WriteByte('.')
		}
	}
	r := plainRow(span{h.String(), kPlain}, span{" " + a.String(), kMuted})
	r.gutter = fmt.Sprintf("%08x", start)
	return r
}

// hexPerRow is how many bytes a hex row holds in w content cells.
func hexPerRow(w int) int {
	for _, per := range []int{16, 8, 4} {
		if per*3+per/8+1+per <= w {
			return per
		}
	}
	return 4
}
