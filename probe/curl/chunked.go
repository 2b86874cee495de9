package curl

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// curlChunk is the size of the chunks curl 7.88 cuts a request body into when -H asks for
// Transfer-Encoding: chunked: its 64 KiB upload buffer less the room for the chunk framing.
const curlChunk = 64<<10 - 12

// chunkedField reports whether fields ask for a chunked body: a Transfer-Encoding whose last
// coding is chunked.
func chunkedField(fields []probe.Field) bool {
	last := ""
	for _, f := range fields {
		if !probe.EqualFold(f.Name, "Transfer-Encoding") {
			continue
		}
		for c := range strings.SplitSeq(f.Value, ",") {
			if c = strings.TrimSpace(c); c != "" {
				last = c
			}
		}
	}
	return probe.EqualFold(last, "chunked")
}

// chunk encodes body the way curl does for -H 'Transfer-Encoding: chunked': chunks of
// curlChunk bytes, the last chunk and no trailer.
func chunk(body []byte) []byte {
	var b bytes.Buffer
	for len(body) > 0 {
		n := min(len(body), curlChunk)
		b.WriteString(strconv.FormatInt(int64(n), 16) + "\r\n")
		b.Write(body[:n])
		b.WriteString("\r\n")
		body = body[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

// unchunk returns the data that chunk encodes into b, if b is exactly such an encoding.
func unchunk(b []byte) ([]byte, bool) {
	var out []byte
	for rest := b; ; {
		line, after, ok := bytes.Cut(rest, []byte("\r\n"))
		n, err := strconv.ParseUint(string(line), 16, 31)
		if !ok || err != nil {
			return nil, false
		}
		if n == 0 {
			break
		}
		if uint64(len(after)) < n {
			return nil, false
		}
		out = append(out, after[:n]...)
		rest, _ = bytes.CutPrefix(after[n:], []byte("\r\n"))
	}
	if !bytes.Equal(chunk(out), b) {
		return nil, false
	}
	return out, true
}
