package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/replay"
)

// Object is the machine-readable report of `hsx check --json`: the final exchange, its
// findings, its timing and its error, plus the earlier hops of a followed redirect chain.
type Object struct {
	Request  Request   `json:"request"`
	Response *Response `json:"response"`
	Findings []Finding `json:"findings"`
	TimingMS Timing    `json:"timing_ms"`
	// Error is the one-line cause when no final response arrived; then Response is nil.
	Error *string `json:"error"`
	// Redirects are the hops before the final one, in order, when redirects were followed.
	Redirects []Hop `json:"redirects,omitempty"`
	// Clients is what real client stacks made of the response replayed to them (check
	// --clients).
	Clients []replay.Result `json:"clients,omitempty"`
	// Followups are the follow-up exchanges of check --deep, in the order they were sent.
	Followups []FollowupHop `json:"followups,omitempty"`
	// Frames are the final exchange's HTTP/2 frames, sent and received, in order; absent over
	// HTTP/1.x.
	Frames []Frame `json:"frames,omitempty"`
	// FrameCount is how many frames there were in all, with HTTP/2; more than len(Frames) when
	// a long body's DATA frames were only counted.
	FrameCount int64 `json:"frame_count,omitempty"`
	// Proxy is the proxy the final exchange went through, with its CONNECT step; absent for a
	// direct connection.
	Proxy *Proxy `json:"proxy,omitempty"`
}

// Hop is one earlier exchange of a redirect chain.
type Hop struct {
	Request  Request   `json:"request"`
	Response *Response `json:"response"`
	Findings []Finding `json:"findings"`
	Proxy    *Proxy    `json:"proxy,omitempty"`
}

// Request is the request as sent. Proto is the version in its request line ("HTTP/1.1", or
// "HTTP/1.0" with -0), or "HTTP/2"; it is left out for a request that was not valid enough to
// write. Over HTTP/2, Headers is the header list as sent, pseudo-header fields first.
type Request struct {
	Method  string      `json:"method"`
	URL     string      `json:"url"`
	Proto   string      `json:"proto,omitempty"`
	Headers [][2]string `json:"headers"`
}

// Response is the final response's status line, header fields and sizes.
type Response struct {
	Proto      string      `json:"proto"`
	Status     int         `json:"status"`
	Reason     string      `json:"reason"`
	Headers    [][2]string `json:"headers"`
	BodyBytes  int64       `json:"body_bytes"`
	ExtraBytes int64       `json:"extra_bytes"`
	Interim    []Interim   `json:"interim"`
	// ContentCoding is there when the response names a Content-Encoding.
	ContentCoding *ContentCoding `json:"content_coding,omitempty"`
}

// ContentCoding describes a response's content codings and what decoding them gave.
type ContentCoding struct {
	// Codings are the codings named, lowercased, in the order they were applied.
	Codings []string `json:"codings"`
	// WireBytes is the size of the coded body (transfer coding removed).
	WireBytes int64 `json:"wire_bytes"`
	// DecodedBytes is the size of the decoded content (up to the error); null when the body
	// was left coded.
	DecodedBytes *int64 `json:"decoded_bytes"`
	// Error says why decoding failed or stopped; ErrorOffset is where in the body it did.
	Error       *string `json:"error"`
	ErrorOffset *int64  `json:"error_offset,omitempty"`
	// LeftCoded says why the body was not decoded (a coding hsx has no decoder for, a 206).
	LeftCoded string `json:"left_coded,omitempty"`
	// RawDeflate is true for a deflate coding sent without its zlib wrapper.
	RawDeflate bool `json:"raw_deflate,omitempty"`
}

// Interim is one 1xx response that came before the final one.
type Interim struct {
	Status int `json:"status"`
}

// Finding is one finding and where it points: the field name of a header (or trailer), a byte
// range of the body, of the decoded content or of the extra bytes, the index of a head line (0
// is the status line), or the index of an interim response.
type Finding struct {
	ID       string    `json:"id"`
	Severity string    `json:"severity"`
	Message  string    `json:"message"`
	Ref      string    `json:"ref"`
	Header   string    `json:"header,omitempty"`
	Trailer  string    `json:"trailer,omitempty"`
	Body     *[2]int64 `json:"body,omitempty"`
	Content  *[2]int64 `json:"content,omitempty"`
	Extra    *[2]int64 `json:"extra,omitempty"`
	Line     *int      `json:"line,omitempty"`
	Interim  *int      `json:"interim,omitempty"`
	// Frame is the index in Object.Frames of the HTTP/2 frame the finding points at.
	Frame *int `json:"frame,omitempty"`
}

// Timing is the duration of each phase in milliseconds.
type Timing struct {
	DNS     float64 `json:"dns"`
	Connect float64 `json:"connect"`
	TLS     float64 `json:"tls"`
	TTFB    float64 `json:"ttfb"`
	Total   float64 `json:"total"`
}

