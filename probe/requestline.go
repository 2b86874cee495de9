package probe

import "bytes"

// RequestLine returns the request line as it was written ("GET /a%20b HTTP/1.1"), without
// its CRLF. When the exact bytes are not known (an Exchange from Parse, or built by hand) it
// is put together from the method and URL as buildRequest writes them, with HTTP/1.1. Over
// HTTP/2, which has no request line, it is the line the pseudo-header fields stand for:
// "GET /a HTTP/2".
func (s Sent) RequestLine() string {
	if s.Proto == ProtoHTTP2 {
		// HTTP/2 has no request line: this is the one its pseudo-header fields stand for.
		target := "/"
		for _, f := range s.Header {
			if f.Name == ":path" {
				target = f.Value
			}
		}
		return s.Method + " " + target + " " + ProtoHTTP2
	}
	if i := bytes.Index(s.Bytes, []byte("\r\n")); i >= 0 {
		return string(s.Bytes[:i])
	}
	target := "/"
	if s.URL != nil {
		target = requestTarget(s.Method, s.URL)
	}
	return s.Method + " " + target + " HTTP/1.1"
}
