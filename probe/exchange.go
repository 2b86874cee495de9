// Package probe sends one HTTP request over a connection it dials itself and records the
// response exactly as it crossed the wire: every line with its byte offset and line ending, the
// parsed status line and header fields, interim 1xx responses, how the body was framed, the body,
// and any bytes that arrived beyond the message's framing.
//
// probe never observes a response through net/http's client, because that client discards the
// very bytes this package exists to show (a body after a 204, for one).
//
// The probe tree holds the whole HTTP side of hsx, and nothing in it knows the terminal UI or
// the documents:
//
//   - probe, this package: the client. Do sends one request and reads one exchange, Run follows
//     redirects, Parse reads an exchange from recorded bytes.
//   - probe/check: the rules. A catalog of rules, each judging an Exchange into Findings.
//   - probe/curl: the curl import. Requests read from curl's flags or a pasted curl command, and
//     written back out as one.
//   - probe/lab: the lab server. Correct and broken scenarios to send requests to.
//   - probe/report: the reports. The text and JSON output of "hsx check".
//   - probe/termsafe: terminal safety. What a server sent, made safe to print.
package probe

import (
	"crypto/x509"
	"fmt"
	"io"
	"net/url"
	"time"
)

// Request is what to send. The zero value of every optional field is a sensible default.
type Request struct {
	// Method is the request method token; empty means GET.
	Method string
	// URL is an absolute http or https URL.
	URL string
	// Header holds the caller's header fields, in order. probe writes them with fields of its
	// own, the way curl lays out a request: Host first, then Authorization (only for
	// credentials in the URL), User-Agent (UserAgent) and Accept ("*/*"); then the caller's
	// other fields in order; then, for a body, Content-Length and Content-Type (probe adds no
	// Content-Type of its own). A request sent to a proxy in absolute form also has
	// Proxy-Authorization after Host and Proxy-Connection after Accept-Encoding (see OwnFields). A
	// caller's field with one of these names
	// (case-insensitively) takes that place and replaces probe's own, unless Omit names it.
	// A field with an empty value is written as "Name:" with nothing after the colon.
	// Connection is never added.
	Header []Field
	// Omit names fields of probe's own (see Header) that must not be sent: curl's
	// -H 'Name:'. A caller's field of an omitted name is still sent, in its place in Header,
	// which is where curl puts a field given with -H: Omit = ["Accept"] with Header =
	// [{X-A 1} {Accept a}] writes X-A before Accept and no "Accept: */*".
	Omit []string
	// Body is sent as-is with a Content-Length. Nil means no body.
	Body []byte
	// Insecure turns off TLS certificate verification (curl's -k).
	Insecure bool
	// FollowRedirects follows up to MaxRedirects 3xx responses with a Location (curl's -L).
	FollowRedirects bool
	// PathAsIs sends the URL's path as it is; without it, its "." and ".." segments are
	// resolved first (RFC 3986 §5.2.4), as curl does unless --path-as-is: "/a/../b" is sent
	// as "/b". Segments written as %2e are never resolved.
	PathAsIs bool
	// HTTP2 says whether the request may go over HTTP/2 (see HTTP2Mode); the zero value is
	// HTTP/1.1 only. HTTP10 takes precedence.
	HTTP2 HTTP2Mode
	// HTTP10 sends the request as HTTP/1.0 (curl's -0), to see how a server answers an
	// HTTP/1.0 client: no chunked framing (RFC 9112 §6.1), and usually a closed connection.
	HTTP10 bool
	// Timeout bounds the whole exchange, every hop included; zero means DefaultTimeout.
	Timeout time.Duration
	// ConnectTimeout, when more than zero, bounds the connection phase of each hop: DNS, TCP
	// connect and the TLS handshake (curl's --connect-timeout). Timeout still bounds it too.
	ConnectTimeout time.Duration
	// Grace is how long to keep reading after a response that must be bodyless (204, 304, any
	// response to HEAD) so that stray bytes are caught: the watch ends that long after the
	// head, or after the last stray byte, arrived, or at once when the server closes. Zero
	// means an adaptive window: GraceFloor plus GraceRTTs times the measured TCP connect
	// time (the connection's round trip). Timeout bounds it either way.
	Grace time.Duration
	// BodyLimit is how many body bytes are kept in memory; the rest are only counted.
	// Zero means DefaultBodyLimit.
	BodyLimit int64
	// Progress, when not nil, is called from the reading goroutine with the number of response
	// bytes received so far. It must be cheap and safe for concurrent use.
	Progress func(received int64)
	// Watching, when not nil, is called from the reading goroutine when the stray-byte watch
	// after a response that must be bodyless begins (see Grace), its head read, and again each
	// time stray bytes arrive during the watch (over HTTP/2, each frame that arrives during it).
	// partial is the exchange as it stands: the final response, the stray bytes so far in
	// Extra, the stream so far in Wire and WireSize, Timing.Watch the window, Timing.Total the
	// time so far.
	// It is the callee's to keep: no goroutine writes to it or to the memory it points to
	// afterwards, so it may be read from another goroutine while the exchange goes on. It
	// shares that memory with later snapshots and with the exchange Do returns, so it must
	// not be written to. With redirects followed, only the last hop is reported: a redirect
	// that is followed is watched, but it is not the answer. It must be cheap, since the
	// reading waits for it.
	Watching func(partial *Exchange)
	// Compressed asks for compressed content, as curl's --compressed does: an Accept-Encoding
	// field with AcceptEncoding is sent unless the caller set one.
	Compressed bool
	// BodyTo, when not nil, receives the whole body of the final response as it streams in,
	// with the transfer coding (chunked) removed and any content coding left on: every byte,
	// not only the BodyLimit kept. With redirects followed, only the last response's body.
	BodyTo io.Writer
	// Proxy says whether the request goes through an HTTP proxy (curl's -x, --noproxy,
	// --proxy-user, -p and the proxy environment variables). Plain http goes to the proxy in
	// absolute form ("GET http://host/path HTTP/1.1"); https, and http with Proxy.Tunnel, go
	// through a CONNECT tunnel, and the exchange inside the tunnel is the one recorded.
	Proxy Proxy
	// Resolve sends connections for a host and port to the addresses given, instead of those
	// of a DNS lookup (curl's --resolve). With a proxy, it applies to the proxy's name.
	Resolve []Resolve
	// ConnectTo sends connections for a host and port to another host and port (curl's
	// --connect-to); Resolve then applies to the new host. With a proxy, it changes where the
	// CONNECT tunnel leads, and as with curl, a request it sends elsewhere goes through a
	// tunnel even for plain http.
	ConnectTo []ConnectTo
	// UnixSocket, when not empty, is the path of a Unix domain socket to connect to instead of
	// the URL's host and port (curl's --unix-socket); the URL still gives the Host field, the
	// path and, for https, the TLS server name. No proxy is used.
	UnixSocket string
	// AbstractSocket makes UnixSocket a name in Linux's abstract socket namespace (curl's
	// --abstract-unix-socket).
	AbstractSocket bool
	// ContentTo is BodyTo for the content with its content codings removed (RFC 9110 §8.4);
	// where a coding cannot be removed, it receives the coded body, and where decoding fails,
	// the content decoded up to that point. Content written there is decoded to its end, past
	// MaxContentRatio.
	ContentTo io.Writer
}