// NewObject builds the report of a chain of exchanges (the last is the final one) and the
// findings of each (findings[i] belongs to exs[i]; missing entries mean none).
func NewObject(exs []*probe.Exchange, findings [][]check.Finding) Object {
	if len(exs) == 0 {
		return Object{Findings: []Finding{}}
	}
	last := len(exs) - 1
	ex := exs[last]
	o := Object{
		Request:  jsonRequest(ex),
		Findings: jsonFindings(at(findings, last)),
		TimingMS: Timing{DNS: ms(ex.Timing.DNS.Seconds()), Connect: ms(ex.Timing.Connect.Seconds()),
			TLS: ms(ex.Timing.TLS.Seconds()), TTFB: ms(ex.Timing.TTFB.Seconds()), Total: ms(ex.Timing.Total.Seconds())},
		Proxy: jsonProxy(ex),
	}
	if ex.Err != nil {
		msg := ex.Err.Error()
		o.Error = &msg
	} else {
		o.Response = jsonResponse(ex)
	}
	o.Frames = jsonFrames(ex)
	if o.Frames != nil {
		o.FrameCount = max(ex.FrameCount, int64(len(o.Frames)))
	}
	for i, hop := range exs[:last] {
		o.Redirects = append(o.Redirects, Hop{Request: jsonRequest(hop), Response: jsonResponse(hop),
			Findings: jsonFindings(at(findings, i)), Proxy: jsonProxy(hop)})
	}
	return o
}

// JSON writes the report of exs as one JSON object on one line. Strings hold what the server
// sent; control characters in them are always written as \u escapes (C0 controls and invalid
// UTF-8 by encoding/json, DEL and C1 controls here), so the output is safe on a terminal.
func JSON(w io.Writer, exs []*probe.Exchange, findings [][]check.Finding) error {
	return Encode(w, NewObject(exs, findings))
}

// Encode writes o as JSON on one line, escaped as JSON does.
func Encode(w io.Writer, o Object) error {
	b, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("encoding the JSON report: %w", err)
	}
	b = append(escapeControls(b), '\n')
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("writing the JSON report: %w", err)
	}
	return nil
}

// escapeControls rewrites DEL (0x7f) and the C1 controls (U+0080 to U+009F) in encoded JSON as
// \u escapes; encoding/json leaves them raw. They can only occur inside strings.
func escapeControls(b []byte) []byte {
	const hex = "0123456789abcdef"
	out := b[:0:0]
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == 0x7f:
			out = append(out, `\u007f`...)
		case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			out = append(out, '\\', 'u', '0', '0', hex[b[i+1]>>4], hex[b[i+1]&0xf])
			i++
		default:
			out = append(out, c)
		}
	}
	return out
}

func at(findings [][]check.Finding, i int) []check.Finding {
	if i < len(findings) {
		return findings[i]
	}
	return nil
}

// ms turns seconds into milliseconds rounded to microseconds.
func ms(s float64) float64 { return math.Round(s*1e6) / 1e3 }

func jsonRequest(ex *probe.Exchange) Request {
	r := Request{Method: ex.Request.Method, Proto: ex.Request.Proto, Headers: pairs(ex.Request.Header)}
	if ex.Request.URL != nil {
		r.URL = ex.Request.URL.String()
	}
	return r
}

func jsonResponse(ex *probe.Exchange) *Response {
	resp := ex.Response
	if resp == nil {
		return nil
	}
	r := &Response{
		Proto:      resp.Status.Proto,
		Status:     resp.Status.Code,
		Reason:     resp.Status.Reason,
		Headers:    pairs(resp.Header),
		BodyBytes:  resp.Body.Size,
		ExtraBytes: ex.Extra.Size,
		Interim:    []Interim{},
	}
	for _, in := range ex.Interim {
		r.Interim = append(r.Interim, Interim{Status: in.Status.Code})
	}
	r.ContentCoding = jsonCoding(resp)
	return r
}

func jsonCoding(resp *probe.Response) *ContentCoding {
	cc := resp.Coding
	if cc == nil {
		return nil
	}
	j := &ContentCoding{Codings: cc.Codings, WireBytes: resp.Body.Size, LeftCoded: cc.NotDecoded, RawDeflate: cc.RawDeflate}
	if cc.NotDecoded == "" {
		n := cc.Content.Size
		j.DecodedBytes = &n
	}
	if cc.Err != "" {
		msg, off := cc.Err, cc.ErrOffset
		j.Error, j.ErrorOffset = &msg, &off
	}
	return j
}

func pairs(fields []probe.Field) [][2]string {
	out := make([][2]string, 0, len(fields))
	for _, f := range fields {
		out = append(out, [2]string{f.Name, f.Value})
	}
	return out
}

func jsonFindings(fs []check.Finding) []Finding {
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		jf := Finding{ID: f.ID, Severity: f.Severity.String(), Message: f.Message, Ref: f.Ref}
		switch f.At.Where {
		case check.AtHeader:
			jf.Header = f.At.Name
		case check.AtTrailer:
			jf.Trailer = f.At.Name
		case check.AtBody:
			jf.Body = &[2]int64{f.At.Start, f.At.End}
		case check.AtContent:
			jf.Content = &[2]int64{f.At.Start, f.At.End}
		case check.AtExtra:
			jf.Extra = &[2]int64{f.At.Start, f.At.End}
		case check.AtStatusLine:
			zero := 0
			jf.Line = &zero
		case check.AtLine:
			i := f.At.Index
			jf.Line = &i
		case check.AtInterim:
			i := f.At.Index
			jf.Interim = &i
		case check.AtFrame:
			i := f.At.Index
			jf.Frame = &i
			if f.At.Name != "" {
				jf.Header = f.At.Name
			}
		}
		out = append(out, jf)
	}
	return out
}
