package probe

import (
	"bytes"
	"context"
	"errors"
	"net"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// skipBlock is the pattern the servers of the tests below repeat to make a large body.
func skipBlock() []byte {
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = byte(i*7 + i>>9)
	}
	return b
}

// writeRepeated writes head, then n bytes of block repeated, then tail to c.
func writeRepeated(c net.Conn, head string, block []byte, n int64, tail string) error {
	if _, err := c.Write([]byte(head)); err != nil {
		return err
	}
	for n > 0 {
		k := min(n, int64(len(block)))
		if _, err := c.Write(block[:k]); err != nil {
			return err
		}
		n -= k
	}
	_, err := c.Write([]byte(tail))
	return err
}

// repeated returns the first n bytes of a stream made of head and block repeated.
func repeated(head string, block []byte, n int) []byte {
	b := []byte(head)
	for len(b) < n {
		b = append(b, block...)
	}
	return b[:n]
}

// skipReader dials url and returns the wire reader Do would read the response with, and a
// count of the bytes it dropped without reading them; with skip false, it never drops any.
func skipReader(t *testing.T, url string, skip bool, progress func(int64), deadline time.Time) (net.Conn, *wireReader, *atomic.Int64) {
	t.Helper()
	conn, err := net.Dial("tcp", url[len("http://"):])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.SetDeadline(deadline)
	wr := connReader(conn, conn, progress, deadline)
	skipped := &atomic.Int64{}
	if inner := wr.skip; inner != nil && skip {
		wr.skip = func(p []byte) (int, error) {
			n, err := inner(p)
			skipped.Add(int64(n))
			return n, err
		}
	} else {
		wr.skip = nil
	}
	return conn, wr, skipped
}

// TestSkipLargeBody reads 64 MiB bodies of each framing from a loopback server with the reader
// Do uses, once dropping the bytes nothing keeps and once reading them all: both must give the
// exact count, the kept start of the body and of the stream, the extra bytes and the progress.
// On Linux the bytes past the kept parts must have been dropped, not read.
func TestSkipLargeBody(t *testing.T) {
	t.Parallel()
	const size = 64 << 20
	block := skipBlock()
	length := "HTTP/1.1 200 OK\r\nContent-Length: " + strconv.Itoa(size) + "\r\n\r\n"
	chunked := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + strconv.FormatInt(40<<20, 16) + "\r\n"
	closed := "HTTP/1.1 200 OK\r\n\r\n"
	tests := []struct {
		name    string
		head    string // up to the body's first byte
		tail    string // after the body's last byte
		framing Framing
		extra   string
		// write sends the body; nil sends size bytes of block after head, then tail.
		write func(c net.Conn) error
	}{
		{name: "length", head: length, tail: "STRAY", framing: FramingLength, extra: "STRAY"},
		{name: "chunked", head: chunked, tail: "\r\n0\r\n\r\nSTRAY", framing: FramingChunked, extra: "STRAY",
			write: func(c net.Conn) error {
				// Two chunks, 40 MiB and 24 MiB: the second begins where the block does.
				if err := writeRepeated(c, chunked, block, 40<<20, "\r\n"+strconv.FormatInt(24<<20, 16)+"\r\n"); err != nil {
					return err
				}
				return writeRepeated(c, "", block, 24<<20, "\r\n0\r\n\r\nSTRAY")
			}},
		{name: "close-delimited", head: closed, framing: FramingClose},
	}
	for _, tt := range tests {
		for _, skip := range []bool{true, false} {
			t.Run(tt.name+"/skip="+strconv.FormatBool(skip), func(t *testing.T) {
				t.Parallel()
				url := rawServer(t, func(c net.Conn, done <-chan struct{}) {
					if tt.write != nil {
						_ = tt.write(c)
					} else {
						_ = writeRepeated(c, tt.head, block, size, tt.tail)
					}
				})
				var progressed atomic.Int64
				progress := func(n int64) { progressed.Store(n) }
				_, wr, skipped := skipReader(t, url, skip, progress, time.Now().Add(20*time.Second))
				ex := &Exchange{}
				newParser(wr, "GET", DefaultBodyLimit, &env{ctx: context.Background(), timeout: 20 * time.Second}).run(ex)
				if ex.Err != nil {
					t.Fatal(ex.Err)
				}
				r := ex.Response
				if r.Framing != tt.framing || !r.BodyComplete || r.Body.Size != size {
					t.Fatalf("framing %v, complete %v (%s), size %d, want %v, complete, %d",
						r.Framing, r.BodyComplete, r.BodyError, r.Body.Size, tt.framing, size)
				}
				if want := repeated("", block, DefaultBodyLimit); !bytes.Equal(r.Body.Data, want) {
					t.Errorf("kept %d bytes, not the first %d of the body", len(r.Body.Data), len(want))
				}
				stream := int64(len(tt.head)) + size + int64(len(tt.tail))
				if tt.name == "chunked" {
					stream += int64(len("\r\n" + strconv.FormatInt(24<<20, 16) + "\r\n"))
				}
				end := stream - int64(len(tt.extra))
				if string(ex.Extra.Data) != tt.extra || ex.Extra.Size != int64(len(tt.extra)) || r.End != end {
					t.Errorf("extra %q (%d bytes), response end %d, want %q, %d", ex.Extra.Data, ex.Extra.Size, r.End, tt.extra, end)
				}
				if want := repeated(tt.head, block, MaxWireCapture); ex.WireSize != stream || !bytes.Equal(ex.Wire, want) {
					t.Errorf("wire: %d bytes kept of %d, want the first %d of %d", len(ex.Wire), ex.WireSize, len(want), stream)
				}
				if got := progressed.Load(); got != stream {
					t.Errorf("progress ended at %d, want %d", got, stream)
				}
				// All but the kept parts and a block or two read before the wire capture filled.
				got, want := skipped.Load(), int64(0)
				if skip && runtime.GOOS == "linux" {
					want = size - MaxWireCapture - 2*bulkBlockSize
				}
				if got < want || !skip && got != 0 {
					t.Errorf("%d bytes dropped without being read, want at least %d", got, want)
				}
			})
		}
	}
}