// Defaults for the optional fields of Request, and the limits of the parser.
const (
	DefaultTimeout   = 10 * time.Second
	DefaultBodyLimit = 1 << 20 // bytes of body (and of extra bytes) kept in memory
	MaxHeaderBytes   = 1 << 20 // bytes in one response's header section
	MaxHeaderLines   = 10000   // field lines in one response's header section
	MaxRedirects     = 10
	MaxWireCapture   = 2 << 20 // bytes of the raw stream kept for the raw view
)

// The adaptive stray-byte watch after a bodyless response, used when Request.Grace is zero.
// GraceFloor covers a server's own gap between writing the head and writing stray bytes after
// it (an application that writes the head and then, in a second call some milliseconds later,
// a body that must not be there); GraceRTTs round trips cover a segment held back on its way,
// such as by Nagle's algorithm on a distant server.
const (
	GraceFloor = 25 * time.Millisecond
	GraceRTTs  = 3
)

// Field is one header (or trailer) field as received.
type Field struct {
	// Name and Value are the field name with its original case and the value with leading and
	// trailing whitespace removed. An obs-fold continuation is joined to Value with one space.
	Name  string
	Value string
	// Line is the index in Response.Lines of the line that starts this field; -1 for fields
	// that were not received (the caller's request header fields).
	Line int
}

