package ui

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/probe"
)

// mark is what the response pane says while the probe watches for stray bytes.
const mark = "listening for stray bytes…"

// lateStray answers with a 204 head, then writes "stray" after a pause, on a connection it
// keeps open: the watch after the head runs its whole window.
func lateStray(t *testing.T, pause time.Duration) string {
	t.Helper()
	url, _ := rawServer(t, func(c net.Conn, _ string) {
		_, _ = c.Write([]byte("HTTP/1.1 204 No Content\r\nServer: late\r\n\r\n"))
		time.Sleep(pause)
		_, _ = c.Write([]byte("stray"))
	})
	return url
}

// TestWatchShowsHeadAtOnce checks that the response pane shows a 204 as soon as its head
// arrives, while the probe still watches for stray bytes, with a line that says so; that the
// stray bytes show when they arrive; and that the final result replaces it all, without the
// line. Cancelling, or sending again, during the watch still works.
func TestWatchShowsHeadAtOnce(t *testing.T) {
	t.Parallel()
	grace := 800 * time.Millisecond
	tests := []struct {
		name string
		then func(t *testing.T, d *driver) // during the watch, after the stray bytes showed
	}{
		{"the final result replaces the partial one", func(t *testing.T, d *driver) {
			d.until("the final result", 5*time.Second, func(m Model) bool { return m.inflight == nil })
			s := d.screen()
			if strings.Contains(s, mark) || !strings.Contains(s, "204 No Content") || !strings.Contains(s, "stray") {
				t.Errorf("final screen:\n%s", s)
			}
			if strings.Contains(s, "so far") {
				t.Errorf("the final result still speaks of findings so far:\n%s", s)
			}
		}},
		{"follow-ups and save wait for the whole response", func(t *testing.T, d *driver) {
			for _, k := range []string{"f7", "ctrl+x"} {
				d.send(keyPress(k))
				if s := d.screen(); !strings.Contains(s, "still listening for stray bytes") {
					t.Errorf("%s during the watch:\n%s", k, s)
				}
			}
			if d.m.deep != nil || d.m.overlay.open() {
				t.Error("a follow-up run or the save list started on a response not over")
			}
			d.send(keyPress("esc"))
		}},
		{"esc cancels during the watch", func(t *testing.T, d *driver) {
			d.send(keyPress("esc"))
			if d.m.inflight != nil {
				t.Fatal("esc did not cancel")
			}
			d.settle()
			if s := d.screen(); !strings.Contains(s, "cancelled") || strings.Contains(s, mark) {
				t.Errorf("screen after esc:\n%s", s)
			}
		}},
		{"a new request during the watch", func(t *testing.T, d *driver) {
			first := d.m.inflight.id
			d.send(keyPress("f5"))
			if d.m.inflight == nil || d.m.inflight.id != first+1 {
				t.Fatalf("f5 did not start a new request: %+v", d.m.inflight)
			}
			if s := d.screen(); strings.Contains(s, mark) || !strings.Contains(s, "sending") {
				t.Errorf("screen after f5:\n%s", s)
			}
			d.until("the second request's head", 5*time.Second, func(m Model) bool {
				return m.inflight != nil && m.inflight.id == first+1 && strings.Contains(d.screen(), mark)
			})
			d.send(keyPress("esc"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			url := lateStray(t, 150*time.Millisecond)
			d := newDriver(t, Options{NoHistory: true, Grace: grace, Initial: &probe.Request{Method: "GET", URL: url + "/"}}, 110, 32)
			d.send(keyPress("enter"))
			sent := time.Now()
			d.until("the head", 5*time.Second, func(m Model) bool { return strings.Contains(d.screen(), mark) })
			s := d.screen()
			if d.m.inflight == nil || !strings.Contains(s, "204 No Content") || !strings.Contains(s, "of 800 ms") ||
				strings.Contains(s, "stray\n") {
				t.Fatalf("partial screen (request running: %v):\n%s", d.m.inflight != nil, s)
			}
			if d := time.Since(sent); d > grace {
				t.Errorf("the head showed after %v, the whole watch", d)
			}
			d.until("the stray bytes", 5*time.Second, func(m Model) bool { return strings.Contains(d.screen(), "stray") })
			if s := d.screen(); d.m.inflight != nil && !strings.Contains(s, mark) {
				t.Errorf("the stray bytes came without the mark, the watch still running:\n%s", s)
			}
			tt.then(t, d)
		})
	}
}

// TestStaleWatchDropped checks that the exchange so far of an older request, or of a request
// that is over, does not reach the screen.
func TestStaleWatchDropped(t *testing.T) {
	t.Parallel()
	d, first := superseded(t)
	ex := probe.Parse([]byte("HTTP/1.1 204 No Content\r\n\r\n"), "GET")
	ex.Timing.Watch = 25 * time.Millisecond
	if cmd := d.m.watching(watchMsg{id: first, ex: ex, since: time.Now()}); cmd != nil {
		t.Error("a snapshot of an older request re-armed the wait")
	}
	pane := func() string { return ansi.Strip(d.m.results.View()) } // the explainer shows 204 too
	if s := pane(); strings.Contains(s, mark) || strings.Contains(s, "204 No Content") {
		t.Errorf("a snapshot of an older request was shown:\n%s", s)
	}
	if cmd := d.m.watching(watchMsg{id: first + 1, ex: ex, since: time.Now()}); cmd == nil {
		t.Error("a snapshot of the running request did not re-arm the wait")
	}
	if s := pane(); !strings.Contains(s, mark) || !strings.Contains(s, "204 No Content") {
		t.Errorf("the running request's snapshot was not shown:\n%s", s)
	}
	d.send(resultMsg{id: first + 1, exs: []*probe.Exchange{ex}})
	d.settle() // the history write
	d.m.watching(watchMsg{id: first + 1, ex: ex, since: time.Now()})
	if s := pane(); strings.Contains(s, mark) || !strings.Contains(s, "204 No Content") {
		t.Errorf("a snapshot after the result brought the mark back:\n%s", s)
	}
}

// TestWatchMeterNeverBlocks checks that the probe's Watching callback never waits for the UI
// and that the UI gets the newest snapshot, with its findings, and nothing once the request is
// done.
func TestWatchMeterNeverBlocks(t *testing.T) {
	t.Parallel()
	mt := newMeter()
	var last *probe.Exchange
	for i := range 100 { // nobody is reading: must not block
		last = probe.Parse([]byte("HTTP/1.1 204 No Content\r\n\r\n"+strings.Repeat("x", i)), "GET")
		mt.watch(last)
	}
	msg, ok := waitWatch(7, mt, 0)().(watchMsg)
	if !ok || msg.id != 7 || msg.ex != last || len(msg.findings) == 0 || msg.since.IsZero() {
		t.Errorf("watch = %#v", msg)
	}
	close(mt.done)
	if msg := waitWatch(7, mt, time.Hour)(); msg != nil {
		t.Errorf("after done: %#v", msg)
	}
}
