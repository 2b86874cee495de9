package report

import (
	"fmt"
	"strings"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// Frame is one HTTP/2 frame in the JSON report, in the order the frames crossed the wire.
// Sent is true for the frames hsx wrote; Summary describes the payload, Fields are a header
// block's decoded fields (pseudo-header fields first, as sent), ErrorCode and Debug those of a
// RST_STREAM or GOAWAY.
type Frame struct {
	Type      string      `json:"type"`
	Flags     []string    `json:"flags"`
	Stream    uint32      `json:"stream"`
	Length    uint32      `json:"length"`
	Sent      bool        `json:"sent,omitempty"`
	Summary   string      `json:"summary,omitempty"`
	Fields    [][2]string `json:"fields,omitempty"`
	ErrorCode string      `json:"error_code,omitempty"`
	Debug     string      `json:"debug,omitempty"`
}

// jsonFrames lists the frames of an HTTP/2 exchange; nil over HTTP/1.x.
func jsonFrames(ex *probe.Exchange) []Frame {
	if len(ex.Frames) == 0 {
		return nil
	}
	out := make([]Frame, len(ex.Frames))
	for i, f := range ex.Frames {
		jf := Frame{Type: f.Type, Flags: append([]string{}, f.Flags...), Stream: f.Stream, Length: f.Length,
			Sent: f.Sent, Summary: f.Summary, ErrorCode: f.ErrCode, Debug: f.Debug}
		for _, h := range f.Fields {
			jf.Fields = append(jf.Fields, [2]string{h.Name, h.Value})
		}
		out[i] = jf
	}
	return out
}

// frameMarks are the severities of the findings that point at frames: at the frame as a whole,
// and at one field of its header block by name.
type frameMarks struct {
	frames map[int]check.Severity
	fields map[int]map[string]check.Severity
}

// newFrameMarks collects the marks of fs on the frames of ex. A finding about a header field
// of the final response marks that field under the HEADERS frame that carried it.
func newFrameMarks(ex *probe.Exchange, fs []check.Finding) frameMarks {
	m := frameMarks{frames: map[int]check.Severity{}, fields: map[int]map[string]check.Severity{}}
	head := finalHeadFrame(ex)
	field := func(i int, name string, s check.Severity) {
		if m.fields[i] == nil {
			m.fields[i] = map[string]check.Severity{}
		}
		if old, ok := m.fields[i][name]; !ok || s > old {
			m.fields[i][name] = s
		}
		raise(m.frames, i, s)
	}
	for _, f := range fs {
		switch {
		case f.At.Where == check.AtFrame && f.At.Name != "":
			field(f.At.Index, f.At.Name, f.Severity)
		case f.At.Where == check.AtFrame:
			raise(m.frames, f.At.Index, f.Severity)
		case f.At.Where == check.AtHeader && head >= 0:
			field(head, probe.LowerASCII(f.At.Name), f.Severity)
		case (f.At.Where == check.AtStatusLine || f.At.Where == check.AtMessage && f.Severity > check.Info) && head >= 0:
			raise(m.frames, head, f.Severity)
		}
	}
	return m
}

// finalHeadFrame is the index of the HEADERS frame that began the final response's head, or -1.
func finalHeadFrame(ex *probe.Exchange) int {
	for i, f := range ex.Frames {
		if f.Sent || f.Stream != 1 || f.Type != "HEADERS" {
			continue
		}
		if interimHead(f) {
			continue
		}
		return i
	}
	return -1
}

// interimHead reports whether f is the HEADERS frame of an interim 1xx response.
func interimHead(f probe.Frame) bool {
	for _, h := range f.Fields {
		if h.Name == ":status" {
			return len(h.Value) == 3 && h.Value[0] == '1' && !f.Has("END_STREAM")
		}
	}
	return false
}

// dataRun is how many unmarked DATA frames in a row the text report lists before it sums up
// the rest of the run in one line.
const dataRun = 3

// frames writes the frames of an HTTP/2 exchange in order, the decoded fields of each header
// block indented under its frame, the frames and fields that findings point at marked.
func (t *writer) frames(ex *probe.Exchange, fs []check.Finding) {
	title := "frames"
	kept := int64(len(ex.Frames))
	if ex.FrameCount > kept {
		title += t.style(t.muted, fmt.Sprintf(" (%d in all, %d of them kept)", ex.FrameCount, kept))
	}
	t.heading(title)
	m := newFrameMarks(ex, fs)
	run, skipped, updates, skippedBytes := 0, 0, 0, int64(0)
	flush := func() {
		if skipped > 0 {
			text := fmt.Sprintf("  … %d more DATA frames, %s", skipped, plural(skippedBytes, "byte"))
			if updates > 0 {
				text += fmt.Sprintf(", and %d WINDOW_UPDATE frames sent", updates)
			}
			t.line(0, false, t.style(t.muted, text))
		}
		skipped, updates, skippedBytes = 0, 0, 0
	}
	for i, f := range ex.Frames {
		sev, marked := m.frames[i]
		switch {
		case f.Type == "DATA" && !marked:
			if run++; run > dataRun {
				skipped++
				skippedBytes += int64(f.Length)
				continue
			}
		case f.Sent && f.Type == "WINDOW_UPDATE" && !marked && run > dataRun:
			// hsx's own flow-control answers inside a long run of DATA are summed up with it.
			updates++
			continue
		default:
			run = 0
		}
		flush()
		t.line(sev, marked, frameLine(f))
		for _, h := range f.Fields {
			fsev, fmarked := m.fields[i][h.Name]
			text := "      " + termsafe.String(h.Name+": "+h.Value, termsafe.Line)
			if !f.Sent {
				rep := h.Rep.String()
				if h.Huffman {
					rep += ", Huffman"
				}
				text += t.style(t.muted, "  ("+rep+")")
			}
			t.line(fsev, fmarked, text)
		}
		if f.BlockError != "" {
			t.line(check.Error, true, "      header block: "+termsafe.String(f.BlockError, termsafe.Line))
		}
	}
	flush()
	if ex.FrameCount > kept {
		t.line(0, false, t.style(t.muted, fmt.Sprintf("  … %d more frames, counted but not kept", ex.FrameCount-kept)))
	}
}

// frameLine is one frame in the text report: `← HEADERS  stream 1  END_STREAM|END_HEADERS  46 B`,
// with an arrow that says who sent it and the payload's summary after it.
func frameLine(f probe.Frame) string {
	arrow := "←"
	if f.Sent {
		arrow = "→"
	}
	parts := []string{arrow + " " + f.Type, fmt.Sprintf("stream %d", f.Stream)}
	if len(f.Flags) > 0 {
		parts = append(parts, strings.Join(f.Flags, "|"))
	}
	parts = append(parts, fmt.Sprintf("%d B", f.Length))
	if f.Summary != "" && f.Type != "DATA" {
		parts = append(parts, termsafe.String(f.Summary, termsafe.Line))
	}
	return strings.Join(parts, "  ")
}
