package probe

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzContentCoding feeds arbitrary coded bodies to the content decoders: whatever the bytes,
// the body is kept as received, the decoded content stays within its bounds, and a failure is
// placed inside the body.
func FuzzContentCoding(f *testing.F) {
	for _, c := range []string{"gzip", "deflate", "br", "zstd", "gzip, br"} {
		f.Add(c, []byte(nil))
		f.Add(c, []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xab\xae\x05\x00\x43\xbf\xa6\xa3\x02\x00\x00\x00"))
	}
	f.Add("deflate", []byte("x\x9c\xab\xae\x05\x00\x01u\x00\xf9"))
	f.Add("zstd", []byte("(\xb5/\xfd\x04\x00\x11\x00\x00{}\xe6\x8c\xa3\x1e"))
	f.Fuzz(func(t *testing.T, coding string, body []byte) {
		if strings.ContainsAny(coding, "\r\n") {
			return
		}
		stream := "HTTP/1.1 200 OK\r\nContent-Encoding: " + coding + "\r\nContent-Length: " +
			strconv.Itoa(len(body)) + "\r\n\r\n" + string(body)
		ex := Parse([]byte(stream), "GET")
		if ex.Err != nil || ex.Response == nil {
			return
		}
		r := ex.Response
		if string(r.Body.Data) != string(body) {
			t.Fatalf("body %q, want the coded bytes %q", r.Body.Data, body)
		}
		cc := r.Coding
		if cc == nil {
			return
		}
		if int64(len(cc.Content.Data)) > cc.Content.Size || int64(len(cc.Content.Data)) > DefaultBodyLimit {
			t.Fatalf("kept %d decoded bytes of %d", len(cc.Content.Data), cc.Content.Size)
		}
		if cc.Content.Size > MaxContentRatio*int64(len(body))+contentSlack+codedBlockSize {
			t.Fatalf("decoded %d bytes from %d, past the ratio bound", cc.Content.Size, len(body))
		}
		if cc.Err != "" && (cc.ErrOffset < 0 || cc.ErrOffset > int64(len(body))) {
			t.Fatalf("error %q at %d, outside the %d-byte body", cc.Err, cc.ErrOffset, len(body))
		}
		if cc.Err == "" && cc.ErrOffset != -1 {
			t.Fatalf("no error, but an offset %d", cc.ErrOffset)
		}
	})
}
