package composer

import (
	"runtime"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/theme"
)

// The explorer builds a composer and fills it before its first frame; what that allocates is
// paid for in garbage collection during start-up.
func TestStartAllocations(t *testing.T) {
	th := theme.New(true, false)
	for _, tc := range []struct {
		name string
		req  probe.Request
	}{
		{"lab request", probe.Request{Method: "DELETE", URL: "http://127.0.0.1:8204/204/body"}},
		{"empty", probe.Request{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			m := New(th)
			m.SetRequest(tc.req)
			runtime.ReadMemStats(&after)
			runtime.KeepAlive(m)
			const limit = 900 << 10
			if got := after.TotalAlloc - before.TotalAlloc; got > limit {
				t.Errorf("New and SetRequest allocated %d KiB, more than %d KiB", got>>10, limit>>10)
			}
		})
	}
}
