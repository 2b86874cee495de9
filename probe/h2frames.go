package probe

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// HTTP2Mode says whether a request may be sent over HTTP/2, as curl's --http1.1, --http2 and
// --http2-prior-knowledge say.
type HTTP2Mode uint8

// The HTTP versions a request can ask for.
const (
	// HTTP1Only sends HTTP/1.1 (or HTTP/1.0 with Request.HTTP10), and offers only http/1.1 in
	// TLS ALPN: curl's --http1.1, and the default.
	HTTP1Only HTTP2Mode = iota
	// HTTP2ALPN offers h2 and http/1.1 in TLS ALPN and speaks what the server picks: curl's
	// --http2. Over cleartext it would need the h2c upgrade, which probe does not do: the
	// request is refused.
	HTTP2ALPN
	// HTTP2Prior speaks HTTP/2 from the first byte over cleartext (h2c with prior knowledge)
	// and, over TLS, offers h2 and http/1.1 in ALPN as HTTP2ALPN does: curl's
	// --http2-prior-knowledge.
	HTTP2Prior
)

// ProtoHTTP2 is the version an HTTP/2 exchange records in Sent.Proto and StatusLine.Proto.
const ProtoHTTP2 = "HTTP/2"

// Limits of the HTTP/2 reader.
const (
	// MaxFrames is how many frames Exchange.Frames describes; the rest are only counted in
	// FrameCount. Frames other than the response body's DATA (and probe's WINDOW_UPDATE
	// frames that answer it) are kept past it, up to twice as many.
	MaxFrames = 4096
	// h2Window is the flow-control window probe grants the server for the stream and for the
	// connection; it is replenished with WINDOW_UPDATE as DATA arrives.
	h2Window = 4 << 20
)

// Representation is how one field of a header block was encoded with HPACK (RFC 7541 §6).
type Representation uint8

// The HPACK field representations.
const (
	Indexed        Representation = iota // the whole field from the table (§6.1)
	LiteralIndexed                       // a literal added to the dynamic table (§6.2.1)
	Literal                              // a literal not added to the table (§6.2.2)
	NeverIndexed                         // a literal that must never be indexed (§6.2.3)
)

// String names the representation: "indexed", "literal, indexed", "literal" or
// "literal, never indexed".
func (r Representation) String() string {
	switch r {
	case Indexed:
		return "indexed"
	case LiteralIndexed:
		return "literal, indexed"
	case NeverIndexed:
		return "literal, never indexed"
	}
	return "literal"
}

// HeaderField is one field of an HTTP/2 header block as decoded, pseudo-header fields
// included, exactly as the server sent it: its name is not folded to lower case.
type HeaderField struct {
	Name, Value string
	// Rep is how the field was encoded.
	Rep Representation
	// NameIndex is the table index the name (or, for Indexed, the whole field) came from;
	// zero when the name was a literal.
	NameIndex uint64
	// Huffman reports whether a literal name or value was Huffman-coded.
	Huffman bool
}

// Setting is one parameter of a SETTINGS frame.
type Setting struct {
	Name  string // e.g. "MAX_CONCURRENT_STREAMS", or "UNKNOWN_SETTING_0x0a"
	Value uint32
}

// Frame is one HTTP/2 frame of an exchange, sent or received, in the order it crossed the wire.
type Frame struct {
	// Sent reports whether probe wrote the frame; otherwise the server sent it.
	Sent bool
	// Type is the frame type's name ("HEADERS", "DATA", …), or "UNKNOWN_0x.." for a type
	// RFC 9113 does not define.
	Type string
	// Flags names the flags set, in bit order ("END_STREAM", "END_HEADERS", "ACK", …); Bits
	// holds them as sent.
	Flags []string
	Bits  uint8
	// Stream is the stream identifier; 0 for the connection.
	Stream uint32
	// Length is the length of the payload.
	Length uint32
	// Offset is where the frame header began in the stream of bytes it belongs to (the
	// response stream for a received frame); At is when it was read or written, from the start
	// of the exchange's write.
	Offset int64
	At     time.Duration
	// Summary describes the payload in one line ("16384 bytes", "MAX_FRAME_SIZE=16384",
	// "+65535", "PROTOCOL_ERROR").
	Summary string
	// Fields is the decoded header block that this HEADERS frame begins (with its CONTINUATION
	// frames), pseudo-header fields included; BlockError says why decoding stopped early.
	Fields     []HeaderField
	BlockError string
	// Settings lists a SETTINGS frame's parameters.
	Settings []Setting
	// ErrCode is the error code of a RST_STREAM or GOAWAY frame ("NO_ERROR", "PROTOCOL_ERROR",
	// …), LastStream and Debug the GOAWAY's last stream ID and debug data.
	ErrCode    string
	LastStream uint32
	Debug      string
}

