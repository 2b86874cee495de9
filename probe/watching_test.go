package probe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/http2"
)

// seen is what a test's Watching callback saw of one snapshot: the stray bytes and the last
// frame received so far, read by another goroutine while the exchange went on.
type seen struct {
	status int
	extra  string
	wire   int64
	frames []string
	total  time.Duration
	watch  time.Duration
}

// watchRecorder is a Watching callback that hands each snapshot to a goroutine of its own,
// which reads all of it while the probe goes on reading: the race detector sees to it that
// the snapshot shares nothing the probe still writes.
type watchRecorder struct {
	ch   chan *Exchange
	wg   sync.WaitGroup
	mu   sync.Mutex
	seen []seen
}

func newWatchRecorder() *watchRecorder {
	r := &watchRecorder{ch: make(chan *Exchange, 64)}
	r.wg.Go(func() {
		for ex := range r.ch {
			time.Sleep(time.Millisecond) // read it while the probe reads on
			s := seen{status: ex.Response.Status.Code, extra: string(ex.Extra.Data), wire: ex.WireSize,
				frames: types(ex), total: ex.Timing.Total, watch: ex.Timing.Watch}
			_ = string(ex.Wire) + string(ex.Response.Head()) + ex.Response.BodyError
			r.mu.Lock()
			r.seen = append(r.seen, s)
			r.mu.Unlock()
		}
	})
	return r
}

func (r *watchRecorder) report(ex *Exchange) { r.ch <- ex }

// done stops the reading goroutine and returns what it saw, in order.
func (r *watchRecorder) done() []seen {
	close(r.ch)
	r.wg.Wait()
	return r.seen
}

// TestWatching checks Request.Watching: the callback gets the response's head as soon as the
// watch begins, before any stray byte, then a snapshot at each arrival of stray bytes (over
// HTTP/2, of a late frame), and the exchange Do returns still has all of them. A response
// with a body has no watch and no call, and a 204 from a server that closes at once at most
// the one at the head.
func TestWatching(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	grace := 200 * ms
	tests := []struct {
		name  string
		serve func(t *testing.T) (url string, wrote <-chan []time.Duration)
		http2 bool
		gaps  []time.Duration // when the server wrote each piece, to tell a loaded machine
		want  []string        // the stray bytes each snapshot holds, in order
		frame []string        // over HTTP/2, the last frame each snapshot holds
		extra string          // the stray bytes of the exchange Do returns
		// prefix: the snapshots may stop short of want, as when a close races the watch
		prefix bool
	}{
		{name: "HTTP/1.1 204, stray bytes at 30 and 60 ms", serve: func(t *testing.T) (string, <-chan []time.Duration) {
			wrote := make(chan []time.Duration, 1)
			return rawServer(t, lateWriter{head: head204, pieces: []string{"one", "two"},
				gaps: []time.Duration{30 * ms, 30 * ms}, wrote: wrote}.serve), wrote
		}, gaps: []time.Duration{30 * ms, 30 * ms}, want: []string{"", "one", "onetwo"}, extra: "onetwo"},
		{name: "HTTP/1.1 204 with stray bytes in the same write", serve: func(t *testing.T) (string, <-chan []time.Duration) {
			wrote := make(chan []time.Duration, 1)
			return rawServer(t, lateWriter{head: head204 + "now", pieces: []string{"late"},
				gaps: []time.Duration{30 * ms}, wrote: wrote}.serve), wrote
		}, gaps: []time.Duration{30 * ms}, want: []string{"now", "nowlate"}, extra: "nowlate"},
		{name: "HTTP/1.1 200 with a body", serve: func(t *testing.T) (string, <-chan []time.Duration) {
			return rawServer(t, lateWriter{head: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
				wrote: make(chan []time.Duration, 1)}.serve), nil
		}},
		{name: "HTTP/1.1 204, the server closes", serve: func(t *testing.T) (string, <-chan []time.Duration) {
			return rawServer(t, lateWriter{head: head204, closeAfter: true, wrote: make(chan []time.Duration, 1)}.serve), nil
		}, want: []string{""}, prefix: true}, // the head may be read before the close is
		{name: "HTTP/2 204, late frames at 30 and 60 ms", http2: true, serve: func(t *testing.T) (string, <-chan []time.Duration) {
			wrote := make(chan []time.Duration, 1)
			return h2Raw(t, func(fr *http2.Framer, b *hpackBlock) {
				_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "204"),
					EndStream: true, EndHeaders: true})
				start := time.Now()
				var at []time.Duration
				time.Sleep(30 * ms)
				_ = fr.WriteData(1, false, []byte("late"))
				at = append(at, time.Since(start))
				time.Sleep(30 * ms)
				_ = fr.WriteGoAway(1, http2.ErrCodeNo, nil)
				at = append(at, time.Since(start))
				wrote <- at
			}), wrote
		}, gaps: []time.Duration{30 * ms, 30 * ms}, want: []string{"", "", ""},
			frame: []string{"HEADERS END_STREAM|END_HEADERS", "DATA ", "GOAWAY "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// A loaded machine may not keep the server's schedule, and pieces then arrive
			// together; only an attempt in which each went out within 10 ms of its gap counts.
			for attempt := range 5 {
				url, wrote := tt.serve(t)
				rec := newWatchRecorder()
				req := Request{URL: url + "/", Grace: grace, Timeout: 5 * time.Second, Watching: rec.report}
				if tt.http2 {
					req.HTTP2 = HTTP2Prior
				}
				ex, err := Do(context.Background(), req)
				got := rec.done()
				if err != nil {
					t.Fatal(err)
				}
				if wrote != nil {
					if at := <-wrote; slipped(at, tt.gaps, 10*ms) {
						t.Logf("attempt %d: the server wrote at %v, not on schedule; again", attempt, at)
						continue
					}
				}
				if string(ex.Extra.Data) != tt.extra {
					t.Errorf("the exchange's stray bytes: %q, want %q", ex.Extra.Data, tt.extra)
				}
				if len(got) != len(tt.want) && !(tt.prefix && len(got) < len(tt.want)) {
					t.Fatalf("%d snapshots %+v, want %d", len(got), got, len(tt.want))
				}
				for i, s := range got {
					if s.status != 204 || s.extra != tt.want[i] || s.watch != grace {
						t.Errorf("snapshot %d: %+v, want a 204 with stray bytes %q, watch %v", i, s, tt.want[i], grace)
					}
					if s.total <= 0 || s.total > ex.Timing.Total || i > 0 && s.total <= got[i-1].total {
						t.Errorf("snapshot %d: total so far %v (the exchange's %v)", i, s.total, ex.Timing.Total)
					}
					if i > 0 && s.wire <= got[i-1].wire {
						t.Errorf("snapshot %d: %d bytes received, no more than the one before", i, s.wire)
					}
					if tt.frame != nil && (len(s.frames) == 0 || s.frames[len(s.frames)-1] != tt.frame[i]) {
						t.Errorf("snapshot %d: frames %q, want %q last", i, s.frames, tt.frame[i])
					}
				}
				if n := len(got); n > 0 && !tt.http2 && got[n-1].wire != ex.WireSize {
					t.Errorf("the last snapshot saw %d bytes, the exchange %d", got[n-1].wire, ex.WireSize)
				}
				if tt.http2 && len(ex.Frames) < len(got) {
					t.Errorf("the exchange has %d frames", len(ex.Frames))
				}
				return
			}
			t.Skip("the machine is too loaded for the server to write on schedule")
		})
	}
}

