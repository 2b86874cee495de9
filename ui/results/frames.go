package results

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// dataRun is how many unmarked DATA frames in a row the raw view of an HTTP/2 exchange lists
// before it sums up the rest of the run in one row.
const dataRun = 3

// buildFrames returns the rows of the raw view of an HTTP/2 exchange: every frame in the order
// it crossed the wire (`← HEADERS  stream 1  END_STREAM|END_HEADERS  46 B`), the decoded
// fields of each header block indented under their frame, runs of DATA summed up, and the
// frames and fields that findings point at marked. The gutter holds a received frame's offset
// in the response stream. watching says that the exchange is not over: the probe still
// watches for stray bytes.
func buildFrames(ex *probe.Exchange, fs []check.Finding, masked, watching bool) []row {
	type mark struct {
		finding int
		sev     check.Severity
	}
	frames := map[int]mark{}
	fields := map[int]map[string]mark{}
	raise := func(m map[int]mark, i int, mk mark) {
		if old, ok := m[i]; !ok || mk.sev > old.sev {
			m[i] = mk
		}
	}
	for _, p := range check.FramePoints(ex, fs) {
		mk := mark{p.Finding, fs[p.Finding].Severity}
		raise(frames, p.Frame, mk)
		if p.Field != "" {
			if fields[p.Frame] == nil {
				fields[p.Frame] = map[string]mark{}
			}
			if old, ok := fields[p.Frame][p.Field]; !ok || mk.sev > old.sev {
				fields[p.Frame][p.Field] = mk
			}
		}
	}

	var rows []row
	for _, e := range probe.ListFrames(ex.Frames, dataRun, func(i int) bool { _, ok := frames[i]; return ok }) {
		if e.Frame < 0 {
			text := fmt.Sprintf("    … %d more DATA frames, %s", e.Data, bytesText(e.Bytes))
			if e.Updates > 0 {
				text += fmt.Sprintf(", %d WINDOW_UPDATE sent", e.Updates)
			}
			rows = append(rows, plainRow(span{text, kMuted}))
			continue
		}
		i, f := e.Frame, ex.Frames[e.Frame]
		mk, marked := frames[i]
		rows = append(rows, frameRow(f, mk.finding, mk.sev, marked))
		for _, h := range f.Fields {
			fr := plainRow()
			nk, vk := kName, kPlain
			if fm, ok := fields[i][h.Name]; ok {
				fr = fr.marked(fm.finding, fm.sev)
				nk, vk = lineKind(fm.sev), lineKind(fm.sev)
			}
			fr.spans = append(fr.spans, span{"    ", kPlain})
			fr.spans = appendEscaped(fr.spans, h.Name, nk)
			fr.spans = appendEscaped(fr.spans, ": "+maskedValue(h.Name, h.Value, masked), vk)
			if !f.Sent {
				rep := h.Rep.String()
				if h.Huffman {
					rep += ", Huffman"
				}
				fr.spans = append(fr.spans, span{"  (" + rep + ")", kSubtle})
			}
			rows = append(rows, fr)
		}
		if f.BlockError != "" {
			rows = append(rows, plainRow(appendEscaped([]span{{"    header block: ", kErr}}, f.BlockError, kErr)...))
		}
	}
	if kept := int64(len(ex.Frames)); ex.FrameCount > kept {
		rows = append(rows, plainRow(span{fmt.Sprintf("── %d frames in all; the raw view keeps %d ──", ex.FrameCount, kept), kLabel}))
	}
	return append(rows, endRow(ex, watching, bytesText(ex.WireSize)+" received"))
}

// frameRow is the row of one frame: who sent it, its type, stream, flags, length and summary.
func frameRow(f probe.Frame, finding int, sev check.Severity, marked bool) row {
	r := plainRow()
	arrow, k := "← ", kName
	if f.Sent {
		arrow, k = "→ ", kMuted
	} else {
		r.gutter = strconv.FormatInt(f.Offset, 10)
	}
	if marked {
		r = r.marked(finding, sev)
		k = lineKind(sev)
	}
	r.spans = append(r.spans, span{arrow + f.Type, k}, span{fmt.Sprintf("  stream %d", f.Stream), kPlain})
	if len(f.Flags) > 0 {
		r.spans = append(r.spans, span{"  " + strings.Join(f.Flags, "|"), kPlain})
	}
	r.spans = append(r.spans, span{fmt.Sprintf("  %d B", f.Length), kMuted})
	if f.Summary != "" && f.Type != "DATA" {
		r.spans = append(r.spans, span{"  ", kPlain})
		r.spans = appendEscaped(r.spans, f.Summary, kMuted)
	}
	return r
}

// buildHeadersH2 returns the rows of the headers view of an HTTP/2 exchange: each header block
// the server sent on stream 1 (interim heads, the final head, trailers) with its fields as
// decoded, pseudo-header fields included, and the fields that findings point at marked.
func buildHeadersH2(ex *probe.Exchange, fs []check.Finding, masked bool) []row {
	marks := map[int]map[string]int{} // frame → field name → finding
	whole := map[int]int{}            // frame → finding about the block as a whole
	for _, p := range check.FramePoints(ex, fs) {
		if p.Field == "" {
			if old, ok := whole[p.Frame]; !ok || fs[p.Finding].Severity > fs[old].Severity {
				whole[p.Frame] = p.Finding
			}
			continue
		}
		if marks[p.Frame] == nil {
			marks[p.Frame] = map[string]int{}
		}
		if old, ok := marks[p.Frame][p.Field]; !ok || fs[p.Finding].Severity > fs[old].Severity {
			marks[p.Frame][p.Field] = p.Finding
		}
	}
	head := check.FinalHeadFrame(ex)
	var rows []row
	for i, f := range ex.Frames {
		if f.Sent || f.Stream != 1 || f.Type != "HEADERS" {
			continue
		}
		title := "final response"
		switch {
		case head < 0 || i < head:
			title = "interim response"
		case i > head:
			title = "trailers"
		}
		sec := sectionRow(title + " · HEADERS " + strings.Join(f.Flags, "|"))
		if fi, ok := whole[i]; ok {
			sec = recolor(sec.marked(fi, fs[fi].Severity), fs[fi].Severity)
		}
		rows = append(rows, sec)
		for _, h := range f.Fields {
			spans := appendEscaped(nil, h.Name, kName)
			spans = append(spans, span{": ", kPunct})
			r := plainRow(appendEscaped(spans, maskedValue(h.Name, h.Value, masked), kPlain)...)
			if fi, ok := marks[i][h.Name]; ok {
				r = recolor(r.marked(fi, fs[fi].Severity), fs[fi].Severity)
			}
			rows = append(rows, r)
		}
	}
	return rows
}
