package probe

import (
	"bufio"
	"compress/gzip"
	"context"
	"net"
	"runtime"
	"testing"
	"time"
)

// TestDoMemoryBoundedCoded streams a large gzip-coded body through Do and checks that decoding
// keeps memory flat too: the decoded content is counted in full and only DefaultBodyLimit bytes
// of it are kept. The test is not parallel, so that the allocation counters see this exchange
// alone.
func TestDoMemoryBoundedCoded(t *testing.T) {
	size := int64(128 << 20)
	if testing.Short() {
		size = 32 << 20
	}
	block := make([]byte, 64<<10)
	for i := range block {
		block[i] = byte('a' + (i*7)%26)
	}
	url := rawServer(t, func(c net.Conn, done <-chan struct{}) {
		// The request is read first: closing with unread input would reset the connection.
		if _, err := readRequestHead(bufio.NewReader(c)); err != nil {
			return
		}
		if _, err := c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n")); err != nil {
			return
		}
		z, _ := gzip.NewWriterLevel(c, gzip.BestSpeed)
		for n := int64(0); n < size; n += int64(len(block)) {
			if _, err := z.Write(block); err != nil {
				return
			}
		}
		_ = z.Close()
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ex, err := Do(context.Background(), Request{URL: url, Timeout: 30 * time.Second})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	cc := ex.Response.Coding
	if cc == nil {
		t.Fatal("no Coding")
	}
	if !cc.Decoded() || cc.Content.Size != size || len(cc.Content.Data) != DefaultBodyLimit {
		t.Fatalf("decoded %d bytes (kept %d), err %q; want %d (kept %d)", cc.Content.Size, len(cc.Content.Data),
			cc.Err, size, DefaultBodyLimit)
	}
	const limit = 32 << 20
	if grew := after.TotalAlloc - before.TotalAlloc; grew > limit {
		t.Errorf("allocated %d MiB while decoding %d MiB, want under %d MiB", grew>>20, size>>20, limit>>20)
	}
	t.Logf("%d MiB decoded from %d KiB in %v; allocated %d KiB", size>>20, ex.Response.Body.Size>>10,
		ex.Timing.Total, (after.TotalAlloc-before.TotalAlloc)>>10)
}
