package lab

import (
	"context"
	"io"
	"net"
	"net/http"
	"time"
)

// lingerTimeout bounds how long a raw response's connection is kept half-open after the
// response, so that the client reads every byte before the connection goes away.
const lingerTimeout = time.Second

// rawResponse is a response written byte for byte on a hijacked connection.
type rawResponse struct {
	// status is the status line without its ending, e.g. "HTTP/1.1 204 No Content".
	status string
	// header holds the field lines without their endings, written after Date and Server. A
	// value may itself hold a line ending, to build an obs-fold.
	header []string
	// body is everything after the header section.
	body string
	// eol ends every line of the head; "" means CRLF.
	eol string
	// noDate leaves out the Date field.
	noDate bool
	// then is a response written right after this one (an interim response's final one).
	then *rawResponse
}

// appendTo appends the response's bytes to b, with now as its Date.
func (r *rawResponse) appendTo(b []byte, now time.Time) []byte {
	eol := r.eol
	if eol == "" {
		eol = "\r\n"
	}
	b = append(b, r.status...)
	b = append(b, eol...)
	if !r.noDate {
		b = append(b, "Date: "...)
		b = now.UTC().AppendFormat(b, http.TimeFormat)
		b = append(b, eol...)
	}
	b = append(b, "Server: hsx-lab"...)
	b = append(b, eol...)
	for _, h := range r.header {
		b = append(b, h...)
		b = append(b, eol...)
	}
	b = append(b, eol...)
	b = append(b, r.body...)
	if r.then != nil {
		b = r.then.appendTo(b, now)
	}
	return b
}

// bytes returns the whole response as it goes on the wire, dated now.
func (r *rawResponse) bytes(now time.Time) []byte { return r.appendTo(nil, now) }

// ServeHTTP hijacks the connection, writes the response, and closes the connection gracefully:
// it shuts down its writing side, then waits briefly for the client to finish reading and close.
func (r *rawResponse) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	rc := http.NewResponseController(w)
	conn, buf, err := rc.Hijack()
	if err != nil {
		// HTTP/2 and test recorders cannot be hijacked; say so rather than send something else.
		http.Error(w, "this scenario needs an HTTP/1.1 connection: "+err.Error(), http.StatusHTTPVersionNotSupported)
		return
	}
	defer conn.Close()
	if _, err := conn.Write(r.bytes(time.Now())); err != nil {
		return
	}
	linger(req, conn, buf.Reader)
}

// linger half-closes conn and reads whatever the client still sends until it closes, the
// request's context ends, or lingerTimeout passes. Closing a socket with unread input makes the
// kernel reset the connection, and a reset can destroy response bytes the client has not read yet.
func linger(req *http.Request, conn net.Conn, in io.Reader) {
	if cw, ok := conn.(interface{ CloseWrite() error }); ok {
		if err := cw.CloseWrite(); err != nil {
			return
		}
	}
	if err := conn.SetReadDeadline(time.Now().Add(lingerTimeout)); err != nil {
		return
	}
	stop := context.AfterFunc(req.Context(), func() { _ = conn.SetReadDeadline(time.Now()) })
	defer stop()
	// Any error ends the wait: the client closed, the deadline passed, or the server is closing.
	_, _ = io.Copy(io.Discard, in)
}
