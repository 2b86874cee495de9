package probe

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"strconv"
	"testing"
	"time"
)

// TestDoLargeBodies checks bodies large enough to be read in blocks and hashed on a goroutine
// of their own, for each framing and around the sizes where reading changes: the count, the
// hash, the kept start of the body and the extra bytes after it must be exactly right.
func TestDoLargeBodies(t *testing.T) {
	t.Parallel()
	sizes := []int{bulkMin - 1, bulkMin, bulkMin + readBufferSize + 1, 3*bulkMin + bulkBlockSize/3}
	for _, size := range sizes {
		body := make([]byte, size)
		for i := range body {
			body[i] = byte(i*7 + i>>11)
		}
		sum := sha256.Sum256(body)
		wantHash := hex.EncodeToString(sum[:])
		length := "HTTP/1.1 200 OK\r\nContent-Length: " + strconv.Itoa(size) + "\r\n\r\n"
		chunked := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + strconv.FormatInt(int64(size), 16) + "\r\n"
		tests := []struct {
			name    string
			stream  []byte
			framing Framing
			extra   string
			closed  bool
		}{
			{"length", concat(length, body, "STRAY"), FramingLength, "STRAY", false},
			{"chunked", concat(chunked, body, "\r\n0\r\n\r\nSTRAY"), FramingChunked, "STRAY", false},
			{"close-delimited", concat("HTTP/1.1 200 OK\r\n\r\n", body, ""), FramingClose, "", true},
		}
		for _, tt := range tests {
			t.Run(tt.name+"/"+strconv.Itoa(size), func(t *testing.T) {
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
				ex, err := Do(context.Background(), Request{URL: url, Timeout: 20 * time.Second})
				if err != nil {
					t.Fatal(err)
				}
				r := ex.Response
				if r.Framing != tt.framing || !r.BodyComplete || r.Body.Size != int64(size) {
					t.Fatalf("framing %v, complete %v (%s), size %d, want %v, complete, %d",
						r.Framing, r.BodyComplete, r.BodyError, r.Body.Size, tt.framing, size)
				}
				if r.Body.SHA256 != wantHash {
					t.Errorf("hash %s, want %s", r.Body.SHA256, wantHash)
				}
				if keep := min(size, DefaultBodyLimit); !bytes.Equal(r.Body.Data, body[:keep]) {
					t.Errorf("kept %d bytes, not the first %d of the body", len(r.Body.Data), keep)
				}
				if string(ex.Extra.Data) != tt.extra || ex.Extra.Offset != r.End {
					t.Errorf("extra %q at %d, want %q at %d", ex.Extra.Data, ex.Extra.Offset, tt.extra, r.End)
				}
				if ex.WireSize != int64(len(tt.stream)) || !bytes.Equal(ex.Wire, tt.stream[:len(ex.Wire)]) {
					t.Errorf("wire: %d bytes kept of %d, want the start of %d", len(ex.Wire), ex.WireSize, len(tt.stream))
				}
			})
		}
	}
}

func concat(head string, body []byte, tail string) []byte {
	return append(append([]byte(head), body...), tail...)
}