// Has reports whether the frame has the flag named name set.
func (f Frame) Has(name string) bool {
	for _, n := range f.Flags {
		if n == name {
			return true
		}
	}
	return false
}

// HTTP2 reports whether the exchange ran over HTTP/2.
func (ex *Exchange) HTTP2() bool { return ex != nil && ex.Request.Proto == ProtoHTTP2 }

// flagNames names the flags of a frame of type t set in bits.
func flagNames(t http2.FrameType, bits http2.Flags) []string {
	var names []string
	for i := 0; i < 8; i++ {
		b := http2.Flags(1 << i)
		if bits&b == 0 {
			continue
		}
		if knownFlag(t, b) {
			names = append(names, flagName(t, b))
			continue
		}
		names = append(names, fmt.Sprintf("0x%02x", uint8(b)))
	}
	return names
}

// knownFlag reports whether flag b is defined for frame type t (RFC 9113 §6).
func knownFlag(t http2.FrameType, b http2.Flags) bool {
	switch t {
	case http2.FrameData:
		return b == http2.FlagDataEndStream || b == http2.FlagDataPadded
	case http2.FrameHeaders:
		return b == http2.FlagHeadersEndStream || b == http2.FlagHeadersEndHeaders ||
			b == http2.FlagHeadersPadded || b == http2.FlagHeadersPriority
	case http2.FrameSettings, http2.FramePing:
		return b == http2.FlagSettingsAck
	case http2.FrameContinuation, http2.FramePushPromise:
		return b == http2.FlagContinuationEndHeaders || (t == http2.FramePushPromise && b == http2.FlagPushPromisePadded)
	}
	return false
}

// flagName is the RFC's name of flag b of frame type t.
func flagName(t http2.FrameType, b http2.Flags) string {
	switch {
	case b == 0x1 && (t == http2.FrameSettings || t == http2.FramePing):
		return "ACK"
	case b == 0x1:
		return "END_STREAM"
	case b == 0x4:
		return "END_HEADERS"
	case b == 0x8:
		return "PADDED"
	case b == 0x20:
		return "PRIORITY"
	}
	return fmt.Sprintf("0x%02x", uint8(b))
}

// typeName names frame type t as RFC 9113 §6 does.
func typeName(t http2.FrameType) string {
	switch t {
	case http2.FrameData, http2.FrameHeaders, http2.FramePriority, http2.FrameRSTStream,
		http2.FrameSettings, http2.FramePushPromise, http2.FramePing, http2.FrameGoAway,
		http2.FrameWindowUpdate, http2.FrameContinuation:
		return t.String()
	}
	return fmt.Sprintf("UNKNOWN_0x%02x", uint8(t))
}

// settingName names setting id as RFC 9113 §6.5.2 does.
func settingName(id http2.SettingID) string {
	s := id.String()
	if strings.HasPrefix(s, "UNKNOWN_SETTING_") {
		return fmt.Sprintf("UNKNOWN_SETTING_0x%02x", uint16(id))
	}
	return strings.TrimPrefix(s, "SETTINGS_")
}

// errCodeName names an HTTP/2 error code (RFC 9113 §7), e.g. "PROTOCOL_ERROR".
func errCodeName(c http2.ErrCode) string {
	s := c.String()
	if strings.HasPrefix(s, "unknown error code") {
		return fmt.Sprintf("UNKNOWN_ERROR_0x%x", uint32(c))
	}
	return s
}

// errBlockEnd is a header block that ends inside a representation.
var errBlockEnd = errors.New("the header block ends inside a field representation")

