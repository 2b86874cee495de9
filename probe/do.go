package probe

import (
	"context"
	"net"
	"slices"
	"time"
)

// shortRead is how long Do waits for more bytes after a body framed by Content-Length or
// chunked, beyond those already received, where the socket cannot be read without waiting
// (elsewhere Do takes the bytes that have already arrived, at once): long enough to catch bytes
// sent with the body, short enough not to slow down an ordinary exchange.
const shortRead = 5 * time.Millisecond

// Do sends req once and reads what comes back, without following redirects. It always returns
// a non-nil *Exchange holding whatever was captured. When no final response could be read
// (DNS, connect, TLS, write, timeout or cancellation before the header section was complete,
// a stream that is not HTTP, a header section past the caps), ex.Err is set to an *Error and
// the same error is returned. A body that the server cut short is not an error (see
// Response.BodyComplete); a body that req.Timeout or ctx ended is: ex.Err is then an *Error
// in PhaseBody and ex.Response holds what was read, since the server may not be at fault.
//
// Every wait is bounded by req.Timeout and by ctx; cancelling ctx closes the connection, so Do
// returns promptly.
func Do(ctx context.Context, req Request) (*Exchange, error) {
	req = withDefaults(req)
	return do(ctx, req, time.Now().Add(req.Timeout), nil)
}

// do is Do with the deadline of the whole exchange given; req has its defaults applied. final,
// when not nil, says whether a response is the last of a chain, the one whose body goes to
// req.BodyTo and req.ContentTo.
func do(ctx context.Context, req Request, deadline time.Time, final func(ex *Exchange, resp *Response) bool) (*Exchange, error) {
	start := time.Now()
	ex := &Exchange{}
	err := exchange(ctx, req, start, deadline, ex, final)
	ex.Timing.Total = time.Since(start)
	if err != nil {
		ex.Err = err
		return ex, err
	}
	return ex, nil
}

// exchange does the work of do, for an exchange that began at start.
func exchange(ctx context.Context, req Request, start, deadline time.Time, ex *Exchange,
	final func(ex *Exchange, resp *Response) bool) *Error {
	e := &env{ctx: ctx, timeout: req.Timeout}
	sent, err := buildRequest(req)
	ex.Request = sent
	if err != nil {
		ex.Request.Method = req.Method
		return err
	}
	if req.HTTP2 == HTTP2ALPN && !req.HTTP10 && sent.URL.Scheme == "http" {
		return requestError("HTTP/2 over http:// needs the h2c upgrade, which hsx does not send; " +
			"use --http2-prior-knowledge for a server that speaks h2c, or https://")
	}
	conn, raw, err := dial(ctx, sent.URL, sent, req, deadline, e, ex)
	if err != nil {
		return err
	}
	defer conn.Close()
	// Closing the TCP connection under TLS, not the TLS connection, never waits to send an alert.
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	defer stop()
	_ = conn.SetDeadline(deadline)
	if !req.HTTP10 && useHTTP2(req, ex) {
		return h2exchange(ctx, req, conn, start, deadline, e, ex, final)
	}

	// The request is written while the response is read: a server may answer (a 413, a 401)
	// without reading a large body, and that answer must not wait for a write that never ends.
	// TTFB counts from the start of the write: on a fast link the answer can arrive before
	// the write call returns.
	sending := time.Now()
	wrote := make(chan error, 1) // buffered: the writer never blocks on it
	go func() {
		_, err := conn.Write(sent.Bytes)
		wrote <- err
	}()

	wr := connReader(conn, raw, req.Progress, deadline)
	p := newParser(wr, sent.Method, req.BodyLimit, e)
	*p.out = outputs{ctx: ctx, deadline: deadline, bodyTo: req.BodyTo, contentTo: req.ContentTo}
	if final != nil {
		p.out.final = func(resp *Response) bool { return final(ex, resp) }
	}
	// Not req itself: a closure that holds req would move it to the heap.
	grace, watching := req.Grace, req.Watching
	p.beforeExtra = func(bodyless bool, extra Capture) extraMode {
		if !bodyless {
			if wr.arrived != nil {
				return extraOnce // takes what has arrived, without waiting
			}
			_ = conn.SetReadDeadline(earliest(time.Now().Add(shortRead), deadline))
			return extraOnce
		}
		wait := watchWindow(grace, ex.Timing.Connect)
		ex.Timing.Watch = wait
		report := watching
		if p.out.final != nil && !p.out.final(ex.Response) {
			report = nil // a redirect that is followed: the next hop's response is the answer
		}
		// Each arrival of stray bytes restarts the window: a server that writes them in
		// pieces is read to its last piece.
		wr.onData = func(got Capture) {
			_ = conn.SetReadDeadline(earliest(time.Now().Add(wait), deadline))
			if report != nil {
				report(wr.partial(ex, got, start, sending))
			}
		}
		_ = conn.SetReadDeadline(earliest(time.Now().Add(wait), deadline))
		if report != nil && wr.err == nil { // not when the server has closed: no watch then
			report(wr.partial(ex, extra, start, sending))
		}
		return extraToEnd
	}
	p.run(ex)
	if !wr.first.IsZero() {
		ex.Timing.TTFB = wr.first.Sub(sending)
	}
	if ex.Err != nil {
		// A write that failed explains a missing response better than the read does; a write
		// still under way is left to the deferred Close.
		select {
		case werr := <-wrote:
			if werr != nil {
				return e.writeError(werr)
			}
		default:
		}
		return ex.Err.(*Error)
	}
	return nil
}

// connReader returns the wire reader of the response stream on conn, with raw the connection
// under it (conn itself for http), whose read deadline is no later than deadline.
func connReader(conn, raw net.Conn, progress func(int64), deadline time.Time) *wireReader {
	wr := newWireReader(conn, progress)
	wr.arrived = arrivedReader(conn, raw, deadline)
	wr.skip = skipper(conn, raw)
	return wr
}

// watchWindow returns how long to watch for stray bytes after a bodyless response: grace when
// it is set, otherwise GraceFloor plus GraceRTTs times the connection's round trip, for which
// the TCP connect time stands.
func watchWindow(grace, rtt time.Duration) time.Duration {
	if grace > 0 {
		return grace
	}
	return GraceFloor + GraceRTTs*rtt
}

// partial is the exchange ex as it stands during the stray-byte watch, for Request.Watching:
// wire and received are the stream read so far, extra the stray bytes so far. The copy is
// shallow, which is deep enough: the response is copied, and every slice is cut to its length
// and capacity, and probe only ever appends to those slices, so nothing the copy holds is
// written again.
func partial(ex *Exchange, wire []byte, received int64, extra Capture) *Exchange {
	s := *ex
	if ex.Response != nil {
		r := *ex.Response
		if r.Coding != nil {
			cc := *r.Coding
			r.Coding = &cc
		}
		s.Response = &r
	}
	s.Interim = slices.Clip(ex.Interim)
	s.Wire, s.WireSize = slices.Clip(wire), received
	extra.Data = slices.Clip(extra.Data)
	s.Extra = extra
	return &s
}

// partial is partial for an HTTP/1.x exchange read through wr, which began at start and
// whose request was sent from sending on, with the stray bytes in extra.
func (wr *wireReader) partial(ex *Exchange, extra Capture, start, sending time.Time) *Exchange {
	s := partial(ex, wr.wire, wr.received, extra)
	s.Timing.TTFB, s.Timing.Total = wr.first.Sub(sending), time.Since(start)
	return s
}

// earliest returns the earlier of a and b.
func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