// Ending is how a line of the header section ended on the wire.
type Ending uint8

// The line endings the parser tells apart.
const (
	CRLF  Ending = iota // "\r\n", the only correct ending
	LF                  // a bare "\n"
	CR                  // a bare "\r" not followed by "\n"
	NoEnd               // the stream ended before the line did
)

// String returns the ending as it is written in Go source: `\r\n`, `\n`, `\r`, or "(eof)".
func (e Ending) String() string {
	switch e {
	case CRLF:
		return `\r\n`
	case LF:
		return `\n`
	case CR:
		return `\r`
	}
	return "(eof)"
}

// Len is the number of bytes the ending takes on the wire.
func (e Ending) Len() int {
	switch e {
	case CRLF:
		return 2
	case LF, CR:
		return 1
	}
	return 0
}

// LineKind says what part of a message a head line is.
type LineKind uint8

// The kinds of line in a response head.
const (
	StatusLineKind LineKind = iota // the status line
	FieldLineKind                  // a header field line
	FoldLineKind                   // an obs-fold continuation of the previous field
	BadLineKind                    // a line in the header section that is not a field
	BlankLineKind                  // the empty line that ends the header section
)

// Line is one line of a response head as received.
type Line struct {
	// Offset is the position of the line's first byte in the connection's response stream.
	Offset int64
	// Text is the line's bytes without its ending.
	Text []byte
	// Ending is how the line ended.
	Ending Ending
	// Kind says what the line is.
	Kind LineKind
}

// End is the offset just past the line's ending.
func (l Line) End() int64 { return l.Offset + int64(len(l.Text)) + int64(l.Ending.Len()) }

// StatusLine is the parsed first line of a response.
type StatusLine struct {
	Proto  string // e.g. "HTTP/1.1", as received
	Major  int    // -1 when Proto is not HTTP/DIGIT.DIGIT
	Minor  int
	Code   int // -1 when the code is not three digits
	Reason string
	// HasSpaceAfterCode reports whether the SP after the status code was present.
	HasSpaceAfterCode bool
}

// Framing is how a response's body was delimited.
type Framing uint8

// The ways a body can be framed.
const (
	FramingNone    Framing = iota // no body by definition (1xx, 204, 304, response to HEAD)
	FramingLength                 // Content-Length
	FramingChunked                // Transfer-Encoding: chunked
	FramingClose                  // read until the server closed the connection
)

// String returns a short name for the framing: "content-length", "chunked",
// "close-delimited", "END_STREAM" (HTTP/2) or "none".
func (f Framing) String() string {
	switch f {
	case FramingLength:
		return "content-length"
	case FramingChunked:
		return "chunked"
	case FramingClose:
		return "close-delimited"
	case FramingEndStream:
		return "END_STREAM"
	}
	return "none"
}

// Capture is a bounded record of a run of bytes: the first bytes, up to the request's
// BodyLimit, are kept, and all of them are counted.
type Capture struct {
	// Data is the first part of the bytes, at most the request's BodyLimit.
	Data []byte
	// Size is how many bytes there were in all.
	Size int64
	// Offset is where the bytes began in the response stream (for a chunked body, where the
	// first chunk-size line began).
	Offset int64
}

// Truncated reports whether some of the bytes were counted but not kept.
func (c Capture) Truncated() bool { return int64(len(c.Data)) < c.Size }

// Chunk is one chunk of a chunked body, as framed on the wire.
type Chunk struct {
	// Offset is where the chunk-size line began in the response stream.
	Offset int64
	// Size is the declared chunk size.
	Size int64
	// Ext is the chunk extension text after the size, without the leading ';'.
	Ext string
	// DataOffset is where the chunk's data began in the decoded body.
	DataOffset int64
	// DataWire is where the chunk's data began in the response stream. The data of a chunk
	// that was cut short by the end of the stream runs to the end of the stream.
	DataWire int64
}

