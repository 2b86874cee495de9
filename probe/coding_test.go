package probe

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// codingText is the content the coded test bodies carry: JSON long enough to compress.
var codingText = `{"items":[` + strings.Repeat(`{"name":"hsx","tags":["http","wire"]},`, 200) + `{"last":true}]}`

func gzipped(t testing.TB, s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zlibbed(t testing.TB, s string) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func deflated(t testing.TB, s string) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.DefaultCompression)
	_, _ = w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func brotlied(t testing.TB, s string) []byte {
	var b bytes.Buffer
	w := brotli.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zstded(t testing.TB, s []byte) []byte {
	e, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	return e.EncodeAll(s, nil)
}

// corruptAt returns b with the byte at i flipped.
func corruptAt(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0xff
	return c
}

// TestContentCoding streams coded bodies from raw servers through Do and checks what the
// decoders made of them: the content, the error and where it was found.
func TestContentCoding(t *testing.T) {
	t.Parallel()
	gz := gzipped(t, codingText)
	br := brotlied(t, codingText)
	zs := zstded(t, []byte(codingText))
	stacked := brotlied(t, string(gzipped(t, codingText))) // gzip applied first, then br
	tests := []struct {
		name     string
		coding   string
		body     []byte
		chunked  bool
		code     int
		content  string // the decoded content, when decoding succeeds
		err      string // part of ContentCoding.Err; "" for none
		offset   int64  // ErrOffset, when err is set; -1 to skip the check
		raw      bool   // RawDeflate
		early    bool   // EndedEarly
		left     string // part of NotDecoded
		contents int64  // Content.Size when err is set; -1 to skip the check
	}{
		{name: "gzip", coding: "gzip", body: gz, content: codingText},
		{name: "x-gzip, chunked", coding: "x-gzip", body: gz, chunked: true, content: codingText},
		{name: "gzip in two members", coding: "gzip",
			body: append(gzipped(t, codingText[:100]), gzipped(t, codingText[100:])...), content: codingText},
		{name: "GZIP in capitals", coding: "GZIP", body: gz, content: codingText},
		{name: "deflate as zlib", coding: "deflate", body: zlibbed(t, codingText), content: codingText},
		{name: "deflate sent raw", coding: "deflate", body: deflated(t, codingText), content: codingText, raw: true},
		{name: "br", coding: "br", body: br, chunked: true, content: codingText},
		{name: "zstd", coding: "zstd", body: zs, content: codingText},
		{name: "gzip then br", coding: "gzip, br", body: stacked, content: codingText},
		{name: "identity", coding: "identity", body: []byte(codingText), content: codingText},
		{name: "empty gzip body", coding: "gzip", body: nil, content: ""},

		{name: "gzip cut short", coding: "gzip", body: gz[:len(gz)/2], err: "ends early",
			offset: int64(len(gz) / 2), early: true, contents: -1},
		{name: "gzip with a bad CRC", coding: "gzip", body: corruptAt(gz, len(gz)-6), err: "CRC-32",
			offset: int64(len(gz)), contents: int64(len(codingText))},
		{name: "not gzip at all", coding: "gzip", body: []byte(codingText), err: "not gzip data",
			offset: 0, contents: 0},
		{name: "a gzip header cut short", coding: "gzip", body: gz[:6], err: "ends early", offset: 6, early: true, contents: 0},
		{name: "a bad gzip header", coding: "gzip", body: append([]byte{0x1f, 0x8b, 0x07}, gz[3:]...), err: "invalid gzip header",
			offset: 10, contents: 0},
		{name: "gzip, then junk", coding: "gzip", body: append(bytes.Clone(gz), "junk"...),
			err: "bytes follow the end", offset: int64(len(gz)), contents: int64(len(codingText))},
		{name: "corrupt deflate inside gzip", coding: "gzip", body: corruptAt(gz, 12), err: "gzip: ", offset: -1, contents: -1},
		{name: "zlib with a bad checksum", coding: "deflate", body: corruptAt(zlibbed(t, codingText), len(zlibbed(t, codingText))-1),
			err: "Adler-32", offset: -1, contents: int64(len(codingText))},
		{name: "brotli cut short", coding: "br", body: br[:len(br)-3], err: "br: ", offset: -1, early: true, contents: -1},
		{name: "brotli, then junk", coding: "br", body: append(bytes.Clone(br), "junk"...), err: "br: ", offset: -1, contents: -1},
		{name: "zstd cut short", coding: "zstd", body: zs[:len(zs)-4], err: "zstd: ", offset: -1, early: true, contents: -1},
		{name: "zstd garbage", coding: "zstd", body: []byte("not zstd data at all"), err: "zstd: ", offset: -1, contents: 0},
		{name: "inner gzip corrupt under br", coding: "gzip, br", body: brotlied(t, string(corruptAt(gzipped(t, codingText), 3))),
			err: "gzip: ", offset: -1, early: true, contents: 0},

		{name: "compress is not decoded", coding: "compress", body: []byte("\x1f\x9d\x90coded"), left: "compress"},
		{name: "a 206 of gzip data", coding: "gzip", body: gz[:20], code: 206, left: "206"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code := cmpOr(tt.code, 200)
			head := "HTTP/1.1 " + strconv.Itoa(code) + " X\r\nContent-Type: application/json\r\nContent-Encoding: " + tt.coding + "\r\n"
			var stream string
			if tt.chunked {
				stream = head + "Transfer-Encoding: chunked\r\n\r\n"
				for b := tt.body; len(b) > 0; {
					n := min(len(b), 100)
					stream += strconv.FormatInt(int64(n), 16) + "\r\n" + string(b[:n]) + "\r\n"
					b = b[n:]
				}
				stream += "0\r\n\r\n"
			} else {
				stream = head + "Content-Length: " + strconv.Itoa(len(tt.body)) + "\r\n\r\n" + string(tt.body)
			}
			url := rawServer(t, script{parts: []string{stream}, hold: 5 * time.Second}.serve)
			var content bytes.Buffer
			ex, err := Do(context.Background(), Request{URL: url, ContentTo: &content})
			if err != nil {
				t.Fatal(err)
			}
			r := ex.Response
			if !bytes.Equal(r.Body.Data, tt.body) && !(len(tt.body) == 0 && len(r.Body.Data) == 0) {
				t.Fatalf("body is not the coded bytes as received: %d bytes, want %d", len(r.Body.Data), len(tt.body))
			}
			if string(ex.Wire) != stream {
				t.Errorf("Wire is not the stream as sent")
			}
			cc := r.Coding
			if cc == nil {
				t.Fatal("no Coding")
			}
			c, whole := r.Content()
			switch {
			case tt.left != "":
				if !strings.Contains(cc.NotDecoded, tt.left) || whole || !bytes.Equal(c.Data, tt.body) ||
					content.String() != string(tt.body) {
					t.Errorf("NotDecoded %q, whole %v, content %q; want the body left coded because of %q",
						cc.NotDecoded, whole, c.Data, tt.left)
				}
			case tt.err == "":
				if cc.Err != "" || !whole || string(c.Data) != tt.content || c.Size != int64(len(tt.content)) ||
					content.String() != tt.content || cc.RawDeflate != tt.raw || cc.ErrOffset != -1 {
					t.Errorf("err %q, whole %v, raw %v, content %d bytes (%q…), written %d; want %d bytes, raw %v",
						cc.Err, whole, cc.RawDeflate, c.Size, c.Data[:min(len(c.Data), 20)], content.Len(), len(tt.content), tt.raw)
				}
			default:
				if !strings.Contains(cc.Err, tt.err) || whole || cc.Stopped || cc.EndedEarly != tt.early {
					t.Errorf("err %q (whole %v, stopped %v, early %v), want one with %q (early %v)",
						cc.Err, whole, cc.Stopped, cc.EndedEarly, tt.err, tt.early)
				}
				if tt.offset >= 0 && cc.ErrOffset != tt.offset {
					t.Errorf("error at %d, want %d (%s)", cc.ErrOffset, tt.offset, cc.Err)
				}
				if cc.ErrOffset < 0 || cc.ErrOffset > int64(len(tt.body)) {
					t.Errorf("error offset %d outside the %d-byte body", cc.ErrOffset, len(tt.body))
				}
				if tt.contents >= 0 && c.Size != tt.contents {
					t.Errorf("decoded %d bytes before the error, want %d", c.Size, tt.contents)
				}
				if !strings.HasPrefix(codingText, string(c.Data)) || int64(content.Len()) != c.Size {
					t.Errorf("the %d bytes decoded before the error are not the content's start (%d written)", c.Size, content.Len())
				}
			}
		})
	}
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// TestContentCodingBounds checks that decoding keeps memory bounded: the decoded content is kept
// only up to BodyLimit and counted in full, and a decompression bomb is stopped.
func TestContentCodingBounds(t *testing.T) {
	t.Parallel()
	big := bytes.Repeat([]byte(codingText), 400) // 3.4 MB of JSON, about 1:100 in gzip
	bomb := zstded(t, make([]byte, 256<<20))     // 256 MiB of zeros in a few KiB
	tests := []struct {
		name    string
		body    []byte
		coding  string
		size    int64 // Content.Size
		stopped bool
		out     bool // the content goes to ContentTo
	}{
		{name: "large content is counted, its start kept", body: gzipped(t, string(big)), coding: "gzip", size: int64(len(big))},
		{name: "a bomb is stopped", body: bomb, coding: "zstd", stopped: true,
			size: MaxContentRatio*int64(len(bomb)) + contentSlack},
		{name: "content written out is decoded to its end", body: bomb, coding: "zstd", size: 256 << 20, out: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stream := "HTTP/1.1 200 OK\r\nContent-Encoding: " + tt.coding + "\r\nContent-Length: " +
				strconv.Itoa(len(tt.body)) + "\r\n\r\n" + string(tt.body)
			url := rawServer(t, script{parts: []string{stream}, hold: 5 * time.Second}.serve)
			req := Request{URL: url, BodyLimit: 64 << 10}
			var written countWriter
			if tt.out {
				req.ContentTo = &written
			}
			ex, err := Do(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			cc := ex.Response.Coding
			if tt.out && int64(written) != tt.size {
				t.Errorf("ContentTo got %d bytes, want %d", written, tt.size)
			}
			if cc.Stopped != tt.stopped || (!tt.stopped && cc.Err != "") {
				t.Fatalf("stopped %v, err %q; want stopped %v", cc.Stopped, cc.Err, tt.stopped)
			}
			if len(cc.Content.Data) != 64<<10 {
				t.Errorf("kept %d decoded bytes, want the limit %d", len(cc.Content.Data), 64<<10)
			}
			if tt.stopped && cc.Content.Size > tt.size || !tt.stopped && cc.Content.Size != tt.size {
				t.Errorf("decoded %d bytes, want %d (stopped %v)", cc.Content.Size, tt.size, tt.stopped)
			}
			if tt.stopped && !strings.Contains(cc.Err, "times the") {
				t.Errorf("err %q does not say why decoding stopped", cc.Err)
			}
		})
	}
}

// TestBodyTo checks the caller's writers: BodyTo gets the body with chunked removed and the
// coding left on, ContentTo the decoded content, and with redirects followed, only the last
// response writes to them.
func TestBodyTo(t *testing.T) {
	t.Parallel()
	gz := gzipped(t, codingText)
	url := rawServer(t, func(c net.Conn, done <-chan struct{}) {
		head, err := readRequestHead(bufio.NewReader(c))
		if err != nil {
			return
		}
		if strings.HasPrefix(head, "GET /start ") {
			_, _ = c.Write([]byte("HTTP/1.1 302 Found\r\nLocation: /end\r\nContent-Length: 9\r\n\r\nredirect!"))
			return
		}
		resp := "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" +
			strconv.FormatInt(int64(len(gz)), 16) + "\r\n" + string(gz) + "\r\n0\r\n\r\n"
		_, _ = c.Write([]byte(resp))
		wait(time.Second, done)
	})
	var body, content bytes.Buffer
	hops, err := Run(context.Background(), Request{URL: url + "/start", FollowRedirects: true,
		BodyTo: &body, ContentTo: &content, Compressed: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(hops) != 2 {
		t.Fatalf("%d hops, want 2", len(hops))
	}
	if !bytes.Equal(body.Bytes(), gz) {
		t.Errorf("BodyTo got %d bytes (%q…), want the %d gzip bytes", body.Len(), body.Bytes()[:min(body.Len(), 12)], len(gz))
	}
	if content.String() != codingText {
		t.Errorf("ContentTo got %d bytes, want the %d decoded", content.Len(), len(codingText))
	}
	sent := string(hops[0].Request.Bytes)
	if !strings.Contains(sent, "\r\nAccept-Encoding: "+AcceptEncoding+"\r\n") {
		t.Errorf("Compressed request without Accept-Encoding: %q", sent)
	}
}

// TestCompressedKeepsCallersField checks that Compressed adds Accept-Encoding only when the
// caller did not set one.
func TestCompressedKeepsCallersField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		req  Request
		want string // the Accept-Encoding line, "" for none
	}{
		{Request{URL: "http://h/"}, ""},
		{Request{URL: "http://h/", Compressed: true}, "Accept-Encoding: " + AcceptEncoding},
		{Request{URL: "http://h/", Compressed: true, Header: []Field{{Name: "accept-encoding", Value: "br"}}}, "accept-encoding: br"},
	}
	for _, tt := range tests {
		sent, err := buildRequest(withDefaults(tt.req))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, f := range sent.Header {
			if EqualFold(f.Name, "Accept-Encoding") {
				if got != "" {
					t.Errorf("two Accept-Encoding fields")
				}
				got = f.Name + ": " + f.Value
			}
		}
		if got != tt.want {
			t.Errorf("%+v: sent %q, want %q", tt.req.Header, got, tt.want)
		}
	}
}

// failWriter fails every write.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	w.n++
	return 0, errors.New("disk full")
}