// Past the first MiB of stray bytes the watch still restarts at each arrival and still reports
// it: a server that writes a large run of bytes after a 204, in pieces, is read to the end.
func TestWatchingPastBulk(t *testing.T) {
	t.Parallel()
	const pieces, size = 8, 300 << 10
	piece := strings.Repeat("x", size)
	gaps := make([]time.Duration, pieces)
	all := make([]string, pieces)
	for i := range gaps {
		gaps[i], all[i] = 40*time.Millisecond, piece
	}
	url := rawServer(t, lateWriter{head: head204, pieces: all, gaps: gaps, wrote: make(chan []time.Duration, 1)}.serve)
	var calls atomic.Int64
	var last atomic.Int64
	ex, err := Do(context.Background(), Request{URL: url + "/", Grace: 100 * time.Millisecond, Timeout: 10 * time.Second,
		Watching: func(p *Exchange) { calls.Add(1); last.Store(p.Extra.Size) }})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Extra.Size != pieces*size {
		t.Errorf("caught %d stray bytes of %d: the watch ended while the server was still writing", ex.Extra.Size, pieces*size)
	}
	if got := last.Load(); got != pieces*size {
		t.Errorf("the last snapshot held %d stray bytes of %d (%d snapshots)", got, pieces*size, calls.Load())
	}
}

// With -L, a redirect that is followed is not the answer: a HEAD's 301 is bodyless and watched
// like any other, but only the last hop's response is handed over while it is watched.
func TestWatchingSkipsFollowedRedirects(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/a" {
			http.Redirect(w, r, "/b", http.StatusMovedPermanently)
			return
		}
		time.Sleep(100 * time.Millisecond)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	for _, follow := range []bool{true, false} {
		var mu sync.Mutex
		var codes []int
		_, err := Run(context.Background(), Request{Method: "HEAD", URL: srv.URL + "/a", FollowRedirects: follow,
			Grace: 20 * time.Millisecond, Watching: func(p *Exchange) {
				mu.Lock()
				defer mu.Unlock()
				codes = append(codes, p.Response.Status.Code)
			}})
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		want := map[bool]int{true: http.StatusOK, false: http.StatusMovedPermanently}[follow]
		if len(codes) == 0 || slices.ContainsFunc(codes, func(c int) bool { return c != want }) {
			t.Errorf("follow %v: snapshots of %v, want only %d", follow, codes, want)
		}
		mu.Unlock()
	}
}
