package check

import (
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe"
)

// contentLengthNotNumber (F11): Content-Length is 1*DIGIT. Any other value leaves the recipient
// unable to tell where the message ends.
func contentLengthNotNumber(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	for _, i := range r.Values("Content-Length") {
		v := r.Header[i].Value
		why := "is not a decimal number"
		switch {
		case isDigits(v) && fitsInt64(v):
			continue
		case isDigits(v):
			why = "is too large for recipients to represent (more than 2^63-1)"
		case repeatedNumber(v):
			why = "is a list of one number repeated; recipients may reject it"
		}
		out = append(out, newNote(final(ex).header(i), "Content-Length %s %s", q(v), why))
	}
	return out
}

// fitsInt64 reports whether the decimal digits v stand for a number below 2^63, the largest
// length Go, Node.js and curl accept.
func fitsInt64(v string) bool {
	_, err := strconv.ParseInt(v, 10, 64)
	return err == nil
}

// repeatedNumber reports whether v is a comma-separated list of one number repeated ("5, 5").
func repeatedNumber(v string) bool {
	ms := strings.Split(v, ",")
	if len(ms) < 2 {
		return false
	}
	n := strings.Trim(ms[0], " \t")
	for _, m := range ms {
		if m = strings.Trim(m, " \t"); m != n || !isDigits(m) {
			return false
		}
	}
	return true
}

// contentLengthWithTransferEncoding (F12): a response does not carry both Content-Length and
// Transfer-Encoding. (In a 1xx or 204, and in a 2xx to CONNECT, both are forbidden on their own:
// S2, S3 and S34 say so.)
func contentLengthWithTransferEncoding(ex *probe.Exchange) []note {
	r := ex.Response
	c := r.Status.Code
	if c >= 100 && c < 200 || c == 204 || connect2xx(ex) {
		return nil
	}
	cl, te := first(r, "Content-Length"), first(r, "Transfer-Encoding")
	if cl < 0 || te < 0 {
		return nil
	}
	return []note{newNote(final(ex).header(cl), "Content-Length %s together with Transfer-Encoding %s",
		q(r.Header[cl].Value), q(r.Header[te].Value))}
}

// bodyLengthMismatch (F13): the body has as many bytes as its framing declares, and nothing follows
// it. A short body is incomplete; bytes after a complete message are not a response and, on a
// reused connection, would be read as the start of the next one. Bytes after a response that must
// not have content are S9's, S16's and S33's.
func bodyLengthMismatch(ex *probe.Exchange) []note {
	r := ex.Response
	var out []note
	switch r.Framing {
	case probe.FramingLength:
		if !r.BodyComplete {
			// The body stopped short: the server closed, or went quiet until the timeout.
			out = append(out, newNote(bodyRange(0, r.Body.Size),
				"only %d of the %s declared by Content-Length arrived",
				r.Body.Size, english.Plural(r.DeclaredLength, "byte")))
		}
		if n := ex.Extra.Size; n > 0 && r.BodyComplete {
			out = append(out, newNote(extraRange(0, n), "%s after the %s declared by Content-Length: %s",
				english.Plural(n, "byte"), english.Plural(r.DeclaredLength, "byte"), preview(ex.Extra)))
		}
	case probe.FramingChunked:
		if !r.BodyComplete {
			why := r.BodyError
			if why == "" {
				why = "no last chunk"
			}
			at := bodyRange(0, r.Body.Size)
			if n := ex.Extra.Size; n > 0 {
				// The bytes that could not be decoded lead the extra bytes: point at them.
				at = extraRange(0, n)
			}
			return []note{newNote(at, "chunked body incomplete after %s: %s",
				english.Plural(r.Body.Size, "byte"), val(why))}
		}
		if n := ex.Extra.Size; n > 0 {
			out = append(out, newNote(extraRange(0, n), "%s after the end of the chunked body: %s",
				english.Plural(n, "byte"), preview(ex.Extra)))
		}
	}
	return out
}

// chunkedMisused (F14): chunked is applied at most once and is the last transfer coding. (A
// response whose codings do not end in chunked is delimited by the connection closing; F16 notes
// that.) Any other transfer coding is legal but a warning: few clients implement one.
func chunkedMisused(ex *probe.Exchange) []note {
	r := ex.Response
	c := r.Status.Code
	idx := r.Values("Transfer-Encoding")
	if len(idx) == 0 || c >= 100 && c < 200 || c == 204 {
		return nil
	}
	at := final(ex).header(idx[0])
	codings := members(r, "Transfer-Encoding")
	chunked := 0
	for _, m := range codings {
		if probe.EqualFold(m, "chunked") {
			chunked++
		}
	}
	value := strings.Join(codings, ", ")
	switch {
	case len(codings) == 0:
		return []note{newNote(at, "Transfer-Encoding is empty")}
	case chunked > 1:
		return []note{newNote(at, "Transfer-Encoding %s applies chunked %d times", q(value), chunked)}
	case chunked == 1 && !probe.EqualFold(codings[len(codings)-1], "chunked"):
		return []note{newNote(at, "Transfer-Encoding %s: chunked is not the last coding", q(value))}
	case len(codings) > chunked:
		// Allowed, but a pitfall: Go's client rejects the response ("unsupported transfer
		// encoding") and fetch in Node.js hands over the coded bytes undecoded.
		return []note{newNote(at, "Transfer-Encoding %s applies a coding other than chunked; "+
			"Go's client rejects such a response and fetch does not decode it", q(value)).with(Warning)}
	}
	return nil
}

// transferEncodingToHTTP10 (F15): a server does not send Transfer-Encoding to an HTTP/1.0 client.
func transferEncodingToHTTP10(ex *probe.Exchange) []note {
	i := first(ex.Response, "Transfer-Encoding")
	if i < 0 || !requestHTTP10(ex) {
		return nil
	}
	return []note{newNote(final(ex).header(i), "Transfer-Encoding %s in a response to an HTTP/1.0 request",
		q(ex.Response.Header[i].Value))}
}

// closeDelimitedBody (F16): a body delimited by closing the connection cannot be told apart from
// one cut short, and costs the connection; a server that knows the size sends Content-Length or
// uses chunked.
func closeDelimitedBody(ex *probe.Exchange) []note {
	r := ex.Response
	if r.Framing != probe.FramingClose {
		return nil
	}
	return []note{newNote(final(ex).whole(), "body of %s delimited by closing the connection",
		english.Plural(r.Body.Size, "byte"))}
}

// connect2xx reports whether ex is a 2xx response to CONNECT.
func connect2xx(ex *probe.Exchange) bool {
	c := ex.Response.Status.Code
	return method(ex) == "CONNECT" && c >= 200 && c < 300
}

// preview quotes the first bytes of c for a message.
func preview(c probe.Capture) string {
	return q(string(c.Data[:min(len(c.Data), maxValue+1)])) // one byte more, so val marks the cut
}
