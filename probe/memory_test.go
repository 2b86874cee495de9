package probe

import (
	"bytes"
	"context"
	"net"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// TestDoMemoryBounded streams a large body through Do and checks that memory stays flat: the
// body is counted in full, but only DefaultBodyLimit bytes of it are kept, and those are its
// first bytes. The test is not parallel, so that the allocation counters see this exchange alone.
func TestDoMemoryBounded(t *testing.T) {
	size := int64(256 << 20)
	if testing.Short() {
		size = 64 << 20
	}
	block := make([]byte, 64<<10)
	for i := range block {
		block[i] = byte('a' + i%26)
	}
	head := "HTTP/1.1 200 OK\r\nContent-Length: " + strconv.FormatInt(size, 10) + "\r\n\r\n"
	// start is the beginning of the stream, as long as the longest part of it that is kept.
	start := []byte(head)
	for len(start) < MaxWireCapture {
		start = append(start, block...)
	}
	wantBody := start[len(head) : len(head)+DefaultBodyLimit]

	url := rawServer(t, func(c net.Conn, done <-chan struct{}) {
		if _, err := c.Write([]byte(head)); err != nil {
			return
		}
		for n := int64(0); n < size; n += int64(len(block)) {
			if _, err := c.Write(block); err != nil {
				return
			}
		}
		wait(time.Second, done)
	})

	// received is the last count the progress callback saw; a count that went down is kept
	// as -1.
	var received atomic.Int64
	progress := func(n int64) {
		if last := received.Load(); last < 0 || n < last {
			received.Store(-1)
			return
		}
		received.Store(n)
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	began := time.Now()
	ex, err := Do(context.Background(), Request{URL: url, Timeout: 30 * time.Second, Progress: progress})
	elapsed := time.Since(began)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	body := ex.Response.Body
	if !ex.Response.BodyComplete || body.Size != size || len(body.Data) != DefaultBodyLimit || !body.Truncated() {
		t.Fatalf("body: complete %v, size %d, kept %d", ex.Response.BodyComplete, body.Size, len(body.Data))
	}
	if body.Offset != int64(len(head)) || !bytes.Equal(body.Data, wantBody) {
		t.Errorf("body at %d, want %d, or the %d bytes kept are not its first bytes",
			body.Offset, len(head), len(body.Data))
	}
	if ex.WireSize != int64(len(head))+size || !bytes.Equal(ex.Wire, start[:MaxWireCapture]) {
		t.Errorf("wire kept %d of %d bytes, want the first %d of %d", len(ex.Wire), ex.WireSize,
			MaxWireCapture, int64(len(head))+size)
	}
	if got := received.Load(); got != ex.WireSize {
		t.Errorf("progress ended at %d (-1: it went down), want %d", got, ex.WireSize)
	}
	const limit = 32 << 20
	if grew := after.TotalAlloc - before.TotalAlloc; grew > limit {
		t.Errorf("allocated %d MiB while streaming %d MiB, want under %d MiB", grew>>20, size>>20, limit>>20)
	}
	if after.HeapInuse > before.HeapInuse && after.HeapInuse-before.HeapInuse > limit {
		t.Errorf("heap in use grew by %d MiB", (after.HeapInuse-before.HeapInuse)>>20)
	}
	t.Logf("%d MiB in %v; allocated %d KiB", size>>20, elapsed, (after.TotalAlloc-before.TotalAlloc)>>10)
}
