package probe

import (
	"bytes"
	"testing"

	"golang.org/x/net/http2/hpack"
)

// FuzzDecodeBlock feeds decodeBlock arbitrary header blocks: it must never panic, every field it
// returns must have come out of the decoder, and a block that hpack decodes whole must decode to
// the same fields here.
func FuzzDecodeBlock(f *testing.F) {
	var buf bytes.Buffer
	enc := hpack.NewEncoder(&buf)
	for _, hf := range []hpack.HeaderField{{Name: ":status", Value: "204"}, {Name: "X-Foo", Value: "bar"},
		{Name: "cookie", Value: "a=1", Sensitive: true}, {Name: "date", Value: "Wed, 02 Dec 2026 07:00:00 GMT"}} {
		_ = enc.WriteField(hf)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{0x3f, 0xe1, 0x1f}) // a dynamic table size update
	f.Add([]byte{0x00, 0x81, 0xff}) // a literal whose name runs past the block
	f.Fuzz(func(t *testing.T, block []byte) {
		fields, err := decodeBlock(hpack.NewDecoder(4096, nil), block)
		want, werr := hpack.NewDecoder(4096, nil).DecodeFull(block)
		if err == nil && werr == nil {
			if len(fields) != len(want) {
				t.Fatalf("%d fields, hpack decodes %d", len(fields), len(want))
			}
			for i := range want {
				if fields[i].Name != want[i].Name || fields[i].Value != want[i].Value {
					t.Fatalf("field %d = %q: %q, hpack says %q: %q", i, fields[i].Name, fields[i].Value, want[i].Name, want[i].Value)
				}
				if (fields[i].Rep == NeverIndexed) != want[i].Sensitive {
					t.Fatalf("field %d: representation %v, sensitive %v", i, fields[i].Rep, want[i].Sensitive)
				}
			}
		}
	})
}
