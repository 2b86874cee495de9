package report

import (
	"fmt"
	"strings"

	"github.com/hsx-dev/hsx/internal/english"
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

// newFrameMarks collects the marks of fs on the frames of ex (see check.FramePoints).
func newFrameMarks(ex *probe.Exchange, fs []check.Finding) frameMarks {
	m := frameMarks{frames: map[int]check.Severity{}, fields: map[int]map[string]check.Severity{}}
	for _, p := range check.FramePoints(ex, fs) {
		s := fs[p.Finding].Severity
		raise(m.frames, p.Frame, s)
		if p.Field == "" {
			continue
		}
		if m.fields[p.Frame] == nil {
			m.fields[p.Frame] = map[string]check.Severity{}
		}
		raise(m.fields[p.Frame], p.Field, s)
	}
	return m
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
	for _, e := range probe.ListFrames(ex.Frames, dataRun, func(i int) bool { _, ok := m.frames[i]; return ok }) {
		if e.Frame < 0 {
			text := fmt.Sprintf("  … %d more DATA frames, %s", e.Data, english.Plural(e.Bytes, "byte"))
			if e.Updates > 0 {
				text += fmt.Sprintf(", and %d WINDOW_UPDATE frames sent", e.Updates)
			}
			t.line(0, false, t.style(t.muted, text))
			continue
		}
		i, f := e.Frame, ex.Frames[e.Frame]
		sev, marked := m.frames[i]
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