// TestWriteErr checks that a failing writer is recorded once, written to no more, and does not
// stop the exchange.
func TestWriteErr(t *testing.T) {
	t.Parallel()
	stream := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n"
	url := rawServer(t, script{parts: []string{stream}, hold: 5 * time.Second}.serve)
	w := &failWriter{}
	ex, err := Do(context.Background(), Request{URL: url, BodyTo: w})
	if err != nil {
		t.Fatal(err)
	}
	if ex.WriteErr == nil || w.n != 1 || string(ex.Response.Body.Data) != "abcdef" {
		t.Errorf("WriteErr %v after %d writes, body %q; want one failed write and the whole body read",
			ex.WriteErr, w.n, ex.Response.Body.Data)
	}
}

func TestCodingSummary(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cc   ContentCoding
		wire int64
		want string
	}{
		{ContentCoding{Codings: []string{"gzip"}, Content: Capture{Size: 12 << 10}}, 1741,
			"gzip · 1741 bytes on the wire → 12.0 KiB"},
		{ContentCoding{Codings: []string{"gzip", "br"}, Content: Capture{Size: 3 << 20}}, 20 << 10,
			"gzip, br · 20.0 KiB on the wire → 3.0 MiB"},
		{ContentCoding{Codings: []string{"deflate"}, RawDeflate: true, Content: Capture{Size: 1}}, 3,
			"deflate (raw DEFLATE, no zlib wrapper) · 3 bytes on the wire → 1 byte"},
		{ContentCoding{Codings: []string{"br"}, Err: "br: the coded data ends early (truncated)", ErrOffset: 80}, 80,
			"br · does not decode at byte 80 of 80 bytes: br: the coded data ends early (truncated)"},
		{ContentCoding{Codings: []string{"compress"}, NotDecoded: "no decoder for the coding compress"}, 9,
			"compress · left coded: no decoder for the coding compress"},
		{ContentCoding{Codings: []string{"zstd"}, Stopped: true, Err: "decoding stopped after …", Content: Capture{Size: 2 << 30}}, 5,
			"zstd · 5 bytes on the wire → 2.0 GiB, then decoding stopped after …"},
	}
	for _, tt := range tests {
		if got := tt.cc.Summary(tt.wire); got != tt.want {
			t.Errorf("Summary = %q\nwant      %q", got, tt.want)
		}
	}
}

// countWriter counts what is written to it.
type countWriter int64

func (w *countWriter) Write(p []byte) (int, error) {
	*w += countWriter(len(p))
	return len(p), nil
}
