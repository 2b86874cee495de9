package probe

import (
	"bytes"
	"testing"
)

// FuzzParse checks that Parse never panics and that what it records is consistent with the
// stream: lines, body and extra bytes point at the right places.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"HTTP/1.1 204 No Content\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\nz",
		"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\n X: y\r\n\tz\rbad\r\n\r\nbody",
		"SSH-2.0-x\r\n",
	} {
		f.Add([]byte(seed), "GET")
		f.Add([]byte(seed), "HEAD")
	}
	f.Fuzz(func(t *testing.T, stream []byte, method string) {
		ex := Parse(stream, method)
		if !bytes.Equal(ex.Wire, stream[:min(len(stream), MaxWireCapture)]) || ex.WireSize != int64(len(stream)) {
			t.Fatalf("wire capture differs from the stream")
		}
		if (ex.Err == nil) != (ex.Response != nil) {
			t.Fatalf("err %v with response %v", ex.Err, ex.Response != nil)
		}
		for _, r := range append(ex.Interim, ex.Response) {
			if r == nil {
				continue
			}
			for _, l := range r.Lines {
				if l.End() > int64(len(stream)) || !bytes.Equal(stream[l.Offset:l.Offset+int64(len(l.Text))], l.Text) {
					t.Fatalf("line at %d does not match the stream", l.Offset)
				}
			}
		}
		if ex.Response == nil {
			return
		}
		r := ex.Response
		if r.End > int64(len(stream)) || ex.Extra.Offset != r.End || ex.Extra.Offset+ex.Extra.Size != int64(len(stream)) &&
			r.Framing != FramingClose {
			t.Fatalf("response ends at %d, extra %d+%d, stream %d", r.End, ex.Extra.Offset, ex.Extra.Size, len(stream))
		}
		got := []byte{}
		for _, rg := range ex.BodyWireRanges(0, int64(len(r.Body.Data))) {
			got = append(got, stream[rg[0]:rg[1]]...)
		}
		if !bytes.Equal(got, r.Body.Data) {
			t.Fatalf("body wire ranges give %q, body is %q", got, r.Body.Data)
		}
	})
}
