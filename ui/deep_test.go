package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/results"
)

// fileServer serves one small text file with the validators and Accept-Ranges a static file
// server sends; block, when set, holds every conditional request until the client goes away.
// It counts the requests it saw by method and conditional header.
type fileServer struct {
	mu    sync.Mutex
	seen  []string
	block bool
	gone  chan struct{} // closed when a held request's client went away
	once  sync.Once
}

func (s *fileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	what := r.Method
	for _, h := range []string{"If-None-Match", "If-Modified-Since", "Range"} {
		if r.Header.Get(h) != "" {
			what += " " + h
		}
	}
	s.mu.Lock()
	s.seen = append(s.seen, what)
	s.mu.Unlock()
	if s.block && what != "GET" {
		<-r.Context().Done()
		s.once.Do(func() { close(s.gone) })
		return
	}
	w.Header().Set("ETag", `"v1"`)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	http.ServeContent(w, r, "", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), strings.NewReader("hello, follow-ups\n"))
}

func (s *fileServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.seen...)
}

// deepDriver sends method to a fileServer and waits for the response.
func deepDriver(t *testing.T, fs *fileServer, method string) *driver {
	t.Helper()
	srv := httptest.NewServer(fs)
	t.Cleanup(srv.Close)
	// Longer than the tests wait, so that only a cancel ends a held request.
	req := probe.Request{Method: method, URL: srv.URL + "/file.txt", Timeout: 30 * time.Second}
	d := newDriver(t, Options{Initial: &req}, 120, 40)
	d.sendRequest()
	return d
}

// TestFollowups: d in the response pane sends the follow-ups of a GET to a static file (the
// conditional requests, the HEAD and the Range), and the Follow-ups view shows each with what
// came back; enter on a finding explains its rule.
func TestFollowups(t *testing.T) {
	t.Parallel()
	fs := &fileServer{}
	d := deepDriver(t, fs, "GET")
	d.press("d")
	d.until("the follow-ups", 10*time.Second, func(m Model) bool { return m.deep == nil })
	d.settle()
	if got, want := strings.Join(fs.requests(), ","), "GET,GET If-None-Match,GET If-Modified-Since,HEAD,GET Range"; got != want {
		t.Errorf("server saw %s, want %s", got, want)
	}
	if d.m.results.Tab() != results.TabFollowups {
		t.Errorf("tab = %v, want Follow-ups", d.m.results.Tab())
	}
	s := d.screen()
	for _, want := range []string{"[ Follow-ups ]", "If-None-Match  GET · If-None-Match: \"v1\" → 304 Not Modified",
		"If-Modified-Since  GET · If-Modified-Since: Fri, 02 Jan 2026 03:04:05 GMT → 304 Not Modified",
		"HEAD  HEAD → 200 OK", "Range  GET · Range: bytes=0-0 → 206 Partial Content · 1 body byte"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "✗") || strings.Contains(s, "!") {
		t.Errorf("a correct file server got an error or a warning:\n%s", s)
	}
	// enter on the first follow-up shows what it sent and got.
	d.press("enter")
	if s := d.screen(); !strings.Contains(s, "If-None-Match: \"v1\"") || !strings.Contains(s, "HTTP/1.1 304 Not Modified") {
		t.Errorf("details of the first follow-up not shown:\n%s", s)
	}
}

