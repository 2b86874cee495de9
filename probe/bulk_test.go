package probe

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestDoLargeBodies checks bodies large enough to be read in blocks straight from the
// connection, for each framing and around the sizes where reading changes: the count, the kept
// start of the body, the extra bytes after it and the wire capture must be exactly right. Each
// body is read twice: with the default limit, and with a limit that keeps all of it, so that
// every byte read in blocks is compared with what was sent.
func TestDoLargeBodies(t *testing.T) {
	t.Parallel()
	sizes := []int{bulkMin - 1, bulkMin, bulkMin + readBufferSize + 1, 3*bulkMin + bulkBlockSize/3}
	for _, size := range sizes {
		body := make([]byte, size)
		for i := range body {
			body[i] = byte(i*7 + i>>11)
		}
		length := "HTTP/1.1 200 OK\r\nContent-Length: " + strconv.Itoa(size) + "\r\n\r\n"
		chunked := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		closed := "HTTP/1.1 200 OK\r\n\r\n"
		tests := []struct {
			name    string
			head    string // the stream before the body, or before its first chunk-size line
			stream  []byte
			framing Framing
			extra   string
			closed  bool
		}{
			{"length", length, concat(length, body, "STRAY"), FramingLength, "STRAY", false},
			{"chunked", chunked, concat(chunked+strconv.FormatInt(int64(size), 16)+"\r\n", body, "\r\n0\r\n\r\nSTRAY"),
				FramingChunked, "STRAY", false},
			{"close-delimited", closed, concat(closed, body, ""), FramingClose, "", true},
		}
		for _, tt := range tests {
			for _, limit := range slices.Compact([]int{DefaultBodyLimit, size}) {
				t.Run(tt.name+"/"+strconv.Itoa(size)+"/keep-"+strconv.Itoa(limit), func(t *testing.T) {
					t.Parallel()
					url := rawServer(t, func(c net.Conn, done <-chan struct{}) {
						if _, err := readRequestHead(bufio.NewReader(c)); err != nil {
							return
						}
						if _, err := c.Write(tt.stream); err != nil || tt.closed {
							return
						}
						wait(20*time.Second, done)
					})
					ex, err := Do(context.Background(), Request{URL: url, Timeout: 20 * time.Second, BodyLimit: int64(limit)})
					if err != nil {
						t.Fatal(err)
					}
					r := ex.Response
					if r.Framing != tt.framing || !r.BodyComplete || r.Body.Size != int64(size) {
						t.Fatalf("framing %v, complete %v (%s), size %d, want %v, complete, %d",
							r.Framing, r.BodyComplete, r.BodyError, r.Body.Size, tt.framing, size)
					}
					if keep := min(size, limit); !bytes.Equal(r.Body.Data, body[:keep]) {
						t.Errorf("kept %d bytes, not the first %d of the body", len(r.Body.Data), keep)
					}
					if r.Body.Offset != int64(len(tt.head)) {
						t.Errorf("body at %d, want %d", r.Body.Offset, len(tt.head))
					}
					end := int64(len(tt.stream) - len(tt.extra))
					if string(ex.Extra.Data) != tt.extra || ex.Extra.Size != int64(len(tt.extra)) || r.End != end || ex.Extra.Offset != end {
						t.Errorf("extra %q (%d bytes) at %d, response end %d, want %q at %d",
							ex.Extra.Data, ex.Extra.Size, ex.Extra.Offset, r.End, tt.extra, end)
					}
					wantWire := tt.stream[:min(len(tt.stream), MaxWireCapture)]
					if ex.WireSize != int64(len(tt.stream)) || !bytes.Equal(ex.Wire, wantWire) {
						t.Errorf("wire: %d bytes kept of %d, want the first %d of %d",
							len(ex.Wire), ex.WireSize, len(wantWire), len(tt.stream))
					}
				})
			}
		}
	}
}

func concat(head string, body []byte, tail string) []byte {
	return append(append([]byte(head), body...), tail...)
}
