package probe

import (
	"bufio"
	"context"
	"net"
	"testing"
	"time"
)

// lateWriter is a server that answers with a 204 head and then writes stray bytes, each piece
// gap after the previous write, on a connection it keeps open (or closes, when closeAfter).
// It reports on wrote how late, after the head, each piece actually went out (or was tried).
type lateWriter struct {
	head       string
	pieces     []string
	gaps       []time.Duration
	closeAfter bool
	wrote      chan []time.Duration
}

func (s lateWriter) serve(c net.Conn, done <-chan struct{}) {
	if _, err := readRequestHead(bufio.NewReader(c)); err != nil {
		return
	}
	if _, err := c.Write([]byte(s.head)); err != nil {
		return
	}
	headAt := time.Now()
	var at []time.Duration
	for i, p := range s.pieces {
		if !wait(s.gaps[i], done) {
			return
		}
		// When it was written, or tried: a write that fails because the client had closed
		// is reported too, so that a piece gone out late is told from a piece missed.
		at = append(at, time.Since(headAt))
		if _, err := c.Write([]byte(p)); err != nil {
			break
		}
	}
	s.wrote <- at
	if !s.closeAfter {
		wait(time.Second, done)
	}
}

const head204 = "HTTP/1.1 204 No Content\r\nServer: late\r\n\r\n"

// TestWatchCatchesLateWrites checks that the default stray-byte watch after a 204 catches
// bytes a server writes 0, 1, 10 and 20 ms after the head on a connection it keeps open, and
// every piece of bytes written in pieces, each within the window of the one before.
func TestWatchCatchesLateWrites(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	tests := []struct {
		name   string
		pieces []string
		gaps   []time.Duration
	}{
		{"with the head", []string{"stray"}, []time.Duration{0}},
		{"1 ms late", []string{"stray"}, []time.Duration{1 * ms}},
		{"10 ms late", []string{"stray"}, []time.Duration{10 * ms}},
		{"20 ms late", []string{"stray"}, []time.Duration{20 * ms}},
		{"in pieces 20 ms apart", []string{"one", "two", "three"}, []time.Duration{20 * ms, 20 * ms, 20 * ms}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var want string
			for _, p := range tt.pieces {
				want += p
			}
			// A loaded machine may not keep the server's schedule; only an attempt in which
			// every piece went out within 3 ms of its gap says anything about the watch.
			for attempt := range 5 {
				wrote := make(chan []time.Duration, 1)
				url := rawServer(t, lateWriter{head: head204, pieces: tt.pieces, gaps: tt.gaps, wrote: wrote}.serve)
				ex, err := Do(context.Background(), Request{URL: url + "/", Timeout: 5 * time.Second})
				if err != nil {
					t.Fatal(err)
				}
				var at []time.Duration
				select {
				case at = <-wrote:
				case <-time.After(5 * time.Second):
					t.Fatal("the server did not write")
				}
				if slipped(at, tt.gaps, 3*ms) {
					t.Logf("attempt %d: the server wrote at %v, not on schedule; again", attempt, at)
					continue
				}
				if got := string(ex.Extra.Data); got != want {
					t.Fatalf("stray bytes written at %v after the head: caught %q, want %q (watch %v)",
						at, got, want, ex.Timing.Watch)
				}
				return
			}
			t.Skip("the machine is too loaded for the server to write on schedule")
		})
	}
}

// slipped reports whether any piece went out more than slack later than its gap after the
// write before it.
func slipped(at, gaps []time.Duration, slack time.Duration) bool {
	var prev time.Duration
	for i, g := range gaps {
		if i >= len(at) || at[i]-prev > g+slack {
			return true
		}
		prev = at[i]
	}
	return false
}

// TestWatchWindow checks how long the watch lasts: the adaptive window on a correct 204 from
// a server that keeps the connection open, Request.Grace when it is set, and no wait at all
// when the server closes.
func TestWatchWindow(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	tests := []struct {
		name       string
		grace      time.Duration
		pieces     []string
		gaps       []time.Duration
		closeAfter bool
		extra      string
		min, max   time.Duration // bounds on the exchange's total time
	}{
		{name: "correct 204, kept open", min: GraceFloor, max: 180 * ms}, // the window was a fixed 200 ms
		{name: "Grace set longer", grace: 80 * ms, min: 80 * ms, max: 80*ms + 150*ms},
		{name: "Grace set shorter than a late write", grace: 2 * ms, pieces: []string{"late"},
			gaps: []time.Duration{300 * ms}, min: 2 * ms, max: 250 * ms},
		{name: "server closes after the head", grace: time.Second, pieces: []string{""},
			gaps: []time.Duration{0}, closeAfter: true, max: 500 * ms},
		{name: "server closes after stray bytes", grace: time.Second, pieces: []string{"x"},
			gaps: []time.Duration{0}, closeAfter: true, extra: "x", max: 500 * ms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wrote := make(chan []time.Duration, 1)
			url := rawServer(t, lateWriter{head: head204, pieces: tt.pieces, gaps: tt.gaps,
				closeAfter: tt.closeAfter, wrote: wrote}.serve)
			ex, err := Do(context.Background(), Request{URL: url + "/", Grace: tt.grace, Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if got := string(ex.Extra.Data); got != tt.extra {
				t.Errorf("extra %q, want %q", got, tt.extra)
			}
			if tot := ex.Timing.Total; tot < tt.min || tot > tt.max {
				t.Errorf("exchange took %v, want %v to %v", tot, tt.min, tt.max)
			}
			want := tt.grace
			if want == 0 {
				want = GraceFloor + GraceRTTs*ex.Timing.Connect
			}
			if !tt.closeAfter && ex.Timing.Watch != want {
				t.Errorf("watch %v, want %v", ex.Timing.Watch, want)
			}
		})
	}
}
