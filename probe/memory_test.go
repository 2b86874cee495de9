package probe

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// TestDoMemoryBounded streams a large body through Do and checks that memory stays flat: the
// body is counted and hashed in full, but only DefaultBodyLimit bytes of it are kept. The test
// is not parallel, so that the allocation counters see this exchange alone.
func TestDoMemoryBounded(t *testing.T) {
	size := int64(256 << 20)
	if testing.Short() {
		size = 64 << 20
	}
	block := make([]byte, 64<<10)
	for i := range block {
		block[i] = byte('a' + i%26)
	}
	h := sha256.New()
	for n := int64(0); n < size; n += int64(len(block)) {
		h.Write(block)
	}
	wantHash := hex.EncodeToString(h.Sum(nil))

	url := rawServer(t, func(c net.Conn, done <-chan struct{}) {
		head := "HTTP/1.1 200 OK\r\nContent-Length: " + strconv.FormatInt(size, 10) + "\r\n\r\n"
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

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	ex, err := Do(context.Background(), Request{URL: url, Timeout: 30 * time.Second})
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	body := ex.Response.Body
	if !ex.Response.BodyComplete || body.Size != size || len(body.Data) != DefaultBodyLimit || !body.Truncated() {
		t.Fatalf("body: complete %v, size %d, kept %d", ex.Response.BodyComplete, body.Size, len(body.Data))
	}
	if body.SHA256 != wantHash {
		t.Errorf("hash %s, want %s", body.SHA256, wantHash)
	}
	if len(ex.Wire) != MaxWireCapture || ex.WireSize != size+int64(ex.Response.End-body.Size) {
		t.Errorf("wire kept %d of %d bytes", len(ex.Wire), ex.WireSize)
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