// Response is one response read from the connection, interim or final.
type Response struct {
	// Offset is where the response began in the connection's response stream.
	Offset int64
	// Lines are the head's lines in order: the status line, field lines (and any bad or folded
	// lines) and, when it arrived, the blank line.
	Lines  []Line
	Status StatusLine
	// Header holds the fields in order, with original case.
	Header []Field
	// Framing says how the body was delimited.
	Framing Framing
	// DeclaredLength is the Content-Length the framing used, or -1.
	DeclaredLength int64
	// Body is the body with its transfer coding (chunked framing) removed; a content coding
	// (gzip, br, …) is still on it. Content returns the content with that removed too.
	Body Capture
	// Coding describes the body's content codings and the decoded content; nil when the
	// response names no Content-Encoding.
	Coding *ContentCoding
	// BodyComplete is false when the connection ended before the framing said the body was done
	// (a short Content-Length body, a chunked body without its last chunk).
	BodyComplete bool
	// BodyError says, in one line, why the body is not complete (e.g. "got 5 of 17 bytes:
	// connection closed" or `invalid chunk-size line "zz"`); empty when BodyComplete is true.
	BodyError string
	// Chunks and Trailers describe a chunked body. To keep memory bounded, Chunks describes
	// only the chunks that begin within the kept part of the body (and the last chunk), at most
	// 65536 of them; ChunkCount is how many chunks there were in all, the last chunk included.
	Chunks     []Chunk
	ChunkCount int64
	Trailers   []Field
	// TrailerLines are the lines of the trailer section, as received.
	TrailerLines []Line
	// End is where the response ended in the stream (just past its framing).
	End int64
}

// Get returns the value of the first field named name (case-insensitive), and whether there was one.
func (r *Response) Get(name string) (string, bool) {
	for _, f := range r.Header {
		if EqualFold(f.Name, name) {
			return f.Value, true
		}
	}
	return "", false
}

// Head returns the bytes of the response's head as they were received: the status line, the
// header section and the blank line that ends it (when it arrived), each line with its own
// ending. An HTTP/2 response has no head bytes: its head is written the way curl writes one
// with -D, "HTTP/2 204 \r\n", then each field as "name: value\r\n", then "\r\n".
func (r *Response) Head() []byte {
	var b []byte
	if r.Status.Proto == ProtoHTTP2 {
		b = fmt.Appendf(b, "HTTP/2 %03d \r\n", max(r.Status.Code, 0))
		for _, f := range r.Header {
			b = append(b, f.Name+": "+f.Value+"\r\n"...)
		}
		return append(b, "\r\n"...)
	}
	for _, l := range r.Lines {
		b = append(b, lineBytes(l)...)
	}
	return b
}

// Values returns the indexes in Header of every field named name (case-insensitive).
func (r *Response) Values(name string) []int {
	var idx []int
	for i, f := range r.Header {
		if EqualFold(f.Name, name) {
			idx = append(idx, i)
		}
	}
	return idx
}

// Timing holds how long each phase of an exchange took. A phase that did not happen is zero.
type Timing struct {
	DNS     time.Duration
	Connect time.Duration
	TLS     time.Duration
	// TTFB is from the start of writing the request to the first response byte.
	TTFB time.Duration
	// Total is from the start of the exchange to the end of reading (grace window included).
	Total time.Duration
	// Watch is the stray-byte window after a bodyless final response (see Request.Grace),
	// counted anew from each arrival of stray bytes; zero when there was none.
	Watch time.Duration
}

// TLSInfo describes the TLS session of an https exchange.
type TLSInfo struct {
	Version     string // e.g. "TLS 1.3"
	CipherSuite string
	ALPN        string
	ServerName  string
	// Subject, Issuer and NotAfter describe the peer's leaf certificate.
	Subject  string
	Issuer   string
	NotAfter time.Time
	// Verified is false when verification was turned off with Insecure.
	Verified bool
	// Chain is the peer's certificate chain as sent.
	Chain []*x509.Certificate
}

// Sent is the request as it was written to the connection.
type Sent struct {
	Method string
	// Proto is the version in the request line: "HTTP/1.1", or "HTTP/1.0" with HTTP10; or
	// "HTTP/2" (ProtoHTTP2) when the request went over HTTP/2, with Header then the header
	// list as sent, pseudo-header fields first, and Bytes the connection preface and the
	// frames written before the body.
	Proto string
	// URL is the parsed request URL; nil when the request was rejected before it was sent
	// (see PhaseRequest) or when the Exchange came from Parse.
	URL *url.URL
	// Header is every field written, in order, including the ones probe added.
	Header []Field
	// Bytes is the exact request as written: request line, header section and body.
	Bytes []byte
	// proxy is the proxy the request is sent through, nil for none; tunnel says whether it
	// goes through a CONNECT tunnel there rather than in absolute form.
	proxy  *url.URL
	tunnel bool
}