// TestSkipStopped stops a large body mid-way, by the timeout or by cancellation, while the
// bytes nothing keeps are dropped, while they are read, and through Do: the errors must read
// the same, down to the error of the connection.
func TestSkipStopped(t *testing.T) {
	t.Parallel()
	const sent, size = 4 << 20, 64 << 20
	const timeout = 500 * time.Millisecond
	block := skipBlock()
	head := "HTTP/1.1 200 OK\r\nContent-Length: " + strconv.Itoa(size) + "\r\n\r\n"
	tests := []struct {
		name    string
		cancel  bool
		msg     string
		body    string
		connErr string // the connection's error, after "read tcp LOCAL->REMOTE: "
	}{
		{"timeout", false, "timed out after 500ms while reading the body (4194304 bytes so far)",
			"got 4194304 of 67108864 bytes: timed out after 500ms", "i/o timeout"},
		{"cancel", true, "canceled while reading the body (4194304 bytes so far)",
			"got 4194304 of 67108864 bytes: canceled", "use of closed network connection"},
	}
	for _, tt := range tests {
		for _, mode := range []string{"skip", "read", "Do"} {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				t.Parallel()
				url := rawServer(t, func(c net.Conn, done <-chan struct{}) {
					if writeRepeated(c, head, block, sent, "") == nil {
						wait(20*time.Second, done)
					}
				})
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				progress := func(n int64) {
					if tt.cancel && n == int64(len(head))+sent {
						cancel()
					}
				}
				wait := 20 * time.Second
				if !tt.cancel {
					wait = timeout
				}
				var ex *Exchange
				var conn net.Conn
				var skipped *atomic.Int64
				if mode == "Do" {
					ex, _ = Do(ctx, Request{URL: url, Timeout: wait, Progress: progress})
				} else {
					var wr *wireReader
					conn, wr, skipped = skipReader(t, url, mode == "skip", progress, time.Now().Add(wait))
					stop := context.AfterFunc(ctx, func() { conn.Close() })
					defer stop()
					ex = &Exchange{}
					newParser(wr, "GET", DefaultBodyLimit, &env{ctx: ctx, timeout: wait}).run(ex)
				}
				var e *Error
				if !errors.As(ex.Err, &e) || e.Phase != PhaseBody || e.Msg != tt.msg || e.Timeout == tt.cancel || e.Canceled != tt.cancel {
					t.Fatalf("error %#v, want %q in the body phase", ex.Err, tt.msg)
				}
				if ex.Response == nil || ex.Response.BodyError != tt.body || ex.Response.Body.Size != sent {
					t.Fatalf("response %+v, want body error %q after %d bytes", ex.Response, tt.body, sent)
				}
				if conn != nil {
					want := "read tcp " + conn.LocalAddr().String() + "->" + conn.RemoteAddr().String() + ": " + tt.connErr
					if e.Err == nil || e.Err.Error() != want {
						t.Errorf("connection error %v, want %q", e.Err, want)
					}
				}
				if mode == "skip" && runtime.GOOS == "linux" && skipped.Load() == 0 {
					t.Error("no bytes dropped without being read")
				}
			})
		}
	}
}
