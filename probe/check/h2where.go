package check

import "github.com/hsx-dev/hsx/probe"

// FramePoint is where a finding points among the HTTP/2 frames of an exchange: a frame, and
// one field of the header block it begins when Field is not empty.
type FramePoint struct {
	// Finding is the finding's index in the list given to FramePoints.
	Finding int
	// Frame is the index in Exchange.Frames.
	Frame int
	// Field is the field name as the frame carried it, or "" for the frame as a whole.
	Field string
}

// FramePoints returns the frames that the findings fs of an HTTP/2 exchange point at, so that
// a view can mark them: the frame a finding names, the field of the final response's head a
// header finding names (under the HEADERS frame that carried it), and that HEADERS frame for
// a finding about the status or, when it is more than a note, the response as a whole.
func FramePoints(ex *probe.Exchange, fs []Finding) []FramePoint {
	if !ex.HTTP2() {
		return nil
	}
	head := FinalHeadFrame(ex)
	var out []FramePoint
	for i, f := range fs {
		switch w := f.At.Where; {
		case w == AtFrame && f.At.Index >= 0 && f.At.Index < len(ex.Frames):
			out = append(out, FramePoint{i, f.At.Index, f.At.Name})
		case head < 0:
		case w == AtHeader:
			name := f.At.Name
			for _, h := range ex.Frames[head].Fields {
				if probe.EqualFold(h.Name, name) {
					name = h.Name
					break
				}
			}
			out = append(out, FramePoint{i, head, name})
		case w == AtStatusLine, w == AtMessage && f.Severity > Info:
			out = append(out, FramePoint{i, head, ""})
		}
	}
	return out
}

// FinalHeadFrame returns the index in ex.Frames of the HEADERS frame that began the final
// response's head on stream 1, or -1.
func FinalHeadFrame(ex *probe.Exchange) int {
	for i, f := range ex.Frames {
		if f.Sent || f.Stream != 1 || f.Type != "HEADERS" {
			continue
		}
		st, _ := pseudo(f.Fields, ":status")
		if len(st) == 3 && st[0] == '1' && !f.Has("END_STREAM") {
			continue // an interim response
		}
		return i
	}
	return -1
}