// TestFollowupFindingExplained: a follow-up's finding names the follow-up that found it, and
// enter on it moves the explainer to its rule.
func TestFollowupFindingExplained(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		if r.Method == "HEAD" {
			w.Header().Set("Content-Type", "text/html") // S37: HEAD unlike GET
		}
		w.Write([]byte("hi\n"))
	}))
	t.Cleanup(srv.Close)
	req := probe.Request{Method: "GET", URL: srv.URL + "/", Timeout: 5 * time.Second}
	d := newDriver(t, Options{Initial: &req}, 120, 40)
	d.sendRequest()
	d.press("d")
	d.until("the follow-ups", 10*time.Second, func(m Model) bool { return m.deep == nil })
	d.settle()
	if s := d.screen(); !strings.Contains(s, "S37") || !strings.Contains(s, "found by HEAD") {
		t.Fatalf("no S37 found by HEAD:\n%s", s)
	}
	for range 10 {
		if f, why, ok := d.m.results.FollowupFinding(); ok && f.ID == "S37" {
			if why != "HEAD" {
				t.Errorf("S37 found by %q", why)
			}
			break
		}
		d.press("down")
	}
	d.press("enter")
	_, heading, _ := content.ForRule("S37")
	if got := d.m.explainer.Section(); got != heading {
		t.Errorf("explainer at %q after enter on S37, want %q", got, heading)
	}
}

// TestFollowupsCancel: esc cancels running follow-ups (the server sees the client go) and
// their late outcome is dropped.
func TestFollowupsCancel(t *testing.T) {
	t.Parallel()
	fs := &fileServer{block: true, gone: make(chan struct{})}
	d := deepDriver(t, fs, "GET")
	d.send(keyPress("d"))
	d.until("the first follow-up", 5*time.Second, func(Model) bool { return len(fs.requests()) > 1 })
	if s := d.screen(); !strings.Contains(s, "sending If-None-Match, If-Modified-Since, HEAD, Range") || !strings.Contains(s, "esc cancels") {
		t.Errorf("running screen:\n%s", s)
	}
	d.send(keyPress("esc")) // not press: its settle would wait for the run to end
	select {
	case <-fs.gone:
	case <-time.After(5 * time.Second):
		t.Fatal("esc did not end the follow-up's request")
	}
	d.settle()
	if s := d.screen(); !strings.Contains(s, "follow-ups cancelled") || strings.Contains(s, "304") {
		t.Errorf("screen after esc:\n%s", s)
	}
	if d.m.deep != nil {
		t.Error("the run is still recorded as going on")
	}
}

// TestFollowupsUnsafeMethod: for a POST the key says in one line that follow-ups are only for
// safe methods, and sends nothing.
func TestFollowupsUnsafeMethod(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"d", "ctrl+g"} {
		t.Run(k, func(t *testing.T) {
			t.Parallel()
			fs := &fileServer{}
			d := deepDriver(t, fs, "POST")
			d.press(k)
			time.Sleep(100 * time.Millisecond)
			d.settle()
			if got := fs.requests(); len(got) != 1 {
				t.Errorf("server saw %v, want the POST alone", got)
			}
			if d.m.deep != nil || d.m.results.FollowupsRunning() {
				t.Error("follow-ups started for a POST")
			}
			if s := d.screen(); !strings.Contains(s, "only safe methods get follow-ups (GET, HEAD, OPTIONS), not POST: none sent") {
				t.Errorf("no refusal on screen:\n%s", s)
			}
		})
	}
}

// TestFollowupsStaleDropped: the outcome of an earlier run of follow-ups, arriving while a
// newer one runs, is dropped; the newer run still shows as running.
func TestFollowupsStaleDropped(t *testing.T) {
	t.Parallel()
	fs := &fileServer{block: true, gone: make(chan struct{})}
	d := deepDriver(t, fs, "GET")
	d.send(keyPress("d"))
	d.until("the first follow-up", 5*time.Second, func(Model) bool { return len(fs.requests()) > 1 })
	running := d.m.deepID
	d.send(followupsMsg{id: running - 1, fs: []probe.Followup{{Why: "from an earlier run"}}, findings: [][]check.Finding{nil}})
	if s := d.screen(); strings.Contains(s, "from an earlier run") || !strings.Contains(s, "esc cancels") {
		t.Errorf("a stale outcome was shown:\n%s", s)
	}
	if d.m.deep == nil || d.m.deep.id != running || !d.m.results.FollowupsRunning() {
		t.Error("a stale outcome ended the running follow-ups")
	}
	d.press("esc")
}
