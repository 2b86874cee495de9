package check

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"strconv"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

// gz returns s in the gzip coding.
func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return b.String()
}

// rawDeflate returns s as raw DEFLATE data, without the zlib wrapper.
func rawDeflate(s string) string {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.DefaultCompression)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return b.String()
}

// coded is a 200 response labelled JSON with the content coding ce and the coded body.
func coded(ce, body string) string {
	return head("HTTP/1.1 200 OK", date, "Content-Type: application/json", "Content-Encoding: "+ce,
		"Content-Length: "+strconv.Itoa(len(body))) + body
}

// sent makes the exchange's request one that was sent with the given Accept-Encoding values
// (none when acceptEncoding is empty).
func sent(acceptEncoding ...string) func(*probe.Exchange) {
	return func(ex *probe.Exchange) {
		ex.Request.Bytes = []byte("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
		ex.Request.Header = []probe.Field{{Name: "Host", Value: "h", Line: -1}}
		for _, v := range acceptEncoding {
			ex.Request.Header = append(ex.Request.Header, probe.Field{Name: "Accept-Encoding", Value: v, Line: -1})
		}
	}
}

// codingCases are the cases of the content coding rules, and of J1 on coded content.
func codingCases() []ruleCase {
	okJSON := gz(`{"ok":true}`)
	badJSON := gz(`{"a": 1,}`)
	corrupt := []byte(gz(`{"ok":true}`))
	corrupt[len(corrupt)-5] ^= 0xff // in the CRC-32 of the trailer
	ce := atHeader(2, "Content-Encoding")
	return []ruleCase{
		// J1 reads the content with its coding removed
		{id: "J1", name: "gzip-coded JSON", stream: coded("gzip", okJSON)},
		{id: "J1", name: "gzip-coded broken JSON", stream: coded("gzip", badJSON),
			want: fires(Warning, Location{Where: AtContent, Start: 8, End: 9})},
		{id: "J1", name: "a coding probe does not decode", stream: coded("compress", "\x1f\x9d\x90coded")},
		{id: "J1", name: "coded JSON that does not decode is E1's", stream: coded("gzip", okJSON[:10])},
		// E1
		{id: "E1", name: "gzip CRC does not match", stream: coded("gzip", string(corrupt)),
			want: fires(Error, Location{Where: AtBody, Start: int64(len(corrupt)), End: int64(len(corrupt)) + 1})},
		{id: "E1", name: "gzip cut short", stream: coded("gzip", okJSON[:len(okJSON)-8]),
			want: fires(Error, Location{Where: AtBody, Start: int64(len(okJSON) - 8), End: int64(len(okJSON)) - 7})},
		{id: "E1", name: "not gzip at all", stream: coded("gzip", `{"ok":true}`),
			want: fires(Error, Location{Where: AtBody, Start: 0, End: 11})},
		{id: "E1", name: "raw deflate", stream: coded("deflate", rawDeflate(`{"ok":true}`)), want: fires(Warning, ce)},
		{id: "E1", name: "correct gzip", stream: coded("gzip", okJSON)},
		{id: "E1", name: "gzip body cut short by its framing is F13's",
			stream: head("HTTP/1.1 200 OK", date, "Content-Type: application/json", "Content-Encoding: gzip",
				"Content-Length: 100") + okJSON[:10]},
		{id: "E1", name: "no coding", stream: ok},
		// E2
		{id: "E2", name: "no Accept-Encoding", stream: coded("gzip", okJSON), setup: sent(), want: fires(Info, ce)},
		{id: "E2", name: "Accept-Encoding without it", stream: coded("gzip", okJSON), setup: sent("br, zstd"), want: fires(Warning, ce)},
		{id: "E2", name: "refused with q=0", stream: coded("gzip", okJSON), setup: sent("br", "gzip;q=0"), want: fires(Warning, ce)},
		{id: "E2", name: "empty Accept-Encoding", stream: coded("gzip", okJSON), setup: sent(""), want: fires(Warning, ce)},
		{id: "E2", name: "second of two codings not accepted", stream: coded("gzip, br", okJSON), setup: sent("gzip"), want: fires(Warning, ce)},
		{id: "E2", name: "accepted", stream: coded("gzip", okJSON), setup: sent("gzip, deflate, br, zstd")},
		{id: "E2", name: "accepted with a qvalue, in capitals", stream: coded("GZIP", okJSON), setup: sent("br;q=1.0, Gzip ; q=0.5")},
		{id: "E2", name: "x-gzip for gzip", stream: coded("x-gzip", okJSON), setup: sent("gzip")},
		{id: "E2", name: "any coding", stream: coded("br", okJSON), setup: sent("*")},
		{id: "E2", name: "identity needs no asking", stream: coded("identity", `{"ok":true}`), setup: sent()},
		{id: "E2", name: "no content", stream: head("HTTP/1.1 200 OK", date, "Content-Encoding: gzip", "Content-Length: 0"), setup: sent()},
		{id: "E2", name: "built offline, no request to compare with", stream: coded("gzip", okJSON)},
	}
}

// TestPreviewsDecodeContent: a rule that quotes content quotes it decoded, and says which
// coding it had; the byte count stays that of the body as framed.
func TestPreviewsDecodeContent(t *testing.T) {
	body := gz("The form has been reset.\n")
	tests := []struct {
		name, stream, want string
	}{
		{"gzip", head("HTTP/1.1 205 Reset Content", date, "Content-Encoding: gzip", "Content-Length: "+strconv.Itoa(len(body))) + body,
			`205 response has ` + strconv.Itoa(len(body)) + ` bytes of content: "The form has been reset.\n" (gzip-decoded)`},
		{"unknown coding", head("HTTP/1.1 205 Reset Content", date, "Content-Encoding: compress", "Content-Length: 5") + "\x1f\x9dabc",
			`205 response has 5 bytes of content: compress-coded`},
		{"no coding", head("HTTP/1.1 205 Reset Content", date, "Content-Length: 5") + "reset",
			`205 response has 5 bytes of content: "reset"`},
	}
	for _, tt := range tests {
		fs := withID(Run(parse(t, tt.stream, "GET")), "S10")
		if len(fs) != 1 || fs[0].Message != tt.want {
			t.Errorf("%s: S10 %+v\nwant message %q", tt.name, fs, tt.want)
		}
	}
}