// Exchange is one request and everything that came back for it on the wire.
type Exchange struct {
	Request Sent
	// Addr is the remote address that was connected to.
	Addr string
	// Interim holds the 1xx responses that came before the final one, in order.
	Interim []*Response
	// Response is the final response; nil when none could be read (see Err).
	Response *Response
	// Extra holds bytes that arrived beyond the final response's framing: after a bodyless
	// response, after Content-Length bytes, or after the last chunk.
	Extra Capture
	// Wire is the start of the raw response stream, at most MaxWireCapture bytes, and WireSize
	// how many bytes arrived in all.
	Wire     []byte
	WireSize int64
	// Frames are the HTTP/2 frames of the exchange in the order they crossed the wire, sent
	// and received, at most MaxFrames of the response body's DATA among them; FrameCount is how
	// many there were in all. Both are empty over HTTP/1.x.
	Frames     []Frame
	FrameCount int64
	// Closed reports whether the server closed the connection while it was being read.
	Closed bool
	// WriteErr is the first error that Request.BodyTo or Request.ContentTo returned; nothing
	// more was written there after it. The exchange itself goes on.
	WriteErr error
	Timing   Timing
	TLS      *TLSInfo
	// Basis, for a follow-up request (see Followups), is the exchange it followed up on: the
	// rules that compare two responses judge this one against Basis's. Nil otherwise.
	Basis *Exchange
	// Proxy describes the proxy the request went through, and the CONNECT step when there was
	// one; nil for a direct connection. With a proxy, Addr is the proxy's address.
	Proxy *ProxyInfo
	// Err is set when the exchange failed; it is an *Error. Response is nil when it failed
	// before a final response was read. It is not nil when the exchange's timeout or the
	// caller ended the body (PhaseBody), or when Run stopped at a redirect it would not follow
	// (PhaseRedirect): what was read is kept, but it is no verdict on the server.
	Err error
}

// Phase names the part of an exchange in which it failed.
type Phase string

// The phases an exchange can fail in.
const (
	PhaseRequest  Phase = "request" // the request itself is invalid (bad URL, scheme, method)
	PhaseDNS      Phase = "dns"
	PhaseConnect  Phase = "connect"
	PhaseProxy    Phase = "proxy" // the proxy would not open a CONNECT tunnel, or did not answer
	PhaseTLS      Phase = "tls"
	PhaseWrite    Phase = "write"
	PhaseStatus   Phase = "status"   // waiting for or reading the status line
	PhaseHeader   Phase = "header"   // reading the header section
	PhaseBody     Phase = "body"     // reading the body, when the timeout or the caller ended it
	PhaseRedirect Phase = "redirect" // a redirect chain that loops or goes past MaxRedirects
)

// Error is a failed exchange: which phase failed, and why, in one line.
type Error struct {
	Phase Phase
	// Msg is a one-line description that names the cause, e.g. "connection refused" or
	// `not an HTTP response: got "SSH-2.0-OpenSSH_9.6\r\n"`.
	Msg string
	// Timeout reports whether the failure was the exchange's deadline.
	Timeout bool
	// Canceled reports whether the caller's context was canceled.
	Canceled bool
	Err      error
}

// Error returns the one-line message.
func (e *Error) Error() string { return e.Msg }

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

// EqualFold reports whether a and b are equal when ASCII letters are folded to one case, the
// way HTTP compares field names, tokens and schemes. Unlike strings.EqualFold it folds nothing
// else: "ſ" (U+017F) is not "s" and "K" (U+212A) is not "k", so a name that the parser does not
// take for Transfer-Encoding is not taken for it anywhere else either.
func EqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		ca, cb := a[i], b[i]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return false
		}
	}
	return true
}

// LowerASCII folds the ASCII letters of s to lower case and leaves every other byte as it is,
// matching EqualFold (strings.ToLower would turn "K", U+212A, into "k").
func LowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
