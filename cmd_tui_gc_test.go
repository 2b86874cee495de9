package main

import (
	"runtime/debug"
	"testing"
	"time"
)

// holdGC turns the collector off with a memory limit as a safety net, and puts back what it
// found, both when its time is up and when resumed sooner.
func TestHoldGC(t *testing.T) {
	percent := debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	limit := debug.SetMemoryLimit(-1)
	defer debug.SetGCPercent(percent)
	defer debug.SetMemoryLimit(limit)

	for _, tc := range []struct {
		name      string
		d         time.Duration
		wait      bool  // let the time run out instead of resuming
		preset    int64 // a memory limit set before, or 0
		hold, set int64
	}{
		{"resumed", time.Hour, false, 0, 64 << 20, 64 << 20},
		{"time out", 20 * time.Millisecond, true, 0, 64 << 20, 64 << 20},
		{"a lower limit stays", time.Hour, false, 8 << 20, 64 << 20, 8 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.preset > 0 {
				debug.SetMemoryLimit(tc.preset)
				defer debug.SetMemoryLimit(limit)
			}
			before := debug.SetMemoryLimit(-1)
			resume := holdGC(tc.d, tc.hold)
			if got := debug.SetGCPercent(-1); got != -1 {
				t.Errorf("GC percent %d while held, want -1 (off)", got)
			}
			if got := debug.SetMemoryLimit(-1); got != tc.set {
				t.Errorf("memory limit %d while held, want %d", got, tc.set)
			}
			if tc.wait {
				deadline := time.Now().Add(5 * time.Second)
				for debug.SetMemoryLimit(-1) != before && time.Now().Before(deadline) {
					time.Sleep(5 * time.Millisecond)
				}
			} else {
				resume()
				resume() // a second call changes nothing
			}
			if got := debug.SetGCPercent(percent); got != percent {
				t.Errorf("GC percent %d after, want %d back", got, percent)
			}
			if got := debug.SetMemoryLimit(-1); got != before {
				t.Errorf("memory limit %d after, want %d back", got, before)
			}
		})
	}
}