// decodeBlock decodes a complete header block with dec, one representation at a time, so that
// each field keeps the representation it was sent with. It returns the fields decoded and,
// when the block could not be decoded to its end, why.
func decodeBlock(dec *hpack.Decoder, block []byte) ([]HeaderField, error) {
	var fields []HeaderField
	var got []hpack.HeaderField
	dec.SetEmitFunc(func(f hpack.HeaderField) { got = append(got, f) })
	for len(block) > 0 {
		n, hf, err := representation(block)
		if err != nil {
			return fields, err
		}
		got = got[:0]
		if _, err := dec.Write(block[:n]); err != nil {
			return fields, err
		}
		block = block[n:]
		if hf == nil { // a dynamic table size update
			continue
		}
		for _, f := range got {
			hf.Name, hf.Value = f.Name, f.Value
			fields = append(fields, *hf)
		}
	}
	if err := dec.Close(); err != nil {
		return fields, err
	}
	return fields, nil
}

// representation reads the HPACK representation at the start of b (RFC 7541 §6) and returns
// its length and what it says of the field (nil for a dynamic table size update).
func representation(b []byte) (int, *HeaderField, error) {
	c := b[0]
	var prefix uint8
	hf := &HeaderField{}
	switch {
	case c&0x80 != 0:
		n, idx, err := hpackInt(b, 7)
		hf.Rep, hf.NameIndex = Indexed, idx
		return n, hf, err
	case c&0xc0 == 0x40:
		prefix, hf.Rep = 6, LiteralIndexed
	case c&0xe0 == 0x20:
		n, _, err := hpackInt(b, 5)
		return n, nil, err
	case c&0xf0 == 0x10:
		prefix, hf.Rep = 4, NeverIndexed
	default:
		prefix, hf.Rep = 4, Literal
	}
	n, idx, err := hpackInt(b, prefix)
	if err != nil {
		return 0, nil, err
	}
	hf.NameIndex = idx
	strs := 1
	if idx == 0 {
		strs = 2
	}
	for range strs {
		if n >= len(b) {
			return 0, nil, errBlockEnd
		}
		huff := b[n]&0x80 != 0
		m, size, err := hpackInt(b[n:], 7)
		if err != nil {
			return 0, nil, err
		}
		if size > uint64(len(b)-n-m) {
			return 0, nil, errBlockEnd
		}
		hf.Huffman = hf.Huffman || huff
		n += m + int(size)
	}
	return n, hf, nil
}

// hpackInt reads an integer with an N-bit prefix (RFC 7541 §5.1) from the start of b and
// returns how many bytes it took.
func hpackInt(b []byte, n uint8) (int, uint64, error) {
	if len(b) == 0 {
		return 0, 0, errBlockEnd
	}
	mask := uint64(1)<<n - 1
	v := uint64(b[0]) & mask
	if v < mask {
		return 1, v, nil
	}
	var m uint
	for i := 1; i < len(b); i++ {
		if m > 56 {
			return 0, 0, errors.New("an HPACK integer is too large")
		}
		v += uint64(b[i]&0x7f) << m
		m += 7
		if b[i]&0x80 == 0 {
			return i + 1, v, nil
		}
	}
	return 0, 0, errBlockEnd
}

// FrameEntry is one entry of a list of frames as a view shows it: a frame (Frame is its index
// in the list), or, with Frame -1, a summary of frames left out of a long run of DATA: how many
// DATA frames, their payload bytes, and how many of probe's own WINDOW_UPDATE frames went with
// them.
type FrameEntry struct {
	Frame   int
	Data    int
	Bytes   int64
	Updates int
}

// ListFrames returns the entries of a list of frames in which runs of DATA frames are cut to
// their first keep frames and a summary of the rest. A frame that listed says must be shown is
// never left out, and starts a new run.
func ListFrames(frames []Frame, keep int, listed func(i int) bool) []FrameEntry {
	var out []FrameEntry
	run := 0
	skip := FrameEntry{Frame: -1}
	flush := func() {
		if skip.Data > 0 {
			out = append(out, skip)
		}
		skip = FrameEntry{Frame: -1}
	}
	for i, f := range frames {
		must := listed(i)
		switch {
		case f.Type == "DATA" && !must:
			if run++; run > keep {
				skip.Data++
				skip.Bytes += int64(f.Length)
				continue
			}
		case f.Sent && f.Type == "WINDOW_UPDATE" && !must && run > keep:
			skip.Updates++
			continue
		default:
			run = 0
		}
		flush()
		out = append(out, FrameEntry{Frame: i})
	}
	flush()
	return out
}
