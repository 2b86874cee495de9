package probe

import (
	"bytes"
	"fmt"
)

// maxInterim is how many interim (1xx) responses are read before giving up on a final one.
const maxInterim = 100

// extraMode says how long to keep reading for bytes beyond the final response's framing.
type extraMode uint8

const (
	// extraToEnd reads until the stream ends (closes, or its read deadline passes).
	extraToEnd extraMode = iota
	// extraOnce takes the bytes already buffered and those that have already arrived (see
	// wireReader.drainArrived).
	extraOnce
)

// parser reads the responses of one exchange from a wire reader. The same parser serves Do,
// which streams a live connection through it, and Parse, which feeds it a captured stream.
type parser struct {
	r         *wireReader
	method    string
	bodyLimit int64
	// env judges failed reads; nil when parsing offline.
	env *env
	// beforeExtra, when not nil, is called once the final response is read, before any extra
	// bytes are read beyond those already buffered, which extra holds. bodyless reports whether
	// the response was one that must not have a body. It arranges the connection's read
	// deadline and says how to read; nil means extraToEnd.
	beforeExtra func(bodyless bool, extra Capture) extraMode

	// headBytes and headLines are what is left of the budget shared by all heads.
	headBytes, headLines int
	// chunkExtBytes is what is left of the budget for chunk extensions kept in Chunk.Ext.
	chunkExtBytes int
	// stopped is set when the exchange's deadline or the caller ended the body (see stopBody).
	stopped *Error
	// out is where the final response's body goes besides its capture. It is a pointer of its
	// own so that the sinks that hold it do not keep the parser on the heap.
	out *outputs
}

func newParser(r *wireReader, method string, bodyLimit int64, e *env) *parser {
	return &parser{r: r, method: method, bodyLimit: bodyLimit, env: e, out: &outputs{},
		headBytes: MaxHeaderBytes, headLines: MaxHeaderLines, chunkExtBytes: maxChunkExtBytes}
}

// run reads interim responses, the final response, its body and the extra bytes into ex.
func (p *parser) run(ex *Exchange) {
	defer func() {
		ex.Wire = p.r.wire
		ex.WireSize = p.r.received
		ex.Closed = p.r.eof
	}()
	for {
		resp, err := p.readHead(len(ex.Interim))
		if err != nil {
			ex.Err = err
			return
		}
		frame(resp, p.method)
		if c := resp.Status.Code; c >= 100 && c < 200 && c != 101 {
			resp.BodyComplete = true
			resp.Body = Capture{Offset: resp.End}
			ex.Interim = append(ex.Interim, resp)
			if len(ex.Interim) >= maxInterim {
				ex.Err = &Error{Phase: PhaseStatus,
					Msg: fmt.Sprintf("more than %d interim responses and no final one", maxInterim-1)}
				return
			}
			continue
		}
		ex.Response = resp
		leftover := p.readBody(resp)
		ex.WriteErr = p.out.writeErr
		if p.stopped != nil {
			ex.Err = p.stopped
			return
		}
		ex.Extra = p.readExtra(resp, leftover)
		return
	}
}

// readExtra reads the bytes that arrive beyond the final response's framing.
func (p *parser) readExtra(resp *Response, leftover []byte) Capture {
	extra := newCapture(p.bodyLimit, resp.End)
	extra.write(leftover)
	if resp.Framing == FramingClose || p.r.err != nil && p.r.r == p.r.w {
		return extra.result()
	}
	p.r.copyBuffered(extra) // the bytes that came with the response
	mode := extraToEnd
	if p.beforeExtra != nil {
		mode = p.beforeExtra(resp.Framing == FramingNone, extra.result())
	}
	switch mode {
	case extraToEnd:
		_ = p.r.copyAll(extra) // the end of the stream is the expected way out
	case extraOnce:
		p.r.drainArrived(extra)
	}
	return extra.result()
}

// Parse reads stream, the complete bytes a server sent in answer to a request with the given
// method (as if it then closed the connection), with the same parser Do uses. Everything after
// the final response's framing is Extra. An empty method means GET. When stream is not an HTTP
// response (or ends before a final response's header section does), ex.Err says so.
//
// Parse is meant for tests and tools that build an Exchange from literal bytes.
func Parse(stream []byte, method string) *Exchange {
	if method == "" {
		method = "GET"
	}
	ex := &Exchange{Request: Sent{Method: method}}
	newParser(newWireReader(bytes.NewReader(stream), nil), method, DefaultBodyLimit, nil).run(ex)
	return ex
}
